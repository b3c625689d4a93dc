"""Бухгалтерия → Авансы…, driven as a person would: the receipt on a prepayment invoice is listed with its
deadline, «Выставить счета-фактуры на аванс (1)» issues it and its number appears in the table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from desktop.config import load_settings
from desktop.core.books.advances import lawful_last_day
from desktop.core.closing import plan as closing
from desktop.core.db import Database
from desktop.core.models import Document
from desktop.ui.books.advances_dialog import AdvancesDialog
from tests.factories.advances import advance_world, receive
from tests.ui.user import choose, click, top_dialog, trigger

RECEIPT = dt.date(2026, 11, 3)


@pytest.fixture
def window(qtbot: Any, sqlite_db: Database, russian: None) -> Any:
    from desktop.ui.main_window import MainWindow

    world = advance_world(sqlite_db)
    receive(sqlite_db, world.invoices["full-2026-11"], RECEIPT, number="457")
    receive(sqlite_db, world.invoices["free-2026-11"], RECEIPT, number="458")  # no VAT: not listed
    shown = MainWindow(load_settings(), sqlite_db)
    shown.world = world
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_the_due_advance_is_listed_and_issued_by_the_button(
    qtbot: Any, window: Any, sqlite_db: Database
) -> None:
    trigger(window, "Бухгалтерия", "Авансы…")
    dialog = top_dialog(AdvancesDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Авансы полученные"
    table = dialog.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == [
        "Клиент",
        "Договор",
        "Платёж",
        "Сумма аванса",
        "Счёт на оплату",
        "Срок СФ",
        "Счёт-фактура на аванс",
        "Зачтён",
    ]
    assert table.rowCount() == 1
    texts = [table.item(0, c).text() for c in range(table.columnCount())]
    assert texts[:3] == ["ООО «Лютик»", "АВ-2026/1", "№ 457 от 03.11.2026"]
    assert texts[3] == "14\u00a0640,00" and texts[5] == lawful_last_day(RECEIPT).strftime("%d.%m.%Y")
    assert texts[6] == "не выставлен" and texts[7] == "не зачтён"
    due = table.item(0, 5)
    if dialog.today > lawful_last_day(RECEIPT):  # the five days are over: red
        assert due.foreground().color().name() == "#b00020"
    assert (
        "Получено: 14\u00a0640,00" in dialog.totals.text()
        and "не зачтено: 14\u00a0640,00" in dialog.totals.text()
    )
    assert dialog.issue_button.text() == "&Выставить счета-фактуры на аванс (1)"

    click(qtbot, dialog.issue_button)
    task = dialog.last_task
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=120000)
    qtbot.waitUntil(lambda: not dialog.running)
    with sqlite_db.session() as session:
        [sf] = session.scalars(select(Document).where(Document.kind == "sf_advance")).all()
        number, date = sf.number, sf.date
    assert date == min(max(dialog.today, RECEIPT), lawful_last_day(RECEIPT))
    assert table.item(0, 6).text() == f"№ {number} от {date:%d.%m.%Y}"
    assert "Выставлено счетов-фактур на аванс: 1" in dialog.report.text()
    assert (
        dialog.issue_button.text() == "&Выставить счета-фактуры на аванс (0)"
        and not dialog.issue_button.isEnabled()
    )
    assert "выставлены счета-фактуры на аванс: 14\u00a0640,00" in dialog.totals.text()


def test_the_sale_offsets_it_and_the_filters_hide_it(qtbot: Any, window: Any, sqlite_db: Database) -> None:
    with sqlite_db.session() as session:
        plan = closing.plan(session, "2026-11", today=dt.date(2026, 12, 1))
    assert closing.execute(sqlite_db, plan, today=dt.date(2026, 12, 1)).errors == []  # the November act
    with sqlite_db.session() as session:
        act = session.scalars(
            select(Document).where(
                Document.kind == "act",
                Document.period == "2026-11",
                Document.contract_id == window.world.full,
            )
        ).one()
        act_text = f"№ {act.number} от {act.date:%d.%m.%Y}"
    trigger(window, "Бухгалтерия", "Авансы…")
    dialog = top_dialog(AdvancesDialog)
    qtbot.waitExposed(dialog)
    table = dialog.table
    assert table.rowCount() == 1 and table.item(0, 7).text() == act_text
    assert table.item(0, 6).text().startswith("№ ")  # the closing run issued the overdue one
    assert "не зачтено: 0,00" in dialog.totals.text()
    click(qtbot, dialog.not_offset)
    assert dialog.not_offset.isChecked() and table.rowCount() == 0
    click(qtbot, dialog.not_offset)
    choose(qtbot, dialog.entity, text="ООО «Простые решения», ИНН 7736207543")
    assert table.rowCount() == 0
    choose(qtbot, dialog.entity, text="ООО «АктСервис», ИНН 7707083893")
    assert table.rowCount() == 1


def test_the_window_start_issues_the_overdue_ones_and_says_so(
    qtbot: Any, russian: None, tmp_path: Any
) -> None:
    from desktop.core.db import open_database
    from desktop.ui.app import open_main_window

    url = f"sqlite:///{tmp_path / 'start.sqlite'}"
    database = open_database(url)
    world = advance_world(database)
    receive(database, world.invoices["full-2026-11"], RECEIPT, number="457")  # five days long over
    database.dispose()
    window = open_main_window(database=url, language="ru")
    qtbot.addWidget(window)
    task = window.advances_task
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=120000)
    assert window.statusBar().currentMessage() == "Выставлены счета-фактуры на аванс: 1"
    with window.database.session() as session:
        [sf] = session.scalars(select(Document).where(Document.kind == "sf_advance")).all()
        assert sf.date == lawful_last_day(RECEIPT) and sf.payment is not None and sf.payment.number == "457"
    window.close()
    window.database.dispose()
