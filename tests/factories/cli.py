"""Builders for the command-line tests: run `aktdesk` on a database, a small demo to run it on, the
spreadsheets and CSV files `aktdesk import` reads (no tests here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from desktop.core.db import open_database
from desktop.core.demo.data import fill_demo
from desktop.core.models import Contract, Counterparty, OwnEntity
from tests.factories import TODAY


def cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`aktdesk --database url args…` in a child process, its output as text."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def demo(url: str) -> tuple[str, str]:
    """Two demo clients; (own entity INN, a legal client's INN)."""
    database = open_database(url)
    with database.transaction() as session:
        fill_demo(session, clients=2, seed=3, today=TODAY)
        entity_inn, client_inn = session.execute(
            select(OwnEntity.inn, Counterparty.inn)
            .select_from(Contract)
            .join(Contract.own_entity)
            .join(Contract.counterparty)
            .where(Counterparty.kind == "legal")
            .limit(1)
        ).one()
    database.dispose()
    return entity_inn, client_inn


def contracts_file(path: Path, rows: list[list[object]]) -> Path:
    """A contracts workbook for `aktdesk import contracts`: the columns it reads, then ``rows``."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        ["ИНН юрлица", "Номер", "Дата", "ИНН клиента", "Тип", "Оплата", "Документы", "Услуга", "Ед. изм.",
         "Количество", "Цена"]
    )  # fmt: skip
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def xlsx(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def csv(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    lines = [";".join(headers)] + [";".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path
