"""`aktdesk users add / list / disable / enable / passwd`: users and their roles, as the connected user.

On PostgreSQL a user is a login of the server (created in its group role by the database function
``aktdesk_save_user``): only an administrator's login may change users, anyone else is refused
with exit status 2. The password is read from stdin (one line; asked twice at a terminal). On
SQLite, a single-user file, a user is a recorded OS login without a password.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from desktop.commands.common import database_from_args, print_json
from desktop.core.errors import ValidationError

ROLES = ("manager", "approver", "accountant", "admin")


def register(subparsers: Any) -> None:
    users = subparsers.add_parser(
        "users", help="пользователи программы и их роли (на PostgreSQL — логины сервера)"
    )
    sub = users.add_subparsers(dest="action", metavar="ДЕЙСТВИЕ", required=True)

    add = sub.add_parser(
        "add",
        help="завести пользователя: на PostgreSQL — логин сервера в группе роли, пароль читается из "
        "стандартного ввода (одна строка)",
    )
    add.add_argument("user", metavar="ЛОГИН", help="логин: латинские буквы, цифры, «.», «_», «-»")
    add.add_argument(
        "--role", choices=ROLES, required=True, help="роль: менеджер, согласующий, бухгалтер, администратор"
    )
    add.add_argument("--name", metavar="ФИО", help="фамилия и имя (по умолчанию — логин)")
    add.add_argument("--email", metavar="АДРЕС", help="адрес электронной почты")
    add.set_defaults(func=run_add)

    listing = sub.add_parser("list", help="список пользователей")
    listing.add_argument("--json", action="store_true", help="в формате JSON")
    listing.set_defaults(func=run_list)

    disable = sub.add_parser(
        "disable", help="отключить пользователя: на PostgreSQL его логин больше не входит"
    )
    disable.add_argument("user", metavar="ЛОГИН")
    disable.set_defaults(func=run_disable)

    enable = sub.add_parser("enable", help="включить отключённого пользователя снова")
    enable.add_argument("user", metavar="ЛОГИН")
    enable.set_defaults(func=run_enable)

    passwd = sub.add_parser("passwd", help="новый пароль логина на PostgreSQL (из стандартного ввода)")
    passwd.add_argument("user", metavar="ЛОГИН")
    passwd.set_defaults(func=run_passwd)

    # (the user's login is ``args.user``: ``args.login`` would be who acts, see database_from_args)
    for parser in (add, listing, disable, enable, passwd):
        parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def read_password(login: str) -> str:
    """The password from stdin: one line from a pipe, typed twice (not shown) at a terminal."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"Пароль пользователя {login}: ")
    if getpass.getpass("Повторите пароль: ") != first:
        raise ValidationError("Пароли не совпадают: ничего не изменено.", field="password")
    return first


def run_add(args: argparse.Namespace) -> int:
    # deferred: the users' core loads the models; every `aktdesk` command builds this parser
    from desktop.core.users.accounts import UserInput
    from desktop.core.users.operations import save_user_card

    database = database_from_args(args)
    try:
        password = read_password(args.user) if database.multi_user else ""
        values = UserInput(
            login=args.user,
            full_name=args.name or args.user,
            role=args.role,
            email=args.email or "",
            password=password,
        )
        save_user_card(database, values, None)
        where = "логин сервера создан" if database.multi_user else "записан"
    finally:
        database.dispose()
    print(f"Пользователь {args.user} ({args.role}): {where}.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    # deferred: the users' core loads the models
    from desktop.core.common.labels import ROLE_TITLES
    from desktop.core.users.operations import users_to_edit

    database = database_from_args(args)
    try:
        users, _editable = users_to_edit(database)
    finally:
        database.dispose()
    rows = [
        {
            "login": u.login,
            "name": u.full_name,
            "role": u.role.value,
            "email": u.email or "",
            "active": u.is_active,
        }
        for u in users
    ]
    if args.json:
        print_json(rows)
        return 0
    table = [("Логин", "ФИО", "Роль", "E-mail", "Активен")] + [
        (r["login"], r["name"], ROLE_TITLES.get(u.role, u.role), r["email"], "да" if r["active"] else "нет")
        for r, u in zip(rows, users, strict=True)
    ]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    if not users:
        print("Пользователей нет.")
    return 0


def _set_active(args: argparse.Namespace, active: bool) -> int:
    # deferred: the users' core loads the models
    from desktop.core.users.operations import set_user_active

    database = database_from_args(args)
    try:
        set_user_active(database, args.user, active)
    finally:
        database.dispose()
    print(f"Пользователь {args.user} {'включён' if active else 'отключён'}.")
    return 0


def run_disable(args: argparse.Namespace) -> int:
    return _set_active(args, False)


def run_enable(args: argparse.Namespace) -> int:
    return _set_active(args, True)


def run_passwd(args: argparse.Namespace) -> int:
    # deferred: the users' core loads the models
    from desktop.core.users.operations import require_logins, set_user_password

    database = database_from_args(args)
    try:
        require_logins(database)
        set_user_password(database, args.user, read_password(args.user))
    finally:
        database.dispose()
    print(f"Пароль пользователя {args.user} изменён.")
    return 0
