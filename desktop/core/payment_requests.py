"""Outgoing payment requests (заявки на оплату): drafts, approval workflow, export and settlement."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.events import current_login, log_event
from desktop.core.models import (
    BankPayment,
    PaymentDirection,
    PaymentRequest,
    PaymentStatus,
    RequestEvent,
    RequestStatus,
)

# «заявка № 12», «по заявке N12», «заявки №12»
_REQUEST_REF = re.compile(r"заявк[а-яё]*\s*(?:№|N|#)?\s*(\d{1,9})", re.IGNORECASE)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def order_number(request: PaymentRequest) -> str:
    """The number of the payment order written for a request: its sequence number, digits only.

    Banks refuse order numbers ending in «000» (DOMAIN.md §8.6), so such a number gets a trailing 1.
    """
    number = str(request.seq % 1_000_000)
    if number.endswith("000"):
        number = (number + "1")[-6:]
    return number


def request_refs(purpose: str) -> set[str]:
    """Request numbers quoted in a payment purpose («по заявке № 12»)."""
    return {match.group(1).lstrip("0") for match in _REQUEST_REF.finditer(purpose or "")}


def settle_outgoing(session: Session, payment: BankPayment) -> PaymentRequest | None:
    """Mark paid the approved request an imported outgoing payment pays, or return None.

    A request qualifies when it is approved (exported or not), not yet settled, for the same payer
    entity, payee INN, payee account and amount. Among several, the one whose number the purpose
    quotes wins, then an exported one whose order number the payment carries, then the one due
    first. The request, its history and the payment change in the caller's transaction.
    """
    if payment.direction != PaymentDirection.OUTGOING:
        return None
    query = select(PaymentRequest).where(
        PaymentRequest.status == RequestStatus.APPROVED,
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
    login = payment.imported_by or current_login()
    previous = chosen.status
    chosen.status = RequestStatus.PAID
    chosen.paid_at = payment.date
    chosen.payment = payment
    if payment.id is not None:
        chosen.payment_id = payment.id
    chosen.history.append(
        RequestEvent(
            at=_now(),
            user_login=login,
            from_status=previous,
            to_status=RequestStatus.PAID,
            comment=f"Оплачено по выписке: п/п № {payment.number or '—'} от {payment.date:%d.%m.%Y}",
        )
    )
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
    by_quote = [r for r in candidates if r.number.lstrip("0") in quoted or str(r.seq) in quoted]
    if by_quote:
        return by_quote[0]
    number = (payment.number or "").strip().lstrip("0")
    by_order = [r for r in candidates if r.exported_at is not None and order_number(r).lstrip("0") == number]
    if by_order:
        return by_order[0]
    exported = [r for r in candidates if r.exported_at is not None]
    return (exported or candidates)[0]
