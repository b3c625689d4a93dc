"""The contract wizard: Next is blocked, with the reason shown, until each page is right."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QWizard
from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.events import history
from desktop.core.models import Contract, Counterparty, OwnEntity, Service
from desktop.ui.contracts.wizard import ContractWizard


def _next(wizard: ContractWizard) -> Any:
    return wizard.button(QWizard.WizardButton.NextButton)


def test_wizard_blocks_each_step_until_required_fields_are_valid(
    qtbot: Any, demo_db: Database, russian: None
) -> None:
    wizard = ContractWizard(demo_db)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.parties_page
    page.entity.setCurrentIndex(0)
    page.client.setCurrentIndex(0)
    assert not page.isComplete() and not _next(wizard).isEnabled()
    assert "Выберите клиента" in page.reason.text()

    with demo_db.session() as session:
        party = session.scalar(select(Counterparty).where(Counterparty.kind == "legal").limit(1))
        entity = session.scalar(select(OwnEntity).where(OwnEntity.vat_regime == "vat22"))
        taken = session.scalar(select(Contract.number).where(Contract.own_entity_id == entity.id).limit(1))
        service_id = session.scalar(select(Service.id).limit(1))
    page.client.setCurrentIndex(page.client.findData(party.id))
    page.entity.setCurrentIndex(page.entity.findData(entity.id))
    assert page.isComplete() and _next(wizard).isEnabled()
    wizard.next()

    template = wizard.template_page
    assert template.templates.count() >= 1  # only templates allowed for a legal entity client
    codes = {template.templates.item(i).data(256) for i in range(template.templates.count())}
    assert "person" not in codes
    template.number.setText(taken)  # a number already used at this own entity
    assert not template.isComplete() and "уже занят" in template.reason.text()
    template.number.setText("")  # empty: the next number by the pattern
    assert template.isComplete()
    wizard.next()

    dates = wizard.dates_page
    dates.valid_to.setDate(dates.valid_from.date().addDays(-1))
    assert not dates.isComplete() and "раньше начала" in dates.reason.text()
    dates.valid_to.setDate(dates.valid_from.date().addYears(1))
    assert dates.isComplete()
    wizard.next()

    lines = wizard.lines_page
    assert not lines.isComplete() and "хотя бы одну услугу" in lines.reason.text()
    row = lines.add_line(service_id, Decimal(1), None)
    assert not lines.isComplete() and "цена" in lines.reason.text()
    lines.table.item(row, 2).setText("45 000,00")
    assert lines.isComplete()

    created: list[int] = []
    wizard.created.connect(created.append)
    wizard.accept()
    assert len(created) == 1
    with demo_db.session() as session:
        contract = session.get(Contract, created[0])
        assert contract.counterparty_id == party.id and contract.own_entity_id == entity.id
        assert contract.number.startswith(f"{entity.doc_prefix}-") and contract.number != taken
        assert [line.price for line in contract.lines] == [Decimal("45000.00")]
        assert [e.action for e in history(session, "contract", contract.id)] == ["create"]


def test_based_on_last_years_contract_copies_terms_and_lines(qtbot: Any, demo_db: Database, russian: None) -> None:
    with demo_db.session() as session:
        old = session.scalar(select(Contract).where(Contract.kind == "fixed", Contract.status == "active").limit(1))
        old_prices = sorted(line.price for line in old.lines)
    wizard = ContractWizard(demo_db)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.parties_page
    page.client.setCurrentIndex(page.client.findData(old.counterparty_id))
    page.based_on.setCurrentIndex(page.based_on.findData(old.id))
    page.copy_button.click()
    assert wizard.data.previous_id == old.id
    for _ in range(3):
        assert wizard.currentPage().isComplete(), wizard.currentPage().reason.text()
        wizard.next()
    assert wizard.lines_page.table.rowCount() == len(old_prices)
    wizard.accept()
    assert wizard.contract_id is not None
    with demo_db.session() as session:
        new = session.get(Contract, wizard.contract_id)
        assert new.previous_id == old.id
        assert new.date.year == max(dt.date.today().year, old.date.year + 1) and new.date.month == 1
        assert new.payment_terms == old.payment_terms and new.documents == old.documents
        assert len(new.lines) == len(old_prices)
