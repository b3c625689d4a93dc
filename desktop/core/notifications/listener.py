"""Hearing new notifications at once on PostgreSQL (no Qt): ``LISTEN aktdesk_notifications``.

A trigger on ``notifications`` (migration 0010) runs ``pg_notify('aktdesk_notifications', login)``
for every row inserted; the server delivers it when the inserting transaction commits, to every
connection listening on the channel. :func:`listen` keeps one such connection of its own
(autocommit, the program's login and password, apart from the engine's pool) and calls back with
each payload (the login told) until its ``stop`` event is set. A dropped connection (the server
restarted, the network gone) is opened again after 1, 2, 4 … 30 seconds; ``on_connect`` is called
after every (re)connection, so the caller can count again what it may have missed meanwhile.
SQLite has nothing like it: there the screens keep their poll only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

import psycopg

from desktop.core.db import Database

log = logging.getLogger(__name__)

CHANNEL = "aktdesk_notifications"
BACKOFF = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0)  # seconds before the next attempt, then 30 s each time
CONNECT_TIMEOUT = 5  # seconds


def can_listen(database: Database) -> bool:
    """Whether the database says its new notifications (PostgreSQL; not SQLite)."""
    return database.engine.dialect.name == "postgresql"


def connect_arguments(database: Database) -> dict[str, Any]:
    """What psycopg needs to connect as the program does: the engine's host, port, database, login,
    password and URL options (``sslmode``…)."""
    _args, kwargs = database.engine.dialect.create_connect_args(database.engine.url)
    kwargs = {k: v for k, v in kwargs.items() if k != "context"}  # SQLAlchemy's adapters: not needed
    kwargs.setdefault("connect_timeout", CONNECT_TIMEOUT)
    return kwargs


def delays() -> Iterator[float]:
    """The waits between attempts: 1, 2, 4, 8, 16, then 30 seconds for ever."""
    yield from BACKOFF
    while True:
        yield BACKOFF[-1]


def listen(
    database: Database,
    on_notify: Callable[[str], None],
    stop: threading.Event,
    *,
    on_connect: Callable[[], None] | None = None,
    poll: float = 1.0,
) -> None:
    """Listen on :data:`CHANNEL` until ``stop`` is set (noticed within ``poll`` seconds), calling
    ``on_notify(payload)`` for each notification heard; reconnect with back-off when the
    connection drops. Blocks: run it on a thread of its own."""
    arguments = connect_arguments(database)
    waits = delays()
    while not stop.is_set():
        try:
            with psycopg.connect(autocommit=True, **arguments) as conn:
                conn.execute(f"LISTEN {CHANNEL}")
                log.info("listening for notifications on %s", database.describe())
                waits = delays()  # connected: the next drop starts again from 1 s
                if on_connect is not None:
                    on_connect()
                while not stop.is_set():
                    for notify in conn.notifies(timeout=poll):
                        on_notify(notify.payload)
                        if stop.is_set():
                            break
        except psycopg.Error as error:
            if stop.is_set():
                break
            wait = next(waits)
            log.warning("notifications listener: %s; again in %.0f s", error, wait)
            stop.wait(wait)
    log.info("notifications listener stopped")
