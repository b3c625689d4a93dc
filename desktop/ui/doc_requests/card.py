"""The card of a document request: the form (editable while it is its author's draft), the files made
for it and attached to it, its history, and the steps the user may take now — the author saves and
sends; an accountant takes it in work, prepares the documents (the contract wizard filled from the
request, or the existing contract's documents), approves a contract number, completes or rejects it.
Sending and preparing run on a worker thread (LibreOffice makes the PDF)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.core.common.labels import DOC_REQUEST_STATE_TITLES
from desktop.core.db import Database
from desktop.core.doc_requests import operations
from desktop.core.errors import UserError
from desktop.core.models import DocRequest, DocRequestState
from desktop.core.scans.store import AttachResult
from desktop.ui.common import changes, fmt
from desktop.ui.common.changes import notify_changed
from desktop.ui.common.widgets import named
from desktop.ui.contracts.wizard import ContractWizard
from desktop.ui.doc_requests.form import RequestForm
from desktop.ui.registry.drop_view import local_files
from desktop.ui.tasks import Task, run_task, show_error

PATH_ROLE = Qt.ItemDataRole.UserRole


class DocRequestCard(QDialog):
    changed = Signal(int)

    def __init__(
        self,
        database: Database,
        request_id: int | None,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("docRequestCard")
        self.database = database
        self.settings = settings or Settings()
        self.request_id = request_id
        self.request: DocRequest | None = None
        self.login = database.login
        self.queue_worker = operations.may_work_queue(database, self.login)
        self.task: Task | None = None
        self.resize(1180, 760)
        self.setAcceptDrops(True)  # files dropped from Explorer are attached like «Прикрепить файл…»
        self.form = RequestForm(database, self, today=today)
        self._create_side()
        self._create_buttons()
        self._lay_out()
        self.form.changed.connect(self._update_send)
        self.reload()

    # --- building ---------------------------------------------------------------------------
    def _create_side(self) -> None:
        self.heading = named(QLabel(self), "docRequestTitle")
        font = self.heading.font()
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        self.heading.setFont(font)
        self.waiting = named(QLabel(self), "docRequestWaiting")
        self.files = named(QListWidget(self), "docRequestFiles")
        self.files.setWordWrap(True)
        self.open_file = named(QPushButton(self.tr("Open file"), self), "docRequestOpenFile")
        self.open_folder = named(QPushButton(self.tr("Open folder"), self), "docRequestOpenFolder")
        self.attach = named(QPushButton(self.tr("Attach file…"), self), "docRequestAttach")
        self.history = named(QListWidget(self), "docRequestHistory")
        self.history.setWordWrap(True)
        self.files.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.open_file.clicked.connect(lambda: self.open_selected())
        self.open_folder.clicked.connect(lambda: self.open_selected(folder=True))
        self.attach.clicked.connect(lambda: self.choose_attachments())

    def _create_buttons(self) -> None:
        def button(text: str, name: str, slot: Any) -> QPushButton:
            widget = named(QPushButton(text, self), name)
            widget.clicked.connect(lambda: slot())
            return widget

        self.save_button = button(self.tr("Save draft"), "docRequestSave", self.save)
        self.send_button = button(self.tr("Send"), "docRequestSend", self.send)
        self.take_button = button(self.tr("Take in work"), "docRequestTake", self.take)
        self.prepare_button = button(self.tr("Prepare…"), "docRequestPrepare", self.prepare)
        self.approve_button = button(self.tr("Approve the number"), "docRequestApprove", self.approve)
        self.ready_button = button(self.tr("Ready"), "docRequestReady", self.ready)
        self.reject_button = button(self.tr("Reject…"), "docRequestReject", self.reject_request)
        self.close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_box.rejected.connect(self.reject)

    def _lay_out(self) -> None:
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("Files"), side))
        side_layout.addWidget(self.files, 2)
        file_buttons = QHBoxLayout()
        for widget in (self.open_file, self.open_folder, self.attach):
            file_buttons.addWidget(widget)
        file_buttons.addStretch(1)
        side_layout.addLayout(file_buttons)
        side_layout.addWidget(QLabel(self.tr("History"), side))
        side_layout.addWidget(self.history, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.form)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        steps = QHBoxLayout()
        for widget in (
            self.save_button,
            self.send_button,
            self.take_button,
            self.prepare_button,
            self.approve_button,
            self.ready_button,
            self.reject_button,
        ):
            steps.addWidget(widget)
        steps.addStretch(1)
        steps.addWidget(self.close_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.waiting)
        layout.addWidget(splitter, 1)
        layout.addLayout(steps)

    # --- showing ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.request = operations.load(self.database, self.request_id) if self.request_id else None
        request = self.request
        if request is None:
            self.setWindowTitle(self.tr("New document request"))
            self.heading.setText(self.tr("New document request"))
            self.waiting.clear()
        else:
            state = DOC_REQUEST_STATE_TITLES[DocRequestState(request.state)]
            title = self.tr("Document request No. %1").replace("%1", str(request.id))
            self.setWindowTitle(title)
            self.heading.setText(f"{title} — {state}")
            self.form.load(operations.request_input(self.database, request.id))
            notes = []
            if request.state == DocRequestState.REJECTED and request.reject_reason:
                notes.append(self.tr("Rejected: %1").replace("%1", request.reject_reason))
            if request.number_pending:
                notes.append(self.tr("The contract number waits for an accountant's approval."))
            self.waiting.setText("\n".join(notes))
        self.waiting.setVisible(bool(self.waiting.text()))
        self.form.set_read_only(not self.editable)
        self._show_files()
        self._show_history()
        self._update_buttons()

    @property
    def editable(self) -> bool:
        request = self.request
        return request is None or (request.state == DocRequestState.DRAFT and request.initiator == self.login)

    def _show_files(self) -> None:
        self.files.clear()
        request = self.request
        if request is None:
            return
        for made in request.made:
            if not made.path:
                continue
            stamp = (
                self.tr(" (with the stamp)")
                if made.with_stamp and made.what in ("contract", "invoice")
                else ""
            )
            item = QListWidgetItem(f"{made.title}{stamp} — {Path(made.path).name}")
            item.setData(PATH_ROLE, made.path)
            item.setToolTip(made.path)
            self.files.addItem(item)
        share = self.settings.effective_share_root()
        for attachment in operations.attached(self.database, request.id):
            full = str(Path(share) / attachment.path) if attachment.stored and share else attachment.path
            waits = "" if attachment.stored else self.tr(" (waits to reach the shared folder)")
            item = QListWidgetItem(self.tr("Attachment: %1").replace("%1", attachment.name) + waits)
            item.setData(PATH_ROLE, full)
            item.setToolTip(full)
            self.files.addItem(item)
        if self.files.count():
            self.files.setCurrentRow(0)

    def _show_history(self) -> None:
        self.history.clear()
        request = self.request
        if request is None:
            return
        for event in request.history:
            at = fmt.local_time(event.at)
            step = ""
            if event.to_state is not None:
                new = DOC_REQUEST_STATE_TITLES[DocRequestState(event.to_state)]
                old = DOC_REQUEST_STATE_TITLES[DocRequestState(event.from_state)] if event.from_state else ""
                step = f"{old} → {new}" if old else new
            text = " — ".join(part for part in (step, event.comment) if part)
            self.history.addItem(f"{fmt.date(at.date())} {at:%H:%M}  {event.user_login}: {text}")

    def _update_buttons(self) -> None:
        request = self.request
        state = request.state if request is not None else DocRequestState.DRAFT
        queued = self.queue_worker and state in (DocRequestState.SENT, DocRequestState.IN_WORK)
        self.save_button.setVisible(self.editable)
        self.send_button.setVisible(self.editable)
        self.take_button.setVisible(queued and state == DocRequestState.SENT)
        self.prepare_button.setVisible(queued)
        self.approve_button.setVisible(queued and request is not None and request.number_pending)
        self.ready_button.setVisible(queued and state == DocRequestState.IN_WORK)
        self.ready_button.setEnabled(request is not None and any(m.path for m in request.made))
        self.ready_button.setToolTip(
            "" if self.ready_button.isEnabled() else self.tr("Prepare the documents first.")
        )
        self.reject_button.setVisible(queued)
        closed = state in (DocRequestState.CLOSED, DocRequestState.REJECTED)
        self.attach.setEnabled(request is not None and not closed and (self.editable or self.queue_worker))
        self.attach.setToolTip(
            self.tr("Save the request first.")
            if request is None
            else self.tr("Files for the accountant: PDF, JPEG, PNG, TIFF")
        )
        has_file = self.files.count() > 0
        self.open_file.setEnabled(has_file)
        self.open_folder.setEnabled(has_file)
        self._update_send()

    def _update_send(self) -> None:
        if not self.editable:
            return
        problems = self.form.problems
        self.send_button.setEnabled(not problems)
        self.send_button.setToolTip(
            self.tr("Cannot be sent yet: %1").replace(
                "%1", self.form.missing.text() or "; ".join(problems.values())
            )
            if problems
            else self.tr("Send to the accountants (a standard request gets its documents at once)")
        )

    # --- the author's steps -----------------------------------------------------------------
    def save(self) -> bool:
        try:
            self.request_id = operations.save(self.database, self.form.data(), self.request_id)
        except UserError as error:
            self._warn(error.message)
            return False
        self.reload()
        self.changed.emit(self.request_id)
        notify_changed(self, changes.DOC_REQUESTS)
        return True

    def send(self) -> Task | None:
        if not self.form.check():
            self._warn(self.tr("The request cannot be sent yet.") + "\n" + self.form.missing.text())
            return None
        if not self.save():
            return None
        request_id = self.request_id
        assert request_id is not None
        out, converter = self.settings.effective_output_dir(), self.settings.pdf_converter
        database = self.database

        def job(progress: Any, _cancel: Any) -> operations.Sent:
            progress(0, 1, self.tr("Sending; a standard request gets its contract and invoice"))
            sent = operations.send(database, request_id, out, pdf_converter=converter)
            progress(1, 1, "")
            return sent

        return self._run(job, self.tr("Sending the request"), self._sent)

    def _sent(self, sent: operations.Sent) -> None:
        if sent.state == DocRequestState.READY:
            text = self.tr(
                "The documents are ready: %1 files. They are listed in the request and in the notification."
            )
            self._tell(text.replace("%1", str(len(sent.files))))
        elif sent.problem:
            self._tell(
                self.tr("Sent to the accountants: the program could not make the documents (%1).").replace(
                    "%1", sent.problem
                )
            )
        else:
            self._tell(self.tr("Sent to the accountants' queue."))

    # --- the accountant's steps -------------------------------------------------------------
    def take(self) -> None:
        self._step(lambda: operations.take(self.database, self._id()))

    def approve(self) -> Task | None:
        out, converter = self.settings.effective_output_dir(), self.settings.pdf_converter
        database, request_id = self.database, self._id()
        return self._run(
            lambda _p, _c: operations.approve_number(database, request_id, out, pdf_converter=converter),
            self.tr("Approving the contract number"),
            self._sent,
        )

    def prepare(self) -> Any:
        """A new contract through the wizard filled from the request; else the existing contract's documents."""
        request = self.request
        if request is None:
            return None
        if "contract" in request.wanted.split(",") and request.contract_id is None:
            wizard = ContractWizard(self.database, self)
            wizard.prefill(operations.contract_input(self.database, request.id))
            wizard.created.connect(lambda contract_id: self._prepare(contract_id))
            wizard.open()
            return wizard
        return self._prepare(None)

    def _prepare(self, contract_id: int | None) -> Task:
        out, converter = self.settings.effective_output_dir(), self.settings.pdf_converter
        share = self.settings.effective_share_root()
        database, request_id = self.database, self._id()
        return self._run(
            lambda _p, _c: operations.prepare(
                database, request_id, contract_id, out, pdf_converter=converter, share_root=share
            ),
            self.tr("Preparing the documents"),
            self._prepared,
        )

    def _prepared(self, files: list[Path]) -> None:
        if files:
            text = self.tr("Files prepared: %1. Check them and press «Ready».")
            self._tell(text.replace("%1", str(len(files))))
        else:
            self._tell(
                self.tr(
                    "No document of the contract found yet: make it (for example by closing the month) and prepare again."
                )
            )

    def ready(self) -> None:
        self._step(lambda: operations.complete(self.database, self._id()))

    def reject_request(self) -> None:
        """«Отклонить…» asks the reason."""
        reason, ok = QInputDialog.getText(
            self, self.tr("Reject the request"), self.tr("Reason of the rejection:")
        )
        if not ok:
            return
        if not reason.strip():
            self._warn(self.tr("Say why the request is rejected: the manager reads it."))
            return
        self._step(lambda: operations.reject(self.database, self._id(), reason))

    # --- files ------------------------------------------------------------------------------
    def open_selected(self, *, folder: bool = False) -> bool:
        item = self.files.currentItem()
        if item is None:
            return False
        path = Path(str(item.data(PATH_ROLE)))
        target = path.parent if folder else path
        if not target.exists():
            self._warn(self.tr("The file «%1» is not there (moved or deleted).").replace("%1", str(target)))
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def choose_attachments(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach files"),
            "",
            self.tr("Scans and PDF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"),
        )
        if files:
            self.attach_files([Path(f) for f in files])

    def _take_drag(self, event: QDragMoveEvent) -> None:
        """Files from Explorer are taken (copied) while the request can get attachments."""
        if local_files(event.mimeData()) and self.attach.isEnabled():
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._take_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._take_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if not files or not self.attach.isEnabled():
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.attach_files(files)

    def attach_files(self, files: list[Path]) -> Task:
        """Copy the files to the share on a worker thread (or queue them in the outbox); listed after."""
        database, store, request_id = self.database, self.settings.scan_store(), self._id()

        def done(result: AttachResult) -> None:
            if result.message:
                (self._warn if result.pending else self._tell)(result.message)

        return self._run(
            lambda _p, _c: operations.attach(database, store, request_id, files),
            self.tr("Copying the files to the shared folder"),
            done,
        )

    # --- helpers ----------------------------------------------------------------------------
    def _id(self) -> int:
        assert self.request_id is not None
        return self.request_id

    def _step(self, call: Any) -> None:
        try:
            call()
        except UserError as error:
            self._warn(error.message)
        self._after_step()

    def _after_step(self) -> None:
        self.reload()
        if self.request_id is not None:
            self.changed.emit(self.request_id)
        notify_changed(self, changes.DOC_REQUESTS)

    def _run(self, job: Any, title: str, done: Any) -> Task:
        def succeeded(result: Any) -> None:
            self._after_step()
            notify_changed(self, changes.CONTRACTS)
            done(result)

        def failed(error: BaseException) -> None:
            show_error(self, error, title=title)
            self._after_step()

        # One request's documents take seconds and are made in one piece: no Cancel to offer.
        self.task = run_task(
            self, job, title=title, on_success=succeeded, on_failure=failed, want_cancel=False
        )
        return self.task

    def _tell(self, text: str) -> None:
        QMessageBox.information(self, self.windowTitle(), text)

    def _warn(self, text: str) -> None:
        QMessageBox.warning(self, self.windowTitle(), text)
