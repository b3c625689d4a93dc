"""`aktdesk users …` in a child process: logins created with the password on stdin, listed, disabled;
a non-administrator refused with exit status 2 and a Russian reason."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import text

from desktop.core.db import os_login
from tests.factories.user_logins import PgLogins


def aktdesk(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, "users", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.pg
def test_an_admin_adds_lists_and_disables_logins_and_a_manager_is_refused(pg_logins: PgLogins) -> None:
    admin, manager = pg_logins.name("t_admin"), pg_logins.name("t_mgr")
    first = aktdesk(
        pg_logins.url, "add", admin, "--role", "admin", "--name", "Иванов Иван", stdin="пароль-админа\n"
    )
    assert first.returncode == 0, first.stderr
    assert "логин сервера создан" in first.stdout

    as_admin = pg_logins.as_login(admin)
    added = aktdesk(
        as_admin, "add", manager, "--role", "manager", "--name", "Смирнов Марк", "--email", "m@example.ru",
        stdin="пароль-менеджера\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = aktdesk(as_admin, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = {row["login"]: row for row in json.loads(listed.stdout)}
    assert rows[manager] == {
        "login": manager, "name": "Смирнов Марк", "role": "manager", "email": "m@example.ru", "active": True
    }  # fmt: skip
    assert rows[admin]["role"] == "admin"
    table = aktdesk(as_admin, "list")
    assert table.returncode == 0 and "Смирнов Марк" in table.stdout and "Менеджер" in table.stdout

    as_manager = pg_logins.as_login(manager)
    refused = aktdesk(as_manager, "add", pg_logins.name("t_new"), "--role", "admin", stdin="пароль-нового\n")
    assert refused.returncode == 2 and "только администратор" in refused.stderr
    assert "Traceback" not in refused.stderr and "ERROR" not in refused.stderr
    no_password = aktdesk(as_admin, "add", pg_logins.name("t_new"), "--role", "accountant", stdin="\n")
    assert no_password.returncode == 2 and "Пароль: укажите пароль" in no_password.stderr

    disabled = aktdesk(as_admin, "disable", manager)
    assert disabled.returncode == 0 and "отключён" in disabled.stdout
    with pg_logins.owner.session() as session:
        assert (
            session.scalar(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :l"), {"l": manager})
            is False
        )
    gone = aktdesk(as_manager, "list")
    assert gone.returncode == 2 and "Ошибка:" in gone.stderr
    assert aktdesk(as_admin, "enable", manager).returncode == 0
    assert aktdesk(as_manager, "list", "--json").returncode == 0
    changed = aktdesk(as_admin, "passwd", manager, stdin="новый-пароль\n")
    assert changed.returncode == 0 and "изменён" in changed.stdout


def test_on_sqlite_users_are_recorded_without_logins(sqlite_url: str) -> None:
    """The single-user file's user is the OS login: the first user recorded, then its administrator."""
    me = os_login()
    added = aktdesk(sqlite_url, "add", me, "--role", "admin", "--name", "Иванов И.И.")
    assert added.returncode == 0, added.stderr
    assert json.loads(aktdesk(sqlite_url, "list", "--json").stdout) == [
        {"login": me, "name": "Иванов И.И.", "role": "admin", "email": "", "active": True}
    ]
    wrong = aktdesk(sqlite_url, "add", "m petrov", "--role", "manager")
    assert wrong.returncode == 2 and "Логин:" in wrong.stderr
    passwd = aktdesk(sqlite_url, "passwd", me, stdin="пароль-пароль\n")
    assert passwd.returncode == 2 and "однопользовательская" in passwd.stderr
