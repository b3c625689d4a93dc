"""The PostgreSQL listener without Qt: it hears a notification for anyone once its insert commits,
stops within a second or two of being asked, and comes back after its connection is killed,
hearing the next one. On SQLite there is nothing to listen to."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from sqlalchemy import text

from desktop.core.db import Database
from desktop.core.models import Notification
from desktop.core.notifications import listener

WAIT = 15.0  # seconds: far more than any delivery takes
pg = pytest.mark.pg


@dataclass
class Running:
    """``listen`` on a thread: what it heard and its (re)connections, in order."""

    stop: threading.Event
    thread: threading.Thread
    seen: queue.Queue[str] = field(default_factory=queue.Queue)  # "connected" or a payload

    def next(self) -> str:
        return self.seen.get(timeout=WAIT)


@pytest.fixture
def running(pg_db: Database) -> Iterator[Running]:
    stop = threading.Event()
    seen: queue.Queue[str] = queue.Queue()
    thread = threading.Thread(
        target=listener.listen,
        args=(pg_db, seen.put, stop),
        kwargs={"on_connect": lambda: seen.put("connected")},
        daemon=True,
    )
    thread.start()
    yield Running(stop, thread, seen)
    stop.set()
    thread.join(WAIT)


def _tell(database: Database, login: str) -> None:
    with database.transaction() as session:
        session.add(Notification(user_login=login, text="Сделка закрыта"))


def _listening_pids(database: Database) -> list[int]:
    with database.session() as session:
        return list(
            session.scalars(
                text(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
                )
            )
        )


@pg
def test_a_notification_is_heard_with_its_login_and_the_listener_stops_when_asked(
    pg_db: Database, running: Running
) -> None:
    assert running.next() == "connected"
    _tell(pg_db, "m.kozlova")
    _tell(pg_db, "a.ivanova")
    assert [running.next(), running.next()] == ["m.kozlova", "a.ivanova"]
    asked = time.monotonic()
    running.stop.set()
    running.thread.join(2.5)
    assert not running.thread.is_alive()  # it looks at the stop event every second
    assert time.monotonic() - asked < 2.5
    assert _listening_pids(pg_db) == []  # its connection is closed


@pg
def test_the_listener_reconnects_after_its_connection_is_killed_and_hears_the_next_one(
    pg_db: Database, running: Running
) -> None:
    assert running.next() == "connected"
    (killed,) = _listening_pids(pg_db)
    with pg_db.session() as session:
        assert session.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed})
    assert running.next() == "connected"  # after a second's back-off
    assert _listening_pids(pg_db) not in ([], [killed])
    _tell(pg_db, "m.kozlova")
    assert running.next() == "m.kozlova"


def test_sqlite_has_no_listener(sqlite_db: Database) -> None:
    assert not listener.can_listen(sqlite_db)


def test_the_back_off_doubles_up_to_half_a_minute() -> None:
    waits = listener.delays()
    assert [next(waits) for _ in range(8)] == [1, 2, 4, 8, 16, 30, 30, 30]
