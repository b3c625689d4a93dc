"""Packages after the month closing: one message per client and period with its documents' files.

The package of a client is every current act, invoice and UPD of the period: each as PDF,
optionally as DOCX, the UPD also as its XML, and an act's detail appendix when it was made.
A package already sent to that client for that period is planned as skipped, unless a
resend is asked explicitly or a document was issued after the sending (a corrected act).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.common.formats import format_date
from desktop.core.documents.paths import document_file_name
from desktop.core.documents.upd_xml import official_xml_name
from desktop.core.errors import StorageError
from desktop.core.models import (
    Dispatch,
    DispatchDocument,
    DispatchStatus,
    Document,
    DocumentKind,
    DocumentStatus,
)
from desktop.core.sending.compose import Outgoing
from desktop.core.sending.letters import (
    documents_text,
    letter_context,
    recipients_of,
    sale_documents,
    sort_documents,
)
from desktop.core.sending.templates import Renderer, load_template


@dataclass(frozen=True)
class PackageOptions:
    attach_docx: bool = False
    attach_xml: bool = True
    resend: bool = False  # send again what was already sent (an explicit action)
    sender_name: str = ""


XML_KINDS = (DocumentKind.UPD, DocumentKind.SF, DocumentKind.ADVANCE_SF)


def period_documents(
    session: Session, period: str, counterparty_ids: Sequence[int] | None = None
) -> dict[int, list[Document]]:
    """Current, not cancelled documents of the period by client."""
    stmt = (
        select(Document)
        .where(
            Document.period == period,
            Document.current.is_(True),
            Document.status != DocumentStatus.CANCELLED,
            Document.kind.in_(tuple(DocumentKind)),
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
    return grouped


def sent_before(
    session: Session,
    period: str | None,
    purpose: str,
    counterparty_ids: Sequence[int],
    channel: str = "email",
) -> dict[int, tuple[dt.datetime, set[int]]]:
    """Per client: when its last successful dispatch of that kind went out, and which documents they carried."""
    found: dict[int, tuple[dt.datetime, set[int]]] = {}
    ids = list(counterparty_ids)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(Dispatch.counterparty_id, Dispatch.at, DispatchDocument.document_id)
            .join(DispatchDocument, DispatchDocument.dispatch_id == Dispatch.id)
            .where(
                Dispatch.counterparty_id.in_(ids[start : start + 500]),
                Dispatch.period == period if period is not None else Dispatch.period.is_(None),
                Dispatch.purpose == purpose,
                Dispatch.channel == channel,
                Dispatch.status == DispatchStatus.SENT,
            )
        )
        for client_id, at, document_id in rows:
            last, documents = found.get(client_id, (at, set()))
            documents.add(document_id)
            found[client_id] = (max(last, at), documents)
    return found


def package_files(document: Document, options: PackageOptions) -> tuple[list[tuple[Path, str]], str | None]:
    """The files of one document in a package, or the problem (no PDF made yet)."""
    files: list[tuple[Path, str]] = []
    title = f"{document_file_name(document.kind, document.number, format_date(document.date), 'pdf')}"
    if not document.pdf_path:
        return [], f"нет PDF документа «{Path(title).stem}»: сделайте файлы закрытием месяца"
    pdf = Path(document.pdf_path)
    if not pdf.is_file():
        return [], f"файл не найден: {pdf}"
    files.append((pdf, pdf.name))
    if document.kind == DocumentKind.ACT:
        detail = pdf.with_name(
            document_file_name("detail", document.number, format_date(document.date), "pdf")
        )
        if detail.is_file():
            files.append((detail, detail.name))
    if options.attach_docx and document.docx_path and Path(document.docx_path).is_file():
        files.append((Path(document.docx_path), Path(document.docx_path).name))
    # The UPD and the счета-фактуры have an XML file (the счёт-фактура goes with the act).
    if options.attach_xml and document.kind in XML_KINDS and document.xml_path:
        xml = Path(document.xml_path)
        if not xml.is_file():
            return [], f"файл УПД XML не найден: {xml}"
        try:  # attached under its official name, ИдФайл.xml (the folder's name is a short one)
            files.append((xml, official_xml_name(xml.read_bytes(), xml)))
        except OSError as error:
            return [], f"файл УПД XML не прочитать: {xml} ({error.strerror or error})"
        except StorageError as error:
            return [], error.message
    return files, None


def plan_packages(
    session: Session,
    period: str,
    *,
    options: PackageOptions | None = None,
    counterparty_ids: Sequence[int] | None = None,
    template: Renderer | None = None,
    today: dt.date | None = None,
) -> list[Outgoing]:
    """One composed message per client with documents in ``period``, ordered by client name."""
    options = options or PackageOptions()
    template = template or load_template("package", session=session)
    grouped = period_documents(session, period, counterparty_ids)
    clients = {client_id: docs[0].counterparty for client_id, docs in grouped.items()}
    sent = {} if options.resend else sent_before(session, period, "package", list(grouped))
    messages: list[Outgoing] = []
    for client_id in sorted(grouped, key=lambda i: (clients[i].short_name.casefold(), i)):
        client = clients[client_id]
        documents = sort_documents(grouped[client_id])
        recipients, problem = recipients_of(client)
        files: list[tuple[Path, str]] = []
        for document in documents:
            found, missing = package_files(document, options)
            files.extend(found)
            problem = problem or missing
        message = Outgoing(
            purpose="package",
            counterparty_id=client_id,
            client=client.short_name,
            inn=client.inn,
            period=period,
            recipients=recipients,
            document_ids=[d.id for d in documents],
            files=files,
            problem=problem,
            documents_text=documents_text(documents),
            resend=options.resend,
        )
        if client_id in sent and set(message.document_ids) <= sent[client_id][1]:
            message.already_sent = sent[client_id][0]
        context = letter_context(
            client,
            documents,
            attachments=[name for _p, name in files],
            sender_name=options.sender_name,
            today=today,
            totals_of=sale_documents(documents),
        )
        message.subject, message.body = template.render(context)
        messages.append(message)
    return messages
