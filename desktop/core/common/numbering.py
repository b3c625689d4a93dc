"""Gap-free document numbers, unique per own entity, document kind and year.

A number is taken by one ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` on the
``number_sequences`` row, inside the transaction that creates the document: PostgreSQL
locks the row until that transaction ends, SQLite runs writers in ``BEGIN IMMEDIATE``
(see ``db.writer``). If the document's transaction rolls back, so does the number: no gaps.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from desktop.core.models import NumberSequence


def take(session: Session, own_entity_id: int, kind: str, year: int) -> int:
    """Take the next number of the sequence (1 for the first of the year)."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    table = NumberSequence.__table__
    stmt = (
        module.insert(table)
        .values(own_entity_id=own_entity_id, kind=kind, year=year, last_value=1)
        .on_conflict_do_update(
            index_elements=[table.c.own_entity_id, table.c.kind, table.c.year],
            set_={"last_value": table.c.last_value + 1},
        )
        .returning(table.c.last_value)
    )
    return int(session.execute(stmt).scalar_one())


def peek(session: Session, own_entity_id: int, kind: str, year: int) -> int:
    """The last number taken (0 if none), without taking one."""
    value = session.execute(
        select(NumberSequence.last_value).where(
            NumberSequence.own_entity_id == own_entity_id,
            NumberSequence.kind == kind,
            NumberSequence.year == year,
        )
    ).scalar_one_or_none()
    return int(value or 0)


def format_number(prefix: str, seq: int) -> str:
    """The printed number: ``seq`` alone, or ``PREFIX-seq`` when the entity has a prefix."""
    return f"{prefix}-{seq}" if prefix else str(seq)
