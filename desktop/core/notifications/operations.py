"""The notification screens' calls (each takes a :class:`Database` and returns plain data)."""

from __future__ import annotations

from desktop.core.db import Database
from desktop.core.notifications.store import Note, mark_read, notifications_for, unread_count

__all__ = ["Note", "read_notifications", "unread_notifications"]


def unread_notifications(database: Database, login: str) -> int:
    with database.session() as session:
        return unread_count(session, login)


def read_notifications(database: Database, login: str) -> list[Note]:
    """The login's notifications, newest first (``unread`` as they were); the ones read here are
    marked read, in the same transaction (one that arrives meanwhile stays unread)."""
    with database.transaction() as session:
        notes = notifications_for(session, login)
        unread = [note.id for note in notes if note.unread]
        if unread:
            mark_read(session, login, unread)
    return notes
