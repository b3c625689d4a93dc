"""A number typed into a field of the window goes through the one parser: NaN, Infinity, 1e400 and a
price with more decimals than kept are refused at the field, naming the line; a good one is saved."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWizard
from sqlalchemy import select

from desktop.core.models import Contract, Counterparty, OwnEntity, Service
from desktop.ui.contracts.wizard import ContractWizard


def _type_into_cell(qtbot: Any, table: Any, row: int, column: int, text: str) -> None:
    """What a person does: select the cell, F2, select what is there, type, Enter."""
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "F2 opens the cell's editor"
    editor = editors[0]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == text)  # the delegate commits queued


def test_the_contract_wizard_refuses_nan_infinity_huge_and_long_prices(
    qtbot: Any, main_window: Any, demo_db: Any
) -> None:
    window = main_window
    window.tabs.setCurrentWidget(window.contracts_tab)
    qtbot.mouseClick(window.contracts_tab.new_button, Qt.MouseButton.LeftButton)
    wizard = window.contracts_tab.findChild(ContractWizard)
    assert wizard is not None
    qtbot.waitUntil(wizard.isVisible)
    with demo_db.session() as session:
        party = session.scalar(select(Counterparty).where(Counterparty.kind == "legal").limit(1))
        entity = session.scalar(select(OwnEntity).where(OwnEntity.vat_regime == "vat22"))
        service_name = session.scalar(select(Service.name).where(Service.is_active.is_(True)).limit(1))
    page = wizard.parties_page
    page.client.setCurrentIndex(page.client.findData(party.id))
    page.entity.setCurrentIndex(page.entity.findData(entity.id))
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    for _ in range(3):
        qtbot.waitUntil(next_button.isEnabled)
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    lines = wizard.lines_page
    qtbot.waitUntil(lambda: wizard.currentPage() is lines)
    qtbot.mouseClick(lines.add, Qt.MouseButton.LeftButton)
    combo = lines.table.cellWidget(0, 0)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText(service_name))
    finish = wizard.button(QWizard.WizardButton.FinishButton)

    refused = {
        "NaN": "не число: «NaN»",
        "Infinity": "не число: «Infinity»",
        "1e400": "не число: «1e400»",
        "-inf": "не число: «-inf»",
        "0,005": "0,005 — цена указывается с точностью до копейки",
        "100,555": "100,555 — цена указывается с точностью до копейки",
        "99999999999999999": "слишком большое число (не более 9 999 999 999 999 999,99)",
    }
    for typed, message in refused.items():
        _type_into_cell(qtbot, lines.table, 0, 2, typed)
        assert lines.table.item(0, 2).text() == typed
        reason = lines.reason.text().replace("\u00a0", " ")
        assert reason.startswith("Строка 1: цена: ") and message in reason, (typed, reason)
        assert not finish.isEnabled()
    _type_into_cell(qtbot, lines.table, 0, 1, "NaN")
    assert "Строка 1: количество: не число: «NaN»" in lines.reason.text()
    _type_into_cell(qtbot, lines.table, 0, 1, "2")
    _type_into_cell(qtbot, lines.table, 0, 2, "45 000,50")
    qtbot.waitUntil(finish.isEnabled)
    assert lines.reason.text() == ""
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.contract_id is not None)
    with demo_db.session() as session:
        contract = session.get(Contract, wizard.contract_id)
        assert [(line.quantity, line.price) for line in contract.lines] == [
            (Decimal("2.000"), Decimal("45000.50"))
        ]
