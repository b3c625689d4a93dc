"""The «Обзор» tab: what needs attention this month, as charts and counters that open the matching list.

The figures come from ``core.overview`` (SQL aggregates) on a worker thread, when the tab is
opened or shown again after work in other tabs, and on «Обновить». A click on a counter, a bar
or a slice emits ``figure_clicked``; the main window opens the registry (or the contracts,
closing or requests tab) with the figure's filter.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.core.db import Database
from desktop.core.errors import os_error_text
from desktop.core.models import Role
from desktop.core.overview import operations as overview_operations
from desktop.core.overview.queries import Figure, Overview
from desktop.core.users.operations import user_by_login
from desktop.ui.common import fmt
from desktop.ui.common.entity_choice import EntityChoice
from desktop.ui.common.periods import short_period_label
from desktop.ui.overview.charts import AGE_COLORS, BLUE, GREEN, GREY, ORANGE, RED, ChartPanel
from desktop.ui.overview.report import write_report
from desktop.ui.tasks import Task, run_task


class Counter(QFrame):
    """A clickable counter: what, how many, how much."""

    clicked = Signal()

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"counter_{key.replace('.', '_')}")
        self.figure: Figure | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setStyleSheet(
            "Counter { border: 1px solid #c5cae9; border-radius: 6px; background: #f7f9ff; }"
            "Counter:hover { background: #e8eaf6; border-color: #7986cb; }"
        )
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.count = QLabel(self)
        font = QFont(self.count.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.count.setFont(font)
        self.amount = QLabel(self)
        self.amount.setStyleSheet("color: #37474f")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.count)
        layout.addWidget(self.amount)

    def show_figure(self, figure: Figure, title: str, amount_text: str) -> None:
        self.figure = figure
        self.title.setText(title)
        self.count.setText(str(figure.count))
        self.amount.setText(amount_text)
        self.setToolTip(title)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class OverviewTab(QWidget):
    figure_clicked = Signal(object)  # a Figure
    refreshed = Signal()

    def __init__(self, database: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewTab")
        self.database = database
        self.today: dt.date | None = None  # None: the real today (tests fix a date)
        self.view: Overview | None = None
        self.task: Task | None = None
        self._again = False
        self._manager_name = ""
        top = self._build_top()
        self.content = QWidget(self)
        self.content.setObjectName("overviewContent")
        counters = self._build_counters()
        self._build_charts()
        self._lay_out(top, counters)
        self.entity.changed.connect(lambda: self.refresh())
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.pdf_button.clicked.connect(self.export_dialog)
        self._fill_entities()

    # --- building -----------------------------------------------------------------------
    def _build_top(self) -> QHBoxLayout:
        """The own entity, whose clients are shown, the status and the buttons."""
        self.entity = EntityChoice(self, "overviewEntity")
        self.scope_label = QLabel(self)
        self.scope_label.setObjectName("overviewScope")
        self.status = QLabel(self)
        self.status.setObjectName("overviewStatus")
        self.refresh_button = QPushButton(self.tr("R&efresh"), self)
        self.refresh_button.setObjectName("overviewRefresh")
        self.pdf_button = QPushButton(self.tr("E&xport PDF…"), self)
        self.pdf_button.setObjectName("overviewPdf")
        top = QHBoxLayout()
        top.addWidget(self.entity)
        top.addWidget(self.scope_label)
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.refresh_button)
        top.addWidget(self.pdf_button)
        return top

    def _build_counters(self) -> QHBoxLayout:
        """The row of counters; a click opens the registry filtered to what it counts."""
        self.counters: dict[str, Counter] = {}
        counters = QHBoxLayout()
        counters.setSpacing(8)
        for key in (
            "unsigned",
            "receivables",
            "unallocated",
            "requests",
            "requests_due",
            "expiring.30",
            "expiring.60",
        ):
            counter = Counter(key, self.content)
            counter.clicked.connect(lambda c=counter: self._counter_clicked(c))
            self.counters[key] = counter
            counters.addWidget(counter)
        return counters

    def _build_charts(self) -> None:
        self.closing_chart = ChartPanel(
            "chartClosing", self.tr("Month closing: contracts per month"), self.content
        )
        self.unsigned_age_chart = ChartPanel(
            "chartUnsignedAge", self.tr("Unsigned acts and UPD by age, thousand ₽"), self.content
        )
        self.unsigned_manager_chart = ChartPanel(
            "chartUnsignedManager", self.tr("Unsigned acts and UPD by manager, thousand ₽"), self.content
        )
        self.receivables_age_chart = ChartPanel(
            "chartReceivablesAge", self.tr("Receivables by age (unpaid invoices)"), self.content
        )
        self.receivables_top_chart = ChartPanel(
            "chartReceivablesTop", self.tr("Receivables: top 10 clients, thousand ₽"), self.content
        )
        self.charts = (
            self.closing_chart,
            self.unsigned_age_chart,
            self.unsigned_manager_chart,
            self.receivables_age_chart,
            self.receivables_top_chart,
        )
        for chart in self.charts:
            chart.figure_clicked.connect(self.figure_clicked)
            chart.tooltip = self.figure_tooltip
        self.receivables_top_chart.setMinimumHeight(330)

    def _lay_out(self, top: QHBoxLayout, counters: QHBoxLayout) -> None:
        grid = QGridLayout(self.content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(counters, 0, 0, 1, 2)
        grid.addWidget(self.closing_chart, 1, 0, 1, 2)
        grid.addWidget(self.unsigned_age_chart, 2, 0)
        grid.addWidget(self.unsigned_manager_chart, 2, 1)
        grid.addWidget(self.receivables_age_chart, 3, 0)
        grid.addWidget(self.receivables_top_chart, 3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        scroll = QScrollArea(self)
        scroll.setObjectName("overviewScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    # --- data -------------------------------------------------------------------------
    @property
    def login(self) -> str:
        """Who the program's user is: the database's (its login on PostgreSQL, the OS login on SQLite)."""
        return self.database.login if self.database is not None else ""

    def set_database(self, database: Database | None) -> None:
        self.database = database
        self.reload()

    def reload(self) -> None:
        self._fill_entities()
        self.refresh()

    def _fill_entities(self) -> None:
        self._manager_name = ""
        if self.database is not None:
            self.entity.load(self.database)
            user = user_by_login(self.database, self.login)
            if user is not None and user.role == Role.MANAGER:
                self._manager_name = user.full_name
        self.scope_label.setText(
            self.tr("Clients of %1").replace("%1", self._manager_name)
            if self._manager_name
            else self.tr("All clients")
        )

    def showEvent(self, event: QShowEvent) -> None:
        # Shown again after work in another tab: the figures may have changed.
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> Task | None:
        """Recompute the figures on a worker thread (a refresh asked while one runs is run after it)."""
        database = self.database
        if database is None:
            return None
        if self.task is not None and self.task.running:
            self._again = True
            return self.task
        login, entity_ids, today = self.login, self.entity.chosen(), self.today or dt.date.today()

        def job(_progress: Any, _cancel: Any) -> Overview:
            return overview_operations.compute_overview(database, login, entity_ids, today)

        def finished() -> None:
            # Drop the ended task: kept, it would tie this tab and the task's Python-owned thread
            # objects into a reference cycle that the garbage collector may free on any thread.
            self.task = None
            if self._again:
                self._again = False
                self.refresh()

        self.status.setText(self.tr("Updating…"))
        self.task = run_task(
            self, job, title=self.tr("Overview"), on_success=self.show_overview, show_progress=False
        )
        self.task.finished.connect(finished)
        return self.task

    # --- showing ------------------------------------------------------------------------
    def age_title(self, bucket: str) -> str:
        return {
            "0-30": self.tr("0–30 days"),
            "31-60": self.tr("31–60 days"),
            "61-90": self.tr("61–90 days"),
            "90+": self.tr("over 90 days"),
        }[bucket]

    def month_title(self, period: str) -> str:
        return short_period_label(period)

    def figure_title(self, figure: Figure) -> str:
        titles = {
            "unsigned": self.tr("Acts and UPD not signed"),
            "receivables": self.tr("Unpaid invoices"),
            "unallocated": self.tr("Unallocated payments"),
            "requests_approval": self.tr("Requests waiting for my approval"),
            "requests_mine": self.tr("My requests on approval"),
            "requests_due": self.tr("Requests to pay this week"),
            "expiring.30": self.tr("Contracts ending within 30 days"),
            "expiring.60": self.tr("Contracts ending within 60 days"),
            "closing.closed": self.tr("Closed contracts"),
            "closing.open": self.tr("Contracts not closed"),
            "closing.failed": self.tr("Closing failed"),
        }
        title = titles.get(figure.key)
        if title is not None:
            return title
        if figure.name in ("0-30", "31-60", "61-90", "90+"):
            return self.age_title(figure.name)
        return figure.name or self.tr("No manager")

    def figure_tooltip(self, figure: Figure) -> str:
        text = self.figure_title(figure)
        if figure.key.startswith("closing."):
            return f"{text}, {self.month_title(figure.name)}: {figure.count}"
        return (
            f"{text}\n"
            + self.tr("Documents: %1").replace("%1", str(figure.count))
            + "\n"
            + self.tr("Amount: %1 ₽").replace("%1", fmt.money(figure.amount))
        )

    def show_overview(self, view: Overview) -> None:
        self.view = view
        self.status.setText(self.tr("Updated: %1").replace("%1", dt.datetime.now().strftime("%H:%M:%S")))
        counters = {
            "unsigned": view.unsigned,
            "receivables": view.receivables,
            "unallocated": view.unallocated,
            "requests": view.requests_approval,
            "requests_due": view.requests_due,
            "expiring.30": view.expiring[0],
            "expiring.60": view.expiring[1],
        }
        for key, figure in counters.items():
            amount = self.tr("%1 ₽").replace("%1", fmt.money(figure.amount))
            if key.startswith("expiring"):
                amount = self.tr("%1 ₽ a month").replace("%1", fmt.money(figure.amount))
            self.counters[key].show_figure(figure, self.figure_title(figure), amount)

        self.closing_chart.stacked(
            [self.month_title(m.period) for m in view.closing],
            [
                (self.tr("Closed contracts"), GREEN, [m.closed for m in view.closing]),
                (self.tr("Contracts not closed"), GREY, [m.not_closed for m in view.closing]),
                (self.tr("Closing failed"), RED, [m.failed for m in view.closing]),
            ],
            self.tr("contracts"),
        )
        self.unsigned_age_chart.bars(
            [self.age_title(f.name) for f in view.unsigned_by_age],
            view.unsigned_by_age,
            self.tr("Acts and UPD not signed"),
            ORANGE,
            self.tr("thousand ₽"),
        )
        managers = view.unsigned_by_manager
        self.unsigned_manager_chart.bars(
            [f"{self.figure_title(f)} ({f.count})" for f in managers][::-1],
            managers[::-1],
            self.tr("Acts and UPD not signed"),
            BLUE,
            self.tr("thousand ₽"),
            horizontal=True,
        )
        self.receivables_age_chart.pie(
            view.receivables_by_age,
            [f"{self.age_title(f.name)}: {fmt.money(f.amount)} ₽" for f in view.receivables_by_age],
            AGE_COLORS,
        )
        top = view.receivables_top
        self.receivables_top_chart.bars(
            [f"{f.name[:38]} ({f.count})" for f in top][::-1],
            top[::-1],
            self.tr("Unpaid invoices"),
            RED.lighter(130),
            self.tr("thousand ₽"),
            horizontal=True,
        )
        self.refreshed.emit()

    def _counter_clicked(self, counter: Counter) -> None:
        if counter.figure is not None:
            self.figure_clicked.emit(counter.figure)

    # --- PDF ----------------------------------------------------------------------------
    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export PDF"), "Обзор.pdf", "PDF (*.pdf)")
        if path:
            self.export_pdf(Path(path))

    def export_pdf(self, path: Path) -> bool:
        if self.view is None:
            QMessageBox.information(
                self, self.tr("Export PDF"), self.tr("The overview is still being computed.")
            )
            return False
        try:
            today = self.view.today
            title = self.tr("AktDesk overview on %1").replace("%1", today.strftime("%d.%m.%Y"))
            scope = f"{self.entity.currentText()} · {self.scope_label.text()}"
            write_report(self.content, path, title, scope, self.font())
        except OSError as error:
            QMessageBox.warning(
                self,
                self.tr("Export PDF"),
                self.tr("The PDF report could not be written to %1: %2")
                .replace("%1", str(path))
                .replace("%2", os_error_text(error)),
            )
            return False
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("PDF report saved: %1").replace("%1", str(path)), 5000)
        return True

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("overview/entities", ",".join(str(i) for i in self.entity.chosen()))

    def restore_state(self, settings: QSettings) -> None:
        value = str(settings.value("overview/entities") or "")
        ids = [int(part) for part in value.split(",") if part.strip().isdigit()]
        known = {entity_id for _n, entity_id in self.entity.entities}
        if ids and set(ids) <= known:
            self.entity.choose(ids)  # the figures follow on showEvent's refresh
