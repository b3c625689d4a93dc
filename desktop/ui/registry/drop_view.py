"""The registry table that takes signed scans dropped from Explorer onto a document row.

Only local files are accepted and the action is always Copy (the original stays where it is,
as in Picard's item views). While the files hover over a row the view says what will happen.
Files dropped below the rows go to the scan inbox (sorted onto their acts by the QR codes).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget

from desktop.ui.common.lazy_table import LazyTableModel
from desktop.ui.common.table_view import RegistryView


def local_files(mime: QMimeData) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class ScanDropView(RegistryView):
    files_dropped = Signal(int, list)  # document id, [Path]
    files_dropped_outside = Signal(list)  # [Path] dropped below the rows: for the scan inbox
    hover_changed = Signal(int, list)  # document id (-1: none), [Path]

    def __init__(self, model: LazyTableModel, state_key: str, parent: QWidget | None = None) -> None:
        super().__init__(model, state_key, parent)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)
        self._hover_row = -1

    def _row_at(self, event: QDragMoveEvent | QDropEvent) -> int:
        return self.indexAt(event.position().toPoint()).row()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        files = local_files(event.mimeData())
        row = self._row_at(event)
        if not files or row < 0:
            if files:  # below the rows: a folder or stack of scans, sorted by their QR codes
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
            else:
                event.ignore()
            if self._hover_row != -1:
                self._set_hover(-1, files)
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if row != self._hover_row:
            self.selectRow(row)
            self._set_hover(row, files)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_hover(-1, [])
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        row = self._row_at(event)
        document_id = self.lazy_model().row_id(row) if row >= 0 else None
        self._set_hover(-1, [])
        if files and document_id is None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.files_dropped_outside.emit(files)
            return
        if not files or document_id is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.files_dropped.emit(document_id, files)

    def _set_hover(self, row: int, files: list[Path]) -> None:
        self._hover_row = row
        document_id = self.lazy_model().row_id(row) if row >= 0 else None
        self.hover_changed.emit(document_id if document_id is not None else -1, files)
