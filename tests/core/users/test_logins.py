"""Users as real PostgreSQL logins: created from the program by an administrator only, their
group role granted, disabled logins cannot connect, passwords kept as SCRAM; psql proves the
database itself refuses a manager."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from desktop.core.db import Database
from desktop.core.errors import ConfigError, ValidationError
from desktop.core.models import Event, User
from desktop.core.users.accounts import UserFieldsError, UserInput
from desktop.core.users.operations import (
    save_user_card,
    set_user_active,
    set_user_password,
    users_to_edit,
    who_is_here,
)
from tests.factories.user_logins import PgLogins, scram_matches, stored_password

pytestmark = pytest.mark.pg


def groups_of(database: Database, login: str) -> set[str]:
    with database.session() as session:
        return set(
            session.scalars(
                text(
                    "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                    "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :login"
                ),
                {"login": login},
            )
        )


def can_login(database: Database, login: str) -> bool:
    with database.session() as session:
        return bool(session.scalar(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :l"), {"l": login}))


def psql(url: str, login: str, sql: str) -> subprocess.CompletedProcess[str]:
    parsed = make_url(url)
    return subprocess.run(
        ["psql", "-h", parsed.host or "127.0.0.1", "-p", str(parsed.port or 5432), "-U", login,
         "-d", str(parsed.database), "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_the_owner_creates_an_admin_who_creates_a_manager_whom_the_database_refuses(
    pg_logins: PgLogins,
) -> None:
    admin = pg_logins.create("admin", prefix="t_admin", full_name="Иванов Иван")
    as_admin = pg_logins.connect(admin)
    assert as_admin.login == admin and as_admin.multi_user
    assert groups_of(as_admin, admin) == {"aktdesk_admin"}

    manager = pg_logins.create("manager", prefix="t_mgr", full_name="Смирнов Марк", by=as_admin)
    assert groups_of(as_admin, manager) == {"aktdesk_manager"} and can_login(as_admin, manager)
    as_manager = pg_logins.connect(manager)
    assert as_manager.login == manager
    identity = who_is_here(as_manager)
    assert (identity.full_name, identity.role) == ("Смирнов Марк", "Менеджер")
    with pg_logins.owner.session() as session:  # the event log is not granted to the groups here
        created = session.scalars(
            select(Event)
            .join(User, User.id == Event.object_id)
            .where(Event.object_type == "user", User.login == manager)
        ).one()
        assert created.user_login == admin and created.action == "create"  # who the database saw

    # the program refuses the manager in Russian …
    users, editable = users_to_edit(as_manager)
    assert not editable and {u.login for u in users} == {admin, manager}
    stranger = pg_logins.name("t_new")
    with pytest.raises(ValidationError, match="только администратор"):
        save_user_card(as_manager, UserInput(stranger, "Новый Н.Н.", "admin", password="пароль-123"), None)
    # … and PostgreSQL refuses the same done behind the program's back
    direct = psql(pg_logins.url, manager, f"INSERT INTO users (login, full_name, role, is_active) "
                  f"VALUES ('{stranger}', 'Новый', 'admin', true)")  # fmt: skip
    assert direct.returncode != 0 and "permission denied for table users" in direct.stderr
    role = psql(pg_logins.url, manager, f'CREATE ROLE "{stranger}" LOGIN')
    assert role.returncode != 0 and "permission denied to create role" in role.stderr
    promote = psql(pg_logins.url, manager, f'GRANT aktdesk_admin TO "{manager}"')
    assert promote.returncode != 0
    function = psql(
        pg_logins.url,
        manager,
        f"SELECT aktdesk_save_user('{stranger}', 'Новый', 'admin', '', '', true, NULL)",
    )
    assert function.returncode != 0 and "только администратор" in function.stderr
    assert groups_of(as_admin, manager) == {"aktdesk_manager"}
    with as_admin.session() as session:
        assert session.scalar(text("SELECT count(*) FROM pg_roles WHERE rolname = :l"), {"l": stranger}) == 0


def test_the_password_is_kept_as_scram_and_changed_by_an_admin(pg_logins: PgLogins, pg_url: str) -> None:
    admin = pg_logins.create("admin", prefix="t_admin")
    as_admin = pg_logins.connect(admin)
    login = pg_logins.name("t_acc")
    save_user_card(as_admin, UserInput(login, "Петрова Анна", "accountant", password="Первый-пароль-1"), None)
    first = stored_password(pg_url, login)
    assert first.startswith("SCRAM-SHA-256$") and scram_matches(first, "Первый-пароль-1")
    assert not scram_matches(first, "другой-пароль")

    set_user_password(as_admin, login, "второй пароль 2")
    second = stored_password(pg_url, login)
    assert second.startswith("SCRAM-SHA-256$") and scram_matches(second, "второй пароль 2")
    set_user_active(as_admin, login, True)  # a change without a password keeps it
    assert stored_password(pg_url, login) == second
    with pytest.raises(ValidationError, match="не короче 8"):
        set_user_password(as_admin, login, "корот")


def test_a_disabled_user_cannot_connect_until_enabled_again(pg_logins: PgLogins) -> None:
    admin = pg_logins.create("admin", prefix="t_admin")
    as_admin = pg_logins.connect(admin)
    approver = pg_logins.create("approver", prefix="t_appr", by=as_admin)
    pg_logins.connect(approver).dispose()

    assert not set_user_active(as_admin, approver, False).is_active
    assert not can_login(as_admin, approver) and groups_of(as_admin, approver) == set()
    with pytest.raises(ConfigError):
        pg_logins.connect(approver)
    refused = psql(pg_logins.url, approver, "SELECT 1")
    assert refused.returncode != 0 and "not permitted to log in" in refused.stderr

    assert set_user_active(as_admin, approver, True).is_active
    assert can_login(as_admin, approver) and groups_of(as_admin, approver) == {"aktdesk_approver"}
    assert pg_logins.connect(approver).login == approver


def test_a_new_role_moves_the_login_to_its_group_and_the_last_admin_stays(pg_logins: PgLogins) -> None:
    admin = pg_logins.create("admin", prefix="t_admin")
    as_admin = pg_logins.connect(admin)
    clerk = pg_logins.create("accountant", prefix="t_clerk", by=as_admin)
    with as_admin.session() as session:
        ids = {login: user_id for login, user_id in session.execute(select(User.login, User.id))}
    save_user_card(as_admin, UserInput(clerk, "Тестов Т.Т.", "approver"), ids[clerk])
    assert groups_of(as_admin, clerk) == {"aktdesk_approver"}

    for change in (
        UserInput(admin, "Тестов А.А.", "manager"),
        UserInput(admin, "Т А", "admin", is_active=False),
    ):
        with pytest.raises(ValidationError, match="последний администратор"):
            save_user_card(as_admin, change, ids[admin])
    assert groups_of(as_admin, admin) == {"aktdesk_admin"} and can_login(as_admin, admin)
    save_user_card(as_admin, UserInput(clerk, "Тестов Т.Т.", "admin"), ids[clerk])
    save_user_card(as_admin, UserInput(admin, "Тестов А.А.", "manager"), ids[admin])  # another admin now
    assert groups_of(as_admin, admin) == {"aktdesk_manager"}
    assert not users_to_edit(as_admin)[1]  # no longer an administrator, at once


def test_logins_the_program_refuses_on_postgresql(pg_logins: PgLogins) -> None:
    owner = pg_logins.owner
    assert users_to_edit(owner)[1]  # the schema owner creates the first administrator
    foreign = pg_logins.name("t_other")
    with owner.transaction() as session:
        session.execute(text(f'CREATE ROLE "{foreign}" LOGIN'))  # a login of another application

    def errors(values: UserInput, user_id: int | None = None) -> dict[str, str]:
        with pytest.raises(UserFieldsError) as caught:
            save_user_card(owner, values, user_id)
        return caught.value.errors

    assert (
        "владелец схемы"
        in errors(UserInput(owner.login, "Владелец", "admin", password="пароль-123"))["login"]
    )
    assert "латинские" in errors(UserInput("Иванов", "Иванов И.И.", "admin", password="пароль-123"))["login"]
    assert (
        "служебное" in errors(UserInput("aktdesk_admin", "Группа", "admin", password="пароль-123"))["login"]
    )
    assert (
        "уже занят на сервере"
        in errors(UserInput(foreign, "Чужой", "manager", password="пароль-123"))["login"]
    )
    new = pg_logins.name("t_new")
    assert "пароль" in errors(UserInput(new, "Новый Н.Н.", "manager"))["password"]
    user_id = save_user_card(owner, UserInput(new, "Новый Н.Н.", "manager", password="пароль-123"), None)
    assert "не меняется" in errors(UserInput(new + "x", "Новый Н.Н.", "manager"), user_id)["login"]


def test_the_function_itself_refuses_what_the_program_would(pg_logins: PgLogins) -> None:
    """Called directly (as psql or another client would), aktdesk_save_user keeps the same rules:
    no clear-text password, not the owner's or a superuser's login."""
    admin = pg_logins.create("admin", prefix="t_admin")
    target = pg_logins.name("t_plain")

    def call(login: str, password: Any) -> subprocess.CompletedProcess[str]:
        value = "NULL" if password is None else f"'{password}'"
        return psql(
            pg_logins.url,
            admin,
            f"SELECT aktdesk_save_user('{login}', 'Имя', 'manager', '', '', true, {value})",
        )

    plain = call(target, "пароль-открытым-текстом")
    assert plain.returncode != 0 and "только зашифрованным" in plain.stderr
    owner = call(pg_logins.owner.login, None)
    assert owner.returncode != 0 and "владелец схемы" in owner.stderr
    with pg_logins.owner.session() as session:
        assert session.scalar(text("SELECT count(*) FROM pg_roles WHERE rolname = :l"), {"l": target}) == 0
