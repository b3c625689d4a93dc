"""Money of incoming payments applied to invoices: automatic matches, manual allocation and its undoing.

What is paid is an invoice; for a contract whose documents are a UPD only (no invoice in the
period) the UPD is. ``Document.paid_amount`` always equals the sum of the allocations to it and
``BankPayment.allocated_amount`` the sum of the payment's allocations; both are recomputed from
the allocation rows in the same transaction that changes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.core.common.events import acting_login, log_event
from desktop.core.common.formats import format_date
from desktop.core.common.labels import kind_title
from desktop.core.common.money import format_money
from desktop.core.errors import ValidationError
from desktop.core.models import (
    BankPayment,
    Contract,
    Counterparty,
    Document,
    DocumentKind,
    DocumentSet,
    DocumentStatus,
    PaymentAllocation,
    PaymentDirection,
    PaymentStatus,
    PaymentTerms,
)
from desktop.core.payments.closed import notify_closed
from desktop.core.payments.matching import Confidence, MatchResult, OpenInvoice, match_payment

ZERO = Decimal("0.00")
KOPECK = Decimal("0.01")
MANUAL = "manual"
CONFIDENCE_CODES = {
    Confidence.NUMBER_DATE: "num_date",
    Confidence.NUMBER: "number",
    Confidence.AMOUNT: "amount",
    Confidence.INN: "inn",
}
CONFIDENCE_RU = {
    "num_date": "по номеру и дате счёта",
    "number": "по номеру счёта",
    "amount": "по сумме",
    "inn": "по ИНН плательщика",
    MANUAL: "вручную",
}


class OverpaymentError(ValidationError):
    """An allocation above what an invoice still waits for: allowed only when the user confirms it."""


def payable_clause(document: Any = Document) -> Any:
    """The documents money is applied to: current invoices, and the UPD of a UPD-only post-payment
    contract when its period has no invoice (the closing issues invoices for every prepaid contract,
    so there the invoices are paid, not the UPD).

    ``document`` is ``Document`` or an alias of it (the registry asks about the other documents of
    a row's sale)."""
    other = aliased(Document)
    contract = aliased(Contract)
    invoice_in_period = exists().where(
        other.contract_id == document.contract_id,
        other.period == document.period,
        other.kind == DocumentKind.INVOICE,
        other.current.is_(True),
    )
    upd_only = exists().where(
        contract.id == document.contract_id,
        contract.documents == DocumentSet.UPD,
        contract.payment_terms == PaymentTerms.POSTPAY,
    )
    return and_(
        document.current.is_(True),
        document.status != DocumentStatus.CANCELLED,
        or_(
            document.kind == DocumentKind.INVOICE,
            and_(document.kind == DocumentKind.UPD, upd_only, ~invoice_in_period),
        ),
    )


def open_documents(session: Session, own_entity_id: int) -> tuple[dict[int, OpenInvoice], set[int]]:
    """Every payable document of an own entity that still waits for money, by id, and which of them are UPDs."""
    rows = session.execute(
        select(
            Document.id,
            Document.number,
            Document.date,
            Counterparty.inn,
            Counterparty.kpp,
            Document.amount_total,
            Document.paid_amount,
            Document.kind,
        )
        .join(Counterparty, Counterparty.id == Document.counterparty_id)
        .where(
            Document.own_entity_id == own_entity_id,
            Document.paid_amount < Document.amount_total,
            payable_clause(),
        )
    )
    found: dict[int, OpenInvoice] = {}
    upds: set[int] = set()
    for doc_id, number, day, inn, kpp, total, paid, kind in rows:
        outstanding = Decimal(total) - Decimal(paid or 0)
        if outstanding > 0:
            found[doc_id] = OpenInvoice(doc_id, number, day, inn or "", kpp or "", outstanding)
            if kind == DocumentKind.UPD:
                upds.add(doc_id)
    return found, upds


def match_open(
    amount: Decimal, purpose: str, inn: str, kpp: str, open_now: dict[int, OpenInvoice], upds: set[int]
) -> MatchResult:
    """The matcher on invoices first, then with the UPDs too: invoices and UPDs are numbered apart, so
    «счёт № 1» must not be ambiguous because UPD № 1 of the same client exists."""
    invoices = [i for k, i in open_now.items() if k not in upds]
    first = match_payment(amount, purpose, inn, invoices, kpp)
    if first.auto_apply or not upds:
        return first
    return match_payment(amount, purpose, inn, list(open_now.values()), kpp)


def suggest(session: Session, payment: BankPayment) -> MatchResult:
    """What the matcher makes of a payment now (for the manual allocation dialog)."""
    if payment.own_entity_id is None:
        return match_payment(free_amount(payment), payment.purpose, payment.payer_inn, [], payment.payer_kpp)
    candidates, upds = open_documents(session, payment.own_entity_id)
    return match_open(
        free_amount(payment), payment.purpose, payment.payer_inn, payment.payer_kpp, candidates, upds
    )


def free_amount(payment: BankPayment) -> Decimal:
    return Decimal(payment.amount) - Decimal(payment.allocated_amount or 0)


def _lock_documents(session: Session, ids: Iterable[int]) -> dict[int, Document]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    # Row locks on PostgreSQL keep two users from over-allocating the same invoice; SQLite
    # writers already run one at a time (immediate transactions).
    documents = session.scalars(select(Document).where(Document.id.in_(ids)).with_for_update())
    return {d.id: d for d in documents}


def refresh_totals(session: Session, payment: BankPayment | None, document_ids: Iterable[int]) -> None:
    """Recompute paid amounts of documents and the allocated amount and status of a payment."""
    session.flush()
    ids = sorted(set(document_ids))
    if ids:
        sums: dict[int, Any] = {
            row[0]: row[1]
            for row in session.execute(
                select(PaymentAllocation.document_id, func.coalesce(func.sum(PaymentAllocation.amount), 0))
                .where(PaymentAllocation.document_id.in_(ids))
                .group_by(PaymentAllocation.document_id)
            )
        }
        for document in session.scalars(select(Document).where(Document.id.in_(ids))):
            document.paid_amount = Decimal(sums.get(document.id, 0)).quantize(KOPECK)
    if payment is not None:
        allocated = session.scalar(
            select(func.coalesce(func.sum(PaymentAllocation.amount), 0)).where(
                PaymentAllocation.payment_id == payment.id
            )
        )
        payment.allocated_amount = Decimal(allocated or 0).quantize(KOPECK)
        if payment.status != PaymentStatus.IGNORED:
            if payment.allocated_amount <= 0:
                payment.status = PaymentStatus.UNALLOCATED
            elif payment.allocated_amount >= payment.amount:
                payment.status = PaymentStatus.ALLOCATED
            else:
                payment.status = PaymentStatus.PARTIAL
    session.flush()


def _add(
    session: Session, payment: BankPayment, document_id: int, amount: Decimal, confidence: str, user: str
) -> None:
    existing = session.scalar(
        select(PaymentAllocation).where(
            PaymentAllocation.payment_id == payment.id, PaymentAllocation.document_id == document_id
        )
    )
    if existing is not None:
        existing.amount = Decimal(existing.amount) + amount
        existing.confidence = confidence
        existing.created_by = user
    else:
        session.add(
            PaymentAllocation(
                payment_id=payment.id,
                document_id=document_id,
                amount=amount,
                confidence=confidence,
                created_by=user,
            )
        )


def apply_match(session: Session, payment: BankPayment, result: MatchResult, user: str) -> list[int]:
    """Store an automatic match (``result.auto_apply``); returns the documents it paid."""
    if not result.auto_apply:
        return []
    for allocation in result.allocations:
        _add(
            session,
            payment,
            allocation.invoice_id,
            allocation.amount,
            CONFIDENCE_CODES[allocation.confidence],
            user,
        )
    ids = [a.invoice_id for a in result.allocations]
    refresh_totals(session, payment, ids)
    return ids


def _payment(session: Session, payment_id: int) -> BankPayment:
    payment = session.get(BankPayment, payment_id, with_for_update=True)
    if payment is None:
        raise ValidationError(f"Платёж (id {payment_id}) не найден — возможно, его удалили.")
    return payment


def describe_payment(payment: BankPayment) -> str:
    return f"платёж № {payment.number or '—'} от {format_date(payment.date)} на {format_money(payment.amount)} руб."


def _describe(document: Document) -> str:
    return f"{kind_title(document.kind)} № {document.number} от {format_date(document.date)}"


@dataclass(frozen=True)
class Part:
    """One line of a manual allocation: this much of the payment to this document."""

    document_id: int
    amount: Decimal


def allocate(
    session: Session,
    payment_id: int,
    parts: Sequence[Part],
    *,
    user: str | None = None,
    confirm_overpayment: bool = False,
) -> BankPayment:
    """Assign (part of) an incoming payment to invoices by hand, in the caller's transaction.

    Refused as a whole: more than the payment's free amount, a document that is not paid
    (an act, a replaced invoice), an invoice of another own entity; more than an invoice's unpaid
    amount raises ``OverpaymentError`` unless ``confirm_overpayment``.
    """
    user = acting_login(session, user)
    payment = _payment(session, payment_id)
    if payment.direction != PaymentDirection.INCOMING:
        raise ValidationError(
            f"{describe_payment(payment).capitalize()} — исходящий: он закрывает заявку на оплату, а не счёт."
        )
    if payment.status == PaymentStatus.IGNORED:
        raise ValidationError(
            f"{describe_payment(payment).capitalize()} помечен как не относящийся к клиентам — "
            "сначала верните его в работу."
        )
    merged: dict[int, Decimal] = {}
    for part in parts:
        merged[part.document_id] = merged.get(part.document_id, ZERO) + Decimal(part.amount)
    merged = {k: v for k, v in merged.items() if v != 0}
    if not merged:
        raise ValidationError("Не выбран ни один счёт: укажите сумму хотя бы у одного счёта.")
    documents = _lock_documents(session, merged)
    payable = set(session.scalars(select(Document.id).where(Document.id.in_(list(merged)), payable_clause())))
    problems: list[str] = []
    over: list[str] = []
    for document_id, amount in merged.items():
        document = documents.get(document_id)
        if document is None:
            problems.append(f"документ (id {document_id}) не найден")
            continue
        name = _describe(document)
        if amount < 0:
            problems.append(f"{name}: сумма {format_money(amount)} меньше нуля")
            continue
        if amount != amount.quantize(KOPECK):
            problems.append(f"{name}: сумма {amount} — не больше двух знаков после запятой")
            continue
        if document_id not in payable:
            problems.append(f"{name}: этот документ не оплачивается (оплачивается счёт, а без счёта — УПД)")
            continue
        if payment.own_entity_id is not None and document.own_entity_id != payment.own_entity_id:
            problems.append(
                f"{name} выставлен другим своим юрлицом, а платёж пришёл на счёт {payment.own_account}"
            )
            continue
        unpaid = Decimal(document.amount_total) - Decimal(document.paid_amount or 0)
        if amount > unpaid:
            over.append(
                f"{name}: осталось оплатить {format_money(max(unpaid, ZERO))}, а разносится {format_money(amount)} "
                f"(переплата {format_money(amount - max(unpaid, ZERO))})"
            )
    total = sum(merged.values(), ZERO)
    free = free_amount(payment)
    if total > free:
        problems.append(
            f"разносится {format_money(total)}, а свободный остаток ({describe_payment(payment)}) — {format_money(free)}"
        )
    if problems:
        raise ValidationError("Платёж не разнесён:\n— " + "\n— ".join(problems))
    if over and not confirm_overpayment:
        raise OverpaymentError(
            "Сумма больше, чем осталось оплатить:\n— " + "\n— ".join(over) + "\nПодтвердите переплату."
        )
    for document_id, amount in merged.items():
        _add(session, payment, document_id, amount, MANUAL, user)
    refresh_totals(session, payment, merged)
    log_event(
        session,
        "payment",
        payment.id,
        "allocate",
        {
            "allocations": [
                {"document_id": i, "number": documents[i].number, "amount": str(a)} for i, a in merged.items()
            ],
            "overpayment_confirmed": bool(over),
        },
        user=user,
    )
    notify_closed(session, list(merged), user=user)
    return payment


def unallocate(
    session: Session, payment_id: int, document_ids: Sequence[int] | None = None, *, user: str | None = None
) -> BankPayment:
    """Take a payment's money back from some (or all) of its documents, in the caller's transaction."""
    user = acting_login(session, user)
    payment = _payment(session, payment_id)
    stmt = select(PaymentAllocation).where(PaymentAllocation.payment_id == payment.id)
    if document_ids is not None:
        stmt = stmt.where(PaymentAllocation.document_id.in_(list(document_ids)))
    allocations = list(session.scalars(stmt))
    if not allocations:
        raise ValidationError(f"{describe_payment(payment).capitalize()} не разнесён на эти документы.")
    documents = _lock_documents(session, [a.document_id for a in allocations])
    removed = [
        {"document_id": a.document_id, "number": documents[a.document_id].number, "amount": str(a.amount)}
        for a in allocations
    ]
    for allocation in allocations:
        session.delete(allocation)
    session.flush()
    session.expire(payment, ["allocations"])
    refresh_totals(session, payment, documents)
    log_event(session, "payment", payment.id, "unallocate", {"allocations": removed}, user=user)
    return payment


def set_ignored(session: Session, payment_id: int, ignored: bool, *, user: str | None = None) -> BankPayment:
    """Mark a receipt as not a client payment (a refund, a loan) or bring it back to the queue."""
    user = acting_login(session, user)
    payment = _payment(session, payment_id)
    if ignored:
        if payment.allocations:
            raise ValidationError(
                f"{describe_payment(payment).capitalize()} уже разнесён на счета — сначала отмените разнесение."
            )
        payment.status = PaymentStatus.IGNORED
    else:
        payment.status = PaymentStatus.UNALLOCATED
        refresh_totals(session, payment, [])
    log_event(session, "payment", payment.id, "ignore" if ignored else "unignore", {}, user=user)
    return payment
