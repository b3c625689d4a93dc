"""Two copies of the program on one SQLite file: the second is refused with a clear message.

Real processes on a real X server (Xvfb): the first window holds ``<file>.lock``; the second shows
who holds it, the person presses Enter on the message and it exits without opening a window; a
first copy killed with SIGKILL does not lock the file for good.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.core.db import open_database

DEADLINE = 60.0


def _until(condition: Callable[[], bool], what: Any, timeout: float = DEADLINE) -> None:
    """Wait for a condition another process makes true (polling the condition, not a delay)."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(
                f"timed out waiting for {what()}" if callable(what) else f"timed out waiting for {what}"
            )
        time.sleep(0.05)


@pytest.fixture
def display() -> Iterator[str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=30)


def _press_enter(display: str) -> None:
    """The person presses Enter (XTest: a real key event to the focused window)."""
    x11 = ctypes.CDLL("libX11.so.6")
    xtst = ctypes.CDLL("libXtst.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    connection = x11.XOpenDisplay(display.encode())
    assert connection, display
    x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    xtst.XTestFakeMotionEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_ulong,
    ]
    # No window manager: the keyboard follows the pointer, so it goes over the message, which
    # opens in the middle of the screen.
    xtst.XTestFakeMotionEvent(connection, -1, 640, 400, 0)
    keycode = x11.XKeysymToKeycode(connection, 0xFF0D)  # XK_Return
    xtst.XTestFakeKeyEvent(connection, keycode, 1, 0)
    xtst.XTestFakeKeyEvent(connection, keycode, 0, 0)
    x11.XFlush(connection)
    x11.XCloseDisplay(connection)


class _Window:
    """``aktdesk --database URL`` as a person starts it, its stderr collected as it comes."""

    def __init__(self, url: str, display: str) -> None:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "desktop", "--database", url],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.stderr = ""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr += line

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)


def _lock_owner(lock: Path) -> int | None:
    try:
        return int(lock.read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


def test_a_second_window_on_the_same_file_is_refused_and_a_killed_one_does_not_lock_it(
    tmp_path: Path, display: str
) -> None:
    path = tmp_path / "shared.sqlite"
    url = f"sqlite:///{path}"
    open_database(url).dispose()  # an existing, migrated database
    lock = tmp_path / "shared.sqlite.lock"

    first = _Window(url, display)
    second = third = None
    try:
        _until(lambda: _lock_owner(lock) == first.process.pid, "the first window's lock")

        second = _Window(url, display)
        _until(
            lambda: "уже открыта в другом окне AktDesk" in second.stderr,
            lambda: f"the refusal: {second.stderr} {second.process.poll()}",
        )
        assert f"процесс {first.process.pid}" in second.stderr and str(path) in second.stderr
        assert second.process.poll() is None  # the message waits for the person
        # The text reaches stderr just before the message is mapped: the person presses Enter
        # once it is there (again, until the message has taken it and the program has ended).
        end = time.monotonic() + DEADLINE
        while second.process.poll() is None and time.monotonic() < end:
            _press_enter(display)
            try:
                second.process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                continue
        assert second.process.wait(timeout=5) == 1
        assert "Traceback" not in second.stderr
        assert first.process.poll() is None and _lock_owner(lock) == first.process.pid

        os.kill(first.process.pid, signal.SIGKILL)  # a crash leaves the lock file behind
        first.process.wait(timeout=30)
        assert lock.exists()
        third = _Window(url, display)
        _until(lambda: _lock_owner(lock) == third.process.pid, "the stale lock taken over")
        assert third.process.poll() is None and "уже открыта" not in third.stderr
    finally:
        for window in (first, second, third):
            if window is not None:
                window.stop()


def test_closing_the_window_lets_the_next_one_open_the_file(
    qtbot: Any, tmp_path: Path, russian: None
) -> None:
    from desktop.ui.app import open_main_window

    url = f"sqlite:///{tmp_path / 'again.sqlite'}"
    first = open_main_window(database=url)
    qtbot.addWidget(first)
    lock = tmp_path / "again.sqlite.lock"
    assert first.database is not None and _lock_owner(lock) == os.getpid()
    first.close()  # the person closes the window
    assert not lock.exists()
    first.database.dispose()
    second = open_main_window(database=url)
    assert second is not None
    qtbot.addWidget(second)
    assert second.database is not None and _lock_owner(lock) == os.getpid()
    second.close()
    second.database.dispose()
