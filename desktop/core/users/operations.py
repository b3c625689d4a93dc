"""Operations of the screens (and of `aktdesk users`) on people: the choices of a dropdown, who is
at the keyboard, a history, the users and their logins.

Each takes a :class:`Database`, opens its own session and returns plain data (or detached rows), so
a screen does no database work itself (the model is Anki's ``aqt/operations``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.core.common.events import history, log_event
from desktop.core.common.labels import ROLE_TITLES
from desktop.core.db import Database
from desktop.core.errors import ValidationError
from desktop.core.models import Event, User
from desktop.core.users.accounts import (
    UserInput,
    as_input,
    list_users,
    manager_choices,
    may_edit_users,
    save_user,
    user_of_login,
)


def user_choices(
    database: Database, *, managers_only: bool = False, active_only: bool = False
) -> list[tuple[int, str]]:
    """(id, full name) of the users by name (``accounts.manager_choices``): the managers or all, the
    active ones only."""
    with database.session() as session:
        return [
            (c.id, c.title)
            for c in manager_choices(session, any_role=not managers_only, active_only=active_only)
        ]


def user_by_login(database: Database, login: str) -> User | None:
    """The user of a login (detached), None when there is none."""
    with database.session() as session:
        return session.scalars(select(User).where(User.login == login)).first()


@dataclass(frozen=True)
class History:
    """The events of one object, oldest first, and the names of the people by login."""

    events: list[Event]
    names: dict[str, str]


def object_history(database: Database, object_type: str, object_id: int) -> History:
    with database.session() as session:
        events = history(session, object_type, object_id)
        names = {login: name for login, name in session.execute(select(User.login, User.full_name))}
    return History(events, names)


def users_to_edit(database: Database) -> tuple[list[User], bool]:
    """Every user (detached), and whether the database's user may change them (an administrator;
    on SQLite also anyone while nobody is recorded)."""
    with database.session() as session:
        return list_users(session), may_edit_users(session, database.login)


def save_user_card(database: Database, values: UserInput, user_id: int | None) -> int:
    """Create or update a user (on PostgreSQL with their login) in one transaction; its id."""
    with database.transaction() as session:
        return save_user(session, values, user_id, by=database.login).id


def set_user_active(database: Database, login: str, active: bool) -> User:
    """Enable or disable the user of ``login`` (on PostgreSQL the login may connect or not)."""
    with database.transaction() as session:
        user = user_of_login(session, login)
        values = as_input(user)
        values.is_active = active
        return save_user(session, values, user.id, by=database.login)


def require_logins(database: Database) -> None:
    """Refuse, in Russian, what only a PostgreSQL database has: logins with passwords."""
    if not database.multi_user:
        raise ValidationError(
            "Пароли есть только у пользователей базы PostgreSQL: база SQLite — однопользовательская, "
            "её пользователь — логин, под которым вошли в систему.",
            field="password",
        )


def set_user_password(database: Database, login: str, password: str) -> None:
    """A new password for the login of ``login`` (PostgreSQL; an administrator sets it)."""
    require_logins(database)
    if not password:
        raise ValidationError("Пароль: укажите новый пароль.", field="password")
    with database.transaction() as session:
        user = user_of_login(session, login)
        values = as_input(user)
        values.password = password
        save_user(session, values, user.id)
        log_event(session, "user", user.id, "password", {"login": login})  # who changed whose password


@dataclass(frozen=True)
class Identity:
    """Who the program's user is: the login, and their name and role when the login is recorded."""

    login: str
    multi_user: bool
    full_name: str | None = None
    role: str | None = None  # the Russian title


def who_is_here(database: Database) -> Identity:
    """The database's user (``Database.login``) as the status bar names them."""
    with database.session() as session:
        user = session.scalars(select(User).where(User.login == database.login)).first()
    if user is None:
        return Identity(database.login, database.multi_user)
    return Identity(
        database.login, database.multi_user, user.full_name, ROLE_TITLES.get(user.role, user.role)
    )
