"""The settings dialog: database, shared folder, output folder, PDF converter, language.

New settings are checked (connection, folders) before they are saved; if the check fails
the message names what is wrong and the previous working settings stay in force.
"""

from __future__ import annotations

import copy

from PySide6.QtWidgets import (
    QButtonGroup,
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
    Settings,
    check_settings,
    default_sqlite_path,
    get_secret,
    save_settings,
    set_secret,
)
from desktop.core.errors import ConfigError


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
        db = settings.database

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
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.sqlite_radio.toggled.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        pg = self.pg_radio.isChecked()
        self.sqlite_path.setEnabled(not pg)
        for widget in (self.host, self.port, self.db_name, self.user, self.password):
            widget.setEnabled(pg)

    def edited_settings(self) -> Settings:
        settings = copy.deepcopy(self.original)
        db = settings.database
        db.kind = "postgresql" if self.pg_radio.isChecked() else "sqlite"
        db.sqlite_path = self.sqlite_path.text().strip()
        db.host = self.host.text().strip()
        db.port = self.port.value()
        db.name = self.db_name.text().strip()
        db.user = self.user.text().strip()
        settings.share_root = self.share_root.text().strip()
        settings.output_dir = self.output_dir.text().strip()
        settings.pdf_converter = self.converter.currentData()
        settings.language = self.language.currentData()
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
        save_settings(settings)
        self.result_settings = settings
        super().accept()
