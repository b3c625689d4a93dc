"""Period labels of the screens follow the interface language (English is the source language)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QComboBox

from desktop.ui.common.periods import add_periods, period_label, short_period_label


def test_labels_in_english(qapp: QApplication) -> None:
    assert period_label("2026-10") == "October 2026"
    assert short_period_label("2027-05") == "May 2027"


def test_labels_in_russian(russian: None) -> None:
    assert period_label("2026-10") == "Октябрь 2026"
    assert period_label("2026-05") == "Май 2026"
    assert short_period_label("2026-05") == "май 2026"  # not the full name: its own context
    combo = QComboBox()
    add_periods(combo, ["2027-01", "2026-12"])
    assert [combo.itemText(i) for i in range(combo.count())] == ["Январь 2027", "Декабрь 2026"]
    assert combo.itemData(1) == "2026-12"
