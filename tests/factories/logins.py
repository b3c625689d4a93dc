"""Real PostgreSQL logins for the tests of several people (builders, no tests here).

On PostgreSQL who acts is the connection's login (``Database.login``): each person of a test gets a
login of their own in the group of their role, a row in ``users`` and a ``Database`` connected as
them. Login names carry a suffix unique to the test (roles belong to the whole server) and are
dropped when the test's database is gone.
"""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from desktop.core.db import Database, open_database
from desktop.core.models import User


@dataclass
class People:
    """The owner's database (the migrations' login) and one connection per person, by short name."""

    owner: Database
    url: URL
    logins: dict[str, str] = field(default_factory=dict)  # short name → the real login
    connections: dict[str, Database] = field(default_factory=dict)

    def login(self, who: str) -> str:
        return self.logins[who]

    def db(self, who: str) -> Database:
        if who not in self.connections:
            self.connections[who] = open_database(self.url.set(username=self.logins[who]))
        return self.connections[who]

    def add(self, who: str, role: str, full_name: str, *, email: str | None = None) -> str:
        """A login in the group of ``role`` and its ``users`` row (what the admin's «Пользователи и
        роли» does), made by the owner."""
        login = f"{who}_{uuid.uuid4().hex[:6]}"
        with self.owner.transaction() as session:
            session.execute(text(f'CREATE ROLE "{login}" LOGIN'))
            session.execute(text(f'GRANT aktdesk_{role} TO "{login}"'))
            session.add(User(login=login, full_name=full_name, role=role, email=email, is_active=True))
        self.logins[who] = login
        return login


@contextmanager
def people_on(url: str, people: Iterable[tuple[str, str, str]] = ()) -> Iterator[People]:
    """``People`` on the PostgreSQL database ``url`` (migrated by its owner), each of ``people``
    (short name, full name, role) with a login; the logins are dropped at the end."""
    owner = open_database(url)
    found = People(owner, make_url(url))
    try:
        for who, full_name, role in people:
            found.add(who, role, full_name)
        yield found
    finally:
        for database in found.connections.values():
            database.dispose()
        owner.dispose()


def drop_logins(admin_url: str, logins: Iterable[str]) -> None:
    """Drop the test's logins (after its database is dropped: they own nothing any more)."""
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for login in logins:
                conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
    finally:
        engine.dispose()


def who_acts(database: Database, login: str) -> str:
    """Who an action passed ``login`` is recorded as: that login on SQLite (one user, trusted) and for
    the schema's owner on PostgreSQL (it may act for anyone), else the connection's login."""
    return database.login if database.multi_user and not database.owner else login


def psql(url: URL, login: str, sql: str) -> subprocess.CompletedProcess[str]:
    """``sql`` run by PostgreSQL's own client as ``login`` (errors verbose: their SQLSTATE shows)."""
    return subprocess.run(
        [
            "psql",
            "-X",
            "-h",
            url.host or "127.0.0.1",
            "-p",
            str(url.port or 5432),
            "-U",
            login,
            "-d",
            str(url.database),
            "-v",
            "ON_ERROR_STOP=1",
            "-v",
            "VERBOSITY=verbose",
            "-tA",
            "-c",
            sql,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
