"""Operations of the screens on people: the choices of a dropdown, who is at the keyboard, a history.

Each takes a :class:`Database`, opens its own session and returns plain data (or detached rows), so
a screen does no database work itself (the model is Anki's ``aqt/operations``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.core.common.events import history
from desktop.core.db import Database
from desktop.core.models import Event, User
from desktop.core.users.accounts import UserInput, list_users, manager_choices, may_edit_users, save_user


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
    """The user of an OS login (detached), None when there is none."""
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


def users_to_edit(database: Database, login: str) -> tuple[list[User], bool]:
    """Every user (detached), and whether ``login`` may change them (an admin, or nobody recorded yet)."""
    with database.session() as session:
        return list_users(session), may_edit_users(session, login)


def save_user_card(database: Database, values: UserInput, user_id: int | None) -> int:
    """Create or update a user in one transaction; its id."""
    with database.transaction() as session:
        return save_user(session, values, user_id).id
