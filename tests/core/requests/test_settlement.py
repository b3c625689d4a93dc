"""An imported outgoing payment marks paid the approved request it pays (or gives its payment to one marked
paid by hand); payments that do not fit settle nothing; a request number in the purpose decides."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from desktop.core.db import Database
from desktop.core.models import BankPayment, PaymentRequest, PaymentStatus, RequestStatus
from desktop.core.requests import settlement
from tests.factories.requests import ACCOUNTANT, to_status


def outgoing(session: Session, request: PaymentRequest, **changes: Any) -> BankPayment:
    values: dict[str, Any] = dict(
        fingerprint=f"fp-{request.id}-{changes.get('number', '77')}-{changes.get('amount', '')}",
        direction="out",
        own_entity_id=request.own_entity_id,
        own_account=request.own_entity.primary_account.account,  # type: ignore[union-attr]
        number="77",
        date=dt.date(2026, 11, 25),
        amount=request.amount,
        payee_name=request.contractor_name,
        payee_inn=request.contractor_inn,
        payee_account=request.contractor_account,
        payee_bik=request.contractor_bik,
        purpose=request.purpose,
        imported_by=ACCOUNTANT,
    )
    values.update(changes)
    payment = BankPayment(**values)
    session.add(payment)
    session.flush()
    return payment


def test_an_imported_outgoing_payment_marks_the_approved_request_paid(
    db: Database, parties: dict[str, int]
) -> None:
    request_id = to_status(db, parties, RequestStatus.APPROVED)
    with db.transaction() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        payment = outgoing(session, request)
        settled = settlement.settle_outgoing(session, payment)
        assert settled is request
    with db.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None and request.payment is not None
        assert request.status == RequestStatus.PAID
        assert request.paid_at == dt.date(2026, 11, 25)
        assert request.payment.status == PaymentStatus.ALLOCATED
        assert request.payment.allocated_amount == request.amount
        assert request.payment.counterparty_id == parties["contractor"]
        last = request.history[-1]
        assert (last.user_login, last.from_status, last.to_status) == (ACCOUNTANT, "approved", "paid")
        assert last.comment == "Оплачено по выписке: п/п № 77 от 25.11.2026"


def test_payments_that_do_not_fit_settle_nothing(db: Database, parties: dict[str, int]) -> None:
    approval = to_status(db, parties, RequestStatus.APPROVAL)
    approved = to_status(db, parties, RequestStatus.APPROVED)
    with db.transaction() as session:
        request = session.get(PaymentRequest, approved)
        waiting = session.get(PaymentRequest, approval)
        assert request is not None and waiting is not None
        assert (
            settlement.settle_outgoing(session, outgoing(session, request, amount=Decimal("12199.99")))
            is None
        )
        assert (
            settlement.settle_outgoing(
                session, outgoing(session, request, payee_account="40702810900000000001", number="2")
            )
            is None
        )
        assert (
            settlement.settle_outgoing(
                session, outgoing(session, request, own_entity_id=parties["entity2"], number="3")
            )
            is None
        )
        incoming = outgoing(session, request, direction="in", number="4")
        assert settlement.settle_outgoing(session, incoming) is None
        assert request.status == RequestStatus.APPROVED and waiting.status == RequestStatus.APPROVAL
        first = outgoing(session, request, number="5")
        assert settlement.settle_outgoing(session, first) is request
        assert (
            settlement.settle_outgoing(session, outgoing(session, request, number="6")) is None
        )  # no second payment for it


def test_the_request_number_in_the_purpose_picks_among_equal_requests(
    db: Database, parties: dict[str, int]
) -> None:
    first = to_status(db, parties, RequestStatus.APPROVED)
    second = to_status(db, parties, RequestStatus.APPROVED)
    with db.transaction() as session:
        request = session.get(PaymentRequest, second)
        assert request is not None and request.number == "2"
        payment = outgoing(
            session, request, purpose="Оплата по заявке № 2 за услуги связи. В т.ч. НДС (22%) 2 200.00 руб."
        )
        assert settlement.settle_outgoing(session, payment) is request
        other = session.get(PaymentRequest, first)
        assert other is not None
        plain = outgoing(session, other, number="90")
        assert settlement.settle_outgoing(session, plain) is other


def test_a_request_marked_paid_by_hand_gets_the_payment_from_the_statement(
    db: Database, parties: dict[str, int]
) -> None:
    by_hand = to_status(db, parties, RequestStatus.PAID)  # marked paid by the accountant on TODAY
    waiting = to_status(db, parties, RequestStatus.APPROVED)
    with db.transaction() as session:
        request = session.get(PaymentRequest, by_hand)
        assert request is not None
        payment = outgoing(session, request)
        assert settlement.settle_outgoing(session, payment) is request
        assert request.status == RequestStatus.PAID and request.paid_at == payment.date
        assert payment.status == PaymentStatus.ALLOCATED
        assert (request.history[-1].from_status, request.history[-1].to_status) == (None, None)
        assert request.history[-1].comment == "Платёж из выписки: п/п № 77 от 25.11.2026"
        second = outgoing(session, request, number="78")
        assert settlement.settle_outgoing(session, second) is session.get(PaymentRequest, waiting)
