"""Payment requests marked paid from an imported bank statement: the outgoing payment that pays an
approved request (or one marked paid by hand) settles it (``settle_outgoing``, called by the import)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.common.events import acting_login, log_event
from desktop.core.models import BankPayment, PaymentDirection, PaymentRequest, PaymentStatus, RequestStatus
from desktop.core.requests.export import order_number
from desktop.core.requests.workflow import apply

# «заявка № 12», «по заявке N12», «заявки №12»
_REQUEST_REF = re.compile(r"заявк[а-яё]*\s*(?:№|N|#)?\s*(\d{1,9})", re.IGNORECASE)


def request_refs(purpose: str) -> set[str]:
    """Request numbers quoted in a payment purpose («по заявке № 12»)."""
    return {match.group(1).lstrip("0") for match in _REQUEST_REF.finditer(purpose or "")}


def settle_outgoing(session: Session, payment: BankPayment) -> PaymentRequest | None:
    """Mark paid the approved request an imported outgoing payment pays, or return None.

    A request qualifies when it is approved (exported or not) — or marked paid by hand without a
    payment behind it yet — for the same payer entity, payee INN, payee account and amount. Among
    several, the one whose number the purpose quotes wins, then an exported one whose order number
    the payment carries, then one already marked paid by hand, then an exported one, then the one
    due first. The request, its history and the payment change in the caller's transaction; the
    event is written by the user who imported the statement.
    """
    if payment.direction != PaymentDirection.OUTGOING:
        return None
    query = select(PaymentRequest).where(
        PaymentRequest.status.in_((RequestStatus.APPROVED, RequestStatus.PAID)),
        PaymentRequest.payment_id.is_(None),
        PaymentRequest.contractor_inn == (payment.payee_inn or "").strip(),
        PaymentRequest.contractor_account == (payment.payee_account or "").strip(),
        PaymentRequest.amount == payment.amount,
    )
    if payment.own_entity_id is not None:
        query = query.where(PaymentRequest.own_entity_id == payment.own_entity_id)
    candidates = list(session.scalars(query.order_by(PaymentRequest.pay_by, PaymentRequest.id)))
    if not candidates:
        return None
    chosen = _choose(candidates, payment)
    login = acting_login(session, payment.imported_by)
    previous = chosen.status
    what = f"п/п № {payment.number or '—'} от {payment.date:%d.%m.%Y}"
    session.flush()  # the payment has its id
    note = f"Платёж из выписки: {what}" if previous == RequestStatus.PAID else f"Оплачено по выписке: {what}"
    apply(session, chosen, "settle", login, note, paid_on=payment.date, payment_id=payment.id)
    payment.status = PaymentStatus.ALLOCATED
    payment.allocated_amount = payment.amount
    if payment.counterparty_id is None and chosen.counterparty_id is not None:
        payment.counterparty_id = chosen.counterparty_id
    session.flush()
    log_event(
        session,
        "payment_request",
        chosen.id,
        "paid",
        {"payment_id": payment.id, "date": payment.date, "amount": payment.amount},
        user=login,
    )
    return chosen


def _choose(candidates: list[PaymentRequest], payment: BankPayment) -> PaymentRequest:
    quoted = request_refs(payment.purpose)
    by_quote = [r for r in candidates if r.number.lstrip("0") in quoted]
    if by_quote:
        return by_quote[0]
    number = (payment.number or "").strip().lstrip("0")
    by_order = [r for r in candidates if r.exported_at is not None and order_number(r).lstrip("0") == number]
    if by_order:
        return by_order[0]
    by_hand = [r for r in candidates if r.status == RequestStatus.PAID]
    exported = [r for r in candidates if r.exported_at is not None]
    return (by_hand or exported or candidates)[0]
