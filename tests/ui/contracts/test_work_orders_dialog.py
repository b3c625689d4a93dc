"""The work orders editor: edit a quantity, add and delete rows, wrong cells refused, the closing preview follows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QMessageBox
from sqlalchemy import func, select

from desktop.core.db import Database
from desktop.core.models import Contract, WorkOrder
from desktop.ui.closing.tab import ClosingTab
from desktop.ui.common import fmt
from desktop.ui.contracts.work_orders import COL, WorkOrdersDialog
from tests.ui.user import (
    answering,
    choose,
    click,
    click_cell,
    edit_cell,
    open_contract_card,
    open_tab,
    reply,
    top_dialog,
)

PERIOD = "2026-10"


@pytest.fixture
def contract_id(demo_db: Database) -> int:
    """A variable contract with October work orders (demo data)."""
    with demo_db.session() as session:
        found = session.scalar(
            select(WorkOrder.contract_id)
            .join(Contract, Contract.id == WorkOrder.contract_id)
            .where(WorkOrder.date >= dt.date(2026, 10, 1), WorkOrder.date <= dt.date(2026, 10, 31))
            .where((Contract.valid_to.is_(None)) | (Contract.valid_to >= dt.date(2026, 10, 31)))
            .group_by(WorkOrder.contract_id)
            .having(func.count(WorkOrder.id) >= 2)
            .order_by(WorkOrder.contract_id)
            .limit(1)
        )
    assert found is not None
    return found


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text))
    return shown


def _october(qtbot: Any, dialog: WorkOrdersDialog, contract_id: int) -> None:
    choose(qtbot, dialog.contract_filter, data=contract_id)


def _from_the_closing_tab(qtbot: Any, main_window: Any) -> tuple[ClosingTab, WorkOrdersDialog]:
    """«Закрытие месяца», October, «Заказ-наряды…»."""
    tab = open_tab(qtbot, main_window.tabs, "Закрытие месяца")
    assert isinstance(tab, ClosingTab)
    choose(qtbot, tab.period, data=PERIOD)
    assert tab.work_orders_button.text() == "Заказ-&наряды…"
    click(qtbot, tab.work_orders_button)
    dialog = top_dialog(WorkOrdersDialog)
    assert dialog.current_period == PERIOD
    return tab, dialog


def _orders(database: Database, contract_id: int) -> list[WorkOrder]:
    with database.session() as session:
        return list(
            session.scalars(
                select(WorkOrder)
                .where(WorkOrder.contract_id == contract_id)
                .where(WorkOrder.date >= dt.date(2026, 10, 1), WorkOrder.date <= dt.date(2026, 10, 31))
                .order_by(WorkOrder.date, WorkOrder.id)
            )
        )


def test_edit_add_delete_and_the_closing_preview_shows_the_new_amount(
    qtbot: Any, main_window: Any, demo_db: Database, contract_id: int, warnings: list[str]
) -> None:
    tab, dialog = _from_the_closing_tab(qtbot, main_window)
    _october(qtbot, dialog, contract_id)
    before = _orders(demo_db, contract_id)
    assert dialog.table.rowCount() == len(before) >= 2

    # Correct the first row's quantity, delete the second, add one.
    edit_cell(qtbot, dialog.table, 0, COL["quantity"], "4,5")
    click_cell(qtbot, dialog.table, 1, COL["date"])
    click(qtbot, dialog.delete_button)
    click(qtbot, dialog.add_button)
    new = dialog.table.rowCount() - 1
    service = dialog.table.cellWidget(new, COL["service"])
    assert isinstance(service, QComboBox) and service.count() > 1
    choose(qtbot, service, text=service.itemText(1))
    edit_cell(qtbot, dialog.table, new, COL["date"], "20.10.2026")
    edit_cell(qtbot, dialog.table, new, COL["quantity"], "2")
    edit_cell(qtbot, dialog.table, new, COL["request_number"], "З-501")
    assert dialog.problems.text() == ""

    with qtbot.waitSignal(dialog.saved, timeout=10000):
        click(qtbot, dialog.save_button)
    assert not warnings
    after = _orders(demo_db, contract_id)
    assert len(after) == len(before)  # one deleted, one added
    assert after[0].id == before[0].id and after[0].quantity == Decimal("4.5")
    assert before[1].id not in {o.id for o in after}
    assert any(o.request_number == "З-501" and o.quantity == Decimal(2) for o in after)

    # The preview follows the save and shows the amount of the new work orders.
    qtbot.waitUntil(lambda: tab.model.plan is not None and not tab.task.running, timeout=30000)
    [row] = [r for r in tab.model.plan.rows if r.contract_id == contract_id]
    approved = sum((o.quantity for o in after if o.approved), Decimal(0))
    assert sum((line.quantity for line in row.lines), Decimal(0)) == approved
    assert row.total == sum((line.total for line in row.lines), Decimal(0))
    shown = tab.model.rows.index(row)
    texts = [tab.model.index(shown, c).data() or "" for c in range(tab.model.columnCount())]
    assert fmt.money(row.total) in texts


def test_a_bad_quantity_is_refused_with_row_and_column(
    qtbot: Any, main_window: Any, demo_db: Database, contract_id: int, warnings: list[str]
) -> None:
    _tab, dialog = _from_the_closing_tab(qtbot, main_window)
    _october(qtbot, dialog, contract_id)
    before = _orders(demo_db, contract_id)
    edit_cell(qtbot, dialog.table, 1, COL["quantity"], "-2")
    item = dialog.table.item(1, COL["quantity"])
    assert item.toolTip() == "количество должно быть больше нуля"
    assert "Строка 2, «Количество»: количество должно быть больше нуля" in dialog.problems.text()
    edit_cell(qtbot, dialog.table, 0, COL["date"], "05.11.2026")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert "Строка 2, «Количество»" in warnings[0] and "Строка 1, «Дата»" in warnings[0]
    assert [(o.id, o.quantity, o.date) for o in _orders(demo_db, contract_id)] == [
        (o.id, o.quantity, o.date) for o in before
    ]  # nothing half-saved


def test_a_variable_contracts_card_opens_its_work_orders(
    qtbot: Any, main_window: Any, demo_db: Database, contract_id: int
) -> None:
    card = open_contract_card(qtbot, main_window, contract_id)
    click(qtbot, card.work_orders_button)
    dialog = top_dialog(WorkOrdersDialog)
    assert not dialog.contract_filter.isEnabled() and dialog.contract_filter.currentData() == contract_id
    assert dialog.windowTitle().startswith("Заказ-наряды: ")
    with demo_db.session() as session:
        fixed = session.scalar(select(Contract.id).where(Contract.kind == "fixed").limit(1))
    dialog.close()
    card.close()
    other = open_contract_card(qtbot, main_window, fixed)
    assert not other.work_orders_button.isVisible()


def test_switching_the_period_with_unsaved_edits_asks_first(
    qtbot: Any, main_window: Any, contract_id: int
) -> None:
    _tab, dialog = _from_the_closing_tab(qtbot, main_window)
    _october(qtbot, dialog, contract_id)
    edit_cell(qtbot, dialog.table, 0, COL["quantity"], "9")
    asked: list[str] = []
    with answering(qtbot, reply(qtbot, QMessageBox.StandardButton.No, asked), QMessageBox):
        choose(qtbot, dialog.period, data="2026-09", taken=False)
    assert asked and "не сохранены" in asked[0]
    assert dialog.current_period == PERIOD and dialog.table.item(0, COL["quantity"]).text() == "9"
