"""Operations of the registry screens (each takes a :class:`Database` and returns plain rows).

The registry table is lazy: ``document_ids`` gives the ids of a filter in an order (with the
count and sums of the same filter when asked, computed in the same session so that a footer
matches the rows), ``document_rows`` the rows of a page of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.core.db import Database
from desktop.core.models import Document, Scan
from desktop.core.payments.allocation import payable_clause
from desktop.core.registry import queries as registry
from desktop.core.registry.queries import RegistryFilter, RegistryRow

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
