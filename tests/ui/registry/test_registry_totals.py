"""The registry's footer counts every sale once and an act shows the payment of its sale — in the
real main window, in the window's export and in `aktdesk registry export` read back."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.models import Contract, Counterparty, DocumentSet
from tests.factories import make_document

MONTHLY = Decimal("12200.00")


@pytest.fixture
def three_months(demo_db: Database) -> str:
    """One client billed July–September with act, invoice and UPD each: July paid, August partly."""
    with demo_db.transaction() as session:
        contract = session.scalars(
            select(Contract).where(Contract.status == "active").order_by(Contract.id)
        ).first()
        assert contract is not None
        contract.documents = DocumentSet.ACT_INVOICE_UPD
        for period, paid in (("2026-07", MONTHLY), ("2026-08", Decimal("100.00")), ("2026-09", Decimal(0))):
            make_document(session, contract, "act", period, MONTHLY)
            make_document(session, contract, "invoice", period, MONTHLY).paid_amount = paid
            make_document(session, contract, "upd", period, MONTHLY)
        inn = session.scalar(select(Counterparty.inn).where(Counterparty.id == contract.counterparty_id))
        assert inn is not None
        return inn


def _column(window: Any, title: str) -> int:
    model = window.registry_tab.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert title in titles, "|".join(titles)
    return titles.index(title)


def _rows(window: Any) -> dict[tuple[str, str], str]:
    """(kind, period) → the «Оплата» cell, as the person sees the table."""
    model = window.registry_tab.model
    kind, period, paid = (_column(window, t) for t in ("Вид", "Период", "Оплата"))
    return {
        (model.index(r, kind).data(), model.index(r, period).data()): model.index(r, paid).data()
        for r in range(model.rowCount())
    }


def test_footer_counts_each_sale_once_and_acts_show_their_sales_payment(
    qtbot: Any,
    main_window: Any,
    demo_db: Database,
    three_months: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = main_window
    bar = window.tabs.tabBar()
    index = window.tabs.indexOf(window.registry_tab)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.currentWidget() is window.registry_tab
    tab = window.registry_tab
    qtbot.keyClicks(tab.search, three_months)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 9 and not tab.model.busy, timeout=10000)
    qtbot.waitUntil(lambda: "Документов: 9" in tab.footer.text(), timeout=10000)
    # Three months of 12 200,00, not nine documents' worth; paid 12 200 + 100.
    assert "Сумма: 36\xa0600,00" in tab.footer.text(), tab.footer.text()
    assert "Не оплачено: 24\xa0300,00" in tab.footer.text(), tab.footer.text()

    shown = _rows(window)
    for kind in ("Акт", "Счёт", "УПД"):
        assert shown[(kind, "2026-07")] == "оплачен"
        assert shown[(kind, "2026-08")] == "частично"
        assert shown[(kind, "2026-09")] == "не оплачен"

    # Only the acts: their sales' invoices are what is to pay.
    kinds = tab.kind
    kinds.setCurrentIndex(kinds.findText("Акты"))
    qtbot.waitUntil(lambda: "Документов: 3" in tab.footer.text(), timeout=10000)
    assert "Сумма: 36\xa0600,00" in tab.footer.text() and "Не оплачено: 24\xa0300,00" in tab.footer.text()

    # «Не оплачены полностью» leaves out the July act (its sale is paid).
    tab.paid.setCurrentIndex(tab.paid.findText("Не оплачены полностью"))
    qtbot.waitUntil(lambda: "Документов: 2" in tab.footer.text(), timeout=10000)
    assert set(_rows(window)) == {("Акт", "2026-08"), ("Акт", "2026-09")}
    tab.paid.setCurrentIndex(tab.paid.findText("Любая оплата"))
    kinds.setCurrentIndex(kinds.findText("Все документы"))
    qtbot.waitUntil(lambda: "Документов: 9" in tab.footer.text(), timeout=10000)

    # The window's export says the same as the table.
    out = tmp_path / "registry.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "Excel (*.xlsx)"))
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    kind_c, period_c, pay_c, paid_c = (header.index(h) for h in ("Вид", "Период", "Оплата", "Оплачено"))
    exported = {
        (r[kind_c].value, r[period_c].value): (r[pay_c].value, r[paid_c].value)
        for r in sheet.iter_rows(min_row=2)
    }
    assert exported[("Акт", "2026-07")] == ("оплачен", 12200)
    assert exported[("УПД", "2026-08")] == ("частично", 100)
    assert exported[("Акт", "2026-09")] == ("не оплачен", 0)

    # And the command line's export of the unsigned acts and UPDs.
    cli_out = tmp_path / "unsigned.xlsx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--database",
            demo_db.url.render_as_string(False),
            "registry",
            "export",
            "--unsigned",
            "--out",
            str(cli_out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(cli_out).active
    header = [c.value for c in sheet[1]]
    inn_c = header.index("ИНН клиента")
    mine = {
        (r[kind_c].value, r[period_c].value): r[pay_c].value
        for r in sheet.iter_rows(min_row=2)
        if r[inn_c].value == three_months
    }
    assert mine == {
        ("Акт", "2026-07"): "оплачен",
        ("УПД", "2026-07"): "оплачен",
        ("Акт", "2026-08"): "частично",
        ("УПД", "2026-08"): "частично",
        ("Акт", "2026-09"): "не оплачен",
        ("УПД", "2026-09"): "не оплачен",
    }
