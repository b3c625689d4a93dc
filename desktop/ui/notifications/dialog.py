"""The notification centre: the user's notifications, newest first, when and what (unread ones in
bold); «Открыть» (or a double click, or Enter) opens what a notification is about. Opening the
centre marks the notifications it shows read."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.db import Database
from desktop.core.notifications import operations as notification_operations
from desktop.core.notifications.operations import Note
from desktop.ui.common import fmt

Opener = Callable[[str, int], bool]  # (object_type, object_id) → shown; MainWindow.open_notification_object


class NotificationsDialog(QDialog):
    def __init__(
        self, database: Database, login: str, parent: QWidget | None = None, *, opener: Opener | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notificationsDialog")
        self.setWindowTitle(self.tr("Notifications"))
        self.resize(760, 420)
        self.opener = opener
        self.list = QListWidget(self)
        self.list.setObjectName("notificationsList")
        self.list.setWordWrap(True)
        self.notes = notification_operations.read_notifications(database, login)
        for note in self.notes:
            item = QListWidgetItem(f"{fmt.moment(note.at)}  {note.text}")  # stored in UTC, shown local
            item.setToolTip(note.text)
            if note.unread:
                font = QFont(self.list.font())
                font.setBold(True)
                item.setFont(font)
            self.list.addItem(item)
        if not self.notes:
            self.list.addItem(self.tr("No notifications"))
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setObjectName("openNotificationButton")
        self.open_button.setDefault(True)  # Enter in the list opens the chosen notification's object
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(lambda: self.open_current())
        self.list.itemDoubleClicked.connect(lambda _item: self.open_current())
        self.list.currentRowChanged.connect(lambda _row: self._update_open())
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        if self.notes:
            self.list.setCurrentRow(0)
        self._update_open()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_note(self) -> Note | None:
        row = self.list.currentRow()
        return self.notes[row] if 0 <= row < len(self.notes) else None

    def _update_open(self) -> None:
        note = self.current_note()
        self.open_button.setEnabled(
            self.opener is not None
            and note is not None
            and bool(note.object_type)
            and note.object_id is not None
        )

    def open_current(self) -> bool:
        """Open what the chosen notification is about; the centre closes when it is shown."""
        note = self.current_note()
        if self.opener is None or note is None or not note.object_type or note.object_id is None:
            return False
        if not self.opener(note.object_type, note.object_id):
            return False
        self.accept()
        return True
