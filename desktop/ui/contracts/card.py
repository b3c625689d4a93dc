"""The contract card: terms, status, supplementary agreements and the contract's history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings, load_settings
from desktop.core.common.labels import kind_title
from desktop.core.common.money import PRICE, QUANTITY, parse_decimal
from desktop.core.common.periods import current_period, previous_period
from desktop.core.contracts import operations as contract_operations
from desktop.core.contracts.editing import ChangeInput
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.models import AgreementAction, Contract, ContractKind, ScanStatus
from desktop.core.registry.operations import contract_documents
from desktop.core.registry.queries import (
    PAY_RU,
    RegistryRow,
)
from desktop.ui.common import fmt
from desktop.ui.common.dates import to_date, to_qdate
from desktop.ui.common.history import history_html
from desktop.ui.common.i18n import QT_TRANSLATE_NOOP
from desktop.ui.common.widgets import cell
from desktop.ui.contracts import scans
from desktop.ui.contracts.detail import contract_html
from desktop.ui.contracts.model import STATUS_TITLES, status_title
from desktop.ui.contracts.work_orders import WorkOrdersDialog
from desktop.ui.registry.drop_view import local_files
from desktop.ui.tasks import run_task

DOCUMENT_HEADERS = (
    QT_TRANSLATE_NOOP("ContractCard", "Kind"),
    QT_TRANSLATE_NOOP("ContractCard", "Number"),
    QT_TRANSLATE_NOOP("ContractCard", "Date"),
    QT_TRANSLATE_NOOP("ContractCard", "Period"),
    QT_TRANSLATE_NOOP("ContractCard", "Amount"),
    QT_TRANSLATE_NOOP("ContractCard", "Signed"),
    QT_TRANSLATE_NOOP("ContractCard", "Paid"),
    QT_TRANSLATE_NOOP("ContractCard", "Closed"),
)


def load_contract(database: Database, contract_id: int) -> Contract | None:
    return contract_operations.get_contract(database, contract_id)


class AgreementDialog(QDialog):
    """A supplementary agreement: new prices/quantities of lines from a date, or the end of the contract."""

    def __init__(self, database: Database, contract: Contract, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementDialog")
        self.setWindowTitle(self.tr("Supplementary agreement to contract %1").replace("%1", contract.number))
        self.database = database
        self.contract = contract
        today = dt.date.today()
        self.number = QLineEdit(str(len(contract.agreements) + 1), self)
        self.number.setObjectName("number")
        self.date = QDateEdit(to_qdate(today), self)
        self.effective = QDateEdit(to_qdate(today), self)
        self.effective.setObjectName("effective")
        for edit in (self.date, self.effective):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
        self.description = QLineEdit(self)
        self.ends = QCheckBox(self.tr("ends the contract on the effective date"), self)
        self.lines = QTableWidget(len(contract.lines), 4, self)
        self.lines.setObjectName("changes")
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Service"), self.tr("Current price"), self.tr("New price"), self.tr("New quantity")]
        )
        self.lines.setColumnWidth(0, 300)
        for row, line in enumerate(contract.lines):
            name = QTableWidgetItem(line.description or line.service.name)
            self.lines.setItem(row, 0, name)
            self.lines.setItem(row, 1, QTableWidgetItem(f"{line.price:.2f}"))
            self.lines.setItem(row, 2, QTableWidgetItem(""))
            self.lines.setItem(row, 3, QTableWidgetItem(""))
        form = QFormLayout()
        form.addRow(self.tr("Number:"), self.number)
        form.addRow(self.tr("Date:"), self.date)
        form.addRow(self.tr("Effective from:"), self.effective)
        form.addRow(self.tr("Description:"), self.description)
        form.addRow("", self.ends)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.lines, 1)
        layout.addWidget(buttons)

    def changes(self) -> list[ChangeInput]:
        out = []
        for row, line in enumerate(self.contract.lines):
            price_text = (cell(self.lines, row, 2).text() or "").strip()
            qty_text = (cell(self.lines, row, 3).text() or "").strip()
            if not price_text and not qty_text:
                continue
            try:
                price = parse_decimal(price_text, PRICE, "цена") if price_text else None
                quantity = parse_decimal(qty_text, QUANTITY, "количество") if qty_text else None
            except ValueError as error:
                raise UserError(
                    self.tr("Line %1: %2").replace("%1", str(row + 1)).replace("%2", str(error)),
                    field="changes",
                ) from error
            out.append(ChangeInput(AgreementAction.CHANGE, line.id, price=price, quantity=quantity))
        return out

    def accept(self) -> None:
        try:
            changes = self.changes()
            contract_operations.save_agreement(
                self.database,
                self.contract.id,
                self.number.text(),
                to_date(self.date.date()),
                to_date(self.effective.date()),
                changes,
                description=self.description.text().strip(),
                ends_contract_on=to_date(self.effective.date()) if self.ends.isChecked() else None,
            )
        except UserError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message)
            return
        super().accept()


class ContractCard(QDialog):
    changed = Signal()

    def __init__(
        self,
        database: Database,
        contract_id: int,
        parent: QWidget | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contractCard")
        self.setAcceptDrops(True)  # signed scans dropped anywhere on the card
        self.database = database
        self.contract_id = contract_id
        self.settings = settings or load_settings()
        self.store = self.settings.scan_store()
        self.resize(820, 640)
        self.terms = QTextBrowser(self)
        self.terms.setObjectName("terms")
        self.history = QTextBrowser(self)
        self.history.setObjectName("history")
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        for code in STATUS_TITLES:
            self.status.addItem(status_title(code), code.value)
        self.save_status = QPushButton(self.tr("Apply"), self)
        self.agreement_button = QPushButton(self.tr("Add agreement…"), self)
        self.agreement_button.setObjectName("addAgreement")
        self.stamp = QCheckBox(self.tr("with stamp and facsimile"), self)
        self.stamp.setObjectName("printWithStamp")
        self.print_button = QPushButton(self.tr("Contract DOCX and PDF"), self)
        self.print_button.setObjectName("printContract")
        top = QHBoxLayout()
        top.addWidget(self.status)
        top.addWidget(self.save_status)
        top.addStretch(1)
        top.addWidget(self.stamp)
        top.addWidget(self.print_button)
        top.addWidget(self.agreement_button)
        self.work_orders_button = QPushButton(self.tr("Work orders…"), self)
        self.work_orders_button.setObjectName("cardWorkOrders")
        self.work_orders_button.clicked.connect(self.open_work_orders)
        top.addWidget(self.work_orders_button)
        self.scans = QListWidget(self)
        self.scans.setObjectName("contractScans")
        self.scan_state = QLabel(self)
        self.scan_state.setObjectName("contractScanState")
        attach_scan = QPushButton(self.tr("Attach signed scan…"), self)
        attach_scan.setObjectName("cardAttachScan")
        open_scan = QPushButton(self.tr("Open scan"), self)
        open_scan.setObjectName("cardOpenScan")
        self.scans_tab = scans_tab = QWidget(self)
        scans_layout = QVBoxLayout(scans_tab)
        scans_layout.addWidget(self.scan_state)
        scans_layout.addWidget(self.scans, 1)
        scan_buttons = QHBoxLayout()
        scan_buttons.addWidget(attach_scan)
        scan_buttons.addWidget(open_scan)
        scan_buttons.addStretch(1)
        scans_layout.addLayout(scan_buttons)
        scans_layout.addWidget(QLabel(self.tr("You can also drop files onto this card."), self))
        self.documents = QTableWidget(0, len(DOCUMENT_HEADERS), self)
        self.documents.setObjectName("contractDocuments")
        self.documents.setHorizontalHeaderLabels([self.tr(h) for h in DOCUMENT_HEADERS])
        self.documents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.documents.verticalHeader().setVisible(False)
        self.documents.horizontalHeader().setStretchLastSection(True)
        self.tabs = tabs = QTabWidget(self)
        tabs.addTab(self.terms, self.tr("Terms"))
        tabs.addTab(self.documents, self.tr("Documents"))
        tabs.addTab(scans_tab, self.tr("Signed scans"))
        tabs.addTab(self.history, self.tr("History"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(tabs, 1)
        layout.addWidget(close)
        self.save_status.clicked.connect(self._apply_status)
        self.agreement_button.clicked.connect(self._add_agreement)
        self.print_button.clicked.connect(self.print_contract)
        attach_scan.clicked.connect(self._choose_scans)
        open_scan.clicked.connect(self.open_scan)
        self.scans.itemDoubleClicked.connect(lambda _item: self.open_scan())
        self.printed: Any = None
        self.reload()

    def reload(self) -> None:
        contract = load_contract(self.database, self.contract_id)
        if contract is None:
            return
        self.contract = contract
        self.setWindowTitle(self.tr("Contract %1").replace("%1", contract.number))
        self.terms.setHtml(contract_html(contract))
        self.status.setCurrentIndex(max(0, self.status.findData(contract.status)))
        self.work_orders_button.setVisible(contract.kind == ContractKind.VARIABLE)
        self.history.setHtml(history_html(self.database, "contract", contract.id))
        self.scan_list = contract_operations.contract_scan_list(self.database, contract.id)
        self._show_documents(contract_documents(self.database, contract.id))
        self._show_scans()

    def _show_documents(self, rows: list[RegistryRow]) -> None:
        """Every current document of the contract: signed, paid and closed (act signed, invoices paid)."""
        yes, no = self.tr("yes"), self.tr("no")
        self.documents.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (
                kind_title(row.kind),
                row.number,
                row.date.strftime("%d.%m.%Y"),
                row.period,
                fmt.money(row.amount),
                yes if row.signed else no,
                PAY_RU.get(row.paid, row.paid),  # an act: the payment of its sale
                yes if row.closed else no,
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.documents.setItem(r, c, item)
        self.documents.resizeColumnsToContents()

    def open_work_orders(self) -> Any:
        """The work orders of this (variable) contract, for the month usually closed."""
        previous = previous_period(current_period())  # the month before this one
        dialog = WorkOrdersDialog(self.database, previous, self, contract_id=self.contract_id)
        dialog.saved.connect(self.reload)
        dialog.open()
        self.work_orders_dialog = dialog
        return dialog

    # --- signed scans -------------------------------------------------------------------
    def _show_scans(self) -> None:
        self.scans.clear()
        for scan in self.scan_list:
            if scan.status == ScanStatus.STORED:
                where = scan.path or ""
            else:
                where = self.tr("queued: %1").replace("%1", scan.last_error or "")
            added = fmt.date(fmt.local_time(scan.added_at).date()) if scan.added_at else ""
            QListWidgetItem(f"{scan.original_name} — {where} ({scan.added_by}, {added})", self.scans)
        if self.scans.count():
            self.scans.setCurrentRow(0)
        stored = any(s.status == ScanStatus.STORED for s in self.scan_list)
        if stored:
            text = self.tr("Signed scan: yes")
        elif self.scan_list:
            text = self.tr("Signed scan: queued, it goes to the shared folder when it is reachable")
        else:
            text = self.tr("Signed scan: no — drop the signed contract here or choose the file")
        self.scan_state.setText(text)

    def current_scan_file(self) -> Path | None:
        row = self.scans.currentRow()
        if not (0 <= row < len(self.scan_list)):
            return None
        return scans.scan_file(self.store, self.scan_list[row])

    def open_scan(self) -> None:
        row = self.scans.currentRow()
        if 0 <= row < len(self.scan_list) and not scans.open_scan(self.store, self.scan_list[row]):
            QMessageBox.warning(self, self.tr("Open scan"), self.tr("The file of this scan cannot be found."))

    def _choose_scans(self) -> None:
        files = scans.choose_files(self)
        if files:
            self.attach_files(files)

    def attach_files(self, files: list[Path]) -> Any:
        def done(result: Any) -> None:
            self.last_attach = result
            self.reload()
            self.changed.emit()

        self.last_task = scans.attach_files(self, self.database, self.store, self.contract_id, files, done)
        return self.last_task

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.tabs.setCurrentWidget(self.scans_tab)  # where the dropped scans are listed
            self.attach_files(files)

    def print_contract(self) -> Any:
        """Make the contract's DOCX and PDF on a worker thread, then open the PDF."""
        settings = self.settings
        database, contract_id, with_stamp = self.database, self.contract_id, self.stamp.isChecked()
        out = settings.effective_output_dir()

        def job(progress: Any, cancel: Any) -> Any:
            return contract_operations.print_contract_files(
                database, contract_id, out, with_stamp=with_stamp, pdf_converter=settings.pdf_converter
            )

        def done(printed: Any) -> None:
            self.printed = printed
            if printed.pdf is not None and not self.property("quiet"):
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(printed.pdf)))

        return run_task(self, job, title=self.tr("Contract DOCX and PDF"), on_success=done)

    def _apply_status(self) -> None:
        try:
            contract_operations.set_contract_status(
                self.database, self.contract_id, self.status.currentData()
            )
        except UserError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message)
            return
        self.reload()
        self.changed.emit()

    def _add_agreement(self) -> None:
        dialog = AgreementDialog(self.database, self.contract, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit()
