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


def test_opening_an_older_sqlite_file_backs_it_up_then_migrates(tmp_path: Path) -> None:
    from alembic import command

    from desktop.core.db import alembic_config, open_database

    path = tmp_path / "old.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    cfg = alembic_config(engine.url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO own_entities (short_name, full_name, inn, legal_address, postal_address, region, vat_regime,"
            " doc_prefix, contract_number_pattern, director_name, director_position, director_basis, accountant_name,"
            " is_active) VALUES ('ООО «Старое»', 'ООО «Старое»', '7707083893', '', '', '', 'vat22', '', '', '', '', '',"
            " '', 1)"
        )
    engine.dispose()
    database = open_database(f"sqlite:///{path}")
    assert current_revision(database.engine) == head_revision() != "0001"
    backups = list(tmp_path.glob("old.sqlite.*.bak"))
    assert len(backups) == 1
    old = make_engine(f"sqlite:///{backups[0]}")
    assert current_revision(old) == "0001"
    with old.connect() as conn:
        assert conn.exec_driver_sql("SELECT short_name FROM own_entities").scalar() == "ООО «Старое»"
    old.dispose()
    database.dispose()
