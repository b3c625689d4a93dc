"""`aktdesk migrate`: bring the database schema to the current version."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.common import database_from_args


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("migrate", help="обновить схему базы данных до текущей версии")
    parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    database = database_from_args(args)  # open_database migrates
    print(f"Схема базы данных актуальна: {database.describe()}")
    database.dispose()
    return 0
