"""Users and their roles: who may approve payment requests, who exports them, whose clients a manager sees.

A user is known by the OS login the program runs under (``events.current_login``). Only an
administrator edits users — or anyone while no user is recorded yet (a one-person install) — and
the last active administrator cannot be removed or demoted, so nobody locks the program out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.common.choices import Choice
from desktop.core.common.events import current_login, log_event
from desktop.core.errors import ValidationError
from desktop.core.models import Role, User
from desktop.core.parties.directory import check_emails

# An OS login: letters, digits, ., _, -, and a DOMAIN\ prefix or @domain suffix.
LOGIN = re.compile(r"^[\w.\-]+(?:\\[\w.\-]+)?(?:@[\w.\-]+)?$")


@dataclass
class UserInput:
    login: str = ""
    full_name: str = ""
    role: str = Role.ACCOUNTANT.value
    email: str = ""
    region: str = ""
    is_active: bool = True


class UserFieldsError(ValidationError):
    """Every wrong field of a user card: ``errors`` maps the field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        names = {"login": "Логин", "full_name": "ФИО", "role": "Роль", "email": "E-mail"}
        super().__init__(
            "; ".join(f"{names.get(k, k)}: {v}" for k, v in errors.items()), field=next(iter(errors))
        )
        self.errors = errors


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.is_active.desc(), User.full_name)))


def manager_choices(session: Session, *, any_role: bool = False, active_only: bool = False) -> list[Choice]:
    """Managers for a dropdown, by name. ``any_role``: every user (a client's or contract's manager
    may be any user); ``active_only``: where a manager is assigned, not where one is looked for."""
    stmt = select(User.id, User.full_name).order_by(User.full_name)
    if not any_role:
        stmt = stmt.where(User.role == Role.MANAGER)
    if active_only:
        stmt = stmt.where(User.is_active.is_(True))
    return [Choice(user_id, name) for user_id, name in session.execute(stmt)]


def may_edit_users(session: Session, login: str) -> bool:
    if session.scalar(select(func.count(User.id))) == 0:
        return True
    role = session.scalar(select(User.role).where(User.login == login, User.is_active.is_(True)))
    return role == Role.ADMIN


def user_errors(session: Session, values: UserInput, user_id: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    login = values.login.strip()
    if not login:
        errors["login"] = "укажите логин Windows, под которым пользователь входит в систему"
    elif not LOGIN.match(login):
        errors["login"] = "логин — латинские буквы, цифры, «.», «_», «-» (можно ДОМЕН\\логин)"
    else:
        taken = session.scalar(
            select(User.id).where(func.lower(User.login) == login.lower(), User.id != (user_id or 0))
        )
        if taken is not None:
            errors["login"] = f"логин «{login}» уже есть в списке"
    if not values.full_name.strip():
        errors["full_name"] = "укажите фамилию и инициалы"
    if values.role not in {r.value for r in Role}:
        errors["role"] = "выберите роль из списка"
    email_error = check_emails(values.email) if values.email.strip() else None
    if email_error:
        errors["email"] = email_error
    return errors


def save_user(
    session: Session, values: UserInput, user_id: int | None = None, *, by: str | None = None
) -> User:
    """Create or update a user; every wrong field is reported at once, nothing is saved then."""
    by = by or current_login()
    if not may_edit_users(session, by):
        raise ValidationError("Пользователей и роли меняет только администратор.", field="role")
    errors = user_errors(session, values, user_id)
    if errors:
        raise UserFieldsError(errors)
    user = session.get(User, user_id) if user_id is not None else None
    if user_id is not None and user is None:
        raise ValidationError("Пользователь не найден: его удалили.", field="login")
    was_admin = user is not None and user.role == Role.ADMIN and user.is_active
    stays_admin = values.role == Role.ADMIN and values.is_active
    if was_admin and not stays_admin:
        admins = session.scalar(
            select(func.count(User.id)).where(User.role == Role.ADMIN, User.is_active.is_(True))
        )
        if (admins or 0) <= 1:
            raise ValidationError(
                "Это последний администратор: сначала назначьте администратором другого пользователя.",
                field="role",
            )
    if user is None:
        user = User(login="", full_name="")
        session.add(user)
    before = {"role": user.role, "is_active": user.is_active}
    user.login = values.login.strip()
    user.full_name = " ".join(values.full_name.split())
    user.role = Role(values.role)
    user.email = values.email.strip() or None
    user.region = values.region.strip() or None
    user.is_active = values.is_active
    session.flush()
    changes = {k: [before[k], getattr(user, k)] for k in before if before[k] != getattr(user, k)}
    log_event(session, "user", user.id, "create" if user_id is None else "update", changes, user=by)
    return user
