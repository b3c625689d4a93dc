"""The schema comes from Alembic migrations, on SQLite and PostgreSQL, and matches the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from desktop.core.db import Database, backup_sqlite, current_revision, head_revision, make_engine, migrate
from desktop.core.models import Base


def test_upgrade_head_builds_every_table_and_matches_models(any_db: Database) -> None:
    assert current_revision(any_db.engine) == head_revision()
    tables = set(inspect(any_db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    with any_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"models and migrations differ; write a migration: {diff}"


def test_migrate_is_idempotent(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    migrate(engine)
    assert migrate(engine) is None  # nothing to do, no backup made
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_sqlite_backup_is_a_full_copy(sqlite_db: Database) -> None:
    path = Path(sqlite_db.url.database or "")
    copy = backup_sqlite(path)
    assert copy.parent == path.parent and copy.name.startswith(path.name) and copy.suffix == ".bak"
    engine = make_engine(f"sqlite:///{copy}")
    assert current_revision(engine) == head_revision()
    engine.dispose()
