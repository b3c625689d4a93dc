"""Where and how the UPD XML of a period are exported for an EDO operator: a folder, XML files or one
ZIP per client, and whether they are marked as sent by EDO."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.widgets import row_of


class EdoExportDialog(QDialog):
    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("edoExportDialog")
        self.setWindowTitle(self.tr("Export UPD for EDO"))
        self.folder = QLineEdit(str(folder), self)
        self.folder.setObjectName("edoFolder")
        self.folder.setMinimumWidth(380)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        self.as_files = QRadioButton(self.tr("XML files into the folder"), self)
        self.as_files.setObjectName("edoAsFiles")
        self.as_zip = QRadioButton(self.tr("One ZIP per client"), self)
        self.as_zip.setObjectName("edoAsZip")
        self.as_zip.setChecked(True)
        self.mark_sent = QCheckBox(self.tr("Mark the UPDs as sent by EDO"), self)
        self.mark_sent.setObjectName("edoMarkSent")
        self.mark_sent.setChecked(True)
        self.mark_sent.setToolTip(self.tr("The registry then shows them as sent by EDO"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.folder.textChanged.connect(self._update)

        where = row_of(self, (self.folder, 1), browse)
        how = QWidget(self)
        column = QVBoxLayout(how)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.as_zip)
        column.addWidget(self.as_files)
        form = QFormLayout()
        form.addRow(self.tr("Folder:"), where)
        form.addRow(self.tr("As:"), how)
        form.addRow("", self.mark_sent)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update()

    def chosen_folder(self) -> Path:
        return Path(self.folder.text().strip())

    def browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the EDO files"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.folder.text().strip()))
