"""`aktdesk bank import FILE... [--json]`: bank statements into the database, receipts matched to invoices."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands.common import TextProgress, database_from_args, print_json
from desktop.core.jobs import Progress, no_progress


def register(subparsers: Any) -> None:
    bank = subparsers.add_parser("bank", help="выписки банка")
    sub = bank.add_subparsers(dest="action", metavar="ДЕЙСТВИЕ", required=True)
    importing = sub.add_parser(
        "import",
        help="загрузить выписки в формате 1CClientBankExchange и разнести поступления по счетам",
    )
    importing.add_argument("files", nargs="+", type=Path, metavar="ФАЙЛ")
    importing.add_argument("--json", action="store_true", help="итог в JSON")
    importing.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    importing.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    # deferred: the ORM models and the feature stack load only when this command runs, not for --help
    from desktop.core.payments import import_statements

    database = database_from_args(args)
    try:
        progress: Progress = TextProgress() if not args.json and len(args.files) > 1 else no_progress
        report = import_statements(database, args.files, progress=progress)
    finally:
        database.dispose()
    if args.json:
        print_json(report.as_dict())
    else:
        print(report.summary())
        for warning in report.warnings:
            print(f"Предупреждение: {warning}", file=sys.stderr)
    return 0 if report.ok else 1
