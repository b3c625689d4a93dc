"""Run a core job on a worker thread with progress and cancel; results come back on the GUI thread.

The one way screens run long work (the pattern of Anki's ``QueryOp`` and Picard's ``run_task``)::

    run_task(parent, lambda progress, cancel: core_job(..., progress=progress, cancel=cancel),
             title=self.tr("Filling demo data"), on_success=self.reload)

The job receives ``progress(done, total, text)`` and a ``CancelToken``. The progress dialog
appears only if the job runs longer than ``show_after_ms`` (quick jobs show nothing), with
done/total, the current item, the remaining time and a Cancel button. Errors: a ``UserError``
is shown as a message, ``Cancelled`` quietly ends the job, anything else is logged with its
traceback and shown as an unexpected error.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.core.db import database_error, is_database_failure
from desktop.core.errors import Cancelled, UserError
from desktop.core.jobs import CancelToken, Progress, StageClock
from desktop.ui.errors import show_unexpected_error

log = logging.getLogger(__name__)

Job = Callable[[Progress, CancelToken], Any]


class _Worker(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Job, token: CancelToken) -> None:
        super().__init__()
        self._job = job
        self._token = token
        self._last_emit = 0.0
        self._stages = StageClock()  # tells a new stage

    def _progress(self, done: int, total: int, text: str) -> None:
        # Throttle: the GUI needs ~20 updates a second, not one per document. A new stage (its own
        # total, or counting from the start again) is never held back: it may be the last word
        # for seconds (the bank statement after the last contract).
        now = time.monotonic()
        self._stages.update(done, total)
        if self._stages.new_stage or done >= total or now - self._last_emit >= 0.05:
            self._last_emit = now
            self.progressed.emit(done, total, text)

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(self._progress, self._token)
        except BaseException as error:  # delivered to the GUI thread, never lost
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


class Task(QObject):
    """A running job. Signals arrive on the GUI thread; ``finished`` fires last, always."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        job: Job,
        *,
        title: str = "",
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        show_progress: bool = True,
        show_after_ms: int = 600,
        want_cancel: bool = True,
    ) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self.title = title
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = 0
        self.total = 0
        self.text = ""
        self._parent_widget = parent
        self._on_success = on_success
        self._on_failure = on_failure
        self._clock = StageClock()
        self._eta: float | None = None
        self._dialog: QProgressDialog | None = None
        self._want_cancel = want_cancel
        self._running = True

        self._thread = QThread()
        self._thread.setObjectName(f"task:{title}")
        self._worker = _Worker(job, self.token)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._worker.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self._worker.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

        if show_progress:
            self._show_timer = QTimer(self)
            self._show_timer.setSingleShot(True)
            self._show_timer.timeout.connect(self._show_dialog)
            self._show_timer.start(show_after_ms)
        # The thread and its worker live until the job ends, even if the window that started it
        # is closed first (Qt must not destroy a running QThread).
        pair = (self._thread, self._worker)
        _threads.add(pair)
        self._thread.finished.connect(lambda: _threads.discard(pair))
        # Direct: the worker's thread ends its own loop as soon as the job is done, so wait_for_all()
        # never waits on a quit still queued for the GUI thread it is blocking.
        self._worker.succeeded.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.failed.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.start()

    # --- public ---------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._running

    def cancel(self) -> None:
        self.token.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(self.tr("Cancelling after the current item…"))

    def remaining_seconds(self) -> float | None:
        return self._eta

    # --- internals ---------------------------------------------------------------
    def _show_dialog(self) -> None:
        if not self._running or self._parent_widget is None:
            return
        dialog = QProgressDialog(self._parent_widget)
        dialog.setWindowTitle(self.title or self.tr("Working"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(420)
        if self._want_cancel:
            dialog.setCancelButtonText(self.tr("Cancel"))
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        self._dialog = dialog
        self._update_dialog()
        dialog.show()

    def _update_dialog(self) -> None:
        # A local reference: QProgressDialog.setValue() processes events when modal, and the
        # job may finish (and drop self._dialog) right inside that call.
        dialog = self._dialog
        if dialog is None:
            return
        label = self.text
        if self.total:
            label = f"{self.done} / {self.total}   {self.text}"
        eta = self.remaining_seconds()
        if eta is not None:
            label += "\n" + self.tr("About %n second(s) left", "", max(1, round(eta)))
        if self.token.cancelled:
            label = self.tr("Cancelling after the current item…")
        dialog.setLabelText(label)
        dialog.setMaximum(max(self.total, 1))
        dialog.setValue(min(self.done, max(self.total, 1)))

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.done, self.total, self.text = done, total, text
        self._eta = self._clock.update(done, total)
        self._update_dialog()  # first: what a listener of ``progressed`` reads is what is shown
        self.progressed.emit(done, total, text)

    def _finish(self) -> None:
        self._running = False
        self._thread.quit()
        self._thread.wait()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self._finish()
        self.result = result
        try:
            if self._on_success is not None:
                self._on_success(result)
            self.succeeded.emit(result)
        finally:
            self.finished.emit()

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._finish()
        self.error = error
        try:
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                show_error(self._parent_widget, error, title=self.title)
            self.failed.emit(error)
        finally:
            self.finished.emit()


def show_error(parent: QWidget | None, error: BaseException, *, title: str = "") -> None:
    """Show a job's error the way the user needs it: fixable, cancelled, or a bug (logged)."""
    if isinstance(error, Cancelled):
        return
    if is_database_failure(error):  # raised outside Database.session(): the same Russian text
        error = database_error(error)
    if isinstance(error, UserError):
        QMessageBox.warning(parent, title or "AktDesk", error.message)
        return
    log.error("Task %r failed", title, exc_info=(type(error), error, error.__traceback__))
    show_unexpected_error(parent, error)


def run_task(parent: QWidget | None, job: Job, **kwargs: Any) -> Task:
    """Start ``job`` on a worker thread; keep the returned Task if you want its signals."""
    task = Task(parent, job, **kwargs)
    # A parentless task must outlive this call: keep it until it has finished.
    _running.add(task)
    task.finished.connect(lambda: _running.discard(task))
    return task


_running: set[Task] = set()
_threads: set[tuple[QThread, _Worker]] = set()


def wait_for_all(timeout_ms: int = 30000) -> None:
    """Let running jobs finish (at exit): their transactions end cleanly instead of being killed."""
    for thread, _worker in list(_threads):
        thread.wait(timeout_ms)
