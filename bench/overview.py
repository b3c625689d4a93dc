"""The overview's SQL aggregates on 100 000 documents: every figure of the «Обзор» tab.

    uv run python bench/overview.py [--documents 100000] [--clients 2000] [--database URL]

Builds a temporary SQLite database (or fills the given empty one) with demo contracts and N
documents (bulk INSERT, as bench/registry.py does), then times ``core.overview.compute`` for
everyone, for one own entity and for one manager. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--database", help="an empty database URL (default: a temporary SQLite file)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from sqlalchemy import func, select

    from bench.registry import fill_documents
    from desktop.core.db import open_database
    from desktop.core.demo.data import fill_demo
    from desktop.core.models import Document, OwnEntity, User
    from desktop.core.overview import queries as overview

    url = args.database or f"sqlite:///{Path(os.environ['AKTDESK_HOME']) / 'overview.sqlite'}"
    database = open_database(url)
    today = dt.date(2027, 6, 15)  # within the documents' three years 2025–2027
    started = time.perf_counter()
    with database.transaction() as session:
        fill_demo(session, clients=args.clients, seed=1, today=today)
    figures: dict[str, object] = {"database": database.engine.dialect.name, "clients": args.clients}
    figures["fill_demo_s"] = round(time.perf_counter() - started, 2)
    figures["fill_documents_s"] = round(fill_documents(database, args.documents), 2)
    if database.engine.dialect.name == "postgresql":  # fresh statistics, as autovacuum would have made
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")
    with database.session() as session:
        figures["documents"] = session.scalar(select(func.count(Document.id)))
        entity_ids = sorted(session.scalars(select(OwnEntity.id)))
        entity_id = entity_ids[0]
        manager_login = session.scalar(
            select(User.login).where(User.role == "manager").order_by(User.id).limit(1)
        )

    def timed(name: str, scope_of) -> overview.Overview:  # type: ignore[no-untyped-def]
        best = float("inf")
        view = None
        for _ in range(args.repeat):
            begin = time.perf_counter()
            with database.session() as session:
                view = overview.compute(session, scope_of(session), today)
            best = min(best, time.perf_counter() - begin)
        figures[name] = round(best * 1000, 1)
        assert view is not None
        return view

    everyone = timed("all_ms", lambda s: overview.Scope())
    timed("one_entity_ms", lambda s: overview.Scope(own_entity_ids=(entity_id,)))
    timed("two_entities_ms", lambda s: overview.Scope(own_entity_ids=tuple(entity_ids[:2])))
    timed("one_manager_ms", lambda s: overview.scope_for(s, str(manager_login)))
    # Where the time goes (everyone's figures): the closing grid, then the document aggregates.
    with database.session() as session:
        scope = overview.Scope()
        parts = {
            "closing_12_months_ms": lambda: overview._closing(session, scope, overview.last_periods(today)),
            "unsigned_2_queries_ms": lambda: (
                overview._by_age(session, today, overview.unsigned_filter(scope), Document.amount_total, "u"),
                overview._by_manager(session, overview.unsigned_filter(scope), Document.amount_total, "u"),
            ),
        }
        for name, action in parts.items():
            begin = time.perf_counter()
            action()
            figures[name] = round((time.perf_counter() - begin) * 1000, 1)
    figures["unsigned"] = everyone.unsigned.count
    figures["receivables"] = everyone.receivables.count
    figures["closing_due_last_month"] = everyone.closing[-1].due
    for name, value in figures.items():
        print(f"{name:>24}: {value}")
    print(json.dumps(figures))
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
