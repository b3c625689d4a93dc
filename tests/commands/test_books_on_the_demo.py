"""Issue #20's «done when», on the demo as `aktdesk --demo` makes it (two months closed, a bank
statement matched, the overdue advance счета-фактуры issued), then through the real commands:

* every VAT sale has exactly one счёт-фактура (a separate one, or its UPD with status 1), a seller
  without VAT none, and the entity's счёт-фактура numbers run in the order of their dates;
* the receipts on prepayment invoices have their advance счета-фактуры, dated within five days;
* `aktdesk books sales-ledger` lists every счёт-фактура of the quarter with the registry's totals;
* an agreement after a sent UPD gives one УКД at the next `close-month`, and the ledger flags it as
  made after the print;
* `aktdesk export 1c` twice gives XSD-valid files with the same `Ссылка` set.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from desktop.core.books.sales_ledger_operations import prepare
from desktop.core.common.catalog import entity_regime_on
from desktop.core.db import Database, open_database
from desktop.core.demo.data import fill_demo
from desktop.core.demo.history import add_demo_history
from desktop.core.models import Contract, Document, DocumentKind, DocumentStage, VatRegime
from tests.core.books.xsd import refs, schema_errors
from tests.factories import TODAY
from tests.factories.cli import cli
from tests.factories.corrections import agree_price, first_line, send

SALES = (DocumentKind.ACT, DocumentKind.UPD)
QUARTER_START, QUARTER_END = dt.date(2026, 10, 1), dt.date(2026, 12, 31)


def _current(database: Database) -> list[Document]:
    with database.session() as session:
        docs = list(session.scalars(select(Document).where(Document.current.is_(True))))
        for doc in docs:  # what the checks below read, loaded while the session is open
            _ = doc.own_entity.vat_history, doc.contract, doc.payment, doc.lines
        return docs


def _in_sequence(doc: Document) -> bool:
    return doc.kind in (DocumentKind.SF, DocumentKind.ADVANCE_SF) or (
        doc.kind == DocumentKind.UPD and doc.upd_status == 1
    )


def _vat_sale_contract(database: Database) -> tuple[int, Document]:
    """A contract of a VAT payer whose October UPD (status 1) is current, with no agreement yet."""
    with database.session() as session:
        for upd in session.scalars(
            select(Document)
            .where(
                Document.kind == DocumentKind.UPD,
                Document.upd_status == 1,
                Document.period == "2026-10",
                Document.stage == DocumentStage.FULL,
                Document.current.is_(True),
            )
            .order_by(Document.id)
        ):
            contract = session.get(Contract, upd.contract_id)
            if contract is not None and not contract.agreements and len(contract.lines) == 1:
                return contract.id, upd
    raise AssertionError("the demo closed no October UPD of a VAT payer on a one-line contract")


def test_the_books_on_the_demo(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    database = open_database(url)
    with database.transaction() as session:
        fill_demo(session, clients=40, seed=1, today=TODAY)
    history = add_demo_history(database, tmp_path / "Документы", today=TODAY, pdf=False)
    assert history.errors == []
    docs = _current(database)

    # A счёт-фактура for every VAT sale, exactly one; none for a seller without VAT.
    by_sale: dict[tuple[int, str], list[Document]] = defaultdict(list)
    for doc in docs:
        if _in_sequence(doc) and doc.kind != DocumentKind.ADVANCE_SF:
            by_sale[(doc.contract_id, doc.period)].append(doc)
    sales = [d for d in docs if d.kind in SALES and d.stage == DocumentStage.FULL]
    vat_sales = [s for s in sales if entity_regime_on(s.own_entity, s.date) != VatRegime.NO_VAT]
    assert vat_sales and len(vat_sales) < len(sales)  # the demo has both kinds of seller
    for sale in sales:
        invoices = by_sale.get((sale.contract_id, sale.period), [])
        if sale in vat_sales and not sale.contract.sf_waived:
            assert len(invoices) == 1, (sale.number, [i.number for i in invoices])
            assert invoices[0].date == sale.date
        else:
            assert invoices == [], sale.number
    assert any(d.kind == DocumentKind.SF for d in docs) and any(d.kind == DocumentKind.UPD for d in docs)

    # One chronological sequence per entity and year: unique numbers, dates never going back.
    sequences: dict[tuple[int, int], list[Document]] = defaultdict(list)
    for doc in docs:
        if _in_sequence(doc):
            sequences[(doc.own_entity_id, doc.year)].append(doc)
    for run in sequences.values():
        run.sort(key=lambda d: d.seq)
        assert len({d.seq for d in run}) == len(run)
        assert [d.date for d in run] == sorted(d.date for d in run)

    # The advance счета-фактуры of the demo's receipts on prepayment invoices: within five days, 22/122.
    advances = [d for d in docs if d.kind == DocumentKind.ADVANCE_SF]
    assert advances, "the demo's statement pays prepayment invoices of VAT payers"
    for advance in advances:
        receipt = advance.payment
        assert receipt is not None and advance.basis_id is not None
        assert receipt.date <= advance.date <= receipt.date + dt.timedelta(days=5)
        for line in advance.lines:
            assert line.vat_rate in ("22/122", "10/110", "5/105", "7/107")
            rate = Decimal(line.vat_rate.split("/")[0])
            expected = (line.amount_total * rate / (100 + rate)).quantize(Decimal("0.01"))
            assert line.amount_vat == expected
    database.dispose()

    # The quarter's sales ledger: every счёт-фактура dated in it once, totals equal to the registry.
    in_quarter = [d for d in docs if _in_sequence(d) and QUARTER_START <= d.date <= QUARTER_END]
    ledger = tmp_path / "книга продаж.xlsx"
    printed = cli(url, "books", "sales-ledger", "--quarter", "2026-Q4", "--out", str(ledger), "--json")
    assert printed.returncode == 0, printed.stderr
    summary = json.loads(printed.stdout.strip().splitlines()[-1])
    assert summary["rows"] == len(in_quarter) and summary["findings"] == 0, printed.stdout
    assert Decimal(summary["total"]) == sum((d.amount_total for d in in_quarter), Decimal("0.00"))
    assert ledger.is_file()

    # An agreement after a sent UPD: the next closing of its month issues one УКД, and the ledger
    # printed before it says a document was made after the print.
    database = open_database(url)
    contract_id, upd = _vat_sale_contract(database)
    send(database, contract_id)
    _line, _quantity, price = first_line(database, contract_id)
    agree_price(database, contract_id, price + Decimal("1000.00"))
    database.dispose()
    closed = cli(
        url, "close-month", "--period", "2026-10", "--no-pdf", "--json", "--out", str(tmp_path / "out")
    )
    assert closed.returncode == 0, closed.stderr
    assert json.loads(closed.stdout)["documents"]["ukd"] == 1
    database = open_database(url)
    (ukd,) = [d for d in _current(database) if d.kind == DocumentKind.UKD]
    assert ukd.basis_id == upd.id and ukd.amount_total > 0
    late = [f.text for check in prepare(database, "2026-Q4", []).checks for f in check.findings]
    assert any("после печати книги продаж" in text and f"№ {ukd.number} " in text for text in late), late
    database.dispose()
    again = cli(url, "books", "sales-ledger", "--quarter", "2026-Q4", "--out", str(ledger), "--json")
    assert again.returncode == 0, again.stderr
    reprinted = json.loads(again.stdout.strip().splitlines()[-1])
    assert reprinted["rows"] == len(in_quarter) + 1 and reprinted["findings"] == 0  # the increase's row

    # The export to 1C, twice: valid files with the same Ссылка set.
    first, second = tmp_path / "first.xml", tmp_path / "second.xml"
    for out in (first, second):
        exported = cli(url, "export", "1c", "--period", "2026-10", "--out", str(out), "--json")
        assert exported.returncode == 0, exported.stderr
        assert schema_errors(out, "1.21") == []
    counts = json.loads(exported.stdout)["counts"]
    assert counts.get("Документ.СчетФактураВыданный.НаРеализацию", 0) == len(
        [d for d in in_quarter if d.date.month == 10 and d.kind != DocumentKind.ADVANCE_SF]
    )
    assert set(refs(first)) == set(refs(second))
