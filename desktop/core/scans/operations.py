"""Operations of the screens on scans (each takes a :class:`Database`): the outbox of this
workstation, a drop of scans on a document and the hint shown while they hover.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.models import Document
from desktop.core.scans.inbox import ForeignScanError, check_named, document_title, find_signable
from desktop.core.scans.store import AttachResult, ScanStore


def queued_scans(database: Database, store: ScanStore, *, contracts_only: bool = False) -> int:
    """How many scans this workstation has queued (of contracts only, if asked)."""
    with database.session() as session:
        return store.queued_count(session, contracts_only=contracts_only)


def retry_outbox(database: Database, store: ScanStore) -> tuple[int, int]:
    """File the queued scans whose share is back; (stored, still pending)."""
    with database.transaction() as session:
        return store.retry_outbox(session)


def attach_to_document(
    database: Database, store: ScanStore, document_id: int, files: Sequence[Path], *, force: bool = False
) -> AttachResult | ForeignScanError:
    """File scans of one document. A page whose id QR names another act or UPD is not filed
    unless ``force``: the error is returned for the person to confirm."""
    with database.transaction() as session:
        document = session.get(Document, document_id)
        if document is None:
            raise UserError("Документ не найден.")
        if not force:
            try:
                check_named(session, document, files, store.max_bytes)
            except ForeignScanError as error:
                return error
        return store.attach(session, document, files)


@dataclass(frozen=True)
class DropPlan:
    number: str  # of the document
    plan: str  # what a drop will do, or why it cannot


def document_drop_plan(database: Database, store: ScanStore, document_id: int, path: Path) -> DropPlan:
    """What dropping ``path`` on the document will do (an empty plan when it is gone)."""
    with database.session() as session:
        document = session.get(Document, document_id)
        if document is None:
            return DropPlan("", "")
        try:
            plan = store.plan(document, path)
        except UserError as error:
            plan = error.message
        return DropPlan(document.number, plan)


def signable_documents(database: Database, number: str) -> list[tuple[int, str]]:
    """(id, title) of the acts and UPD numbered ``number`` a signed scan may be filed to."""
    with database.session() as session:
        return [(d.id, document_title(d)) for d in find_signable(session, number)]
