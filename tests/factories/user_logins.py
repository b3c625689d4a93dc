"""Real PostgreSQL logins made the way the program makes them: through «Пользователи и роли»'s
core operation, i.e. the database function ``aktdesk_save_user`` (builders, no tests here; the
``pg_logins`` fixture of tests/conftest.py hands one out and drops its logins)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import unicodedata
import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from desktop.core.db import Database, open_database
from desktop.core.users.accounts import UserInput
from desktop.core.users.operations import save_user_card


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


def stored_password(pg_url: str, login: str) -> str:
    """pg_authid.rolpassword, which only a superuser reads (the test server's postgres)."""
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            return str(
                conn.execute(
                    text("SELECT rolpassword FROM pg_authid WHERE rolname = :l"), {"l": login}
                ).scalar()
            )
    finally:
        engine.dispose()


def scram_matches(verifier: str, password: str) -> bool:
    """The SCRAM-SHA-256 verifier was made from ``password`` (RFC 5802, as PostgreSQL stores it)."""
    method, rest = verifier.split("$", 1)
    assert method == "SCRAM-SHA-256"
    params, keys = rest.split("$")
    iterations, salt = params.split(":")
    stored_key, _server_key = keys.split(":")
    normalized = unicodedata.normalize("NFKC", password).encode()
    salted = hashlib.pbkdf2_hmac("sha256", normalized, base64.b64decode(salt), int(iterations))
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    return base64.b64encode(hashlib.sha256(client_key).digest()).decode() == stored_key
