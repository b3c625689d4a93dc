"""The notifications of one login: how many are unread, the list (newest first), marking them read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop.core.models import Notification


@dataclass(frozen=True)
class Note:
    """A notification as the centre shows it."""

    id: int
    at: dt.datetime  # UTC
    text: str
    object_type: str | None  # what it is about: "closed", "payment_request", "doc_request"…
    object_id: int | None
    unread: bool  # when it was read from the database


def unread_count(session: Session, login: str) -> int:
    return int(
        session.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_login == login, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def notifications_for(session: Session, login: str, limit: int = 200) -> list[Note]:
    """The login's notifications, newest first."""
    rows = session.scalars(
        select(Notification)
        .where(Notification.user_login == login)
        .order_by(Notification.at.desc(), Notification.id.desc())
        .limit(limit)
    )
    return [Note(n.id, n.at, n.text, n.object_type, n.object_id, n.read_at is None) for n in rows]


def mark_read(session: Session, login: str, ids: Sequence[int] | None = None) -> int:
    """Mark the login's notifications (all, or these) read; returns how many changed."""
    stmt = (
        update(Notification)
        .where(Notification.user_login == login, Notification.read_at.is_(None))
        .values(read_at=dt.datetime.now(dt.UTC).replace(tzinfo=None))
    )
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(list(ids)))
    result = session.execute(stmt)
    return int(getattr(result, "rowcount", 0) or 0)
