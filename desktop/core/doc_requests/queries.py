"""The document requests as rows: the tab's views (mine, the accountants' queue, all), the manager's
view of what is ready, what waits for the originals and what waits for the payment, and the command
line's list."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.common.labels import DOC_REQUEST_STATE_TITLES, DOC_REQUEST_WANTED_TITLES
from desktop.core.models import (
    Contract,
    DocRequest,
    DocRequestFile,
    DocRequestState,
    Document,
    DocumentKind,
    User,
)

MINE, QUEUE, ALL = "mine", "queue", "all"
VIEWS = (MINE, QUEUE, ALL)
QUEUED = (DocRequestState.SENT, DocRequestState.IN_WORK)


@dataclass(frozen=True)
class RequestRow:
    id: int
    state: str
    state_title: str
    waiting: str  # the manager's view: «ждёт оригиналов», «ждёт оплаты», «номер ждёт утверждения»
    client: str
    entity: str
    wanted: str
    initiator: str
    assignee: str
    contract: str
    created_at: dt.datetime
    documents: int
    initiator_name: str = ""  # the people's names, for the tab
    assignee_name: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _waiting(request: DocRequest, invoices: list[Document]) -> str:
    if request.number_pending:
        return "номер договора ждёт утверждения"
    if request.state != DocRequestState.READY:
        return ""
    waits = []
    contract: Contract | None = request.contract
    signed = [d for d in invoices if d.kind != DocumentKind.INVOICE]
    if ("contract" in request.wanted.split(",") and contract is not None and not contract.scan_path) or any(
        not d.signed for d in signed
    ):
        waits.append("ждёт оригиналов")
    if any(d.kind == DocumentKind.INVOICE and d.paid_amount < d.amount_total for d in invoices):
        waits.append("ждёт оплаты")
    return ", ".join(waits)


def rows(
    session: Session, view: str = ALL, *, login: str = "", state: str | None = None, search: str = ""
) -> list[RequestRow]:
    """Newest first. ``mine``: the login's own; ``queue``: sent and in work."""
    stmt = (
        select(DocRequest)
        .options(
            selectinload(DocRequest.counterparty),
            selectinload(DocRequest.own_entity),
            selectinload(DocRequest.contract),
            selectinload(DocRequest.made),
        )
        .order_by(DocRequest.id.desc())
    )
    if view == MINE:
        stmt = stmt.where(DocRequest.initiator == login)
    elif view == QUEUE:
        stmt = stmt.where(DocRequest.state.in_(QUEUED))
    if state:
        stmt = stmt.where(DocRequest.state == state)
    requests = list(session.scalars(stmt))
    document_ids = {row.document_id for r in requests for row in r.made if row.document_id is not None}
    documents = (
        {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(document_ids)))}
        if document_ids
        else {}
    )
    logins = {r.initiator for r in requests} | {r.assignee for r in requests if r.assignee}
    names: dict[str, str] = {}
    if logins:
        query = select(User.login, User.full_name).where(User.login.in_(logins))
        names = {login: name for login, name in session.execute(query)}
    out = []
    needle = search.strip().casefold()
    for request in requests:
        made = [documents[i] for i in dict.fromkeys(r.document_id for r in request.made) if i in documents]
        client = request.counterparty.short_name if request.counterparty is not None else ""
        if needle and needle not in f"{request.id} {client} {request.comment}".casefold():
            continue
        out.append(
            RequestRow(
                id=request.id,
                state=request.state,
                state_title=DOC_REQUEST_STATE_TITLES[DocRequestState(request.state)],
                waiting=_waiting(request, made),
                client=client,
                entity=request.own_entity.short_name if request.own_entity is not None else "",
                wanted=", ".join(DOC_REQUEST_WANTED_TITLES.get(w, w) for w in request.wanted.split(",") if w),
                initiator=request.initiator,
                assignee=request.assignee or "",
                contract=request.contract.number if request.contract is not None else "",
                created_at=request.created_at,
                documents=len({(r.what, r.title) for r in request.made}),
                initiator_name=names.get(request.initiator) or request.initiator,
                assignee_name=(names.get(request.assignee) or request.assignee) if request.assignee else "",
            )
        )
    return out


def files(session: Session, request_id: int) -> list[DocRequestFile]:
    return list(
        session.scalars(
            select(DocRequestFile).where(DocRequestFile.request_id == request_id).order_by(DocRequestFile.id)
        )
    )
