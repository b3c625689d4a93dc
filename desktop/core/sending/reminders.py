"""Reminders about unsigned acts: one message per client listing its unsigned acts (and UPDs).

The acts come from the registry (the selected rows or a filter: ``unsigned_act_ids``); signed
ones and invoices among them are left out. The PDFs are attached again when asked. A client
already reminded today of the same acts is skipped unless a resend is asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.models import (
    SIGNABLE_KINDS,
    Dispatch,
    DispatchDocument,
    DispatchStatus,
    Document,
    DocumentKind,
)
from desktop.core.registry.queries import RegistryFilter, filtered_ids
from desktop.core.sending.compose import Outgoing
from desktop.core.sending.letters import documents_text, letter_context, recipients_of, sort_documents
from desktop.core.sending.templates import Renderer, load_template


@dataclass(frozen=True)
class ReminderOptions:
    attach_pdf: bool = False
    resend: bool = False
    sender_name: str = ""


def unsigned_filter(period: str | None = None) -> RegistryFilter:
    return RegistryFilter(kinds=list[str](SIGNABLE_KINDS), signed=False, period_from=period, period_to=period)


def unsigned_act_ids(session: Session, flt: RegistryFilter | None = None) -> list[int]:
    """The registry's unsigned acts and UPDs under ``flt`` (the unsigned ones of all periods by default)."""
    flt = flt or unsigned_filter()
    flt = RegistryFilter.from_dict({**flt.as_dict(), "signed": False})
    if not flt.kinds:
        flt.kinds = list[str](SIGNABLE_KINDS)
    flt.kinds = [k for k in flt.kinds if k in SIGNABLE_KINDS] or list[str](SIGNABLE_KINDS)
    return filtered_ids(session, flt, "client", False)


def _reminded_today(
    session: Session, client_ids: Sequence[int], today: dt.date
) -> dict[int, tuple[dt.datetime, set[int]]]:
    """Per client reminded today: when its last reminder went out, and which documents today's ones carried."""
    start = dt.datetime.combine(today, dt.time())
    found: dict[int, tuple[dt.datetime, set[int]]] = {}
    ids = list(client_ids)
    for first in range(0, len(ids), 500):
        rows = session.execute(
            select(Dispatch.counterparty_id, Dispatch.at, DispatchDocument.document_id)
            .outerjoin(DispatchDocument, DispatchDocument.dispatch_id == Dispatch.id)
            .where(
                Dispatch.counterparty_id.in_(ids[first : first + 500]),
                Dispatch.purpose == "reminder",
                Dispatch.status == DispatchStatus.SENT,
                Dispatch.at >= start,
            )
        )
        for client_id, at, document_id in rows:
            last, documents = found.get(client_id, (at, set()))
            if document_id is not None:
                documents.add(document_id)
            found[client_id] = (max(last, at), documents)
    return found


def plan_reminders(
    session: Session,
    document_ids: Sequence[int],
    *,
    options: ReminderOptions | None = None,
    template: Renderer | None = None,
    today: dt.date | None = None,
    counterparty_ids: Sequence[int] | None = None,
) -> list[Outgoing]:
    """One reminder per client of ``document_ids`` (only those of ``counterparty_ids`` when given)."""
    options = options or ReminderOptions()
    template = template or load_template("reminder", session=session)
    today = today or dt.date.today()
    stmt = (
        select(Document)
        .where(
            Document.id.in_(list(document_ids)),
            Document.kind.in_(SIGNABLE_KINDS),
            Document.signed.is_(False),
            Document.current.is_(True),
        )
        .options(
            selectinload(Document.counterparty),
            selectinload(Document.own_entity),
            selectinload(Document.contract),
        )
    )
    if counterparty_ids is not None:
        stmt = stmt.where(Document.counterparty_id.in_(list(counterparty_ids)))
    grouped: dict[int, list[Document]] = {}
    for document in session.scalars(stmt):
        grouped.setdefault(document.counterparty_id, []).append(document)
    reminded = {} if options.resend else _reminded_today(session, list(grouped), today)
    messages: list[Outgoing] = []
    for client_id in sorted(grouped, key=lambda i: (grouped[i][0].counterparty.short_name.casefold(), i)):
        docs = sort_documents(grouped[client_id])
        client = docs[0].counterparty
        recipients, problem = recipients_of(client)
        files: list[tuple[Path, str]] = []
        if options.attach_pdf:
            for document in docs:
                if document.pdf_path and Path(document.pdf_path).is_file():
                    files.append((Path(document.pdf_path), Path(document.pdf_path).name))
                else:
                    problem = problem or f"нет файла PDF документа № {document.number}"
        periods = {d.period for d in docs}
        # An act and the UPD of the same sale are one amount: count the act.
        acts = {(d.contract_id, d.period) for d in docs if d.kind == DocumentKind.ACT}
        counted = [d for d in docs if d.kind == DocumentKind.ACT or (d.contract_id, d.period) not in acts]
        message = Outgoing(
            purpose="reminder",
            counterparty_id=client_id,
            client=client.short_name,
            inn=client.inn,
            period=periods.pop() if len(periods) == 1 else None,
            recipients=recipients,
            document_ids=[d.id for d in docs],
            files=files,
            problem=problem,
            documents_text=documents_text(docs),
            resend=options.resend,
        )
        if client_id in reminded and set(message.document_ids) <= reminded[client_id][1]:
            message.already_sent = reminded[client_id][0]
        context = letter_context(
            client,
            docs,
            attachments=[name for _p, name in files],
            sender_name=options.sender_name,
            today=today,
            totals_of=counted,
            attached=bool(files),
        )
        message.subject, message.body = template.render(context)
        messages.append(message)
    return messages
