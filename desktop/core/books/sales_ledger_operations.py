"""The sales ledger for the window and the command line: build the quarter's books of one or all own
entities with their checks, and write them to an .xlsx, recording the print (docs/domain.md,
«Книга продаж»)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.core.books.sales_ledger import RATE_TITLES, ZERO, Quarter, SalesLedger, build_ledger, entities_of
from desktop.core.books.sales_ledger_check import LedgerCheck, check_ledger
from desktop.core.books.sales_ledger_prints import record_print
from desktop.core.books.sales_ledger_xlsx import write_ledgers
from desktop.core.common.catalog import entity_regime_on
from desktop.core.db import Database
from desktop.core.errors import ValidationError
from desktop.core.models import OwnEntity, VatRegime

Progress = Callable[[int, int, str], None]


@dataclass
class LedgerReport:
    """The books of a quarter, one per own entity, each with its check (same order)."""

    quarter: Quarter
    ledgers: list[SalesLedger] = field(default_factory=list)
    checks: list[LedgerCheck] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(len(ledger.rows) for ledger in self.ledgers)

    def rate_totals(self) -> dict[str, dict[str, str]]:
        """Per rate over all the books: the value without VAT and the VAT."""
        out = {}
        for rate, net, vat in RATE_TITLES:
            amounts = {
                "net": sum((ledger.total(net) for ledger in self.ledgers), ZERO),
                "vat": sum((ledger.total(vat) for ledger in self.ledgers), ZERO) if vat else ZERO,
            }
            if any(amounts.values()):
                out[rate] = {k: str(v) for k, v in amounts.items()}
        return out

    @property
    def total(self) -> Decimal:
        return sum((ledger.total("13б") for ledger in self.ledgers), ZERO)


@dataclass(frozen=True)
class LedgerSummary:
    """What one save wrote."""

    path: Path
    quarter: str
    entities: list[str]
    rows: int
    totals: dict[str, dict[str, str]]
    total: Decimal
    findings: int

    def as_dict(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "quarter": self.quarter,
            "entities": self.entities,
            "rows": self.rows,
            "total": str(self.total),
            "totals": self.totals,
            "findings": self.findings,
        }


def _pays_vat(entity: OwnEntity, quarter: Quarter) -> bool:
    return any(entity_regime_on(entity, day) != VatRegime.NO_VAT for day in (quarter.start, quarter.end))


def build_report(
    session: Session, quarter: Quarter, inns: Sequence[str], progress: Progress | None = None
) -> LedgerReport:
    """The books of ``quarter`` for the entities with INN ``inns`` (none: every own entity that pays
    VAT in the quarter or has a счёт-фактура in it) and their checks."""
    entities = entities_of(session, inns)
    report = LedgerReport(quarter)
    for index, entity in enumerate(entities):
        if progress is not None:
            progress(index, len(entities), entity.short_name)
        ledger = build_ledger(session, entity, quarter)
        if not inns and not ledger.rows and not ledger.decreases and not _pays_vat(entity, quarter):
            continue
        report.ledgers.append(ledger)
        report.checks.append(check_ledger(session, ledger))
    if progress is not None:
        progress(len(entities), len(entities), quarter.title)
    if not report.ledgers:
        raise ValidationError(
            f"За {quarter.title} нет юрлиц — плательщиков НДС и нет счетов-фактур: книгу продаж вести некому.",
            field="entity",
        )
    return report


def prepare(
    database: Database, quarter: str, inns: Sequence[str], progress: Progress | None = None
) -> LedgerReport:
    """The window's preview: the books and their checks, nothing written."""
    parsed = Quarter.parse(quarter)
    with database.session() as session:
        return build_report(session, parsed, inns, progress)


def save_sales_ledger(
    database: Database, quarter: str, inns: Sequence[str], out: Path, progress: Progress | None = None
) -> tuple[LedgerSummary, LedgerReport]:
    """Write the books to ``out`` (one sheet per entity) and record that they were printed now."""
    parsed = Quarter.parse(quarter)
    path = Path(out)
    with database.transaction() as session:
        report = build_report(session, parsed, inns, progress)
        write_ledgers(path, report.ledgers)
        for ledger in report.ledgers:
            record_print(session, parsed.code, ledger.entity_id, path, len(ledger.rows))
        session.flush()
        # checked again against this print: what was flagged before is in the file now
        report.checks = [check_ledger(session, ledger) for ledger in report.ledgers]
    summary = LedgerSummary(
        path=path,
        quarter=parsed.code,
        entities=[ledger.inn for ledger in report.ledgers],
        rows=report.rows,
        totals=report.rate_totals(),
        total=report.total,
        findings=sum(1 for check in report.checks for f in check.findings if f.level != "info"),
    )
    return summary, report
