"""`aktdesk demo --clients N --seed S`: fill a database with realistic, deterministic demo data."""

from __future__ import annotations

import argparse
import time
from typing import Any

from desktop.commands.common import TextProgress, database_from_args, print_json


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("demo", help="заполнить базу демо-данными")
    parser.add_argument(
        "--clients", type=int, default=200, metavar="ЧИСЛО", help="число клиентов (по умолчанию 200)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="ЗЕРНО",
        help="зерно генератора (одинаковое зерно — те же данные)",
    )
    parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="вывести итог в JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # deferred: the ORM models and the feature stack load only when this command runs, not for --help
    from desktop.core.demo.data import fill_demo

    database = database_from_args(args)
    started = time.monotonic()
    with database.transaction() as session:
        summary = fill_demo(session, clients=args.clients, seed=args.seed, progress=TextProgress())
    elapsed = time.monotonic() - started
    if args.json:
        print_json({**summary.as_dict(), "seconds": round(elapsed, 2), "database": database.describe()})
    else:
        print(f"Демо-данные записаны за {elapsed:.1f} с в {database.describe()}: {summary}")
    database.dispose()
    return 0
