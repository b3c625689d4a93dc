"""The registry's id query runs on a worker thread: rows stay until the new ones arrive, stale answers are dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.config import Settings
from desktop.core.db import Database
from desktop.core.models import Contract
from desktop.core.registry import queries as registry
from desktop.core.registry.queries import RegistryFilter
from desktop.ui.contracts.tab import ContractsTab
from desktop.ui.registry.tab import RegistryTab
from tests.factories import make_document


@pytest.fixture
def documents(demo_db: Database) -> Database:
    with demo_db.transaction() as session:
        for contract in session.scalars(select(Contract).order_by(Contract.id)):
            make_document(session, contract, "act", "2026-09")
            make_document(session, contract, "invoice", "2026-09")
    return demo_db


@pytest.fixture
def tab(qtbot: Any, documents: Database, tmp_path: Path, russian: None) -> RegistryTab:
    widget = RegistryTab(documents, settings=Settings(share_root=str(tmp_path)))
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitUntil(lambda: not widget.model.busy, timeout=10000)
    return widget


def test_the_rows_on_screen_stay_until_the_new_ids_arrive(qtbot: Any, tab: RegistryTab) -> None:
    everything = tab.model.rowCount()
    first_number = tab.model.index(0, 1).data()
    tab.set_filter_dict({"kinds": ["invoice"]})
    # The query is on its way: the table still shows the previous rows and says it is busy.
    assert tab.model.busy and tab.model.rowCount() == everything
    assert tab.model.index(0, 1).data() == first_number
    with qtbot.waitSignal(tab.model.loaded, timeout=10000):
        pass
    assert not tab.model.busy
    assert 0 < tab.model.rowCount() < everything
    assert {tab.model.index(r, 0).data() for r in range(tab.model.rowCount())} == {"Счёт"}


def test_a_newer_filter_wins_over_an_older_answer(qtbot: Any, tab: RegistryTab, documents: Database) -> None:
    resets: list[int] = []
    tab.model.modelReset.connect(lambda: resets.append(tab.model.rowCount()))
    # Typing quickly: three requests before any answer is back.
    tab.set_filter_dict({"kinds": ["act"]})
    tab.set_filter_dict({"kinds": ["invoice"], "paid": "not_paid"})
    tab.set_filter_dict({"kinds": ["act"], "search": "ООО"})
    qtbot.waitUntil(lambda: not tab.model.busy, timeout=10000)
    flt = RegistryFilter(kinds=["act"], search="ООО")
    with documents.session() as session:
        expected = list(session.scalars(registry.select_ids(flt, "date", True)))
        count, total, _unpaid = registry.totals(session, flt)
    assert tab.model.ids() == expected and len(resets) == 1  # the two older answers were dropped
    assert tab.footer.text().startswith(f"Документов: {count} ") and count == len(expected)
    from desktop.ui.common import fmt

    assert fmt.money(total) in tab.footer.text()


def test_sorting_runs_in_the_background_and_keeps_the_footer(qtbot: Any, tab: RegistryTab) -> None:
    footer = tab.footer.text()
    tab.view.sortByColumn(7, Qt.SortOrder.AscendingOrder)
    assert tab.model.busy
    qtbot.waitUntil(lambda: not tab.model.busy, timeout=10000)
    amounts = [tab.model.row_object(r).amount for r in range(tab.model.rowCount())]
    assert amounts == sorted(amounts) and tab.footer.text() == footer


def test_a_slow_query_shows_the_busy_indicator(qtbot: Any, tab: RegistryTab) -> None:
    indicator = tab.view.busy_indicator
    tab.model.busy_changed.emit(True)  # as a running query does
    qtbot.waitUntil(indicator.isVisible, timeout=10000)
    assert indicator.text() == "Загрузка…"
    tab.model.busy_changed.emit(False)
    assert not indicator.isVisible()


def test_the_contracts_tab_selects_a_new_contract_once_its_row_is_there(qtbot: Any, main_window: Any) -> None:
    from PySide6.QtWidgets import QWizard

    from desktop.ui.contracts.wizard import ContractWizard
    from tests.ui.user import choose, click, open_tab, top_dialog

    widget = open_tab(qtbot, main_window.tabs, "Договоры")
    assert isinstance(widget, ContractsTab)
    qtbot.waitUntil(lambda: not widget.model.busy, timeout=10000)
    with main_window.database.session() as session:
        old = session.scalar(
            select(Contract).where(Contract.kind == "fixed", Contract.status == "active").limit(1)
        )
    click(qtbot, widget.new_button)  # «Новый договор…», based on last year's
    wizard = top_dialog(ContractWizard)
    choose(qtbot, wizard.parties_page.client, data=old.counterparty_id)
    choose(qtbot, wizard.parties_page.based_on, data=old.id)
    click(qtbot, wizard.parties_page.copy_button)
    for _ in range(3):
        click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert wizard.contract_id is not None
    qtbot.waitUntil(lambda: widget.view.current_id() == wizard.contract_id, timeout=10000)
    assert widget.count.text() == f"Договоров: {widget.model.rowCount()}"
