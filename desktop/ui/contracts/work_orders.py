"""«Заказ-наряды»: the work orders of variable contracts for a period, edited in a table and saved at once.

Opened from the closing tab (all variable contracts of the period, or those of its own entity)
and from a variable contract's card (that contract only). Every cell is checked as it is typed
(``core.work_orders.check``): a wrong cell turns red with the reason in its tooltip and in the
list under the table; Save writes everything in one transaction or nothing. Import reuses the
import dialog (work orders from .xlsx with per-row errors).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.common.formats import format_date
from desktop.core.common.periods import period_bounds, recent_periods
from desktop.core.contracts import operations as contract_operations
from desktop.core.contracts import work_orders
from desktop.core.contracts.work_orders import CellError, ContractChoice, WorkOrderRow
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.ui.common.periods import add_periods
from desktop.ui.common.widgets import cell
from desktop.ui.parties.import_dialog import ImportDialog

COLUMNS = (
    "contract",
    "date",
    "service",
    "quantity",
    "performer",
    "request_number",
    "description",
    "approved",
)
COL = {key: index for index, key in enumerate(COLUMNS)}
ERROR_COLOR = QColor("#ffd7d7")
ID_ROLE = Qt.ItemDataRole.UserRole


class WorkOrdersDialog(QDialog):
    saved = Signal()

    def __init__(
        self,
        database: Database,
        period: str,
        parent: QWidget | None = None,
        *,
        contract_id: int | None = None,
        own_entity_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workOrdersDialog")
        self.database = database
        self.contract_id = contract_id
        self.own_entity_id = own_entity_id
        self.resize(1180, 600)
        self.choices: list[ContractChoice] = []
        self.deleted: list[int] = []
        self.errors: list[CellError] = []
        self.dirty = False
        self._filling = False

        self.period = QComboBox(self)
        self.period.setObjectName("workOrdersPeriod")
        periods = recent_periods(dt.date.today())
        if period not in periods:
            periods.append(period)
        add_periods(self.period, sorted(periods, reverse=True))
        self.period.setCurrentIndex(self.period.findData(period))
        self.contract_filter = QComboBox(self)
        self.contract_filter.setObjectName("workOrdersContract")
        self.summary = QLabel(self)
        self.summary.setObjectName("workOrdersSummary")

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("workOrdersTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Contract"),
                self.tr("Date"),
                self.tr("Service"),
                self.tr("Quantity"),
                self.tr("Performer"),
                self.tr("Request №"),
                self.tr("Description"),
                self.tr("Approved"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(26)
        for key, width in (
            ("contract", 330),
            ("date", 90),
            ("service", 230),
            ("quantity", 90),
            ("performer", 140),
            ("request_number", 90),
            ("description", 150),
        ):
            self.table.setColumnWidth(COL[key], width)
        self.table.horizontalHeader().setSectionResizeMode(COL["approved"], QHeaderView.ResizeMode.Stretch)
        self.problems = QLabel(self)
        self.problems.setObjectName("workOrdersProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020")

        self.add_button = QPushButton(self.tr("Add row"), self)
        self.add_button.setObjectName("addWorkOrder")
        self.delete_button = QPushButton(self.tr("Delete rows"), self)
        self.delete_button.setObjectName("deleteWorkOrders")
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setObjectName("importWorkOrders")
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveWorkOrders")
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:"), self))
        top.addWidget(self.period)
        top.addWidget(self.contract_filter, 1)
        top.addWidget(self.summary)
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addLayout(actions)
        layout.addWidget(buttons)

        self.add_button.clicked.connect(lambda: self.add_row())
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.import_file)
        self.table.itemChanged.connect(self._changed)
        self.period.currentIndexChanged.connect(lambda: self._switch(self.period))
        self.contract_filter.currentIndexChanged.connect(lambda: self._switch(self.contract_filter))
        self.reload()
        self._shown = {self.period: self.period.currentIndex(), self.contract_filter: 0}

    # --- data ------------------------------------------------------------------------------
    @property
    def current_period(self) -> str:
        return str(self.period.currentData())

    def _choice(self, contract_id: int | None) -> ContractChoice | None:
        return next((c for c in self.choices if c.id == contract_id), None)

    def reload(self) -> None:
        """Read the period's work orders again (unsaved edits are dropped)."""
        shown = self.contract_filter.currentData() if self.contract_id is None else self.contract_id
        self.choices, rows = contract_operations.period_work_orders(
            self.database,
            self.current_period,
            [self.contract_id] if self.contract_id is not None else None,
            self.own_entity_id,
            shown,
        )
        self._fill_filter()
        self._filling = True
        self.table.setRowCount(0)
        for row in rows:
            self.add_row(row)
        self._filling = False
        self.deleted = []
        self.dirty = False
        self.setWindowTitle(self._title())
        self.validate()

    def _title(self) -> str:
        if self.contract_id is not None and self.choices:
            return self.tr("Work orders: %1").replace("%1", self.choices[0].title)
        return self.tr("Work orders of variable contracts")

    def _fill_filter(self) -> None:
        current = self.contract_filter.currentData()
        self.contract_filter.blockSignals(True)
        self.contract_filter.clear()
        if self.contract_id is None:
            self.contract_filter.addItem(self.tr("All variable contracts"), None)
        for choice in self.choices:
            self.contract_filter.addItem(choice.title, choice.id)
        self.contract_filter.setCurrentIndex(max(0, self.contract_filter.findData(current)))
        self.contract_filter.setEnabled(self.contract_id is None)
        self.contract_filter.blockSignals(False)

    def add_row(self, row: WorkOrderRow | None = None) -> int:
        """Append a row (a new, empty one by default: the chosen contract, the period's last day)."""
        if row is None:
            contract_id = self.contract_filter.currentData() or (self.choices[0].id if self.choices else None)
            row = WorkOrderRow(
                contract_id=contract_id, date=format_date(period_bounds(self.current_period)[1])
            )
            choice = self._choice(contract_id)
            if choice is not None and len(choice.services) == 1:
                row.service_id = choice.services[0][0]
        filling, self._filling = self._filling, True
        index = self.table.rowCount()
        self.table.insertRow(index)
        contract = QComboBox(self.table)
        contract.setObjectName("contractCombo")
        for choice in self.choices:
            contract.addItem(choice.title, choice.id)
        contract.setCurrentIndex(contract.findData(row.contract_id))
        contract.setEnabled(self.contract_id is None)
        service = QComboBox(self.table)
        service.setObjectName("serviceCombo")
        self.table.setCellWidget(index, COL["contract"], contract)
        self.table.setCellWidget(index, COL["service"], service)
        self._fill_services(service, row.contract_id, row.service_id)
        contract.currentIndexChanged.connect(lambda _i, c=contract, s=service: self._contract_changed(c, s))
        service.currentIndexChanged.connect(lambda _i: self._changed())
        date = QTableWidgetItem(row.date)
        date.setData(ID_ROLE, row.id)
        self.table.setItem(index, COL["date"], date)
        quantity = QTableWidgetItem(row.quantity)
        quantity.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(index, COL["quantity"], quantity)
        for key in ("performer", "request_number", "description"):
            self.table.setItem(index, COL[key], QTableWidgetItem(getattr(row, key)))
        approved = QTableWidgetItem()
        approved.setFlags(
            Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        )
        approved.setCheckState(Qt.CheckState.Checked if row.approved else Qt.CheckState.Unchecked)
        self.table.setItem(index, COL["approved"], approved)
        self._filling = filling
        if not filling:
            self._changed()
            self.table.setCurrentCell(index, COL["quantity"])
        return index

    def _fill_services(self, combo: QComboBox, contract_id: int | None, service_id: int | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", None)
        choice = self._choice(contract_id)
        for sid, name in choice.services if choice is not None else ():
            combo.addItem(name, sid)
        combo.setCurrentIndex(max(0, combo.findData(service_id)))
        combo.blockSignals(False)

    def _contract_changed(self, contract: QComboBox, service: QComboBox) -> None:
        self._fill_services(service, contract.currentData(), service.currentData())
        self._changed()

    def delete_selected(self) -> None:
        rows = sorted(
            {i.row() for i in self.table.selectedIndexes()} | {self.table.currentRow()}, reverse=True
        )
        for index in rows:
            if not 0 <= index < self.table.rowCount():
                continue
            order_id = cell(self.table, index, COL["date"]).data(ID_ROLE)
            if order_id is not None:
                self.deleted.append(int(order_id))
            self.table.removeRow(index)
        self._changed()

    def rows(self) -> list[WorkOrderRow]:
        """The table as typed."""
        out = []
        for index in range(self.table.rowCount()):
            contract = self.table.cellWidget(index, COL["contract"])
            service = self.table.cellWidget(index, COL["service"])
            assert isinstance(contract, QComboBox) and isinstance(service, QComboBox)
            order_id = cell(self.table, index, COL["date"]).data(ID_ROLE)
            out.append(
                WorkOrderRow(
                    id=int(order_id) if order_id is not None else None,
                    contract_id=contract.currentData(),
                    date=cell(self.table, index, COL["date"]).text(),
                    service_id=service.currentData(),
                    quantity=cell(self.table, index, COL["quantity"]).text(),
                    performer=cell(self.table, index, COL["performer"]).text(),
                    request_number=cell(self.table, index, COL["request_number"]).text(),
                    description=cell(self.table, index, COL["description"]).text(),
                    approved=cell(self.table, index, COL["approved"]).checkState() == Qt.CheckState.Checked,
                )
            )
        return out

    # --- checks ------------------------------------------------------------------------------
    def _changed(self, *_: Any) -> None:
        if self._filling:
            return
        self.dirty = True
        self.validate()

    def validate(self) -> list[CellError]:
        """Check every cell; mark the wrong ones and list the reasons under the table."""
        _checked, self.errors = work_orders.check(self.rows(), self.current_period, self.choices)
        wrong = {(e.row - 1, COL[e.column]): e.message for e in self.errors}
        self.table.blockSignals(True)
        for index in range(self.table.rowCount()):
            for column in range(len(COLUMNS)):
                message = wrong.get((index, column), "")
                # Only the combo columns have cell widgets: elsewhere cellWidget() is the open
                # editor of the cell being typed into, and the cell itself must be marked.
                widget = (
                    self.table.cellWidget(index, column)
                    if column in (COL["contract"], COL["service"])
                    else None
                )
                if widget is not None:
                    widget.setStyleSheet("background: #ffd7d7" if message else "")
                    widget.setToolTip(message)
                    continue
                item = self.table.item(index, column)
                if item is not None:
                    item.setBackground(ERROR_COLOR if message else QColor(0, 0, 0, 0))
                    item.setToolTip(message)
        self.table.blockSignals(False)
        shown = [e.text() for e in self.errors[:6]]
        if len(self.errors) > 6:
            shown.append(self.tr("… and %1 more").replace("%1", str(len(self.errors) - 6)))
        self.problems.setText("\n".join(shown))
        self.problems.setVisible(bool(self.errors))
        total = self.table.rowCount()
        self.summary.setText(self.tr("Work orders: %1").replace("%1", str(total)))
        return self.errors

    # --- actions -------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save every row and deletion in one transaction; nothing is saved while a cell is wrong."""
        if self.validate():
            QMessageBox.warning(
                self,
                self.tr("Work orders are not saved"),
                self.tr("Correct the marked cells:") + "\n" + "\n".join(e.text() for e in self.errors[:10]),
            )
            return False
        try:
            result = contract_operations.save_work_orders(
                self.database, self.current_period, self.rows(), self.deleted
            )
        except UserError as error:
            QMessageBox.warning(self, self.tr("Work orders are not saved"), error.message)
            return False
        self.last_result = result
        self.reload()
        self.saved.emit()
        return True

    def _switch(self, combo: QComboBox) -> None:
        """Another period or contract: unsaved edits are lost, so ask first."""
        if self.dirty and (
            QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("The changes are not saved. Show other work orders and drop them?"),
            )
            != QMessageBox.StandardButton.Yes
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(self._shown[combo])
            combo.blockSignals(False)
            return
        self.reload()
        self._shown = {
            self.period: self.period.currentIndex(),
            self.contract_filter: self.contract_filter.currentIndex(),
        }

    def import_file(self) -> None:
        dialog = ImportDialog(self.database, self)
        dialog.what.setCurrentIndex(dialog.what.findData("work_orders"))
        dialog.imported.connect(self._imported)
        dialog.open()
        self.import_dialog = dialog

    def _imported(self) -> None:
        self.reload()
        self.saved.emit()  # imported rows change the closing preview as a save does


def open_from_closing_tab(tab: Any) -> WorkOrdersDialog | None:
    """The closing tab's «Заказ-наряды…» button: its period and own entity; the preview follows a save."""
    if tab.database is None:
        return None
    dialog = WorkOrdersDialog(tab.database, tab.current_period, tab, own_entity_id=tab.entity.currentData())

    def refresh() -> None:
        if tab.task is None or not tab.task.running:  # not while a closing runs
            tab.preview()

    dialog.saved.connect(refresh)
    dialog.open()
    tab.work_orders_dialog = dialog
    return dialog
