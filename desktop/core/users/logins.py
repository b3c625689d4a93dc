"""Users as PostgreSQL logins: the database functions of migration 0008, called from the program.

On PostgreSQL a user is a login of the server in the group role of their role
(``aktdesk_manager``…). The program never creates or alters a role itself: it calls
``aktdesk_save_user`` (SECURITY DEFINER), which checks that the caller is an administrator and
refuses what the rules forbid with a Russian message (SQLSTATE P0001, the field in HINT). The
password reaches the server already encrypted (SCRAM-SHA-256, by libpq on this side), never in
clear text.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from desktop.core.db import REFUSAL

# A PostgreSQL role name the program accepts: ASCII, a letter first, at most 63 bytes.
PG_LOGIN = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")
PG_LOGIN_MAX = 63
RESERVED_PREFIXES = ("pg_", "aktdesk_")
RAISED = ("P0001", REFUSAL)  # the SQLSTATEs of the functions' refusals (theirs, the rules' of 0007)


class LoginRefused(Exception):
    """The server's function refused the change: ``message`` (Russian) and the ``field`` it names."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def is_enforced(session: Session) -> bool:
    """The database enforces who may do what (PostgreSQL, each person with their own login)."""
    return bool(session.info.get("enforced"))


def may_edit_users(session: Session) -> bool:
    """The connected login may change users: an administrator, the schema owner or a superuser."""
    return bool(session.scalar(text("SELECT aktdesk_may_edit_users()")))


def schema_owner(session: Session) -> str:
    """The login that owns the schema (and the functions): never a user's login."""
    return str(session.scalar(text("SELECT aktdesk_schema_owner()")))


def encrypt_password(session: Session, login: str, password: str) -> str:
    """``password`` as the server stores it (SCRAM-SHA-256 with a fresh salt), computed here."""
    driver: Any = session.connection().connection.driver_connection
    secret: bytes = driver.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
    return secret.decode("ascii")


def save_login(
    session: Session,
    *,
    login: str,
    full_name: str,
    role: str,
    email: str | None,
    region: str | None,
    active: bool,
    password: str | None,
) -> int:
    """Create or change the login and the user's row through ``aktdesk_save_user``; the row's id.

    ``password`` None keeps the login's password. Raises :class:`LoginRefused` with the server's
    message when the function refuses."""
    encrypted = encrypt_password(session, login, password) if password else None
    try:
        return int(
            session.scalar(
                text(
                    "SELECT aktdesk_save_user(:login, :full_name, :role, :email, :region, :active, :password)"
                ),
                {
                    "login": login,
                    "full_name": full_name,
                    "role": role,
                    "email": email,
                    "region": region,
                    "active": active,
                    "password": encrypted,
                },
            )
        )
    except DBAPIError as error:
        refused = refusal(error)
        if refused is None:
            raise
        raise refused from None  # the statement carries the encrypted password: not in the traceback


def refusal(error: DBAPIError) -> LoginRefused | None:
    """The function's own refusal in ``error`` (None for any other database failure)."""
    orig = error.orig
    if getattr(orig, "sqlstate", None) not in RAISED:
        return None
    diag = getattr(orig, "diag", None)
    message = getattr(diag, "message_primary", None) or str(orig)
    return LoginRefused(message, getattr(diag, "message_hint", None) or "")


def password_refused(error: BaseException) -> bool:
    """A connection failed because the server wants a (another) password for the login: the
    password is wrong, or none was given (``check_connection``'s error, or the driver's)."""
    cause = error.__cause__ if error.__cause__ is not None else error
    driver = str(getattr(cause, "orig", None) or cause).lower()
    return "password authentication failed" in driver or "no password supplied" in driver
