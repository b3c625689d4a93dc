"""The one parser of numbers a person types or a file brings, and the limits of what is stored.

Every import (counterparties, contracts, work orders, bank statements) and every field of the
window reads numbers through :func:`parse_decimal`: ``1 234,56``, ``1234.56``, ``-5``, ``0,5``.
Anything else is refused with a Russian message that quotes the text: ``NaN``, ``Infinity``,
``1e400``, ``1.2.3``, ``12 руб``. Exponents are not accepted (no person types them, and a
spreadsheet writes them only for numbers no column can keep).

A :class:`NumberKind` says how many digits a stored number has in all and after the point
(``Numeric(18, 2)`` money, ``Numeric(18, 3)`` quantities): :func:`check_decimal` refuses a value
with more decimals than are kept (never rounded silently) or more integer digits than fit, naming
the field and the limit; :func:`parse_decimal` applies it to text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from desktop.core.common.formats import format_quantity

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
