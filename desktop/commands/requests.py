"""`aktdesk payments …`: the payment requests from the command line, as the connected user.

- `payments export --approved --out FILE.txt`: approved requests as payment orders for the bank client;
- `payments list [--status S] [--waiting] [--json]`: the requests (``--waiting``: those waiting for my step);
- `payments submit|approve|reject|return ID [--comment TEXT]`: a step of one request; exit status 2
  with the reason when the user may not take it (the same rules as the window; on PostgreSQL the
  database's own).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.commands.common import database_from_args, print_json
from desktop.core.errors import ValidationError


def register(subparsers: Any) -> None:
    payments = subparsers.add_parser("payments", help="заявки на оплату")
    sub = payments.add_subparsers(dest="action", metavar="ДЕЙСТВИЕ", required=True)
    export = sub.add_parser(
        "export", help="выгрузить согласованные заявки платёжными поручениями (1CClientBankExchange)"
    )
    export.add_argument(
        "--approved", action="store_true", required=True, help="согласованные к оплате и ещё не выгруженные"
    )
    export.add_argument("--out", type=Path, required=True, metavar="ФАЙЛ.txt")
    export.add_argument("--entity", metavar="ИНН", help="ИНН своего юрлица-плательщика (если их несколько)")
    export.add_argument("--again", action="store_true", help="и уже выгруженные раньше (повторная выгрузка)")
    export.add_argument("--login", metavar="ЛОГИН", help=LOGIN_HELP)
    export.add_argument("--json", action="store_true", help="итог в JSON")
    export.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    export.set_defaults(func=run_export)

    listing = sub.add_parser("list", help="список заявок на оплату")
    listing.add_argument("--status", choices=STATUSES, help="только в этом статусе")
    listing.add_argument("--waiting", action="store_true", help="только ждущие моего согласования")
    listing.add_argument("--login", metavar="ЛОГИН", help=LOGIN_HELP)
    listing.add_argument("--json", action="store_true", help="список в JSON")
    listing.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    listing.set_defaults(func=run_list)

    for action, title in STEPS.items():
        step = sub.add_parser(action, help=title)
        step.add_argument(
            "id",
            type=int,
            metavar="ID",
            help="ключ заявки в базе: первая колонка «payments list», ключ id в JSON",
        )
        step.add_argument("--comment", default="", metavar="ТЕКСТ", help="комментарий к решению")
        step.add_argument("--login", metavar="ЛОГИН", help=LOGIN_HELP)
        step.add_argument("--json", action="store_true", help="заявка после шага в JSON")
        step.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        step.set_defaults(func=run_step, step=action)


LOGIN_HELP = (
    "только для однопользовательской базы SQLite: от чьего имени (по умолчанию — логин в системе); "
    "на PostgreSQL пользователь — логин подключения к базе"
)
STATUSES = ("draft", "approval", "approved", "paid", "rejected")
STEPS = {
    "submit": "отправить черновик на согласование",
    "approve": "согласовать (свой этап маршрута)",
    "reject": "отказать (нужен --comment)",
    "return": "вернуть на доработку (нужен --comment)",
}


def run_list(args: argparse.Namespace) -> int:
    # deferred: the feature stack loads only when this command runs, not for --help
    from desktop.core.requests.listing import request_rows

    database = database_from_args(args)
    try:
        rows = request_rows(database, status=args.status, waiting=args.waiting)
    finally:
        database.dispose()
    if args.json:
        print_json([row.as_dict() for row in rows])
        return 0
    if not rows:
        print("Заявок нет.")
        return 0
    for row in rows:
        waits = f"; ждёт: {row.waiting}" if row.waiting else ""
        print(
            f"{row.id:>5}  № {row.number:<6} {row.pay_by:%d.%m.%Y}  {row.amount_text:>16} {row.currency}  "
            f"{row.status_title:<20} {row.contractor} — {row.subject}{waits}"
        )
    return 0


def run_step(args: argparse.Namespace) -> int:
    # deferred: the feature stack loads only when this command runs, not for --help
    from desktop.core.requests.listing import request_row, take_step

    database = database_from_args(args)
    try:
        take_step(database, args.id, args.step, args.comment)
        row = request_row(database, args.id)
    finally:
        database.dispose()
    if args.json:
        print_json(row.as_dict())
    else:
        waits = f", ждёт: {row.waiting}" if row.waiting else ""
        print(f"Заявка № {row.number} (id {row.id}): {row.status_title}{waits}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    # deferred: the ORM models and the feature stack load only when this command runs, not for --help
    from desktop.core.models import OwnEntity
    from desktop.core.requests.export import export_orders

    database = database_from_args(args)
    try:
        with database.transaction() as session:
            entity_id = None
            if args.entity:
                entity_id = session.scalar(select(OwnEntity.id).where(OwnEntity.inn == args.entity.strip()))
                if entity_id is None:
                    raise ValidationError(f"Своего юрлица с ИНН {args.entity} нет в справочнике.")
            result = export_orders(
                session, args.out, own_entity_id=entity_id, include_exported=args.again, login=args.login
            )
    finally:
        database.dispose()
    if args.json:
        print_json(result.as_dict())
    else:
        print(
            f"Выгружено платёжных поручений: {len(result.requests)} на сумму {result.total:.2f} руб. "
            f"({result.entity}, счёт {result.account}) → {result.path}"
        )
    return 0
