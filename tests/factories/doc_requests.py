"""Document requests in a database (builders, no tests here): the parties of the payment-request
factory (users of every role, two own entities in regions «77» and «78», a legal client with full
requisites, a sole trader), a person client, services of the catalogue; a standard request."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from desktop.core.common.catalog import seed_units
from desktop.core.common.identifiers import make_inn12
from desktop.core.doc_requests.validation import RequestInput, RequestLine
from desktop.core.models import Counterparty, Service
from tests.factories.requests import setup_parties

TODAY = dt.date(2026, 12, 2)
MONTHLY_FEE = Decimal("15000.00")


def setup(session: Session, *, users: bool = True) -> dict[str, int]:
    """Ids of: entity, entity2, client (legal, full requisites), trader, person, service, service_usn."""
    found = setup_parties(session, users=users)
    client: Counterparty = found["contractor"]
    client.legal_address = "101000, г. Москва, ул. Мясницкая, д. 1"
    client.director_name = "Петров Пётр Петрович"
    client.director_position = "Генеральный директор"
    client.emails = "buh@svyazcom.example"
    found["trader"].legal_address = "141000, г. Мытищи, ул. Мира, д. 2"
    rng = random.Random(11)
    person = Counterparty(
        kind="person",
        short_name="Орлова Мария Сергеевна",
        full_name="Орлова Мария Сергеевна",
        inn=make_inn12(rng, "77"),
        legal_address="125000, г. Москва, ул. Тверская, д. 5, кв. 7",
    )
    session.add(person)
    seed_units(session)
    service = Service(name="Абонентское обслуживание 1С", unit_code="362")
    usn_service = Service(name="Консультация по УСН", unit_code="362", vat_rate="5%")
    session.add_all([service, usn_service])
    session.flush()
    return {
        "entity": found["entity"].id,
        "entity2": found["entity2"].id,
        "client": client.id,
        "trader": found["trader"].id,
        "person": person.id,
        "service": service.id,
        "service_usn": usn_service.id,
    }


def standard_input(ids: dict[str, int], **changes: Any) -> RequestInput:
    """A new contract and its 100% invoice for the legal client, one service at the monthly fee."""
    base = RequestInput(
        own_entity_id=ids["entity"],
        counterparty_id=ids["client"],
        wanted=("contract", "invoice"),
        template="services",
        payment_terms="prepay100",
        contract_date=TODAY,
        invoice_date=TODAY,
        valid_from=dt.date(2026, 12, 1),
        valid_to=dt.date(2027, 11, 30),
        lines=[RequestLine(ids["service"], Decimal(1), MONTHLY_FEE)],
    )
    return replace(base, **changes)
