"""The payment-request registry model: ids from core's filtered, sorted query; rows loaded by page."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop.core.db import Database
from desktop.core.models import RequestStatus
from desktop.core.requests import operations as request_operations
from desktop.core.requests import queries, routes
from desktop.ui.common import fmt
from desktop.ui.common.i18n import QT_TRANSLATE_NOOP
from desktop.ui.common.lazy_table import Column, IdsQuery, Index, LazyTableModel

STATUS_TITLES = {
    RequestStatus.DRAFT: QT_TRANSLATE_NOOP("RequestsModel", "Draft"),
    RequestStatus.APPROVAL: QT_TRANSLATE_NOOP("RequestsModel", "On approval"),
    RequestStatus.APPROVED: QT_TRANSLATE_NOOP("RequestsModel", "Approved for payment"),
    RequestStatus.PAID: QT_TRANSLATE_NOOP("RequestsModel", "Paid"),
    RequestStatus.REJECTED: QT_TRANSLATE_NOOP("RequestsModel", "Rejected"),
}
STATUS_COLORS = {
    RequestStatus.DRAFT: "#555555",
    RequestStatus.APPROVAL: "#8a5a00",
    RequestStatus.APPROVED: "#1a5fb4",
    RequestStatus.PAID: "#26801f",
    RequestStatus.REJECTED: "#b00020",
}


def status_title(status: RequestStatus) -> str:
    return QCoreApplication.translate("RequestsModel", STATUS_TITLES.get(status, status))


@dataclass(frozen=True)
class RequestRow:
    number: str
    year: int
    created: dt.date
    status: RequestStatus
    pay_by: dt.date
    contractor: str
    inn: str
    subject: str
    amount: Decimal
    currency: str
    entity: str
    initiator: str
    exported: bool
    paid_at: dt.date | None
    waiting: str  # «этап 2 из 2: Волков Сергей Николаевич (Финансовый директор)»
    budget_item: str


class RequestsModel(LazyTableModel):
    default_sort = ("number", True)

    def __init__(
        self, database: Any, parent: Any = None, login: str = "", today: dt.date | None = None
    ) -> None:
        self.columns = (
            Column("number", QCoreApplication.translate("RequestsModel", "Number"), width=70),
            Column("created", QCoreApplication.translate("RequestsModel", "Created"), width=85),
            Column("status", QCoreApplication.translate("RequestsModel", "Status"), width=150),
            Column("pay_by", QCoreApplication.translate("RequestsModel", "Pay by"), width=85),
            Column("contractor", QCoreApplication.translate("RequestsModel", "Contractor"), width=220),
            Column("subject", QCoreApplication.translate("RequestsModel", "What we pay for"), width=260),
            Column(
                "amount", QCoreApplication.translate("RequestsModel", "Amount"), align_right=True, width=110
            ),
            Column("entity", QCoreApplication.translate("RequestsModel", "Payer"), width=150),
            Column("initiator", QCoreApplication.translate("RequestsModel", "Initiator"), width=150),
            Column("waiting", QCoreApplication.translate("RequestsModel", "Waiting for"), width=260),
            Column("budget_item", QCoreApplication.translate("RequestsModel", "Budget item"), width=180),
        )
        self.filter = queries.RequestFilter()
        self.login = login
        self.today = today or dt.date.today()
        # Read once per refresh, not per page: logins → user names, own entity id → short name.
        self._names: dict[str, str] | None = None
        self._entities: dict[int, str] | None = None
        super().__init__(database, parent)

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        self._names = self._entities = None  # users or entities may have been renamed meanwhile
        super().refresh(then)

    def set_database(self, database: Any, *, load: bool = True) -> None:
        self._names = self._entities = None
        super().set_database(database, load=load)

    def ids_query(self, order_key: str, descending: bool) -> IdsQuery:
        flt, login, today = copy.deepcopy(self.filter), self.login, self.today  # as they are now
        return lambda database: request_operations.request_ids(
            database, flt, login, today, order_key, descending
        )

    def load_rows(self, database: Database, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        if self._names is None or self._entities is None:
            self._names, self._entities = request_operations.names_and_payers(database)
        names, entities = self._names, self._entities
        rows = {}
        for r in request_operations.requests_by_id(database, ids):
            row = RequestRow(
                number=r.number,
                year=r.year,
                created=fmt.local_time(r.created_at).date(),  # stored in UTC
                status=r.status,
                pay_by=r.pay_by,
                contractor=r.contractor_name,
                inn=r.contractor_inn,
                subject=r.subject,
                amount=r.amount,
                currency=r.currency,
                entity=entities.get(r.own_entity_id, ""),
                initiator=names.get(r.initiator, r.initiator),
                exported=r.exported_at is not None,
                paid_at=r.paid_at,
                waiting=routes.waiting_for(r, names),
                budget_item=f"{r.budget_item.code} {r.budget_item.name}" if r.budget_item else "",
            )
            rows[r.id] = (row,) * len(self.columns)
        return rows

    def row_object(self, row: int) -> RequestRow | None:
        values = self.row_values(row)
        return values[0] if values else None

    def display(self, column: Column, value: Any) -> str:
        row: RequestRow = value
        key = column.key
        if key == "number":
            return row.number if row.year == self.today.year else f"{row.number}/{row.year}"
        if key == "created":
            return fmt.date(row.created)
        if key == "status":
            title = status_title(row.status)
            if row.status == RequestStatus.APPROVED and row.exported:
                title += " · " + QCoreApplication.translate("RequestsModel", "exported")
            if row.status == RequestStatus.PAID and row.paid_at:
                title += " " + fmt.date(row.paid_at)
            return title
        if key == "pay_by":
            return fmt.date(row.pay_by)
        if key == "contractor":
            return f"{row.contractor} ({row.inn})"
        if key == "subject":
            return row.subject
        if key == "amount":
            suffix = "" if row.currency == "RUB" else f" {row.currency}"
            return fmt.money(row.amount) + suffix
        if key == "entity":
            return row.entity
        if key == "initiator":
            return row.initiator
        if key == "waiting":
            return row.waiting
        if key == "budget_item":
            return row.budget_item
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            row = self.row_object(index.row())
            key = self.columns[index.column()].key
            if row is not None and key == "status":
                return QColor(STATUS_COLORS.get(row.status, "#000000"))
            if (
                row is not None
                and key == "pay_by"
                and row.status in (RequestStatus.APPROVAL, RequestStatus.APPROVED)
                and row.pay_by < self.today
            ):
                return QColor("#b00020")  # overdue
            return None
        return super().data(index, role)
