"""Russian formatting of amounts, quantities and dates for print forms (``1 234 567,89``, ``31.10.2026``).

Thousands are grouped with a no-break space (U+00A0) so that an amount never wraps inside a
table cell; the decimal separator is a comma. Values are ``Decimal``; a float is refused.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from desktop.core.common.periods import MONTHS_GENITIVE

NBSP = "\u00a0"
KOPECK = Decimal("0.01")


def _group(digits: str) -> str:
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NBSP.join(groups)


def _check(value: Decimal | int) -> Decimal:
    if isinstance(value, float) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"money must be Decimal or int, not {type(value).__name__}")
    return Decimal(value)


def format_money(value: Decimal | int) -> str:
    """``Decimal("1234567.891")`` → ``1 234 567,89`` (rounded half-up to kopecks)."""
    amount = _check(value).quantize(KOPECK, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    units, cents = f"{abs(amount):.2f}".split(".")
    return f"{sign}{_group(units)},{cents}"


def format_quantity(value: Decimal | int) -> str:
    """A quantity without trailing zeros: ``1``, ``2,5``, ``1 250,125``."""
    amount = _check(value)
    amount = amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.normalize()
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):f}"
    units, _, frac = text.partition(".")
    return f"{sign}{_group(units)}" + (f",{frac}" if frac else "")


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


def kopecks(value: Decimal) -> int:
    """An amount in kopecks (the QR ``Sum``): ``12200.00`` → ``1220000``."""
    return int(_check(value).quantize(KOPECK, rounding=ROUND_HALF_UP) * 100)
