"""A damaged or busy database, and a login without privileges, through the real command line.

Each fault is made for real: a zero-byte file, pages overwritten with garbage, a write lock held
by another process, a PostgreSQL role created without privileges. The user reads Russian text
that says what happened and what to do; no traceback, no SQL; a damaged file is left as it is.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
import uuid
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from desktop.core.common.identifiers import make_inn10, make_kpp
from desktop.core.db import backup_sqlite, open_database
from desktop.core.demo.data import fill_demo
from desktop.logging_setup import log_file

TODAY = dt.date(2026, 11, 22)


def _cli(url: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )


def _assert_russian_only(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for raw in ("SELECT", "INSERT", "UPDATE", "sqlalchemy", "sqlite3.", "psycopg", "OperationalError"):
        assert raw not in result.stderr, result.stderr


def _demo_file(path: Path, clients: int = 8) -> None:
    database = open_database(f"sqlite:///{path}")
    with database.transaction() as session:
        fill_demo(session, clients=clients, seed=5, today=TODAY)
    database.dispose()


def test_a_zero_byte_database_file_is_named_damaged_with_its_backup_and_left_alone(tmp_path: Path) -> None:
    good = tmp_path / "aktdesk.sqlite"
    _demo_file(good)
    backup = backup_sqlite(good)  # what the program makes before a migration
    good.write_bytes(b"")  # the file is lost: zero bytes (a crash of the disk or a bad copy)

    result = _cli(f"sqlite:///{good}", "migrate")

    _assert_russian_only(result)
    assert f"«{good}» повреждён: файл пуст (0 байт)" in result.stderr
    assert backup.name in result.stderr and "восстановите резервную копию" in result.stderr
    assert good.stat().st_size == 0  # not silently turned into a new empty database


def test_overwritten_pages_are_named_damaged_not_a_traceback(tmp_path: Path) -> None:
    damaged = tmp_path / "aktdesk.sqlite"
    _demo_file(damaged, clients=30)
    data = bytearray(damaged.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    pages = len(data) // page
    assert pages > 20
    rng = random.Random(3)
    for number in range(pages // 3, pages // 3 + 4):  # four pages in the middle overwritten
        data[number * page : (number + 1) * page] = rng.randbytes(page)
    damaged.write_bytes(bytes(data))
    before = damaged.read_bytes()

    result = _cli(
        f"sqlite:///{damaged}", "registry", "export", "--unsigned", "--out", str(tmp_path / "x.xlsx")
    )

    _assert_russian_only(result)
    # Which of the two the file shows depends on the pages hit: the data's or SQLite's own.
    assert any(
        f"«{damaged}» повреждён: {what}" in result.stderr
        for what in ("повреждены страницы данных", "файл не читается")
    ), result.stderr
    assert "резервной копии (.bak) рядом с файлом нет" in result.stderr.lower()
    assert damaged.read_bytes() == before
    assert not (tmp_path / "x.xlsx").exists()


def test_a_file_that_is_not_sqlite_is_named_damaged(tmp_path: Path) -> None:
    damaged = tmp_path / "aktdesk.sqlite"
    _demo_file(damaged)
    data = bytearray(damaged.read_bytes())
    data[:100] = b"\x00" * 100  # the header page overwritten
    damaged.write_bytes(bytes(data))

    result = _cli(f"sqlite:///{damaged}", "migrate")

    _assert_russian_only(result)
    assert "повреждён: это не файл базы данных SQLite" in result.stderr


LOCKER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE events SET action = action")  # a write lock (events are not audited)
print("locked", flush=True)
sys.stdin.read()
"""


def test_a_database_locked_by_another_process_is_said_in_russian(tmp_path: Path) -> None:
    path = tmp_path / "aktdesk.sqlite"
    _demo_file(path)
    rng = random.Random(1)
    inn = make_inn10(rng)
    rows = tmp_path / "counterparties.csv"
    rows.write_text(
        f"Наименование;ИНН;КПП\nООО «Заблокированная»;{inn};{make_kpp(inn, rng)}\n", encoding="utf-8-sig"
    )
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        result = _cli(f"sqlite:///{path}", "import", "counterparties", str(rows))
    finally:
        locker.kill()
        locker.wait()

    _assert_russian_only(result)
    assert "База данных занята" in result.stderr and "повторите" in result.stderr
    assert "database is locked" in log_file().read_text(encoding="utf-8")  # the driver's text: the log only
    database = open_database(f"sqlite:///{path}")
    with database.session() as session:
        assert (
            session.execute(text("SELECT count(*) FROM counterparties WHERE inn = :i"), {"i": inn}).scalar()
            == 0
        )
    database.dispose()


def test_a_postgresql_login_without_privileges_is_said_in_russian(pg_url: str, tmp_path: Path) -> None:
    open_database(pg_url).dispose()  # the schema, made by its owner
    role = f"aktdesk_noright_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(pg_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(text(f'REVOKE ALL ON SCHEMA public FROM "{role}"'))
    try:
        url = make_url(pg_url).set(username=role, password=None).render_as_string(hide_password=False)
        result = _cli(url, "registry", "export", "--unsigned", "--out", str(tmp_path / "x.xlsx"))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()

    _assert_russian_only(result)
    assert f"У пользователя «{role}» нет прав" in result.stderr
    assert "администратора" in result.stderr


def test_a_value_postgresql_cannot_store_is_said_in_russian_and_nothing_is_saved(pg_url: str) -> None:
    from desktop.core.db import DatabaseError
    from desktop.core.models import Unit

    database = open_database(pg_url)
    try:
        try:
            with database.transaction() as session:
                session.add(Unit(code="X" * 500, name="Слишком длинный код"))
                session.flush()
        except DatabaseError as error:
            message = error.message
        else:
            raise AssertionError("PostgreSQL stored a value longer than its column")
        assert message.startswith("Значение не помещается в поле базы данных")
        assert "INSERT" not in message and "value too long" not in message
        with database.session() as session:
            assert session.scalar(text("SELECT count(*) FROM units WHERE name = 'Слишком длинный код'")) == 0
    finally:
        database.dispose()
