"""Справочники → Пользователи и роли: who approves, who exports, whose clients a manager sees.

On PostgreSQL a user is a login of the database server: a new one is given a password, an existing
one may get a new one («Сменить пароль…»), «Отключить» takes the login away. Only an administrator
changes them (the database refuses anyone else); the others see the list. On SQLite the dialog says
that the file is single-user: the roles are recorded, nothing below the program enforces them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.common.labels import ROLE_TITLES
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.models import Role
from desktop.core.users.accounts import UserFieldsError, UserInput
from desktop.core.users.operations import save_user_card, set_user_active, set_user_password, users_to_edit
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
        self.resize(760, 560)
        self.database = database
        self.logins = database.multi_user  # PostgreSQL: users are logins of the server
        self.user_id: int | None = None
        self.user_active = True
        self.editable = False
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        form = self._build_form()
        buttons = self._build_buttons()
        self.mode = QLabel(self)
        self.mode.setObjectName("usersMode")
        self.mode.setWordWrap(True)
        self.mode.setText(self._mode_text())
        self.hint = QLabel(self)
        self.hint.setObjectName("usersHint")
        self.hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.mode)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.table.itemSelectionChanged.connect(self._select)
        self.reload()
        self.new_user()

    def _build_form(self) -> QFormLayout:
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
        self.password = QLineEdit(self)
        self.password.setObjectName("userPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("the password the user signs in with"))
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
        form.addRow(self.tr("Password:"), self.password)
        self.form = form
        form.setRowVisible(self.password, False)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        self.new_button = QPushButton(self.tr("New user"), self)
        self.new_button.setObjectName("newUser")
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveUser")
        self.password_button = QPushButton(self.tr("Change password…"), self)
        self.password_button.setObjectName("changePassword")
        self.password_button.setVisible(self.logins)
        self.active_button = QPushButton(self.tr("Disable"), self)
        self.active_button.setObjectName("disableUser")
        close_button = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.password_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        self.new_button.clicked.connect(self.new_user)
        self.save_button.clicked.connect(self.save)
        self.password_button.clicked.connect(self.change_password)
        self.active_button.clicked.connect(self.toggle_active)
        close_button.clicked.connect(self.accept)
        return buttons

    def _mode_text(self) -> str:
        if self.logins:
            return self.tr(
                "Each user signs in to the PostgreSQL server with their own login and password; the "
                "database itself checks what their role may do."
            )
        return self.tr(
            "This is a single-user database (SQLite): roles are recorded but not enforced by the "
            "database, and the user is whoever is signed in to this computer (see the status bar)."
        )

    def reload(self, select_id: int | None = None) -> None:
        users, self.editable = users_to_edit(self.database)
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
        for widget in (self.login, self.full_name, self.role, self.email, self.region, self.password):
            widget.setEnabled(self.editable)
        self.new_button.setEnabled(self.editable)
        self.save_button.setEnabled(self.editable)
        self.hint.setText(self._hint_text())
        self._update_buttons()
        row = next((i for i, r in enumerate(self.rows) if r[0] == select_id), -1)
        if row >= 0:
            self.table.selectRow(row)

    def _hint_text(self) -> str:
        if self.editable:
            return self.tr(
                "Roles decide who approves payment requests, who exports them to the bank and whose "
                "clients a manager sees."
            )
        admins = ", ".join(
            name for _id, _login, name, role, *_rest, active in self.rows if role == Role.ADMIN and active
        )
        if admins:
            return self.tr("Only an administrator changes users and roles: %1.").replace("%1", admins)
        return self.tr("Only an administrator changes users and roles.")

    def _update_buttons(self) -> None:
        chosen = self.user_id is not None
        self.password_button.setEnabled(self.editable and chosen and self.user_active)
        self.active_button.setEnabled(self.editable and chosen)
        self.active_button.setText(
            self.tr("Disable") if self.user_active or not chosen else self.tr("Enable")
        )
        self.form.setRowVisible(self.password, self.logins and not chosen)

    def _select(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        uid, login, name, role, email, region, active = self.rows[rows[0].row()]
        self.user_id = uid
        self.user_active = active
        self.login.setText(login)
        self.login.setReadOnly(self.logins)  # a server login is not renamed
        self.full_name.setText(name)
        self.role.setCurrentIndex(max(0, self.role.findData(role)))
        self.email.setText(email)
        self.region.setText(region)
        self.password.clear()
        self.error.clear()
        self._update_buttons()

    def new_user(self) -> None:
        self.table.clearSelection()
        self.user_id = None
        self.user_active = True
        for edit in (self.login, self.full_name, self.email, self.region, self.password):
            edit.clear()
        self.login.setReadOnly(False)
        self.role.setCurrentIndex(max(0, self.role.findData(Role.MANAGER.value)))
        self.error.clear()
        self._update_buttons()
        self.login.setFocus()

    def values(self) -> UserInput:
        return UserInput(
            login=self.login.text(),
            full_name=self.full_name.text(),
            role=str(self.role.currentData()),
            email=self.email.text(),
            region=self.region.text(),
            is_active=self.user_active,
            password=self.password.text() if self.user_id is None else "",
        )

    def save(self) -> bool:
        fields: dict[str, Any] = {
            "login": self.login,
            "full_name": self.full_name,
            "email": self.email,
            "password": self.password,
        }
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
        self.password.clear()
        self.reload(select_id=saved)
        return True

    def change_password(self) -> bool:
        """A new password for the chosen user's login, typed by the administrator."""
        if self.user_id is None:
            return False
        login = self.login.text()
        password, ok = QInputDialog.getText(
            self,
            self.tr("Change password"),
            self.tr("New password of %1:").replace("%1", login),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return False
        try:
            set_user_password(self.database, login, password)
        except UserError as error:
            self.error.setText(error.message)
            return False
        self.error.setText("")
        QMessageBox.information(
            self, self.tr("Change password"), self.tr("The password of %1 is changed.").replace("%1", login)
        )
        return True

    def toggle_active(self) -> bool:
        """«Отключить»: the user can no longer sign in (on PostgreSQL the login is taken away);
        «Включить» gives it back."""
        if self.user_id is None:
            return False
        login, active = self.login.text(), not self.user_active
        if not active:
            answer = QMessageBox.question(
                self,
                self.tr("Disable user"),
                self.tr("Disable %1? They will no longer be able to sign in.").replace("%1", login)
                if self.logins
                else self.tr("Disable %1?").replace("%1", login),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            user = set_user_active(self.database, login, active)
        except UserError as error:
            self.error.setText(error.message)
            return False
        self.error.clear()
        self.reload(select_id=user.id)
        return True

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):  # Enter saves the card, not closes the dialog
            self.save()
            return
        super().keyPressEvent(event)
