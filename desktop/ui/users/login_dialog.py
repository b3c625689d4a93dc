"""«Вход в AktDesk»: the login and password of the PostgreSQL server, asked at start.

On PostgreSQL each person connects with their own database login, and that login is the
program's user. The password is asked when none is kept in the system keyring or the server
refuses the kept one; «Запомнить пароль» keeps it there (never in the settings file). Cancel
ends the program.
"""

from __future__ import annotations

import copy

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings, get_secret, save_settings, set_secret
from desktop.core.db import check_connection
from desktop.core.errors import ConfigError
from desktop.core.users.logins import password_refused


class LoginDialog(QDialog):
    """The server and database shown, the login (prefilled from the settings), the password."""

    def __init__(self, settings: Settings, message: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Sign in to AktDesk"))
        self.database = copy.deepcopy(settings.database)
        self.url = ""  # the URL signed in with, once accepted
        self.server = QLabel(
            self.tr("Server %1, database %2")
            .replace("%1", f"{self.database.host}:{self.database.port}")
            .replace("%2", self.database.name),
            self,
        )
        self.server.setObjectName("loginServer")
        self.login = QLineEdit(self.database.user, self)
        self.login.setObjectName("loginName")
        self.password = QLineEdit(self)
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember the password"), self)
        self.remember.setObjectName("rememberPassword")
        self.remember.setToolTip(self.tr("Kept in the system keyring of this computer"))
        self.error = QLabel(message, self)
        self.error.setObjectName("loginError")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Login:"), self.login)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow("", self.remember)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.server)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.password if self.database.user else self.login).setFocus()

    def accept(self) -> None:
        """Connect with what was typed; the dialog stays open with the server's answer if that fails."""
        login = self.login.text().strip()
        if not login:
            self.error.setText(self.tr("Enter your login."))
            self.login.setFocus()
            return
        self.database.user = login
        url = self.database.url(self.password.text())
        try:
            check_connection(url)
        except ConfigError as error:
            self.error.setText(error.message)
            (self.password if password_refused(error) else self.login).setFocus()
            return
        self.url = url.render_as_string(hide_password=False)
        super().accept()


def sign_in(settings: Settings, parent: QWidget | None = None) -> str | None:
    """The URL to open the PostgreSQL database of ``settings`` with: the kept password when the
    server takes it, else what the person types in «Вход в AktDesk»; None when they cancel.

    A login other than the settings' is saved as the settings' login (the next start offers it);
    «Запомнить пароль» keeps the password in the keyring under that login."""
    database = settings.database
    kept_as = database.keyring_user()
    kept = get_secret(kept_as)
    message = ""
    if kept:
        url = database.url(kept)
        try:
            check_connection(url)
        except ConfigError as error:
            if not password_refused(error):  # the server is down or the like: said when it is opened
                return url.render_as_string(hide_password=False)
            message = error.message
        else:
            return url.render_as_string(hide_password=False)
    dialog = LoginDialog(settings, message, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if dialog.database.user != database.user:
        database.user = dialog.database.user
        save_settings(settings)
    if dialog.remember.isChecked():
        set_secret(database.keyring_user(), dialog.password.text())
    elif kept:
        set_secret(kept_as, None)  # the server refused it: not offered again
    return dialog.url
