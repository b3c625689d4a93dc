"""`aktdesk import counterparties|contracts FILE [--json]` and `--template FILE.xlsx`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands.common import TextProgress, database_from_args, print_json


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("import", help="импорт контрагентов и договоров из .xlsx/.csv")
    kinds = parser.add_subparsers(dest="what", metavar="ЧТО", required=True)
    for name, help_text in (
        ("counterparties", "контрагенты"),
        ("contracts", "договоры"),
        ("work-orders", "заказ-наряды"),
    ):
        sub = kinds.add_parser(name, help=help_text)
        sub.add_argument("file", nargs="?", type=Path, metavar="ФАЙЛ", help="файл .xlsx или .csv")
        sub.add_argument("--json", action="store_true", help="итог в JSON")
        sub.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        if name == "counterparties":
            sub.add_argument(
                "--template", type=Path, metavar="ФАЙЛ.xlsx", help="записать пустой шаблон с заголовками"
            )
        sub.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # deferred: the ORM models and the feature stack load only when this command runs, not for --help
    from desktop.core.contracts.importing import (
        import_contracts,
        import_counterparties,
        import_work_orders,
        write_counterparty_template,
    )

    if getattr(args, "template", None):
        path = write_counterparty_template(args.template)
        print(f"Шаблон записан: {path}")
        return 0
    if args.file is None:
        print("Ошибка: укажите файл для импорта.", file=sys.stderr)
        return 2
    importer = {
        "counterparties": import_counterparties,
        "contracts": import_contracts,
        "work-orders": import_work_orders,
    }[args.what]
    database = database_from_args(args)
    progress = TextProgress() if not args.json else None
    with database.transaction() as session:
        result = importer(session, args.file, progress=progress) if progress else importer(session, args.file)
    database.dispose()
    if args.json:
        print_json(result.as_dict())
    else:
        print(f"Импортировано строк: {result.imported}, отклонено: {result.rejected}")
        for warning in result.warnings:
            print(f"Внимание: {warning}")
        for error in result.errors:
            print(f"  строка {error.row}, столбец «{error.column}»: {error.message}")
    return 0 if result.rejected == 0 else 1
