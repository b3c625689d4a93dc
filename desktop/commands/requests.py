"""`aktdesk payments export --approved --out FILE.txt`: approved payment requests as payment orders for the bank client."""

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
    export.add_argument("--login", metavar="ЛОГИН", help="от чьего имени (по умолчанию — логин в системе)")
    export.add_argument("--json", action="store_true")
    export.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    export.set_defaults(func=run_export)


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
