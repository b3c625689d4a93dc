"""The «Заявки на оплату» tab: the registry of outgoing payment requests with filters, the built-in
views (my requests, waiting for my approval — the requests whose waiting step is the user's —, due
this week), saved filters, totals, the card, and the export of approved requests as payment orders
for the bank client. The user is the database's (``Database.login``: on PostgreSQL the connection's
login) unless a login is given."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.core.db import Database
from desktop.core.models import Role
from desktop.core.requests import export, queries
from desktop.core.requests import operations as request_operations
from desktop.ui.common import changes, fmt
from desktop.ui.common.changes import notify_changed
from desktop.ui.common.entity_choice import EntityChoice
from desktop.ui.common.saved_filters import SavedFilters, SavedFiltersBar
from desktop.ui.common.state import ui_state
from desktop.ui.common.table_view import RegistryView
from desktop.ui.common.widgets import named, named_combo
from desktop.ui.requests.card import RequestCard
from desktop.ui.requests.model import STATUS_TITLES, RequestsModel, status_title
from desktop.ui.tasks import run_task, show_error


class RequestsTab(QWidget):
    def __init__(
        self,
        database: Database | None,
        parent: QWidget | None = None,
        settings: Settings | None = None,
        *,
        login: str | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("requestsTab")
        self.database = database
        self.settings = settings
        self._fixed_login = login
        self.login = login or (database.login if database is not None else "")
        self._fixed_today = today
        self.today = today or dt.date.today()
        self.model = RequestsModel(database, self, login=self.login, today=self.today)
        self._create_controls()
        self._lay_out()
        self._connect()
        self.reload()

    # --- building -------------------------------------------------------------------------------
    def _create_controls(self) -> None:
        """The filters (view, search, status, entity, saved filters) and the buttons."""
        self.search = named(QLineEdit(self), "requestSearch")
        self.search.setPlaceholderText(self.tr("Search by number, contractor, INN or purpose"))
        self.search.setClearButtonEnabled(True)
        self.view_combo = named_combo(
            self,
            "requestPreset",
            [
                (self.tr("All requests"), None),
                (self.tr("My requests"), "mine"),
                (self.tr("Waiting for my approval"), "to_approve"),
                (self.tr("Due this week"), "due_this_week"),
            ],
        )
        self.status = named_combo(
            self,
            "requestStatusFilter",
            [(self.tr("All statuses"), None), *((status_title(s), s) for s in STATUS_TITLES)],
        )
        self.entity = EntityChoice(self, "requestEntity")
        self.new_button = named(QPushButton(self.tr("&New request…"), self), "newRequest")
        self.open_button = named(QPushButton(self.tr("Op&en"), self), "openRequest")
        self.export_button = named(
            QPushButton(self.tr("E&xport approved to the bank…"), self), "exportOrders"
        )
        self.saved = SavedFiltersBar(SavedFilters(ui_state(), "requests"), self.current_filter_dict, self)
        self.saved.chosen.connect(self.set_filter_dict)

    def _lay_out(self) -> None:
        """Filters on top, the buttons under them, the registry, the totals footer."""
        top = QHBoxLayout()
        top.addWidget(self.view_combo)
        top.addWidget(self.search, 3)
        top.addWidget(self.status)
        top.addWidget(self.entity)
        top.addWidget(self.saved)
        second = QHBoxLayout()
        second.addWidget(self.new_button)
        second.addWidget(self.open_button)
        second.addStretch(1)
        second.addWidget(self.export_button)
        self.view = RegistryView(self.model, "requests", self)
        self.view.setObjectName("requestsView")
        self.footer = named(QLabel(self), "requestsFooter")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.footer)

    def _connect(self) -> None:
        """Filters apply at once (the search after a pause); the buttons open the card or export."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._timer.start)
        for combo in (self.view_combo, self.status):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.entity.changed.connect(self.apply_filters)
        self.new_button.clicked.connect(lambda: self.open_card(None))
        self.open_button.clicked.connect(lambda: self.open_card(self.view.current_id()))
        self.view.doubleClicked.connect(lambda _i: self.open_card(self.view.current_id()))
        self.export_button.clicked.connect(self.export_dialog)
        self.model.modelReset.connect(self._update_footer)

    # --- data -----------------------------------------------------------------------------------
    def set_database(self, database: Database | None) -> None:
        self.database = database
        self.login = self._fixed_login or (database.login if database is not None else "")
        self.model.login = self.login
        self.model.set_database(database, load=False)
        self.reload()

    def reload(self) -> None:
        if self.database is not None:
            self.entity.load(self.database)
        self._update_export_button()
        self.apply_filters()

    def _update_export_button(self) -> None:
        """Only an accountant or an admin exports; others see why the button is off."""
        role = None
        if self.database is not None:
            role = request_operations.user_role(self.database, self.login)
        allowed = role in (Role.ACCOUNTANT, Role.ADMIN)
        self.export_button.setEnabled(allowed)
        self.export_button.setToolTip(
            self.tr(
                "Approved requests not exported yet, as payment orders (1CClientBankExchange) for the bank client"
            )
            if allowed
            else self.tr("Only an accountant or an admin exports payment orders.")
        )

    def current_filter(self) -> queries.RequestFilter:
        status = self.status.currentData()
        return queries.RequestFilter(
            statuses=[status] if status else [],
            **self.entity.filter_fields(),
            search=self.search.text(),
            preset=self.view_combo.currentData(),
        )

    def current_filter_dict(self) -> dict[str, Any]:
        return self.current_filter().as_dict()

    def set_filter_dict(self, values: dict[str, Any]) -> None:
        flt = queries.RequestFilter.from_dict(values)
        for combo, value in (
            (self.view_combo, flt.preset),
            (self.status, flt.statuses[0] if flt.statuses else None),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.entity.choose_filter(flt)
        self.search.blockSignals(True)
        self.search.setText(flt.search)
        self.search.blockSignals(False)
        self.apply_filters()

    def apply_filters(self) -> None:
        self.today = self._fixed_today or dt.date.today()  # "this week" moves on in a window left open
        self.model.filter = self.current_filter()
        self.model.login = self.login
        self.model.today = self.today
        self.model.refresh()

    def _update_footer(self) -> None:
        if self.database is None or self.model.summary is None:
            self.footer.clear()
            return
        totals: queries.Totals = self.model.summary  # computed with the rows (RequestsModel.ids_query)
        sums = "; ".join(
            (fmt.rub(amount) if currency == "RUB" else f"{fmt.money(amount)} {currency}")
            for currency, amount in totals.by_currency.items()
        )
        self.footer.setText(
            self.tr("Requests: %1   Amount: %2")
            .replace("%1", str(totals.count))
            .replace("%2", sums or fmt.rub(0))
        )

    # --- card -----------------------------------------------------------------------------------
    def show_request(self, request_id: int) -> bool:
        """The card of a request (a notification about it); False when there is no such request."""
        if self.database is None or not request_operations.requests_by_id(self.database, [request_id]):
            return False
        self.open_card(request_id)
        return True

    def open_card(self, request_id: int | None) -> Any:
        if self.database is None:
            return None
        card = RequestCard(
            self.database, request_id, self, login=self.login, settings=self.settings, today=self.today
        )
        card.changed.connect(lambda _id: self.model.refresh())
        card.changed.connect(lambda _id: notify_changed(self, changes.REQUESTS))
        self.last_card = card
        card.open()
        return card

    # --- export ---------------------------------------------------------------------------------
    def export_dialog(self) -> None:
        name = f"Платёжные поручения {self.today:%d.%m.%Y}.txt"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export payment orders"), name, self.tr("Bank exchange file (*.txt)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Any:
        database = self.database
        if database is None:
            return None
        chosen = self.entity.chosen()
        if len(chosen) > 1:
            QMessageBox.warning(
                self,
                self.tr("Export payment orders"),
                self.tr(
                    "One payment orders file is one payer's account: choose one own entity in the filter."
                ),
            )
            return None
        entity_id = chosen[0] if chosen else None
        login, today = self.login, self.today

        def job(progress: Any, cancel: Any) -> export.ExportResult:
            return request_operations.export_orders(
                database, path, own_entity_id=entity_id, login=login, today=today
            )

        def done(result: export.ExportResult) -> None:
            self.last_export = result
            self.model.refresh()
            QMessageBox.information(
                self,
                self.tr("Export payment orders"),
                self.tr("Payment orders: %1 for %2 (%3) → %4")
                .replace("%1", str(len(result.requests)))
                .replace("%2", fmt.rub(result.total))
                .replace("%3", result.entity)
                .replace("%4", str(result.path)),
            )

        def failed(error: BaseException) -> None:
            self.last_export_error = error
            show_error(self, error, title=self.tr("Export payment orders"))

        self.last_task = run_task(
            self, job, title=self.tr("Writing payment orders"), on_success=done, on_failure=failed
        )
        return self.last_task

    def save_state(self, settings: QSettings) -> None:
        self.view.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        self.view.restore_state(settings)
