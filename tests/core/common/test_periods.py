"""Months and periods: bounds, neighbours, quarters, recent months and titles (core.common.periods)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.common.periods import (
    MONTHS_GENITIVE,
    MONTHS_NOMINATIVE,
    MONTHS_PREPOSITIONAL,
    current_period,
    format_period,
    is_period,
    last_periods,
    month_end,
    month_periods_of_quarter,
    month_start,
    months_between,
    next_period,
    period_bounds,
    period_of,
    period_short,
    period_text,
    period_title,
    previous_period,
    quarter_bounds,
    quarter_of,
    quarter_title,
    recent_periods,
    shift_period,
    year_bounds,
)
from desktop.core.errors import ValidationError


def test_month_names() -> None:
    assert (MONTHS_NOMINATIVE[9], MONTHS_GENITIVE[9], MONTHS_PREPOSITIONAL[9]) == (
        "октябрь",
        "октября",
        "октябре",
    )
    assert len(MONTHS_NOMINATIVE) == len(MONTHS_GENITIVE) == len(MONTHS_PREPOSITIONAL) == 12


def test_titles() -> None:
    assert period_title("2026-10") == "октябрь 2026"
    assert period_title("2027-01") == "январь 2027"
    assert period_short("2026-03") == "03.2026"
    assert period_text("2026-10") == "октябрь 2026 г."
    assert quarter_title("2026-11") == "IV квартал 2026 г."
    assert quarter_title("2026-01") == "I квартал 2026 г."
    assert format_period(dt.date(2026, 2, 1), dt.date(2026, 2, 28)) == "февраль 2026 г."
    assert format_period(dt.date(2026, 4, 1), dt.date(2026, 6, 30)) == "II квартал 2026 г."
    assert format_period(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == "2026 г."
    assert format_period(dt.date(2026, 3, 12), dt.date(2026, 3, 31)) == "12.03.2026 – 31.03.2026"
    assert format_period(dt.date(2026, 2, 1), dt.date(2026, 3, 31)) == "01.02.2026 – 31.03.2026"


def test_month_ends_including_february_of_a_leap_year() -> None:
    assert month_end(dt.date(2026, 2, 10)) == dt.date(2026, 2, 28)
    assert month_end(dt.date(2028, 2, 1)) == dt.date(2028, 2, 29)
    assert month_end(dt.date(2000, 2, 1)) == dt.date(2000, 2, 29)  # divisible by 400: a leap year
    assert month_end(dt.date(2100, 2, 1)) == dt.date(2100, 2, 28)  # divisible by 100: not
    assert month_end(dt.date(2026, 12, 31)) == dt.date(2026, 12, 31)
    assert month_end(dt.date(2026, 4, 1)) == dt.date(2026, 4, 30)
    assert period_bounds("2026-02") == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert period_bounds("2028-02") == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))
    assert month_start(dt.date(2026, 10, 17)) == dt.date(2026, 10, 1)
    assert month_start(dt.date(2026, 10, 17), 3) == dt.date(2027, 1, 1)
    assert month_start(dt.date(2026, 1, 31), -1) == dt.date(2025, 12, 1)
    assert month_start(dt.date(2026, 1, 31), -13) == dt.date(2024, 12, 1)


def test_next_and_previous_across_a_year() -> None:
    assert next_period("2026-12") == "2027-01"
    assert next_period("2026-10") == "2026-11"
    assert previous_period("2027-01") == "2026-12"
    assert previous_period("2026-10") == "2026-09"
    assert shift_period("2026-11", 14) == "2028-01"
    assert shift_period("2026-02", -26) == "2023-12"
    assert period_of(dt.date(2026, 3, 31)) == "2026-03"
    assert current_period(dt.date(2027, 1, 5)) == "2027-01"
    assert is_period(current_period())


def test_quarters_and_years() -> None:
    assert [quarter_of(f"2026-{m:02d}") for m in range(1, 13)] == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]
    assert month_periods_of_quarter("2026-05") == ["2026-04", "2026-05", "2026-06"]
    assert month_periods_of_quarter("2026-12") == ["2026-10", "2026-11", "2026-12"]
    assert quarter_bounds("2028-01") == (dt.date(2028, 1, 1), dt.date(2028, 3, 31))
    assert quarter_bounds("2026-11") == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert year_bounds("2026-07") == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_recent_periods_for_a_dropdown() -> None:
    today = dt.date(2026, 2, 14)
    assert recent_periods(today, 3) == ["2026-02", "2026-01", "2025-12", "2025-11"]
    assert len(recent_periods(today)) == 14  # this month and the 13 before it
    assert recent_periods(today, 0) == ["2026-02"]
    assert last_periods(today, 3) == ["2025-12", "2026-01", "2026-02"]
    assert last_periods(today, 0) == []
    assert months_between(dt.date(2025, 11, 15), dt.date(2026, 1, 2)) == ["2025-11", "2025-12", "2026-01"]
    assert months_between(dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == ["2026-03"]


def test_period_strings_are_checked() -> None:
    assert is_period("2026-10")
    for text in ("2026-13", "2026-00", "2026-1", "26-10", "2026-10-01", "октябрь"):
        assert not is_period(text)
    with pytest.raises(ValidationError, match=r"«2026-13».*ГГГГ-ММ"):
        period_bounds("2026-13")
    with pytest.raises(ValidationError):
        period_bounds("март")
    with pytest.raises(ValidationError):
        next_period("2026")
