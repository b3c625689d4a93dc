"""When the sales ledger of a quarter and an own entity was last printed (written to a file): an
event in the event log, object «books», the entity's id, action «sales_ledger» (docs/domain.md,
«Книга продаж»). A document of the quarter made later belongs on an additional sheet."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.common.events import log_event
from desktop.core.models import Event

OBJECT_TYPE = "books"
ACTION = "sales_ledger"


def record_print(session: Session, quarter: str, entity_id: int, path: Path, rows: int) -> Event:
    """Record that the ledger of ``quarter`` («2026-Q4») of the entity was written to ``path``."""
    return log_event(
        session, OBJECT_TYPE, entity_id, ACTION, {"quarter": quarter, "file": str(path), "rows": rows}
    )


def last_print(session: Session, quarter: str, entity_id: int) -> dt.datetime | None:
    """When the ledger of ``quarter`` of the entity was last written (UTC, as ``Event.at``), or None."""
    events = session.scalars(
        select(Event)
        .where(Event.object_type == OBJECT_TYPE, Event.object_id == entity_id, Event.action == ACTION)
        .order_by(Event.at.desc(), Event.id.desc())
    )
    for event in events:
        try:
            details = json.loads(event.details or "{}")
        except ValueError:
            continue
        if isinstance(details, dict) and details.get("quarter") == quarter:
            return event.at
    return None


def local_text(at: dt.datetime) -> str:
    """A stored UTC moment as the person's local «ДД.ММ.ГГГГ ЧЧ:ММ»."""
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%d.%m.%Y %H:%M")
