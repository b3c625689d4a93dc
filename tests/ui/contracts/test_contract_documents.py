"""The contract card lists the contract's documents and shows which deals are closed (signed and paid)."""

from __future__ import annotations

from typing import Any

from desktop.core.db import Database
from tests.factories import first_contract, make_document
from tests.ui.user import open_contract_card, open_tab


def test_the_card_shows_each_document_signed_paid_and_closed(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    with demo_db.transaction() as session:
        contract = first_contract(session, status="active")
        act = make_document(session, contract, "act", "2026-09")
        invoice = make_document(session, contract, "invoice", "2026-09")
        act.signed = True
        invoice.paid_amount = invoice.amount_total  # September: signed and paid — closed
        make_document(session, contract, "act", "2026-10")  # October: nothing yet
        contract_id, closed_number = contract.id, act.number
    card = open_contract_card(qtbot, main_window, contract_id)  # a double click on its row
    open_tab(qtbot, card.tabs, "Документы")
    table = card.documents
    header = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert header[-1] == "Закрыт" and card.tabs.tabText(1) == "Документы"
    rows = {
        (table.item(r, 0).text(), table.item(r, 3).text()): [
            table.item(r, c).text() for c in range(table.columnCount())
        ]
        for r in range(table.rowCount())
    }
    assert rows[("Акт", "2026-09")][1] == closed_number and rows[("Акт", "2026-09")][-1] == "да"
    assert rows[("Счёт", "2026-09")][6] == "оплачен" and rows[("Счёт", "2026-09")][-1] == "да"
    assert rows[("Акт", "2026-10")][5] == "нет" and rows[("Акт", "2026-10")][-1] == "нет"
