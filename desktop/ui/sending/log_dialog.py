"""«Журнал отправки»: every message sent or tried (when, who, to whom, what, the server's answer)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.common.labels import DISPATCH_STATUS_TITLES
from desktop.core.db import Database
from desktop.core.models import DispatchStatus
from desktop.core.sending.log import CHANNEL_RU, PURPOSE_RU, LogRow
from desktop.core.sending.operations import sending_log


class DispatchLogDialog(QDialog):
    def __init__(self, database: Database, period: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dispatchLog")
        self.setWindowTitle(self.tr("Sending log"))
        self.setMinimumSize(1100, 480)
        self.database = database
        self.rows: list[LogRow] = []
        self.period = QLineEdit(period or "", self)
        self.period.setObjectName("logPeriod")
        self.period.setPlaceholderText(self.tr("any period (YYYY-MM)"))
        self.period.setMaximumWidth(160)
        self.failed_only = QCheckBox(self.tr("Failed only"), self)
        self.failed_only.setObjectName("logFailedOnly")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:"), self))
        top.addWidget(self.period)
        top.addWidget(self.failed_only)
        top.addStretch(1)
        headers = [
            self.tr("When"),
            self.tr("Who"),
            self.tr("Channel"),
            self.tr("What"),
            self.tr("Client"),
            self.tr("To"),
            self.tr("Documents"),
            self.tr("Files"),
            self.tr("Status"),
            self.tr("Server answer or error"),
        ]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setObjectName("logTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for column, width in enumerate((120, 80, 60, 110, 180, 170, 150, 60, 90)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.period.editingFinished.connect(self.reload)
        self.failed_only.toggled.connect(lambda _on: self.reload())
        self.reload()

    def reload(self) -> None:
        self.rows = sending_log(
            self.database, period=self.period.text().strip() or None, failed_only=self.failed_only.isChecked()
        )
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            files = "\n".join(f"{a.get('name')}  SHA-256 {a.get('sha256', '')}" for a in row.attachments)
            values: list[tuple[str, Any]] = [
                (row.at.strftime("%d.%m.%Y %H:%M"), None),
                (row.user, None),
                (CHANNEL_RU.get(row.channel, row.channel), None),
                (PURPOSE_RU.get(row.purpose, row.purpose) + (f" {row.period}" if row.period else ""), None),
                (row.client, f"{row.client}, ИНН {row.inn}"),
                (row.recipients, None),
                (row.documents, None),
                (str(len(row.attachments)), files),
                (DISPATCH_STATUS_TITLES.get(row.status, row.status), None),
                (row.answer, row.subject),
            ]
            for column, (text, tip) in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(tip or text)
                if column in (8, 9) and row.status == DispatchStatus.FAILED:
                    item.setForeground(QColor("#b00020"))
                self.table.setItem(index, column, item)
