"""The status-bar button «Уведомления: N» of the current user; it opens the notification centre.

The count is read again once a minute and, on PostgreSQL, as soon as the database says a
notification for the user was written (``listening.NotificationListener``), from any workstation."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QToolButton, QWidget

from desktop.core.db import Database
from desktop.core.notifications import operations as notification_operations
from desktop.ui.notifications.dialog import NotificationsDialog, Opener
from desktop.ui.notifications.listening import NotificationListener

log = logging.getLogger(__name__)

POLL_MS = 60_000  # the count is read again once a minute in any case (SQLite has no listener)


class NotificationsButton(QToolButton):
    """Shows how many unread notifications the user has (in bold when there are any)."""

    def __init__(
        self, database: Database | None, parent: QWidget | None = None, *, opener: Opener | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notificationsButton")
        self.setAutoRaise(True)
        self.database = database
        self.opener = opener
        self.count = 0
        self.clicked.connect(lambda: self.open_list())
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.refresh)
        self.poll_timer.start()
        self.listener = NotificationListener(self)
        self.listener.arrived.connect(self.refresh)
        self.refresh()
        self._listen()

    @property
    def login(self) -> str:
        """Who the program's user is: the database's (its login on PostgreSQL, the OS login on SQLite)."""
        return self.database.login if self.database is not None else ""

    def set_database(self, database: Database | None) -> None:
        self.database = database
        self.refresh()
        self._listen()

    def _listen(self) -> None:
        if self.database is None:
            self.listener.stop()
        else:
            self.listener.start(self.database)  # nothing on SQLite

    def stop_listening(self) -> None:
        """The window closes: the listener's thread ends (within a second)."""
        self.listener.stop()

    def refresh(self) -> None:
        self.count = 0
        if self.database is not None:
            try:
                self.count = notification_operations.unread_notifications(self.database, self.login)
            except Exception:  # a dropped connection must not break the status bar; the next poll retries
                log.warning("Could not count notifications", exc_info=True)
                self.count = 0
        self.setText(self.tr("Notifications: %1").replace("%1", str(self.count)))
        font = QFont(self.font())
        font.setBold(self.count > 0)
        self.setFont(font)

    def open_list(self) -> NotificationsDialog | None:
        if self.database is None:
            return None
        dialog = NotificationsDialog(self.database, self.login, self, opener=self.opener)
        dialog.finished.connect(lambda _code: self.refresh())
        dialog.open()
        self.refresh()
        return dialog
