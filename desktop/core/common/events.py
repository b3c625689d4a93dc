"""The event log: every create/change/delete of a card, contract or document, with who and when."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from desktop.core.db import os_login, who_acts
from desktop.core.models import Event


def current_login() -> str:
    """The OS login of the person at the keyboard (maps to ``User.login``); with a session at hand,
    ``acting_login`` (on PostgreSQL the database's login, not the OS one)."""
    return os_login()


def acting_login(session: Session, login: str | None = None) -> str:
    """Who acts in ``session`` when a caller names ``login`` (``db.who_acts``: on PostgreSQL the
    connection's login, the schema's owner excepted)."""
    return who_acts(session.info, login)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _details(details: dict[str, Any]) -> str:
    return json.dumps({k: _plain(v) for k, v in details.items()}, ensure_ascii=False)


def log_event(
    session: Session,
    object_type: str,
    object_id: int | None,
    action: str,
    details: dict[str, Any] | None = None,
    *,
    user: str | None = None,
) -> Event:
    """Record an event in the current transaction (it is committed or rolled back with the change)."""
    event = Event(
        user_login=acting_login(session, user),
        object_type=object_type,
        object_id=object_id,
        action=action,
        details=_details(details or {}),
    )
    session.add(event)
    return event


def log_events(
    session: Session,
    object_type: str,
    entries: list[tuple[int | None, str, dict[str, Any]]],
    *,
    user: str | None = None,
) -> None:
    """Record several events of one kind of object, ``(object_id, action, details)`` each, in one
    INSERT of the current transaction (a closing logs one for every document it makes: through the
    ORM's unit of work each cost more than the document's own row)."""
    if not entries:
        return
    login = acting_login(session, user)
    rows = [
        {
            "user_login": login,
            "object_type": object_type,
            "object_id": object_id,
            "action": action,
            "details": _details(details),
        }
        for object_id, action, details in entries
    ]
    session.execute(insert(cast(Table, Event.__table__)), rows)


def history(session: Session, object_type: str, object_id: int) -> list[Event]:
    """The events of one object, oldest first."""
    return list(
        session.scalars(
            select(Event)
            .where(Event.object_type == object_type, Event.object_id == object_id)
            .order_by(Event.at, Event.id)
        )
    )
