"""Payment requests in a database (builders, no tests here): users of every role, two own entities with
accounts, a contractor and a sole trader with full requisites; a draft to the contractor and the steps
that bring a request to any status."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from desktop.core.common.identifiers import make_account, make_corr_account, make_inn10, make_inn12, make_kpp
from desktop.core.db import Database
from desktop.core.models import (
    ApprovalRule,
    BankAccount,
    Counterparty,
    OwnEntity,
    PaymentRequest,
    RequestStatus,
    User,
)
from desktop.core.requests import workflow
from desktop.core.requests.permissions import Action
from desktop.core.requests.validation import RequestInput
from tests.factories.logins import People

TODAY = dt.date(2026, 11, 23)  # a Monday


OWN_BIK = "044525225"


CONTRACTOR_BIK = "044525974"


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


INITIATOR, OTHER_MANAGER, APPROVER, ACCOUNTANT, ADMIN = (
    "m.smirnov",
    "m.kozlova",
    "fin.director",
    "buh.ivanova",
    "admin",
)


USERS = (
    (INITIATOR, "Смирнов Алексей Игоревич", "manager"),
    (OTHER_MANAGER, "Козлова Анна Дмитриевна", "manager"),
    (APPROVER, "Волков Сергей Николаевич", "approver"),
    (ACCOUNTANT, "Иванова Мария Петровна", "accountant"),
    (ADMIN, "Администратор AktDesk", "admin"),
)


def setup_parties(session: Session, seed: int = 5, *, users: bool = True) -> dict[str, Any]:
    """Users of every role (``users``: their rows; on PostgreSQL ``people_parties`` makes real logins),
    two own entities with accounts, a contractor with full requisites."""
    rng = random.Random(seed)
    for login, name, role in USERS if users else ():
        session.add(User(login=login, full_name=name, role=role, is_active=True))
    entities = []
    for short, region in (("ООО «АктСервис»", "77"), ("ООО «АктСервис СПб»", "78")):
        inn = make_inn10(rng, region)
        entity = OwnEntity(
            short_name=short,
            full_name=f"Общество с ограниченной ответственностью {short[4:]}",
            inn=inn,
            kpp=make_kpp(inn, rng),
            director_name="Волков С. Н.",
            bank_accounts=[
                BankAccount(
                    bank_name="ПАО СБЕРБАНК",
                    bik=OWN_BIK,
                    corr_account=make_corr_account(OWN_BIK),
                    account=make_account(OWN_BIK, "40702", rng),
                    is_primary=True,
                )
            ],
        )
        session.add(entity)
        entities.append(entity)
    inn = make_inn10(rng, "77")
    contractor = Counterparty(
        short_name="ООО «Связьком»",
        full_name="Общество с ограниченной ответственностью «Связьком»",
        inn=inn,
        kpp=make_kpp(inn, rng),
        bank_name="АО «ТБанк»",
        bik=CONTRACTOR_BIK,
        account=make_account(CONTRACTOR_BIK, "40702", rng),
        corr_account=make_corr_account(CONTRACTOR_BIK),
    )
    trader_inn = make_inn12(rng, "50")
    trader = Counterparty(
        kind="entrepreneur",
        short_name="ИП Кузнецов Олег Павлович",
        full_name="Индивидуальный предприниматель Кузнецов Олег Павлович",
        inn=trader_inn,
        bank_name="ПАО СБЕРБАНК",
        bik=OWN_BIK,
        account=make_account(OWN_BIK, "40802", rng),
        corr_account=make_corr_account(OWN_BIK),
    )
    session.add_all([contractor, trader])
    session.flush()
    return {"entity": entities[0], "entity2": entities[1], "contractor": contractor, "trader": trader}


def draft_input(parties: dict[str, Any], **changes: Any) -> RequestInput:
    """A complete request to the contractor, requisites left to the counterparty card."""
    base = RequestInput(
        own_entity_id=parties["entity"].id,
        subject="за услуги связи по счёту № 45 от 02.11.2026",
        counterparty_id=parties["contractor"].id,
        amount=Decimal("12200.00"),
        currency="RUB",
        vat_rate="22%",
        pay_by=TODAY + dt.timedelta(days=3),
    )
    return replace(base, **changes)


Actors = Database | People  # one SQLite database for everyone, or each person's PostgreSQL login


def connection(actors: Actors, login: str) -> tuple[Database, str | None]:
    """The database ``login`` acts on, and the login to pass (None on PostgreSQL: the connection says it)."""
    if isinstance(actors, People):
        return actors.db(login), None
    return actors, login


def people_parties(people: People) -> dict[str, int]:
    """On PostgreSQL: a login for each of ``USERS`` and the parties, made by the owner."""
    for login, name, role in USERS:
        people.add(login, role, name)
    with people.owner.transaction() as session:
        return {k: v.id for k, v in setup_parties(session, users=False).items()}


def create(actors: Actors, parties: dict[str, int], login: str = INITIATOR, **changes: Any) -> int:
    db, login_ = connection(actors, login)
    with db.transaction() as session:
        objects = {
            k: session.get(OwnEntity if k.startswith("entity") else Counterparty, v)
            for k, v in parties.items()
        }
        return workflow.create_request(session, draft_input(objects, **changes), login=login_, today=TODAY).id


def act(actors: Actors, request_id: int, action: Action, login: str, comment: str = "") -> PaymentRequest:
    db, login_ = connection(actors, login)
    with db.transaction() as session:
        return workflow.transition(session, request_id, action, login=login_, comment=comment, paid_on=TODAY)


def to_status(actors: Actors, parties: dict[str, int], status: str, **changes: Any) -> int:
    request_id = create(actors, parties, **changes)
    steps = {
        RequestStatus.DRAFT: [],
        RequestStatus.APPROVAL: [(Action.SUBMIT, INITIATOR)],
        RequestStatus.APPROVED: [(Action.SUBMIT, INITIATOR), (Action.APPROVE, APPROVER)],
        RequestStatus.PAID: [
            (Action.SUBMIT, INITIATOR),
            (Action.APPROVE, APPROVER),
            (Action.PAY, ACCOUNTANT),
        ],
        RequestStatus.REJECTED: [(Action.SUBMIT, INITIATOR), (Action.REJECT, APPROVER)],
    }[RequestStatus(status)]
    for action, login in steps:
        act(actors, request_id, action, login, comment="нет" if action == Action.REJECT else "")
    return request_id


def owner_db(actors: Actors) -> Database:
    """The database the test's setup writes with (PostgreSQL: the owner's login)."""
    return actors.owner if isinstance(actors, People) else actors


def real_login(actors: Actors, who: str) -> str:
    """The login ``who`` is stored under: itself on SQLite, their own login on PostgreSQL."""
    return actors.login(who) if isinstance(actors, People) else who


def add_person(actors: Actors, who: str, role: str, full_name: str, email: str | None = None) -> str:
    if isinstance(actors, People):
        return actors.add(who, role, full_name, email=email)
    with actors.transaction() as session:
        session.add(User(login=who, full_name=full_name, role=role, email=email, is_active=True))
    return who


def add_rule(
    actors: Actors,
    entity_id: int,
    stage: int,
    who: str,
    title: str,
    above: str = "0",
    budget_item_id: int | None = None,
) -> None:
    with owner_db(actors).transaction() as session:
        session.add(
            ApprovalRule(
                own_entity_id=entity_id,
                stage=stage,
                approver_login=real_login(actors, who),
                title=title,
                amount_above=Decimal(above),
                budget_item_id=budget_item_id,
            )
        )
