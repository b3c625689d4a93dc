"""Work orders entered by hand: every cell checked (row and column named), saved all at once, seen by the closing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.core.closing import plan as closing
from desktop.core.contracts import work_orders
from desktop.core.contracts.work_orders import WorkOrderRow
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.errors import ValidationError
from desktop.core.models import Contract, WorkOrder

PERIOD = "2026-10"


@pytest.fixture
def contract(any_db: Database) -> tuple[int, int]:
    """A variable contract in force all October and one service of its specification."""
    with any_db.transaction() as session:
        fill_demo(session, clients=12, seed=5, today=dt.date(2026, 11, 22))
        found = session.scalars(
            select(Contract)
            .where(Contract.kind == "variable", Contract.valid_from <= dt.date(2026, 10, 1))
            .where((Contract.valid_to.is_(None)) | (Contract.valid_to >= dt.date(2026, 10, 31)))
            .order_by(Contract.id)
        ).first()
        assert found is not None
        return found.id, found.lines[0].service_id


def _row(contract_id: int, service_id: int | None, **values: object) -> WorkOrderRow:
    row = WorkOrderRow(contract_id=contract_id, date="15.10.2026", service_id=service_id, quantity="2")
    for key, value in values.items():
        setattr(row, key, value)
    return row


def test_each_wrong_cell_is_named_by_row_and_column(any_db: Database, contract: tuple[int, int]) -> None:
    contract_id, service_id = contract
    with any_db.session() as session:
        choices = work_orders.contract_choices(session, PERIOD)
    assert contract_id in {c.id for c in choices}
    rows = [
        _row(contract_id, service_id),  # fine
        _row(contract_id, service_id, quantity="0"),
        _row(contract_id, service_id, quantity="два"),
        _row(contract_id, service_id, date="03.11.2026"),
        _row(contract_id, None),
        _row(contract_id, service_id, quantity="1,2345"),
        _row(None, service_id),
    ]
    checked, errors = work_orders.check(rows, PERIOD, choices)
    assert [c.row for c in checked] == [rows[0]]
    texts = [e.text() for e in errors]
    assert "Строка 2, «Количество»: количество должно быть больше нуля" in texts
    assert any(t.startswith("Строка 3, «Количество»: не число: «два»") for t in texts)
    assert any(
        t.startswith("Строка 4, «Дата»: дата 03.11.2026 вне периода 01.10.2026–31.10.2026") for t in texts
    )
    assert "Строка 5, «Услуга»: выберите услугу" in texts
    assert any(
        t.startswith("Строка 6, «Количество»: 1,2345 — количество указывается не более чем с 3 знаками")
        for t in texts
    )
    assert any(t.startswith("Строка 7, «Договор»") for t in texts)
    assert checked[0].quantity == Decimal("2") and isinstance(checked[0].quantity, Decimal)


def test_a_date_outside_the_contracts_validity_is_refused(
    any_db: Database, contract: tuple[int, int]
) -> None:
    contract_id, service_id = contract
    with any_db.transaction() as session:
        session.get(Contract, contract_id).valid_to = dt.date(2026, 10, 20)
    with any_db.session() as session:
        choices = work_orders.contract_choices(session, PERIOD)
    _checked, errors = work_orders.check([_row(contract_id, service_id, date="25.10.2026")], PERIOD, choices)
    assert [e.text() for e in errors] == [
        f"Строка 1, «Дата»: договор действует с {choices[[c.id for c in choices].index(contract_id)].valid_from:%d.%m.%Y} по 20.10.2026"
    ]


def test_save_is_all_or_nothing_and_the_closing_plan_sees_the_new_amount(
    any_db: Database, contract: tuple[int, int]
) -> None:
    contract_id, service_id = contract
    with any_db.session() as session:
        rows = work_orders.load(session, PERIOD, [contract_id])
        before = session.scalar(select(func.count(WorkOrder.id)).where(WorkOrder.contract_id == contract_id))
    assert rows, "demo data has work orders in October"
    # One wrong cell: nothing at all is written, the message names it.
    with pytest.raises(ValidationError, match="Строка 2, «Количество»"), any_db.transaction() as session:
        work_orders.save(
            session,
            PERIOD,
            [_row(contract_id, service_id, quantity="5"), _row(contract_id, service_id, quantity="-1")],
            [r.id for r in rows if r.id is not None],
        )
    with any_db.session() as session:
        assert (
            session.scalar(select(func.count(WorkOrder.id)).where(WorkOrder.contract_id == contract_id))
            == before
        )

    # Delete all but the first, set its quantity, add one: one transaction.
    first = rows[0]
    first.quantity, first.service_id = "3,5", service_id
    with any_db.transaction() as session:
        result = work_orders.save(
            session,
            PERIOD,
            [first, _row(contract_id, service_id, quantity="1,5", performer="Петров", request_number="З-17")],
            [r.id for r in rows[1:] if r.id is not None],
        )
    assert (result.created, result.updated, result.deleted) == (1, 1, len(rows) - 1)
    with any_db.session() as session:
        saved = work_orders.load(session, PERIOD, [contract_id])
        assert sorted(r.quantity for r in saved) == ["1,5", "3,5"]
        plan = closing.plan(session, PERIOD, contract_ids=[contract_id])
    [row] = plan.rows
    [line] = [ln for ln in row.lines if ln.service_id == service_id]
    assert line.quantity == Decimal("5.0") and line.work_orders == 2
    assert row.total == sum((ln.total for ln in row.lines), Decimal(0)) and row.total > 0
