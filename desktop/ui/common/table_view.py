"""A table view for lazy registries: sortable, remembers its column state between runs."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.ui.common.lazy_table import LazyTableModel


class RegistryView(QTableView):
    def __init__(self, model: LazyTableModel, state_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state_key = state_key
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        column, order = model.sort_state()
        self.horizontalHeader().blockSignals(True)
        self.horizontalHeader().setSortIndicator(column, order)
        self.horizontalHeader().blockSignals(False)
        self.setSortingEnabled(True)  # sorts once by the indicator: the model's default order
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionsMovable(True)
        for column, spec in enumerate(model.columns):
            self.setColumnWidth(column, spec.width)

    def lazy_model(self) -> LazyTableModel:
        model = self.model()
        assert isinstance(model, LazyTableModel)
        return model

    def selected_ids(self) -> list[int]:
        model = self.lazy_model()
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [row_id for row_id in (model.row_id(r) for r in rows) if row_id is not None]

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return self.lazy_model().row_id(index.row()) if index.isValid() else None

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"{self.state_key}/header", self.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value(f"{self.state_key}/header")
        if isinstance(state, QByteArray | bytes):
            self.horizontalHeader().restoreState(QByteArray(state))
