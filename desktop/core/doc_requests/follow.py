"""After «Готово»: the author of a request hears when the signed originals are attached and when the
client paid its invoice (matched from the bank statement), and the request is «Закрыт» once the
contract (and every act or UPD made for it) is signed and every invoice made for it is paid.

Called where a document's or a contract's scan reaches the share and where a payment is allocated
(``payments.closed.notify_closed``, ``contracts.scans.mark_signed``); imports only the models, so
those features may call it without a cycle. Each notification is written once.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.core.common.events import acting_login, log_event
from desktop.core.common.formats import format_date
from desktop.core.common.labels import KIND_TITLES
from desktop.core.models import (
    Contract,
    DocRequest,
    DocRequestEvent,
    DocRequestFile,
    DocRequestState,
    Document,
    DocumentKind,
    Notification,
    _now,
)

OBJECT_TYPE = "doc_request"  # as workflow.OBJECT_TYPE
FOLLOWED = (DocRequestState.READY,)


def _once(session: Session, request: DocRequest, text: str) -> None:
    """Tell the author ``text`` unless they were told it already."""
    told = session.scalar(
        select(Notification.id).where(
            Notification.object_type == OBJECT_TYPE,
            Notification.object_id == request.id,
            Notification.text == text[:1000],
        )
    )
    if told is None:
        session.add(
            Notification(
                user_login=request.initiator, text=text[:1000], object_type=OBJECT_TYPE, object_id=request.id
            )
        )


def _name(request: DocRequest) -> str:
    client = request.counterparty.short_name if request.counterparty is not None else ""
    return f"Запрос № {request.id} ({client})"


def _documents(session: Session, request: DocRequest) -> list[Document]:
    """The registry documents made for the request (current versions)."""
    ids = {row.document_id for row in request.made if row.document_id is not None}
    if not ids:
        return []
    return list(session.scalars(select(Document).where(Document.id.in_(ids))).all())


def _title(document: Document) -> str:
    return f"{KIND_TITLES[DocumentKind(document.kind)]} № {document.number} от {format_date(document.date)}"


def _paid(document: Document) -> bool:
    return document.amount_total > 0 and document.paid_amount >= document.amount_total


def check(session: Session, request: DocRequest, user: str) -> None:
    """Tell what is new on a ready request and close it when everything is signed and paid."""
    documents = _documents(session, request)
    contract = session.get(Contract, request.contract_id) if request.contract_id else None
    wanted = set(request.wanted.split(","))
    for document in documents:
        if document.kind == DocumentKind.INVOICE and _paid(document):
            _once(session, request, f"{_name(request)}: клиент оплатил {_title(document).lower()}.")
        elif document.kind != DocumentKind.INVOICE and document.signed:
            _once(session, request, f"{_name(request)}: прикреплён подписанный скан — {_title(document)}.")
    contract_signed = contract is not None and bool(contract.scan_path)
    if contract is not None and contract_signed and "contract" in wanted:
        _once(
            session,
            request,
            f"{_name(request)}: прикреплён подписанный договор № {contract.number} от {format_date(contract.date)}.",
        )
    signed = (contract_signed or "contract" not in wanted) and all(
        d.signed for d in documents if d.kind != DocumentKind.INVOICE
    )
    paid = all(_paid(d) for d in documents if d.kind == DocumentKind.INVOICE)
    if request.state in FOLLOWED and signed and paid:
        invoices = any(d.kind == DocumentKind.INVOICE for d in documents)
        outcome = "оригиналы подписаны" + (", клиент оплатил" if invoices else "")
        request.state = DocRequestState.CLOSED
        request.history.append(
            DocRequestEvent(
                at=_now(),
                user_login=user,
                from_state=DocRequestState.READY,
                to_state=DocRequestState.CLOSED,
                comment=outcome.capitalize(),
            )
        )
        _once(session, request, f"{_name(request)} закрыт: {outcome}.")
        log_event(session, OBJECT_TYPE, request.id, "closed", {}, user=user)


def follow_documents(session: Session, document_ids: Iterable[int], *, user: str | None = None) -> None:
    """Documents were signed or paid: the ready requests they were made for are checked."""
    ids = sorted(set(document_ids))
    if not ids:
        return
    user = acting_login(session, user)
    session.flush()
    contracts = select(Document.contract_id).where(Document.id.in_(ids))
    requests = session.scalars(
        select(DocRequest)
        .where(DocRequest.state.in_(FOLLOWED))
        .where(
            or_(
                DocRequest.id.in_(
                    select(DocRequestFile.request_id).where(DocRequestFile.document_id.in_(ids))
                ),
                DocRequest.contract_id.in_(contracts),
            )
        )
    ).all()
    for request in requests:
        check(session, request, user)
    session.flush()


def follow_contract(session: Session, contract_id: int, *, user: str | None = None) -> None:
    """The contract's signed scan reached the share: its ready requests are checked."""
    user = acting_login(session, user)
    session.flush()
    for request in session.scalars(
        select(DocRequest).where(DocRequest.contract_id == contract_id, DocRequest.state.in_(FOLLOWED))
    ).all():
        check(session, request, user)
    session.flush()
