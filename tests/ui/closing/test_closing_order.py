"""Closing a month before a later one (or before it has ended) in the real main window: the preview
warns, «Закрыть месяц» asks; No makes nothing, Yes closes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from desktop.core.closing import plan as closing
from desktop.core.common.formats import format_date
from desktop.core.common.periods import period_bounds
from desktop.core.db import Database
from desktop.core.models import Document, OwnEntity, VatRegime


def _answer_next_question(qtbot: Any, button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Click ``button`` of the next message box as soon as it is open."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)


def _count(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count(Document.id))) or 0


def test_closing_before_a_later_period_warns_and_asks(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    with demo_db.session() as session:
        later = closing.plan(session, "2026-10")
    assert sum(closing.execute(demo_db, later).documents.values()) > 0  # October closed elsewhere
    before = _count(demo_db)

    window = main_window
    tab = window.closing_tab
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(window.tabs.indexOf(tab)).center())
    assert window.tabs.currentWidget() is tab
    tab.period.setCurrentIndex(tab.period.findData("2026-09"))
    # One own entity keeps the run short: one without VAT, whose documents have no счёт-фактура
    # sequence — a VAT payer's September счета-фактуры would be refused after October's (numbered in
    # the order of their dates; tests/core/closing/test_sf.py).
    with demo_db.session() as session:
        no_vat = session.scalar(select(OwnEntity.id).where(OwnEntity.vat_regime == VatRegime.NO_VAT).limit(1))
    tab.entity.setCurrentIndex(tab.entity.findData(no_vat))
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.close_button.isEnabled(), timeout=60000)
    assert tab.order_warning.isVisible()
    assert "более позднего периода 2026-10" in tab.order_warning.text()
    assert "счетов-фактур" in tab.order_warning.text()

    seen: list[str] = []
    _answer_next_question(qtbot, QMessageBox.StandardButton.No, seen)
    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    assert seen and "2026-10" in seen[0] and "Всё равно закрыть месяц?" in seen[0]
    assert tab.close_button.isEnabled() and (tab.task is None or not tab.task.running)
    assert _count(demo_db) == before  # No: nothing made

    _answer_next_question(qtbot, QMessageBox.StandardButton.Yes, seen)
    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 2
    qtbot.waitUntil(lambda: tab.result is not None and tab.result.period == "2026-09", timeout=300000)
    assert not tab.result.errors and not tab.result.cancelled
    assert _count(demo_db) - before == sum(tab.result.documents.values()) > 0


def test_a_month_that_has_not_ended_is_warned_about(qtbot: Any, main_window: Any) -> None:
    tab = main_window.closing_tab
    bar = main_window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(main_window.tabs.indexOf(tab)).center())
    tab.period.setCurrentIndex(0)  # the current month
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.close_button.isEnabled(), timeout=60000)
    assert f"Месяц {tab.current_period} ещё не закончился" in tab.order_warning.text()
    end = period_bounds(tab.current_period)[1]
    assert f"будут датированы {format_date(end)}" in tab.order_warning.text()
