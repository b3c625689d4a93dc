"""Operations of the screens on scans (each takes a :class:`Database`): the outbox of this
workstation and the documents a scan of the inbox may be filed to.
"""

from __future__ import annotations

from desktop.core.db import Database
from desktop.core.scans.inbox import document_title, find_signable
from desktop.core.scans.store import ScanOwner, ScanStore


def queued_scans(database: Database, store: ScanStore, *, owner: ScanOwner | None = None) -> int:
    """How many scans this workstation has queued (of one owner's only, if asked)."""
    with database.session() as session:
        return store.queued_count(session, owner=owner)


def retry_outbox(database: Database, store: ScanStore) -> tuple[int, int]:
    """File the queued scans whose share is back; (stored, still pending)."""
    with database.transaction() as session:
        return store.retry_outbox(session)


def signable_documents(database: Database, number: str) -> list[tuple[int, str]]:
    """(id, title) of the acts and UPD numbered ``number`` a signed scan may be filed to."""
    with database.session() as session:
        return [(d.id, document_title(d)) for d in find_signable(session, number)]
