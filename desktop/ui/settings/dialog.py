"""The settings dialog: database, shared folder, output folder, PDF converter, language, mail server.

New settings are checked (connection, folders) before they are saved; if the check fails
the message names what is wrong and the previous working settings stay in force.
"""

from __future__ import annotations

import copy

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.config import (
    DatabaseSettings,
    Settings,
    SmtpSettings,
    check_settings,
    default_sqlite_path,
    demo_output_dir,
    demo_sqlite_path,
    get_secret,
    save_settings,
    set_secret,
)
from desktop.core.errors import ConfigError, UserError
from desktop.core.sending.delivery import send_test_message
from desktop.ui.common.widgets import row_of
from desktop.ui.tasks import run_task, show_error


def _path_row(parent: QWidget, edit: QLineEdit, folder: bool, caption: str) -> QWidget:
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    button = QPushButton("…", row)
    button.setFixedWidth(32)

    def browse() -> None:
        if folder:
            chosen = QFileDialog.getExistingDirectory(parent, caption, edit.text())
        else:
            chosen, _ = QFileDialog.getSaveFileName(
                parent,
                caption,
                edit.text(),
                "SQLite (*.sqlite *.db);;*",
                options=QFileDialog.Option.DontConfirmOverwrite,
            )
        if chosen:
            edit.setText(chosen)

    button.clicked.connect(browse)
    layout.addWidget(button)
    return row


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        self.original = settings
        self.result_settings: Settings | None = None
        db_box, db_form = self._database_box(settings.database)
        files_box = self._files_box(settings)
        mail_box = self._smtp_box(settings.smtp)

        self.error = QLabel(self)
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(db_box)
        layout.addWidget(files_box)
        layout.addWidget(mail_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.sqlite_radio.toggled.connect(self._update_enabled)
        self._update_enabled()
        if settings.demo:
            self._show_demo(db_box, db_form)

    def _database_box(self, db: DatabaseSettings) -> tuple[QGroupBox, QFormLayout]:
        """SQLite file or PostgreSQL server, with the server's address and login."""
        self.sqlite_radio = QRadioButton(self.tr("Embedded database (SQLite file)"), self)
        self.pg_radio = QRadioButton(self.tr("PostgreSQL server (several users)"), self)
        group = QButtonGroup(self)
        group.addButton(self.sqlite_radio)
        group.addButton(self.pg_radio)
        self.sqlite_path = QLineEdit(db.sqlite_path or str(default_sqlite_path()), self)
        self.host = QLineEdit(db.host, self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(int(db.port))
        self.db_name = QLineEdit(db.name, self)
        self.user = QLineEdit(db.user, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("stored in the system keyring"))
        if db.kind == "postgresql":
            self.password.setText(get_secret(db.keyring_user()) or "")

        db_box = QGroupBox(self.tr("Database"), self)
        db_form = QFormLayout(db_box)
        db_form.addRow(self.sqlite_radio)
        db_form.addRow(self.tr("File:"), _path_row(self, self.sqlite_path, False, self.tr("SQLite file")))
        db_form.addRow(self.pg_radio)
        db_form.addRow(self.tr("Server:"), self.host)
        db_form.addRow(self.tr("Port:"), self.port)
        db_form.addRow(self.tr("Database:"), self.db_name)
        db_form.addRow(self.tr("User:"), self.user)
        db_form.addRow(self.tr("Password:"), self.password)
        (self.pg_radio if db.kind == "postgresql" else self.sqlite_radio).setChecked(True)
        return db_box, db_form

    def _files_box(self, settings: Settings) -> QGroupBox:
        """The shared folder of scans, the documents folder, the PDF converter, the language."""
        self.share_root = QLineEdit(settings.share_root, self)
        self.output_dir = QLineEdit(settings.output_dir, self)
        self.output_dir.setPlaceholderText(str(settings.effective_output_dir()))
        self.converter = QComboBox(self)
        self.converter.addItem(self.tr("Automatic"), "auto")
        self.converter.addItem(self.tr("Microsoft Word"), "word")
        self.converter.addItem(self.tr("LibreOffice"), "libreoffice")
        self.converter.setCurrentIndex(max(0, self.converter.findData(settings.pdf_converter)))
        self.language = QComboBox(self)
        self.language.addItem("Русский", "ru")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))

        files_box = QGroupBox(self.tr("Files"), self)
        files_form = QFormLayout(files_box)
        files_form.addRow(
            self.tr("Shared folder for scans:"),
            _path_row(self, self.share_root, True, self.tr("Shared folder for signed scans")),
        )
        files_form.addRow(
            self.tr("Folder for documents:"),
            _path_row(self, self.output_dir, True, self.tr("Folder for generated documents")),
        )
        files_form.addRow(self.tr("PDF converter:"), self.converter)
        files_form.addRow(self.tr("Interface language:"), self.language)
        return files_box

    def _show_demo(self, db_box: QGroupBox, db_form: QFormLayout) -> None:
        """``--demo``: the demo database and its documents folder are fixed; the rest applies as usual."""
        for widget in db_box.findChildren(QWidget):
            widget.setEnabled(False)
        self.sqlite_path.setText(str(demo_sqlite_path()))
        self.output_dir.setText("")
        self.output_dir.setPlaceholderText(str(demo_output_dir()))
        self.output_dir.setEnabled(False)
        note = QLabel(
            self.tr("The demo works on its own database and documents folder; they are not changed here."),
            self,
        )
        note.setObjectName("settingsDemoNote")
        note.setWordWrap(True)
        db_form.insertRow(0, note)

    def _smtp_box(self, smtp: SmtpSettings) -> QGroupBox:
        self.smtp_host = QLineEdit(smtp.host, self)
        self.smtp_host.setObjectName("smtpHost")
        self.smtp_host.setPlaceholderText("smtp.example.ru")
        self.smtp_port = QSpinBox(self)
        self.smtp_port.setObjectName("smtpPort")
        self.smtp_port.setRange(1, 65535)
        self.smtp_port.setValue(int(smtp.port))
        self.smtp_security = QComboBox(self)
        self.smtp_security.setObjectName("smtpSecurity")
        self.smtp_security.addItem("STARTTLS", "starttls")
        self.smtp_security.addItem("SSL/TLS", "ssl")
        self.smtp_security.addItem(self.tr("None (internal network)"), "none")
        self.smtp_security.setCurrentIndex(max(0, self.smtp_security.findData(smtp.security)))
        self.smtp_login = QLineEdit(smtp.login, self)
        self.smtp_login.setObjectName("smtpLogin")
        self.smtp_password = QLineEdit(self)
        self.smtp_password.setObjectName("smtpPassword")
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.smtp_password.setPlaceholderText(self.tr("stored in the system keyring"))
        if smtp.login:
            self.smtp_password.setText(get_secret(smtp.keyring_user()) or "")
        self.smtp_sender = QLineEdit(smtp.sender, self)
        self.smtp_sender.setObjectName("smtpSender")
        self.smtp_sender.setPlaceholderText(self.tr("the login, if empty"))
        self.smtp_sender_name = QLineEdit(smtp.sender_name, self)
        self.smtp_sender_name.setObjectName("smtpSenderName")
        self.smtp_attach_docx = QCheckBox(self.tr("DOCX"), self)
        self.smtp_attach_docx.setChecked(smtp.attach_docx)
        self.smtp_attach_xml = QCheckBox(self.tr("UPD XML"), self)
        self.smtp_attach_xml.setChecked(smtp.attach_xml)
        self.smtp_timeout = QSpinBox(self)
        self.smtp_timeout.setObjectName("smtpTimeout")
        self.smtp_timeout.setRange(5, 300)
        self.smtp_timeout.setSuffix(self.tr(" s"))
        self.smtp_timeout.setValue(int(smtp.timeout))
        self.smtp_timeout.setToolTip(self.tr("How long to wait for the mail server before giving up"))
        self.smtp_verify_tls = QCheckBox(self.tr("Check the server's certificate"), self)
        self.smtp_verify_tls.setObjectName("smtpVerifyTls")
        self.smtp_verify_tls.setChecked(bool(smtp.verify_tls))
        self.smtp_verify_tls.setToolTip(
            self.tr("Turn off only for an internal server with a self-signed certificate")
        )
        self.smtp_test_button = QPushButton(self.tr("Send a test message"), self)
        self.smtp_test_button.setObjectName("smtpTest")
        self.smtp_test_result = QLabel(self)
        self.smtp_test_result.setObjectName("smtpTestResult")
        self.smtp_test_result.setWordWrap(True)
        self.smtp_test_button.clicked.connect(lambda: self.send_test_message())

        box = QGroupBox(self.tr("Outgoing mail (SMTP)"), self)
        form = QFormLayout(box)
        server = row_of(box, (self.smtp_host, 1), self.tr("Port:"), self.smtp_port, self.smtp_security)
        form.addRow(self.tr("Server:"), server)
        form.addRow("", row_of(box, self.tr("Timeout:"), self.smtp_timeout, self.smtp_verify_tls, None))
        form.addRow(self.tr("Login:"), self.smtp_login)
        form.addRow(self.tr("Password:"), self.smtp_password)
        form.addRow(self.tr("Sender address:"), self.smtp_sender)
        form.addRow(self.tr("Sender name:"), self.smtp_sender_name)
        attach = row_of(
            box, self.tr("PDF always, and also:"), self.smtp_attach_docx, self.smtp_attach_xml, None
        )
        form.addRow(self.tr("Attach:"), attach)
        form.addRow(self.smtp_test_button, self.smtp_test_result)
        return box

    def edited_smtp(self) -> SmtpSettings:
        smtp = copy.deepcopy(self.original.smtp)
        smtp.host = self.smtp_host.text().strip()
        smtp.port = self.smtp_port.value()
        smtp.security = self.smtp_security.currentData()
        smtp.login = self.smtp_login.text().strip()
        smtp.sender = self.smtp_sender.text().strip()
        smtp.sender_name = self.smtp_sender_name.text().strip()
        smtp.attach_docx = self.smtp_attach_docx.isChecked()
        smtp.attach_xml = self.smtp_attach_xml.isChecked()
        smtp.timeout = self.smtp_timeout.value()
        smtp.verify_tls = self.smtp_verify_tls.isChecked()
        return smtp

    def send_test_message(self) -> object:
        """Send a test message with the settings as typed (not yet saved), on a worker thread."""
        config = self.edited_smtp().transport(self.smtp_password.text())
        self.smtp_test_button.setEnabled(False)
        self.smtp_test_result.setStyleSheet("")
        self.smtp_test_result.setText(self.tr("Sending a test message…"))

        def done(reply: str) -> None:
            self.smtp_test_result.setStyleSheet("color: #1b7a2f")
            self.smtp_test_result.setText(
                self.tr("Sent to %1. The server answered: %2")
                .replace("%1", config.sender_address())
                .replace("%2", reply)
            )

        def failed(error: BaseException) -> None:
            self.smtp_test_result.setStyleSheet("color: #b00020")
            if isinstance(error, UserError):
                self.smtp_test_result.setText(error.message)
            else:
                self.smtp_test_result.setText(self.tr("Unexpected error: %1").replace("%1", str(error)))
                show_error(self, error, title=self.tr("Test message"))

        task = run_task(
            self,
            lambda progress, cancel: send_test_message(config),
            title=self.tr("Test message"),
            on_success=done,
            on_failure=failed,
            show_progress=False,
        )
        task.finished.connect(lambda: self.smtp_test_button.setEnabled(True))
        self.smtp_test_task = task
        return task

    def _update_enabled(self) -> None:
        pg = self.pg_radio.isChecked()
        self.sqlite_path.setEnabled(not pg)
        for widget in (self.host, self.port, self.db_name, self.user, self.password):
            widget.setEnabled(pg)

    def edited_settings(self) -> Settings:
        settings = copy.deepcopy(self.original)
        if settings.demo:  # the real database and documents folder stay as they were saved
            settings.share_root = self.share_root.text().strip()
            settings.pdf_converter = self.converter.currentData()
            settings.language = self.language.currentData()
            settings.smtp = self.edited_smtp()
            return settings
        db = settings.database
        db.kind = "postgresql" if self.pg_radio.isChecked() else "sqlite"
        path = self.sqlite_path.text().strip()
        # The default file stays "the default" (its folder is created when it is opened).
        db.sqlite_path = "" if path == str(default_sqlite_path()) else path
        db.host = self.host.text().strip()
        db.port = self.port.value()
        db.name = self.db_name.text().strip()
        db.user = self.user.text().strip()
        settings.share_root = self.share_root.text().strip()
        settings.output_dir = self.output_dir.text().strip()
        settings.pdf_converter = self.converter.currentData()
        settings.language = self.language.currentData()
        settings.smtp = self.edited_smtp()
        return settings

    def accept(self) -> None:
        settings = self.edited_settings()
        password = self.password.text() if settings.database.kind == "postgresql" else None
        try:
            check_settings(settings, password)
        except ConfigError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        if settings.database.kind == "postgresql":
            set_secret(settings.database.keyring_user(), password)
        if settings.smtp.login:
            set_secret(settings.smtp.keyring_user(), self.smtp_password.text() or None)
        save_settings(settings)
        self.result_settings = settings
        super().accept()
