"""Fixtures of the payment-request tests: a SQLite database with the parties of ``tests.factories.requests``."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.core.db import Database
from tests.factories.logins import People
from tests.factories.requests import Actors, people_parties, setup_parties


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    return sqlite_db


@pytest.fixture
def parties(db: Database) -> dict[str, Any]:
    with db.transaction() as session:
        found = setup_parties(session)
        return {k: v.id for k, v in found.items()}


@pytest.fixture(params=["sqlite", "postgresql"])
def actors(request: pytest.FixtureRequest) -> tuple[Actors, dict[str, int]]:
    """Everyone on one SQLite file, or each person on their own PostgreSQL login."""
    if request.param == "sqlite":
        db: Database = request.getfixturevalue("sqlite_db")
        with db.transaction() as session:
            return db, {k: v.id for k, v in setup_parties(session).items()}
    people: People = request.getfixturevalue("pg_people")
    return people, people_parties(people)
