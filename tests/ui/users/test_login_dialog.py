"""«Вход в AktDesk» at start on PostgreSQL: asked when no password is kept, the login typed is the
program's user (the database's session_user), «Запомнить пароль» keeps it in the keyring, Cancel
ends the program cleanly."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy.engine import make_url

from desktop.config import DatabaseSettings, Settings, load_settings, save_settings
from desktop.ui.app import open_main_window, run_gui
from desktop.ui.main_window import MainWindow
from desktop.ui.users.login_dialog import LoginDialog
from tests.conftest import MemoryKeyring
from tests.factories.user_logins import PgLogins
from tests.ui.user import answering, clear_and_type, click, press, type_text

pytestmark = pytest.mark.pg


def _settings_for(url: str, login: str) -> DatabaseSettings:
    """The settings of a PostgreSQL install pointing at the test's database, ``login`` as the user."""
    parsed = make_url(url)
    database = DatabaseSettings(
        kind="postgresql",
        host=parsed.host or "",
        port=parsed.port or 5432,
        name=str(parsed.database),
        user=login,
    )
    save_settings(Settings(database=database))
    return database


@contextmanager
def no_login_dialog() -> Iterator[list[str]]:
    """Inside the block a «Вход в AktDesk» that pops up is recorded and cancelled (it must not come)."""
    seen: list[str] = []

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, LoginDialog) and modal.isVisible():
            seen.append(modal.windowTitle())
            modal.reject()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(look)
    timer.start()
    try:
        yield seen
    finally:
        timer.stop()


def _opened(qtbot: Any, window: Any) -> MainWindow:
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    try:  # a loaded CI machine computes the first figures slowly: wait for them, say what was seen
        qtbot.waitUntil(lambda: window.overview_tab.task is None, timeout=60000)
    except Exception as error:
        modal = QApplication.activeModalWidget()
        seen = modal.windowTitle() if modal is not None else "no modal window"
        raise AssertionError(
            f"the overview never finished: {seen}; {window.overview_tab.status.text()}"
        ) from error
    return window


def test_the_password_is_asked_at_start_and_the_login_typed_is_the_user(
    qtbot: Any, russian: None, pg_logins: PgLogins, memory_keyring: MemoryKeyring
) -> None:
    admin = pg_logins.create("admin", prefix="t_admin", full_name="Иванова Анна")
    settings = _settings_for(pg_logins.url, "nobody_here")  # a login the server does not know
    seen: list[dict[str, str]] = []

    def sign_in(dialog: LoginDialog) -> None:
        seen.append({"title": dialog.windowTitle(), "login": dialog.login.text()})
        type_text(dialog.password, "пароль-администратора")
        press(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Ok)
        if dialog.isVisible():  # refused: the server's answer is shown, the person corrects the login
            seen[-1]["error"] = dialog.error.text()
            clear_and_type(qtbot, dialog.login, admin)
            click(qtbot, dialog.remember)
            press(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Ok)

    with answering(qtbot, sign_in, LoginDialog):
        window = _opened(qtbot, open_main_window(language="ru"))
    assert seen[0]["title"] == "Вход в AktDesk" and seen[0]["login"] == "nobody_here"
    assert "«nobody_here» не существует" in seen[0]["error"]
    assert window.database is not None and window.database.login == admin  # the server's session_user
    assert window.user_label.text() == f"Иванова Анна ({admin}), Администратор"
    assert load_settings().database.user == admin  # offered at the next start
    kept = f"{admin}@{settings.host}:{settings.port}/{settings.name}"
    assert memory_keyring.secrets[("AktDesk", kept)] == "пароль-администратора"
    window.close()
    window.database.dispose()

    with no_login_dialog() as asked:  # the kept password is taken: nothing asked
        again = _opened(qtbot, open_main_window(language="ru"))
    assert asked == [] and again.database is not None and again.database.login == admin
    again.database.dispose()


def test_the_server_and_database_are_shown_and_an_unticked_password_is_not_kept(
    qtbot: Any, russian: None, pg_logins: PgLogins, memory_keyring: MemoryKeyring
) -> None:
    manager = pg_logins.create("manager", prefix="t_mgr", full_name="Смирнов Марк")
    settings = _settings_for(pg_logins.url, manager)
    shown: list[str] = []

    def sign_in(dialog: LoginDialog) -> None:
        shown.extend([dialog.server.text(), dialog.login.text()])
        type_text(dialog.password, "пароль-менеджера")
        press(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Ok)

    with answering(qtbot, sign_in, LoginDialog):
        window = _opened(qtbot, open_main_window(language="ru"))
    assert shown == [f"Сервер {settings.host}:{settings.port}, база данных {settings.name}", manager]
    assert window.database is not None and window.database.login == manager
    assert window.user_label.text() == f"Смирнов Марк ({manager}), Менеджер"
    assert memory_keyring.secrets == {}
    window.database.dispose()


def test_cancel_at_sign_in_ends_the_program_cleanly(
    qtbot: Any, russian: None, pg_logins: PgLogins, monkeypatch: pytest.MonkeyPatch
) -> None:
    _settings_for(pg_logins.url, "someone")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own: restored after
    with answering(
        qtbot,
        lambda dialog: press(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Cancel),
        LoginDialog,
    ):
        code = run_gui(language="ru")
    assert code == 0
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
