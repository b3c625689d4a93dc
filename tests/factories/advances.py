"""A VAT-paying company with prepayment contracts, its months closed and receipts on its prepayment
invoices (builders, no tests here): what the «Авансы» view and ``books advances`` work on."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from desktop.core.closing import plan as closing
from desktop.core.db import Database
from desktop.core.models import (
    BankAccount,
    BankPayment,
    Contract,
    ContractLine,
    Counterparty,
    Document,
    OwnEntity,
    PaymentAllocation,
    Service,
    Unit,
)
from desktop.core.payments.allocation import Part, allocate

ENTITY_INN = "7707083893"
ENTITY_ACCOUNT = "40702810200000012345"
FREE_INN = "7736207543"  # the entity on the simplified system (no VAT)
FREE_ACCOUNT = "40702810200000054321"
CLIENT_INN = "7702070139"


@dataclass
class AdvanceWorld:
    entity_id: int
    free_entity_id: int
    full: int  # contract ids: 100% prepayment (act + invoice), 70/30 (UPD), 100% of the entity without VAT
    seventy: int
    free: int
    invoices: dict[str, int] = field(default_factory=dict)  # "full-2026-11" → the prepayment invoice id


def _entity(short: str, inn: str, account: str, regime: str) -> OwnEntity:
    entity = OwnEntity(
        short_name=short,
        full_name=f"Общество с ограниченной ответственностью {short}",
        inn=inn,
        kpp="773601001",
        vat_regime=regime,
        legal_address="г. Москва, ул. Тверская, д. 1",
        director_name="Иванов Иван Иванович",
        accountant_name="Петрова Мария Сергеевна",
    )
    entity.bank_accounts = [
        BankAccount(
            bank_name="ПАО СБЕРБАНК",
            bik="044525225",
            corr_account="30101810400000000225",
            account=account,
            is_primary=True,
        )
    ]
    return entity


def advance_world(
    database: Database, close: tuple[str, ...] = ("2026-10",), today: dt.date | None = None
) -> AdvanceWorld:
    """Two own entities (VAT 22% and without VAT), one client, three prepayment contracts; the months
    ``close`` closed (each issues the prepayment invoices of the next month, dated at its end)."""
    with database.transaction() as session:
        if session.get(Unit, "362") is None:
            session.add(Unit(code="362", name="Месяц", short_name="мес"))
        support = Service(name="Абонентское обслуживание компьютерной техники", unit_code="362")
        hosting = Service(name="Размещение сервера в дата-центре", unit_code="362")
        entity = _entity("ООО «АктСервис»", ENTITY_INN, ENTITY_ACCOUNT, "vat22")
        free = _entity("ООО «Простые решения»", FREE_INN, FREE_ACCOUNT, "no_vat")
        client = Counterparty(
            short_name="ООО «Лютик»",
            full_name="Общество с ограниченной ответственностью «Лютик»",
            inn=CLIENT_INN,
            kpp="770201001",
            legal_address="г. Москва, ул. Садовая, д. 5",
            emails="buh@lutik.ru",
        )
        session.add_all([support, hosting, entity, free, client])
        session.flush()

        def contract(
            number: str, seller: OwnEntity, terms: str, documents: str, prices: list[str]
        ) -> Contract:
            row = Contract(
                own_entity_id=seller.id,
                counterparty_id=client.id,
                number=number,
                date=dt.date(2026, 1, 1),
                valid_from=dt.date(2026, 1, 1),
                subject="абонентское обслуживание",
                payment_terms=terms,
                documents=documents,
                lines=[
                    ContractLine(position=pos, service=service, quantity=Decimal(1), price=Decimal(price))
                    for pos, (service, price) in enumerate(
                        zip((support, hosting), prices, strict=False), start=1
                    )
                ],
            )
            session.add(row)
            session.flush()
            return row

        full = contract("АВ-2026/1", entity, "prepay100", "act_invoice", ["10000.00", "2000.00"])
        seventy = contract("АВ-2026/2", entity, "prepay70", "upd", ["20000.00"])
        without = contract("ПР-2026/1", free, "prepay100", "act_invoice", ["5000.00"])
        world = AdvanceWorld(entity.id, free.id, full.id, seventy.id, without.id)
    for period in close:
        with database.session() as session:
            plan = closing.plan(session, period, today=today)
        result = closing.execute(database, plan, user="buh.ivanova", today=today)
        assert result.errors == [], result.errors
    with database.session() as session:
        for doc in session.scalars(
            select(Document).where(Document.kind == "invoice", Document.stage == "prepay")
        ):
            name = {world.full: "full", world.seventy: "seventy", world.free: "free"}[doc.contract_id]
            world.invoices[f"{name}-{doc.period}"] = doc.id
    return world


def receive(
    database: Database, invoice_id: int, day: dt.date, amount: str | None = None, number: str = ""
) -> int:
    """A client's receipt on the invoice, stored and allocated to it by hand; the allocation's id."""
    with database.transaction() as session:
        invoice = session.get(Document, invoice_id)
        assert invoice is not None
        entity = session.get(OwnEntity, invoice.own_entity_id)
        assert entity is not None
        money = Decimal(amount) if amount is not None else invoice.amount_total
        payment = BankPayment(
            fingerprint=uuid.uuid4().hex,
            direction="in",
            own_entity_id=entity.id,
            own_account=entity.bank_accounts[0].account,
            number=number or str(100 + invoice_id),
            date=day,
            amount=money,
            payer_name="ООО «Лютик»",
            payer_inn=CLIENT_INN,
            purpose=f"Оплата по счету № {invoice.number} от {invoice.date:%d.%m.%Y}",
            counterparty_id=invoice.counterparty_id,
        )
        session.add(payment)
        session.flush()
        allocate(session, payment.id, [Part(invoice_id, money)], user="buh.ivanova")
        allocation = session.scalar(
            select(PaymentAllocation).where(
                PaymentAllocation.payment_id == payment.id, PaymentAllocation.document_id == invoice_id
            )
        )
        assert allocation is not None
        return allocation.id


def prepay_invoice(database: Database, contract_id: int, period: str) -> int:
    """The id of the contract's current prepayment invoice for ``period``."""
    with database.session() as session:
        found = session.scalar(
            select(Document.id).where(
                Document.contract_id == contract_id,
                Document.kind == "invoice",
                Document.stage == "prepay",
                Document.period == period,
                Document.current.is_(True),
            )
        )
    assert found is not None
    return found
