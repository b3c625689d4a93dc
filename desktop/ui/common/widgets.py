"""Small widget builders shared by the tabs."""

from __future__ import annotations

import itertools
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

Named = TypeVar("Named", bound=QObject)


def named(widget: Named, name: str) -> Named:
    """``widget`` with its object name set (for tests and saved state). PySide6 takes
    ``objectName=`` as a constructor keyword too, but its stubs list no inherited property."""
    widget.setObjectName(name)
    return widget


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


def field_error(parent: QWidget, name: str) -> QLabel:
    """The hidden red line under a field that says what is wrong with it (``<name>_error``)."""
    label = named(QLabel(parent), f"{name}_error")
    label.setStyleSheet("color: #b00020; font-size: 11px")
    label.setWordWrap(True)
    label.hide()
    return label


def with_error(widget: QWidget, error: QLabel) -> QWidget:
    """``widget`` with its ``field_error`` line right under it, as one cell of a form."""
    box = QWidget(error.parentWidget())
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box


def pick_table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    """A read-only table to choose one row from (whole rows selected, the last column stretched)."""
    table = named(QTableWidget(0, len(headers), parent), name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item of a cell the table always fills (``item()`` is None only for a cell never set)."""
    item = table.item(row, column)
    if item is None:
        raise LookupError(f"{table.objectName()}: no item in row {row}, column {column}")
    return item


def tab_order_by_layout(root: QWidget) -> list[QWidget]:
    """Make Tab go through ``root``'s widgets in the order of its layouts (left to right, top to
    bottom as they are laid out), not in the order they happened to be created. Returns that order."""
    order: list[QWidget] = []

    def visit_widget(widget: QWidget) -> None:
        if isinstance(widget, QSplitter):
            for index in range(widget.count()):
                child = widget.widget(index)
                if child is not None:
                    visit_widget(child)
            return
        layout = widget.layout()
        if layout is not None and not isinstance(widget, QTabWidget):
            visit_layout(layout)
        elif widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            order.append(widget)

    def visit_layout(layout: QLayout) -> None:
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item is None:
                continue
            child, inner = item.widget(), item.layout()
            if child is not None:
                visit_widget(child)
            elif inner is not None:
                visit_layout(inner)

    layout = root.layout()
    if layout is not None:
        visit_layout(layout)
    for first, second in itertools.pairwise(order):
        QWidget.setTabOrder(first, second)
    return order
