"""Shared fixtures: an isolated home folder, an in-memory keyring, SQLite and PostgreSQL databases.

In CI (``CI`` set) a skipped test is a failure: a missing service or converter must be
installed by ``.ci/run``, never silently skipped.
"""

from __future__ import annotations

import os
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
from desktop.core.users.accounts import UserInput
from desktop.core.users.operations import save_user_card


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
def pg_db(pg_url: str) -> Iterator[Database]:
    database = open_database(pg_url)
    yield database
    database.dispose()


class PgLogins:
    """Real logins of the test's PostgreSQL database, created through the program's own function by
    the schema owner (or by ``by``); every name it hands out is dropped at teardown."""

    PASSWORD = "пароль-для-теста"

    def __init__(self, url: str, names: list[str]) -> None:
        self.url = url
        self.names = names
        self.databases: list[Database] = []
        self._owner: Database | None = None

    @property
    def owner(self) -> Database:
        """The database as its owner (the test server's superuser) sees it."""
        if self._owner is None:
            self._owner = self._open(open_database(self.url))
        return self._owner

    def name(self, prefix: str) -> str:
        """A login name no other test uses (``<prefix>_<6 hex>``), dropped at teardown."""
        login = f"{prefix}_{uuid.uuid4().hex[:6]}"
        self.names.append(login)
        return login

    def create(
        self, role: str, *, prefix: str | None = None, full_name: str = "", by: Database | None = None
    ) -> str:
        """A user with a login in ``role``'s group, created by ``by`` (default the owner); its login."""
        login = self.name(prefix or role)
        values = UserInput(login, full_name or f"Тестов {login}", role, password=self.PASSWORD)
        save_user_card(by or self.owner, values, None)
        return login

    def connect(self, login: str) -> Database:
        """The database as ``login`` sees it (trust authentication: no password asked)."""
        return self._open(open_database(self.as_login(login)))

    def as_login(self, login: str) -> str:
        return make_url(self.url).set(username=login).render_as_string(hide_password=False)

    def _open(self, database: Database) -> Database:
        self.databases.append(database)
        return database

    def close(self) -> None:
        for database in self.databases:
            database.dispose()


@pytest.fixture
def _dropped_logins() -> Iterator[list[str]]:
    """Logins to drop after the test (set up before ``pg_url``, so dropped after its database)."""
    names: list[str] = []
    yield names
    if not names:
        return
    engine = create_engine(make_url(pg_admin_url()), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for name in names:
                conn.execute(
                    text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :n"),
                    {"n": name},
                )
                conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
    finally:
        engine.dispose()


@pytest.fixture
def pg_logins(_dropped_logins: list[str], pg_url: str) -> Iterator[PgLogins]:
    """Create real logins on the test's fresh PostgreSQL database and connect as them."""
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
