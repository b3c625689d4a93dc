"""Бухгалтерия → Книга продаж…, driven as a person would on a fourth quarter with real closing and the
other kinds of счета-фактуры: the quarter and the entity picked, «Сформировать» pressed, the rows,
the «Всего» row and the green check seen; «Сохранить в Excel…» answered in the file dialog, the
file on disk with the rows; a document made after that is named by the check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.config import load_settings
from desktop.core.db import Database
from desktop.core.models import DocumentKind
from desktop.ui.books.sales_ledger_dialog import SalesLedgerDialog
from desktop.ui.common.widgets import cell
from tests.factories import books, copy_of
from tests.ui.user import answering, choose, clear_and_type, click, file_chosen, top_dialog, trigger


@pytest.fixture(scope="module")
def quarter_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, books.Quarter4]:
    folder = tmp_path_factory.mktemp("quarter")
    _url, made = books.closed_fourth_quarter(folder)
    return folder / "db.sqlite", made


@pytest.fixture
def quarter(
    quarter_file: tuple[Path, books.Quarter4], tmp_path: Path
) -> Iterator[tuple[Database, books.Quarter4]]:
    with copy_of(quarter_file[0], tmp_path) as database:
        yield database, quarter_file[1]


@pytest.fixture
def window(qtbot: Any, quarter: tuple[Database, books.Quarter4], russian: None) -> Any:
    from desktop.ui.main_window import MainWindow

    shown = MainWindow(load_settings(), quarter[0])
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _wait(qtbot: Any, dialog: SalesLedgerDialog) -> None:
    task = dialog.last_task
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=30000)


def _build(qtbot: Any, dialog: SalesLedgerDialog) -> None:
    click(qtbot, dialog.build_button)
    _wait(qtbot, dialog)
    qtbot.waitUntil(dialog.build_button.isEnabled)


def _column(dialog: SalesLedgerDialog, code: str) -> int:
    headers = [dialog.table.horizontalHeaderItem(i).text() for i in range(dialog.table.columnCount())]  # type: ignore[union-attr]
    return headers.index(code)


def test_the_quarter_is_shown_checked_and_saved_to_excel(
    qtbot: Any, window: Any, quarter: tuple[Database, books.Quarter4], tmp_path: Path
) -> None:
    database, made = quarter
    trigger(window, "Бухгалтерия", "Книга продаж…")
    dialog = top_dialog(SalesLedgerDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Книга продаж"
    clear_and_type(qtbot, dialog.year, "2026")
    choose(qtbot, dialog.quarter, text="IV квартал")
    choose(qtbot, dialog.entity, data=made.entity_inn)
    assert not dialog.save_button.isEnabled()  # nothing built yet
    _build(qtbot, dialog)

    rows = len(made.upd_ids) + 3  # the UPDs, the advance, the separate счёт-фактура, the increase
    assert dialog.table.rowCount() == rows + 1
    codes = [cell(dialog.table, r, _column(dialog, "2")).text() for r in range(rows)]
    assert sorted(codes) == sorted(["01"] * (len(made.upd_ids) + 2) + ["02"])
    last = dialog.table.rowCount() - 1
    assert cell(dialog.table, last, _column(dialog, "1")).text() == "Всего"
    assert cell(dialog.table, last, _column(dialog, "14а")).text() == "1\xa0000,00"
    assert cell(dialog.table, last, _column(dialog, "17а")).text() == "200,00"
    assert made.receipt in [cell(dialog.table, r, _column(dialog, "11")).text() for r in range(rows)]
    shown = dialog.check.text()
    assert "Все счета-фактуры квартала в книге по одному разу, итоги совпадают с реестром" in shown
    assert "в книгу покупок (код 18)" in shown  # the decreasing УКД, as information

    out = tmp_path / "книги" / "продажи IV"  # no «.xlsx»: the dialog adds it
    out.parent.mkdir()
    with answering(qtbot, file_chosen(out), QFileDialog):
        click(qtbot, dialog.save_button)
    _wait(qtbot, dialog)
    written = Path(str(out) + ".xlsx")
    assert written.is_file()
    book_rows, total = books.read_ledger(written)
    assert len(book_rows) == rows and total["1"] == "Всего"
    assert books.money(total["14а"]) == books.money(1000) and books.money(total["17а"]) == books.money(200)
    assert dialog.summary is not None and dialog.summary.rows == rows
    assert f"Сохранено: строк {rows}" in dialog.outcome.text() and str(written) in dialog.outcome.text()

    # A счёт-фактура made after the print: «Сформировать» again names it.
    with database.transaction() as session:
        contract = books.vat_contract(session, made.entity_inn)
        late = books.document(session, contract, DocumentKind.SF, dt.date(2026, 12, 31),
                              [books.line("22%", "500.00", "110.00")], period="2026-11")  # fmt: skip
        late_number = f"№ {late.number} от 31.12.2026"
    _build(qtbot, dialog)
    shown = dialog.check.text()
    assert late_number in shown and "документ сделан после печати книги продаж" in shown
    assert "нужен дополнительный лист" in shown
    assert "итоги совпадают с реестром" not in shown
