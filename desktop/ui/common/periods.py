"""Periods as the screens show them: month names in the interface language and the period dropdowns.

The periods themselves (``YYYY-MM``, recent months, bounds) come from ``core.common.periods``;
here only their labels, which follow the translation (English is the source language).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox

MONTHS = (
    QT_TRANSLATE_NOOP("Months", "January"),
    QT_TRANSLATE_NOOP("Months", "February"),
    QT_TRANSLATE_NOOP("Months", "March"),
    QT_TRANSLATE_NOOP("Months", "April"),
    QT_TRANSLATE_NOOP("Months", "May"),
    QT_TRANSLATE_NOOP("Months", "June"),
    QT_TRANSLATE_NOOP("Months", "July"),
    QT_TRANSLATE_NOOP("Months", "August"),
    QT_TRANSLATE_NOOP("Months", "September"),
    QT_TRANSLATE_NOOP("Months", "October"),
    QT_TRANSLATE_NOOP("Months", "November"),
    QT_TRANSLATE_NOOP("Months", "December"),
)
MONTHS_SHORT = (
    QT_TRANSLATE_NOOP("MonthsShort", "Jan"),
    QT_TRANSLATE_NOOP("MonthsShort", "Feb"),
    QT_TRANSLATE_NOOP("MonthsShort", "Mar"),
    QT_TRANSLATE_NOOP("MonthsShort", "Apr"),
    QT_TRANSLATE_NOOP("MonthsShort", "May"),
    QT_TRANSLATE_NOOP("MonthsShort", "Jun"),
    QT_TRANSLATE_NOOP("MonthsShort", "Jul"),
    QT_TRANSLATE_NOOP("MonthsShort", "Aug"),
    QT_TRANSLATE_NOOP("MonthsShort", "Sep"),
    QT_TRANSLATE_NOOP("MonthsShort", "Oct"),
    QT_TRANSLATE_NOOP("MonthsShort", "Nov"),
    QT_TRANSLATE_NOOP("MonthsShort", "Dec"),
)


def period_label(period: str) -> str:
    """«Октябрь 2026» (“October 2026” in English) for a ``YYYY-MM`` period."""
    year, month = period.split("-")
    return f"{QCoreApplication.translate('Months', str(MONTHS[int(month) - 1]))} {year}"


def short_period_label(period: str) -> str:
    """«окт 2026» (“Oct 2026”): a chart's axis."""
    year, month = period.split("-")
    return f"{QCoreApplication.translate('MonthsShort', str(MONTHS_SHORT[int(month) - 1]))} {year}"


def add_periods(combo: QComboBox, periods: Iterable[str]) -> None:
    """Append ``periods`` to a period dropdown: the label shown, the ``YYYY-MM`` as the item's data."""
    for period in periods:
        combo.addItem(period_label(period), period)
