"""Справочники → Пользователи и роли, driven as a user would."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.models import User
from desktop.ui.users.dialog import UsersDialog
from tests.ui.user import choose, clear_and_type, click, top_dialog, trigger, type_text


def _open(main_window: Any) -> UsersDialog:
    trigger(main_window, "Справочники", "Пользователи и роли…")
    return top_dialog(UsersDialog)


def test_admin_adds_a_manager_and_a_bad_login_is_shown_at_the_field(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    dialog = _open(main_window)
    assert dialog.save_button.isEnabled()  # the demo makes the current OS user an administrator
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


def test_a_non_admin_sees_the_list_read_only(qtbot: Any, main_window: Any, monkeypatch: Any) -> None:
    import desktop.ui.users.dialog as module

    monkeypatch.setattr(module, "current_login", lambda: "m.smirnov")
    dialog = _open(main_window)
    assert not dialog.save_button.isEnabled() and not dialog.login.isEnabled()
    assert "администратор" in dialog.hint.text()
