"""`aktdesk books sales-ledger` in a child process: a fourth quarter with UPDs from the real closing,
an advance, a separate счёт-фактура offsetting it and two УКД; the .xlsx read back; a document made
after the print flagged; Russian refusals."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from desktop.core.books.sales_ledger_check import ALL_FINE, WARNING
from desktop.core.books.sales_ledger_operations import prepare
from desktop.core.db import open_database
from desktop.core.models import Document, DocumentKind
from tests.factories import books
from tests.factories.cli import cli, demo


def test_the_quarter_ledger_lists_every_invoice_once_with_the_registry_totals(tmp_path: Path) -> None:
    url, made = books.closed_fourth_quarter(tmp_path)
    out = tmp_path / "книга.xlsx"
    run = cli(url, "books", "sales-ledger", "--quarter", "2026-Q4", "--entity", made.entity_inn, "--out", str(out),
              "--json")  # fmt: skip
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout.strip().splitlines()[-1])
    assert summary["file"] == str(out) and summary["entities"] == [made.entity_inn]
    assert "в книгу покупок (код 18)" in run.stdout  # the decrease, as information

    rows, total = books.read_ledger(out)
    database = open_database(url)
    with database.session() as session:
        docs = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(
            [*made.upd_ids, made.advance_id, made.sale_id, made.increase_id])))}  # fmt: skip
        numbers = {d.id: f"{d.number} от {d.date:%d.%m.%Y}" for d in docs.values()}
        upds = [docs[i] for i in made.upd_ids]
        advance, sale, increase = docs[made.advance_id], docs[made.sale_id], docs[made.increase_id]
        assert increase.basis_id is not None
        corrected = numbers[increase.basis_id]  # the October UPD the УКД corrects
        documents = [*upds, advance, sale]
        vat22 = sum((line.amount_vat for d in documents for line in d.lines if line.vat_rate in ("22%", "22/122")),
                    Decimal(0))  # fmt: skip
    database.dispose()

    assert summary["rows"] == len(rows) == len(upds) + 3
    assert [r["1"] for r in rows] == list(range(1, len(rows) + 1))
    by_number = {(r["3"], r["5"]): r for r in rows}
    assert len(by_number) == len(rows)  # every счёт-фактура once
    for upd in upds:
        row = by_number[(numbers[upd.id], None)]
        assert row["2"] == "01" and books.money(row["13б"]) == upd.amount_total
        assert books.money(row["17"]) == upd.amount_vat and books.money(row["14"]) == upd.amount_net
        assert row["12"] == "Российский рубль, 643"

    advance_row = by_number[(numbers[advance.id], None)]
    assert advance_row["2"] == "02" and advance_row["11"] == made.receipt
    assert books.money(advance_row["13б"]) == Decimal("12200.00") and books.money(
        advance_row["17"]
    ) == Decimal("2200.00")
    assert advance_row["14"] is None and advance_row["15"] is None and advance_row["16"] is None

    sale_row = by_number[(numbers[sale.id], None)]
    assert sale_row["2"] == "01" and sale_row["11а"] == numbers[advance.id]  # the sale offsets the advance
    assert (books.money(sale_row["14"]), books.money(sale_row["17"])) == (
        Decimal("10000.00"),
        Decimal("2200.00"),
    )
    assert (books.money(sale_row["14а"]), books.money(sale_row["17а"])) == (
        Decimal("1000.00"),
        Decimal("200.00"),
    )
    assert books.money(sale_row["13б"]) == sale.amount_total == Decimal("13400.00")

    increase_row = by_number[(corrected, numbers[increase.id])]
    assert increase_row["2"] == "01"
    assert (books.money(increase_row["13б"]), books.money(increase_row["14"]), books.money(increase_row["17"])) == (
        Decimal("1220.00"), Decimal("1000.00"), Decimal("220.00"))  # fmt: skip

    assert books.money(total["13б"]) == sum((d.amount_total for d in documents), Decimal(0)) + Decimal(
        "1220.00"
    )
    assert books.money(total["17"]) == vat22 + Decimal("220.00")
    assert books.money(total["14а"]) == Decimal("1000.00") and books.money(total["17а"]) == Decimal("200.00")
    assert summary["totals"]["22%"]["vat"] == str(books.money(total["17"]))
    assert summary["totals"]["20%"] == {"net": "1000.00", "vat": "200.00"}
    assert summary["findings"] == 0

    # A счёт-фактура made after the print: the check names it, it needs an additional sheet.
    database = open_database(url)
    assert all(c.ok for c in prepare(database, "2026-Q4", [made.entity_inn]).checks), ALL_FINE
    with database.transaction() as session:
        contract = books.vat_contract(session, made.entity_inn)
        late = books.document(session, contract, DocumentKind.SF, sale.date, [books.line("22%", "500.00", "110.00")],
                              period="2026-11")  # fmt: skip
        late_number = f"{late.number} от {late.date:%d.%m.%Y}"
    report = prepare(database, "2026-Q4", [made.entity_inn])
    database.dispose()
    flagged = [f for f in report.checks[0].findings if f.level == WARNING]
    assert len(flagged) == 1 and late_number in flagged[0].text
    assert "документ сделан после печати книги продаж" in flagged[0].text
    assert flagged[0].text.endswith("нужен дополнительный лист.")


def test_bad_options_are_refused_in_russian(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    demo(url)
    out = tmp_path / "книга.xlsx"
    wrong = cli(url, "books", "sales-ledger", "--quarter", "2026-Q5", "--out", str(out))
    assert wrong.returncode == 2 and "--quarter «2026-Q5»: ожидается квартал ГГГГ-Qn" in wrong.stderr, (
        wrong.stderr
    )
    unknown = cli(
        url, "books", "sales-ledger", "--quarter", "2026-Q4", "--entity", "0000000000", "--out", str(out)
    )
    assert (
        unknown.returncode == 2 and "--entity 0000000000" in unknown.stderr and "не найдено" in unknown.stderr
    )
    not_xlsx = cli(url, "books", "sales-ledger", "--quarter", "2026-Q4", "--out", str(tmp_path / "книга.csv"))
    assert not_xlsx.returncode == 2 and "--out" in not_xlsx.stderr
    missing = cli(url, "books", "sales-ledger", "--out", str(out))
    assert missing.returncode == 2 and "--quarter" in missing.stderr
    assert "Traceback" not in wrong.stderr + unknown.stderr + not_xlsx.stderr + missing.stderr
    assert not out.exists()
