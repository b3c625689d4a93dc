"""Months and periods: the one place for month names, "YYYY-MM" period strings, their bounds and titles.

A period is a month written ``YYYY-MM`` (the database, the command line, the dropdowns). Here:
its first and last day, the one before and after, the quarter and year around it, the recent
ones for a dropdown, and its title in Russian («октябрь 2026», «IV квартал 2026 г.»).
Imports no feature package.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from desktop.core.errors import ValidationError

MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
MONTHS_PREPOSITIONAL = (
    "январе", "феврале", "марте", "апреле", "мае", "июне",
    "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
)  # fmt: skip
QUARTERS_ROMAN = ("I", "II", "III", "IV")

PERIOD_PATTERN = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


# --- days of a month ------------------------------------------------------------------------


def month_start(day: dt.date, shift: int = 0) -> dt.date:
    """The first day of ``day``'s month, or of the month ``shift`` months later (earlier if negative)."""
    index = day.year * 12 + day.month - 1 + shift
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month (29 February in a leap year)."""
    return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


# --- period strings -------------------------------------------------------------------------


def is_period(text: str) -> bool:
    """``text`` is a month written exactly ``YYYY-MM`` (month 01..12)."""
    return PERIOD_PATTERN.fullmatch(text) is not None


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of a month given as "YYYY-MM"; a ``ValidationError`` for anything else."""
    try:
        year_text, month_text = period.strip().split("-")
        year, month = int(year_text), int(month_text)
        if len(year_text) != 4 or not 1 <= month <= 12:
            raise ValueError(period)
    except ValueError:
        raise ValidationError(
            f"Период «{period}» указан неверно: нужен месяц в виде ГГГГ-ММ, например 2026-03.",
            field="period",
        ) from None
    start = dt.date(year, month, 1)
    return start, month_end(start)


def period_of(day: dt.date) -> str:
    """The "YYYY-MM" month containing ``day``."""
    return f"{day.year:04d}-{day.month:02d}"


def current_period(today: dt.date | None = None) -> str:
    """This month (of ``today``, else of the clock) as "YYYY-MM"."""
    return period_of(today or dt.date.today())


def shift_period(period: str, months: int) -> str:
    """The month ``months`` after ``period`` (before it if negative)."""
    return period_of(month_start(period_bounds(period)[0], months))


def next_period(period: str) -> str:
    """«2026-12» → «2027-01»."""
    return shift_period(period, 1)


def previous_period(period: str) -> str:
    """«2027-01» → «2026-12»."""
    return shift_period(period, -1)


def recent_periods(today: dt.date, count: int = 13) -> list[str]:
    """For a dropdown: ``today``'s month, then the ``count`` previous ones, newest first (the second
    one is the month usually closed)."""
    this = period_of(today)
    return [shift_period(this, -back) for back in range(count + 1)]


def last_periods(today: dt.date, count: int = 12) -> list[str]:
    """``count`` months ending with ``today``'s one, oldest first."""
    this = period_of(today)
    return [shift_period(this, -back) for back in range(count - 1, -1, -1)]


def months_between(start: dt.date, end: dt.date) -> list[str]:
    """The "YYYY-MM" months touched by [start, end], in order."""
    months: list[str] = []
    first = month_start(start)
    while first <= end:
        months.append(period_of(first))
        first = month_start(first, 1)
    return months


# --- quarters and years ---------------------------------------------------------------------


def quarter_of(period: str) -> int:
    """1..4: the quarter containing the month."""
    start, _ = period_bounds(period)
    return (start.month - 1) // 3 + 1


def month_periods_of_quarter(period: str) -> list[str]:
    """The three "YYYY-MM" months of the quarter containing ``period``."""
    start, _ = period_bounds(period)
    first = (quarter_of(period) - 1) * 3 + 1
    return [f"{start.year:04d}-{m:02d}" for m in range(first, first + 3)]


def quarter_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of the quarter containing the month."""
    months = month_periods_of_quarter(period)
    return period_bounds(months[0])[0], period_bounds(months[-1])[1]


def year_bounds(period: str) -> tuple[dt.date, dt.date]:
    """1 January and 31 December of the month's year."""
    start, _ = period_bounds(period)
    return dt.date(start.year, 1, 1), dt.date(start.year, 12, 31)


# --- titles ---------------------------------------------------------------------------------


def period_title(period: str) -> str:
    """«октябрь 2026»."""
    start, _ = period_bounds(period)
    return f"{MONTHS_NOMINATIVE[start.month - 1]} {start.year}"


def period_short(period: str) -> str:
    """«10.2026»."""
    start, _ = period_bounds(period)
    return f"{start:%m.%Y}"


def quarter_title(period: str) -> str:
    """The quarter containing the month: «IV квартал 2026 г.»."""
    return f"{QUARTERS_ROMAN[quarter_of(period) - 1]} квартал {period_bounds(period)[0].year} г."


def format_period(start: dt.date, end: dt.date) -> str:
    """The service period in words: «октябрь 2026 г.», «IV квартал 2026 г.», «2026 г.», else «01.10.2026 – 15.10.2026»."""
    if start.day == 1 and end == month_end(start):
        return f"{period_title(period_of(start))} г."
    if start.day == 1 and start.month in (1, 4, 7, 10) and end == month_end(month_start(start, 2)):
        return quarter_title(period_of(start))
    if start == dt.date(start.year, 1, 1) and end == dt.date(start.year, 12, 31):
        return f"{start.year} г."
    return f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"


def period_text(period: str) -> str:
    """A month in words as documents print it: «октябрь 2026 г.»."""
    return format_period(*period_bounds(period))
