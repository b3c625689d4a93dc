"""The audit log table: ids from core's filtered, sorted query (on a worker); rows loaded by page."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop.core.audit import describe, titles
from desktop.core.audit import operations as audit_operations
from desktop.core.audit.queries import AuditFilter, AuditRow
from desktop.core.db import Database
from desktop.ui.common.lazy_table import Column, IdsQuery, Index, LazyTableModel

ACTION_COLORS = {titles.INSERT: "#26801f", titles.UPDATE: "#1a5fb4", titles.DELETE: "#b00020"}


# column → the field of ``AuditRow`` it shows (the moment is formatted)
_TEXT_OF = {
    "who": "who",
    "object": "object",
    "row": "reference",
    "action": "action_title",
    "changes": "summary",
}


class AuditModel(LazyTableModel):
    default_sort = ("at", True)
    background = True  # the log only grows: its query never holds the window

    def __init__(self, database: Database | None, parent: Any = None) -> None:
        self.columns = (
            Column("at", QCoreApplication.translate("AuditModel", "When"), width=135),
            Column("who", QCoreApplication.translate("AuditModel", "Who"), width=190),
            Column("object", QCoreApplication.translate("AuditModel", "Object"), width=130),
            Column("row", QCoreApplication.translate("AuditModel", "No./id"), width=160),
            Column("action", QCoreApplication.translate("AuditModel", "Action"), width=90),
            Column("changes", QCoreApplication.translate("AuditModel", "What changed"), width=500),
        )
        self.filter = AuditFilter()
        super().__init__(database, parent)

    def ids_query(self, order_key: str, descending: bool) -> IdsQuery:
        flt = copy.deepcopy(self.filter)  # as it is now
        return lambda database: audit_operations.entry_ids(database, flt, order_key, descending)

    def load_rows(self, database: Database, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        found = audit_operations.entries_by_id(database, ids)
        return {entry_id: (row,) * len(self.columns) for entry_id, row in found.items()}

    def row_object(self, row: int) -> AuditRow | None:
        values = self.row_values(row)
        return values[0] if values else None

    def display(self, column: Column, value: Any) -> str:
        row: AuditRow = value
        if column.key == "at":
            return describe.moment_text(row.at)
        return str(getattr(row, _TEXT_OF.get(column.key, ""), "") or "")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.columns[index.column()].key
        if role == Qt.ItemDataRole.ForegroundRole and key == "action":
            row = self.row_object(index.row())
            return QColor(ACTION_COLORS[row.action]) if row and row.action in ACTION_COLORS else None
        if role == Qt.ItemDataRole.ToolTipRole and key == "changes":
            row = self.row_object(index.row())
            return row.details if row is not None else None
        return super().data(index, role)
