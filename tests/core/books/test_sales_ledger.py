"""The sales ledger on SQLite and PostgreSQL: a fourth quarter from the real closing plus the other
kinds of счета-фактуры; the check finds what is wrong (a changed stored amount, a document out of
the book) and refuses a malformed quarter in Russian."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.core.books.sales_ledger import Quarter
from desktop.core.books.sales_ledger_check import ERROR, INFO
from desktop.core.books.sales_ledger_operations import prepare
from desktop.core.closing import plan as closing_plan
from desktop.core.common.money import format_money
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.errors import ValidationError
from desktop.core.models import Document, DocumentKind, OwnEntity
from tests.factories import TODAY, books


def _quarter(database: Database) -> books.Quarter4:
    with database.transaction() as session:
        fill_demo(session, clients=2, seed=3, today=TODAY)
    with database.session() as session:
        planned = closing_plan.plan(session, "2026-10")
    result = closing_plan.execute(database, planned)
    assert result.errors == []
    with database.transaction() as session:
        inn = session.scalars(
            select(OwnEntity.inn)
            .join(Document, Document.own_entity_id == OwnEntity.id)
            .where(Document.upd_status == 1)
        ).first()
        assert inn is not None
        return books.fourth_quarter(session, inn)


def test_the_books_rows_and_the_check_on_both_databases(any_db: Database) -> None:
    made = _quarter(any_db)
    report = prepare(any_db, "2026-Q4", [made.entity_inn])
    [ledger], [check] = report.ledgers, report.checks
    assert {r.document_id for r in ledger.rows} == {
        *made.upd_ids,
        made.advance_id,
        made.sale_id,
        made.increase_id,
    }
    assert [r.values["1"] for r in ledger.rows] == list(range(1, len(ledger.rows) + 1))
    assert [(r.date, r.seq) for r in ledger.rows] == sorted((r.date, r.seq) for r in ledger.rows)
    assert check.ok, check.findings
    [decrease] = [f for f in check.findings if f.level == INFO]
    assert (
        decrease.document_id == made.decrease_id and "уменьшение на 610,00 ₽, НДС 110,00 ₽" in decrease.text
    )
    assert report.rate_totals()["20%"] == {"net": "1000.00", "vat": "200.00"}

    # A stored amount that no longer matches the lines: the row and the registry total disagree.
    with any_db.transaction() as session:
        sale = session.get(Document, made.sale_id)
        assert sale is not None
        sale.amount_total += Decimal("1.00")
        number = sale.number
        separate = [
            d for d in (session.get(Document, i) for i in made.upd_ids) if d and d.kind == DocumentKind.SF
        ]
        book_total = sum((d.amount_total for d in separate), Decimal("13400.00"))
    errors = [f for f in prepare(any_db, "2026-Q4", [made.entity_inn]).checks[0].findings if f.level == ERROR]
    assert any(
        f"№ {number} от 31.12.2026: в книге 13 400,00 ₽ с НДС, в документе 13 401,00 ₽" in f.text
        for f in errors
    )
    book = format_money(book_total, rub=True, group=" ")
    registry = format_money(book_total + Decimal("1.00"), rub=True, group=" ")
    assert any(
        f.text.startswith(f"Итог книги за счета-фактуры на реализацию: {book}")
        and f"по реестру: {registry}" in f.text
        for f in errors
    )


@pytest.mark.parametrize("text", ["2026-Q5", "2026-Q0", "2026-4", "IV 2026", ""])
def test_a_malformed_quarter_is_refused_in_russian(text: str) -> None:
    with pytest.raises(ValidationError, match="ожидается ГГГГ-Qn"):
        Quarter.parse(text)


def test_the_quarter_bounds_and_title() -> None:
    quarter = Quarter.parse("2026-Q4")
    assert (quarter.start.isoformat(), quarter.end.isoformat(), quarter.title) == (
        "2026-10-01", "2026-12-31", "IV квартал 2026 г.")  # fmt: skip
    first = Quarter.parse("2026-Q1")
    assert (first.start.isoformat(), first.end.isoformat()) == ("2026-01-01", "2026-03-31")
