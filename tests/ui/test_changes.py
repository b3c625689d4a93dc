"""A change made in one place shows in the tab on screen without F5 (``ui/common/changes``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.models import Contract, Counterparty
from desktop.ui.common.changes import changes_of
from desktop.ui.parties.card import CounterpartyCard
from desktop.ui.parties.directory import CounterpartiesDialog
from tests.ui.user import clear_and_type, click_cell, open_tab, press, top_dialog, trigger, type_text


def _clients(model: Any) -> list[str]:
    return [model.row_values(row)[2] for row in range(model.rowCount())]


def test_a_client_renamed_in_the_directory_shows_in_the_contracts_tab_at_once(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    tab = open_tab(qtbot, main_window.tabs, "Договоры")
    model = main_window.contracts_tab.model
    qtbot.waitUntil(lambda: not model.busy and model.rowCount() > 0, timeout=10000)
    with demo_db.session() as session:
        party = session.scalar(
            select(Counterparty).join(Contract, Contract.counterparty_id == Counterparty.id).limit(1)
        )
    assert party is not None and party.short_name in _clients(model)

    trigger(main_window, "Справочники", "Контрагенты…")
    directory = top_dialog(CounterpartiesDialog)
    type_text(directory.search, party.inn)
    qtbot.waitUntil(lambda: directory.model.rowCount() == 1, timeout=10000)
    click_cell(qtbot, directory.view, 0, 0, double=True)
    card = top_dialog(CounterpartyCard)
    assert card.counterparty_id == party.id
    clear_and_type(qtbot, card.edits["short_name"], "ООО «Новое имя»")
    press(qtbot, card.buttons, QDialogButtonBox.StandardButton.Save)

    # No F5, no other tab: the contracts on screen read the new name.
    qtbot.waitUntil(lambda: not model.busy and "ООО «Новое имя»" in _clients(model), timeout=10000)
    assert party.short_name not in _clients(model)
    assert main_window.tabs.currentWidget() is tab


def test_a_closed_month_is_announced_once_and_the_closing_tab_is_not_read_again(
    qtbot: Any, main_window: Any
) -> None:
    changes = changes_of(main_window.closing_tab)
    assert changes is main_window.changes
    seen: list[str] = []
    changes.changed.connect(seen.append)
    open_tab(qtbot, main_window.tabs, "Закрытие месяца")
    reloads: list[int] = []
    original = main_window.closing_tab.reload
    main_window.closing_tab.reload = lambda: (reloads.append(1), original())[-1]  # type: ignore[method-assign]
    main_window.closing_tab.closed.emit(None)
    assert seen == ["documents"]
    assert reloads == []  # the tab that closed the month shows its result itself
