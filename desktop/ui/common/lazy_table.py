"""A table model for big registries: it holds row ids only and loads visible rows on demand.

Filtering and sorting happen in SQL, in core (``ids_query`` gives a core query of the filter as
it is now); rows are fetched by id in pages (``load_rows``, a core query too) when the view asks
for them, so 100 000 documents cost one id query and a page query per screenful (the approach of
Anki's browser table model).

With ``background = True`` the id query (and the model's ``summary``, e.g. a footer's count
and totals of the same filter) runs on a worker thread (core opens its own session): the rows on
screen stay until the new ids arrive, ``busy`` tells a view to show that work is going on, and
the answer to an older request (a filter typed over) is dropped when a newer one was made.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop.core.db import Database
from desktop.ui.tasks import run_task, show_error

log = logging.getLogger(__name__)

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    align_right: bool = False
    width: int = 120


# A core query of the current filter and order: the ids, and the summary (None when there is none).
IdsQuery = Callable[[Database], tuple[list[int], Any]]


class LazyTableModel(QAbstractTableModel):
    """Subclasses give ``columns``, ``ids_query(order_key, descending)`` and ``load_rows(database, ids)``.

    ``ids_query`` returns a function of a database (a core query built from the filter as it is
    now) giving the ids and a summary (e.g. a footer's count and totals, computed with the ids in
    the same worker call), which is ``summary`` once the rows are there.
    """

    columns: Sequence[Column] = ()

    default_sort: tuple[str, bool] = ("", False)  # (column key, descending); "" = the first column

    background = False  # run the id query on a worker thread (big registries)

    busy_changed = Signal(bool)
    loaded = Signal()  # the ids (and the summary) of the latest request are in place

    def __init__(self, database: Database | None, parent: Any = None) -> None:
        super().__init__(parent)
        self.database = database
        self._ids: list[int] = []
        self._rows: dict[int, tuple[Any, ...]] = {}
        self.summary: Any = None
        self._generation = 0  # the latest request; answers to older ones are dropped
        self._busy = False
        self._after_load: list[Callable[[], None]] = []
        keys = [c.key for c in self.columns]
        key, descending = self.default_sort
        self._sort_column = keys.index(key) if key in keys else 0
        self._descending = descending

    # --- to implement -------------------------------------------------------
    def ids_query(self, order_key: str, descending: bool) -> IdsQuery:
        raise NotImplementedError

    def load_rows(self, database: Database, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        raise NotImplementedError

    def display(self, column: Column, value: Any) -> str:
        return "" if value is None else str(value)

    # --- API -------------------------------------------------------------------
    def set_database(self, database: Database | None, *, load: bool = True) -> None:
        """Another database: its rows are shown only once loaded — ids of the old one mean nothing there.

        ``load=False`` when the caller refreshes itself (after updating its filter lists).
        """
        self.database = database
        self.clear()
        if load:
            self.refresh()

    def clear(self) -> None:
        """No rows until the next refresh; an answer still on its way is dropped."""
        self._generation += 1
        self.beginResetModel()
        self._ids = []
        self._rows.clear()
        self.summary = None
        self.endResetModel()

    @property
    def busy(self) -> bool:
        """A request is running: the rows on screen are those of the previous one."""
        return self._busy

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Re-run the id query (after a filter change, a sort or a change in the data).

        ``then`` runs once the new rows are in place (right away in the foreground mode); when a
        newer request overtakes this one, it runs after that one instead.
        """
        if then is not None:
            self._after_load.append(then)
        self._generation += 1
        generation = self._generation
        database = self.database
        if database is None or not self.columns:
            self._apply(generation, [], None)
            return
        # The query is built here, from the filter as it is now; only its execution goes to
        # the worker, so later edits of the filter cannot leak in.
        query = self.ids_query(self.columns[self._sort_column].key, self._descending)

        if not self.background:
            self._apply(generation, *query(database))
            return

        def job(_progress: Any, _cancel: Any) -> tuple[list[int], Any]:
            return query(database)  # core opens a session of the worker thread

        def done(result: tuple[list[int], Any]) -> None:
            if shiboken6.isValid(self):  # the table may be gone (window closed meanwhile)
                self._apply(generation, *result)

        def failed(error: BaseException) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            self._set_busy(False)
            show_error(None, error)

        self._set_busy(True)
        run_task(None, job, show_progress=False, on_success=done, on_failure=failed)

    def _apply(self, generation: int, ids: list[int], summary: Any) -> None:
        if generation != self._generation:
            return  # a newer request is on its way: its answer is the one to show
        self.beginResetModel()
        self._rows.clear()
        self._ids = ids
        self.summary = summary
        self.endResetModel()
        self._set_busy(False)
        callbacks, self._after_load = self._after_load, []
        for callback in callbacks:
            callback()
        self.loaded.emit()

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)):
            return
        if column == self._sort_column and (order == Qt.SortOrder.DescendingOrder) == self._descending:
            return  # already in this order (the view asks once when sorting is switched on)
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
        self._rows.update(self.load_rows(self.database, page))
