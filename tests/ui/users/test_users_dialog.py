"""Справочники → Пользователи и роли, driven as a user would: on SQLite (one user, the OS login)
and on PostgreSQL, where a user is a login of the server with a password."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy import select, text

from desktop.config import load_settings
from desktop.core.db import Database, os_login
from desktop.core.models import User
from desktop.ui.main_window import MainWindow
from desktop.ui.users.dialog import UsersDialog
from tests.factories.user_logins import PgLogins, scram_matches, stored_password
from tests.ui.user import (
    answering,
    choose,
    clear_and_type,
    click,
    click_cell,
    reply,
    text_entered,
    top_dialog,
    trigger,
    type_text,
)


def _open(main_window: Any) -> UsersDialog:
    trigger(main_window, "Справочники", "Пользователи и роли…")
    return top_dialog(UsersDialog)


def _window(qtbot: Any, database: Database) -> MainWindow:
    window = MainWindow(load_settings(), database)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.overview_tab.task is None, timeout=20000)  # its figures computed
    return window


def _row_of(dialog: UsersDialog, login: str) -> int:
    return next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == login)


def test_admin_adds_a_manager_and_a_bad_login_is_shown_at_the_field(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    assert (
        main_window.user_label.text() == f"Однопользовательский режим (SQLite): пользователь — {os_login()}"
    )
    dialog = _open(main_window)
    assert dialog.save_button.isEnabled()  # the demo makes the current OS user an administrator
    assert "однопользовательская база (SQLite)" in dialog.mode.text()
    assert "не проверяет" in dialog.mode.text()
    assert not dialog.password.isVisible() and not dialog.password_button.isVisible()  # no passwords here
    before = dialog.table.rowCount()
    click(qtbot, dialog.new_button)
    qtbot.keyClicks(dialog.login, "ivan ivanov")  # a space is not a login
    type_text(dialog.full_name, "Иванов И.И.")
    click(qtbot, dialog.save_button)
    assert "Логин" in dialog.error.text() and "border" in dialog.login.styleSheet()
    assert dialog.table.rowCount() == before
    clear_and_type(qtbot, dialog.login, "i.ivanov")
    choose(qtbot, dialog.role, data="approver")
    click(qtbot, dialog.save_button)
    assert dialog.table.rowCount() == before + 1
    with demo_db.session() as session:
        user = session.scalar(select(User).where(User.login == "i.ivanov"))
        assert user is not None and user.role == "approver" and user.full_name == "Иванов И.И."
    dialog.grab()  # renders without errors


def test_disable_takes_a_user_off_and_enable_brings_them_back(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    dialog = _open(main_window)
    assert not dialog.active_button.isEnabled()  # nobody chosen yet
    click_cell(qtbot, dialog.table, _row_of(dialog, "m.orlov"), 0)
    assert dialog.active_button.text() == "Отключить"
    seen: list[str] = []
    with answering(qtbot, reply(qtbot, QMessageBox.StandardButton.Yes, seen), QMessageBox):
        click(qtbot, dialog.active_button)
    assert "m.orlov" in seen[0]
    assert dialog.table.item(_row_of(dialog, "m.orlov"), 5).text() == "нет"
    assert dialog.active_button.text() == "Включить"
    with demo_db.session() as session:
        assert session.scalar(select(User.is_active).where(User.login == "m.orlov")) is False
    click(qtbot, dialog.active_button)
    assert dialog.table.item(_row_of(dialog, "m.orlov"), 5).text() == "да"


def test_a_non_admin_sees_the_list_read_only_and_who_may_change_it(
    qtbot: Any, russian: None, demo_db: Database
) -> None:
    window = _window(qtbot, Database(demo_db.engine, login="m.smirnov"))  # the program run by a manager
    dialog = _open(window)
    assert not dialog.save_button.isEnabled() and not dialog.login.isEnabled()
    assert not dialog.new_button.isEnabled() and not dialog.active_button.isEnabled()
    assert dialog.hint.text() == "Пользователей и роли меняет только администратор: Администратор AktDesk."
    assert dialog.table.rowCount() > 5


def test_an_admin_adds_a_login_with_a_password_changes_it_and_disables_it_on_postgresql(
    qtbot: Any, russian: None, pg_logins: PgLogins
) -> None:
    admin = pg_logins.create("admin", prefix="t_admin", full_name="Иванова Анна")
    window = _window(qtbot, pg_logins.connect(admin))
    assert window.user_label.text() == f"Иванова Анна ({admin}), Администратор"
    dialog = _open(window)
    assert "своим логином и паролем" in dialog.mode.text()
    login = pg_logins.name("t_mgr")

    click(qtbot, dialog.new_button)
    assert dialog.password.isVisible() and not dialog.password_button.isEnabled()
    type_text(dialog.login, login)
    type_text(dialog.full_name, "Смирнов Марк")
    choose(qtbot, dialog.role, data="manager")
    click(qtbot, dialog.save_button)  # no password: a new login needs one
    assert "Пароль: укажите пароль нового пользователя" in dialog.error.text()
    assert "border" in dialog.password.styleSheet()
    type_text(dialog.password, "Пароль-менеджера-1")
    click(qtbot, dialog.save_button)
    assert dialog.error.text() == ""
    row = _row_of(dialog, login)
    assert dialog.table.item(row, 2).text() == "Менеджер"
    assert scram_matches(stored_password(pg_logins.url, login), "Пароль-менеджера-1")
    with pg_logins.owner.session() as session:
        assert session.scalar(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :l"), {"l": login})
        assert session.scalar(text("SELECT pg_has_role(:l, 'aktdesk_manager', 'MEMBER')"), {"l": login})

    # the login of an existing user cannot be renamed; its password is changed by the button
    assert dialog.login.isReadOnly() and not dialog.password.isVisible()
    with (
        answering(qtbot, text_entered("Новый-пароль-2"), QInputDialog),
        answering(qtbot, reply(qtbot, QMessageBox.StandardButton.Ok), QMessageBox),
    ):
        click(qtbot, dialog.password_button)
    assert scram_matches(stored_password(pg_logins.url, login), "Новый-пароль-2")

    with answering(qtbot, reply(qtbot, QMessageBox.StandardButton.Yes), QMessageBox):
        click(qtbot, dialog.active_button)
    assert dialog.table.item(_row_of(dialog, login), 5).text() == "нет"
    with pg_logins.owner.session() as session:
        assert not session.scalar(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :l"), {"l": login})


def test_a_manager_on_postgresql_sees_the_list_and_who_may_change_it(
    qtbot: Any, russian: None, pg_logins: PgLogins
) -> None:
    admin = pg_logins.create("admin", prefix="t_admin", full_name="Иванова Анна")
    manager = pg_logins.create("manager", prefix="t_mgr", full_name="Смирнов Марк")
    window = _window(qtbot, pg_logins.connect(manager))
    assert window.user_label.text() == f"Смирнов Марк ({manager}), Менеджер"
    dialog = _open(window)
    assert not dialog.save_button.isEnabled() and not dialog.password_button.isEnabled()
    assert dialog.hint.text() == "Пользователей и роли меняет только администратор: Иванова Анна."
    assert {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())} == {admin, manager}


def test_the_owner_on_postgresql_is_named_as_not_a_user(
    qtbot: Any, russian: None, pg_logins: PgLogins
) -> None:
    window = _window(qtbot, pg_logins.owner)
    assert window.user_label.text() == f"{pg_logins.owner.login}: нет в списке пользователей"
