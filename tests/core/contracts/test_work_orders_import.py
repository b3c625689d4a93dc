"""Work orders from a file: good rows added, bad rows named, re-import updates instead of duplicating."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select

from desktop.core.contracts.importing import import_work_orders
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.models import Contract, ContractLine, Service, WorkOrder


def test_work_orders_import(sqlite_db: Database, tmp_path: Path) -> None:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=20, seed=8, today=dt.date(2026, 11, 22))
        contract = session.scalars(
            select(Contract).where(
                Contract.kind == "variable", Contract.status == "active", Contract.valid_to.is_(None)
            )
        ).first()
        fixed = session.scalars(select(Contract).where(Contract.kind == "fixed")).first()
        service = session.scalar(
            select(Service.name)
            .join(ContractLine, ContractLine.service_id == Service.id)
            .where(ContractLine.contract_id == contract.id)
        )
        before = session.scalar(select(func.count(WorkOrder.id)).where(WorkOrder.contract_id == contract.id))
        number, fixed_number = contract.number, fixed.number
    book = Workbook()
    sheet = book.active
    sheet.append(["Номер договора", "Дата", "Услуга", "Количество", "Исполнитель", "№ заявки"])
    sheet.append([number, "15.11.2026", service, "2,5", "Андреев А.А.", "З-1"])
    sheet.append([number, "16.11.2026", service.upper(), "1", "Борисов Б.В.", "З-2"])
    sheet.append([number, "16.11.2026", "Нет такой услуги", "1", "", "З-3"])
    sheet.append([fixed_number, "16.11.2026", service, "1", "", "З-4"])
    sheet.append([number, "32.11.2026", service, "1", "", "З-5"])
    sheet.append([number, "17.11.2026", service, "-1", "", "З-6"])
    path = tmp_path / "orders.xlsx"
    book.save(path)
    with sqlite_db.transaction() as session:
        result = import_work_orders(session, path)
    assert (result.imported, result.rejected, result.created) == (2, 4, 2)
    problems = {(e.row, e.column) for e in result.errors}
    assert {(4, "Услуга"), (5, "Номер договора"), (6, "Дата"), (7, "Количество")} <= problems
    assert {row for row, _ in problems} == {4, 5, 6, 7}
    with sqlite_db.transaction() as session:
        again = import_work_orders(session, path)
    assert again.created == 0 and again.updated == 2
    with sqlite_db.session() as session:
        assert (
            session.scalar(select(func.count(WorkOrder.id)).where(WorkOrder.contract_id == contract.id))
            == before + 2
        )
