"""Gap-free document numbers, unique per own entity, document kind and year.

A number is taken by one ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` on the
``number_sequences`` row, inside the transaction that creates the document: PostgreSQL
locks the row until that transaction ends, SQLite runs writers in ``BEGIN IMMEDIATE``
(see ``db.writer``). If the document's transaction rolls back, so does the number: no gaps.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from desktop.core.errors import UserError
from desktop.core.models import INVOICE_SEQUENCE, Document, DocumentKind, NumberSequence


def take(session: Session, own_entity_id: int, kind: str, year: int) -> int:
    """Take the next number of the sequence (1 for the first of the year)."""
    stmt = _take_statement(session.get_bind().dialect.name)
    return int(session.execute(stmt, {"entity": own_entity_id, "kind": kind, "year": year}).scalar_one())


@functools.cache  # built once per dialect: a closing takes a number for every document
def _take_statement(dialect: str) -> Any:
    module = postgresql if dialect == "postgresql" else sqlite
    table = NumberSequence.__table__
    return (
        module.insert(table)
        .values(
            own_entity_id=bindparam("entity"), kind=bindparam("kind"), year=bindparam("year"), last_value=1
        )
        .on_conflict_do_update(
            index_elements=[table.c.own_entity_id, table.c.kind, table.c.year],
            set_={"last_value": table.c.last_value + 1},
        )
        .returning(table.c.last_value)
    )


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


def sequence_of(kind: str, upd_status: int | None = None) -> str:
    """The sequence a document takes its number from: the entity's one счёт-фактура sequence for the
    separate and advance счета-фактуры and the UPDs with status 1; its own kind's otherwise."""
    if kind in (DocumentKind.SF, DocumentKind.ADVANCE_SF) or (kind == DocumentKind.UPD and upd_status == 1):
        return INVOICE_SEQUENCE
    return str(kind)


def in_invoice_sequence(kind: str, upd_status: int | None) -> bool:
    return sequence_of(kind, upd_status) == INVOICE_SEQUENCE


def latest_invoice(session: Session, own_entity_id: int, year: int) -> tuple[str, dt.date] | None:
    """The number and date of the latest-dated current document of the entity's счёт-фактура sequence."""
    row = session.execute(
        select(Document.number, Document.date)
        .where(
            Document.own_entity_id == own_entity_id,
            Document.year == year,
            Document.current.is_(True),
            or_(
                Document.kind.in_((DocumentKind.SF, DocumentKind.ADVANCE_SF)),
                and_(Document.kind == DocumentKind.UPD, Document.upd_status == 1),
            ),
        )
        .order_by(Document.date.desc(), Document.seq.desc())
        .limit(1)
    ).first()
    return (row.number, row.date) if row is not None else None


def take_for(
    session: Session, own_entity_id: int, kind: str, year: int, date: dt.date, upd_status: int | None = None
) -> int:
    """Take the next number of ``kind``'s sequence for a document dated ``date``.

    счета-фактуры are numbered in the order of their dates (Decree 1137: «порядковый номер»): a
    document of the счёт-фактура sequence dated before the latest one already numbered is refused
    with a Russian message. The sequence row is taken (and locked) first, so two users numbering at
    once see each other's documents here.
    """
    seq = take(session, own_entity_id, sequence_of(kind, upd_status), year)
    if in_invoice_sequence(kind, upd_status):
        latest = latest_invoice(session, own_entity_id, year)
        if latest is not None and latest[1] > date:
            raise UserError(
                f"Счёт-фактура от {date:%d.%m.%Y} не может получить номер после № {latest[0]} "
                f"от {latest[1]:%d.%m.%Y}: счета-фактуры нумеруются в порядке дат. "
                "Сначала оформите документы более ранних дат (закройте месяц), затем более поздние."
            )
    return seq
