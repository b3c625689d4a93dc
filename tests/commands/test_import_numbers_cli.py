"""`aktdesk import …` with NaN, Infinity, 1e400 and over-long decimals: each bad row is refused with its
row and column named, the good rows are imported, nothing aborts (one number parser for every import)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.core.db import open_database
from desktop.core.demo.data import fill_demo
from desktop.core.models import Contract, ContractLine, Counterparty, OwnEntity, Service, WorkOrder
from tests.factories import TODAY
from tests.factories.cli import csv, xlsx


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'import.sqlite'}"
    database = open_database(url)
    with database.transaction() as session:
        fill_demo(session, clients=20, seed=8, today=TODAY)
    database.dispose()
    return url


def cli(url: str, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, "import", *args, "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, json.loads(done.stdout)


def errors_by_row(result: dict) -> dict[int, tuple[str, str]]:  # type: ignore[type-arg]
    return {e["row"]: (e["column"], e["message"]) for e in result["errors"]}


@pytest.mark.parametrize("write", [xlsx, csv], ids=["xlsx", "csv"])
def test_contracts_import_refuses_nan_infinity_and_long_numbers_per_row(
    url: str, tmp_path: Path, write
) -> None:  # type: ignore[no-untyped-def]
    database = open_database(url)
    with database.session() as session:
        entity = session.scalar(select(OwnEntity.inn).limit(1))
        client = session.scalar(select(Counterparty.inn).where(Counterparty.kind == "legal").limit(1))
    database.dispose()
    headers = [
        "ИНН юрлица",
        "Номер",
        "Дата",
        "ИНН клиента",
        "Оплата",
        "Отсрочка, дней",
        "Услуга",
        "Количество",
        "Цена",
    ]
    good = [entity, "N-OK", "01.02.2026", client, "постоплата", "10", "Охрана объекта", "1", "1500,50"]
    rows = [
        good,
        [entity, "N-1", "01.02.2026", client, "постоплата", "10", "Охрана объекта", "1", "NaN"],
        [entity, "N-2", "01.02.2026", client, "постоплата", "10", "Охрана объекта", "1", "Infinity"],
        [entity, "N-3", "01.02.2026", client, "постоплата", "10", "Охрана объекта", "1e400", "100"],
        [entity, "N-4", "01.02.2026", client, "постоплата", "NaN", "Охрана объекта", "1", "100"],
        [entity, "N-5", "01.02.2026", client, "постоплата", "1e400", "Охрана объекта", "1", "100"],
        [entity, "N-6", "01.02.2026", client, "постоплата", "10", "Охрана объекта", "3", "0,005"],
        [entity, "N-7", "01.02.2026", client, "постоплата", "10", "Охрана объекта", "1", "-inf"],
        [entity, "N-8", "01.02.2026", client, "постоплата", "10", "Охрана объекта", "0,0001", "100"],
    ]
    code, result = cli(url, "contracts", str(write(tmp_path / f"contracts.{write.__name__}", headers, rows)))
    assert code == 1 and result["imported"] == 1 and result["rejected"] == 8
    errors = errors_by_row(result)
    assert errors[3] == ("Цена", "не число: «NaN» (ожидается, например, 1 234,56)")
    assert errors[4] == ("Цена", "не число: «Infinity» (ожидается, например, 1 234,56)")
    assert errors[5] == ("Количество", "не число: «1e400» (ожидается, например, 1 234,56)")
    assert errors[6][0] == "Отсрочка, дней" and errors[6][1].startswith("не число: «NaN»")
    assert errors[7][0] == "Отсрочка, дней" and errors[7][1].startswith("не число: «1e400»")
    assert errors[8] == (
        "Цена",
        "0,005 — цена указывается с точностью до копейки (2 знака после запятой); программа не округляет молча",
    )
    assert errors[9][0] == "Цена" and errors[9][1].startswith("не число: «-inf»")
    assert errors[10][0] == "Количество" and errors[10][1].startswith("0,0001 — количество указывается")
    database = open_database(url)
    with database.session() as session:
        numbers = set(session.scalars(select(Contract.number).where(Contract.number.like("N-%"))))
    database.dispose()
    assert numbers == {"N-OK"}


@pytest.mark.parametrize("write", [xlsx, csv], ids=["xlsx", "csv"])
def test_work_orders_import_refuses_nan_infinity_and_long_quantities_per_row(
    url: str, tmp_path: Path, write
) -> None:  # type: ignore[no-untyped-def]
    database = open_database(url)
    with database.session() as session:
        contract = session.scalars(
            select(Contract).where(
                Contract.kind == "variable", Contract.status == "active", Contract.valid_to.is_(None)
            )
        ).first()
        assert contract is not None
        service = session.scalar(
            select(Service.name)
            .join(ContractLine, ContractLine.service_id == Service.id)
            .where(ContractLine.contract_id == contract.id)
        )
        number, contract_id = contract.number, contract.id
        before = session.scalar(select(func.count(WorkOrder.id)).where(WorkOrder.contract_id == contract_id))
    database.dispose()
    headers = ["Номер договора", "Дата", "Услуга", "Количество", "№ заявки"]
    rows = [
        [number, "15.11.2026", service, "2,5", "Z-OK"],
        [number, "15.11.2026", service, "NaN", "Z-1"],
        [number, "15.11.2026", service, "Infinity", "Z-2"],
        [number, "15.11.2026", service, "1e400", "Z-3"],
        [number, "15.11.2026", service, "1,2345", "Z-4"],
        [number, "15.11.2026", service, "1000000000000000", "Z-5"],
    ]
    code, result = cli(url, "work-orders", str(write(tmp_path / f"orders.{write.__name__}", headers, rows)))
    assert code == 1 and result["imported"] == 1 and result["rejected"] == 5
    errors = errors_by_row(result)
    assert set(errors) == {3, 4, 5, 6, 7} and {c for c, _ in errors.values()} == {"Количество"}
    assert errors[3][1].startswith("не число: «NaN»")
    assert errors[4][1].startswith("не число: «Infinity»")
    assert errors[5][1].startswith("не число: «1e400»")
    assert errors[6][1].startswith("1,2345 — количество указывается не более чем с 3 знаками после запятой")
    assert errors[7][1].replace("\u00a0", " ") == (
        "1 000 000 000 000 000,000 — слишком большое число (не более 999 999 999 999 999,999)"
    )
    database = open_database(url)
    with database.session() as session:
        after = session.scalar(select(func.count(WorkOrder.id)).where(WorkOrder.contract_id == contract_id))
    database.dispose()
    assert after == before + 1


def test_counterparties_import_refuses_nan_and_infinity_in_its_number_columns(
    url: str, tmp_path: Path
) -> None:
    headers = ["Наименование", "ИНН", "КПП", "БИК", "Расчётный счёт"]
    rows = [
        ["ООО «Ромашка»", "7707083893", "773601001", "", ""],
        ["ООО «Нан»", "NaN", "773601001", "", ""],
        ["ООО «Бесконечность»", "7736050003", "Infinity", "", ""],
        ["ООО «Экспонента»", "7702070139", "770201001", "1e400", ""],
    ]
    code, result = cli(url, "counterparties", str(xlsx(tmp_path / "clients.xlsx", headers, rows)))
    assert code == 1 and result["imported"] == 1 and result["rejected"] == 3
    errors = errors_by_row(result)
    assert {row: column for row, (column, _) in errors.items()} == {3: "ИНН", 4: "КПП", 5: "БИК"}
