"""The audit log in words: stored values as a person reads them, the names of rows, and «what
changed» as text («Статус: На согласовании → Согласован к оплате»).

A change is stored by the database's triggers (migration 0007) as ``{column: [old, new]}``
(``[null, value]`` for a new row, ``[value, null]`` for a deleted one) in the column's stored form:
money a JSON number on PostgreSQL and decimal text on SQLite (whose triggers turn its integers of
kopecks back), booleans true/false or 0/1, dates and moments ISO text, enumerations their short
ASCII values. :func:`decode` turns that back into what the model holds
(with the column's own type), :func:`show_value` into text: enum members by their titles
(``common.labels`` where one exists), money by ``common.money``, booleans «да»/«нет», moments on
the local clock, logins as «Иванова А. (buh.ivanova)», references to other rows by their name.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer
from sqlalchemy import Enum as SAEnum

from desktop.core.audit import titles
from desktop.core.audit.titles import DELETE, INSERT, UPDATE, column_title, enum_title
from desktop.core.common import labels
from desktop.core.common.formats import format_date
from desktop.core.common.money import format_money, format_quantity
from desktop.core.models import ExactDecimal

# Columns holding a person's login: shown as «Иванова А. (buh.ivanova)».
LOGIN_COLUMNS = frozenset(
    {
        "initiator",
        "approver",
        "approver_login",
        "decided_by",
        "created_by",
        "signed_by",
        "added_by",
        "updated_by",
        "imported_by",
    }
)

# The columns that name a row of a table (its «№/id» and the name a reference to it shows).
LABEL_COLUMNS: dict[str, tuple[str, ...]] = {
    "contracts": ("number",),
    "agreements": ("number",),
    "documents": ("kind", "number"),
    "scans": ("original_name",),
    "bank_payments": ("number", "date"),
    "payment_requests": ("number",),
    "request_approvals": ("title", "approver_login"),
    "users": ("full_name", "login"),
    "own_entities": ("short_name",),
    "bank_accounts": ("account",),
    "counterparties": ("short_name",),
    "mail_templates": ("purpose",),
    "approval_rules": ("title",),
    "budget_items": ("code", "name"),
    "cost_centres": ("code", "name"),
    "services": ("name",),
}

EMPTY = "—"
SHORT = 60  # characters of one value in the one-line summary (the details show it whole)


def short_person(full_name: str) -> str:
    """«Иванова Анна Сергеевна» → «Иванова А.»; one word stays as it is."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name.strip()
    initial = parts[1][0]
    return f"{parts[0]} {initial}." if initial.isalpha() else " ".join(parts[:2])


def person(login: str, names: Mapping[str, str]) -> str:
    """«Иванова А. (buh.ivanova)» for a known login; the login itself otherwise."""
    name = short_person(names.get(login) or "")
    return f"{name} ({login})" if name else login


def parse_changes(text: str | None) -> dict[str, tuple[Any, Any]]:
    """``{column: (old, new)}`` of a stored change; numbers read exactly (Decimal, never float).

    A value that is not an ``[old, new]`` pair is taken as the new value; text that is not a JSON
    object gives no changes rather than an error (the log is read, never refused).
    """
    try:
        data = json.loads(text or "{}", parse_float=Decimal)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    out: dict[str, tuple[Any, Any]] = {}
    for column, pair in data.items():
        if isinstance(pair, list) and len(pair) == 2:
            out[str(column)] = (pair[0], pair[1])
        else:
            out[str(column)] = (None, pair)
    return out


def column_order(table: str, columns: list[str]) -> list[str]:
    """``columns`` in the order the model declares them; unknown ones after, by name."""
    model = titles.model_table(table)
    known = [c.name for c in model.columns] if model is not None else []
    position = {name: index for index, name in enumerate(known)}
    return sorted(columns, key=lambda c: (position.get(c, len(known)), c))


def referenced_table(table: str, column: str) -> str | None:
    """The table a foreign-key column points to (``counterparty_id`` → ``counterparties``)."""
    model = titles.model_table(table)
    if model is None or column not in model.columns:
        return None
    for key in model.columns[column].foreign_keys:
        return str(key.column.table.name)
    return None


def _as_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(value) if isinstance(value, (int, Decimal)) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def _as_moment(value: Any) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def decode(table: str, column: str, value: Any) -> Any:
    """A stored value as the model holds it (Decimal, bool, date, datetime in UTC, enum member…),
    by the column's type; the value itself when it does not read as that type."""
    model = titles.model_table(table)
    if value is None or model is None or column not in model.columns:
        return value
    kind = model.columns[column].type
    if isinstance(kind, ExactDecimal):
        number = _as_decimal(value)  # decimal text on SQLite (its triggers scale the integers back)
        return value if number is None else number.quantize(kind.kind.quantum)
    if isinstance(kind, Boolean):
        if isinstance(value, str):
            return value.strip().lower() in ("1", "t", "true", "y", "yes")
        return bool(value)
    if isinstance(kind, SAEnum) and kind.enum_class is not None:
        try:
            return kind.enum_class(value)
        except ValueError:
            return value
    if isinstance(kind, DateTime):
        return _as_moment(value) or value
    if isinstance(kind, Date):
        try:
            return dt.date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            return value
    if isinstance(kind, Integer) and not isinstance(value, bool):
        number = _as_decimal(value)
        return int(number) if number is not None and number == number.to_integral_value() else value
    return value


def local_moment(at: dt.datetime) -> dt.datetime:
    """A stored UTC moment on the local clock, without a time zone (as a spreadsheet cell holds it)."""
    return at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def moment_text(at: dt.datetime) -> str:
    """``30.11.2026 10:15:07`` on the local clock for a stored UTC moment."""
    return f"{local_moment(at):%d.%m.%Y %H:%M:%S}"


@dataclass(frozen=True)
class Context:
    """What showing values needs besides the values: people's names by login, and the names of
    the rows references point to, by (table, key as text)."""

    names: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[tuple[str, str], str] = field(default_factory=dict)


def key_text(value: Any) -> str:
    """A key as the log stores it in ``row_id``: ``5`` (not ``5.0``) for a number."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    return str(value)


def row_label(table: str, values: Mapping[str, Any], names: Mapping[str, str] | None = None) -> str:
    """The name of a row from its (decoded) values: «Акт № 12», «ООО Ромашка», «Иванова А.
    (buh.ivanova)»; empty when its naming columns are not among ``values``."""
    columns = LABEL_COLUMNS.get(table, ())
    if not columns or not any(values.get(c) not in (None, "") for c in columns):
        return ""
    if table == "documents":
        kind = values.get("kind")
        title = enum_title(kind) if isinstance(kind, StrEnum) else labels.kind_title(str(kind or ""))
        return f"{title} № {values.get('number') or ''}".strip()
    if table in ("payment_requests", "agreements"):
        return f"№ {values.get('number')}"
    if table == "bank_payments":
        day = values.get("date")
        when = f" от {format_date(day)}" if isinstance(day, dt.date) else ""
        return f"№ {values.get('number') or ''}{when}"
    if table == "users":
        login = str(values.get("login") or "")
        name = short_person(str(values.get("full_name") or ""))
        return f"{name} ({login})" if name and login else name or login
    if table == "request_approvals":
        title = str(values.get("title") or "")
        approver = values.get("approver_login")
        who = person(str(approver), names or {}) if approver else ""
        return ", ".join(part for part in (title, who) if part)
    if table == "mail_templates":
        purpose = str(values.get("purpose") or "")
        return titles.MAIL_PURPOSE_TITLES.get(purpose, purpose)
    parts = [key_text(values[c]) for c in columns if values.get(c) not in (None, "")]
    return " ".join(parts)


def show_value(table: str, column: str, value: Any, context: Context) -> str:
    """A stored value as text for a person (see the module's docstring); «—» for nothing."""
    value = decode(table, column, value)
    if value is None or value == "":
        return EMPTY
    if column in LOGIN_COLUMNS and isinstance(value, str):
        return person(value, context.names)
    if table == "mail_templates" and column == "purpose":
        return titles.MAIL_PURPOSE_TITLES.get(str(value), str(value))
    if table == "payment_allocations" and column == "confidence":
        return titles.ALLOCATION_TITLES.get(str(value), str(value))
    target = referenced_table(table, column)
    if target is not None:
        key = key_text(value)
        label = context.labels.get((target, key))
        return label or f"id {key}"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, StrEnum):
        return enum_title(value)
    if isinstance(value, Decimal):
        model = titles.model_table(table)
        kind = model.columns[column].type if model is not None and column in model.columns else None
        if isinstance(kind, ExactDecimal) and kind.kind.places == 2:
            return format_money(value)
        return format_quantity(value)
    if isinstance(value, dt.datetime):
        return moment_text(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@dataclass(frozen=True)
class Change:
    """One column of a change: its title and the old and new values as text («—» for none)."""

    column: str
    title: str
    old: str
    new: str


def describe_changes(
    table: str, action: str, changes: Mapping[str, tuple[Any, Any]], context: Context
) -> list[Change]:
    """The changed columns in the model's order, each shown. A new row lists its filled columns, a
    deleted row those it had; the row's own id (the «№/id» column shows it) is left out of both. A
    change that reads the same before and after (a moment moved within its second) is left out
    when there are others."""
    out = []
    for column in column_order(table, list(changes)):
        old, new = changes[column]
        if action in (INSERT, DELETE) and (column == "id" or (old is None and new is None)):
            continue
        if action == INSERT and new in (None, ""):
            continue
        if action == DELETE and old in (None, ""):
            continue
        out.append(
            Change(
                column,
                column_title(table, column),
                show_value(table, column, old, context),
                show_value(table, column, new, context),
            )
        )
    visible = [c for c in out if c.old != c.new]
    return visible if action == UPDATE and visible else out


_BREAKS = re.compile(r"[ \t\r\n\f\v]+")  # not the no-break space that groups an amount's digits


def _short(text: str, limit: int | None) -> str:
    text = _BREAKS.sub(" ", text).strip()
    if limit is not None and len(text) > limit:
        return text[: limit - 1].rstrip() + "…"
    return text


def change_text(action: str, changes: list[Change], *, limit: int | None = SHORT, sep: str = "; ") -> str:
    """«Статус: На согласовании → Согласован к оплате; Сумма заявки: 1 000,00 → 2 000,00» for an
    update; «Номер: 12; Сумма: 1 000,00» (the values it got, or had) for a new or deleted row.
    ``limit`` shortens each value (None: whole)."""
    parts = []
    for change in changes:
        if action == INSERT:
            parts.append(f"{change.title}: {_short(change.new, limit)}")
        elif action == DELETE:
            parts.append(f"{change.title}: {_short(change.old, limit)}")
        else:
            parts.append(f"{change.title}: {_short(change.old, limit)} → {_short(change.new, limit)}")
    return sep.join(parts) if parts else EMPTY
