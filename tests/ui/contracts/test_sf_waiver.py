"""The contract wizard's счёт-фактура choices: for a VAT payer the «акт + счёт» package names the
счёт-фактура, and the buyer's written waiver is recorded only with its basis."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWizard
from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.models import Contract, Counterparty, OwnEntity, Service
from desktop.ui.contracts.wizard import ContractWizard
from tests.ui.user import choose, clear_and_type, click, edit_cell, open_contract_card, open_tab, top_dialog


def _open_wizard(qtbot: Any, main_window: Any) -> ContractWizard:
    tab = open_tab(qtbot, main_window.tabs, "Договоры")
    click(qtbot, tab.new_button)
    return top_dialog(ContractWizard)


def _to_dates(qtbot: Any, main_window: Any, regime_is_vat: bool, demo_db: Database) -> ContractWizard:
    with demo_db.session() as session:
        party = session.scalar(select(Counterparty).where(Counterparty.kind == "legal").limit(1))
        regime = OwnEntity.vat_regime != "no_vat" if regime_is_vat else OwnEntity.vat_regime == "no_vat"
        entity = session.scalar(select(OwnEntity).where(regime, OwnEntity.is_active.is_(True)).limit(1))
        assert party is not None and entity is not None
    wizard = _open_wizard(qtbot, main_window)
    choose(qtbot, wizard.parties_page.client, data=party.id)
    choose(qtbot, wizard.parties_page.entity, data=entity.id)
    for _ in range(2):
        click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage() is wizard.dates_page
    return wizard


def test_a_vat_payers_buyer_waives_sf_with_a_basis_and_the_card_shows_it(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    wizard = _to_dates(qtbot, main_window, True, demo_db)
    dates = wizard.dates_page
    assert dates.documents.itemText(0) == "Акт, счёт и счёт-фактура"
    assert dates.sf_waived.isVisible() and not dates.sf_basis.isVisible()
    assert dates.sf_waived.text() == "Покупатель не плательщик НДС и письменно отказался от счетов-фактур"

    click(qtbot, dates.sf_waived)
    assert dates.sf_waived.isChecked() and dates.sf_basis.isVisible()
    assert not dates.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert dates.sf_basis_error.isVisible()
    assert "укажите письменное согласие покупателя" in dates.sf_basis_error.text()
    clear_and_type(qtbot, dates.sf_basis, "Соглашение от 10.01.2026")
    assert dates.isComplete() and not dates.sf_basis_error.isVisible()
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))

    lines = wizard.lines_page
    with demo_db.session() as session:
        service_id = session.scalar(select(Service.id).limit(1))
    click(qtbot, lines.add)
    row = lines.table.rowCount() - 1
    service = lines.table.cellWidget(row, 0)
    assert isinstance(service, QComboBox)
    choose(qtbot, service, data=service_id)
    edit_cell(qtbot, lines.table, row, 2, "10 000,00")
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert wizard.contract_id is not None
    with demo_db.session() as session:
        contract = session.get(Contract, wizard.contract_id)
        assert contract is not None
        assert (contract.sf_waived, contract.sf_waiver_basis) == (True, "Соглашение от 10.01.2026")

    card = open_contract_card(qtbot, main_window, wizard.contract_id)
    text = card.terms.toPlainText()
    assert (
        "Счета-фактуры не выставляются: покупатель не плательщик НДС, согласие — Соглашение от 10.01.2026"
        in text
    )


def test_without_vat_the_package_has_no_sf_and_no_waiver(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    wizard = _to_dates(qtbot, main_window, False, demo_db)
    dates = wizard.dates_page
    assert dates.documents.itemText(0) == "Акт + счёт"
    assert not dates.sf_waived.isVisible() and not dates.sf_basis.isVisible()
