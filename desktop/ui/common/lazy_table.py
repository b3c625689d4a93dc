"""A table model for big registries: it holds row ids only and loads visible rows on demand.

Filtering and sorting happen in SQL (``select_ids``); rows are fetched by id in pages
(``load_rows``) when the view asks for them, so 100 000 documents cost one id query and
a page query per screenful (the approach of Anki's browser table model).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from sqlalchemy import Select
from sqlalchemy.orm import Session

from desktop.core.db import Database

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    align_right: bool = False
    width: int = 120


class LazyTableModel(QAbstractTableModel):
    """Subclasses give ``columns``, ``select_ids(order_key, descending)`` and ``load_rows(session, ids)``."""

    columns: Sequence[Column] = ()

    default_sort: tuple[str, bool] = ("", False)  # (column key, descending); "" = the first column

    def __init__(self, database: Database | None, parent: Any = None) -> None:
        super().__init__(parent)
        self.database = database
        self._ids: list[int] = []
        self._rows: dict[int, tuple[Any, ...]] = {}
        keys = [c.key for c in self.columns]
        key, descending = self.default_sort
        self._sort_column = keys.index(key) if key in keys else 0
        self._descending = descending

    # --- to implement -------------------------------------------------------
    def select_ids(self, order_key: str, descending: bool) -> Select[Any]:
        raise NotImplementedError

    def load_rows(self, session: Session, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        raise NotImplementedError

    def display(self, column: Column, value: Any) -> str:
        return "" if value is None else str(value)

    # --- API -------------------------------------------------------------------
    def set_database(self, database: Database | None) -> None:
        self.database = database
        self.refresh()

    def refresh(self) -> None:
        """Re-run the id query (after a filter change, a sort or a change in the data)."""
        self.beginResetModel()
        self._rows.clear()
        self._ids = []
        if self.database is not None and self.columns:
            key = self.columns[self._sort_column].key
            with self.database.session() as session:
                self._ids = list(session.scalars(self.select_ids(key, self._descending)))
        self.endResetModel()

    def row_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, row_id: int) -> int | None:
        try:
            return self._ids.index(row_id)
        except ValueError:
            return None

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        order = Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder
        return self._sort_column, order

    def ids(self) -> list[int]:
        return list(self._ids)

    def row_values(self, row: int) -> tuple[Any, ...] | None:
        row_id = self.row_id(row)
        if row_id is None:
            return None
        if row_id not in self._rows:
            self._load_page(row)
        return self._rows.get(row_id)

    def loaded_count(self) -> int:
        return len(self._rows)

    # --- Qt model -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.columns):
                return self.columns[section].title
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole):
            return None
        values = self.row_values(index.row())
        if values is None:
            return None
        value = values[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return value
        return self.display(column, value)

    def visible_rows(self) -> list[tuple[Any, ...]]:
        """Every row of the current filter and order (loads what is not loaded yet): for exports."""
        for row in range(0, len(self._ids), PAGE_SIZE):
            self._load_page(row)
        return [self._rows[i] for i in self._ids if i in self._rows]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)):
            return
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def _load_page(self, row: int) -> None:
        if self.database is None:
            return
        start = (row // PAGE_SIZE) * PAGE_SIZE
        page = [i for i in self._ids[start : start + PAGE_SIZE] if i not in self._rows]
        if not page:
            return
        with self.database.session() as session:
            self._rows.update(self.load_rows(session, page))
