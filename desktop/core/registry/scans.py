"""Signed scans of the registry's documents (acts, invoices, UPDs): filed on the shared folder, or queued.

A document's scan goes to ``<share>/Акты выполненных работ/<YEAR>/<Client>/<number> от <date>.<ext>``
(the pattern is the setting ``scan_pattern``) through the generic ``ScanStore``: checked by content,
copied atomically, SHA-256 verified, outbox when the share cannot take it. The document counts as
signed (who, when, which file) once its first scan is safely on the share; ``SCAN_OWNER`` is how
the store, which never imports this module, marks it so when a queued scan is filed later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.common.events import acting_login, log_event
from desktop.core.common.safe_names import safe_file_name, safe_name
from desktop.core.db import call_function
from desktop.core.documents.paths import party_folder
from desktop.core.models import Document, Scan, ScanStatus
from desktop.core.payments.closed import notify_closed
from desktop.core.scans.files import EXTENSIONS, check_readable
from desktop.core.scans.store import (
    DEFAULT_PATTERN,
    FILE_NAME_MAX,
    ROOT_FOLDER,
    AttachResult,
    ScanOwner,
    ScanStore,
    top_folder,
)


def scan_relative_path(document: Document, kind: str, pattern: str = DEFAULT_PATTERN) -> Path:
    """Where a document's scan goes, relative to the share root."""
    values = {
        "year": f"{document.date.year:04d}",
        # «ИП Иванов И.И.» → «ИП Иванов И.И 7707…»: no dot before the INN.
        "client": party_folder(document.counterparty.short_name, document.counterparty.inn),
        "number": document.number,
        "date": document.date.strftime("%d.%m.%Y"),
        "kind": {"act": "Акт", "invoice": "Счёт", "upd": "УПД"}.get(document.kind, document.kind),
        "period": document.period,
    }
    if pattern == DEFAULT_PATTERN and document.kind != "act":
        # «УПД 12 от 31.10.2026»: a UPD numbered like an act of the same client keeps its own name.
        pattern = DEFAULT_PATTERN.replace("{number}", "{kind} {number}")
    parts = pattern.format(**values).replace("\\", "/").split("/")
    folders = [p if p == ROOT_FOLDER else safe_name(p) for p in parts[:-1]]
    file_name = safe_file_name(parts[-1], EXTENSIONS[kind], FILE_NAME_MAX)
    return Path(*folders, file_name)


def plan(store: ScanStore, document: Document, path: Path) -> str:
    """What a drop of ``path`` onto ``document`` will do (for the hover hint)."""
    return store.plan_drop(path, lambda scan: scan_relative_path(document, scan.kind, store.pattern))


def attach(
    session: Session, store: ScanStore, document: Document, files: Sequence[Path], *, user: str | None = None
) -> AttachResult:
    """File scans of one document. All files are checked first: one bad file stops the drop."""
    user = acting_login(session, user)
    scans = store.check_files(files)
    for scan in scans:
        if scan.kind == "pdf":  # refused as the inbox refuses it: protected, truncated, fake
            check_readable(scan.path, scan.kind)
    known = {s.sha256 for s in session.scalars(select(Scan).where(Scan.document_id == document.id))}

    def link(row: Scan) -> None:
        row.document_id = document.id

    result, problem = store.store_files(
        session,
        scans,
        known,
        lambda scan: scan_relative_path(document, scan.kind, store.pattern),
        link,
        user=user,
    )
    mark_signed(session, document, user)
    log_event(
        session,
        "document",
        document.id,
        "scan",
        {"stored": result.stored, "pending": result.pending, "duplicates": result.duplicates},
        user=user,
    )
    return store.explain(
        result,
        problem,
        queued="Скан сохранён в локальную очередь ({outbox}) и будет отправлен на общую папку автоматически; документ станет подписанным после этого.",
        duplicate="Этот файл уже прикреплён к документу.",
    )


def mark_signed(session: Session, document: Document, user: str) -> None:
    """The document's first scan on the share makes it signed by ``user`` (a queued one does not count)."""
    stored = list(
        session.scalars(
            select(Scan)
            .where(Scan.document_id == document.id, Scan.status == ScanStatus.STORED)
            .order_by(Scan.id)
        )
    )
    if stored and not document.signed:
        if session.info.get("enforced"):  # PostgreSQL: the database signs it, as the connected user
            session.flush()
            call_function(
                session,
                "SELECT aktdesk_document_sign(:id, :path, :sha256, :as_login)",
                {
                    "id": document.id,
                    "path": stored[0].path,
                    "sha256": stored[0].sha256,
                    "as_login": user if session.info.get("owner") else None,  # the owner signs for someone
                },
            )
            session.refresh(document)
        else:
            document.signed = True
            document.signed_at = dt.datetime.now()
            document.signed_by = user
            document.scan_path = stored[0].path
            document.scan_sha256 = stored[0].sha256
        # A signed act may close the deal when its invoices are already paid
        # (docs/domain.md, «Signed and closed»).
        notify_closed(session, [document.id], user=user)


def _queued_scan_stored(session: Session, row: Scan, user: str | None) -> None:
    """A queued scan reached the share: the document is signed by whoever attached the scan."""
    document = session.get(Document, row.document_id)
    if document is not None:
        mark_signed(session, document, row.added_by)
        log_event(session, "document", document.id, "scan", {"stored": [row.path]}, user=user)


SCAN_OWNER = ScanOwner(
    "document",
    Scan.document_id,
    folder=lambda store: top_folder(store.pattern),
    on_stored=_queued_scan_stored,
)
