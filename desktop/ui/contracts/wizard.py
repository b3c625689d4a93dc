"""The contract wizard: client and own entity → template and number → dates and terms → services.

Each page asks core (``contract_editing.step_errors``) what blocks it; Next stays disabled
and the reason is shown under the page until the page is right.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.core.common.money import PRICE, QUANTITY, parse_decimal
from desktop.core.contracts import operations as contract_operations
from desktop.core.contracts.editing import (
    STEP_DATES,
    STEP_LINES,
    STEP_PARTIES,
    STEP_TEMPLATE,
    ContractInput,
    LineInput,
)
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.models import OwnEntity, PaymentTerms
from desktop.core.parties.operations import counterparty_choices
from desktop.ui.common.dates import to_date, to_qdate
from desktop.ui.common.widgets import field_error, with_error


class _Page(QWizardPage):
    step = STEP_PARTIES

    def __init__(self, wizard: ContractWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.reason = QLabel(self)
        self.reason.setObjectName("reason")
        self.reason.setStyleSheet("color: #b00020")
        self.reason.setWordWrap(True)

    def collect(self) -> None:
        """Copy the page's widgets into ``self.w.data``."""

    def isComplete(self) -> bool:
        self.collect()
        errors = self.w.errors_for(self.step)
        self.reason.setText("\n".join(errors.values()))
        return not errors

    def changed(self, *_: Any) -> None:
        self.completeChanged.emit()


class PartiesPage(_Page):
    step = STEP_PARTIES

    def __init__(self, wizard: ContractWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Client and own entity"))
        self.setSubTitle(self.tr("Only the own entities of your region are offered."))
        self.client = QComboBox(self)
        self.client.setObjectName("client")
        self.client.setEditable(True)
        self.client.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.client.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.entity = QComboBox(self)
        self.entity.setObjectName("entity")
        self.based_on = QComboBox(self)
        self.based_on.setObjectName("basedOn")
        self.copy_button = QPushButton(self.tr("Based on last year's contract"), self)
        self.copy_button.setObjectName("copyPrevious")
        self.client.addItem("", None)
        for cid, name, inn in counterparty_choices(wizard.database):
            self.client.addItem(f"{name} ({inn})", cid)
        self.entity.addItem("", None)
        for entity in wizard.allowed_entities():
            self.entity.addItem(entity.short_name, entity.id)
        if self.entity.count() == 2:
            self.entity.setCurrentIndex(1)
        form = QFormLayout()
        form.addRow(self.tr("Client:"), self.client)
        form.addRow(self.tr("Own entity:"), self.entity)
        row = QHBoxLayout()
        row.addWidget(self.based_on, 1)
        row.addWidget(self.copy_button)
        form.addRow(self.tr("Previous contract:"), row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.reason)
        self.client.currentIndexChanged.connect(self._client_changed)
        self.entity.currentIndexChanged.connect(self.changed)
        self.copy_button.clicked.connect(self._copy_previous)
        self._client_changed()

    def _client_changed(self, *_: Any) -> None:
        self.based_on.clear()
        client_id = self.client.currentData()
        if client_id is not None:
            for cid, number, date in contract_operations.contracts_of_client(self.w.database, client_id):
                self.based_on.addItem(f"№ {number} от {date:%d.%m.%Y}", cid)
        self.copy_button.setEnabled(self.based_on.count() > 0)
        self.based_on.setEnabled(self.based_on.count() > 0)
        self.changed()

    def _copy_previous(self) -> None:
        previous_id = self.based_on.currentData()
        if previous_id is None:
            return
        self.w.data = contract_operations.input_from_previous_contract(
            self.w.database, previous_id, dt.date.today()
        )
        index = self.entity.findData(self.w.data.own_entity_id)
        if index < 0:
            QMessageBox.warning(
                self, self.title(), self.tr("The own entity of that contract is not offered to you.")
            )
            return
        self.entity.setCurrentIndex(index)
        self.w.copied = True
        self.w.load_pages()
        self.changed()

    def collect(self) -> None:
        self.w.data.counterparty_id = self.client.currentData()
        self.w.data.own_entity_id = self.entity.currentData()


class TemplatePage(_Page):
    step = STEP_TEMPLATE

    def __init__(self, wizard: ContractWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Template and number"))
        self.setSubTitle(self.tr("Templates allowed for the chosen own entity and kind of client."))
        self.templates = QListWidget(self)
        self.templates.setObjectName("templates")
        self.number = QLineEdit(self)
        self.number.setObjectName("number")
        self.subject = QLineEdit(self)
        self.subject.setObjectName("subject")
        form = QFormLayout()
        form.addRow(self.tr("Template:"), self.templates)
        form.addRow(self.tr("Number:"), self.number)
        form.addRow(self.tr("Subject:"), self.subject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.reason)
        self.templates.currentRowChanged.connect(self.changed)
        self.number.textChanged.connect(self.changed)

    def initializePage(self) -> None:
        self.templates.clear()
        year = (self.w.data.date or dt.date.today()).year
        choice = contract_operations.template_choice(
            self.w.database, self.w.data.own_entity_id, self.w.data.counterparty_id, year
        )
        if choice is None:
            return
        for template in choice.templates:
            item = QListWidgetItem(template.title, self.templates)
            item.setData(Qt.ItemDataRole.UserRole, template.code)
            if template.code == self.w.data.template:
                self.templates.setCurrentItem(item)
        if self.templates.currentRow() < 0 and self.templates.count():
            self.templates.setCurrentRow(0)
        self.number.setPlaceholderText(
            self.tr("empty: next by the pattern, %1").replace("%1", choice.next_number)
        )
        self.subject.setText(self.w.data.subject)

    def collect(self) -> None:
        item = self.templates.currentItem()
        self.w.data.template = item.data(Qt.ItemDataRole.UserRole) if item else ""
        self.w.data.number = self.number.text().strip()
        self.w.data.subject = self.subject.text().strip()


class DatesPage(_Page):
    step = STEP_DATES

    def __init__(self, wizard: ContractWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Dates and terms"))
        today = dt.date.today()
        self.date = QDateEdit(to_qdate(today), self)
        self.date.setObjectName("date")
        self.valid_from = QDateEdit(to_qdate(today.replace(day=1)), self)
        self.valid_from.setObjectName("validFrom")
        self.has_end = QCheckBox(self.tr("valid until"), self)
        self.has_end.setObjectName("hasEnd")
        self.valid_to = QDateEdit(to_qdate(dt.date(today.year, 12, 31)), self)
        self.valid_to.setObjectName("validTo")
        for edit in (self.date, self.valid_from, self.valid_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.dateChanged.connect(self.changed)
        self.has_end.setChecked(True)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        self.kind.addItem(self.tr("Fixed monthly fee"), "fixed")
        self.kind.addItem(self.tr("Variable volume (work orders)"), "variable")
        self.periodicity = QComboBox(self)
        self.periodicity.setObjectName("periodicity")
        self.periodicity.addItem(self.tr("Monthly"), "month")
        self.periodicity.addItem(self.tr("Quarterly"), "quarter")
        self.payment = QComboBox(self)
        self.payment.setObjectName("payment")
        self.payment.addItem(self.tr("Postpayment"), "postpay")
        self.payment.addItem(self.tr("100% prepayment"), "prepay100")
        self.payment.addItem(self.tr("70/30"), "prepay70")
        self.days = QSpinBox(self)
        self.days.setObjectName("postpayDays")
        self.days.setRange(-1, 999)
        self.days.setValue(10)
        self.documents = QComboBox(self)
        self.documents.setObjectName("documents")
        self.documents.addItem(self.tr("Act + invoice"), "act_invoice")
        self.documents.addItem(self.tr("UPD"), "upd")
        self.documents.addItem(self.tr("Act + invoice + UPD"), "act_invoice_upd")
        # A VAT payer's sale always has a счёт-фактура: the act's package names it; the buyer who does
        # not pay VAT may waive it in writing (Tax Code art. 169 p. 3 sub. 1).
        self.sf_waived = QCheckBox(
            self.tr("The buyer does not pay VAT and refused VAT invoices in writing"), self
        )
        self.sf_waived.setObjectName("sfWaived")
        self.sf_basis = QLineEdit(self)
        self.sf_basis.setObjectName("sfWaiverBasis")
        self.sf_basis.setPlaceholderText(self.tr("e.g. Agreement of 10.01.2026"))
        self.sf_basis.setMaxLength(200)
        self.sf_basis_error = field_error(self, "sfWaiverBasis")
        self.sf_basis_box = with_error(self.sf_basis, self.sf_basis_error)
        self.detail = QCheckBox(self.tr("Detail appendix"), self)
        self.includes_vat = QCheckBox(self.tr("Prices include VAT"), self)
        self.facsimile = QCheckBox(self.tr("Facsimile allowed on acts"), self)
        form = QFormLayout()
        form.addRow(self.tr("Contract date:"), self.date)
        form.addRow(self.tr("Valid from:"), self.valid_from)
        end_row = QHBoxLayout()
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.valid_to, 1)
        form.addRow("", end_row)
        form.addRow(self.tr("Type:"), self.kind)
        form.addRow(self.tr("Billing:"), self.periodicity)
        form.addRow(self.tr("Payment:"), self.payment)
        form.addRow(self.tr("Payment within, days:"), self.days)
        form.addRow(self.tr("Documents at closing:"), self.documents)
        form.addRow("", self.sf_waived)
        form.addRow(self.tr("Buyer's consent:"), self.sf_basis_box)
        self.form = form
        form.addRow("", self.detail)
        form.addRow("", self.includes_vat)
        form.addRow("", self.facsimile)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.reason)
        self.has_end.toggled.connect(self.valid_to.setEnabled)
        self.has_end.toggled.connect(self.changed)
        self.payment.currentIndexChanged.connect(
            lambda: self.days.setEnabled(self.payment.currentData() == PaymentTerms.POSTPAY)
        )
        self.days.valueChanged.connect(self.changed)
        self.pays_vat = False
        self.sf_waived.toggled.connect(self._waiver_toggled)
        self.sf_basis.textChanged.connect(self.changed)
        self.valid_from.dateChanged.connect(self._vat_payer_changed)
        self._waiver_toggled(False)

    def _vat_payer_changed(self, *_: Any) -> None:
        """For a VAT payer the «акт + счёт» package is «Акт, счёт и счёт-фактура», and the waiver is offered."""
        data = self.w.data
        pays = data.own_entity_id is not None and contract_operations.entity_pays_vat_on(
            self.w.database, data.own_entity_id, to_date(self.valid_from.date())
        )
        self.pays_vat = pays
        self.documents.setItemText(
            0, self.tr("Act, invoice and VAT invoice") if pays else self.tr("Act + invoice")
        )
        self.form.setRowVisible(self.sf_waived, pays)
        self.form.setRowVisible(self.sf_basis_box, pays and self.sf_waived.isChecked())
        if not pays:
            self.sf_waived.setChecked(False)

    def _waiver_toggled(self, checked: bool) -> None:
        self.form.setRowVisible(self.sf_basis_box, checked and self.pays_vat)
        self.changed()

    def isComplete(self) -> bool:
        complete = super().isComplete()
        problem = self.w.errors_for(self.step).get("sf_waiver_basis", "")
        self.sf_basis_error.setText(problem)
        self.sf_basis_error.setVisible(bool(problem))
        return complete

    def initializePage(self) -> None:
        self._vat_payer_changed()
        data = self.w.data
        if self.w.copied:
            if data.date:
                self.date.setDate(to_qdate(data.date))
            if data.valid_from:
                self.valid_from.setDate(to_qdate(data.valid_from))
            self.has_end.setChecked(data.valid_to is not None)
            if data.valid_to:
                self.valid_to.setDate(to_qdate(data.valid_to))
            for combo, value in (
                (self.kind, data.kind),
                (self.periodicity, data.periodicity),
                (self.payment, data.payment_terms),
                (self.documents, data.documents),
            ):
                combo.setCurrentIndex(max(0, combo.findData(value)))
            self.days.setValue(data.postpay_days)
            self.detail.setChecked(data.detail_appendix)
            self.includes_vat.setChecked(data.price_includes_vat)
            self.facsimile.setChecked(data.facsimile_allowed)
            self.sf_waived.setChecked(data.sf_waived and self.pays_vat)
            self.sf_basis.setText(data.sf_waiver_basis)

    def collect(self) -> None:
        data = self.w.data
        data.date = to_date(self.date.date())
        data.valid_from = to_date(self.valid_from.date())
        data.valid_to = to_date(self.valid_to.date()) if self.has_end.isChecked() else None
        data.kind = self.kind.currentData()
        data.periodicity = self.periodicity.currentData()
        data.payment_terms = self.payment.currentData()
        data.postpay_days = self.days.value()
        data.documents = self.documents.currentData()
        data.detail_appendix = self.detail.isChecked()
        data.price_includes_vat = self.includes_vat.isChecked()
        data.facsimile_allowed = self.facsimile.isChecked()
        data.sf_waived = self.sf_waived.isChecked() and self.pays_vat
        data.sf_waiver_basis = self.sf_basis.text().strip() if data.sf_waived else ""


class LinesPage(_Page):
    step = STEP_LINES

    def __init__(self, wizard: ContractWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Services"))
        self.setSubTitle(self.tr("Services from the catalogue with their prices."))
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("lines")
        self.table.setHorizontalHeaderLabels([self.tr("Service"), self.tr("Quantity"), self.tr("Price")])
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 360)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add = QPushButton(self.tr("Add service"), self)
        self.add.setObjectName("addLine")
        self.remove = QPushButton(self.tr("Remove"), self)
        self.remove.setObjectName("removeLine")
        self.services = contract_operations.active_services(wizard.database)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.reason)
        self.add.clicked.connect(lambda: self.add_line())
        self.remove.clicked.connect(self._remove)
        self.table.itemChanged.connect(self.changed)

    def initializePage(self) -> None:
        if self.w.copied and self.table.rowCount() == 0:
            for line in self.w.data.lines:
                self.add_line(line.service_id, line.quantity, line.price)

    def add_line(
        self, service_id: int | None = None, quantity: Decimal = Decimal(1), price: Decimal | None = None
    ) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = QComboBox(self.table)
        combo.addItem("", None)
        for sid, name in self.services:
            combo.addItem(name, sid)
        combo.setCurrentIndex(max(0, combo.findData(service_id)))
        combo.currentIndexChanged.connect(self.changed)
        self.table.setCellWidget(row, 0, combo)
        self.table.setItem(row, 1, QTableWidgetItem(f"{quantity.normalize():f}"))
        self.table.setItem(row, 2, QTableWidgetItem("" if price is None else f"{price:.2f}"))
        self.changed()
        return row

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed()

    def collect(self) -> None:
        lines = []
        self.w.typed_errors = {}
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 0)
            assert isinstance(combo, QComboBox)
            service_id = combo.currentData()
            values = []
            for column, kind, title in ((1, QUANTITY, "количество"), (2, PRICE, "цена")):
                item = self.table.item(row, column)
                text = item.text() if item is not None else ""
                try:
                    values.append(parse_decimal(text, kind, title) if text.strip() else Decimal(0))
                except ValueError as error:  # the one number parser: NaN, 1e400, 0,005 are refused
                    self.w.typed_errors[f"line{row + 1}.{column}"] = f"Строка {row + 1}: {error}."
                    values.append(Decimal(0))
            quantity, price = values
            lines.append(LineInput(service_id=service_id or 0, price=price, quantity=quantity))
        self.w.data.lines = lines


class ContractWizard(QWizard):
    created = Signal(int)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractWizard")
        self.setWindowTitle(self.tr("New contract"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(720, 520)
        self.database = database
        self.data = ContractInput()
        self.typed_errors: dict[str, str] = {}
        self.copied = False
        self.contract_id: int | None = None
        self.parties_page = PartiesPage(self)
        self.template_page = TemplatePage(self)
        self.dates_page = DatesPage(self)
        self.lines_page = LinesPage(self)
        for page in (self.parties_page, self.template_page, self.dates_page, self.lines_page):
            self.addPage(page)

    def allowed_entities(self) -> list[OwnEntity]:
        """Own entities of the user's region (all of them for a user without a region)."""
        return contract_operations.allowed_entities(self.database, self.database.login)

    def errors_for(self, step: int) -> dict[str, str]:
        errors = contract_operations.wizard_step_errors(self.database, self.data, step)
        if step >= STEP_LINES:  # a typed number that is not one names itself, not «price must be > 0»
            for key in self.typed_errors:
                errors.pop(key.partition(".")[0], None)
            errors.update(self.typed_errors)
        if step >= STEP_PARTIES and self.data.own_entity_id is not None:
            allowed = {e.id for e in self.allowed_entities()}
            if self.data.own_entity_id not in allowed:
                errors["own_entity"] = self.tr("This own entity is not of your region.")
        # Only the errors of this page and the ones before it block Next.
        return errors

    def prefill(self, data: ContractInput) -> None:
        """Filled from a document request («Подготовить»): the parties chosen, the later pages from ``data``."""
        self.data = data
        page = self.parties_page
        for combo, value in ((page.client, data.counterparty_id), (page.entity, data.own_entity_id)):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
        self.data = data  # choosing the client above must not lose what the request says
        self.copied = True
        self.load_pages()
        if page.entity.currentData() != data.own_entity_id:
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr("The own entity of the request is not of your region: choose one you work for."),
            )

    def load_pages(self) -> None:
        """After copying a previous contract: refill the later pages from ``data``."""
        self.lines_page.table.setRowCount(0)

    def accept(self) -> None:
        for page in (self.parties_page, self.template_page, self.dates_page, self.lines_page):
            page.collect()
        if self.typed_errors:
            QMessageBox.warning(self, self.windowTitle(), "\n".join(self.typed_errors.values()))
            return
        try:
            self.contract_id = contract_operations.create_new_contract(self.database, self.data)
        except UserError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message)
            return
        self.created.emit(self.contract_id)
        super().accept()
