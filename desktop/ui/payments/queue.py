"""The unallocated payments: receipts nobody has applied to an invoice yet, grouped by region and manager."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from desktop.core.db import Database
from desktop.core.payments import grouped
from desktop.core.payments import operations as payment_operations
from desktop.ui.common import fmt

PAYMENT_ID = Qt.ItemDataRole.UserRole
GROUP_NAME = Qt.ItemDataRole.UserRole + 1


class UnallocatedTree(QTreeWidget):
    """Groups «region — manager» (or «без клиента») with the payments under them."""

    assign_requested = Signal(int)  # payment id

    def __init__(self, database: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setObjectName("unallocatedTree")
        self.setHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Order No."),
                self.tr("Payer"),
                self.tr("INN"),
                self.tr("Amount"),
                self.tr("Free"),
                self.tr("Own entity"),
                self.tr("Purpose"),
            ]
        )
        for column, width in enumerate((125, 70, 260, 100, 100, 100, 140, 300)):
            self.setColumnWidth(column, width)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.itemDoubleClicked.connect(self._double_clicked)
        self.total = 0

    def set_database(self, database: Database | None) -> None:
        self.database = database
        self.reload()

    def reload(self) -> None:
        self.clear()
        self.total = 0
        if self.database is None:
            return
        payments = payment_operations.queued_payments(self.database)
        bold = QFont(self.font())
        bold.setBold(True)
        for name, items in grouped(payments):
            free = sum((p.free for p in items), start=Decimal(0))
            group = QTreeWidgetItem(
                [
                    self.tr("%1 · payments: %2 · free %3")
                    .replace("%1", name)
                    .replace("%2", str(len(items)))
                    .replace("%3", fmt.rub(free))
                ]
            )
            group.setData(0, GROUP_NAME, name)
            group.setFont(0, bold)
            self.addTopLevelItem(group)
            for payment in items:
                child = QTreeWidgetItem(
                    [
                        fmt.date(payment.date),
                        payment.number,
                        payment.client or payment.payer_name,
                        payment.payer_inn,
                        fmt.money(payment.amount),
                        fmt.money(payment.free),
                        payment.entity,
                        " ".join(payment.purpose.split()),
                    ]
                )
                child.setData(0, PAYMENT_ID, payment.id)
                child.setToolTip(7, payment.purpose)
                for column in (4, 5):
                    child.setTextAlignment(
                        column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                group.addChild(child)
                self.total += 1
            group.setFirstColumnSpanned(True)
            group.setExpanded(True)

    def _group_items(self) -> list[QTreeWidgetItem]:
        return [top for i in range(self.topLevelItemCount()) if (top := self.topLevelItem(i)) is not None]

    @staticmethod
    def _payment_items(group: QTreeWidgetItem) -> list[QTreeWidgetItem]:
        return [child for c in range(group.childCount()) if (child := group.child(c)) is not None]

    def groups(self) -> list[str]:
        return [top.data(0, GROUP_NAME) for top in self._group_items()]

    def payment_ids(self, group: int | None = None) -> list[int]:
        out = []
        for index, top in enumerate(self._group_items()):
            if group is not None and index != group:
                continue
            out += [child.data(0, PAYMENT_ID) for child in self._payment_items(top)]
        return out

    def current_payment_id(self) -> int | None:
        item = self.currentItem()
        value = item.data(0, PAYMENT_ID) if item is not None else None
        return int(value) if value is not None else None

    def select_payment(self, payment_id: int) -> None:
        for top in self._group_items():
            for child in self._payment_items(top):
                if child.data(0, PAYMENT_ID) == payment_id:
                    self.setCurrentItem(child)
                    return

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        value = item.data(0, PAYMENT_ID)
        if value is not None:
            self.assign_requested.emit(int(value))
