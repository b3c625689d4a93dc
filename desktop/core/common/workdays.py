"""Working days of the Russian production calendar: payment terms that end on a day off move on.

Civil Code art. 193: when the last day of a term falls on a non-working day, the term ends on
the next working day. Non-working days are Saturdays and Sundays, the public holidays of the
Labour Code art. 112 and the days off moved by the Government's yearly decree on transfers
(e.g. 03.01.2026 → 09.01.2026); a Saturday made a working day by such a decree is a working
day (01.11.2025). The calendar comes from the maintained ``holidays`` library (its Russia
calendar carries those transfers year by year and falls back to the Labour Code rules for years
no decree covers yet), so nothing here is a hand-kept list of dates.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=1)
def _calendar() -> holidays.HolidayBase:
    # Years are filled in lazily on the first look-up of a date of that year.
    return holidays.country_holidays("RU")


def is_working_day(day: dt.date) -> bool:
    """False on a weekend, a public holiday or a transferred day off; true on a working Saturday."""
    return bool(_calendar().is_working_day(day))


def next_working_day(day: dt.date) -> dt.date:
    """The day itself when it is a working day, else the first working day after it (art. 193)."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(day: dt.date, days: int) -> dt.date:
    """``days`` working (banking) days after ``day``: the day of the term's end is the last one counted."""
    current = day
    left = days
    while left > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            left -= 1
    return current


def term_end(day: dt.date, days: int, working: bool) -> dt.date:
    """The last day of a term of ``days`` calendar or working days from ``day``, on a working day."""
    end = add_working_days(day, days) if working else day + dt.timedelta(days=days)
    return next_working_day(end)
