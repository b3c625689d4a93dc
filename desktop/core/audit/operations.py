"""Operations of the audit log viewer (each takes a :class:`Database`).

The table is lazy: ``entry_ids`` gives the ids of a filter in an order with their count (one
session, so the count matches the rows), ``entries_by_id`` the rows of a page in words;
``filter_choices`` the logins and the kinds of object the drop-downs offer; ``export_log`` the
filtered entries to .xlsx.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.core.audit import describe, export, queries, titles
from desktop.core.db import Database
from desktop.core.jobs import CancelToken, Progress, no_progress


def entry_ids(
    database: Database, flt: queries.AuditFilter, order_key: str = "at", descending: bool = True
) -> tuple[list[int], int]:
    """The ids of the filtered entries (newest first by default) and their count."""
    with database.session() as session:
        ids = list(session.scalars(queries.select_ids(flt, order_key, descending)))
        return ids, len(ids)


def entries_by_id(database: Database, ids: Sequence[int]) -> dict[int, queries.AuditRow]:
    """The rows of ``ids`` in words, by id."""
    with database.session() as session:
        return queries.rows(session, ids)


@dataclass(frozen=True)
class FilterChoices:
    """(login, «Иванова А. (buh.ivanova)») of every person in the log, and (table, «Договор») of
    every kind of object."""

    people: list[tuple[str, str]]
    objects: list[tuple[str, str]]


def filter_choices(database: Database) -> FilterChoices:
    with database.session() as session:
        names = queries.user_names(session)
        people = [(login, describe.person(login, names)) for login in queries.logins(session)]
        objects = [(table, titles.table_title(table)) for table in queries.tables(session)]
    people.sort(key=lambda item: item[1].lower())
    return FilterChoices(people, objects)


def export_log(
    database: Database,
    path: Path,
    flt: queries.AuditFilter,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> int:
    """The filtered entries, newest first, to the .xlsx ``path``; their count."""
    with database.session() as session:
        return export.export_log(session, path, flt, progress=progress, cancel=cancel)
