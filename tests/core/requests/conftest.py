"""Fixtures of the payment-request tests: a SQLite database with the parties of ``tests.factories.requests``."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.core.db import Database
from tests.factories.requests import setup_parties


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    return sqlite_db


@pytest.fixture
def parties(db: Database) -> dict[str, Any]:
    with db.transaction() as session:
        found = setup_parties(session)
        return {k: v.id for k, v in found.items()}
