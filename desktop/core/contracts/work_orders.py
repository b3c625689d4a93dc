"""Work orders of variable contracts entered by hand: load a period, check every cell, save in one go.

The editor in the window (``ui/closing/work_orders.py``) and the tests drive these functions.
A row is checked where the user typed it: quantity a number > 0 (Decimal, at most three
decimals), date inside the period and inside the contract's validity, a service of the
contract's specification, an existing variable contract. ``save`` writes all rows and
deletions in the caller's transaction, or nothing when any cell is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.common.events import acting_login, log_event
from desktop.core.common.money import QUANTITY, parse_decimal
from desktop.core.common.periods import period_bounds
from desktop.core.contracts.importing import parse_date
from desktop.core.contracts.terms import quantity_input_text
from desktop.core.errors import ValidationError
from desktop.core.models import Contract, ContractKind, ContractLine, WorkOrder

COLUMN_TITLES = {
    "contract": "Договор",
    "date": "Дата",
    "service": "Услуга",
    "quantity": "Количество",
    "performer": "Исполнитель",
    "request_number": "№ заявки",
    "description": "Описание",
    "approved": "Утверждён",
}
LIMITS = {"performer": 200, "request_number": 50, "description": 500}


@dataclass(frozen=True)
class ContractChoice:
    """A variable contract the editor offers, with the services of its specification."""

    id: int
    title: str  # «АС-2026/5 — ООО «Ромашка»»
    valid_from: dt.date
    valid_to: dt.date | None
    services: tuple[tuple[int, str], ...]  # (service id, name), in specification order


@dataclass
class WorkOrderRow:
    """One row of the editor as typed: texts are parsed by ``check``."""

    id: int | None = None  # None: a new work order
    contract_id: int | None = None
    date: str = ""  # ДД.ММ.ГГГГ
    service_id: int | None = None
    quantity: str = ""
    performer: str = ""
    request_number: str = ""
    description: str = ""
    approved: bool = True


@dataclass(frozen=True)
class CellError:
    row: int  # 1-based, as the table numbers its rows
    column: str  # a key of COLUMN_TITLES
    message: str

    def text(self) -> str:
        return f"Строка {self.row}, «{COLUMN_TITLES[self.column]}»: {self.message}"


@dataclass
class SaveResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    contract_ids: set[int] = field(default_factory=set)


def _title(contract: Contract) -> str:
    return f"{contract.number} — {contract.counterparty.short_name}"


def contract_choices(
    session: Session,
    period: str,
    contract_ids: Sequence[int] | None = None,
    own_entity_id: int | None = None,
) -> list[ContractChoice]:
    """Variable contracts in force at some day of ``period`` (or those asked for, whatever their dates)."""
    start, end = period_bounds(period)
    stmt = (
        select(Contract)
        .where(Contract.kind == ContractKind.VARIABLE)
        .options(
            selectinload(Contract.counterparty),
            selectinload(Contract.lines).selectinload(ContractLine.service),
        )
        .order_by(Contract.number, Contract.id)
    )
    if contract_ids is not None:
        stmt = stmt.where(Contract.id.in_(list(contract_ids)))
    else:
        stmt = stmt.where(
            Contract.valid_from <= end, (Contract.valid_to.is_(None)) | (Contract.valid_to >= start)
        )
    if own_entity_id is not None:
        stmt = stmt.where(Contract.own_entity_id == own_entity_id)
    out = []
    for contract in session.scalars(stmt):
        services: dict[int, str] = {}
        for line in contract.lines:
            services.setdefault(line.service_id, line.service.name)
        out.append(
            ContractChoice(
                contract.id, _title(contract), contract.valid_from, contract.valid_to, tuple(services.items())
            )
        )
    return out


def load(session: Session, period: str, contract_ids: Sequence[int]) -> list[WorkOrderRow]:
    """The work orders of ``period`` of these contracts, by date."""
    start, end = period_bounds(period)
    if not contract_ids:
        return []
    orders = session.scalars(
        select(WorkOrder)
        .where(WorkOrder.contract_id.in_(list(contract_ids)), WorkOrder.date >= start, WorkOrder.date <= end)
        .order_by(WorkOrder.date, WorkOrder.id)
    )
    return [
        WorkOrderRow(
            id=o.id,
            contract_id=o.contract_id,
            date=o.date.strftime("%d.%m.%Y"),
            service_id=o.service_id,
            quantity=quantity_input_text(o.quantity),
            performer=o.performer,
            request_number=o.request_number,
            description=o.description,
            approved=o.approved,
        )
        for o in orders
    ]


def _plain(value: object) -> object:
    """A value for the event log (JSON): dates and quantities as the user reads them."""
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        return quantity_input_text(value)
    return value


@dataclass(frozen=True)
class CheckedRow:
    row: WorkOrderRow
    contract_id: int
    date: dt.date
    service_id: int
    quantity: Decimal
    number: int  # the row's number in the editor, from 1


def check(
    rows: Sequence[WorkOrderRow], period: str, contracts: Sequence[ContractChoice]
) -> tuple[list[CheckedRow], list[CellError]]:
    """Every cell of every row: the parsed rows, and the errors naming row and column."""
    start, end = period_bounds(period)
    by_id = {c.id: c for c in contracts}
    checked: list[CheckedRow] = []
    errors: list[CellError] = []
    for number, row in enumerate(rows, start=1):
        row_errors: list[CellError] = []
        contract = by_id.get(row.contract_id) if row.contract_id is not None else None
        if contract is None:
            row_errors.append(CellError(number, "contract", "выберите договор с оплатой по заказ-нарядам"))
        day: dt.date | None = None
        if not row.date.strip():
            row_errors.append(CellError(number, "date", "укажите дату"))
        else:
            try:
                day = parse_date(row.date)
            except ValueError as error:
                row_errors.append(CellError(number, "date", str(error)))
        if day is not None:
            if not start <= day <= end:
                row_errors.append(
                    CellError(
                        number,
                        "date",
                        f"дата {day:%d.%m.%Y} вне периода {start:%d.%m.%Y}–{end:%d.%m.%Y}",
                    )
                )
            elif contract is not None and (
                day < contract.valid_from or (contract.valid_to is not None and day > contract.valid_to)
            ):
                until = f" по {contract.valid_to:%d.%m.%Y}" if contract.valid_to else ""
                row_errors.append(
                    CellError(
                        number,
                        "date",
                        f"договор действует с {contract.valid_from:%d.%m.%Y}{until}",
                    )
                )
        if row.service_id is None:
            row_errors.append(CellError(number, "service", "выберите услугу"))
        elif contract is not None and row.service_id not in {s for s, _ in contract.services}:
            row_errors.append(CellError(number, "service", "этой услуги нет в спецификации договора"))
        quantity: Decimal | None = None
        if not row.quantity.strip():
            row_errors.append(CellError(number, "quantity", "укажите количество"))
        else:
            try:
                quantity = parse_decimal(row.quantity, QUANTITY)
            except ValueError as error:
                row_errors.append(CellError(number, "quantity", str(error)))
            else:
                if quantity <= 0:
                    row_errors.append(CellError(number, "quantity", "количество должно быть больше нуля"))
                    quantity = None
        for key, limit in LIMITS.items():
            if len(getattr(row, key)) > limit:
                row_errors.append(CellError(number, key, f"не длиннее {limit} символов"))
        if row_errors:
            errors.extend(row_errors)
            continue
        assert contract is not None and day is not None and quantity is not None
        assert row.service_id is not None
        checked.append(CheckedRow(row, contract.id, day, row.service_id, quantity, number))
    return checked, errors


def save(
    session: Session,
    period: str,
    rows: Sequence[WorkOrderRow],
    deleted_ids: Sequence[int] = (),
    *,
    user: str | None = None,
) -> SaveResult:
    """Write the editor's rows and deletions in the caller's transaction; any wrong cell saves nothing."""
    user = acting_login(session, user)
    ids = sorted({r.contract_id for r in rows if r.contract_id is not None})
    checked, errors = check(rows, period, contract_choices(session, period, ids))
    if errors:
        raise ValidationError("\n".join(e.text() for e in errors), field=errors[0].column)
    result = SaveResult()
    wanted = set(deleted_ids) | {item.row.id for item in checked if item.row.id is not None}
    orders = {o.id: o for o in session.scalars(select(WorkOrder).where(WorkOrder.id.in_(wanted)))}
    for order_id in deleted_ids:
        order = orders.get(order_id)
        if order is None:
            continue
        log_event(
            session,
            "contract",
            order.contract_id,
            "work_order",
            {"deleted": order.date, "quantity": order.quantity, "request": order.request_number},
            user=user,
        )
        result.contract_ids.add(order.contract_id)
        session.delete(order)
        result.deleted += 1
    for item in checked:
        row = item.row
        values = {
            "contract_id": item.contract_id,
            "date": item.date,
            "service_id": item.service_id,
            "quantity": item.quantity,
            "performer": row.performer.strip(),
            "request_number": row.request_number.strip(),
            "description": row.description.strip(),
            "approved": row.approved,
        }
        if row.id is None:
            session.add(WorkOrder(**values))
            log_event(
                session,
                "contract",
                item.contract_id,
                "work_order",
                {"date": item.date, "quantity": item.quantity, "request": values["request_number"]},
                user=user,
            )
            result.created += 1
        else:
            order = orders.get(row.id)
            if order is None:
                raise ValidationError(
                    f"Заказ-наряд строки {item.number} удалён другим пользователем: обновите список."
                )
            changes = {
                k: [_plain(getattr(order, k)), _plain(v)] for k, v in values.items() if getattr(order, k) != v
            }
            if not changes:
                continue
            for key, value in values.items():
                setattr(order, key, value)
            log_event(session, "contract", item.contract_id, "work_order", changes, user=user)
            result.updated += 1
        result.contract_ids.add(item.contract_id)
    session.flush()
    return result
