"""Справочники → Пользователи и роли, driven as a user would."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.models import User
from desktop.ui.users.dialog import UsersDialog


def test_admin_adds_a_manager_and_a_bad_login_is_shown_at_the_field(
    qtbot: Any, demo_db: Database, russian: None
) -> None:
    dialog = UsersDialog(demo_db)
    qtbot.addWidget(dialog)
    assert dialog.save_button.isEnabled()  # the demo makes the current OS user an administrator
    before = dialog.table.rowCount()
    dialog.new_user()
    qtbot.keyClicks(dialog.login, "ivan ivanov")  # a space is not a login
    dialog.full_name.setText("Иванов И.И.")  # QTest types ASCII only
    assert not dialog.save()
    assert "Логин" in dialog.error.text() and "border" in dialog.login.styleSheet()
    dialog.login.setText("i.ivanov")
    dialog.role.setCurrentIndex(dialog.role.findData("approver"))
    assert dialog.save()
    assert dialog.table.rowCount() == before + 1
    with demo_db.session() as session:
        user = session.scalar(select(User).where(User.login == "i.ivanov"))
        assert user is not None and user.role == "approver" and user.full_name == "Иванов И.И."
    dialog.grab()  # renders without errors


def test_a_non_admin_sees_the_list_read_only(
    qtbot: Any, demo_db: Database, russian: None, monkeypatch: Any
) -> None:
    import desktop.ui.users.dialog as module

    monkeypatch.setattr(module, "current_login", lambda: "m.smirnov")
    dialog = UsersDialog(demo_db)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled() and not dialog.login.isEnabled()
    assert "администратор" in dialog.hint.text()
