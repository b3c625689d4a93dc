"""The «Закрытие месяца» tab: the period to close, what is due in it and what is already issued."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget
from sqlalchemy import distinct, func, or_, select

from desktop.core.db import Database
from desktop.core.models import Contract, Document
from desktop.ui.common.table_view import RegistryView
from desktop.ui.registry.model import DocumentsModel

MONTHS = (
    QT_TRANSLATE_NOOP("ClosingTab", "January"),
    QT_TRANSLATE_NOOP("ClosingTab", "February"),
    QT_TRANSLATE_NOOP("ClosingTab", "March"),
    QT_TRANSLATE_NOOP("ClosingTab", "April"),
    QT_TRANSLATE_NOOP("ClosingTab", "May"),
    QT_TRANSLATE_NOOP("ClosingTab", "June"),
    QT_TRANSLATE_NOOP("ClosingTab", "July"),
    QT_TRANSLATE_NOOP("ClosingTab", "August"),
    QT_TRANSLATE_NOOP("ClosingTab", "September"),
    QT_TRANSLATE_NOOP("ClosingTab", "October"),
    QT_TRANSLATE_NOOP("ClosingTab", "November"),
    QT_TRANSLATE_NOOP("ClosingTab", "December"),
)


def recent_periods(today: dt.date, count: int = 13) -> list[str]:
    """``YYYY-MM`` of the previous month first (the one usually closed), then older ones."""
    year, month = today.year, today.month
    periods = []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        periods.append(f"{year:04d}-{month:02d}")
    current = f"{today.year:04d}-{today.month:02d}"
    return [current, *periods]


class ClosingTab(QWidget):
    def __init__(self, database: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closingTab")
        self.database = database
        self.period = QComboBox(self)
        self.period.setObjectName("closingPeriod")
        for period in recent_periods(dt.date.today()):
            year, month = period.split("-")
            self.period.addItem(f"{self.tr(MONTHS[int(month) - 1])} {year}", period)
        self.period.setCurrentIndex(1)
        self.summary = QLabel(self)
        self.summary.setObjectName("closingSummary")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:"), self))
        top.addWidget(self.period)
        top.addWidget(self.summary, 1)
        self.model = DocumentsModel(database, self)
        self.view = RegistryView(self.model, "closing", self)
        self.view.setObjectName("closingView")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.period.currentIndexChanged.connect(self.reload)
        self.reload()

    def set_database(self, database: Database | None) -> None:
        self.database = database
        self.model.database = database
        self.reload()

    def reload(self) -> None:
        period = self.period.currentData()
        self.model.period = period
        self.model.refresh()
        if self.database is None or not period:
            self.summary.clear()
            return
        year, month = (int(x) for x in period.split("-"))
        start = dt.date(year, month, 1)
        end = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
        with self.database.session() as session:
            due = session.scalar(
                select(func.count(Contract.id)).where(
                    Contract.status == "active",
                    Contract.valid_from <= end,
                    or_(Contract.valid_to.is_(None), Contract.valid_to >= start),
                )
            )
            closed = session.scalar(
                select(func.count(distinct(Document.contract_id))).where(
                    Document.period == period, Document.current.is_(True)
                )
            )
        self.summary.setText(
            self.tr("Active contracts in the period: %1; with documents: %2; documents: %3")
            .replace("%1", str(due or 0))
            .replace("%2", str(closed or 0))
            .replace("%3", str(self.model.rowCount()))
        )

    def save_state(self, settings: QSettings) -> None:
        self.view.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        self.view.restore_state(settings)
