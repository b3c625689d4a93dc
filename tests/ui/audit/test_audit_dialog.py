"""Справка → Журнал изменений, driven as a person would: the filters chosen and typed, the rows
and the chosen entry read, the log exported to Excel through the file dialog."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QFileDialog, QLabel
from sqlalchemy import select

from desktop.config import load_settings
from desktop.core.db import Database
from desktop.core.models import Counterparty
from desktop.ui.audit.dialog import AuditDialog
from desktop.ui.parties.card import CounterpartyCard
from desktop.ui.parties.directory import CounterpartiesDialog
from tests.factories.audit import log_entry
from tests.ui.user import (
    answering,
    choose,
    clear_and_type,
    click,
    click_cell,
    file_chosen,
    press,
    top_dialog,
    trigger,
    type_text,
)

COLUMNS = ["Когда", "Кто", "Объект", "№/id", "Действие", "Что изменилось"]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@pytest.fixture
def logged(demo_db: Database) -> dict[str, Any]:
    """Three entries of the demo's people, made a minute ago and now."""
    with demo_db.session() as session:
        party = session.scalars(select(Counterparty).order_by(Counterparty.id)).first()
        assert party is not None
        party_id, party_name = party.id, party.short_name
    now = _now()
    return {
        "party": party_name,
        "phone": log_entry(
            demo_db, now - dt.timedelta(minutes=1), "buh.ivanova", "counterparties", str(party_id),
            "update", {"phone": ["+7 495 111-11-11", "+7 495 222-22-22"]},
        ),
        "approved": log_entry(
            demo_db, now, "m.smirnov", "payment_requests", "123456",
            "update", {"status": ["approval", "approved"]},
        ),
        "removed": log_entry(
            demo_db, now, "fin.director", "budget_items", "77",
            "delete", {"id": [77, None], "code": ["09.99", None], "name": ["Представительские", None]},
        ),
    }  # fmt: skip


def _open(qtbot: Any, window: Any) -> AuditDialog:
    trigger(window, "Справка", "Журнал изменений…")
    dialog = top_dialog(AuditDialog)
    qtbot.waitExposed(dialog)
    _wait(qtbot, dialog)
    return dialog


def _wait(qtbot: Any, dialog: AuditDialog) -> None:
    """Until the rows of the filter as it is now are on screen (the query runs on a worker)."""
    qtbot.waitUntil(lambda: not dialog.model.busy and not dialog._timer.isActive(), timeout=10000)


def _shown(dialog: AuditDialog) -> list[list[str]]:
    model = dialog.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_log_opens_beside_the_window_and_its_filters_find_the_entry(
    qtbot: Any, main_window: Any, logged: dict[str, Any], tmp_path: Path
) -> None:
    dialog = _open(qtbot, main_window)
    assert not dialog.isModal() and dialog.windowTitle() == "Журнал изменений"
    assert [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == COLUMNS
    rows = _shown(dialog)
    mine = [
        r
        for r in rows
        if r[1] in ("Смирнов А. (m.smirnov)", "Волков С. (fin.director)", "Иванова М. (buh.ivanova)")
    ]
    assert len(mine) >= 3
    phone = next(r for r in rows if r[5] == "Телефон: +7 495 111-11-11 → +7 495 222-22-22")
    assert phone[1:5] == ["Иванова М. (buh.ivanova)", "Контрагент", phone[3], "Изменение"]
    assert phone[3].startswith(f"{logged['party']}, id ")
    assert rows.index(phone) > rows.index(
        next(r for r in rows if r[1] == "Смирнов А. (m.smirnov)")
    )  # newest first

    # The person, the kind of object and the action chosen from their lists.
    choose(qtbot, dialog.person, text="Смирнов А. (m.smirnov)")
    _wait(qtbot, dialog)
    assert {r[1] for r in _shown(dialog)} == {"Смирнов А. (m.smirnov)"}
    choose(qtbot, dialog.object, text="Заявка на оплату")
    choose(qtbot, dialog.action, text="Изменение")
    _wait(qtbot, dialog)
    approved = [r for r in _shown(dialog) if r[3] == "123456"]
    assert approved and approved[0][2:] == [
        "Заявка на оплату", "123456", "Изменение", "Статус: На согласовании → Согласован к оплате",
    ]  # fmt: skip
    assert dialog.footer.text() == f"Записей: {dialog.model.rowCount()}"
    # The chosen entry, whole, under the table.
    click_cell(qtbot, dialog.view, _shown(dialog).index(approved[0]), 5)
    details = dialog.details.toPlainText()
    assert "Было" in details and "Стало" in details and "На согласовании" in details

    # Back to everyone, and a text typed: the title of a status finds the entry.
    choose(qtbot, dialog.person, text="Все")
    choose(qtbot, dialog.object, text="Все")
    choose(qtbot, dialog.action, text="Все")
    type_text(dialog.search, "представительские")
    _wait(qtbot, dialog)
    assert [r[1:5] for r in _shown(dialog)] == [
        ["Волков С. (fin.director)", "Статья ДДС", "09.99 Представительские, id 77", "Удаление"]
    ]

    # Exported: what the filter shows, read back from the file.
    out = tmp_path / "журнал.xlsx"
    with answering(qtbot, file_chosen(out), QFileDialog):
        click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: out.exists() and "Выгружено записей: 1" in dialog.footer.text(), timeout=30000)
    sheet = load_workbook(out).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == COLUMNS
    assert values[1][1:] == (
        "Волков С. (fin.director)", "Статья ДДС", "09.99 Представительские, id 77", "Удаление",
        "Код: 09.99; Наименование: Представительские",
    )  # fmt: skip
    assert isinstance(values[1][0], dt.datetime)


def test_a_period_typed_in_the_date_fields_limits_the_rows(
    qtbot: Any, main_window: Any, logged: dict[str, Any]
) -> None:
    dialog = _open(qtbot, main_window)
    assert not dialog.has_period.isChecked()
    type_text(dialog.search, "222-22-22")
    _wait(qtbot, dialog)
    assert dialog.model.rowCount() == 1
    # Tab into «Период с», type a date: the period applies; «по» a day in the past leaves nothing.
    dialog.has_period.setFocus()
    qtbot.keyClick(dialog.has_period, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.date_from
    qtbot.keyClicks(dialog.date_from, "01012020")
    assert dialog.has_period.isChecked()
    _wait(qtbot, dialog)
    assert dialog.model.rowCount() == 1
    qtbot.keyClick(dialog.date_from, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.date_to
    qtbot.keyClicks(dialog.date_to, "31122020")
    _wait(qtbot, dialog)
    assert dialog.model.rowCount() == 0
    assert dialog.footer.text() == "Записей: 0" and "Записей нет." in dialog.details.toPlainText()
    click(qtbot, dialog.has_period)  # the period off again
    _wait(qtbot, dialog)
    assert dialog.model.rowCount() == 1


def test_the_log_stays_open_and_f5_reads_new_entries(
    qtbot: Any, main_window: Any, demo_db: Database, logged: dict[str, Any]
) -> None:
    dialog = _open(qtbot, main_window)
    type_text(dialog.search, "офис-2026")
    _wait(qtbot, dialog)
    assert dialog.model.rowCount() == 0
    log_entry(
        demo_db, _now(), "buh.petrova", "budget_items", "78", "insert", {"name": [None, "Аренда офис-2026"]}
    )
    qtbot.keyClick(dialog.view, Qt.Key.Key_F5)
    _wait(qtbot, dialog)
    assert [r[1] for r in _shown(dialog)] == ["Петрова О. (buh.petrova)"]
    # The new person is offered in the list; the menu item brings the same window back.
    assert dialog.person.findText("Петрова О. (buh.petrova)") >= 0
    trigger(main_window, "Справка", "Журнал изменений…")
    assert main_window.audit_dialog is dialog
    # Alt letters of the window are its own, each once.
    keys = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    keys += [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    letters = [t.replace("&&", "")[t.replace("&&", "").find("&") + 1].lower() for t in keys if "&" in t]
    assert [k for k, n in Counter(letters).items() if n > 1] == []
    assert len(letters) >= 7


def test_an_empty_log_opens_and_closes_cleanly(qtbot: Any, sqlite_db: Database, russian: None) -> None:
    from desktop.ui.main_window import MainWindow

    window = MainWindow(load_settings(), sqlite_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    dialog = _open(qtbot, window)
    assert dialog.footer.text() == "Записей: 0"
    assert dialog.person.count() == 1 and dialog.person.currentText() == "Все"
    assert dialog.object.findText("Договор") > 0 and dialog.object.findText("Шаг согласования") > 0
    assert "Записей нет." in dialog.details.toPlainText()
    close = dialog.buttons.buttons()[0]
    assert close.text().replace("&", "") == "Закрыть"
    click(qtbot, close)
    assert not dialog.isVisible()
    # Opened again: the same window, read again (an entry made meanwhile is there).
    log_entry(sqlite_db, _now(), "buh.petrova", "budget_items", "5", "update", {"name": ["А", "Б"]})
    assert _open(qtbot, window) is dialog
    assert dialog.footer.text() == "Записей: 1" and dialog.person.count() == 2


def test_a_card_saved_in_the_program_is_in_the_log_with_who_and_what(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    with demo_db.session() as session:
        party = session.scalars(select(Counterparty).order_by(Counterparty.id)).first()
        assert party is not None
        party_id, name, phone = party.id, party.short_name, party.phone
    # Справочники → Контрагенты: the card opened with a double click, the phone typed, saved.
    trigger(main_window, "Справочники", "Контрагенты…")
    directory = top_dialog(CounterpartiesDialog)
    qtbot.waitUntil(
        lambda: not directory.model.busy and directory.model.row_of(party_id) is not None, timeout=10000
    )
    click_cell(qtbot, directory.view, directory.model.row_of(party_id), 0, double=True)
    card = top_dialog(CounterpartyCard)
    clear_and_type(qtbot, card.edits["phone"], "+7 495 765-43-21")
    press(qtbot, card.buttons, QDialogButtonBox.StandardButton.Save)
    qtbot.waitUntil(lambda: not card.isVisible(), timeout=5000)
    directory.reject()

    dialog = _open(qtbot, main_window)
    choose(qtbot, dialog.object, text="Контрагент")
    choose(qtbot, dialog.action, text="Изменение")
    type_text(dialog.search, name)  # the counterparty's name finds every change of its card
    _wait(qtbot, dialog)
    newest = _shown(dialog)[0]
    assert newest[1] == f"Администратор A. ({demo_db.login})"  # the demo's administrator: who runs it
    assert newest[2:5] == ["Контрагент", f"{name}, id {party_id}", "Изменение"]
    assert f"Телефон: {phone or '—'} → +7 495 765-43-21" in newest[5]
    moment = dt.datetime.strptime(newest[0], "%d.%m.%Y %H:%M:%S")
    assert abs(moment - dt.datetime.now()) < dt.timedelta(minutes=5)  # the server's time, on the local clock
