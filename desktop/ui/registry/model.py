"""The registry model: ids from core's filtered, sorted query; rows loaded lazily by page."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop.core.db import Database
from desktop.core.models import SIGNABLE_KINDS, DocumentKind
from desktop.core.registry import operations as registry
from desktop.core.registry.queries import RegistryFilter, RegistryRow
from desktop.ui.common import fmt
from desktop.ui.common.i18n import QT_TRANSLATE_NOOP
from desktop.ui.common.lazy_table import Column, IdsQuery, Index, LazyTableModel

KIND_TITLES = {
    DocumentKind.ACT: QT_TRANSLATE_NOOP("DocumentsModel", "Act"),
    DocumentKind.INVOICE: QT_TRANSLATE_NOOP("DocumentsModel", "Invoice"),
    DocumentKind.UPD: QT_TRANSLATE_NOOP("DocumentsModel", "UPD"),
    DocumentKind.UKD: QT_TRANSLATE_NOOP("DocumentsModel", "UKD"),
    DocumentKind.SF: QT_TRANSLATE_NOOP("DocumentsModel", "VAT invoice"),
    DocumentKind.ADVANCE_SF: QT_TRANSLATE_NOOP("DocumentsModel", "Advance VAT invoice"),
}
PAY_TITLES = {
    "paid": QT_TRANSLATE_NOOP("DocumentsModel", "paid"),
    "partial": QT_TRANSLATE_NOOP("DocumentsModel", "partly"),
    "unpaid": QT_TRANSLATE_NOOP("DocumentsModel", "unpaid"),
}

WORDS = (
    QT_TRANSLATE_NOOP("DocumentsModel", "yes"),
    QT_TRANSLATE_NOOP("DocumentsModel", "no"),
    QT_TRANSLATE_NOOP("DocumentsModel", "pending"),
    QT_TRANSLATE_NOOP("DocumentsModel", "EDO"),
)


def _t(text: str) -> str:
    return QCoreApplication.translate("DocumentsModel", text)


class DocumentsModel(LazyTableModel):
    """Current documents (replaced versions hidden) through ``core.registry``.

    The id query runs in the background; with ``totals`` the count, amount and unpaid amount of
    the filtered rows come with the ids (``summary``), so a footer always matches the rows.
    """

    default_sort = ("date", True)
    background = True

    def __init__(
        self, database: Any, parent: Any = None, kinds: Sequence[str] = (), *, totals: bool = False
    ) -> None:
        self.with_totals = totals
        self.columns = (
            Column("kind", QCoreApplication.translate("DocumentsModel", "Kind"), width=60),
            Column("number", QCoreApplication.translate("DocumentsModel", "Number"), width=80),
            Column("date", QCoreApplication.translate("DocumentsModel", "Date"), width=85),
            Column("period", QCoreApplication.translate("DocumentsModel", "Period"), width=70),
            Column("client", QCoreApplication.translate("DocumentsModel", "Client"), width=250),
            Column("entity", QCoreApplication.translate("DocumentsModel", "Own entity"), width=150),
            Column("manager", QCoreApplication.translate("DocumentsModel", "Manager"), width=150),
            Column(
                "amount", QCoreApplication.translate("DocumentsModel", "Amount"), align_right=True, width=110
            ),
            Column("signed", QCoreApplication.translate("DocumentsModel", "Signed"), width=150),
            Column("scan", QCoreApplication.translate("DocumentsModel", "Scan"), width=70),
            Column("sent", QCoreApplication.translate("DocumentsModel", "Sent"), width=90),
            Column("paid", QCoreApplication.translate("DocumentsModel", "Paid"), width=90),
            Column("closed", QCoreApplication.translate("DocumentsModel", "Closed"), width=70),
        )
        self.filter = RegistryFilter(kinds=list(kinds))
        super().__init__(database, parent)

    # Back-compatible shortcuts used by the closing and payments tabs.
    @property
    def period(self) -> str | None:
        return self.filter.period_from

    @period.setter
    def period(self, value: str | None) -> None:
        self.filter.period_from = self.filter.period_to = value

    payable_only = False  # only the documents money is applied to (the Payments tab)

    def ids_query(self, order_key: str, descending: bool) -> IdsQuery:
        flt, totals, payable = copy.deepcopy(self.filter), self.with_totals, self.payable_only  # as it is now
        return lambda database: registry.document_ids(
            database, flt, order_key, descending, totals=totals, payable_only=payable
        )

    def load_rows(self, database: Database, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        return {i: (row,) * len(self.columns) for i, row in registry.document_rows(database, ids).items()}

    def row_object(self, row: int) -> RegistryRow | None:
        values = self.row_values(row)
        return values[0] if values else None

    def display(self, column: Column, value: Any) -> str:
        row: RegistryRow = value
        key = column.key
        if key == "kind":
            return _t(KIND_TITLES.get(row.kind, row.kind))
        if key == "number":
            return row.number
        if key == "date":
            return fmt.date(row.date)
        if key == "period":
            return row.period
        if key == "client":
            return row.client
        if key == "entity":
            return row.entity
        if key == "manager":
            return row.manager or ""
        if key == "amount":
            return fmt.money(row.amount)
        if key == "signed":
            if row.kind not in SIGNABLE_KINDS:  # an invoice or a счёт-фактура is not signed by the client
                return "—"
            if not row.signed:
                return _t("no")
            who = f", {row.signed_by}" if row.signed_by else ""
            return f"{_t('yes')}{who}, {fmt.date(row.signed_at.date()) if row.signed_at else ''}"
        if key == "scan":
            return {"есть": _t("yes"), "ожидает": _t("pending"), "": ""}[row.scan]
        if key == "sent":
            via = f", {_t('EDO')}" if row.sent_via == "edo" else ""  # sent by EDO, not by e-mail
            return f"{fmt.date(row.sent_at.date())}{via}" if row.sent_at else ""
        if key == "paid":
            return _t(PAY_TITLES[row.paid])  # an act or a UPD shows the payment of its sale
        if key == "closed":
            return _t("yes") if row.closed else ""
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            row = self.row_object(index.row())
            if row is not None and index.column() == 8 and row.kind in SIGNABLE_KINDS and not row.signed:
                return QColor("#b00020")
            if row is not None and index.column() == 9 and row.scan == "ожидает":
                return QColor("#8a5a00")
            return None
        if role == Qt.ItemDataRole.UserRole and index.isValid():
            return self.row_id(index.row())
        return super().data(index, role)
