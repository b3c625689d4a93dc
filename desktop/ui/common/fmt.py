"""Display formatting for tables: the core's formatters (``common.money``, ``common.formats``)
for the values a table cell holds (``None`` shows as nothing)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from desktop.core.common.formats import format_date
from desktop.core.common.money import format_money


def money(value: Any) -> str:
    """``Decimal("1234567.8")`` → ``1 234 567,80``."""
    return "" if value is None else format_money(Decimal(value))


def rub(value: Any) -> str:
    """A sum standing alone (a footer, a sentence): ``1 234 567,80 ₽``."""
    return "" if value is None else format_money(Decimal(value), rub=True)


def date(value: dt.date | None) -> str:
    return format_date(value)


def local_time(at: dt.datetime) -> dt.datetime:
    """Events and edits are stored in UTC (``models._now``); people read their own clock."""
    return at.replace(tzinfo=dt.UTC).astimezone()


def moment(at: dt.datetime | None) -> str:
    """A stored UTC moment on the local clock: ``30.11.2026 10:15``."""
    return "" if at is None else f"{local_time(at):%d.%m.%Y %H:%M}"
