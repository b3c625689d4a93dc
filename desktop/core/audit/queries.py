"""The lists of the audit log viewer: the filter (period, person, object, action, text), its SQL
conditions, the ids of the entries newest first (the lazy table's order), their rows in words, and
the choices of the filter's drop-downs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Integer, Select, String, Table, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from desktop.core.audit import describe, titles
from desktop.core.audit.describe import Change, Context
from desktop.core.models import AuditEntry, Base, User

CHUNK = 500  # keys per IN (…) of a query


@dataclass
class AuditFilter:
    """The viewer's filter: local dates (both ends included), a login, a table, an action, a text."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    login: str | None = None
    table: str | None = None
    action: str | None = None  # titles.INSERT | UPDATE | DELETE
    search: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def day_start(day: dt.date) -> dt.datetime:
    """The stored (UTC, naive) moment the local ``day`` begins at."""
    local = dt.datetime.combine(day, dt.time()).astimezone()
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _pk(table: Table) -> Any:
    return next(iter(table.primary_key.columns))


def _named_rows(table: str, like: str) -> Any | None:
    """Entries of ``table`` whose row (still there) is named like ``like`` («Ромашка», «Д-15»)."""
    model = Base.metadata.tables.get(table)
    names = [c for c in describe.LABEL_COLUMNS.get(table, ()) if model is not None and c in model.columns]
    if model is None or not names or table == "mail_templates":
        return None
    pk = _pk(model)
    texts = [func.lower(model.columns[c]).like(like, escape="\\") for c in names if _is_text(model, c)]
    if not texts:
        return None
    key = cast(pk, String) if isinstance(pk.type, Integer) else pk
    return and_(AuditEntry.table_name == table, AuditEntry.row_id.in_(select(key).where(or_(*texts))))


def _is_text(model: Table, column: str) -> bool:
    return isinstance(model.columns[column].type, String)


def search_condition(text: str) -> Any | None:
    """The entries a text finds: in the stored changes or the row's key; the stored values of the
    enumerations whose titles contain it («согласован» finds ``approved``); the changes of a column
    whose title contains it («статус»); the entries of the rows named so («Ромашка»); the kinds of
    object titled so («договор»). Case-insensitive (SQLite's lower() is Unicode's, see db.py)."""
    text = " ".join(text.split()).lower()
    if not text:
        return None
    like = _like(text)
    found: list[Any] = [
        func.lower(AuditEntry.changes).like(like, escape="\\"),
        func.lower(AuditEntry.row_id).like(like, escape="\\"),
    ]
    if len(text) >= 3:
        values = sorted(
            {
                str(member.value)
                for titles in titles.ENUM_TITLES.values()
                for member, title in titles.items()
                if text in title.lower()
            }
        )
        found += [AuditEntry.changes.like(_like(f'"{value}"'), escape="\\") for value in values]
        for table in titles.AUDITED_TABLES:
            model = Base.metadata.tables[table]
            columns = [c.name for c in model.columns if text in titles.column_title(table, c.name).lower()]
            if columns:
                found.append(
                    and_(
                        AuditEntry.table_name == table,
                        or_(*(AuditEntry.changes.like(_like(f'"{c}"'), escape="\\") for c in columns)),
                    )
                )
            if text in titles.table_title(table).lower():
                found.append(AuditEntry.table_name == table)
        purposes = [p for p, title in titles.MAIL_PURPOSE_TITLES.items() if text in title.lower()]
        if purposes:
            found.append(and_(AuditEntry.table_name == "mail_templates", AuditEntry.row_id.in_(purposes)))
    for table in describe.LABEL_COLUMNS:
        named = _named_rows(table, like)
        if named is not None:
            found.append(named)
    return or_(*found)


def where(flt: AuditFilter) -> list[Any]:
    """The SQL conditions of a filter."""
    conditions: list[Any] = []
    if flt.date_from is not None:
        conditions.append(AuditEntry.at >= day_start(flt.date_from))
    if flt.date_to is not None:
        conditions.append(AuditEntry.at < day_start(flt.date_to + dt.timedelta(days=1)))
    if flt.login:
        conditions.append(AuditEntry.login == flt.login)
    if flt.table:
        conditions.append(AuditEntry.table_name == flt.table)
    if flt.action:
        conditions.append(AuditEntry.action == flt.action)
    searched = search_condition(flt.search)
    if searched is not None:
        conditions.append(searched)
    return conditions


ORDER = {
    "at": (AuditEntry.at,),
    "who": (AuditEntry.login, AuditEntry.at),
    "object": (AuditEntry.table_name, AuditEntry.at),
    "row": (AuditEntry.row_id, AuditEntry.at),
    "action": (AuditEntry.action, AuditEntry.at),
}


def select_ids(flt: AuditFilter, order_key: str = "at", descending: bool = True) -> Select[Any]:
    """The ids of the filtered entries, newest first by default (the id breaks ties: the order the
    database wrote them in)."""
    columns = ORDER.get(order_key, ORDER["at"])
    order = [c.desc() if descending else c.asc() for c in (*columns, AuditEntry.id)]
    return select(AuditEntry.id).where(*where(flt)).order_by(*order)


def count(session: Session, flt: AuditFilter) -> int:
    return int(session.scalar(select(func.count(AuditEntry.id)).where(*where(flt))) or 0)


def logins(session: Session) -> list[str]:
    """Every login the log names, in alphabetical order."""
    return list(session.scalars(select(AuditEntry.login).distinct().order_by(AuditEntry.login)))


def tables(session: Session) -> list[str]:
    """The audited tables and any other the log names, in the order of ``AUDITED_TABLES``."""
    seen = set(session.scalars(select(AuditEntry.table_name).distinct()))
    extra = sorted(seen - set(titles.AUDITED_TABLES), key=titles.table_title)
    return [*titles.AUDITED_TABLES, *extra]


def user_names(session: Session) -> dict[str, str]:
    """Logins → full names of the users."""
    return {login: name for login, name in session.execute(select(User.login, User.full_name))}


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def row_labels(
    session: Session, keys: Iterable[tuple[str, str]], names: dict[str, str]
) -> dict[tuple[str, str], str]:
    """The names of the rows still there (``describe.row_label``), by (table, key as text)."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for table, key in keys:
        if table in describe.LABEL_COLUMNS:
            wanted[table].add(key)
    out: dict[tuple[str, str], str] = {}
    for table, found in wanted.items():
        model = Base.metadata.tables.get(table)
        if model is None:
            continue
        pk = _pk(model)
        columns = [model.columns[c] for c in describe.LABEL_COLUMNS[table] if c in model.columns]
        if isinstance(pk.type, Integer):
            values: list[Any] = sorted(int(k) for k in found if k.isdigit())
        else:
            values = sorted(found)
        for chunk in _chunks(values):
            for row in session.execute(select(pk, *columns).where(pk.in_(chunk))):
                data = dict(zip((c.name for c in columns), row[1:], strict=True))
                label = describe.row_label(table, data, names)
                if label:
                    out[(table, str(row[0]))] = label
    return out


@dataclass(frozen=True)
class AuditRow:
    """One entry of the log in words."""

    id: int
    at: dt.datetime  # as stored: UTC (describe.moment_text shows it on the local clock)
    login: str
    who: str  # «Иванова А. (buh.ivanova)»
    table: str
    object: str  # «Договор»
    row_id: str
    reference: str  # «Д-2026/15, id 3»: the row's name (still there, or from the change itself)
    action: str
    action_title: str  # «Изменение»
    changes: tuple[Change, ...]

    @property
    def summary(self) -> str:
        """What changed on one line, long values shortened."""
        return describe.change_text(self.action, list(self.changes))

    @property
    def details(self) -> str:
        """What changed, a column per line, whole."""
        return describe.change_text(self.action, list(self.changes), limit=None, sep="\n")


def _own_label(entry: AuditEntry, changes: dict[str, tuple[Any, Any]], context: Context) -> str:
    """The row's name from the change itself (a deleted row's old values, the others' new ones)."""
    side = 0 if entry.action == titles.DELETE else 1
    values = {
        column: describe.decode(entry.table_name, column, pair[side]) for column, pair in changes.items()
    }
    model = Base.metadata.tables.get(entry.table_name)
    if model is not None:  # a text key may be the name itself (a mail template's purpose)
        values.setdefault(_pk(model).name, entry.row_id)
    return describe.row_label(entry.table_name, values, context.names)


def rows(session: Session, ids: Sequence[int]) -> dict[int, AuditRow]:
    """The rows of ``ids`` (each present one), with people, objects and references named."""
    entries: list[AuditEntry] = []
    for chunk in _chunks(list(ids)):
        entries += session.scalars(select(AuditEntry).where(AuditEntry.id.in_(chunk)))
    parsed = {e.id: describe.parse_changes(e.changes) for e in entries}
    names = user_names(session)
    keys: set[tuple[str, str]] = set()
    for entry in entries:
        keys.add((entry.table_name, entry.row_id))
        for column, pair in parsed[entry.id].items():
            target = describe.referenced_table(entry.table_name, column)
            if target is not None:
                keys.update((target, describe.key_text(v)) for v in pair if v is not None)
    context = Context(names=names, labels=row_labels(session, keys, names))
    out: dict[int, AuditRow] = {}
    for entry in entries:
        changes = parsed[entry.id]
        label = context.labels.get((entry.table_name, entry.row_id)) or _own_label(entry, changes, context)
        if label and entry.row_id.isdigit():
            reference = f"{label}, id {entry.row_id}"
        else:
            reference = label or entry.row_id
        out[entry.id] = AuditRow(
            id=entry.id,
            at=entry.at,
            login=entry.login,
            who=describe.person(entry.login, names),
            table=entry.table_name,
            object=titles.table_title(entry.table_name),
            row_id=entry.row_id,
            reference=reference,
            action=entry.action,
            action_title=titles.action_title(entry.action),
            changes=tuple(describe.describe_changes(entry.table_name, entry.action, changes, context)),
        )
    return out
