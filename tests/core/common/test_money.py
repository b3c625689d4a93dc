"""The one money formatter: print forms, screen, CSV cells and bank purposes spell an amount from it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.core.common.money import NBSP, format_money, format_quantity, kopecks


def test_one_formatter_gives_every_spelling_the_callers_need() -> None:
    amount = Decimal("1234567.885")
    assert format_money(amount) == f"1{NBSP}234{NBSP}567,89"  # print forms: never wraps in a cell
    assert format_money(amount, rub=True) == f"1{NBSP}234{NBSP}567,89 ₽"  # a sum standing alone
    assert format_money(amount, group="") == "1234567,89"  # a CSV cell Excel reads as a number
    assert format_money(amount, group=" ") == "1 234 567,89"  # a sentence
    assert format_money(amount, group=" ", point=".") == "1 234 567.89"  # a bank file's purpose
    assert format_money(Decimal("-0.5")) == "-0,50"
    assert format_money(7) == "7,00"
    assert format_quantity(Decimal("1250.1250")) == f"1{NBSP}250,125"
    assert kopecks(Decimal("12200.00")) == 1220000


def test_a_float_is_refused() -> None:
    with pytest.raises(TypeError):
        format_money(1.5)  # type: ignore[arg-type]
