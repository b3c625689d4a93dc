"""ui.tasks runs core jobs on a worker thread: progress arrives, cancel stops, errors are reported."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from desktop.core.errors import Cancelled, ValidationError
from desktop.core.jobs import CancelToken, Progress
from desktop.ui.tasks import run_task


def test_job_runs_off_the_gui_thread_and_reports_progress(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    threads: list[threading.Thread] = []
    seen: list[tuple[int, int, str]] = []

    def job(progress: Progress, cancel: CancelToken) -> int:
        threads.append(threading.current_thread())
        for i in range(1, 6):
            progress(i, 5, f"item {i}")
        return 42

    task = run_task(parent, job, title="test", show_progress=False)
    task.progressed.connect(lambda d, t, s: seen.append((d, t, s)))
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert task.result == 42 and task.error is None
    assert threads and threads[0] is not threading.main_thread()
    assert seen[-1] == (5, 5, "item 5")  # the last update is never throttled away


def test_cancel_stops_the_job_between_units(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    processed: list[int] = []
    started = threading.Event()

    def job(progress: Progress, cancel: CancelToken) -> None:
        for i in range(1000):
            started.set()
            cancel.raise_if_cancelled()
            processed.append(i)
            time.sleep(0.005)

    task = run_task(parent, job, title="test", show_progress=False)
    assert started.wait(5)
    task.cancel()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert isinstance(task.error, Cancelled)
    assert 0 < len(processed) < 1000


def test_user_error_goes_to_the_failure_callback(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    failures: list[BaseException] = []

    def job(progress: Progress, cancel: CancelToken) -> None:
        raise ValidationError("ИНН: неверная контрольная сумма", field="inn")

    task = run_task(parent, job, title="test", show_progress=False, on_failure=failures.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert len(failures) == 1 and "ИНН" in str(failures[0])


def test_slow_job_shows_a_cancellable_progress_dialog(qtbot: Any, russian: None) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()

    def job(progress: Progress, cancel: CancelToken) -> str:
        progress(1, 4, "ООО «Ромашка»")
        while not cancel.cancelled and not release.is_set():
            time.sleep(0.01)
        cancel.raise_if_cancelled()
        return "done"

    task = run_task(parent, job, title="Закрытие", show_after_ms=50)
    qtbot.waitUntil(lambda: parent.findChild(QProgressDialog) is not None, timeout=5000)
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: "ООО «Ромашка»" in dialog.labelText(), timeout=5000)
    assert "1 / 4" in dialog.labelText()
    cancel_button = dialog.findChild(QPushButton)
    assert cancel_button is not None and cancel_button.text() == "Отмена"
    with qtbot.waitSignal(task.finished, timeout=5000):
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    assert isinstance(task.error, Cancelled)
    assert parent.findChild(QProgressDialog) is None or not dialog.isVisible()


@pytest.mark.parametrize("fail", [False, True])
def test_finished_always_fires_once(qtbot: Any, fail: bool) -> None:
    count: list[int] = []

    def job(progress: Progress, cancel: CancelToken) -> None:
        if fail:
            raise ValidationError("плохие данные")

    task = run_task(None, job, show_progress=False, on_failure=lambda e: None)
    task.finished.connect(lambda: count.append(1))
    qtbot.waitUntil(lambda: not task.running, timeout=5000)
    qtbot.wait(50)
    assert count == [1]
