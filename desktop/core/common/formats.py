"""Russian formatting of dates for print forms and the screen (``31.10.2026``,
«31 октября 2026 г.»). Periods: ``common.periods``; amounts and quantities: ``common.money``.
"""

from __future__ import annotations

import datetime as dt

from desktop.core.common.periods import MONTHS_GENITIVE


def format_date(day: dt.date | None) -> str:
    """``31.10.2026``; empty for no date."""
    return day.strftime("%d.%m.%Y") if day else ""


def format_date_words(day: dt.date | None) -> str:
    """«31 октября 2026 г.» (day with a leading zero dropped; month in the genitive)."""
    if not day:
        return ""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def format_date_quoted(day: dt.date | None) -> str:
    """«31» октября 2026 г. — the contract style."""
    if not day:
        return ""
    return f"«{day.day:02d}» {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def format_short_range(start: dt.date | None, end: dt.date | None) -> str:
    """A line's part of the period: «01.10–11.10» (same year), empty without dates."""
    if not start or not end:
        return ""
    if start.year == end.year:
        return f"{start:%d.%m}–{end:%d.%m}"
    return f"{format_date(start)}–{format_date(end)}"
