"""Notifications shown to a user in the app: how many are unread, the list, marking them read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop.core.models import Notification


def unread_count(session: Session, login: str) -> int:
    return int(
        session.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_login == login, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def notifications_for(session: Session, login: str, limit: int = 200) -> list[Notification]:
    """Newest first, unread ones before read ones."""
    return list(
        session.scalars(
            select(Notification)
            .where(Notification.user_login == login)
            .order_by(Notification.read_at.is_not(None), Notification.at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def mark_read(session: Session, login: str, ids: Sequence[int] | None = None) -> int:
    """Mark the user's notifications (all, or these) read; returns how many changed."""
    stmt = (
        update(Notification)
        .where(Notification.user_login == login, Notification.read_at.is_(None))
        .values(read_at=dt.datetime.now(dt.UTC).replace(tzinfo=None))
    )
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(list(ids)))
    result = session.execute(stmt)
    return int(getattr(result, "rowcount", 0) or 0)
