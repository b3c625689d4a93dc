"""close-month end to end through the command line: rerun, a killed run, two users at once on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from desktop.core.common import numbering
from desktop.core.db import Database, open_database
from desktop.core.demo.data import fill_demo
from desktop.core.models import Document

TODAY = dt.date(2026, 11, 22)


def _cli(url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--database", url, "close-month", "--period", "2026-10", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run(url: str, *args: str) -> dict:  # type: ignore[type-arg]
    process = _cli(url, *args, "--json")
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return json.loads(out)


def _filled(url: str, clients: int) -> Database:
    database = open_database(url)
    with database.transaction() as session:
        fill_demo(session, clients=clients, seed=11, today=TODAY)
    return database


def _check_unique_and_gap_free(database: Database) -> int:
    with database.session() as session:
        keys = session.execute(
            select(Document.contract_id, Document.kind, Document.stage, Document.period)
        ).all()
        numbers = session.execute(
            select(Document.own_entity_id, Document.kind, Document.upd_status, Document.year, Document.seq)
        ).all()
    assert len(keys) == len(set(keys)), "a document was issued twice"
    groups: dict[tuple[int, str, int], list[int]] = {}
    for entity, kind, status, year, seq in numbers:  # счета-фактуры and UPDs of status 1: one sequence
        groups.setdefault((entity, numbering.sequence_of(kind, status), year), []).append(seq)
    for seqs in groups.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), "numbers have a gap or a duplicate"
    return len(keys)


def test_second_run_of_the_same_period_makes_nothing_new(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'e2e.sqlite'}"
    database = _filled(url, 25)
    first = _run(url, "--no-files")
    made = sum(first["documents"].values())
    assert made > 20 and first["errors"] == [] and first["period"] == "2026-10"
    second = _run(url, "--no-files")
    assert sum(second["documents"].values()) == 0 and second["skipped_existing"] == made
    assert _check_unique_and_gap_free(database) == made
    dry = _run(url, "--dry-run")
    assert sum(dry["documents"].values()) == 0
    database.dispose()


def test_a_killed_run_is_completed_by_the_next_without_duplicates(tmp_path: Path) -> None:
    reference = _filled(f"sqlite:///{tmp_path / 'ref.sqlite'}", 200)
    expected = sum(_run(f"sqlite:///{tmp_path / 'ref.sqlite'}", "--no-files")["documents"].values())
    reference.dispose()

    url = f"sqlite:///{tmp_path / 'crash.sqlite'}"
    database = _filled(url, 200)
    process = _cli(url, "--no-files")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # kill it once some contracts are closed
        with database.session() as session:
            if (session.scalar(select(func.count(Document.id))) or 0) > 30:
                break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with database.session() as session:
        partial = session.scalar(select(func.count(Document.id)))
    assert 0 < partial < expected
    rest = _run(url, "--no-files")
    assert rest["skipped_existing"] == partial
    assert _check_unique_and_gap_free(database) == expected
    database.dispose()


def test_two_users_closing_the_same_period_on_postgresql(pg_url: str) -> None:
    database = _filled(pg_url, 60)
    first, second = _cli(pg_url, "--no-files", "--json"), _cli(pg_url, "--no-files", "--json")
    outputs = []
    for process in (first, second):
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        outputs.append(json.loads(out))
    made = sum(sum(o["documents"].values()) for o in outputs)
    total = _check_unique_and_gap_free(database)
    assert made == total > 50  # every document made exactly once, by one of the two
    assert all(o["errors"] == [] for o in outputs)
    database.dispose()
