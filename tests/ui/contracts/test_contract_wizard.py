"""The contract wizard: Next is blocked, with the reason shown, until each page is right."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QComboBox, QWizard
from sqlalchemy import select

from desktop.core.common.events import history
from desktop.core.db import Database
from desktop.core.models import Contract, Counterparty, OwnEntity, Service
from desktop.ui.contracts.wizard import ContractWizard
from tests.ui.user import choose, clear_and_type, click, edit_cell, open_tab, top_dialog


def _open_wizard(qtbot: Any, main_window: Any) -> ContractWizard:
    """«Договоры» → «Новый договор…»."""
    tab = open_tab(qtbot, main_window.tabs, "Договоры")
    click(qtbot, tab.new_button)
    return top_dialog(ContractWizard)


def _next(wizard: ContractWizard) -> Any:
    return wizard.button(QWizard.WizardButton.NextButton)


def _finish(qtbot: Any, wizard: ContractWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))


def test_wizard_blocks_each_step_until_required_fields_are_valid(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    wizard = _open_wizard(qtbot, main_window)
    page = wizard.parties_page
    assert page.client.currentIndex() == 0  # nobody chosen yet
    assert not page.isComplete() and not _next(wizard).isEnabled()
    assert "Выберите клиента" in page.reason.text()

    with demo_db.session() as session:
        party = session.scalar(select(Counterparty).where(Counterparty.kind == "legal").limit(1))
        entity = session.scalar(select(OwnEntity).where(OwnEntity.vat_regime == "vat22"))
        taken = session.scalar(select(Contract.number).where(Contract.own_entity_id == entity.id).limit(1))
        service_id = session.scalar(select(Service.id).limit(1))
    choose(qtbot, page.client, data=party.id)
    choose(qtbot, page.entity, data=entity.id)
    assert page.isComplete() and _next(wizard).isEnabled()
    click(qtbot, _next(wizard))

    template = wizard.template_page
    assert template.templates.count() >= 1  # only templates allowed for a legal entity client
    codes = {template.templates.item(i).data(256) for i in range(template.templates.count())}
    assert "person" not in codes
    clear_and_type(qtbot, template.number, taken)  # a number already used at this own entity
    assert not template.isComplete() and "уже занят" in template.reason.text()
    assert not _next(wizard).isEnabled()
    clear_and_type(qtbot, template.number, "")  # empty: the next number by the pattern
    assert template.isComplete()
    click(qtbot, _next(wizard))

    dates = wizard.dates_page
    dates.valid_to.setDate(dates.valid_from.date().addDays(-1))  # (QTest cannot type into a date edit)
    assert not dates.isComplete() and "раньше начала" in dates.reason.text()
    dates.valid_to.setDate(dates.valid_from.date().addYears(1))
    assert dates.isComplete()
    click(qtbot, _next(wizard))

    lines = wizard.lines_page
    assert not lines.isComplete() and "хотя бы одну услугу" in lines.reason.text()
    click(qtbot, lines.add)  # «Добавить услугу»
    row = lines.table.rowCount() - 1
    service = lines.table.cellWidget(row, 0)
    assert isinstance(service, QComboBox)
    choose(qtbot, service, data=service_id)
    assert not lines.isComplete() and "цена" in lines.reason.text()
    edit_cell(qtbot, lines.table, row, 2, "45 000,00")
    assert lines.isComplete()

    created: list[int] = []
    wizard.created.connect(created.append)
    _finish(qtbot, wizard)
    assert len(created) == 1
    with demo_db.session() as session:
        contract = session.get(Contract, created[0])
        assert contract.counterparty_id == party.id and contract.own_entity_id == entity.id
        assert contract.number.startswith(f"{entity.doc_prefix}-") and contract.number != taken
        assert [line.price for line in contract.lines] == [Decimal("45000.00")]
        assert [e.action for e in history(session, "contract", contract.id)] == ["create"]
    contracts = main_window.contracts_tab
    qtbot.waitUntil(
        lambda: contracts.view.current_id() == created[0], timeout=10000
    )  # the new row is selected


def test_based_on_last_years_contract_copies_terms_and_lines(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    with demo_db.session() as session:
        old = session.scalar(
            select(Contract).where(Contract.kind == "fixed", Contract.status == "active").limit(1)
        )
        old_prices = sorted(line.price for line in old.lines)
    wizard = _open_wizard(qtbot, main_window)
    page = wizard.parties_page
    choose(qtbot, page.client, data=old.counterparty_id)
    choose(qtbot, page.based_on, data=old.id)
    click(qtbot, page.copy_button)
    assert wizard.data.previous_id == old.id
    for _ in range(3):
        assert wizard.currentPage().isComplete(), wizard.currentPage().reason.text()
        click(qtbot, _next(wizard))
    assert wizard.lines_page.table.rowCount() == len(old_prices)
    _finish(qtbot, wizard)
    assert wizard.contract_id is not None
    with demo_db.session() as session:
        new = session.get(Contract, wizard.contract_id)
        assert new.previous_id == old.id
        assert new.date.year == max(dt.date.today().year, old.date.year + 1) and new.date.month == 1
        assert new.payment_terms == old.payment_terms and new.documents == old.documents
        assert len(new.lines) == len(old_prices)
