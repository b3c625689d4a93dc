"""Import of counterparties (and contracts) from a file: a preview first, then the import itself.

The preview runs the real import in a transaction that is rolled back, so what it shows —
rows to import, rows rejected with their row, column and reason — is exactly what Import does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.contracts.importing import ImportResult
from desktop.core.contracts.operations import import_file
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.ui.tasks import run_task


class ImportDialog(QDialog):
    imported = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import from Excel or CSV"))
        self.resize(760, 520)
        self.database = database
        self.what = QComboBox(self)
        self.what.setObjectName("what")
        self.what.addItem(self.tr("Counterparties"), "counterparties")
        self.what.addItem(self.tr("Contracts"), "contracts")
        self.what.addItem(self.tr("Work orders"), "work_orders")
        self.path = QLineEdit(self)
        self.path.setObjectName("path")
        browse = QPushButton(self.tr("Choose…"), self)
        self.preview_button = QPushButton(self.tr("Preview"), self)
        self.preview_button.setObjectName("preview")
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.errors = QTableWidget(0, 3, self)
        self.errors.setObjectName("errors")
        self.errors.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("Problem")])
        self.errors.horizontalHeader().setStretchLastSection(True)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("doImport")
        self.import_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.run_import)
        row = QHBoxLayout()
        row.addWidget(self.what)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        row.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors, 1)
        layout.addWidget(self.buttons)
        browse.clicked.connect(self._browse)
        self.preview_button.clicked.connect(self.preview)
        self.path.textChanged.connect(lambda: self.import_button.setEnabled(False))
        self.what.currentIndexChanged.connect(lambda: self.import_button.setEnabled(False))

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.windowTitle(), "", "Excel, CSV (*.xlsx *.csv)")
        if path:
            self.path.setText(path)
            self.preview()

    def _run(self, commit: bool) -> ImportResult:
        path = Path(self.path.text().strip())
        return import_file(self.database, self.what.currentData(), path, commit=commit)

    def show_result(self, result: ImportResult, done: bool) -> None:
        verb = self.tr("Imported") if done else self.tr("Will be imported")
        text = f"{verb}: {result.imported}; " + self.tr("rejected rows: %1").replace(
            "%1", str(result.rejected)
        )
        if result.warnings:
            text += "\n" + "\n".join(result.warnings)
        self.summary.setText(text)
        self.errors.setRowCount(len(result.errors))
        for row, error in enumerate(result.errors):
            self.errors.setItem(row, 0, QTableWidgetItem(str(error.row)))
            self.errors.setItem(row, 1, QTableWidgetItem(error.column))
            self.errors.setItem(row, 2, QTableWidgetItem(error.message))

    def preview(self) -> None:
        try:
            result = self._run(commit=False)
        except UserError as error:
            self.summary.setText(error.message)
            self.errors.setRowCount(0)
            self.import_button.setEnabled(False)
            return
        self.show_result(result, done=False)
        self.import_button.setEnabled(result.imported > 0)

    def run_import(self) -> None:
        self.import_button.setEnabled(False)

        def job(progress: Any, cancel: Any) -> ImportResult:
            return self._run(commit=True)

        def done(result: ImportResult) -> None:
            self.show_result(result, done=True)
            self.imported.emit()

        run_task(self, job, title=self.windowTitle(), on_success=done, on_failure=self._failed)

    def _failed(self, error: BaseException) -> None:
        message = error.message if isinstance(error, UserError) else str(error)
        QMessageBox.warning(self, self.windowTitle(), message)
