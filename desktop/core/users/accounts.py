"""Users and their roles: who may approve payment requests, who exports them, whose clients a manager sees.

A user is known by their login (``Database.login``). On PostgreSQL that is the database login the
person connects with: a user is a login of the server, created, changed and disabled only through
the database function ``aktdesk_save_user`` (``logins.py``), which admits an administrator only.
On SQLite, a single-user file, a user is a row naming an OS login: the roles are recorded, the
database enforces nothing. Only an administrator edits users — on SQLite also anyone while no user
is recorded yet (a one-person install) — and the last active administrator cannot be removed or
demoted, so nobody locks the program out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.common.choices import Choice
from desktop.core.common.events import acting_login, log_event
from desktop.core.errors import ValidationError
from desktop.core.models import Role, User
from desktop.core.parties.directory import check_emails
from desktop.core.users import logins
from desktop.core.users.logins import LoginRefused, is_enforced

# An OS login: letters, digits, ., _, -, and a DOMAIN\ prefix or @domain suffix.
LOGIN = re.compile(r"^[\w.\-]+(?:\\[\w.\-]+)?(?:@[\w.\-]+)?$")
PASSWORD_MIN = 8
ADMIN_ONLY = "Пользователей и роли меняет только администратор."


@dataclass
class UserInput:
    login: str = ""
    full_name: str = ""
    role: str = Role.ACCOUNTANT.value
    email: str = ""
    region: str = ""
    is_active: bool = True
    password: str = ""  # PostgreSQL: the login's password; empty keeps it (a new login needs one)


class UserFieldsError(ValidationError):
    """Every wrong field of a user card: ``errors`` maps the field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        names = {
            "login": "Логин",
            "full_name": "ФИО",
            "role": "Роль",
            "email": "E-mail",
            "password": "Пароль",
        }
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


def may_edit_users(session: Session, login: str | None = None) -> bool:
    """On PostgreSQL: the connected login is an administrator (the database decides). On SQLite:
    ``login`` (default: who acts in ``session``) is an active administrator, or nobody is recorded yet."""
    if is_enforced(session):
        return logins.may_edit_users(session)
    if session.scalar(select(func.count(User.id))) == 0:
        return True
    role = session.scalar(
        select(User.role).where(User.login == acting_login(session, login), User.is_active.is_(True))
    )
    return role == Role.ADMIN


def _login_errors(session: Session, login: str, user: User | None) -> str | None:
    enforced = is_enforced(session)
    if not login:
        if enforced:
            return "укажите логин пользователя на сервере базы данных"
        return "укажите логин Windows, под которым пользователь входит в систему"
    if enforced:
        if not logins.PG_LOGIN.match(login) or len(login.encode()) > logins.PG_LOGIN_MAX:
            return "логин — латинские буквы, цифры, «.», «_», «-», начинается с буквы, не длиннее 63 символов"
        if user is not None and user.login != login:
            return "логин пользователя не меняется: заведите нового пользователя и отключите этого"
        if login == logins.schema_owner(session):
            return f"«{login}» — владелец схемы базы данных, а не логин пользователя"
        if login.lower().startswith(logins.RESERVED_PREFIXES):
            return f"«{login}» — служебное имя сервера или программы, выберите другой логин"
    elif not LOGIN.match(login):
        return "логин — латинские буквы, цифры, «.», «_», «-» (можно ДОМЕН\\логин)"
    taken = session.scalar(
        select(User.login).where(func.lower(User.login) == login.lower(), User.id != (user.id if user else 0))
    )
    if taken is not None:
        return f"логин «{taken}» уже есть в списке"
    return None


def user_errors(session: Session, values: UserInput, user_id: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    user = session.get(User, user_id) if user_id is not None else None
    if user_id is not None and user is None:
        raise ValidationError("Пользователь не найден: его удалили.", field="login")
    login_error = _login_errors(session, values.login.strip(), user)
    if login_error:
        errors["login"] = login_error
    if not values.full_name.strip():
        errors["full_name"] = "укажите фамилию и инициалы"
    if values.role not in {r.value for r in Role}:
        errors["role"] = "выберите роль из списка"
    email_error = check_emails(values.email) if values.email.strip() else None
    if email_error:
        errors["email"] = email_error
    if is_enforced(session):
        if values.password and len(values.password) < PASSWORD_MIN:
            errors["password"] = f"пароль — не короче {PASSWORD_MIN} символов"
        elif not values.password and user is None and values.is_active:
            errors["password"] = "укажите пароль нового пользователя"
    return errors


def save_user(
    session: Session, values: UserInput, user_id: int | None = None, *, by: str | None = None
) -> User:
    """Create or update a user; every wrong field is reported at once, nothing is saved then.

    On PostgreSQL the login of the server is created or changed with it (``by`` is ignored: the
    connected login acts); on SQLite ``by`` (default: who acts in ``session``) must be an administrator."""
    if not may_edit_users(session, by):
        raise ValidationError(ADMIN_ONLY, field="role")
    errors = user_errors(session, values, user_id)
    if errors:
        raise UserFieldsError(errors)
    if is_enforced(session):
        return _save_login(session, values)
    return _save_row(session, values, user_id, acting_login(session, by))


def _save_login(session: Session, values: UserInput) -> User:
    try:
        saved = logins.save_login(
            session,
            login=values.login.strip(),
            full_name=" ".join(values.full_name.split()),
            role=values.role,
            email=values.email.strip() or None,
            region=values.region.strip() or None,
            active=values.is_active,
            password=values.password or None,
        )
    except LoginRefused as refused:
        if refused.field in {"login", "full_name", "role", "email", "password"}:
            raise UserFieldsError({refused.field: refused.message}) from None
        raise ValidationError(refused.message) from None
    user = session.get(User, saved, populate_existing=True)
    assert user is not None
    return user


def _save_row(session: Session, values: UserInput, user_id: int | None, by: str) -> User:
    user = session.get(User, user_id) if user_id is not None else None
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


def user_of_login(session: Session, login: str) -> User:
    """The user of ``login`` (exactly as written); a Russian refusal when there is none."""
    user = session.scalar(select(User).where(User.login == login.strip()))
    if user is None:
        raise ValidationError(
            f"Пользователя с логином «{login.strip()}» нет в списке пользователей.", field="login"
        )
    return user


def as_input(user: User) -> UserInput:
    """The card of a recorded user, to change a field or two and save it again."""
    return UserInput(
        login=user.login,
        full_name=user.full_name,
        role=user.role.value,
        email=user.email or "",
        region=user.region or "",
        is_active=user.is_active,
    )
