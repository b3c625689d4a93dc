"""The check of a sales ledger (docs/domain.md, «Книга продаж»): every счёт-фактура of the quarter
the registry shows is in the book once, each row carries its document's amounts, the book's totals
equal the registry's, documents made after the book was printed are named (they need an
additional sheet), and the УКД decreases are listed for the книга покупок."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.books.sales_ledger import ZERO, LedgerRow, SalesLedger, number_and_date
from desktop.core.books.sales_ledger_prints import last_print, local_text
from desktop.core.common.labels import KIND_NOUNS
from desktop.core.common.money import format_money
from desktop.core.models import Document, DocumentKind
from desktop.core.registry.queries import RegistryFilter, filtered_ids

ERROR, WARNING, INFO = "error", "warning", "info"
ALL_FINE = "Все счета-фактуры квартала в книге по одному разу, итоги совпадают с реестром"
# The kinds compared with the registry, and how a total of each is named.
REGISTRY_KINDS: tuple[tuple[DocumentKind, str], ...] = (
    (DocumentKind.SF, "счета-фактуры на реализацию"),
    (DocumentKind.UPD, "УПД со статусом 1"),
    (DocumentKind.ADVANCE_SF, "счета-фактуры на аванс"),
)


@dataclass(frozen=True)
class Finding:
    level: str  # ERROR, WARNING or INFO
    text: str
    document_id: int | None = None


@dataclass
class LedgerCheck:
    entity_id: int
    printed_at: dt.datetime | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Nothing wrong and nothing to add (information about decreases aside)."""
        return not any(f.level in (ERROR, WARNING) for f in self.findings)


def _name(kind: str, number: str, day: dt.date) -> str:
    noun = KIND_NOUNS.get(DocumentKind(kind), str(kind))
    return f"{noun[:1].upper()}{noun[1:]} № {number_and_date(number, day)}"


def _money(value: Decimal) -> str:
    return format_money(value, rub=True, group=" ")


def registry_documents(session: Session, ledger: SalesLedger) -> list[Document]:
    """The documents of the book's kinds the registry shows for the entity and the quarter."""
    flt = RegistryFilter(
        kinds=[str(kind) for kind, _ in REGISTRY_KINDS],
        own_entity_ids=[ledger.entity_id],
        date_from=ledger.quarter.start.isoformat(),
        date_to=ledger.quarter.end.isoformat(),
    )
    ids = filtered_ids(session, flt, "date", descending=False)
    if not ids:
        return []
    docs = session.scalars(select(Document).where(Document.id.in_(ids)))
    return [d for d in docs if d.kind != DocumentKind.UPD or d.upd_status == 1]


def _once(ledger: SalesLedger, out: list[Finding]) -> None:
    counts = Counter(row.document_id for row in ledger.rows)
    numbers = Counter((row.number, row.date) for row in ledger.rows if row.kind != DocumentKind.UKD)
    for row in ledger.rows:
        if counts[row.document_id] > 1:
            out.append(
                Finding(
                    ERROR,
                    f"{_name(row.kind, row.number, row.date)}: в книге {counts[row.document_id]} раза.",
                    row.document_id,
                )
            )
            counts[row.document_id] = 0
        if numbers[(row.number, row.date)] > 1:
            out.append(
                Finding(
                    ERROR,
                    f"Номер счёта-фактуры {number_and_date(row.number, row.date)} повторяется в книге "
                    f"{numbers[(row.number, row.date)]} раза.",
                    row.document_id,
                )
            )
            numbers[(row.number, row.date)] = 0


def _amounts(row: LedgerRow, doc: Document, out: list[Finding]) -> None:
    name = _name(row.kind, row.number, row.date)
    if row.money("13б") != doc.amount_total:
        out.append(
            Finding(
                ERROR,
                f"{name}: в книге {_money(row.money('13б'))} с НДС, в документе {_money(doc.amount_total)}.",
                doc.id,
            )
        )
    if row.vat != doc.amount_vat:
        out.append(
            Finding(
                ERROR, f"{name}: НДС в книге {_money(row.vat)}, в документе {_money(doc.amount_vat)}.", doc.id
            )
        )


def _with_registry(ledger: SalesLedger, registry: Sequence[Document], out: list[Finding]) -> None:
    rows = {row.document_id: row for row in ledger.rows}
    shown = {doc.id: doc for doc in registry}
    for doc in registry:
        row = rows.get(doc.id)
        if row is None:
            out.append(
                Finding(ERROR, f"{_name(doc.kind, doc.number, doc.date)}: нет в книге продаж.", doc.id)
            )
        else:
            _amounts(row, doc, out)
    for row in ledger.rows:
        if row.kind != DocumentKind.UKD and row.document_id not in shown:
            out.append(
                Finding(
                    ERROR,
                    f"{_name(row.kind, row.number, row.date)}: в книге есть, в реестре нет.",
                    row.document_id,
                )
            )
    for kind, title in REGISTRY_KINDS:
        book_total = sum((r.money("13б") for r in ledger.rows if r.kind == kind), ZERO)
        book_vat = sum((r.vat for r in ledger.rows if r.kind == kind), ZERO)
        registry_total = sum((d.amount_total for d in registry if d.kind == kind), ZERO)
        registry_vat = sum((d.amount_vat for d in registry if d.kind == kind), ZERO)
        if (book_total, book_vat) != (registry_total, registry_vat):
            out.append(
                Finding(
                    ERROR,
                    f"Итог книги за {title}: {_money(book_total)}, НДС {_money(book_vat)}; "
                    f"по реестру: {_money(registry_total)}, НДС {_money(registry_vat)}.",
                )
            )


def _after_print(ledger: SalesLedger, printed_at: dt.datetime, out: list[Finding]) -> None:
    when = local_text(printed_at)
    for row in ledger.rows:
        if row.created_at is not None and row.created_at > printed_at:
            out.append(
                Finding(
                    WARNING,
                    f"{_name(row.kind, row.number, row.date)}: документ сделан после печати книги продаж "
                    f"{when}: нужен дополнительный лист.",
                    row.document_id,
                )
            )


def check_ledger(session: Session, ledger: SalesLedger) -> LedgerCheck:
    """What is wrong with ``ledger`` or needs doing; nothing of ERROR or WARNING: all is well."""
    check = LedgerCheck(ledger.entity_id, last_print(session, ledger.quarter.code, ledger.entity_id))
    out = check.findings
    _once(ledger, out)
    _with_registry(ledger, registry_documents(session, ledger), out)
    if check.printed_at is not None:
        _after_print(ledger, check.printed_at, out)
    for decrease in ledger.decreases:
        out.append(
            Finding(
                INFO,
                f"Корректировочный счёт-фактура № {number_and_date(decrease.number, decrease.date)} к счёту-фактуре "
                f"№ {decrease.corrected}: уменьшение на {_money(decrease.amount_total)}, НДС "
                f"{_money(decrease.amount_vat)} — в книгу покупок (код 18), не в книгу продаж.",
                decrease.document_id,
            )
        )
    return check
