"""The «Реестр актов» tab: every act, invoice and UPD with its signed / sent / paid state."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.core.db import Database
from desktop.ui.common.table_view import RegistryView
from desktop.ui.registry.model import DocumentsModel


class RegistryTab(QWidget):
    def __init__(self, database: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registryTab")
        self.model = DocumentsModel(database, self)
        self.search = QLineEdit(self)
        self.search.setObjectName("registrySearch")
        self.search.setPlaceholderText(self.tr("Search by number, client or INN"))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox(self)
        self.kind.setObjectName("registryKind")
        self.kind.addItem(self.tr("All documents"), ())
        self.kind.addItem(self.tr("Acts"), ("act",))
        self.kind.addItem(self.tr("Invoices"), ("invoice",))
        self.kind.addItem(self.tr("UPD"), ("upd",))
        self.count = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.kind, 1)
        top.addWidget(self.count)
        self.view = RegistryView(self.model, "registry", self)
        self.view.setObjectName("registryView")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._timer.start)
        self.kind.currentIndexChanged.connect(self.apply_filters)
        self.model.modelReset.connect(self._update_count)
        self.model.refresh()

    def set_database(self, database: Database | None) -> None:
        self.model.set_database(database)

    def reload(self) -> None:
        self.model.refresh()

    def apply_filters(self) -> None:
        self.model.search = self.search.text()
        self.model.kinds = tuple(self.kind.currentData() or ())
        self.model.refresh()

    def _update_count(self) -> None:
        self.count.setText(self.tr("Documents: %n", "", self.model.rowCount()))

    def save_state(self, settings: QSettings) -> None:
        self.view.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        self.view.restore_state(settings)
