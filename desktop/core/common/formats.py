"""Russian formatting of dates and periods for print forms and the screen (``31.10.2026``,
«31 октября 2026 г.», «IV квартал 2026 г.»). Amounts and quantities: ``common.money``.
"""

from __future__ import annotations

import datetime as dt

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
MONTHS_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
QUARTERS = ("I", "II", "III", "IV")


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


def format_period(start: dt.date, end: dt.date) -> str:
    """The service period in words: «октябрь 2026 г.», «IV квартал 2026 г.», «2026 г.», else «01.10.2026 – 15.10.2026»."""
    month_end = _month_end(start)
    if start.day == 1 and end == month_end:
        return f"{MONTHS_NOMINATIVE[start.month - 1]} {start.year} г."
    if start.day == 1 and start.month in (1, 4, 7, 10) and end == _month_end(_add_months(start, 2)):
        return f"{QUARTERS[(start.month - 1) // 3]} квартал {start.year} г."
    if start == dt.date(start.year, 1, 1) and end == dt.date(start.year, 12, 31):
        return f"{start.year} г."
    return f"{format_date(start)} – {format_date(end)}"


def format_short_range(start: dt.date | None, end: dt.date | None) -> str:
    """A line's part of the period: «01.10–11.10» (same year), empty without dates."""
    if not start or not end:
        return ""
    if start.year == end.year:
        return f"{start:%d.%m}–{end:%d.%m}"
    return f"{format_date(start)}–{format_date(end)}"


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)


def _month_end(day: dt.date) -> dt.date:
    return _add_months(day, 1) - dt.timedelta(days=1)
