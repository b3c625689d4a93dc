"""The sending log: every dispatch (e-mail or EDO) with its client, documents, files and the server's answer."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.common.labels import kind_title
from desktop.core.models import Counterparty, Dispatch, DispatchDocument, DispatchStatus, Document

CHANNEL_RU = {"email": "e-mail", "edo": "ЭДО"}
PURPOSE_RU = {"package": "пакет документов", "reminder": "напоминание"}


@dataclass(frozen=True)
class LogRow:
    id: int
    at: dt.datetime
    user: str
    channel: str
    purpose: str
    client: str
    inn: str
    period: str | None
    recipients: str
    subject: str
    status: DispatchStatus
    answer: str  # the server's reply, or the error of a failed message
    documents: str  # «Акт № 12, Счёт № 12»
    attachments: list[dict[str, Any]]


def dispatch_log(
    session: Session,
    *,
    period: str | None = None,
    counterparty_id: int | None = None,
    failed_only: bool = False,
    limit: int = 1000,
) -> list[LogRow]:
    """The newest dispatches first."""
    stmt = (
        select(Dispatch, Counterparty.short_name, Counterparty.inn)
        .join(Counterparty, Counterparty.id == Dispatch.counterparty_id)
        .options(selectinload(Dispatch.documents))
        .order_by(Dispatch.at.desc(), Dispatch.id.desc())
        .limit(limit)
    )
    if period:
        stmt = stmt.where(Dispatch.period == period)
    if counterparty_id is not None:
        stmt = stmt.where(Dispatch.counterparty_id == counterparty_id)
    if failed_only:
        stmt = stmt.where(Dispatch.status == DispatchStatus.FAILED)
    found = session.execute(stmt).all()
    document_ids = {link.document_id for dispatch, _n, _i in found for link in dispatch.documents}
    titles = {
        doc_id: f"{kind_title(kind)} № {number}"
        for doc_id, kind, number in session.execute(
            select(Document.id, Document.kind, Document.number).where(Document.id.in_(document_ids))
        )
    }
    rows = []
    for dispatch, name, inn in found:
        links: list[DispatchDocument] = list(dispatch.documents)
        try:
            attachments = list(json.loads(dispatch.attachments or "[]"))
        except ValueError:
            attachments = []
        rows.append(
            LogRow(
                id=dispatch.id,
                at=dispatch.at,
                user=dispatch.user_login,
                channel=dispatch.channel,
                purpose=dispatch.purpose,
                client=name,
                inn=inn,
                period=dispatch.period,
                recipients=dispatch.recipients,
                subject=dispatch.subject,
                status=dispatch.status,
                answer=(dispatch.error or "")
                if dispatch.status == DispatchStatus.FAILED
                else dispatch.server_reply,
                documents=", ".join(titles.get(link.document_id, "?") for link in links),
                attachments=attachments,
            )
        )
    return rows
