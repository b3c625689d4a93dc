"""The «Закрытие месяца» tab: the period, a preview (dry run) with warnings, one click, a progress bar, a summary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings, load_settings
from desktop.core.closing import operations as closing_operations
from desktop.core.closing import plan as closing
from desktop.core.closing.files import FileWriter
from desktop.core.closing.plan import ClosingPlan, ClosingResult, PlanRow
from desktop.core.common.exports import ExportColumn, export_rows
from desktop.core.common.labels import KIND_NOUNS
from desktop.core.common.periods import recent_periods
from desktop.core.db import Database
from desktop.core.errors import Cancelled, UserError
from desktop.core.jobs import StageClock
from desktop.core.models import DocumentKind, DocumentStage
from desktop.core.parties.operations import entity_choices
from desktop.core.users.operations import user_choices
from desktop.ui.common import fmt
from desktop.ui.common.flow_layout import FlowLayout
from desktop.ui.common.i18n import QT_TRANSLATE_NOOP
from desktop.ui.common.periods import add_periods
from desktop.ui.common.widgets import named, row_of
from desktop.ui.contracts.card import ContractCard
from desktop.ui.contracts.work_orders import open_from_closing_tab
from desktop.ui.sending.dialog import SendDialog
from desktop.ui.tasks import Task, run_task, show_error

KIND_RU = {"act": "акт", "invoice": "счёт", "upd": "УПД"}
Index = QModelIndex | QPersistentModelIndex


class PlanModel(QAbstractTableModel):
    """The preview: one row per contract; the first column is the include/exclude check box."""

    HEADERS = (
        QT_TRANSLATE_NOOP("PlanModel", "Close"),
        QT_TRANSLATE_NOOP("PlanModel", "Contract"),
        QT_TRANSLATE_NOOP("PlanModel", "Client"),
        QT_TRANSLATE_NOOP("PlanModel", "Own entity"),
        QT_TRANSLATE_NOOP("PlanModel", "Net"),
        QT_TRANSLATE_NOOP("PlanModel", "VAT"),
        QT_TRANSLATE_NOOP("PlanModel", "Total"),
        QT_TRANSLATE_NOOP("PlanModel", "Documents"),
        QT_TRANSLATE_NOOP("PlanModel", "Warnings"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan: ClosingPlan | None = None
        self.rows: list[PlanRow] = []

    def set_plan(self, plan: ClosingPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self.rows = list(plan.rows) if plan else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.tr(self.HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and self.rows[index.row()].skip_reason is None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def documents_text(self, row: PlanRow) -> str:
        if row.skip_reason:
            return row.skip_reason
        issue = [
            f"{KIND_NOUNS[d.kind]}{' ' + d.period if d.stage == DocumentStage.PREPAY else ''}"
            for d in row.to_issue
        ]
        return ", ".join(issue) if issue else self.tr("already closed")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0 and row.skip_reason is None:
            return Qt.CheckState.Unchecked if row.excluded else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.skip_reason or not row.will_issue:
                return QColor("#777777")
            if column == 8 and row.warnings:
                return QColor("#8a5a00")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (4, 5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == 8:
            return "\n".join(row.warnings) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = (
            "",
            row.contract_number,
            row.client,
            row.entity,
            fmt.money(row.net) if row.lines else "",
            fmt.money(row.vat) if row.lines else "",
            fmt.money(row.total) if row.lines else "",
            self.documents_text(row),
            "; ".join(row.warnings),
        )
        return values[column]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0 and index.isValid():
            row = self.rows[index.row()]
            row.excluded = Qt.CheckState(value) != Qt.CheckState.Checked
            self.dataChanged.emit(index, self.index(index.row(), self.columnCount() - 1))
            return True
        return False


PREVIEW_COLUMNS = (
    ExportColumn("Договор"),
    ExportColumn("Клиент", width=40),
    ExportColumn("ИНН"),
    ExportColumn("Юрлицо"),
    ExportColumn("Без НДС", "money"),
    ExportColumn("НДС", "money"),
    ExportColumn("Итого", "money"),
    ExportColumn("Документы", width=30),
    ExportColumn("Предупреждения", width=60),
    ExportColumn("Исключён", "bool"),
)


class ClosingTab(QWidget):
    closed = Signal(object)  # ClosingResult

    def __init__(
        self, database: Database | None, parent: QWidget | None = None, settings: Settings | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("closingTab")
        self.database = database
        self.settings = settings or load_settings()
        self.task: Task | None = None
        self.result: ClosingResult | None = None
        top = self._build_top()
        progress_row = self._build_progress()
        self._build_plan_view()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(progress_row)
        layout.addWidget(self.order_warning)
        layout.addWidget(self.splitter, 1)
        self._connect()
        self.reload()

    # --- building ----------------------------------------------------------------------------
    def _build_top(self) -> FlowLayout:
        """The period and the filters, the buttons of the run."""
        self.period = QComboBox(self)
        self.period.setObjectName("closingPeriod")
        add_periods(self.period, recent_periods(dt.date.today()))
        self.period.setCurrentIndex(1)
        self.entity = QComboBox(self)
        self.entity.setObjectName("closingEntity")
        self.manager = QComboBox(self)
        self.manager.setObjectName("closingManager")
        self.preview_button = QPushButton(self.tr("Pre&view"), self)
        self.preview_button.setObjectName("previewButton")
        self.close_button = QPushButton(self.tr("Close mon&th"), self)
        self.close_button.setObjectName("closeMonthButton")
        self.close_button.setEnabled(False)
        self.retry_button = QPushButton(self.tr("Retr&y failed"), self)
        self.retry_button.setObjectName("retryFailed")
        self.retry_button.setEnabled(False)
        self.export_button = QPushButton(self.tr("E&xport preview…"), self)
        self.export_button.setEnabled(False)
        self.send_button = named(QPushButton(self.tr("S&end to clients…"), self), "sendToClients")
        self.send_button.setEnabled(False)
        self.print_pdf = QCheckBox(self.tr("PDF for pri&nting"), self)
        self.print_pdf.setObjectName("printPdf")
        self.print_pdf.setToolTip(
            self.tr("Also one PDF per client (all its documents of the period) and one for the whole run")
        )
        self.cancel_button = QPushButton(self.tr("Cance&l"), self)
        self.cancel_button.setObjectName("cancelClosing")
        self.cancel_button.setEnabled(False)
        top = FlowLayout()  # wraps at a narrow window instead of cutting the buttons
        period_label = QLabel(self.tr("Per&iod:"), self)
        period_label.setBuddy(self.period)
        top.addWidget(row_of(self, period_label, self.period))
        top.addWidget(self.entity)
        top.addWidget(self.manager)
        top.addWidget(self.preview_button)
        top.addWidget(self.close_button)
        top.addWidget(self.retry_button)
        self.work_orders_button = named(QPushButton(self.tr("&Work orders…"), self), "workOrdersButton")
        self.work_orders_button.clicked.connect(lambda: open_from_closing_tab(self))
        top.addWidget(self.work_orders_button)
        top.addWidget(self.print_pdf)
        top.add_stretch()
        top.addWidget(self.export_button)
        top.addWidget(self.send_button)
        return top

    def _build_progress(self) -> QHBoxLayout:
        """The progress of a run, its status, Cancel; and the warning of periods out of order."""
        self.progress = QProgressBar(self)
        self.progress.setObjectName("closingProgress")
        self.progress.setFormat("%v / %m")
        self.status = QLabel(self)
        self.status.setObjectName("closingStatus")
        self.order_warning = QLabel(self)  # periods out of order: shown by the preview
        self.order_warning.setObjectName("closingOrderWarning")
        self.order_warning.setWordWrap(True)
        self.order_warning.setStyleSheet("background: #fff8d6; padding: 4px; border: 1px solid #e0c060")
        self.order_warning.hide()
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 2)
        progress_row.addWidget(self.status, 3)
        progress_row.addWidget(self.cancel_button)
        return progress_row

    def _build_plan_view(self) -> None:
        """The preview's rows, the detail of the current one and the summary of the last run."""
        self.model = PlanModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("planView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(24)
        for column, width in enumerate((70, 110, 260, 150, 100, 90, 100, 160, 400)):
            self.view.setColumnWidth(column, width)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("planDetail")
        self.summary = QTextBrowser(self)
        self.summary.setObjectName("closingSummary")
        self.summary.setOpenExternalLinks(False)
        self.summary.anchorClicked.connect(lambda url: QDesktopServices.openUrl(url))
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.detail)
        right.addWidget(self.summary)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)

    def _connect(self) -> None:
        # clicked(bool) would pass its `checked` into the first parameter (quiet, only): lambdas.
        self.preview_button.clicked.connect(lambda: self.preview())
        self.close_button.clicked.connect(lambda: self.close_month())
        self.retry_button.clicked.connect(self.retry_failed)
        self.send_button.clicked.connect(lambda: self.send_dialog())
        self.export_button.clicked.connect(self.export_dialog)
        self.cancel_button.clicked.connect(self.cancel)
        self.view.selectionModel().currentRowChanged.connect(self._show_row)
        self.view.doubleClicked.connect(self._open_contract)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.model.modelReset.connect(self._show_row)  # a new plan (or none): the detail follows it

    # --- data ----------------------------------------------------------------------------
    def set_database(self, database: Database | None) -> None:
        self.database = database
        self.reload()

    def reload(self) -> None:
        for combo, everything in (
            (self.entity, self.tr("All own entities")),
            (self.manager, self.tr("All managers")),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            combo.blockSignals(False)
            combo.setProperty("keep", current)
        if self.database is not None:
            for entity_id, name in entity_choices(self.database):
                self.entity.addItem(name, entity_id)
            for user_id, name in user_choices(self.database, managers_only=True):
                self.manager.addItem(name, user_id)
        for combo in (self.entity, self.manager):
            combo.setCurrentIndex(max(0, combo.findData(combo.property("keep"))))
        self.preview_button.setEnabled(self.database is not None)

    def _period_changed(self) -> None:
        """Another period: the preview, its detail, warnings and buttons were of the previous one."""
        self._show_plan(None)
        self.close_button.setEnabled(False)
        self.export_button.setEnabled(False)
        if self.result is not None and self.result.period != self.current_period:
            self.summary.clear()

    @property
    def current_period(self) -> str:
        return str(self.period.currentData())

    # --- preview ---------------------------------------------------------------------------
    def preview(self, quiet: bool = False) -> Task | None:
        database = self.database
        if database is None:
            return None
        period = self.current_period
        entity_ids = [self.entity.currentData()] if self.entity.currentData() else None
        manager_id = self.manager.currentData()

        def job(progress: Any, cancel: Any) -> ClosingPlan:
            return closing_operations.preview(
                database,
                period,
                own_entity_ids=entity_ids,
                manager_id=manager_id,
                progress=progress,
                cancel=cancel,
            )

        def done(plan: ClosingPlan) -> None:
            self._show_plan(plan)
            if quiet:  # refreshed after a run: keep the run's progress and status on screen
                self.close_button.setEnabled(bool(plan.issuing()))
                return
            issuing = plan.issuing()
            warnings = sum(1 for row in plan.rows if row.warnings)
            total = sum((row.total for row in issuing), Decimal(0))
            self.status.setText(
                self.tr("To close: %1 of %2 contracts, %3; with warnings: %4")
                .replace("%1", str(len(issuing)))
                .replace("%2", str(len(plan.rows)))
                .replace("%3", fmt.rub(total))
                .replace("%4", str(warnings))
            )
            self.close_button.setEnabled(bool(issuing))
            self.export_button.setEnabled(True)

        self.task = self._run(job, done, self.tr("Preview"), quiet=quiet)
        return self.task

    def _show_plan(self, plan: ClosingPlan | None) -> None:
        self.model.set_plan(plan)
        warnings = plan.order_warnings if plan is not None else []
        self.order_warning.setText("<br>".join(f"⚠ {w}" for w in warnings))
        self.order_warning.setVisible(bool(warnings))

    def _show_row(self, *_: Any) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            self.detail.clear()
            return
        row = self.model.rows[index.row()]
        lines = "".join(
            f"<tr><td>{line.name}<br><small>{line.period_label}{(' — ' + line.note) if line.note else ''}</small></td>"
            f"<td align='right'>{fmt.money(line.net)}</td><td>{line.vat_rate}</td>"
            f"<td align='right'>{fmt.money(line.total)}</td></tr>"
            for line in row.lines
        )
        warnings = "".join(f"<li>{w}</li>" for w in row.warnings)
        self.detail.setHtml(
            f"<h3>{row.contract_number} — {row.client}</h3>"
            + (f"<p><b>{row.skip_reason}</b></p>" if row.skip_reason else "")
            + f"<table border='1' cellspacing='0' cellpadding='3'>{lines}</table>"
            + (f"<ul style='color:#8a5a00'>{warnings}</ul>" if warnings else "")
        )

    def _open_contract(self, index: QModelIndex) -> None:
        if self.database is None or not index.isValid():
            return
        ContractCard(
            self.database, self.model.rows[index.row()].contract_id, self, settings=self.settings
        ).open()

    # --- closing ---------------------------------------------------------------------------
    def close_month(self, only: list[int] | None = None) -> Task | None:
        database = self.database
        plan = self.model.plan
        if database is None or plan is None:
            return None
        if plan.order_warnings and only is None:
            answer = QMessageBox.question(
                self,
                self.tr("Close month"),
                self.tr("%1\n\nClose the month anyway?").replace("%1", "\n".join(plan.order_warnings)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        out = self.settings.effective_output_dir()
        pdf = True
        converter = self.settings.pdf_converter
        print_pdf = self.print_pdf.isChecked()

        def job(progress: Any, cancel: Any) -> ClosingResult:
            files = FileWriter(  # keep_pools: the next closing of this window starts warm
                database,
                out,
                pdf=pdf,
                pdf_converter=converter,
                print_pdf=print_pdf,
                cancel=cancel,
                keep_pools=True,
            )
            try:
                result = closing.execute(
                    database, plan, progress=progress, cancel=cancel, after_contract=files.add, only=only
                )
                files.finish(result, progress=progress)
            finally:
                files.close()
            result.output = str(out)
            return result

        self.close_button.setEnabled(False)
        self.task = self._run(job, self._finished, self.tr("Closing the month"))
        return self.task

    def retry_failed(self) -> Task | None:
        if self.result is None or self.model.plan is None:
            return None
        failed = {e.contract_id for e in self.result.errors if e.contract_id is not None}
        ids = [row.contract_id for row in self.model.plan.rows if row.contract_id in failed]
        return self.close_month(only=ids)

    def _finished(self, result: ClosingResult) -> None:
        self.result = result
        self.retry_button.setEnabled(bool(result.errors))
        self.send_button.setEnabled(True)
        self.closed.emit(result)
        self.summary.setHtml(self.summary_html(result))
        if result.cancelled:
            self.status.setText(self.cancelled_text(result))
        else:  # the files and PDFs had the bar last: the run ends on its contracts, all of them gone through
            self.status.setText(f"{self.tr('Closing the month')}: {result.planned} / {result.planned}")
            self.progress.setMaximum(max(result.planned, 1))
            self.progress.setValue(result.planned)
        if self.database is not None:
            self.preview(quiet=True)  # the rows now say "already closed"

    def send_dialog(self) -> Any:
        """The packages of the closed period to the clients (ui/sending)."""
        if self.database is None or self.result is None:
            return None
        dialog = SendDialog(self.database, self.result.period, self, self.settings)
        dialog.open()
        self.last_send = dialog
        return dialog

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.status.setText(self.tr("Cancelling after the current contract…"))

    def _run(self, job: Any, done: Any, title: str, quiet: bool = False) -> Task:
        clock = StageClock()  # the contracts, then the files, then the PDFs: each has its own time left

        def on_progress(current: int, total: int, text: str) -> None:
            if quiet:
                return
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(current)
            remaining = ""
            left = clock.update(current, total)
            if left is not None:
                remaining = self.tr(", about %1 s left").replace("%1", str(max(1, round(left))))
            if self.task is not None and self.task.token.cancelled:
                return  # keep «Cancelling after the current contract…» until the run stops
            self.status.setText(f"{title}: {current} / {total}" + (f" {text}" if text else "") + remaining)

        def finished() -> None:
            self.cancel_button.setEnabled(False)
            self.preview_button.setEnabled(True)

        self.preview_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        if not quiet:
            self.progress.setValue(0)
            self.status.setText(f"{title}…")
        task = run_task(self, job, title=title, on_success=done, show_progress=False, on_failure=self._failed)
        task.progressed.connect(on_progress)
        task.finished.connect(finished)
        return task

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.status.setText(self.tr("Cancelled."))
            return
        if isinstance(error, UserError):  # e.g. the database busy or gone: the run stopped
            self.status.setText(error.message)
        self.close_button.setEnabled(self.model.plan is not None and bool(self.model.plan.issuing()))
        show_error(self, error, title=self.tr("Month closing"))

    # --- export -----------------------------------------------------------------------------
    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export preview"), "Закрытие месяца.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self.export_preview(Path(path))

    def export_preview(self, path: Path) -> int:
        rows = [
            (
                r.contract_number,
                r.client,
                r.client_inn,
                r.entity,
                r.net,
                r.vat,
                r.total,
                self.model.documents_text(r),
                "; ".join(r.warnings),
                r.excluded,
            )
            for r in self.model.rows
        ]
        try:
            return export_rows(path, PREVIEW_COLUMNS, rows, sheet_title="Предпросмотр")
        except UserError as error:
            QMessageBox.warning(self, self.tr("Export preview"), error.message)
            return 0

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("closing/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("closing/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    def cancelled_text(self, result: ClosingResult) -> str:
        """What a cancelled run made and what it left for the next one."""
        return (
            self.tr(
                "Cancelled: %1 of %2 contracts closed, %3 not closed; documents still without files: %4. "
                "Close the month again to make the rest."
            )
            .replace("%1", str(result.contracts))
            .replace("%2", str(result.planned))
            .replace("%3", str(max(0, result.planned - result.contracts)))
            .replace("%4", str(result.without_files))
        )

    def summary_html(self, result: ClosingResult) -> str:
        t = {
            "Acts": self.tr("Acts"),
            "Contracts closed": self.tr("Contracts closed"),
            "Errors": self.tr("Errors"),
            "Files": self.tr("Files"),
            "For printing": self.tr("For printing"),
            "per-client packages": self.tr("per-client packages"),
            "Period": self.tr("Period"),
            "UPD": self.tr("UPD"),
            "UKD": self.tr("UKD"),
            "already issued": self.tr("already issued"),
            "invoices": self.tr("invoices"),
            "VAT invoices": self.tr("VAT invoices"),
        }
        docs = result.documents
        parts = [
            f"<h3>{t['Period']} {result.period}</h3>",
            f"<p>{t['Contracts closed']}: {result.contracts}<br>"
            f"{t['Acts']}: {docs[DocumentKind.ACT]}, {t['invoices']}: {docs[DocumentKind.INVOICE]}, "
            f"{t['UPD']}: {docs[DocumentKind.UPD]}, {t['VAT invoices']}: {docs[DocumentKind.SF]}"
            + (f", {t['UKD']}: {docs[DocumentKind.UKD]}" if docs[DocumentKind.UKD] else "")
            + "<br>"
            f"PDF: {result.pdf}, XML: {result.xml}; {t['already issued']}: {result.skipped_existing}</p>",
        ]
        if result.cancelled:
            parts.append(f"<p style='color:#8a5a00'>{self.cancelled_text(result)}</p>")
        if result.totals:
            parts.append("<table border='1' cellspacing='0' cellpadding='3'>")
            for entity, rates in result.totals.items():
                for rate, amount in rates.items():
                    parts.append(
                        f"<tr><td>{entity}</td><td>{rate}</td><td align='right'>{fmt.money(Decimal(amount))}</td></tr>"
                    )
            parts.append("</table>")
        if result.errors:
            parts.append(f"<p style='color:#b00020'>{t['Errors']}:</p><ul>")
            parts.extend(f"<li>{e.contract}: {e.message}</li>" for e in result.errors)
            parts.append("</ul>")
        if result.print_files:  # per-client packages first, the whole run's PDF last
            run_pdf = result.print_files[-1]
            parts.append(
                f"<p>{t['For printing']}: <a href='{QUrl.fromLocalFile(run_pdf).toString()}'>{run_pdf}</a>; "
                f"{t['per-client packages']}: {len(result.print_files) - 1}</p>"
            )
        if result.output:
            url = QUrl.fromLocalFile(result.output).toString()
            parts.append(f"<p>{t['Files']}: <a href='{url}'>{result.output}</a></p>")
        return "".join(parts)
