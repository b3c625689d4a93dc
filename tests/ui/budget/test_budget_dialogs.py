"""Справочники → Статьи ДДС и ЦФО and → Маршруты согласования, driven as a person would: add, a taken
code named at its field, close an entry (it leaves the request card's choices), edit and delete a
rule with the preview following; a manager sees both read-only with a line saying why."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop.config import load_settings
from desktop.core.db import Database, open_database
from desktop.core.models import ApprovalRule, BudgetItem, CostCentre
from desktop.ui.budget.directory_dialog import BudgetDirectoriesDialog
from desktop.ui.budget.routes_dialog import ApprovalRoutesDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.requests.card import RequestCard
from tests.ui.user import (
    answering,
    choose,
    clear_and_type,
    click,
    click_cell,
    open_tab,
    reply,
    top_dialog,
    trigger,
    type_text,
)


def row_of(table: Any, text: str) -> int:
    rows = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert text in rows, rows
    return rows.index(text)


def test_items_and_centres_are_added_a_taken_code_is_named_and_a_closed_item_leaves_the_card(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    trigger(main_window, "Справочники", "Статьи ДДС и ЦФО…")
    dialog = top_dialog(BudgetDirectoriesDialog)
    items = dialog.items
    assert items.save_button.isEnabled()  # the demo makes the OS user an administrator
    before = items.table.rowCount()
    assert before == 8 and items.table.item(0, 0).text() == "01.01"  # type: ignore[union-attr]
    click(qtbot, items.new_button)
    type_text(items.code, "01.01")
    type_text(items.name, "Аренда склада")
    click(qtbot, items.save_button)
    assert items.error.text() == "Код: код «01.01» уже есть в справочнике статей ДДС («Аренда»)"
    assert "border" in items.code.styleSheet() and items.table.rowCount() == before
    clear_and_type(qtbot, items.code, "01.02")
    click(qtbot, items.save_button)
    assert items.error.text() == "" and items.table.rowCount() == before + 1

    click_cell(qtbot, items.table, row_of(items.table, "02.03"), 0)
    assert items.name.text() == "Связь и интернет" and items.active.isChecked()
    click(qtbot, items.active)
    click(qtbot, items.save_button)
    assert items.table.item(items.table.rowCount() - 1, 0).text() == "02.03"  # type: ignore[union-attr]
    assert items.table.item(items.table.rowCount() - 1, 2).text() == "нет"  # type: ignore[union-attr]

    open_tab(qtbot, dialog.tabs, "ЦФО")
    centres = dialog.centres
    click(qtbot, centres.new_button)
    type_text(centres.code, "ЮР")
    type_text(centres.name, "Юридический отдел")
    click(qtbot, centres.save_button)
    assert centres.table.rowCount() == 5
    click(qtbot, dialog.close_button)
    with demo_db.session() as session:
        assert (
            session.scalars(select(BudgetItem.name).where(BudgetItem.code == "01.02")).one()
            == "Аренда склада"
        )
        closed = session.scalars(select(BudgetItem).where(BudgetItem.code == "02.03")).one()
        assert not closed.is_active
        assert (
            session.scalars(select(CostCentre.name).where(CostCentre.code == "ЮР")).one()
            == "Юридический отдел"
        )

    tab = open_tab(qtbot, main_window.tabs, "Заявки на оплату")
    click(qtbot, tab.new_button)  # type: ignore[attr-defined]
    card = top_dialog(RequestCard)
    offered = [card.budget_item.itemText(i) for i in range(card.budget_item.count())]
    assert "01.02 Аренда склада" in offered and "02.03 Связь и интернет" not in offered
    assert "ЮР Юридический отдел" in [card.cost_centre.itemText(i) for i in range(card.cost_centre.count())]


def test_a_rule_is_edited_and_deleted_and_the_preview_follows(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    trigger(main_window, "Справочники", "Маршруты согласования…")
    dialog = top_dialog(ApprovalRoutesDialog)
    choose(qtbot, dialog.entity, text="ООО «АктСервис»")
    assert dialog.table.rowCount() == 3
    type_text(dialog.preview_amount, "150 000")
    assert dialog.preview.text() == (
        "Заявка на 150 000,00 ₽ пройдёт: 1) Руководитель отдела (Сидоров Павел Андреевич); "
        "2) Финансовый директор (Волков Сергей Николаевич)"
    )
    click_cell(qtbot, dialog.table, 1, 0)
    assert dialog.title.text() == "Финансовый директор" and dialog.amount.text() == "100\xa0000,00"
    clear_and_type(qtbot, dialog.amount, "200 000")
    click(qtbot, dialog.save_button)
    assert dialog.table.item(1, 2).text() == "200\xa0000,00"  # type: ignore[union-attr]
    assert dialog.preview.text() == (
        "Заявка на 150 000,00 ₽ пройдёт: 1) Руководитель отдела (Сидоров Павел Андреевич)"
    )
    clear_and_type(qtbot, dialog.amount, "-1")
    click(qtbot, dialog.save_button)
    assert dialog.errors["amount_above"].text() == "сумма не может быть отрицательной (0 — любая сумма)"
    click_cell(qtbot, dialog.table, 2, 0)
    assert dialog.title.text() == "Директор"
    seen: list[str] = []
    with answering(qtbot, reply(qtbot, QMessageBox.StandardButton.Yes, seen), QMessageBox):
        click(qtbot, dialog.delete_button)
    assert seen == ["Удалить правило? Заявки, уже отправленные на согласование, сохранят свой маршрут."]
    assert dialog.table.rowCount() == 2
    with demo_db.session() as session:
        assert [
            (r.stage, r.amount_above)
            for r in session.scalars(select(ApprovalRule).order_by(ApprovalRule.stage))
        ] == [
            (1, 0),
            (2, 200000),
        ]


@pytest.fixture
def manager_window(qtbot: Any, demo_db: Database, russian: None) -> Iterator[MainWindow]:
    database = open_database(demo_db.url, login="m.smirnov")
    window = MainWindow(load_settings(), database)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    database.dispose()


def test_a_manager_sees_the_routes_and_the_directories_read_only(
    qtbot: Any, manager_window: MainWindow
) -> None:
    trigger(manager_window, "Справочники", "Маршруты согласования…")
    routes = top_dialog(ApprovalRoutesDialog)
    choose(qtbot, routes.entity, text="ООО «АктСервис»")
    assert routes.table.rowCount() == 3
    assert routes.hint.text() == (
        "Маршруты согласования меняет только администратор; ваша роль — менеджер. "
        "Маршруты показаны только для просмотра."
    )
    assert not routes.save_button.isEnabled() and not routes.approver.isEnabled()
    assert not routes.delete_button.isEnabled()
    type_text(routes.preview_amount, "2 000 000")  # the preview is for everyone
    assert routes.preview.text().endswith("3) Директор (Соколов Андрей Викторович)")
    routes.accept()

    trigger(manager_window, "Справочники", "Статьи ДДС и ЦФО…")
    directories = top_dialog(BudgetDirectoriesDialog)
    assert directories.items.hint.text() == (
        "Статьи ДДС и ЦФО ведут бухгалтер или администратор; ваша роль — менеджер."
    )
    assert not directories.items.save_button.isEnabled() and not directories.items.code.isEnabled()
