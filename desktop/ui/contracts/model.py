"""The contracts registry model: ids from core's filtered, sorted query; rows loaded lazily."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop.core.contracts import operations as contract_operations
from desktop.core.contracts import scans as contract_scans
from desktop.core.contracts.registry import ContractFilter
from desktop.core.db import Database
from desktop.core.models import ContractKind, ContractStatus
from desktop.ui.common import fmt
from desktop.ui.common.i18n import QT_TRANSLATE_NOOP
from desktop.ui.common.lazy_table import Column, IdsQuery, Index, LazyTableModel

KIND_TITLES = {
    ContractKind.FIXED: QT_TRANSLATE_NOOP("ContractsModel", "Fixed"),
    ContractKind.VARIABLE: QT_TRANSLATE_NOOP("ContractsModel", "Variable"),
}
STATUS_TITLES = {
    ContractStatus.DRAFT: QT_TRANSLATE_NOOP("ContractsModel", "Draft"),
    ContractStatus.ACTIVE: QT_TRANSLATE_NOOP("ContractsModel", "Active"),
    ContractStatus.SUSPENDED: QT_TRANSLATE_NOOP("ContractsModel", "Suspended"),
    ContractStatus.CLOSED: QT_TRANSLATE_NOOP("ContractsModel", "Closed"),
}
SCAN_TITLES = {
    contract_scans.SIGNED: QT_TRANSLATE_NOOP("ContractsModel", "yes"),
    contract_scans.PENDING: QT_TRANSLATE_NOOP("ContractsModel", "pending"),
    contract_scans.NONE: QT_TRANSLATE_NOOP("ContractsModel", "no"),
}


def scan_title(state: str) -> str:
    return QCoreApplication.translate("ContractsModel", SCAN_TITLES.get(state, state))


def kind_title(kind: ContractKind) -> str:
    return QCoreApplication.translate("ContractsModel", KIND_TITLES.get(kind, kind))


def status_title(status: ContractStatus) -> str:
    return QCoreApplication.translate("ContractsModel", STATUS_TITLES.get(status, status))


class ContractsModel(LazyTableModel):
    default_sort = ("date", True)  # the newest contracts first
    background = True

    def __init__(self, database: Any, parent: Any = None) -> None:
        self.columns = (
            Column("number", QCoreApplication.translate("ContractsModel", "Number"), width=110),
            Column("date", QCoreApplication.translate("ContractsModel", "Date"), width=90),
            Column("client", QCoreApplication.translate("ContractsModel", "Client"), width=280),
            Column("entity", QCoreApplication.translate("ContractsModel", "Own entity"), width=180),
            Column("kind", QCoreApplication.translate("ContractsModel", "Type"), width=135),
            Column(
                "amount",
                QCoreApplication.translate("ContractsModel", "Monthly amount"),
                align_right=True,
                width=130,
            ),
            Column("status", QCoreApplication.translate("ContractsModel", "Status"), width=100),
            Column("scan", QCoreApplication.translate("ContractsModel", "Signed scan"), width=140),
            Column("valid_to", QCoreApplication.translate("ContractsModel", "Valid until"), width=90),
            Column("manager", QCoreApplication.translate("ContractsModel", "Manager"), width=150),
        )
        self.filter = ContractFilter()
        super().__init__(database, parent)

    def ids_query(self, order_key: str, descending: bool) -> IdsQuery:
        flt = copy.deepcopy(self.filter)  # as it is now
        return lambda database: (contract_operations.contract_ids(database, flt, order_key, descending), None)

    def load_rows(self, database: Database, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        return contract_operations.contract_rows(database, ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and self.columns[index.column()].key == "scan"
        ):
            values = self.row_values(index.row())
            if values is not None and values[7] == contract_scans.PENDING:
                return QColor("#8a5a00")
            return None
        return super().data(index, role)

    def display(self, column: Column, value: Any) -> str:
        key = column.key
        if key == "amount":
            return (
                fmt.money(value)
                if value is not None
                else QCoreApplication.translate("ContractsModel", "by work orders")
            )
        if value is None:
            return ""
        if key in ("date", "valid_to"):
            return fmt.date(value)
        if key == "kind":
            return kind_title(value)
        if key == "status":
            return status_title(value)
        if key == "scan":
            return scan_title(value)
        return str(value)
