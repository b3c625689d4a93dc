"""Operations of the payment screens (each takes a :class:`Database` and returns plain data)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from desktop.core.db import Database
from desktop.core.errors import ValidationError
from desktop.core.models import BankPayment
from desktop.core.payments.allocation import Part, allocate, free_amount, set_ignored, suggest, unallocate
from desktop.core.payments.matching import MatchResult
from desktop.core.payments.queries import (
    DocumentPayment,
    InvoiceChoice,
    QueuedPayment,
    invoice_choices,
    payments_of_document,
    unallocated_payments,
)


def payments_behind(database: Database, document_id: int) -> list[DocumentPayment]:
    """The payments applied to a document."""
    with database.session() as session:
        return payments_of_document(session, document_id)


def queued_payments(database: Database) -> list[QueuedPayment]:
    """The receipts nobody has applied yet."""
    with database.session() as session:
        return unallocated_payments(session)


def undo_allocation(database: Database, payment_id: int, document_id: int) -> None:
    with database.transaction() as session:
        unallocate(session, payment_id, [document_id])


def ignore_payment(database: Database, payment_id: int) -> None:
    """Not a client's payment (a refund, a loan, a transfer): out of the queue."""
    with database.transaction() as session:
        set_ignored(session, payment_id, True)


@dataclass(frozen=True)
class PaymentToAssign:
    """A payment with what is still free of it and the matcher's suggestion, for the allocation dialog."""

    payment: BankPayment  # detached
    free: Decimal
    match: MatchResult


def payment_to_assign(database: Database, payment_id: int) -> PaymentToAssign:
    with database.session() as session:
        payment = session.get(BankPayment, payment_id)
        if payment is None:
            raise ValidationError("Платёж не найден — возможно, его удалили.")
        return PaymentToAssign(payment, free_amount(payment), suggest(session, payment))


def assignable_invoices(
    database: Database, own_entity_id: int | None, *, search: str = "", counterparty_id: int | None = None
) -> list[InvoiceChoice]:
    with database.session() as session:
        return invoice_choices(session, own_entity_id, search=search, counterparty_id=counterparty_id)


def assign_payment(
    database: Database, payment_id: int, parts: Sequence[Part], *, confirm_overpayment: bool = False
) -> None:
    """Apply a payment by hand (``allocate``), in one transaction."""
    with database.transaction() as session:
        allocate(session, payment_id, parts, confirm_overpayment=confirm_overpayment)
