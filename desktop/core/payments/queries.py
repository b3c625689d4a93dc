"""What the Payments tab shows: the unallocated queue grouped by region and manager, the payments
behind an invoice, and the open invoices a payment may be assigned to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.core.models import (
    BankPayment,
    Counterparty,
    Document,
    OwnEntity,
    PaymentAllocation,
    PaymentDirection,
    PaymentStatus,
    User,
)
from desktop.core.payments.allocation import CONFIDENCE_RU, payable_clause

NO_CLIENT = "без клиента"


@dataclass(frozen=True)
class QueuedPayment:
    """An incoming payment with money not yet applied to any invoice."""

    id: int
    date: dt.date
    number: str
    amount: Decimal
    free: Decimal
    payer_name: str
    payer_inn: str
    purpose: str
    entity: str
    counterparty_id: int | None
    client: str | None
    region: str | None
    manager: str | None
    source_file: str

    @property
    def group(self) -> str:
        """«Москва — Смирнов Алексей Игоревич», or «без клиента» when the payer is not in the directory."""
        if self.counterparty_id is None:
            return NO_CLIENT
        return f"{self.region or 'регион не указан'} — {self.manager or 'менеджер не назначен'}"


def unallocated_payments(session: Session, own_entity_id: int | None = None) -> list[QueuedPayment]:
    """Incoming payments with a free amount (unallocated, or an overpayment's remainder)."""
    stmt = (
        select(
            BankPayment.id,
            BankPayment.date,
            BankPayment.number,
            BankPayment.amount,
            BankPayment.allocated_amount,
            BankPayment.payer_name,
            BankPayment.payer_inn,
            BankPayment.purpose,
            OwnEntity.short_name,
            BankPayment.counterparty_id,
            Counterparty.short_name,
            Counterparty.region,
            User.full_name,
            BankPayment.source_file,
        )
        .outerjoin(OwnEntity, OwnEntity.id == BankPayment.own_entity_id)
        .outerjoin(Counterparty, Counterparty.id == BankPayment.counterparty_id)
        .outerjoin(User, User.id == Counterparty.manager_id)
        .where(
            BankPayment.direction == PaymentDirection.INCOMING,
            BankPayment.status.in_((PaymentStatus.UNALLOCATED, PaymentStatus.PARTIAL)),
        )
        .order_by(BankPayment.date, BankPayment.id)
    )
    if own_entity_id is not None:
        stmt = stmt.where(BankPayment.own_entity_id == own_entity_id)
    out = []
    for row in session.execute(stmt):
        amount = Decimal(row[3])
        out.append(
            QueuedPayment(
                id=row[0],
                date=row[1],
                number=row[2],
                amount=amount,
                free=amount - Decimal(row[4] or 0),
                payer_name=row[5],
                payer_inn=row[6],
                purpose=row[7],
                entity=row[8] or "",
                counterparty_id=row[9],
                client=row[10],
                region=row[11],
                manager=row[12],
                source_file=row[13],
            )
        )
    return out


def grouped(payments: Sequence[QueuedPayment]) -> list[tuple[str, list[QueuedPayment]]]:
    """Payments by region and manager (alphabetically), «без клиента» last."""
    groups: dict[str, list[QueuedPayment]] = {}
    for payment in payments:
        groups.setdefault(payment.group, []).append(payment)
    return sorted(groups.items(), key=lambda item: (item[0] == NO_CLIENT, item[0]))


@dataclass(frozen=True)
class DocumentPayment:
    """One allocation behind an invoice: which payment, how much of it went here, how it was matched."""

    payment_id: int
    date: dt.date
    number: str
    payer_name: str
    payment_amount: Decimal
    amount: Decimal
    confidence: str
    created_by: str

    @property
    def confidence_text(self) -> str:
        return CONFIDENCE_RU.get(self.confidence, self.confidence)


def payments_of_document(session: Session, document_id: int) -> list[DocumentPayment]:
    rows = session.execute(
        select(
            BankPayment.id,
            BankPayment.date,
            BankPayment.number,
            BankPayment.payer_name,
            BankPayment.amount,
            PaymentAllocation.amount,
            PaymentAllocation.confidence,
            PaymentAllocation.created_by,
        )
        .join(BankPayment, BankPayment.id == PaymentAllocation.payment_id)
        .where(PaymentAllocation.document_id == document_id)
        .order_by(BankPayment.date, BankPayment.id)
    )
    return [
        DocumentPayment(r[0], r[1], r[2], r[3], Decimal(r[4]), Decimal(r[5]), r[6], r[7] or "") for r in rows
    ]


@dataclass(frozen=True)
class InvoiceChoice:
    """An open invoice offered in the manual allocation dialog."""

    id: int
    number: str
    date: dt.date
    period: str
    stage: str
    client: str
    inn: str
    total: Decimal
    unpaid: Decimal


def invoice_choices(
    session: Session,
    own_entity_id: int | None,
    *,
    search: str = "",
    counterparty_id: int | None = None,
    include_paid: bool = False,
    limit: int = 300,
) -> list[InvoiceChoice]:
    """Payable documents of an own entity: the client's first, then by date (oldest first)."""
    stmt = (
        select(
            Document.id,
            Document.number,
            Document.date,
            Document.period,
            Document.stage,
            Counterparty.short_name,
            Counterparty.inn,
            Document.amount_total,
            Document.paid_amount,
        )
        .join(Counterparty, Counterparty.id == Document.counterparty_id)
        .where(payable_clause())
    )
    if own_entity_id is not None:
        stmt = stmt.where(Document.own_entity_id == own_entity_id)
    if not include_paid:
        stmt = stmt.where(Document.paid_amount < Document.amount_total)
    text = search.strip()
    if text:
        pattern = f"%{text}%"
        stmt = stmt.where(
            or_(
                Document.number.ilike(pattern),
                Counterparty.short_name.ilike(pattern),
                Counterparty.inn.like(pattern),
            )
        )
    if counterparty_id is not None:
        stmt = stmt.order_by((Document.counterparty_id != counterparty_id), Document.date, Document.id)
    else:
        stmt = stmt.order_by(Document.date, Document.id)
    return [
        InvoiceChoice(
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], Decimal(r[7]), Decimal(r[7]) - Decimal(r[8] or 0)
        )
        for r in session.execute(stmt.limit(limit))
    ]
