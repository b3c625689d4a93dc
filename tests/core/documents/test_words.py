"""Amounts in words and Russian number/date formatting as they appear on acts and invoices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop.core.common.formats import format_date, format_date_words, format_short_range
from desktop.core.common.money import NBSP, format_money, format_quantity, kopecks
from desktop.core.common.periods import format_period
from desktop.core.documents.words import amount_in_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("12200.00", "Двенадцать тысяч двести рублей 00 копеек"),
        ("123.45", "Сто двадцать три рубля 45 копеек"),
        ("1.01", "Один рубль 01 копейка"),
        ("21.00", "Двадцать один рубль 00 копеек"),
        ("1002.02", "Одна тысяча два рубля 02 копейки"),
        ("2000.00", "Две тысячи рублей 00 копеек"),
        ("11.11", "Одиннадцать рублей 11 копеек"),
        ("41322.59", "Сорок одна тысяча триста двадцать два рубля 59 копеек"),
        ("1000000.00", "Один миллион рублей 00 копеек"),
        ("0.00", "Ноль рублей 00 копеек"),
    ],
)
def test_amount_in_words_is_the_1c_style(amount: str, words: str) -> None:
    assert amount_in_words(Decimal(amount)) == words


def test_amount_in_words_rounds_half_up_to_kopecks() -> None:
    assert amount_in_words(Decimal("99.995")) == "Сто рублей 00 копеек"


def test_amount_in_words_refuses_int_and_float() -> None:
    # num2words would read 12345 as kopecks («сто двадцать три рубля 45 копеек»).
    with pytest.raises(TypeError):
        amount_in_words(12345)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        amount_in_words(1.5)  # type: ignore[arg-type]


def test_money_is_grouped_with_no_break_spaces_and_a_comma() -> None:
    assert format_money(Decimal("1234567.891")) == f"1{NBSP}234{NBSP}567,89"
    assert format_money(Decimal("1234567.895")) == f"1{NBSP}234{NBSP}567,90"
    assert format_money(Decimal("0")) == "0,00"
    assert format_money(Decimal("999.5")) == "999,50"
    assert format_money(Decimal("-2200")) == f"-2{NBSP}200,00"
    with pytest.raises(TypeError):
        format_money(0.1)  # type: ignore[arg-type]


def test_quantity_drops_trailing_zeros() -> None:
    assert format_quantity(Decimal("1.000")) == "1"
    assert format_quantity(Decimal("2.500")) == "2,5"
    assert format_quantity(Decimal("1250.125")) == f"1{NBSP}250,125"
    assert format_quantity(Decimal("10")) == "10"


def test_dates() -> None:
    day = dt.date(2026, 10, 31)
    assert format_date(day) == "31.10.2026"
    assert format_date(dt.date(2026, 3, 1)) == "01.03.2026"
    assert format_date(None) == ""
    assert format_date_words(day) == "31 октября 2026 г."
    assert format_date_words(dt.date(2026, 3, 1)) == "1 марта 2026 г."
    assert format_short_range(dt.date(2026, 3, 1), dt.date(2026, 3, 11)) == "01.03–11.03"


def test_periods_in_words() -> None:
    assert format_period(dt.date(2026, 10, 1), dt.date(2026, 10, 31)) == "октябрь 2026 г."
    assert format_period(dt.date(2026, 2, 1), dt.date(2026, 2, 28)) == "февраль 2026 г."
    assert format_period(dt.date(2026, 10, 1), dt.date(2026, 12, 31)) == "IV квартал 2026 г."
    assert format_period(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == "2026 г."
    assert format_period(dt.date(2026, 3, 12), dt.date(2026, 3, 31)) == "12.03.2026 – 31.03.2026"


def test_kopecks() -> None:
    assert kopecks(Decimal("12200.00")) == 1220000
    assert kopecks(Decimal("0.5")) == 50
