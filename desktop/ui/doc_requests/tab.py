"""The «Запросы документов» tab: a manager's requests (what is ready, what waits for the originals or
for the payment), the accountants' queue (sent and in work), or all of them; filtered by state and
searched by number, client or comment; a request opens in its card."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.core.common.labels import DOC_REQUEST_STATE_TITLES
from desktop.core.db import Database
from desktop.core.doc_requests import operations
from desktop.core.doc_requests.queries import ALL, MINE, QUEUE, RequestRow
from desktop.ui.common import fmt
from desktop.ui.common.widgets import cell, named, named_combo, pick_table
from desktop.ui.doc_requests.card import DocRequestCard

ID_ROLE = Qt.ItemDataRole.UserRole


class DocRequestsTab(QWidget):
    def __init__(
        self,
        database: Database | None,
        parent: QWidget | None = None,
        settings: Settings | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("docRequestsTab")
        self.database = database
        self.settings = settings
        self.today = today
        self.rows: list[RequestRow] = []
        self.last_card: DocRequestCard | None = None
        self._view_chosen = False
        self.view_combo = named_combo(
            self,
            "docRequestView",
            [
                (self.tr("My requests"), MINE),
                (self.tr("Accountants' queue"), QUEUE),
                (self.tr("All requests"), ALL),
            ],
        )
        self.state = named_combo(
            self,
            "docRequestStateFilter",
            [
                (self.tr("All states"), None),
                *((title, state.value) for state, title in DOC_REQUEST_STATE_TITLES.items()),
            ],
        )
        self.search = named(QLineEdit(self), "docRequestSearch")
        self.search.setPlaceholderText(self.tr("Search by number, client or comment"))
        self.search.setClearButtonEnabled(True)
        self.new_button = named(QPushButton(self.tr("&New request…"), self), "newDocRequest")
        self.open_button = named(QPushButton(self.tr("Op&en"), self), "openDocRequest")
        self.table = pick_table(
            self,
            "docRequestsTable",
            [
                self.tr("No."),
                self.tr("Created"),
                self.tr("Client"),
                self.tr("Own entity"),
                self.tr("Documents wanted"),
                self.tr("State"),
                self.tr("Waits for"),
                self.tr("Author"),
                self.tr("Accountant"),
                self.tr("Contract"),
                self.tr("Files"),
            ],
        )
        self.footer = named(QLabel(self), "docRequestsFooter")
        top = QHBoxLayout()
        top.addWidget(self.view_combo)
        top.addWidget(self.state)
        top.addWidget(self.search, 3)
        top.addWidget(self.new_button)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.footer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.view_combo.activated.connect(lambda _i: self._chosen_view())
        self.view_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.state.currentIndexChanged.connect(lambda _i: self.reload())
        self.new_button.clicked.connect(lambda: self.open_request(None))
        self.open_button.clicked.connect(lambda: self.open_request(self.current_id()))
        self.table.doubleClicked.connect(lambda _index: self.open_request(self.current_id()))
        self.set_database(database)

    # --- data -------------------------------------------------------------------------------
    def set_database(self, database: Database | None) -> None:
        self.database = database
        if database is not None and not self._view_chosen:
            default = QUEUE if operations.may_work_queue(database, database.login) else MINE
            self.view_combo.blockSignals(True)
            self.view_combo.setCurrentIndex(self.view_combo.findData(default))
            self.view_combo.blockSignals(False)
        self.reload()

    def _chosen_view(self) -> None:
        self._view_chosen = True

    def reload(self) -> None:
        database = self.database
        self.rows = (
            operations.list_rows(
                database,
                self.view_combo.currentData(),
                database.login,
                self.state.currentData(),
                self.search.text(),
            )
            if database is not None
            else []
        )
        chosen = self.current_id()
        self.table.setRowCount(len(self.rows))
        waiting = QBrush(QColor("#fff4d6"))
        for row, request in enumerate(self.rows):
            values = (
                str(request.id),
                fmt.date(fmt.local_time(request.created_at).date()),
                request.client,
                request.entity,
                request.wanted,
                request.state_title,
                request.waiting,
                request.initiator_name,
                request.assignee_name,
                request.contract,
                str(request.documents) if request.documents else "",
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, request.id)
                if request.waiting:
                    item.setBackground(waiting)
                self.table.setItem(row, column, item)
            if request.id == chosen:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self.footer.setText(self.tr("Requests: %1").replace("%1", str(len(self.rows))))
        self.open_button.setEnabled(bool(self.rows))
        self.new_button.setEnabled(database is not None)

    def current_id(self) -> int | None:
        row = self.table.currentRow()
        if row < 0 or row >= self.table.rowCount():
            return None
        value = cell(self.table, row, 0).data(ID_ROLE)
        return int(value) if value is not None else None

    def row_of(self, request_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == request_id), None)

    # --- the card ---------------------------------------------------------------------------
    def open_request(self, request_id: int | None) -> DocRequestCard | None:
        if self.database is None:
            return None
        if request_id is not None:
            operations.load(self.database, request_id)  # a request gone since: UserError, and no card
        card = DocRequestCard(self.database, request_id, self, settings=self.settings, today=self.today)
        card.changed.connect(lambda _id: self.reload())
        self.last_card = card
        card.open()
        return card

    def select(self, request_id: int) -> None:
        row = self.row_of(request_id)
        if row is None and self.view_combo.currentData() != ALL:
            self.view_combo.setCurrentIndex(self.view_combo.findData(ALL))
            self.state.setCurrentIndex(0)
            row = self.row_of(request_id)
        if row is not None:
            self.table.selectRow(row)

    # --- state ------------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("doc_requests/state", self.state.currentIndex())

    def restore_state(self, settings: QSettings) -> None:
        index = settings.value("doc_requests/state", 0)
        self.state.setCurrentIndex(int(index) if str(index).isdigit() else 0)  # type: ignore[call-overload]
