"""Shared fixtures: an isolated home folder, an in-memory keyring, SQLite and PostgreSQL databases.

In CI (``CI`` set) a skipped test is a failure: a missing service or converter must be
installed by ``.ci/run``, never silently skipped.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
from keyring.backend import KeyringBackend
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from desktop.core.db import Database, open_database
from tests.factories.logins import People, drop_logins, people_on
from tests.factories.user_logins import PgLogins


class MemoryKeyring(KeyringBackend):
    """Secrets kept in a dict for the duration of the test run."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Settings, data and logs of each test go to a fresh folder; the keyring is in memory."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("AKTDESK_HOME", str(home))
    monkeypatch.delenv("AKTDESK_DATABASE_URL", raising=False)
    monkeypatch.delenv("AKTDESK_SHARE_ROOT", raising=False)
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield home
    keyring.set_keyring(previous)
    files = sys.modules.get("desktop.core.closing.files")
    if files is not None:  # a closing of this test kept its workers and LibreOffice for the next
        files.close_kept_pools()


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring)
    return backend


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'aktdesk.sqlite'}"


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    database = open_database(sqlite_url)
    yield database
    database.dispose()


def pg_admin_url() -> str:
    url = os.environ.get("AKTDESK_TEST_PG_URL")
    if not url:
        pytest.skip("AKTDESK_TEST_PG_URL is not set: PostgreSQL tests need a server")
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    admin = make_url(pg_admin_url())
    name = f"aktdesk_t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"
                ),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        engine.dispose()


@pytest.fixture
def pg_people(pg_url: str) -> Iterator[People]:
    """Real logins on a fresh PostgreSQL database: ``people.add(short, role, name)``, ``people.db(short)``."""
    with people_on(pg_url) as people:
        yield people
    drop_logins(pg_admin_url(), people.logins.values())


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    database = open_database(pg_url)
    yield database
    database.dispose()


@pytest.fixture
def _dropped_logins() -> Iterator[list[str]]:
    """Logins to drop after the test (set up before ``pg_url``, so dropped after its database)."""
    names: list[str] = []
    yield names
    if names:
        drop_logins(pg_admin_url(), names)


@pytest.fixture
def pg_logins(_dropped_logins: list[str], pg_url: str) -> Iterator[PgLogins]:
    """Real logins on the test's fresh PostgreSQL database, made through the program's own
    function (``aktdesk_save_user``): ``create(role, by=…)``, ``connect(login)``, ``name(prefix)``."""
    logins = PgLogins(pg_url, _dropped_logins)
    yield logins
    logins.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """The same test on SQLite and on PostgreSQL."""
    fixture = "sqlite_db" if request.param == "sqlite" else "pg_db"
    yield request.getfixturevalue(fixture)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"Skipped in CI, which must provide every service and converter: {report.longrepr}"
