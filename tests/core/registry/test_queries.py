"""The acts registry queries: filters, closed = signed + paid, totals, and the Excel export read back."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.core.common.exports import export_rows
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.models import Contract, Document
from desktop.core.registry.queries import EXPORT_COLUMNS, RegistryFilter, filtered_ids, totals
from desktop.core.registry.queries import export_rows as registry_rows
from tests.factories import make_document


@pytest.fixture
def registry_db(sqlite_db: Database) -> Database:
    """Four contracts × two periods: act + invoice each, in every signed/paid combination."""
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=6, seed=9, today=dt.date(2026, 11, 22))
        contracts = list(
            session.scalars(select(Contract).where(Contract.status == "active").order_by(Contract.id))
        )[:4]
        for index, contract in enumerate(contracts):
            for period in ("2026-09", "2026-10"):
                act = make_document(session, contract, "act", period)
                invoice = make_document(session, contract, "invoice", period)
                act.signed = index in (0, 1)
                invoice.paid_amount = {
                    0: invoice.amount_total,
                    1: Decimal("100.00"),
                    2: invoice.amount_total,
                }.get(index, Decimal(0))
    return sqlite_db


def _rows(database: Database, flt: RegistryFilter) -> list[Document]:
    with database.session() as session:
        ids = filtered_ids(session, flt)
        return [session.get(Document, i) for i in ids]


def test_unsigned_acts_of_a_period(registry_db: Database) -> None:
    rows = _rows(
        registry_db, RegistryFilter(kinds=["act"], signed=False, period_from="2026-10", period_to="2026-10")
    )
    assert len(rows) == 2 and all(d.kind == "act" and not d.signed and d.period == "2026-10" for d in rows)


def test_closed_means_act_signed_and_invoice_fully_paid(registry_db: Database) -> None:
    closed = _rows(registry_db, RegistryFilter(closed=True))
    assert len(closed) == 4  # contract 0: act + invoice, two periods
    assert len({d.contract_id for d in closed}) == 1
    open_rows = _rows(registry_db, RegistryFilter(closed=False))
    assert len(open_rows) == 12


def test_a_seventy_thirty_deal_is_closed_only_when_both_invoices_are_paid(registry_db: Database) -> None:
    with registry_db.transaction() as session:
        contract = session.scalars(select(Contract).order_by(Contract.id)).first()
        assert contract is not None
        act = make_document(session, contract, "act", "2026-11")
        act.signed = True
        advance = make_document(session, contract, "invoice", "2026-11", stage="prepay")
        final = make_document(session, contract, "invoice", "2026-11", stage="final")
        advance.paid_amount = advance.amount_total
        act_id, final_id = act.id, final.id
    closed_ids = {d.id for d in _rows(registry_db, RegistryFilter(closed=True))}
    assert act_id not in closed_ids  # the 30% invoice is still unpaid
    with registry_db.transaction() as session:
        document = session.get(Document, final_id)
        assert document is not None
        document.paid_amount = document.amount_total
    assert act_id in {d.id for d in _rows(registry_db, RegistryFilter(closed=True))}


def test_payment_states_and_totals(registry_db: Database) -> None:
    partial = _rows(registry_db, RegistryFilter(kinds=["invoice"], paid="partial"))
    assert len(partial) == 2 and all(d.paid_amount == Decimal("100.00") for d in partial)
    not_paid = RegistryFilter(kinds=["invoice"], paid="not_paid")
    with registry_db.session() as session:
        count, total, unpaid = totals(session, not_paid)
    assert count == 4 and total == Decimal("48800.00") and unpaid == Decimal("48600.00")


def test_export_of_the_filtered_rows_reads_back_equal(registry_db: Database, tmp_path: Path) -> None:
    flt = RegistryFilter(kinds=["act"], signed=False)
    with registry_db.session() as session:
        ids = filtered_ids(session, flt, "client", False)
        rows = registry_rows(session, ids)
    path = tmp_path / "unsigned.xlsx"
    export_rows(path, EXPORT_COLUMNS, rows)
    sheet = load_workbook(path).active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:R{len(rows) + 1}"
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Вид", "Номер", "Дата", "Период", "Клиент"] and "E-mail клиента" in header
    read = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert len(read) == len(rows) == 4
    for written, got in zip(rows, read, strict=True):
        assert got[1] == written[1] and got[4] == written[4]
        assert isinstance(got[2], dt.datetime) and got[2].date() == written[2]  # a real date cell
        assert isinstance(got[10], float | int) and Decimal(str(got[10])) == written[10]
    assert sheet.cell(row=2, column=11).number_format == "#,##0.00"


def test_cli_exports_unsigned_acts_of_a_period(registry_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "reminders.xlsx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--database",
            str(registry_db.url.render_as_string(False)),
            "registry",
            "export",
            "--unsigned",
            "--period",
            "2026-10",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(out).active
    values = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert len(values) == 2 and {v[0] for v in values} == {"Акт"} and {v[3] for v in values} == {"2026-10"}
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--database",
            str(registry_db.url.render_as_string(False)),
            "registry",
            "export",
            "--unsigned",
            "--period",
            "10.2026",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "ГГГГ-ММ" in bad.stderr


def test_totals_count_each_sale_once_on_both_databases(any_db: Database) -> None:
    """A 70/30 deal: the act's sale is its two invoices; an invoice filter sums just the invoices shown."""
    with any_db.transaction() as session:
        fill_demo(session, clients=3, seed=5, today=dt.date(2026, 11, 22))
        contract = session.scalars(select(Contract).order_by(Contract.id)).first()
        assert contract is not None
        make_document(session, contract, "act", "2026-11", Decimal("1000.00"), Decimal(0))
        advance = make_document(
            session, contract, "invoice", "2026-11", Decimal("700.00"), Decimal(0), "prepay"
        )
        make_document(session, contract, "invoice", "2026-11", Decimal("300.00"), Decimal(0), "final")
        advance.paid_amount = Decimal("700.00")
        contract_id = contract.id
    with any_db.session() as session:
        everything = totals(session, RegistryFilter(contract_id=contract_id))
        acts = totals(session, RegistryFilter(contract_id=contract_id, kinds=["act"]))
        unpaid = totals(session, RegistryFilter(contract_id=contract_id, kinds=["invoice"], paid="unpaid"))
        partly_acts = filtered_ids(
            session, RegistryFilter(contract_id=contract_id, kinds=["act"], paid="partial")
        )
    assert everything == (3, Decimal("1000.00"), Decimal("300.00"))
    assert acts == (1, Decimal("1000.00"), Decimal("300.00"))
    assert unpaid == (1, Decimal("300.00"), Decimal("300.00"))
    assert len(partly_acts) == 1
