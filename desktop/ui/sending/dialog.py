"""The send dialog: every planned message with its status, sending on a worker thread, failures retried.

One dialog serves the packages of a period (``SendDialog``) and the reminders about unsigned
acts (``RemindDialog``): it lists one row per client (e-mails, documents, attachments), sends
on a worker thread with a progress bar and Cancel, then shows each row as sent, failed (with
the server's reason, in red) or skipped (already sent, no e-mail). **Повторить ошибки** sends
the failed ones again; a resend of what was already sent needs its own check box.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings, load_settings
from desktop.core.common.periods import period_text
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.sending.compose import Outgoing
from desktop.core.sending.delivery import Outcome, SendReport, send_messages, skip_outcome
from desktop.core.sending.operations import plan_package_messages, plan_reminder_messages
from desktop.core.sending.packages import PackageOptions
from desktop.core.sending.reminders import ReminderOptions
from desktop.ui.common.widgets import cell
from desktop.ui.sending.edo_dialog import EdoExportDialog
from desktop.ui.sending.log_dialog import DispatchLogDialog
from desktop.ui.tasks import Task, run_task, show_error

COLOR = {"sent": "#1b7a2f", "failed": "#b00020", "skipped": "#8a5a00"}


class _BaseSendDialog(QDialog):
    purpose = "package"

    def __init__(
        self, database: Database, parent: QWidget | None = None, settings: Settings | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.settings = settings or load_settings()
        self.messages: list[Outgoing] = []
        self.outcomes: dict[int, Outcome] = {}  # by counterparty id
        self.report: SendReport | None = None
        self.task: Task | None = None
        self.plan_task: Task | None = None
        self._planned = False
        self._generation = 0
        self.setMinimumSize(980, 520)
        self._build_options()
        self._build_table()
        progress_row = self._build_progress()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addLayout(self.options)
        layout.addWidget(self.table, 1)
        layout.addLayout(progress_row)
        layout.addLayout(self.buttons)
        self._connect()

    # --- building ---------------------------------------------------------------------
    def _build_options(self) -> None:
        """The caption and the row of options (each dialog adds its own to ``options``)."""
        self.caption = QLabel(self)
        self.caption.setObjectName("sendCaption")
        self.caption.setWordWrap(True)
        self.options = QHBoxLayout()
        self.resend = QCheckBox(self.tr("Send again to clients who already got it"), self)
        self.resend.setObjectName("sendResend")

    def _build_table(self) -> None:
        """A row per client: where to, what, and how the sending went."""
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("sendTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Client"),
                self.tr("E-mail"),
                self.tr("Documents"),
                self.tr("Status"),
                self.tr("Details"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        for column, width in enumerate((230, 200, 190, 110)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

    def _build_progress(self) -> QHBoxLayout:
        self.progress = QProgressBar(self)
        self.progress.setObjectName("sendProgress")
        self.progress.setFormat("%v / %m")
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setObjectName("sendStatus")
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("sendCancel")
        self.cancel_button.setEnabled(False)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 2)
        progress_row.addWidget(self.status, 3)
        progress_row.addWidget(self.cancel_button)
        return progress_row

    def _build_buttons(self) -> None:
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setObjectName("sendButton")
        self.send_button.setDefault(True)
        self.retry_button = QPushButton(self.tr("Retry failed"), self)
        self.retry_button.setObjectName("sendRetry")
        self.retry_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.log_button = QPushButton(self.tr("Sending log…"), self)
        self.log_button.setObjectName("sendLog")
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.send_button)
        self.buttons.addWidget(self.retry_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.log_button)
        self.buttons.addWidget(self.close_button)

    def _connect(self) -> None:
        self.send_button.clicked.connect(lambda: self.send())
        self.retry_button.clicked.connect(lambda: self.retry_failed())
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.log_button.clicked.connect(lambda: self.open_log())
        self.resend.toggled.connect(lambda _on: self.replan())

    # --- planning ---------------------------------------------------------------------
    def planner(self, counterparty_ids: list[int] | None) -> Callable[[Database], list[Outgoing]]:
        """The planning job for the options as they are now (read here, on the GUI thread)."""
        raise NotImplementedError

    @property
    def ready(self) -> bool:
        """The list is planned and no planning is running (tests wait for it)."""
        return self._planned and not (self.plan_task is not None and self.plan_task.running)

    def replan(
        self, counterparty_ids: list[int] | None = None, then: Callable[[], Any] | None = None
    ) -> Task:
        """Plan the messages (all, or those of some clients) on a worker thread and show them; nothing is sent."""
        database = self.database
        plan = self.planner(counterparty_ids)
        self._generation += 1
        generation = self._generation

        def job(progress: Any, cancel: Any) -> list[Outgoing]:
            return plan(database)

        def done(planned: list[Outgoing]) -> None:
            if generation != self._generation:
                return  # the options changed meanwhile: a newer plan is coming
            if counterparty_ids is None:
                self.messages = planned
                self.outcomes = {}
            else:
                fresh = {m.counterparty_id: m for m in planned}
                self.messages = [fresh.get(m.counterparty_id, m) for m in self.messages]
            self._planned = True
            self._fill()
            if then is not None:
                then()

        def failed(error: BaseException) -> None:
            self._planned = True
            self.send_button.setEnabled(False)
            if isinstance(error, UserError):
                self.status.setText(error.message)
            else:
                show_error(self, error, title=self.windowTitle())

        self.send_button.setEnabled(False)
        self.status.setText(self.tr("Preparing the messages…"))
        self.plan_task = run_task(
            self,
            job,
            title=self.tr("Preparing the messages"),
            on_success=done,
            on_failure=failed,
            want_cancel=False,
        )
        return self.plan_task

    def _fill(self) -> None:
        self.table.setRowCount(len(self.messages))
        for row, message in enumerate(self.messages):
            outcome = self.outcomes.get(message.counterparty_id) or skip_outcome(message)
            status = outcome.status if outcome is not None else "planned"
            details = outcome.reason if outcome is not None and outcome.reason else ""
            if outcome is not None and outcome.status == "sent":
                details = outcome.reply
            if not details:
                details = ", ".join(name for _p, name in message.files)
            values = (
                message.client,
                ", ".join(message.recipients),
                message.documents_text,
                self._status_text(status),
                details,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, message.counterparty_id)
                if status in COLOR and column in (3, 4):
                    item.setForeground(QColor(COLOR[status]))
                self.table.setItem(row, column, item)
        to_send = sum(1 for m in self.messages if self._pending(m))
        self.send_button.setEnabled(to_send > 0 and not self.busy and self.ready)
        self.retry_button.setEnabled(bool(self.failed_ids()) and not self.busy)
        if not self.busy:
            self.status.setText(self._summary(to_send))

    def _pending(self, message: Outgoing) -> bool:
        outcome = self.outcomes.get(message.counterparty_id)
        if outcome is not None and outcome.status in ("sent", "failed"):
            return False
        return skip_outcome(message) is None

    def _status_text(self, status: str) -> str:
        return {
            "planned": self.tr("to send"),
            "sent": self.tr("sent"),
            "failed": self.tr("failed"),
            "skipped": self.tr("skipped"),
        }[status]

    def _summary(self, to_send: int) -> str:
        values = list(self.outcomes.values())
        return (
            self.tr("To send: %1   Sent: %2   Failed: %3   Skipped: %4")
            .replace("%1", str(to_send))
            .replace("%2", str(sum(o.status == "sent" for o in values)))
            .replace("%3", str(sum(o.status == "failed" for o in values)))
            .replace("%4", str(sum(skip_outcome(m) is not None for m in self.messages)))
        )

    def failed_ids(self) -> list[int]:
        return [cid for cid, outcome in self.outcomes.items() if outcome.status == "failed"]

    def row_status(self, counterparty_id: int) -> tuple[str, str]:
        """(status text, details) shown for a client — for tests and screenshots."""
        for row in range(self.table.rowCount()):
            if cell(self.table, row, 0).data(Qt.ItemDataRole.UserRole) == counterparty_id:
                return cell(self.table, row, 3).text(), cell(self.table, row, 4).text()
        raise KeyError(counterparty_id)

    def open_log(self) -> QDialog:
        dialog = DispatchLogDialog(self.database, getattr(self, "period", None), self)
        dialog.open()
        self.log_dialog = dialog
        return dialog

    # --- sending ------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def send(self, only: list[int] | None = None) -> Task | None:
        messages = [
            m for m in self.messages if self._pending(m) and (only is None or m.counterparty_id in only)
        ]
        if not messages or self.busy or not self.ready:
            return None
        try:
            config = self.settings.smtp_config()
        except UserError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message)
            return None
        database = self.database
        purpose, period = self.purpose, getattr(self, "period", None)

        def job(progress: Any, cancel: Any) -> SendReport:
            return send_messages(
                database, messages, config, purpose=purpose, period=period, progress=progress, cancel=cancel
            )

        self.send_button.setEnabled(False)
        self.retry_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setMaximum(max(len(messages), 1))
        self.progress.setValue(0)
        self.status.setText(self.tr("Sending…"))
        self.task = run_task(
            self,
            job,
            title=self.windowTitle(),
            on_success=self._sent,
            on_failure=self._failed,
            show_progress=False,
        )
        self.task.progressed.connect(self._on_progress)
        self.task.finished.connect(lambda: self.cancel_button.setEnabled(False))
        return self.task

    def retry_failed(self) -> Task | None:
        """Plan the failed clients again (files and addresses may have been fixed), then send them."""
        failed = self.failed_ids()
        if not failed:
            return None
        for cid in failed:
            self.outcomes.pop(cid, None)
        self.retry_button.setEnabled(False)
        return self.replan(failed, then=lambda: self.send(only=failed))

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.status.setText(self.tr("Cancelling after the current message…"))

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        if not (self.task is not None and self.task.token.cancelled):
            self.status.setText(
                self.tr("Sending %1 of %2: %3")
                .replace("%1", str(min(done + 1, total)))
                .replace("%2", str(total))
                .replace("%3", text)
            )

    def _sent(self, report: SendReport) -> None:
        self.report = report
        for outcome in report.outcomes:
            self.outcomes[outcome.outgoing.counterparty_id] = outcome
        self.task = None
        self._fill()
        if report.cancelled:
            self.status.setText(self.tr("Cancelled.") + "  " + self.status.text())

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self._fill()
        show_error(self, error, title=self.windowTitle())
        if isinstance(error, UserError):
            self.status.setText(error.message)


class SendDialog(_BaseSendDialog):
    """Packages of a period to every client (after the month closing)."""

    purpose = "package"

    def __init__(
        self,
        database: Database,
        period: str,
        parent: QWidget | None = None,
        settings: Settings | None = None,
        counterparty_ids: list[int] | None = None,
    ) -> None:
        super().__init__(database, parent, settings)
        self.setObjectName("sendDialog")
        self.period = period
        self.only = counterparty_ids
        self.setWindowTitle(self.tr("Send documents to clients — %1").replace("%1", period))
        smtp = self.settings.effective_smtp()
        self.caption.setText(
            self.tr("Each client gets its documents of %1 (PDF) at the e-mails of its card. Sent through %2.")
            .replace("%1", period_text(period))
            .replace(
                "%2", f"{smtp.host}:{smtp.port}" if smtp.host else self.tr("(no mail server in the settings)")
            )
        )
        self.attach_docx = QCheckBox(self.tr("Attach DOCX"), self)
        self.attach_docx.setObjectName("sendAttachDocx")
        self.attach_docx.setChecked(smtp.attach_docx)
        self.attach_xml = QCheckBox(self.tr("Attach UPD XML"), self)
        self.attach_xml.setObjectName("sendAttachXml")
        self.attach_xml.setChecked(smtp.attach_xml)
        self.options.addWidget(self.attach_docx)
        self.options.addWidget(self.attach_xml)
        self.options.addWidget(self.resend)
        self.options.addStretch(1)
        self.edo_button = QPushButton(self.tr("Export UPD for EDO…"), self)
        self.edo_button.setObjectName("sendEdoExport")
        self.buttons.insertWidget(2, self.edo_button)
        self.edo_button.clicked.connect(self.edo_dialog)
        for box in (self.attach_docx, self.attach_xml):
            box.toggled.connect(lambda _on: self.replan())
        self.replan()

    def planner(self, counterparty_ids: list[int] | None) -> Callable[[Database], list[Outgoing]]:
        options = PackageOptions(
            attach_docx=self.attach_docx.isChecked(),
            attach_xml=self.attach_xml.isChecked(),
            resend=self.resend.isChecked(),
            sender_name=self.settings.effective_smtp().sender_name,
        )
        ids = counterparty_ids if counterparty_ids is not None else self.only
        period = self.period
        return lambda database: plan_package_messages(database, period, options, ids)

    def edo_dialog(self) -> EdoExportDialog:
        """Ask where and how (XML files or a ZIP per client, marked sent or not), then export."""
        dialog = EdoExportDialog(self.settings.effective_output_dir() / "ЭДО" / self.period, self)
        dialog.accepted.connect(
            lambda: self.export_edo(
                dialog.chosen_folder(),
                as_zip=dialog.as_zip.isChecked(),
                mark_sent=dialog.mark_sent.isChecked(),
            )
        )
        dialog.open()
        return dialog

    def export_edo(self, folder: Path, *, as_zip: bool, mark_sent: bool) -> Task:
        # deferred: edo loads documents.render (docxtpl, python-docx), only for an EDO export
        from desktop.core.sending.edo import export_edo

        database, period = self.database, self.period

        def job(progress: Any, cancel: Any) -> Any:
            return export_edo(
                database, period, folder, as_zip=as_zip, mark_sent=mark_sent, progress=progress, cancel=cancel
            )

        def done(report: Any) -> None:
            self.edo_report = report
            lines = [
                self.tr("UPD files exported: %1 for %2 client(s) to %3")
                .replace("%1", str(report.files))
                .replace("%2", str(len(report.clients)))
                .replace("%3", str(folder))
            ]
            for item in report.clients:
                for problem in ([item.error] if item.error else []) + item.warnings[:1]:
                    lines.append(f"{item.client}: {problem}")
            box = QMessageBox(
                QMessageBox.Icon.Information, self.tr("Export UPD for EDO"), "\n".join(lines[:20])
            )
            box.setParent(self, box.windowFlags())
            box.open()  # not exec(): the send dialog's own work goes on
            self.edo_message = box

        self.task = run_task(self, job, title=self.tr("Export UPD for EDO"), on_success=done)
        return self.task


class RemindDialog(_BaseSendDialog):
    """Reminders about unsigned acts: one message per client, from the registry's selection or filter."""

    purpose = "reminder"

    def __init__(
        self,
        database: Database,
        document_ids: list[int],
        parent: QWidget | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(database, parent, settings)
        self.setObjectName("remindDialog")
        self.document_ids = document_ids
        self.setWindowTitle(self.tr("Remind clients about unsigned acts"))
        self.caption.setText(
            self.tr(
                "One message per client lists its unsigned acts and UPDs (signed ones and invoices are left out)."
            )
        )
        self.attach_pdf = QCheckBox(self.tr("Attach the PDFs again"), self)
        self.attach_pdf.setObjectName("remindAttachPdf")
        self.resend.setText(self.tr("Remind again clients reminded today"))
        self.options.addWidget(self.attach_pdf)
        self.options.addWidget(self.resend)
        self.options.addStretch(1)
        self.attach_pdf.toggled.connect(lambda _on: self.replan())
        self.replan()

    def planner(self, counterparty_ids: list[int] | None) -> Callable[[Database], list[Outgoing]]:
        options = ReminderOptions(
            attach_pdf=self.attach_pdf.isChecked(),
            resend=self.resend.isChecked(),
            sender_name=self.settings.effective_smtp().sender_name,
        )
        document_ids = list(self.document_ids)

        return lambda database: plan_reminder_messages(database, document_ids, options, counterparty_ids)
