"""Audit log entries as the database's triggers write them, and a small log of a few people's work."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from desktop.core.db import Database
from desktop.core.models import AuditEntry, Counterparty, PartyKind, Role, User


def log_entry(
    db: Database, at: dt.datetime, login: str, table: str, row_id: str, action: str, changes: Any
) -> int:
    """One entry (``at`` in UTC, ``changes`` ``{column: [old, new]}`` in the stored form); its id."""
    with db.transaction() as session:
        entry = AuditEntry(
            at=at,
            login=login,
            table_name=table,
            row_id=row_id,
            action=action,
            changes=json.dumps(changes, ensure_ascii=False),
        )
        session.add(entry)
        session.flush()
        return entry.id


def sample_log(db: Database) -> dict[str, int]:
    """Two users, a counterparty and five entries around midnight of 01.12.2026 in Moscow (UTC+3):
    the ids by name (``party``: the counterparty's)."""
    with db.transaction() as session:
        session.add_all(
            [
                User(login="buh.ivanova", full_name="Иванова Анна Сергеевна", role=Role.ACCOUNTANT),
                User(login="m.petrov", full_name="Петров Михаил", role=Role.MANAGER),
            ]
        )
        party = Counterparty(
            kind=PartyKind.LEGAL, short_name="ООО «Ромашка»", full_name="ООО «Ромашка»", inn="7701234567"
        )
        session.add(party)
        session.flush()
        party_id = party.id
    sqlite = db.engine.dialect.name == "sqlite"
    amount: list[Any] = ["10000.00", "12500.00"] if sqlite else [10000.0, 12500.0]  # as the triggers store it
    return {
        "party": party_id,
        # 23:59:59 on 30.11 in Moscow
        "renamed": log_entry(
            db, dt.datetime(2026, 11, 30, 20, 59, 59), "buh.ivanova", "counterparties", str(party_id),
            "update", {"short_name": ["Ромашка-старая", "ООО «Ромашка»"]},
        ),
        # midnight of 01.12 in Moscow
        "approved": log_entry(
            db, dt.datetime(2026, 11, 30, 21, 0, 0), "m.petrov", "payment_requests", "17",
            "update", {"status": ["approval", "approved"], "amount": amount},
        ),
        "item": log_entry(
            db, dt.datetime(2026, 12, 1, 9, 0, 0), "buh.ivanova", "budget_items", "3",
            "insert", {"id": [None, 3], "code": [None, "01.02"], "name": [None, "Аренда офиса"]},
        ),
        "phone": log_entry(
            db, dt.datetime(2026, 12, 1, 9, 30, 0), "buh.ivanova", "counterparties", str(party_id),
            "update", {"phone": [None, "+7 495 000-00-00"]},
        ),
        "deleted": log_entry(
            db, dt.datetime(2026, 12, 2, 10, 0, 0), "ghost.user", "contracts", "99",
            "delete", {"id": [99, None], "number": ["Д-99", None], "status": ["active", None],
                       "counterparty_id": [party_id, None]},
        ),
    }  # fmt: skip
