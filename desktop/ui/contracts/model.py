"""The contracts registry model: ids from a filtered, sorted SQL query; rows loaded lazily."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from desktop.core.models import Contract, ContractLine, Counterparty, OwnEntity
from desktop.ui.common import fmt
from desktop.ui.common.lazy_table import Column, LazyTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("ContractsModel", text)


KIND_TITLES = {
    "fixed": QT_TRANSLATE_NOOP("ContractsModel", "Fixed"),
    "variable": QT_TRANSLATE_NOOP("ContractsModel", "Variable"),
}
STATUS_TITLES = {
    "draft": QT_TRANSLATE_NOOP("ContractsModel", "Draft"),
    "active": QT_TRANSLATE_NOOP("ContractsModel", "Active"),
    "suspended": QT_TRANSLATE_NOOP("ContractsModel", "Suspended"),
    "closed": QT_TRANSLATE_NOOP("ContractsModel", "Closed"),
}


def kind_title(kind: str) -> str:
    return _tr(KIND_TITLES.get(kind, kind))


def status_title(status: str) -> str:
    return _tr(STATUS_TITLES.get(status, status))


def _monthly_amounts() -> Any:
    """Per contract: the sum of its specification lines (price × quantity)."""
    return (
        select(
            ContractLine.contract_id.label("contract_id"),
            func.sum(ContractLine.price * ContractLine.quantity).label("amount"),
        )
        .group_by(ContractLine.contract_id)
        .subquery("monthly")
    )


class ContractsModel(LazyTableModel):
    def __init__(self, database: Any, parent: Any = None) -> None:
        self.columns = (
            Column("number", QCoreApplication.translate("ContractsModel", "Number"), width=110),
            Column("date", QCoreApplication.translate("ContractsModel", "Date"), width=90),
            Column("client", QCoreApplication.translate("ContractsModel", "Client"), width=280),
            Column("entity", QCoreApplication.translate("ContractsModel", "Own entity"), width=180),
            Column("kind", QCoreApplication.translate("ContractsModel", "Type"), width=110),
            Column(
                "amount",
                QCoreApplication.translate("ContractsModel", "Monthly amount"),
                align_right=True,
                width=130,
            ),
            Column("status", QCoreApplication.translate("ContractsModel", "Status"), width=100),
        )
        self.search = ""
        self.own_entity_id: int | None = None
        self.status: str | None = None
        super().__init__(database, parent)

    def _filtered(self, stmt: Select[Any]) -> Select[Any]:
        if self.search.strip():
            pattern = f"%{self.search.strip()}%"
            stmt = stmt.where(
                or_(
                    Contract.number.ilike(pattern),
                    Counterparty.short_name.ilike(pattern),
                    Counterparty.inn.like(pattern),
                )
            )
        if self.own_entity_id is not None:
            stmt = stmt.where(Contract.own_entity_id == self.own_entity_id)
        if self.status:
            stmt = stmt.where(Contract.status == self.status)
        return stmt

    def select_ids(self, order_key: str, descending: bool) -> Select[Any]:
        monthly = _monthly_amounts()
        order = {
            "number": Contract.number,
            "date": Contract.date,
            "client": Counterparty.short_name,
            "entity": OwnEntity.short_name,
            "kind": Contract.kind,
            "amount": func.coalesce(monthly.c.amount, 0),
            "status": Contract.status,
        }[order_key]
        stmt = (
            select(Contract.id)
            .join(Counterparty, Counterparty.id == Contract.counterparty_id)
            .join(OwnEntity, OwnEntity.id == Contract.own_entity_id)
        )
        if order_key == "amount":
            stmt = stmt.outerjoin(monthly, monthly.c.contract_id == Contract.id)
        stmt = self._filtered(stmt)
        return stmt.order_by(order.desc() if descending else order.asc(), Contract.id)

    def load_rows(self, session: Session, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        monthly = _monthly_amounts()
        rows = session.execute(
            select(
                Contract.id,
                Contract.number,
                Contract.date,
                Counterparty.short_name,
                OwnEntity.short_name,
                Contract.kind,
                monthly.c.amount,
                Contract.status,
            )
            .join(Counterparty, Counterparty.id == Contract.counterparty_id)
            .join(OwnEntity, OwnEntity.id == Contract.own_entity_id)
            .outerjoin(monthly, monthly.c.contract_id == Contract.id)
            .where(Contract.id.in_(ids))
        )
        result = {}
        for row in rows:
            values = list(row[1:])
            if values[4] == "variable":
                values[5] = QCoreApplication.translate("ContractsModel", "by work orders")
            result[row[0]] = tuple(values)
        return result

    def display(self, column: Column, value: Any) -> str:
        if value is None:
            return ""
        if column.key == "date":
            return fmt.date(value)
        if column.key == "amount":
            return fmt.money(Decimal(value)) if not isinstance(value, str) else value
        if column.key == "kind":
            return kind_title(value)
        if column.key == "status":
            return status_title(value)
        return str(value)
