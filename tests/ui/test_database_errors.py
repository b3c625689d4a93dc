"""Database faults in the window: a damaged file at start, a file locked by another process while
a person closes a month. The person reads Russian text that says what to do, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from sqlalchemy import func, select

from desktop.config import Settings
from desktop.core.db import Database, backup_sqlite
from desktop.core.models import Document


@pytest.fixture
def messages(monkeypatch: Any) -> list[str]:
    """What the window would show in a message box (answered at once; a box would wait for a person)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append(f"{box.text()} {box.informativeText()}")
    )
    return shown


def _click(qtbot: Any, button: QPushButton) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_window_names_a_damaged_database_file_and_leaves_it_alone(
    qtbot: Any, tmp_path: Path, demo_db: Database, russian: None, messages: list[str]
) -> None:
    from desktop.ui.app import open_main_window

    path = Path(demo_db.url.database or "")
    demo_db.dispose()
    backup = backup_sqlite(path)
    path.write_bytes(b"")

    window = open_main_window(database=f"sqlite:///{path}", language="ru")
    qtbot.addWidget(window)

    assert len(messages) == 1 and "повреждён: файл пуст (0 байт)" in messages[0]
    assert backup.name in messages[0]
    assert window.database is None and window.db_label.text() == "Нет подключения к базе данных"
    assert path.stat().st_size == 0


LOCKER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE events SET action = action")  # a write lock (events are not audited)
print("locked", flush=True)
sys.stdin.read()
"""


def test_closing_a_month_on_a_database_locked_by_another_process_says_so_in_russian(
    qtbot: Any, tmp_path: Path, demo_db: Database, russian: None, messages: list[str]
) -> None:
    from desktop.ui.main_window import MainWindow

    window = MainWindow(Settings(output_dir=str(tmp_path / "out"), pdf_converter="auto"), demo_db)
    qtbot.addWidget(window)
    window.show()
    tab = window.closing_tab
    window.tabs.setCurrentWidget(tab)
    tab.period.setCurrentIndex(tab.period.findData("2026-10"))
    _click(qtbot, tab.preview_button)
    qtbot.waitUntil(lambda: tab.close_button.isEnabled(), timeout=30000)

    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(demo_db.url.database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        _click(qtbot, tab.close_button)
        qtbot.waitUntil(lambda: bool(messages), timeout=120000)  # SQLite waits 30 s for the lock
    finally:
        locker.kill()
        locker.wait()
    qtbot.waitUntil(lambda: not tab.task.running, timeout=60000)

    assert len(messages) == 1 and messages[0].startswith("База данных занята"), messages
    assert tab.status.text() == messages[0]  # the tab says why the run stopped
    assert "[SQL" not in messages[0] and "BEGIN" not in messages[0] and "locked" not in messages[0]
    with demo_db.session() as session:
        assert session.scalar(select(func.count(Document.id))) == 0

    # The lock is gone: the same click closes the month.
    qtbot.waitUntil(lambda: tab.close_button.isEnabled(), timeout=30000)
    _click(qtbot, tab.close_button)
    qtbot.waitUntil(lambda: tab.task is not None and not tab.task.running, timeout=240000)
    assert tab.result is not None and tab.result.errors == [] and tab.result.contracts > 0


def test_the_window_says_a_postgresql_login_has_no_privileges(
    qtbot: Any, pg_url: str, russian: None, messages: list[str]
) -> None:
    import uuid

    from sqlalchemy import create_engine, make_url, text

    from desktop.core.db import open_database
    from desktop.ui.app import open_main_window

    open_database(pg_url).dispose()  # the schema, made by its owner
    role = f"aktdesk_noright_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(pg_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    try:
        url = make_url(pg_url).set(username=role, password=None).render_as_string(hide_password=False)
        window = open_main_window(database=url, language="ru")
        qtbot.addWidget(window)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()

    assert len(messages) == 1 and f"У пользователя «{role}» нет прав" in messages[0], messages
    assert "SELECT" not in messages[0] and "permission denied" not in messages[0]
    assert window.database is None
