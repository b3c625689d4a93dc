"""Period labels of the screens follow the interface language (English is the source language)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QComboBox

from desktop.ui.common.periods import add_periods, period_label, short_period_label


def test_labels_follow_the_translation(qapp: QApplication) -> None:
    # Whatever translator an earlier test left installed: the label is the month's translation.
    assert period_label("2026-10") == f"{QCoreApplication.translate('Months', 'October')} 2026"
    assert short_period_label("2027-05") == f"{QCoreApplication.translate('MonthsShort', 'May')} 2027"


def test_labels_in_russian(russian: None) -> None:
    assert period_label("2026-10") == "Октябрь 2026"
    assert period_label("2026-05") == "Май 2026"
    assert short_period_label("2026-05") == "май 2026"  # not the full name: its own context
    combo = QComboBox()
    add_periods(combo, ["2027-01", "2026-12"])
    assert [combo.itemText(i) for i in range(combo.count())] == ["Январь 2027", "Декабрь 2026"]
    assert combo.itemData(1) == "2026-12"
