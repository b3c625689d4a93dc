"""Display formatting for tables: Russian money and dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any


def money(value: Any) -> str:
    """``Decimal("1234567.8")`` → ``1 234 567,80`` (narrow no-break space between thousands)."""
    if value is None:
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"))
    text = f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",")
    return text


def date(value: dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""
