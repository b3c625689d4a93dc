"""Cancel means cancel: «Отмена» on the closing tab and on the first demo fill, pressed by a person.

The closing run stops after the current contract and the files in flight, says what it made and
what it did not, and the period is completed by the next run; a cancelled first demo fill is
completed by the next start of the demo.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton
from sqlalchemy import func, select

from desktop.config import Settings, load_settings, save_settings
from desktop.core.closing import plan as closing
from desktop.core.db import Database
from desktop.core.demo.history import past_periods, pending_history
from desktop.core.models import BankPayment, Document


def _click(qtbot: Any, button: QPushButton) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _show_tab(qtbot: Any, window: Any, tab: Any) -> None:
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(window.tabs.indexOf(tab)).center())
    assert window.tabs.currentWidget() is tab


def _documents(database: Database, period: str) -> list[Document]:
    with database.session() as session:
        return list(
            session.scalars(select(Document).where(Document.current.is_(True), Document.period >= period))
        )


def test_cancel_on_the_closing_tab_stops_says_what_was_made_and_the_rerun_completes(
    qtbot: Any, demo_db: Database, tmp_path: Path, russian: None
) -> None:
    from desktop.ui.main_window import MainWindow

    window = MainWindow(Settings(output_dir=str(tmp_path / "out"), pdf_converter="auto"), demo_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tab = window.closing_tab
    _show_tab(qtbot, window, tab)
    tab.period.setCurrentIndex(tab.period.findData("2026-10"))

    _click(qtbot, tab.preview_button)
    qtbot.waitUntil(lambda: tab.close_button.isEnabled(), timeout=30000)
    wanted = {row.contract_id: {d.key for d in row.documents} for row in tab.model.plan.issuing()}
    assert len(wanted) > 20

    _click(qtbot, tab.close_button)
    qtbot.waitUntil(lambda: tab.progress.value() >= 2, timeout=60000)
    _click(qtbot, tab.cancel_button)
    stopping = tab.status.text()
    assert stopping == "Остановка после текущего договора…"
    shown: list[str] = []  # what the status says after each progress message until the run stops
    tab.task.progressed.connect(lambda *_: shown.append(tab.status.text()))
    qtbot.waitUntil(lambda: tab.task is not None and not tab.task.running, timeout=60000)
    qtbot.waitUntil(lambda: tab.preview_button.isEnabled(), timeout=30000)
    assert all(text == stopping for text in shown), shown

    result = tab.result
    assert result is not None and result.cancelled
    status = tab.status.text()
    assert status.startswith(f"Отменено: закрыто договоров {result.contracts} из {len(wanted)}"), status
    assert f"без файлов: {result.without_files}" in status
    assert "Закройте месяц ещё раз" in tab.summary.toPlainText()
    # Only whole contracts: a contract has every document the plan gave it, or none.
    documents = _documents(demo_db, "2026-10")
    made: dict[int, set[tuple[str, str, str]]] = {}
    for document in documents:
        made.setdefault(document.contract_id, set()).add((document.kind, document.stage, document.period))
    assert made and all(made[c] == wanted[c] for c in made)
    assert len(made) == result.contracts < len(wanted)  # stopped: not every contract was closed
    # What it recorded is on disk; what it left has no path yet (the next run makes it).
    with_files = [d for d in documents if d.docx_path]
    assert len(documents) - len(with_files) == result.without_files
    assert all(Path(d.docx_path).is_file() and Path(d.pdf_path or "").is_file() for d in with_files)

    _click(qtbot, tab.preview_button)
    qtbot.waitUntil(lambda: tab.close_button.isEnabled() and tab.preview_button.isEnabled(), timeout=30000)
    _click(qtbot, tab.close_button)
    qtbot.waitUntil(lambda: tab.task is not None and not tab.task.running, timeout=240000)
    qtbot.waitUntil(lambda: tab.preview_button.isEnabled(), timeout=30000)
    again = tab.result
    assert again is not None and not again.cancelled and again.errors == []
    assert again.skipped_existing == sum(result.documents.values())  # nothing made twice
    documents = _documents(demo_db, "2026-10")
    made = {}
    for document in documents:
        made.setdefault(document.contract_id, set()).add((document.kind, document.stage, document.period))
    assert made == wanted
    assert all(
        d.docx_path and Path(d.docx_path).is_file() and d.pdf_path and Path(d.pdf_path).is_file()
        for d in documents
    )
    assert all(d.xml_path and Path(d.xml_path).is_file() for d in documents if d.kind == "upd")


def _cancel_button(dialog: QProgressDialog) -> QPushButton:
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Отмена")
    return button


@pytest.mark.timeout(900)  # two demo fills of 200 clients with LibreOffice (a partial one and its completion)
def test_a_cancelled_first_demo_fill_is_completed_by_the_next_start(
    qtbot: Any, tmp_path: Path, russian: None, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.app import open_main_window

    shown: list[str] = []  # a message box would wait for a person: record it, and fail below
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))

    settings = load_settings()
    settings.output_dir = str(tmp_path / "documents")
    save_settings(settings)
    window = open_main_window(demo=True, language="ru")
    qtbot.addWidget(window)
    task = window.demo_task
    assert task is not None
    # Cancel while the past is being made: the directories and contracts are committed, October
    # is being closed.
    first_month = "Шаг 2 из 5. Закрытие:"
    qtbot.waitUntil(
        lambda: task._dialog is not None and first_month in task._dialog.labelText() and task.done >= 5,
        timeout=180000,
    )
    _click(qtbot, _cancel_button(task._dialog))
    qtbot.waitUntil(lambda: not task.running, timeout=120000)
    assert shown == []
    assert "следующем запуске" in window.statusBar().currentMessage()
    database = window.database
    with database.session() as session:
        assert pending_history(session) is not None  # the demo knows it is not complete
        assert session.scalar(select(func.count(BankPayment.id))) == 0  # no payments of a half past
    window.close()
    database.dispose()

    second = open_main_window(demo=True, language="ru")
    qtbot.addWidget(second)
    assert second.demo_task is not None  # the next start completes it
    qtbot.waitUntil(lambda: not second.demo_task.running, timeout=300000)
    assert second.demo_task.error is None and shown == []
    database = second.database
    periods = past_periods(dt.date.today(), 2)
    with database.session() as session:
        assert pending_history(session) is None
        for period in periods:
            assert closing.plan(session, period).issuing() == []  # every contract closed
        documents = list(session.scalars(select(Document).where(Document.current.is_(True))))
        assert {d.period for d in documents if d.kind == "act"} == set(periods)
        assert all(d.pdf_path and Path(d.pdf_path).is_file() for d in documents)
        assert any(d.paid_amount > 0 for d in documents if d.kind == "invoice")
        payments = session.scalar(select(func.count(BankPayment.id)))
    assert payments
    second.close()
    database.dispose()

    third = open_main_window(demo=True, language="ru")
    qtbot.addWidget(third)
    assert third.demo_task is None  # complete: opens at once
    with third.database.session() as session:
        assert session.scalar(select(func.count(BankPayment.id))) == payments
    third.database.dispose()
