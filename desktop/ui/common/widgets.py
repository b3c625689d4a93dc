"""Small widget builders shared by the tabs."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget


def named_combo(parent: QWidget, name: str, items: list[tuple[str, Any]]) -> QComboBox:
    """A combo box named ``name`` (for tests and saved state) with (title, data) items."""
    box = QComboBox(parent)
    box.setObjectName(name)
    for title, value in items:
        box.addItem(title, value)
    return box
