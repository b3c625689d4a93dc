"""«Бухгалтерия → Книга продаж…»: the quarter's sales ledger of one or all own entities, its check, and the
.xlsx (docs/domain.md, «Книга продаж»).

The person picks the year and the quarter and the own entity (or all), presses «Сформировать»: the
books are built on a worker (``core.books.sales_ledger_operations.prepare``), the rows and the
«Всего» row are shown in the table, the check's findings under it (or the green line that all is
well). «Сохранить в Excel…» asks for the file and writes it on a worker, which records the print.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.core.books.operations import export_entities
from desktop.core.books.sales_ledger import COLUMNS
from desktop.core.books.sales_ledger_check import ERROR, INFO, WARNING
from desktop.core.books.sales_ledger_operations import LedgerReport, LedgerSummary, prepare, save_sales_ledger
from desktop.core.common.money import format_money
from desktop.core.db import Database, database_error, is_database_failure
from desktop.core.errors import Cancelled, UserError
from desktop.ui.common.widgets import named, row_of, tab_order_by_layout
from desktop.ui.tasks import Task, run_task, show_error

QUARTER_NAMES = ("I", "II", "III", "IV")
COLOURS = {ERROR: "#b00020", WARNING: "#a05a00", INFO: "#444444"}


class SalesLedgerDialog(QDialog):
    def __init__(
        self,
        database: Database,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("salesLedgerDialog")
        self.setWindowTitle(self.tr("Sales ledger"))
        self.resize(1100, 640)
        self.database = database
        self.settings = settings
        self.last_task: Task | None = None
        self.report: LedgerReport | None = None
        self.summary: LedgerSummary | None = None
        self._create_controls(today or dt.date.today())
        self._lay_out()
        self.build_button.clicked.connect(lambda: self.build())
        self.save_button.clicked.connect(lambda: self.save())
        self.buttons.rejected.connect(self.reject)
        for combo in (self.quarter, self.entity):
            combo.currentIndexChanged.connect(lambda _index: self._choice_changed())
        self.year.valueChanged.connect(lambda _value: self._choice_changed())
        tab_order_by_layout(self)

    # --- building -------------------------------------------------------------------------------
    def _create_controls(self, today: dt.date) -> None:
        last_month = today.replace(day=1) - dt.timedelta(days=1)  # the quarter of the month closed last
        self.year = named(QSpinBox(self), "ledgerYear")
        self.year.setRange(2019, 2100)
        self.year.setValue(last_month.year)
        self.quarter = named(QComboBox(self), "ledgerQuarter")
        for number, roman in enumerate(QUARTER_NAMES, start=1):
            self.quarter.addItem(self.tr("%1 quarter").replace("%1", roman), number)
        self.quarter.setCurrentIndex((last_month.month - 1) // 3)
        self.entity = named(QComboBox(self), "ledgerEntity")
        self.entity.addItem(self.tr("All own entities"), "")
        try:
            entities = export_entities(self.database)
        except UserError:  # a database that cannot answer: «все», the build says what is wrong
            entities = []
        for inn, name in entities:
            self.entity.addItem(self.tr("%1, INN %2").replace("%1", name).replace("%2", inn), inn)
        self.table = named(QTableWidget(0, len(COLUMNS) + 1, self), "ledgerRows")
        self.table.setHorizontalHeaderLabels([self.tr("Seller"), *(c.code for c in COLUMNS)])
        for index, column in enumerate(COLUMNS, start=1):
            header = self.table.horizontalHeaderItem(index)
            if header is not None:
                header.setToolTip(f"{column.group} — {column.title}" if column.group else column.title)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.check = named(QLabel(self), "ledgerCheck")
        self.check.setWordWrap(True)
        self.check.setTextFormat(Qt.TextFormat.RichText)
        self.check.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome = named(QLabel(self), "ledgerOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.RichText)
        self.build_button = named(QPushButton(self.tr("&Build"), self), "ledgerBuild")
        self.build_button.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = named(QPushButton(self.tr("&Save to Excel…"), self), "ledgerSave")
        self.save_button.setEnabled(False)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(
            self._label(self.tr("&Quarter:"), self.quarter), row_of(self, self.quarter, self.year, None)
        )
        form.addRow(
            self._label(self.tr("Own &entity:"), self.entity),
            row_of(self, (self.entity, 1), self.build_button),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        title = self.tr("Check")
        check_title = QLabel(f"<b>{escape(title)}</b>", self)
        layout.addWidget(check_title)
        scroll = QScrollArea(self)  # many findings scroll instead of stretching the dialog
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMaximumHeight(180)
        scroll.setWidget(self.check)
        layout.addWidget(scroll)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)

    # --- the choice -----------------------------------------------------------------------------
    @property
    def current_quarter(self) -> str:
        return f"{self.year.value()}-Q{self.quarter.currentData()}"

    @property
    def current_inns(self) -> list[str]:
        inn = str(self.entity.currentData() or "")
        return [inn] if inn else []

    def _choice_changed(self) -> None:
        """Another quarter or entity: what is shown belongs to the old choice."""
        self.report = None
        self.table.setRowCount(0)
        self.check.clear()
        self.outcome.clear()
        self.save_button.setEnabled(False)

    # --- the preview ----------------------------------------------------------------------------
    def build(self) -> Task:
        database, quarter, inns = self.database, self.current_quarter, self.current_inns

        def job(progress: Any, cancel: Any) -> LedgerReport:
            def step(done: int, total: int, text: str) -> None:
                cancel.raise_if_cancelled()
                progress(done, total, text)

            return prepare(database, quarter, inns, step)

        self._choice_changed()
        self.build_button.setEnabled(False)
        self.outcome.setText(escape(self.tr("Building…")))
        self.last_task = run_task(
            self, job, title=self.tr("Sales ledger"), on_success=self._built, on_failure=self._failed
        )
        self.last_task.finished.connect(lambda: self.build_button.setEnabled(True))
        return self.last_task

    def _built(self, report: LedgerReport) -> None:
        self.report = report
        self.outcome.clear()
        self._fill_table(report)
        self._show_check(report)
        self.save_button.setEnabled(True)

    def _fill_table(self, report: LedgerReport) -> None:
        rows = sum(len(ledger.rows) + 1 for ledger in report.ledgers)
        self.table.setRowCount(rows)
        index = 0
        for ledger in report.ledgers:
            for book_row in ledger.rows:
                self._put(index, ledger.short_name or ledger.seller, book_row.values, bold=False)
                index += 1
            totals: dict[str, object] = {"1": self.tr("Total"), **ledger.totals}
            totals.pop("13а", None)
            self._put(index, ledger.short_name or ledger.seller, totals, bold=True)
            index += 1
        self.table.resizeColumnsToContents()

    def _put(self, row: int, seller: str, values: dict[str, object], *, bold: bool) -> None:
        items = [QTableWidgetItem(seller)]
        for column in COLUMNS:
            value = values.get(column.code)
            if isinstance(value, Decimal):
                item = QTableWidgetItem(format_money(value) if value or bold else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            else:
                item = QTableWidgetItem("" if value is None else str(value))
            items.append(item)
        for position, item in enumerate(items):
            if bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                item.setBackground(QColor("#eef2f7"))
            self.table.setItem(row, position, item)

    def _show_check(self, report: LedgerReport) -> None:
        lines = []
        several = len(report.ledgers) > 1
        fine = self.tr(
            "All the quarter's VAT invoices are in the ledger once, the totals equal the registry's"
        )
        empty = self.tr("No VAT invoices in the quarter, the registry has none either")
        for ledger, check in zip(report.ledgers, report.checks, strict=True):
            prefix = f"{ledger.short_name or ledger.seller}: " if several else ""
            if check.ok and not ledger.rows:
                lines.append(f"<p style='color:#1b7f3b'>{escape(prefix + empty)}</p>")
            elif check.ok:
                lines.append(f"<p style='color:#1b7f3b'>{escape(prefix + fine)}</p>")
            for finding in check.findings:
                colour = COLOURS.get(finding.level, "#000000")
                lines.append(f"<p style='color:{colour}'>{escape(prefix + finding.text)}</p>")
        self.check.setText("".join(lines))

    # --- the file -------------------------------------------------------------------------------
    def default_path(self) -> Path:
        """«Книга продаж ГГГГ-Qn.xlsx» in the documents folder of the settings."""
        return self.settings.effective_output_dir() / f"Книга продаж {self.current_quarter}.xlsx"

    def save(self) -> Task | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the sales ledger"),
            str(self.default_path()),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not chosen:
            return None
        out = Path(chosen)
        if out.suffix.lower() != ".xlsx":
            out = out.with_name(out.name + ".xlsx")
        database, quarter, inns = self.database, self.current_quarter, self.current_inns

        def job(progress: Any, _cancel: Any) -> tuple[LedgerSummary, LedgerReport]:
            return save_sales_ledger(database, quarter, inns, out, progress)

        self.summary = None
        self.save_button.setEnabled(False)
        self.outcome.setText(escape(self.tr("Saving…")))
        self.last_task = run_task(
            self,
            job,
            title=self.tr("Sales ledger"),
            on_success=self._saved,
            on_failure=self._failed,
            want_cancel=False,
        )
        self.last_task.finished.connect(lambda: self.save_button.setEnabled(self.report is not None))
        return self.last_task

    def _saved(self, result: tuple[LedgerSummary, LedgerReport]) -> None:
        summary, report = result
        self.summary = summary
        self._built(report)
        text = (
            self.tr("Saved: %1 rows, %2 with VAT → %3")
            .replace("%1", str(summary.rows))
            .replace("%2", format_money(summary.total, rub=True))
            .replace("%3", str(summary.path))
        )
        self.outcome.setText(f"<p><b>{escape(text)}</b></p>")

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.outcome.clear()
            return
        if is_database_failure(error):
            error = database_error(error)
        if isinstance(error, UserError):
            self.outcome.setText(f"<p style='color:#b00020'>{escape(error.message)}</p>")
            return
        self.outcome.clear()
        show_error(self, error, title=self.tr("Sales ledger"))
