"""Справочники → Пользователи и роли: who approves, who exports, whose clients a manager sees."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.common.events import current_login
from desktop.core.common.labels import ROLE_TITLES
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.models import Role
from desktop.core.users.accounts import (
    UserFieldsError,
    UserInput,
)
from desktop.core.users.operations import save_user_card, users_to_edit
from desktop.ui.common.i18n import QT_TRANSLATE_NOOP

HEADERS = (
    QT_TRANSLATE_NOOP("UsersDialog", "Login"),
    QT_TRANSLATE_NOOP("UsersDialog", "Full name"),
    QT_TRANSLATE_NOOP("UsersDialog", "Role"),
    QT_TRANSLATE_NOOP("UsersDialog", "E-mail"),
    QT_TRANSLATE_NOOP("UsersDialog", "Region"),
    QT_TRANSLATE_NOOP("UsersDialog", "Active"),
)


class UsersDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("Users and roles"))
        self.resize(760, 520)
        self.database = database
        self.user_id: int | None = None
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)

        self.login = QLineEdit(self)
        self.login.setObjectName("userLogin")
        self.full_name = QLineEdit(self)
        self.full_name.setObjectName("userFullName")
        self.role = QComboBox(self)
        self.role.setObjectName("userRole")
        for role, title in ROLE_TITLES.items():
            self.role.addItem(title, role.value)
        self.email = QLineEdit(self)
        self.region = QLineEdit(self)
        self.active = QCheckBox(self.tr("Active"), self)
        self.active.setChecked(True)
        self.error = QLabel(self)
        self.error.setObjectName("userError")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Login:"), self.login)
        form.addRow(self.tr("Full name:"), self.full_name)
        form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("E-mail:"), self.email)
        form.addRow(self.tr("Region:"), self.region)
        form.addRow("", self.active)

        self.new_button = QPushButton(self.tr("New user"), self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveUser")
        close_button = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.table.itemSelectionChanged.connect(self._select)
        self.new_button.clicked.connect(self.new_user)
        self.save_button.clicked.connect(self.save)
        close_button.clicked.connect(self.accept)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        users, editable = users_to_edit(self.database, current_login())
        self.rows = [
            (u.id, u.login, u.full_name, u.role, u.email or "", u.region or "", u.is_active) for u in users
        ]
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for r, (_uid, login, name, role, email, region, active) in enumerate(self.rows):
            values = (
                login,
                name,
                ROLE_TITLES.get(Role(role), role),
                email,
                region,
                self.tr("yes") if active else self.tr("no"),
            )
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        for widget in (self.login, self.full_name, self.role, self.email, self.region, self.active):
            widget.setEnabled(editable)
        self.new_button.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.hint.setText(
            self.tr(
                "Roles decide who approves payment requests, who exports them to the bank and whose clients a manager sees."
            )
            if editable
            else self.tr("Only an administrator changes users and roles.")
        )
        row = next((i for i, r in enumerate(self.rows) if r[0] == select_id), -1)
        if row >= 0:
            self.table.selectRow(row)

    def _select(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        uid, login, name, role, email, region, active = self.rows[rows[0].row()]
        self.user_id = uid
        self.login.setText(login)
        self.full_name.setText(name)
        self.role.setCurrentIndex(max(0, self.role.findData(role)))
        self.email.setText(email)
        self.region.setText(region)
        self.active.setChecked(active)
        self.error.clear()

    def new_user(self) -> None:
        self.table.clearSelection()
        self.user_id = None
        for edit in (self.login, self.full_name, self.email, self.region):
            edit.clear()
        self.role.setCurrentIndex(max(0, self.role.findData(Role.MANAGER.value)))
        self.active.setChecked(True)
        self.error.clear()
        self.login.setFocus()

    def values(self) -> UserInput:
        return UserInput(
            login=self.login.text(),
            full_name=self.full_name.text(),
            role=str(self.role.currentData()),
            email=self.email.text(),
            region=self.region.text(),
            is_active=self.active.isChecked(),
        )

    def save(self) -> bool:
        fields: dict[str, Any] = {"login": self.login, "full_name": self.full_name, "email": self.email}
        for widget in fields.values():
            widget.setStyleSheet("")
        try:
            saved = save_user_card(self.database, self.values(), self.user_id)
        except UserFieldsError as error:
            for name in error.errors:
                if name in fields:
                    fields[name].setStyleSheet("border: 1px solid #b00020")
            self.error.setText(error.message)
            return False
        except UserError as error:
            self.error.setText(error.message)
            return False
        self.error.clear()
        self.reload(select_id=saved)
        return True

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):  # Enter saves the card, not closes the dialog
            self.save()
            return
        super().keyPressEvent(event)
