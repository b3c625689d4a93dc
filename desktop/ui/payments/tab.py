"""The «Платежи» tab: invoices with what is paid on them."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.core.db import Database
from desktop.ui.common.table_view import RegistryView
from desktop.ui.registry.model import DocumentsModel


class PaymentsTab(QWidget):
    def __init__(self, database: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentsTab")
        self.title = QLabel(self.tr("Invoices and their payment state"), self)
        self.model = DocumentsModel(database, self, kinds=("invoice",))
        self.view = RegistryView(self.model, "payments", self)
        self.view.setObjectName("paymentsView")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        self.model.refresh()

    def set_database(self, database: Database | None) -> None:
        self.model.set_database(database)

    def reload(self) -> None:
        self.model.refresh()

    def save_state(self, settings: QSettings) -> None:
        self.view.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        self.view.restore_state(settings)
