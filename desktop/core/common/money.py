"""The one parser and the one formatter of numbers and money, and the limits of what is stored.

Every import (counterparties, contracts, work orders, bank statements) and every field of the
window reads numbers through :func:`parse_decimal`: ``1 234,56``, ``1234.56``, ``-5``, ``0,5``.
Anything else is refused with a Russian message that quotes the text: ``NaN``, ``Infinity``,
``1e400``, ``1.2.3``, ``12 руб``. Exponents are not accepted (no person types them, and a
spreadsheet writes them only for numbers no column can keep).

A :class:`NumberKind` says how many digits a stored number has in all and after the point
(``Numeric(18, 2)`` money, ``Numeric(18, 3)`` quantities): :func:`check_decimal` refuses a value
with more decimals than are kept (never rounded silently) or more integer digits than fit, naming
the field and the limit; :func:`parse_decimal` applies it to text.

:func:`format_money` writes an amount the Russian way for print forms and the screen alike
(``1 234 567,89``, thousands grouped by a no-break space so that an amount never wraps inside a
table cell; ``1 234 567,89 ₽`` standing alone); its options give the plainer spellings files and
sentences need. :func:`format_quantity` writes a quantity without trailing zeros. A float is
refused: money is ``Decimal``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")


@dataclass(frozen=True)
class NumberKind:
    """``digits`` in all, ``places`` of them after the point (SQL ``NUMERIC(digits, places)``)."""

    digits: int
    places: int
    rule: str  # how many decimals, said for the message

    @property
    def limit(self) -> Decimal:
        """The largest value that fits: ``9999999999999999.99`` for (18, 2)."""
        return Decimal(10) ** (self.digits - self.places) - Decimal(1).scaleb(-self.places)

    @property
    def quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.places)


MONEY = NumberKind(18, 2, "сумма указывается с точностью до копейки (2 знака после запятой)")
PRICE = NumberKind(18, 2, "цена указывается с точностью до копейки (2 знака после запятой)")
QUANTITY = NumberKind(18, 3, "количество указывается не более чем с 3 знаками после запятой")
INTEGER = NumberKind(9, 0, "ожидается целое число")


NBSP = "\u00a0"
KOPECK = Decimal("0.01")
RUB = "₽"


def _group(digits: str, separator: str) -> str:
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return separator.join(groups)


def _check(value: Decimal | int) -> Decimal:
    if isinstance(value, float) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"money must be Decimal or int, not {type(value).__name__}")
    return Decimal(value)


def format_money(value: Decimal | int, *, rub: bool = False, group: str = NBSP, point: str = ",") -> str:
    """``Decimal("1234567.891")`` → ``1 234 567,89`` (rounded half-up to kopecks).

    ``rub``: followed by `` ₽`` (a sum standing alone: a footer, a sentence); ``group``: the
    thousands separator (``""`` for a CSV cell, a plain space in a sentence); ``point``: the
    decimal separator (``"."`` where a bank file's purpose states a sum).
    """
    amount = _check(value).quantize(KOPECK, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    units, cents = f"{abs(amount):.2f}".split(".")
    text = f"{sign}{_group(units, group)}{point}{cents}"
    return f"{text} {RUB}" if rub else text


def format_quantity(value: Decimal | int) -> str:
    """A quantity without trailing zeros: ``1``, ``2,5``, ``1 250,125``."""
    amount = _check(value)
    amount = amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.normalize()
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):f}"
    units, _, frac = text.partition(".")
    return f"{sign}{_group(units, NBSP)}" + (f",{frac}" if frac else "")


def kopecks(value: Decimal) -> int:
    """An amount in kopecks (the QR ``Sum``): ``12200.00`` → ``1220000``."""
    return int(_check(value).quantize(KOPECK, rounding=ROUND_HALF_UP) * 100)


def format_number(value: Decimal, places: int = 0) -> str:
    """``9999999999999999.99`` → ``9 999 999 999 999 999,99`` for messages (at least ``places`` decimals)."""
    if value.adjusted() >= 30:
        return str(value)
    text = format_quantity(value)
    decimals = len(text.partition(",")[2])
    if decimals < places:
        text += ("," if not decimals else "") + "0" * (places - decimals)
    return text


def check_decimal(value: Decimal, kind: NumberKind, field: str | None = None) -> Decimal:
    """``value`` itself when it is finite and fits ``kind``; ValueError naming ``field`` otherwise."""
    prefix = f"{field}: " if field else ""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError(f"{prefix}не число: «{value}»")
    if abs(value) > kind.limit:
        raise ValueError(
            f"{prefix}{format_number(value, kind.places)} — слишком большое число"
            f" (не более {format_number(kind.limit)})"
        )
    if value != value.quantize(kind.quantum):
        raise ValueError(f"{prefix}{format_number(value)} — {kind.rule}; программа не округляет молча")
    return value


def parse_decimal(
    text: str | Decimal | int, kind: NumberKind | None = None, field: str | None = None
) -> Decimal:
    """«1 234,56» → ``Decimal("1234.56")``; ValueError with a Russian message for anything else.

    With ``kind`` the value must also fit it (see :func:`check_decimal`); ``field`` names the field
    or column in the message.
    """
    prefix = f"{field}: " if field else ""
    if isinstance(text, bool):
        raise ValueError(f"{prefix}не число: «{text}»")
    if isinstance(text, Decimal):
        value = text
    elif isinstance(text, int):
        value = Decimal(text)
    else:
        raw = str(text)
        cleaned = _SPACES.sub("", raw).replace("\u2212", "-")
        if not cleaned:
            raise ValueError(f"{prefix}пусто, ожидается число")
        if not _NUMBER.fullmatch(cleaned):
            raise ValueError(f"{prefix}не число: «{raw.strip()}» (ожидается, например, 1 234,56)")
        try:
            value = Decimal(cleaned.replace(",", "."))
        except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
            raise ValueError(f"{prefix}не число: «{raw.strip()}»") from error
    if not value.is_finite():
        raise ValueError(f"{prefix}не число: «{text}»")
    if kind is not None:
        check_decimal(value, kind, field)
    return value
