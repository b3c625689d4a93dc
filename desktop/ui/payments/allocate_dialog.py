"""Assigning a payment to invoices by hand: the matcher's suggestion filled in, amounts editable, rules checked by core."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.common.money import MONEY, parse_decimal
from desktop.core.db import Database
from desktop.core.errors import UserError, ValidationError
from desktop.core.payments import OverpaymentError, Part
from desktop.core.payments import operations as payment_operations
from desktop.ui.common import fmt

AMOUNT_COLUMN = 7
DOCUMENT_ID = Qt.ItemDataRole.UserRole


def parse_money(text: str) -> Decimal:
    """«6 100,50» / «6100.5» → Decimal; ValueError on anything else."""
    if not text.strip():
        return Decimal(0)
    return parse_decimal(text, MONEY)


class AllocateDialog(QDialog):
    def __init__(self, database: Database, payment_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("allocateDialog")
        self.setWindowTitle(self.tr("Assign the payment to invoices"))
        self.resize(980, 560)
        self.database = database
        self.payment_id = payment_id
        found = payment_operations.payment_to_assign(database, payment_id)
        payment, match = found.payment, found.match
        self.free = found.free
        self.own_entity_id = payment.own_entity_id
        self.counterparty_id = payment.counterparty_id
        info = (
            self.tr("Payment No. %1 of %2 from %3 (INN %4): %5, free %6")
            .replace("%1", payment.number or "—")
            .replace("%2", fmt.date(payment.date))
            .replace("%3", payment.payer_name)
            .replace("%4", payment.payer_inn or "—")
            .replace("%5", fmt.rub(payment.amount))
            .replace("%6", fmt.rub(self.free))
        )
        purpose = payment.purpose
        self.suggested = {a.invoice_id: a.amount for a in match.allocations}

        self.info = QLabel(info, self)
        self.info.setObjectName("paymentInfo")
        self.info.setWordWrap(True)
        self.purpose = QLabel(self.tr("Purpose: %1").replace("%1", purpose), self)
        self.purpose.setWordWrap(True)
        self.purpose.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = QLabel(match.reason, self)
        self.reason.setObjectName("matchReason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #555")
        self.search = QLineEdit(self)
        self.search.setObjectName("invoiceSearch")
        self.search.setPlaceholderText(self.tr("Find an invoice by number, client or INN"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.reload)
        self.table = QTableWidget(0, 8, self)
        self.table.setObjectName("invoiceChoices")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Invoice"),
                self.tr("Date"),
                self.tr("Period"),
                self.tr("Stage"),
                self.tr("Client"),
                self.tr("Amount"),
                self.tr("Unpaid"),
                self.tr("To assign"),
            ]
        )
        for column, width in enumerate((90, 85, 70, 110, 260, 100, 100, 100)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(self._update_total)
        self.total = QLabel(self)
        self.total.setObjectName("assignTotal")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Assign"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.purpose)
        layout.addWidget(self.reason)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self._entered: dict[int, str] = {}
        self.reload()

    # --- the table ---------------------------------------------------------------------
    def reload(self) -> None:
        self._remember()
        choices = payment_operations.assignable_invoices(
            self.database, self.own_entity_id, search=self.search.text(), counterparty_id=self.counterparty_id
        )
        stages = {"prepay": self.tr("advance"), "final": self.tr("final"), "full": ""}
        self.table.blockSignals(True)
        self.table.setRowCount(len(choices))
        for row, choice in enumerate(choices):
            values = [
                choice.number,
                fmt.date(choice.date),
                choice.period,
                stages.get(choice.stage, choice.stage),
                f"{choice.client} ({choice.inn})",
                fmt.money(choice.total),
                fmt.money(choice.unpaid),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column in (5, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setData(DOCUMENT_ID, choice.id)
                self.table.setItem(row, column, item)
            amount = self._entered.get(choice.id)
            if amount is None and choice.id in self.suggested:
                amount = fmt.money(self.suggested[choice.id])
            cell = QTableWidgetItem(amount or "")
            cell.setData(DOCUMENT_ID, choice.id)
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, AMOUNT_COLUMN, cell)
        self.table.blockSignals(False)
        self._update_total()

    def _remember(self) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, AMOUNT_COLUMN)
            if item is not None:
                self._entered[int(item.data(DOCUMENT_ID))] = item.text()

    def row_of(self, document_id: int) -> int | None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(DOCUMENT_ID) == document_id:
                return row
        return None

    def parts(self) -> list[Part]:
        """The amounts typed in, or ValidationError naming the invoice whose amount is not a number."""
        self._remember()
        parts = []
        for document_id, text in self._entered.items():
            try:
                amount = parse_money(text)
            except ValueError as error:
                raise ValidationError(self.tr("Amount to assign: %1").replace("%1", str(error))) from None
            if amount:
                parts.append(Part(document_id, amount))
        return parts

    def _update_total(self) -> None:
        try:
            total = sum((p.amount for p in self.parts()), Decimal(0))
        except ValidationError:
            self.total.setText(self.tr("Check the amounts"))
            return
        self.total.setText(
            self.tr("To assign: %1 of the free %2")
            .replace("%1", fmt.rub(total))
            .replace("%2", fmt.rub(self.free))
        )

    # --- saving ------------------------------------------------------------------------
    def save(self, confirm_overpayment: bool = False) -> bool:
        try:
            parts = self.parts()
            payment_operations.assign_payment(
                self.database, self.payment_id, parts, confirm_overpayment=confirm_overpayment
            )
        except OverpaymentError as error:
            answer = QMessageBox.question(
                self,
                self.tr("Overpayment"),
                error.message + "\n\n" + self.tr("Assign with the overpayment?"),
            )
            if answer == QMessageBox.StandardButton.Yes:
                return self.save(confirm_overpayment=True)
            return False
        except UserError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message)
            return False
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()
