"""A deal is closed when its act is signed and its invoices are fully paid: tell the manager once.

The pair is (contract, period): the signed act (or UPD) of the period and every current invoice of
the same contract and period — for a 70/30 contract both the advance and the final invoice; with no
invoice in the period, the UPD itself must be paid. Checked after money is allocated and after a
scan marks an act signed; the notification goes to the contract's manager (else the client's
manager, else the user whose action closed it), once per act. The rule: docs/domain.md, «Signed and
closed».
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.common.events import acting_login, log_event
from desktop.core.common.formats import format_date
from desktop.core.common.labels import kind_title
from desktop.core.common.periods import period_short
from desktop.core.doc_requests.follow import follow_documents
from desktop.core.models import (
    SIGNABLE_KINDS,
    Contract,
    Counterparty,
    Document,
    DocumentKind,
    DocumentStatus,
    Notification,
    User,
)

CLOSED = "closed"  # Notification.object_type: object_id is the signed act (or UPD)


@dataclass(frozen=True)
class ClosedPair:
    contract_id: int
    period: str
    signed: Document
    paid: list[Document]


def closed_pair(session: Session, contract_id: int, period: str) -> ClosedPair | None:
    """The signed act and the paid documents of (contract, period) when the pair is closed, else None."""
    documents = list(
        session.scalars(
            select(Document)
            .where(
                Document.contract_id == contract_id,
                Document.period == period,
                Document.current.is_(True),
                Document.status != DocumentStatus.CANCELLED,
            )
            .order_by(Document.id)
        )
    )
    signed = [d for d in documents if d.kind in SIGNABLE_KINDS and d.signed]
    if not signed:
        return None
    to_pay = [d for d in documents if d.kind == DocumentKind.INVOICE] or [
        d for d in documents if d.kind == DocumentKind.UPD
    ]
    if not to_pay or any(Decimal(d.paid_amount or 0) < Decimal(d.amount_total) for d in to_pay):
        return None
    act = next((d for d in signed if d.kind == DocumentKind.ACT), signed[0])
    return ClosedPair(contract_id, period, act, to_pay)


def _recipient(session: Session, contract_id: int, fallback: str) -> str:
    contract = session.get(Contract, contract_id)
    if contract is None:
        return fallback
    for user_id in (
        contract.manager_id,
        session.scalar(select(Counterparty.manager_id).where(Counterparty.id == contract.counterparty_id)),
    ):
        if user_id is not None:
            login = session.scalar(select(User.login).where(User.id == user_id, User.is_active.is_(True)))
            if login:
                return login
    return fallback


def _text(session: Session, pair: ClosedPair) -> str:
    contract = session.get(Contract, pair.contract_id)
    client = ""
    number = ""
    if contract is not None:
        number = contract.number
        client = (
            session.scalar(select(Counterparty.short_name).where(Counterparty.id == contract.counterparty_id))
            or ""
        )
    act = pair.signed
    act_name = kind_title(act.kind)
    paid = ", ".join(f"№ {d.number} от {format_date(d.date)}" for d in pair.paid)
    paid_name = (
        ("счета " if len(pair.paid) > 1 else "счёт ") if pair.paid[0].kind == DocumentKind.INVOICE else "УПД "
    )
    paid_verb = "оплачены" if len(pair.paid) > 1 else "оплачен"
    text = (
        f"Сделка закрыта: {client}, договор № {number}, период {period_short(pair.period)}. "
        f"{act_name} № {act.number} от {format_date(act.date)} подписан, {paid_name}{paid} {paid_verb}."
    )
    return text[:1000]


def notify_closed(
    session: Session, document_ids: Iterable[int], *, user: str | None = None
) -> list[Notification]:
    """Check the pairs of these documents; a newly closed one gets its notification (once) and an event."""
    user = acting_login(session, user)
    ids = sorted(set(document_ids))
    if not ids:
        return []
    session.flush()
    follow_documents(session, ids, user=user)  # the document requests they were made for
    pairs = sorted(
        {
            (row[0], row[1])
            for row in session.execute(
                select(Document.contract_id, Document.period).where(Document.id.in_(ids))
            )
        }
    )
    created: list[Notification] = []
    for contract_id, period in pairs:
        pair = closed_pair(session, contract_id, period)
        if pair is None:
            continue
        already = session.scalar(
            select(Notification.id).where(
                Notification.object_type == CLOSED, Notification.object_id == pair.signed.id
            )
        )
        if already is not None:
            continue
        notification = Notification(
            user_login=_recipient(session, contract_id, user),
            text=_text(session, pair),
            object_type=CLOSED,
            object_id=pair.signed.id,
        )
        session.add(notification)
        log_event(
            session,
            "document",
            pair.signed.id,
            "closed",
            {"paid": [d.number for d in pair.paid], "notified": notification.user_login},
            user=user,
        )
        created.append(notification)
    session.flush()
    return created
