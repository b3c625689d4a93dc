"""«Бухгалтерия → Авансы…»: the advances received on prepayment invoices, their счета-фактуры and what is
not offset yet (``core.books.advances``).

A row is a receipt's allocation to a prepayment invoice of a VAT-paying own entity. «Срок СФ» is
the fifth day after the receipt: red when it is over and no счёт-фактура was issued, bold when it
is today. The button issues the due ones on a worker (``advance_run.issue_with_files``: the rows,
then their files in the documents folder of the settings) and says what it made and what was
refused, in Russian. A double click opens the счёт-фактура's PDF when there is one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.core.books.advance_run import issue_with_files, list_advances
from desktop.core.books.advances import Advance, IssueResult
from desktop.core.books.operations import export_entities
from desktop.core.db import Database, database_error, is_database_failure
from desktop.core.errors import Cancelled, UserError
from desktop.ui.common import fmt
from desktop.ui.common.widgets import named, pick_table, row_of, tab_order_by_layout
from desktop.ui.tasks import Task, run_task, show_error

OVERDUE = QColor("#b00020")
ZERO = Decimal("0.00")


class AdvancesDialog(QDialog):
    def __init__(
        self,
        database: Database,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("advancesDialog")
        self.setWindowTitle(self.tr("Advances received"))
        self.resize(1200, 560)
        self.database = database
        self.settings = settings
        self.today = today or dt.date.today()
        self.rows: list[Advance] = []
        self.last_task: Task | None = None
        self.running = False
        self.issued: IssueResult | None = None
        self._create_controls()
        self._lay_out()
        self.entity.currentIndexChanged.connect(lambda _index: self.reload())
        self.not_offset.toggled.connect(lambda _on: self.reload())
        self.issue_button.clicked.connect(lambda: self.issue())
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_pdf(row))
        self.buttons.rejected.connect(self.reject)
        tab_order_by_layout(self)
        self.reload()

    # --- building -------------------------------------------------------------------------------
    def _create_controls(self) -> None:
        self.entity = named(QComboBox(self), "advancesEntity")
        self.entity.addItem(self.tr("All own entities"), "")
        try:
            entities = export_entities(self.database)
        except UserError:
            entities = []
        for inn, name in entities:
            self.entity.addItem(self.tr("%1, INN %2").replace("%1", name).replace("%2", inn), inn)
        self.not_offset = named(QCheckBox(self.tr("Only &not offset"), self), "advancesNotOffset")
        self.table = pick_table(
            self,
            "advancesTable",
            [
                self.tr("Client"),
                self.tr("Contract"),
                self.tr("Payment"),
                self.tr("Advance"),
                self.tr("Invoice for payment"),
                self.tr("VAT invoice due"),
                self.tr("Advance VAT invoice"),
                self.tr("Offset"),
            ],
        )
        self.totals = named(QLabel(self), "advancesTotals")
        self.report = named(QLabel(self), "advancesResult")
        self.report.setWordWrap(True)
        self.report.setTextFormat(Qt.TextFormat.RichText)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.issue_button = named(QPushButton(self), "advancesIssue")
        self.buttons.addButton(self.issue_button, QDialogButtonBox.ButtonRole.ActionRole)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        entity_label = QLabel(self.tr("Own &entity:"), self)
        entity_label.setBuddy(self.entity)
        layout.addWidget(row_of(self, entity_label, self.entity, self.not_offset, None))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.report)
        layout.addWidget(self.buttons)

    # --- the rows -------------------------------------------------------------------------------
    def reload(self) -> None:
        try:
            rows = list_advances(self.database)
        except UserError as error:
            self.report.setText(escape(error.message))
            return
        inn = str(self.entity.currentData() or "")
        self.rows = [
            r
            for r in rows
            if (not inn or r.entity_inn == inn) and not (self.not_offset.isChecked() and r.offset)
        ]
        self._fill()

    def _fill(self) -> None:
        table = self.table
        table.setRowCount(len(self.rows))
        bold = QFont(table.font())
        bold.setBold(True)
        for index, row in enumerate(self.rows):
            due_text = (
                fmt.date(row.due)
                if row.needed
                else self.tr("not needed: sale on %1").replace("%1", fmt.date(row.sale_date))
            )
            if row.issued:
                sf_text = (
                    self.tr("№ %1 of %2")
                    .replace("%1", row.sf_number or "")
                    .replace("%2", fmt.date(row.sf_date))
                )
            elif row.needed:
                sf_text = self.tr("not issued")
            else:
                sf_text = "—"
            offset_text = (
                self.tr("№ %1 of %2").replace("%1", row.sale_number).replace("%2", fmt.date(row.sale_date))
                if row.sale_number
                else self.tr("not offset")
            )
            values = [
                row.client,
                row.contract,
                self.tr("№ %1 of %2")
                .replace("%1", row.payment_number or "—")
                .replace("%2", fmt.date(row.payment_date)),
                fmt.money(row.amount),
                self.tr("№ %1 of %2")
                .replace("%1", row.invoice_number)
                .replace("%2", fmt.date(row.invoice_date)),
                due_text,
                sf_text,
                offset_text,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(index, column, item)
            due = table.item(index, 5)
            if due is not None and row.overdue(self.today):
                due.setForeground(QBrush(OVERDUE))
                due.setToolTip(
                    self.tr("Overdue: the VAT invoice had to be issued by %1").replace(
                        "%1", fmt.date(row.due)
                    )
                )
            elif due is not None and row.due_today(self.today):
                due.setFont(bold)
                due.setToolTip(self.tr("Due today"))
        table.resizeColumnsToContents()
        received = sum((r.amount for r in self.rows), ZERO)
        issued = sum((r.amount for r in self.rows if r.issued), ZERO)
        open_ = sum((r.amount for r in self.rows if not r.offset), ZERO)
        self.totals.setText(
            self.tr("Received: %1; with advance VAT invoices: %2; not offset: %3")
            .replace("%1", fmt.rub(received))
            .replace("%2", fmt.rub(issued))
            .replace("%3", fmt.rub(open_))
        )
        due_count = self.due_count()
        self.issue_button.setText(self.tr("&Issue advance VAT invoices (%1)").replace("%1", str(due_count)))
        self.issue_button.setEnabled(due_count > 0 and not self.running)

    def due_count(self) -> int:
        return sum(1 for r in self.rows if r.to_issue() and r.payment_date <= self.today)

    # --- issuing --------------------------------------------------------------------------------
    def issue(self) -> Task | None:
        ids = [r.allocation_id for r in self.rows if r.to_issue() and r.payment_date <= self.today]
        if not ids:
            return None
        database, today = self.database, self.today
        out, converter = self.settings.effective_output_dir(), self.settings.pdf_converter

        def job(progress: Any, cancel: Any) -> IssueResult:
            return issue_with_files(
                database,
                today,
                out,
                allocation_ids=ids,
                pdf_converter=converter,
                progress=progress,
                cancel=cancel,
            )

        self.running = True
        self.issue_button.setEnabled(False)
        self.report.setText(escape(self.tr("Issuing…")))
        self.last_task = run_task(
            self,
            job,
            title=self.tr("Advance VAT invoices"),
            on_success=self._issued,
            on_failure=self._failed,
        )
        self.last_task.finished.connect(self._done)
        return self.last_task

    def _done(self) -> None:
        self.running = False
        self.reload()

    def _issued(self, result: IssueResult) -> None:
        self.issued = result
        head = self.tr("Advance VAT invoices issued: %1").replace("%1", str(len(result.document_ids)))
        problems = "".join(f"<li>{escape(text)}</li>" for text in result.refusals)
        self.report.setText(f"<p><b>{escape(head)}</b></p>" + (f"<ul>{problems}</ul>" if problems else ""))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.report.clear()
            return
        if is_database_failure(error):
            error = database_error(error)
        if isinstance(error, UserError):
            self.report.setText(f"<p style='color:#b00020'>{escape(error.message)}</p>")
            return
        self.report.clear()
        show_error(self, error, title=self.tr("Advance VAT invoices"))

    def open_pdf(self, index: int) -> bool:
        if not 0 <= index < len(self.rows):
            return False
        path = self.rows[index].sf_pdf
        if not path or not Path(path).is_file():
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(path))
