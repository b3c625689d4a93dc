"""The schema comes from Alembic migrations, on SQLite and PostgreSQL, and matches the models."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

from desktop.core.db import Database, backup_sqlite, current_revision, head_revision, make_engine, migrate
from desktop.core.models import AUDITED_TABLES, ApprovalRule, AuditEntry, Base, OwnEntity


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


def test_every_audited_table_has_its_triggers_at_head(any_db: Database) -> None:
    with any_db.engine.connect() as conn:
        if any_db.multi_user:
            names = set(conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).scalars())
            expected = {f"{t}_audit" for t in AUDITED_TABLES}
        else:
            names = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
            expected = {f"{t}_audit_{e}" for t in AUDITED_TABLES for e in ("insert", "update", "delete")}
    assert expected <= names


def test_the_audit_log_records_who_changed_what_from_and_to(any_db: Database) -> None:
    with any_db.transaction() as session:
        entity = OwnEntity(short_name="ООО «Аудит»", full_name="ООО «Аудит»", inn="7701234567")
        session.add(entity)
        session.flush()
        rule = ApprovalRule(
            own_entity_id=entity.id, stage=1, approver_login="head", amount_above=Decimal("100000.50")
        )
        session.add(rule)
    with any_db.transaction() as session:
        found = session.get(ApprovalRule, rule.id)
        assert found is not None
        found.amount_above = Decimal("250000.00")
        found.stage = 1  # unchanged: no entry of its own
    with any_db.transaction() as session:
        session.delete(session.get(ApprovalRule, rule.id))
    with any_db.session() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "approval_rules").order_by(AuditEntry.id)
        ).all()
    assert [(r.action, r.row_id, r.login) for r in rows] == [
        ("insert", str(rule.id), any_db.login),
        ("update", str(rule.id), any_db.login),
        ("delete", str(rule.id), any_db.login),
    ]
    inserted, updated, deleted = (json.loads(r.changes) for r in rows)
    assert inserted["approver_login"] == [None, "head"] and "budget_item_id" not in inserted  # nulls left out
    assert [Decimal(str(v)) for v in updated["amount_above"]] == [Decimal("100000.50"), Decimal("250000.00")]
    assert set(updated) == {"amount_above"}
    assert deleted["approver_login"] == ["head", None]
