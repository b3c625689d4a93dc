"""A table view for lazy registries: sortable, remembers its column state, says when it is loading."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from desktop.ui.common.lazy_table import LazyTableModel


class BusyIndicator(QLabel):
    """«Загрузка…» over the top of the table while the model's query runs in the background.

    Shown only when the query takes longer than ``show_after_ms``, so a quick filter does not flicker.
    """

    def __init__(self, view: QTableView, show_after_ms: int = 150) -> None:
        super().__init__(view.viewport())
        self.setObjectName("busyIndicator")
        self.setText(self.tr("Loading…"))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            "background: #fff8d6; color: #5a4a00; border: 1px solid #e0c060; border-radius: 3px; padding: 3px 12px"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()
        self._view = view
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(show_after_ms)
        self._timer.timeout.connect(self._show)
        view.viewport().installEventFilter(self)

    def set_busy(self, busy: bool) -> None:
        if busy:
            self._timer.start()
        else:
            self._timer.stop()
            self.hide()
            self._view.viewport().unsetCursor()

    def _show(self) -> None:
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()
        self._view.viewport().setCursor(Qt.CursorShape.BusyCursor)

    def _place(self) -> None:
        viewport = self._view.viewport()
        self.move(max(0, (viewport.width() - self.width()) // 2), 8)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False


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
        self.busy_indicator = BusyIndicator(self)
        model.busy_changed.connect(self.busy_indicator.set_busy)
        # Columns take the width of their content once the first rows are in (unless the user's
        # own widths were restored); a double click on a header divider does it again.
        self._fit_pending = True
        model.loaded.connect(self._fit_columns_once)

    MAX_COLUMN_WIDTH = 420

    def fit_columns(self) -> None:
        model = self.lazy_model()
        header = self.horizontalHeader()
        for column in range(model.columnCount() - 1):  # the last one stretches
            wanted = max(self.sizeHintForColumn(column), header.sectionSizeHint(column))
            self.setColumnWidth(column, min(wanted, self.MAX_COLUMN_WIDTH))

    def _fit_columns_once(self) -> None:
        if self._fit_pending and self.lazy_model().rowCount() > 0:
            self._fit_pending = False
            self.fit_columns()

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
        if isinstance(state, QByteArray | bytes) and self.horizontalHeader().restoreState(QByteArray(state)):
            self._fit_pending = False  # the widths the user left
