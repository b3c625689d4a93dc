"""The status-bar button «Уведомления: N» of the current user and the list it opens (read on opening)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.db import Database
from desktop.core.payments import operations as payment_operations
from desktop.ui.common import fmt

log = logging.getLogger(__name__)


class NotificationsDialog(QDialog):
    def __init__(self, database: Database, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notificationsDialog")
        self.setWindowTitle(self.tr("Notifications"))
        self.resize(760, 420)
        self.list = QListWidget(self)
        self.list.setObjectName("notificationsList")
        self.list.setWordWrap(True)
        notes = payment_operations.read_notifications(database, login)
        for note in notes:
            at = fmt.local_time(note.at)  # stored in UTC
            item = QListWidgetItem(f"{fmt.date(at.date())} {at:%H:%M}  {note.text}")
            if note.unread:
                font = QFont(self.list.font())
                font.setBold(True)
                item.setFont(font)
            self.list.addItem(item)
        if not notes:
            self.list.addItem(self.tr("No notifications"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)


class NotificationsButton(QToolButton):
    """Shows how many unread notifications the user has; polls the database once a minute."""

    def __init__(self, database: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notificationsButton")
        self.setAutoRaise(True)
        self.database = database
        self.count = 0
        self.clicked.connect(self.open_list)
        self._timer = QTimer(self)
        self._timer.setInterval(60_000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    @property
    def login(self) -> str:
        """Who the program's user is: the database's (its login on PostgreSQL, the OS login on SQLite)."""
        return self.database.login if self.database is not None else ""

    def set_database(self, database: Database | None) -> None:
        self.database = database
        self.refresh()

    def refresh(self) -> None:
        self.count = 0
        if self.database is not None:
            try:
                self.count = payment_operations.unread_notifications(self.database, self.login)
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
        dialog = NotificationsDialog(self.database, self.login, self)
        dialog.finished.connect(lambda _code: self.refresh())
        dialog.open()
        self.refresh()
        return dialog
