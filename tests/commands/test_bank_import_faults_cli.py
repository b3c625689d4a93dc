"""`aktdesk bank import` on real files in a separate process: warnings in --json, a statement of an
account no own entity has, a bank order next to a payment order, a file in two encodings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop.core.db import Database
from desktop.core.models import BankPayment
from tests.factories.payments import ROMASHKA_ACCOUNT, Pay, statement, world, write_statement

UNKNOWN_ACCOUNT = "40702810000000000001"


def _import(database: Database, *files: Path) -> tuple[int, dict[str, Any], str]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--database",
            database.url.render_as_string(hide_password=False),
            "bank",
            "import",
            *map(str, files),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, json.loads(done.stdout), done.stderr


def _payments(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count(BankPayment.id))) or 0


def test_warnings_come_with_file_and_line_in_json(sqlite_db: Database, tmp_path: Path) -> None:
    with sqlite_db.transaction() as session:
        world(session)
    lines = statement(
        [
            Pay("1", "05.10.2026", "10.00", "Оплата"),
            Pay("2", "05.10.2026", "11.00", "Чужой платёж", own_account=UNKNOWN_ACCOUNT),
        ]
    )
    path = write_statement(tmp_path / "kl_to_1c.txt", lines)
    second = next(n for n, line in enumerate(lines, start=1) if line == "Номер=2") - 1

    code, data, _err = _import(sqlite_db, path)

    assert code == 0 and data["incoming"] == 1 and data["errors"] == []
    skipped = [w for w in data["warnings"] if "документ пропущен" in w["message"]]
    assert skipped == [
        {
            "file": "kl_to_1c.txt",
            "line": second,
            "message": f"п/п № 2: ни счёт плательщика {ROMASHKA_ACCOUNT}, "
            f"ни счёт получателя {UNKNOWN_ACCOUNT} не указан в карточках своих юрлиц — документ пропущен",
        }
    ]
    assert all(set(w) == {"file", "line", "message"} for w in data["warnings"])
    balance = [w for w in data["warnings"] if "ВсегоПоступило" in w["message"]]
    assert balance and balance[0]["file"] == "kl_to_1c.txt" and balance[0]["line"] > 0


def test_a_statement_of_an_unknown_account_is_an_error_naming_the_account(
    sqlite_db: Database, tmp_path: Path
) -> None:
    with sqlite_db.transaction() as session:
        world(session)
    lines = statement([Pay("1", "05.10.2026", "10.00", "x", own_account=UNKNOWN_ACCOUNT)])
    path = write_statement(tmp_path / "other_bank.txt", lines)

    code, data, _err = _import(sqlite_db, path)

    assert code == 1 and data["files"] == 0 and data["incoming"] == 0
    [error] = data["errors"]
    assert error["file"] == "other_bank.txt" and error["line"] == lines.index("СекцияРасчСчет") + 1
    assert f"счёт выписки {UNKNOWN_ACCOUNT} не указан в карточке ни одного своего юрлица" in error["message"]
    assert "Добавьте этот счёт в карточку своего юрлица" in error["message"]
    assert _payments(sqlite_db) == 0


def test_a_bank_order_and_a_payment_order_alike_are_two_payments(sqlite_db: Database, tmp_path: Path) -> None:
    with sqlite_db.transaction() as session:
        world(session)
    same = Pay("7", "05.10.2026", "500.00", "Возврат")
    lines = statement([same, same])
    second = [n for n, line in enumerate(lines) if line == "СекцияДокумент=Платежное поручение"][1]
    lines[second] = "СекцияДокумент=Банковский ордер"
    path = write_statement(tmp_path / "two_kinds.txt", lines)

    code, data, _err = _import(sqlite_db, path)
    assert code == 0 and (data["incoming"], data["duplicates"]) == (2, 0), data
    with sqlite_db.session() as session:
        kinds = sorted(session.scalars(select(BankPayment.doc_kind)))
    assert kinds == ["Банковский ордер", "Платежное поручение"]

    code, data, _err = _import(sqlite_db, path)  # the same statement again adds nothing
    assert code == 0 and (data["incoming"], data["duplicates"]) == (0, 2)
    assert _payments(sqlite_db) == 2


def test_a_cp1251_file_with_a_utf8_last_line_is_named_as_mixed_encoding(
    sqlite_db: Database, tmp_path: Path
) -> None:
    with sqlite_db.transaction() as session:
        world(session)
    lines = statement([Pay("1", "05.10.2026", "10.00", "Оплата")])
    data = ("\r\n".join(lines[:-1]) + "\r\n").encode("cp1251") + (lines[-1] + "\r\n").encode("utf-8")
    path = tmp_path / "pasted.txt"
    path.write_bytes(data)

    code, result, _err = _import(sqlite_db, path)

    assert code == 1 and result["files"] == 0
    [error] = result["errors"]
    assert error["line"] == len(lines) and "смешанная кодировка" in error["message"]
    assert "UTF-8" in error["message"] and "Windows (cp1251)" in error["message"]
    assert "скачана не полностью" not in error["message"]
    assert _payments(sqlite_db) == 0
