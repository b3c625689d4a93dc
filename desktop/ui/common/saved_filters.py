"""Named filters a user saves for a registry ("unsigned, last quarter, my clients"), kept between runs."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QInputDialog, QPushButton, QWidget


class SavedFilters:
    """JSON dicts by name under ``<registry>/saved_filters`` in the UI state file."""

    def __init__(self, settings: QSettings, registry: str) -> None:
        self.settings = settings
        self.key = f"{registry}/saved_filters"

    def _all(self) -> dict[str, dict[str, Any]]:
        raw = self.settings.value(self.key, "{}")
        try:
            data = json.loads(str(raw))
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def names(self) -> list[str]:
        return sorted(self._all())

    def get(self, name: str) -> dict[str, Any] | None:
        return self._all().get(name)

    def save(self, name: str, values: dict[str, Any]) -> None:
        data = self._all()
        data[name] = values
        self.settings.setValue(self.key, json.dumps(data, ensure_ascii=False))
        self.settings.sync()

    def delete(self, name: str) -> None:
        data = self._all()
        data.pop(name, None)
        self.settings.setValue(self.key, json.dumps(data, ensure_ascii=False))
        self.settings.sync()


class SavedFiltersBar(QWidget):
    """A combo of saved filters with Save and Delete buttons."""

    chosen = Signal(dict)

    def __init__(self, store: SavedFilters, current: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.current = current  # a callable returning the current filter as a dict
        self.combo = QComboBox(self)
        self.combo.setObjectName("savedFilters")
        self.combo.setMinimumWidth(160)
        self.save_button = QPushButton(self.tr("Sa&ve filter…"), self)
        self.delete_button = QPushButton(self.tr("De&lete"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.save_button)
        layout.addWidget(self.delete_button)
        self.save_button.clicked.connect(self.ask_save)
        self.delete_button.clicked.connect(self.delete_current)
        self.combo.activated.connect(self._activated)
        self.reload()

    def reload(self) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("Saved filters"), None)
        for name in self.store.names():
            self.combo.addItem(name, name)
        self.combo.blockSignals(False)
        self.delete_button.setEnabled(False)

    def save_as(self, name: str) -> None:
        self.store.save(name, self.current())
        self.reload()
        self.combo.setCurrentIndex(self.combo.findData(name))

    def ask_save(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save filter"), self.tr("Filter name:"))
        if ok and name.strip():
            self.save_as(name.strip())

    def delete_current(self) -> None:
        name = self.combo.currentData()
        if name:
            self.store.delete(name)
            self.reload()

    def _activated(self, index: int) -> None:
        name = self.combo.itemData(index)
        self.delete_button.setEnabled(bool(name))
        values = self.store.get(name) if name else None
        if values is not None:
            self.chosen.emit(values)
