"""The core listener (``core/notifications/listener.py``) on a thread of its own, said on the GUI thread.

``NotificationListener.start(database)`` runs :func:`listener.listen` on a Python thread; a
notification for this program's user (the payload is the login told), and every (re)connection —
something may have come while the connection was down — emit ``arrived``, which Qt queues to the
GUI thread (the object lives there). ``stop()`` sets the stop event and waits for the thread: it
ends within ``POLL`` seconds. Nothing runs on SQLite, where the button's poll alone counts.
"""

from __future__ import annotations

import logging
import threading

import shiboken6
from PySide6.QtCore import QObject, Signal

from desktop.core.db import Database
from desktop.core.notifications import listener

log = logging.getLogger(__name__)

POLL = 0.5  # seconds: how soon the thread sees it is asked to stop


class NotificationListener(QObject):
    arrived = Signal()  # a notification for the user (or a reconnection): count them again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker: threading.Thread | None = None
        self._stop = threading.Event()

    @property
    def running(self) -> bool:
        return self.worker is not None and self.worker.is_alive()

    def start(self, database: Database) -> None:
        """Listen for ``database.login``'s notifications (stopping a listener already running)."""
        self.stop()
        if not listener.can_listen(database):
            return
        stop = self._stop = threading.Event()
        login = database.login

        def heard(payload: str) -> None:
            if payload == login:
                self._say(stop)

        def job() -> None:
            try:
                listener.listen(database, heard, stop, on_connect=lambda: self._say(stop), poll=POLL)
            except Exception:  # never a traceback on a thread: the poll still counts once a minute
                log.exception("the notifications listener failed")

        self.worker = threading.Thread(target=job, name="aktdesk-notifications", daemon=True)
        self.worker.start()

    def _say(self, stop: threading.Event) -> None:
        """On the listener's thread: tell the GUI thread (unless stopped or the object is gone)."""
        if stop.is_set() or not shiboken6.isValid(self):
            stop.set()
            return
        self.arrived.emit()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the thread and wait for it (it notices within ``POLL`` seconds)."""
        self._stop.set()
        thread, self.worker = self.worker, None
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                log.warning("the notifications listener did not stop within %.0f s", timeout)
