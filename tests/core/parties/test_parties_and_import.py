"""Counterparty cards and the import of counterparties and contracts from Excel/CSV."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop.core.common.events import history
from desktop.core.contracts.importing import (
    import_contracts,
    import_counterparties,
    write_counterparty_template,
)
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.models import Contract, Counterparty
from desktop.core.parties.directory import DuplicateCounterpartyError, RequisitesError, save_counterparty

GOOD = {
    "short_name": "ПАО Сбербанк",
    "inn": "7707083893",
    "kpp": "773601001",
    "ogrn": "1027700132195",
    "bik": "044525225",
    "account": "40702810200000012345",
    "corr_account": "30101810400000000225",
    "emails": "buh@sber.example, docs@sber.example",
}


def test_card_with_a_wrong_requisite_is_refused_whole(sqlite_db: Database) -> None:
    with pytest.raises(RequisitesError) as error, sqlite_db.transaction() as session:
        save_counterparty(session, {**GOOD, "inn": "7707083894", "account": "40702810300000012345"})
    assert set(error.value.errors) == {"inn", "account"}
    assert "ИНН" in error.value.message and "Расчётный счёт" in error.value.message
    with sqlite_db.session() as session:
        assert session.scalar(select(func.count(Counterparty.id))) == 0


def test_duplicate_inn_kpp_points_to_the_existing_card_and_history_is_kept(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        first = save_counterparty(session, GOOD, user="buh.ivanova").counterparty.id
    with pytest.raises(DuplicateCounterpartyError) as error, sqlite_db.transaction() as session:
        save_counterparty(session, {**GOOD, "short_name": "Сбер"})
    assert error.value.duplicate_of == first and "уже есть" in error.value.message
    with sqlite_db.transaction() as session:
        save_counterparty(session, {**GOOD, "short_name": "ПАО «Сбербанк»"}, first, user="buh.petrova")
    with sqlite_db.session() as session:
        events = history(session, "counterparty", first)
        assert [e.action for e in events] == ["create", "update"]
        assert [e.user_login for e in events] == ["buh.ivanova", "buh.petrova"]
        assert json.loads(events[1].details)["short_name"] == ["ПАО Сбербанк", "ПАО «Сбербанк»"]
        assert session.get(Counterparty, first).emails == "buh@sber.example; docs@sber.example"


def _workbook(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


HEADERS = [
    "кпп",
    "Наименование",
    "ИНН",
    "ОГРН",
    "Адрес",
    "Банк",
    "БИК",
    "Расчетный счет",
    "Корр. счет",
    "E-mail",
]


def _counterparty_file(path: Path) -> Path:
    return _workbook(
        path,
        HEADERS,
        [
            [
                "773601001",
                "ПАО Сбербанк",
                "7707083893",
                "1027700132195",
                "Москва",
                "Сбербанк",
                "044525225",
                "40702810200000012345",
                "30101810400000000225",
                "buh@sber.example",
            ],
            ["", "ИП Тестов Тест Тестович", "500100732259", "304500116000157", "Химки", "", "", "", "", ""],
            ["773601001", "ООО «Ошибка»", "7707083894", "", "", "", "", "", "", ""],  # bad INN checksum
            ["12345", "ООО «Кривой КПП»", "7707083893", "", "", "", "", "", "", ""],  # bad KPP
            [
                "",
                "ИП Без Счёта",
                "500100732259",
                "304500116000157",
                "",
                "Банк",
                "044525225",
                "40702810300000012345",
                "",
                "",
            ],  # repeat of row 3, and a bad account key
        ],
    )


def test_import_reports_bad_rows_and_reimport_creates_no_duplicates(
    sqlite_db: Database, tmp_path: Path
) -> None:
    path = _counterparty_file(tmp_path / "clients.xlsx")
    with sqlite_db.transaction() as session:
        result = import_counterparties(session, path)
    assert (result.imported, result.rejected) == (2, 3)
    problems = {(e.row, e.column) for e in result.errors}
    assert (4, "ИНН") in problems and (5, "кпп") in problems and (6, "Расчетный счет") in problems
    with sqlite_db.session() as session:
        rows = session.execute(select(Counterparty.inn, Counterparty.kind, Counterparty.kpp)).all()
    assert sorted(rows) == [("500100732259", "entrepreneur", None), ("7707083893", "legal", "773601001")]
    with sqlite_db.transaction() as session:
        again = import_counterparties(session, path)
    assert again.imported == 2 and again.created == 0 and again.updated == 2
    with sqlite_db.session() as session:
        assert session.scalar(select(func.count(Counterparty.id))) == 2


def test_csv_in_windows_encoding_with_semicolons(sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes("Наименование;ИНН;КПП\r\nПАО Сбербанк;7707083893;773601001\r\n".encode("cp1251"))
    with sqlite_db.transaction() as session:
        result = import_counterparties(session, path)
    assert result.imported == 1 and result.rejected == 0


def test_file_without_required_columns_is_refused_by_name(sqlite_db: Database, tmp_path: Path) -> None:
    path = _workbook(tmp_path / "x.xlsx", ["Имя", "Телефон"], [["a", "b"]])
    from desktop.core.errors import ValidationError

    with pytest.raises(ValidationError) as error, sqlite_db.transaction() as session:
        import_counterparties(session, path)
    assert "x.xlsx" in error.value.message and "Наименование" in error.value.message


def test_template_has_the_recognised_headers(tmp_path: Path) -> None:
    path = write_counterparty_template(tmp_path / "t.xlsx")
    headers = [c.value for c in load_workbook(path).active[1]]
    assert headers[:3] == ["Наименование", "ИНН", "КПП"] and "Расчётный счёт" in headers


def test_contract_import_groups_lines_and_is_idempotent(sqlite_db: Database, tmp_path: Path) -> None:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=5, seed=2)
        entity_inn, client_inn = session.execute(
            select(Contract.own_entity.property.mapper.class_.inn, Counterparty.inn)
            .select_from(Contract)
            .join(Contract.own_entity)
            .join(Contract.counterparty)
            .where(Counterparty.kind == "legal")
            .limit(1)
        ).one()
    headers = ["ИНН юрлица", "Номер", "Дата", "ИНН клиента", "Тип", "Оплата", "Услуга", "Ед. изм.", "Цена"]
    path = _workbook(
        tmp_path / "contracts.xlsx",
        headers,
        [
            [
                entity_inn,
                "Д-77",
                "01.02.2026",
                client_inn,
                "фиксированный",
                "постоплата",
                "Охрана объекта",
                "",
                "50000",
            ],
            [
                entity_inn,
                "Д-77",
                "01.02.2026",
                client_inn,
                "фиксированный",
                "постоплата",
                "Новая услуга",
                "ч",
                "1500,50",
            ],
            [
                entity_inn,
                "Д-78",
                "31.02.2026",
                client_inn,
                "",
                "",
                "Охрана объекта",
                "",
                "100",
            ],  # no such date
            [
                entity_inn,
                "Д-79",
                "01.03.2026",
                "7707083893",
                "",
                "",
                "Охрана объекта",
                "",
                "100",
            ],  # unknown client
        ],
    )
    with sqlite_db.transaction() as session:
        result = import_contracts(session, path)
    assert (result.imported, result.rejected, result.created) == (2, 2, 1)
    assert {(e.row, e.column) for e in result.errors} == {(4, "Дата"), (5, "ИНН клиента")}
    with sqlite_db.session() as session:
        contract = session.scalar(select(Contract).where(Contract.number == "Д-77"))
        assert contract is not None and [str(line.price) for line in contract.lines] == [
            "50000.00",
            "1500.50",
        ]
    with sqlite_db.transaction() as session:
        again = import_contracts(session, path)
    assert again.created == 0 and again.updated == 1
    with sqlite_db.session() as session:
        assert session.scalar(select(func.count(Contract.id)).where(Contract.number == "Д-77")) == 1


def test_cli_import_prints_the_json_summary(tmp_path: Path) -> None:
    path = _counterparty_file(tmp_path / "clients.xlsx")
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, "import", "counterparties", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr  # some rows were rejected
    summary = json.loads(done.stdout)
    assert summary["imported"] == 2 and summary["rejected"] == 3
    assert {"row": 4, "column": "ИНН", "message": "неверная контрольная сумма ИНН"} in summary["errors"]
