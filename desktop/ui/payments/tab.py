"""The «Платежи» tab: bank statements in (dropped or chosen), invoices with what is paid on them and the
payments behind the selected one, and the queue of unallocated payments to assign by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.payments import ImportReport, import_statements
from desktop.core.payments import operations as payment_operations
from desktop.ui.common import fmt
from desktop.ui.common.table_view import RegistryView
from desktop.ui.common.widgets import named_combo
from desktop.ui.payments.allocate_dialog import AllocateDialog
from desktop.ui.payments.invoices import HIDDEN, PayableDocumentsModel
from desktop.ui.payments.queue import UnallocatedTree
from desktop.ui.registry.drop_view import local_files
from desktop.ui.tasks import Task, run_task

PAYMENT_ID = Qt.ItemDataRole.UserRole


class PaymentsTab(QWidget):
    imported = Signal(object)  # ImportReport, after a statement import finished
    changed = Signal()  # allocations changed (notifications may have been created)

    def __init__(self, database: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentsTab")
        self.database = database
        self.task: Task | None = None
        self.last_report: ImportReport | None = None
        self.setAcceptDrops(True)
        self._build_import()
        invoices_box = self._build_invoices(database)
        queue_box = self._build_queue(database)
        self._lay_out(invoices_box, queue_box)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._timer.start)
        self.paid.currentIndexChanged.connect(self.apply_filters)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_payments_behind())
        self.model.modelReset.connect(self.show_payments_behind)
        self.reload()

    # --- building --------------------------------------------------------------------
    def _build_import(self) -> None:
        """The statements' import: the button, the drop hint, the summary of the last import."""
        self.import_button = QPushButton(self.tr("&Import statements…"), self)
        self.import_button.setObjectName("importStatements")
        self.import_button.clicked.connect(self.choose_files)
        self.drop_hint = QLabel(self.tr("or drop 1C bank statement files (kl_to_1c.txt) onto this tab"), self)
        self.drop_hint.setObjectName("dropHint")
        self.drop_hint.setStyleSheet("color: #666")
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("background: #eef6ee; padding: 4px; border: 1px solid #9c9")
        self.summary.hide()

    def _build_invoices(self, database: Database | None) -> QGroupBox:
        """The invoices with their payment state, and the payments behind the selected one."""
        self.search = QLineEdit(self)
        self.search.setObjectName("invoiceSearch")
        self.search.setPlaceholderText(self.tr("Search by number, client or INN"))
        self.search.setClearButtonEnabled(True)
        self.paid = named_combo(
            self,
            "invoicePaid",
            [
                (self.tr("Any payment"), None),
                (self.tr("Not fully paid"), "not_paid"),
                (self.tr("Unpaid"), "unpaid"),
                (self.tr("Partly paid"), "partial"),
                (self.tr("Paid"), "paid"),
            ],
        )
        self.model = PayableDocumentsModel(database, self)
        self.view = RegistryView(self.model, "payments", self)
        self.view.setObjectName("paymentsView")
        keys = [c.key for c in self.model.columns]
        for key in HIDDEN:
            self.view.setColumnHidden(keys.index(key), True)
        self.view.setColumnWidth(keys.index("paid"), 170)
        self.behind = QTableWidget(0, 6, self)
        self.behind.setObjectName("invoicePayments")
        self.behind.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Order No."),
                self.tr("Payer"),
                self.tr("Payment amount"),
                self.tr("Applied here"),
                self.tr("How"),
            ]
        )
        for column, width in enumerate((85, 70, 240, 110, 110, 160)):
            self.behind.setColumnWidth(column, width)
        self.behind.horizontalHeader().setStretchLastSection(True)
        self.behind.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.behind.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.unallocate_button = QPushButton(self.tr("&Undo this allocation"), self)
        self.unallocate_button.setObjectName("undoAllocation")
        self.unallocate_button.clicked.connect(self.undo_allocation)
        self.behind_title = QLabel(self.tr("Payments behind the selected invoice"), self)

        invoices_box = QGroupBox(self.tr("Invoices and their payment state"), self)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.paid)
        behind_bar = QHBoxLayout()
        behind_bar.addWidget(self.behind_title, 1)
        behind_bar.addWidget(self.unallocate_button)
        box = QVBoxLayout(invoices_box)
        box.addLayout(filters)
        box.addWidget(self.view, 3)
        box.addLayout(behind_bar)
        box.addWidget(self.behind, 1)
        return invoices_box

    def _build_queue(self, database: Database | None) -> QGroupBox:
        """The unallocated payments, to assign by hand or to put aside."""
        self.queue = UnallocatedTree(database, self)
        self.queue.assign_requested.connect(self.assign)
        self.queue_title = QLabel(self)
        self.queue_title.setObjectName("queueTitle")
        self.assign_button = QPushButton(self.tr("Assig&n to invoices…"), self)
        self.assign_button.setObjectName("assignPayment")
        self.assign_button.clicked.connect(lambda: self.assign(self.queue.current_payment_id()))
        self.ignore_button = QPushButton(self.tr("Not a client pa&yment"), self)
        self.ignore_button.setObjectName("ignorePayment")
        self.ignore_button.setToolTip(self.tr("A refund, a loan or a transfer: remove it from the queue"))
        self.ignore_button.clicked.connect(self.ignore_current)
        queue_box = QGroupBox(self.tr("Unallocated payments"), self)
        queue_bar = QHBoxLayout()
        queue_bar.addWidget(self.queue_title, 1)
        queue_bar.addWidget(self.ignore_button)
        queue_bar.addWidget(self.assign_button)
        qbox = QVBoxLayout(queue_box)
        qbox.addLayout(queue_bar)
        qbox.addWidget(self.queue, 1)
        return queue_box

    def _lay_out(self, invoices_box: QGroupBox, queue_box: QGroupBox) -> None:
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(invoices_box)
        self.splitter.addWidget(queue_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.drop_hint, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)

    # --- data ------------------------------------------------------------------------
    def set_database(self, database: Database | None) -> None:
        self.database = database
        self.model.set_database(database)
        self.queue.set_database(database)
        self._update_queue_title()

    def reload(self) -> None:
        self.model.refresh()
        self.queue.reload()
        self._update_queue_title()
        self.show_payments_behind()

    def apply_filters(self) -> None:
        self.model.filter.search = self.search.text()
        self.model.filter.paid = self.paid.currentData()
        self.model.refresh()

    def show_unallocated(self) -> None:
        """The unallocated list, fresh, with its first payment selected and the keyboard on it."""
        self.queue.reload()
        self._update_queue_title()
        first = self.queue.payment_ids()[:1]
        if first:
            self.queue.select_payment(first[0])
            if (current := self.queue.currentItem()) is not None:
                self.queue.scrollToItem(current)
        self.queue.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_queue_title(self) -> None:
        self.queue_title.setText(
            self.tr("Receipts nobody has applied yet: %1, grouped by region and manager").replace(
                "%1", str(self.queue.total)
            )
        )
        self.assign_button.setEnabled(self.database is not None and self.queue.total > 0)
        self.ignore_button.setEnabled(self.database is not None and self.queue.total > 0)

    def current_document_id(self) -> int | None:
        return self.view.current_id()

    def show_payments_behind(self) -> None:
        document_id = self.current_document_id()
        rows = []
        if self.database is not None and document_id is not None:
            rows = payment_operations.payments_behind(self.database, document_id)
        self.behind.setRowCount(len(rows))
        for row, payment in enumerate(rows):
            values = [
                fmt.date(payment.date),
                payment.number,
                payment.payer_name,
                fmt.money(payment.payment_amount),
                fmt.money(payment.amount),
                payment.confidence_text + (f", {payment.created_by}" if payment.created_by else ""),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(PAYMENT_ID, payment.payment_id)
                if column in (3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.behind.setItem(row, column, item)
        self.unallocate_button.setEnabled(bool(rows))

    # --- import ----------------------------------------------------------------------
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Bank statements"),
            "",
            self.tr("1C bank exchange files (*.txt);;All files (*)"),
        )
        if names:
            self.import_files([Path(n) for n in names])

    def import_files(self, paths: list[Path]) -> Task | None:
        database = self.database
        if database is None or not paths:
            return None
        if self.task is not None and self.task.running:
            QMessageBox.information(
                self, self.tr("Bank statements"), self.tr("The previous import is still running.")
            )
            return None
        user = database.login

        def job(progress: Any, cancel: Any) -> ImportReport:
            return import_statements(database, paths, user, progress=progress, cancel=cancel)

        self.import_button.setEnabled(False)
        self.task = run_task(
            self,
            job,
            title=self.tr("Importing bank statements"),
            on_success=self._imported,
        )
        self.task.finished.connect(lambda: self.import_button.setEnabled(True))
        return self.task

    def _imported(self, report: ImportReport) -> None:
        self.last_report = report
        self.summary.setText(report.summary(warnings=5))
        self.summary.setStyleSheet(
            "padding: 4px; border: 1px solid "
            + (
                "#9c9; background: #eef6ee"
                if report.ok and not report.warnings
                else "#e0a040; background: #fff4e0"
            )
        )
        self.summary.show()
        self.reload()
        self.imported.emit(report)
        self.changed.emit()
        if not report.ok:
            QMessageBox.warning(
                self,
                self.tr("Bank statements"),
                self.tr("Some files were not imported (nothing was taken from them):")
                + "\n\n"
                + "\n".join(e.message for e in report.errors),
            )

    # --- drag and drop: local files only, always copied (the statement stays where it is) -----
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event.mimeData()) and self.database is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.drop_hint.setText(self.tr("Release to import the statements"))
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_files(event.mimeData()) and self.database is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_hint.setText(self.tr("or drop 1C bank statement files (kl_to_1c.txt) onto this tab"))
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_hint.setText(self.tr("or drop 1C bank statement files (kl_to_1c.txt) onto this tab"))
        files = [f for f in local_files(event.mimeData()) if f.is_file()]
        if not files:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.import_files(files)

    # --- manual allocation ---------------------------------------------------------------
    def assign(self, payment_id: int | None) -> AllocateDialog | None:
        if self.database is None or payment_id is None:
            return None
        try:
            dialog = AllocateDialog(self.database, payment_id, self)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Unallocated payments"), error.message)
            return None
        dialog.accepted.connect(self._allocations_changed)
        dialog.open()
        return dialog

    def _allocations_changed(self) -> None:
        self.reload()
        self.changed.emit()

    def undo_allocation(self) -> None:
        document_id = self.current_document_id()
        row = self.behind.currentRow()
        item = self.behind.item(row, 0) if row >= 0 else None
        if self.database is None or document_id is None or item is None:
            return
        payment_id = int(item.data(PAYMENT_ID))
        try:
            payment_operations.undo_allocation(self.database, payment_id, document_id)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Unallocated payments"), error.message)
            return
        self._allocations_changed()

    def ignore_current(self) -> None:
        payment_id = self.queue.current_payment_id()
        if self.database is None or payment_id is None:
            return
        try:
            payment_operations.ignore_payment(self.database, payment_id)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Unallocated payments"), error.message)
            return
        self._allocations_changed()

    # --- state -----------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        self.view.save_state(settings)
        settings.setValue("payments/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        self.view.restore_state(settings)
        state = settings.value("payments/splitter")
        if state is not None:
            self.splitter.restoreState(state)
