"""Operations of the registry screens (each takes a :class:`Database` and returns plain rows).

The registry table is lazy: ``document_ids`` gives the ids of a filter in an order (with the
count and sums of the same filter when asked, computed in the same session so that a footer
matches the rows), ``document_rows`` the rows of a page of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.models import Document, Scan
from desktop.core.payments.allocation import payable_clause
from desktop.core.registry import queries as registry
from desktop.core.registry import scans as registry_scans
from desktop.core.registry.queries import RegistryFilter, RegistryRow
from desktop.core.scans.inbox import ForeignScanError, check_named
from desktop.core.scans.store import AttachResult, ScanStore

Totals = tuple[int, Decimal, Decimal]  # count, amount, unpaid amount


def document_ids(
    database: Database,
    flt: RegistryFilter,
    order_key: str = "date",
    descending: bool = True,
    *,
    totals: bool = False,
    payable_only: bool = False,
) -> tuple[list[int], Totals | None]:
    """The current documents of a filter in the order of a column, and its totals when asked.

    ``payable_only``: only the documents money is applied to (the Payments tab); the totals stay
    those of the filter."""
    stmt = registry.select_ids(flt, order_key, descending)
    if payable_only:
        stmt = stmt.where(payable_clause())
    with database.session() as session:
        ids = list(session.scalars(stmt))
        return ids, registry.totals(session, flt) if totals else None


def document_rows(database: Database, ids: Sequence[int]) -> dict[int, RegistryRow]:
    with database.session() as session:
        return registry.load_rows(session, ids)


def contract_documents(database: Database, contract_id: int) -> list[RegistryRow]:
    """Every current document of a contract, in the registry's order."""
    with database.session() as session:
        ids = registry.filtered_ids(session, RegistryFilter(contract_id=contract_id))
        rows = registry.load_rows(session, ids)
    return [rows[i] for i in ids if i in rows]


def document_periods(database: Database) -> list[str]:
    """The periods that have documents, the newest first."""
    with database.session() as session:
        return list(session.scalars(select(Document.period).distinct().order_by(Document.period.desc())))


def export_document_rows(database: Database, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    with database.session() as session:
        return registry.export_rows(session, ids)


@dataclass(frozen=True)
class DocumentCard:
    """A document with its lines, parties and scans (detached), for its card."""

    document: Document
    scans: list[Scan]


def document_card(database: Database, document_id: int) -> DocumentCard | None:
    with database.session() as session:
        document = session.scalar(
            select(Document)
            .where(Document.id == document_id)
            .options(
                selectinload(Document.lines),
                selectinload(Document.counterparty),
                selectinload(Document.own_entity),
            )
        )
        if document is None:
            return None
        scans = list(session.scalars(select(Scan).where(Scan.document_id == document.id).order_by(Scan.id)))
    return DocumentCard(document, scans)


# --- scans dropped on a document -------------------------------------------------------


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
        return registry_scans.attach(session, store, document, files)


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
            plan = registry_scans.plan(store, document, path)
        except UserError as error:
            plan = error.message
        return DropPlan(document.number, plan)
