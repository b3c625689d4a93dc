"""Small widget builders shared by the tabs."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget


def named_combo(parent: QWidget, name: str, items: list[tuple[str, Any]]) -> QComboBox:
    """A combo box named ``name`` (for tests and saved state) with (title, data) items."""
    box = QComboBox(parent)
    box.setObjectName(name)
    for title, value in items:
        box.addItem(title, value)
    return box


def row_of(parent: QWidget, *items: QWidget | str | tuple[QWidget, int] | None) -> QWidget:
    """A borderless row for a form: widgets, texts (as labels), ``(widget, stretch)`` and ``None``
    (the rest of the row left empty)."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for item in items:
        if item is None:
            layout.addStretch(1)
        elif isinstance(item, str):
            layout.addWidget(QLabel(item, row))
        elif isinstance(item, tuple):
            layout.addWidget(item[0], item[1])
        else:
            layout.addWidget(item)
    return row
