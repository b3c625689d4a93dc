"""The work orders editor: edit a quantity, add and delete rows, wrong cells refused, the closing preview follows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QMessageBox
from sqlalchemy import func, select

from desktop.config import Settings
from desktop.core.db import Database
from desktop.core.models import Contract, WorkOrder
from desktop.ui.closing.tab import ClosingTab
from desktop.ui.closing.work_orders import COL, WorkOrdersDialog
from desktop.ui.common import fmt
from desktop.ui.contracts.card import ContractCard

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


def _october(dialog: WorkOrdersDialog, contract_id: int) -> None:
    dialog.contract_filter.setCurrentIndex(dialog.contract_filter.findData(contract_id))


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
    qtbot: Any, demo_db: Database, contract_id: int, tmp_path: Path, russian: None, warnings: list[str]
) -> None:
    tab = ClosingTab(demo_db, settings=Settings(output_dir=str(tmp_path / "out")))
    qtbot.addWidget(tab)
    tab.show()
    tab.period.setCurrentIndex(tab.period.findData(PERIOD))
    assert tab.work_orders_button.text() == "Заказ-наряды…"
    tab.work_orders_button.click()
    dialog: WorkOrdersDialog = tab.work_orders_dialog
    assert dialog.current_period == PERIOD and dialog.isVisible()
    _october(dialog, contract_id)
    before = _orders(demo_db, contract_id)
    assert dialog.table.rowCount() == len(before) >= 2

    # Correct the first row's quantity, delete the second, add one.
    dialog.table.item(0, COL["quantity"]).setText("4,5")
    dialog.table.setCurrentCell(1, COL["date"])
    dialog.delete_selected()
    new = dialog.add_row()
    service = dialog.table.cellWidget(new, COL["service"])
    assert isinstance(service, QComboBox) and service.count() > 1
    service.setCurrentIndex(1)
    dialog.table.item(new, COL["date"]).setText("20.10.2026")
    dialog.table.item(new, COL["quantity"]).setText("2")
    dialog.table.item(new, COL["request_number"]).setText("З-501")
    assert dialog.validate() == []

    with qtbot.waitSignal(dialog.saved, timeout=10000):
        assert dialog.save()
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
    qtbot: Any, demo_db: Database, contract_id: int, russian: None, warnings: list[str]
) -> None:
    dialog = WorkOrdersDialog(demo_db, PERIOD, contract_id=contract_id)
    qtbot.addWidget(dialog)
    dialog.show()
    before = _orders(demo_db, contract_id)
    dialog.table.item(1, COL["quantity"]).setText("-2")
    item = dialog.table.item(1, COL["quantity"])
    assert item.toolTip() == "количество должно быть больше нуля"
    assert "Строка 2, «Количество»: количество должно быть больше нуля" in dialog.problems.text()
    dialog.table.item(0, COL["date"]).setText("05.11.2026")
    assert not dialog.save()
    assert "Строка 2, «Количество»" in warnings[0] and "Строка 1, «Дата»" in warnings[0]
    assert [(o.id, o.quantity, o.date) for o in _orders(demo_db, contract_id)] == [
        (o.id, o.quantity, o.date) for o in before
    ]  # nothing half-saved


def test_a_variable_contracts_card_opens_its_work_orders(
    qtbot: Any, demo_db: Database, contract_id: int, russian: None
) -> None:
    card = ContractCard(demo_db, contract_id, settings=Settings())
    qtbot.addWidget(card)
    card.show()
    assert card.work_orders_button.isVisible()
    dialog = card.open_work_orders()
    assert not dialog.contract_filter.isEnabled() and dialog.contract_filter.currentData() == contract_id
    assert dialog.windowTitle().startswith("Заказ-наряды: ")
    with demo_db.session() as session:
        fixed = session.scalar(select(Contract.id).where(Contract.kind == "fixed").limit(1))
    other = ContractCard(demo_db, fixed, settings=Settings())
    qtbot.addWidget(other)
    other.show()
    assert not other.work_orders_button.isVisible()


def test_switching_the_period_with_unsaved_edits_asks_first(
    qtbot: Any, demo_db: Database, contract_id: int, russian: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = WorkOrdersDialog(demo_db, PERIOD, contract_id=contract_id)
    qtbot.addWidget(dialog)
    dialog.table.item(0, COL["quantity"]).setText("9")
    asked: list[str] = []

    def answer(_parent: Any, _title: str, text: str, *a: Any, **k: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog.period.setCurrentIndex(dialog.period.findData("2026-09"))
    assert asked and "не сохранены" in asked[0]
    assert dialog.current_period == PERIOD and dialog.table.item(0, COL["quantity"]).text() == "9"
