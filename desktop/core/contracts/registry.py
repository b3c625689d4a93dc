"""The contracts registry as SQL: filters, sorting, the rows shown and exported.

The window's model and the Excel export run the same query, so the file holds exactly the
rows the user sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from desktop.core.common.exports import ExportColumn
from desktop.core.common.labels import CONTRACT_KIND_TITLES, CONTRACT_STATUS_TITLES
from desktop.core.contracts.scans import scan_state_expr
from desktop.core.models import Contract, ContractKind, ContractLine, Counterparty, OwnEntity, User


@dataclass
class ContractFilter:
    search: str = ""
    own_entity_id: int | None = None
    own_entity_ids: list[int] = field(default_factory=list)  # several own entities (empty: no limit)
    counterparty_id: int | None = None
    kind: str | None = None
    status: str | None = None
    manager_id: int | None = None
    expiring_within_days: int | None = None  # valid_to between today and today + N

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ContractFilter:
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})


COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", "Номер"),
    ("date", "Дата"),
    ("client", "Клиент"),
    ("entity", "Юрлицо"),
    ("kind", "Тип"),
    ("amount", "Сумма в месяц"),
    ("status", "Статус"),
    ("valid_to", "Действует по"),
    ("manager", "Менеджер"),
)

EXPORT_COLUMNS = (
    ExportColumn("Номер"),
    ExportColumn("Дата", "date"),
    ExportColumn("Клиент"),
    ExportColumn("Юрлицо"),
    ExportColumn("Тип"),
    ExportColumn("Сумма в месяц", "money"),
    ExportColumn("Статус"),
    ExportColumn("Действует по", "date"),
    ExportColumn("Менеджер"),
    ExportColumn("ИНН клиента"),
    ExportColumn("E-mail клиента"),
)


def monthly_amounts() -> Any:
    """Per contract: the sum of its specification lines (price × quantity); None for variable ones."""
    return (
        select(
            ContractLine.contract_id.label("contract_id"),
            func.sum(ContractLine.price * ContractLine.quantity).label("amount"),
        )
        .group_by(ContractLine.contract_id)
        .subquery("monthly")
    )


def amount_expr(monthly: Any) -> Any:
    """A contract's monthly amount over ``monthly_amounts()``: NULL for a variable contract."""
    return case((Contract.kind == ContractKind.VARIABLE, None), else_=monthly.c.amount)


def apply_filter(stmt: Select[Any], flt: ContractFilter, today: dt.date | None = None) -> Select[Any]:
    if flt.search.strip():
        pattern = f"%{flt.search.strip()}%"
        stmt = stmt.where(
            or_(
                Contract.number.ilike(pattern),
                Counterparty.short_name.ilike(pattern),
                Counterparty.inn.like(pattern),
            )
        )
    if flt.own_entity_id is not None:
        stmt = stmt.where(Contract.own_entity_id == flt.own_entity_id)
    if flt.own_entity_ids:
        stmt = stmt.where(Contract.own_entity_id.in_(flt.own_entity_ids))
    if flt.counterparty_id is not None:
        stmt = stmt.where(Contract.counterparty_id == flt.counterparty_id)
    if flt.kind:
        stmt = stmt.where(Contract.kind == flt.kind)
    if flt.status:
        stmt = stmt.where(Contract.status == flt.status)
    if flt.manager_id is not None:
        stmt = stmt.where(Contract.manager_id == flt.manager_id)
    if flt.expiring_within_days is not None:
        today = today or dt.date.today()
        stmt = stmt.where(
            Contract.valid_to.is_not(None),
            Contract.valid_to >= today,
            Contract.valid_to <= today + dt.timedelta(days=flt.expiring_within_days),
        )
    return stmt


def select_ids(flt: ContractFilter, order_key: str = "number", descending: bool = False) -> Select[Any]:
    monthly = monthly_amounts()
    order = {
        # Natural order of numbers: "АС-2026/9" before "АС-2026/10" (shorter first, then text).
        "number": func.length(Contract.number),
        "date": Contract.date,
        "client": Counterparty.short_name,
        "entity": OwnEntity.short_name,
        "kind": Contract.kind,
        "amount": func.coalesce(amount_expr(monthly), -1),
        "status": Contract.status,
        "scan": scan_state_expr(),  # the signed-scan state: "no" < "pending" < "yes"
        "valid_to": Contract.valid_to,
        "manager": User.full_name,
    }[order_key]
    stmt = (
        select(Contract.id)
        .join(Counterparty, Counterparty.id == Contract.counterparty_id)
        .join(OwnEntity, OwnEntity.id == Contract.own_entity_id)
    )
    if order_key == "amount":
        stmt = stmt.outerjoin(monthly, monthly.c.contract_id == Contract.id)
    if order_key == "manager":
        stmt = stmt.outerjoin(User, User.id == Contract.manager_id)
    stmt = apply_filter(stmt, flt)
    keys = [order, Contract.number] if order_key == "number" else [order]
    return stmt.order_by(*(k.desc() if descending else k.asc() for k in keys), Contract.id)


def load_rows(session: Session, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """id → (number, date, client, entity, kind, amount|None, status, valid_to, manager, inn, emails)."""
    monthly = monthly_amounts()
    rows = session.execute(
        select(
            Contract.id,
            Contract.number,
            Contract.date,
            Counterparty.short_name,
            OwnEntity.short_name,
            Contract.kind,
            amount_expr(monthly),
            Contract.status,
            Contract.valid_to,
            User.full_name,
            Counterparty.inn,
            Counterparty.emails,
        )
        .join(Counterparty, Counterparty.id == Contract.counterparty_id)
        .join(OwnEntity, OwnEntity.id == Contract.own_entity_id)
        .outerjoin(User, User.id == Contract.manager_id)
        .outerjoin(monthly, monthly.c.contract_id == Contract.id)
        .where(Contract.id.in_(ids))
    )
    return {row[0]: tuple(row[1:]) for row in rows}


def export_rows(session: Session, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """The rows for the Excel export, in the order of ``ids`` (the order on screen)."""
    loaded: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(ids), 500):
        loaded.update(load_rows(session, ids[start : start + 500]))
    out = []
    for contract_id in ids:
        number, date, client, entity, kind, amount, status, valid_to, manager, inn, emails = loaded[
            contract_id
        ]
        out.append(
            (
                number,
                date,
                client,
                entity,
                CONTRACT_KIND_TITLES.get(kind, kind),
                Decimal(amount) if amount is not None else None,
                CONTRACT_STATUS_TITLES.get(status, status),
                valid_to,
                manager,
                inn,
                emails,
            )
        )
    return out
