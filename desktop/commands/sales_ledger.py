"""`aktdesk books sales-ledger`: the quarter's книга продаж of one or all own entities as an .xlsx."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from desktop.commands.common import TextProgress, database_from_args
from desktop.core.errors import ValidationError

QUARTER = re.compile(r"^\d{4}-Q[1-4]$")


def register(subparsers: Any) -> None:
    ledger = subparsers.add_parser(
        "sales-ledger",
        help="книга продаж за квартал (файл .xlsx)",
        description="Книга продаж квартала по форме приложения 5 к постановлению № 1137 (редакция 2026 года): "
        "счета-фактуры на реализацию, УПД со статусом 1, счета-фактуры на аванс и корректировочные "
        "на увеличение — по одной строке, итоги по ставкам. Запись файла отмечается как печать книги.",
    )
    ledger.add_argument("--quarter", required=True, metavar="«ГГГГ-Qn»", help="квартал, например «2026-Q4»")
    ledger.add_argument(
        "--entity", metavar="ИНН", help="только это своё юрлицо (иначе все — по листу на юрлицо)"
    )
    ledger.add_argument("--out", required=True, type=Path, metavar="ФАЙЛ.xlsx", help="куда записать книгу")
    ledger.add_argument("--json", action="store_true", help="итог в JSON последней строкой")
    ledger.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    ledger.set_defaults(func=run_sales_ledger)


def run_sales_ledger(args: argparse.Namespace) -> int:
    if not QUARTER.match(args.quarter):
        raise ValidationError(
            f"--quarter «{args.quarter}»: ожидается квартал ГГГГ-Qn, где n от 1 до 4, например 2026-Q4.",
            field="quarter",
        )
    if args.out.suffix.lower() != ".xlsx":
        raise ValidationError(f"--out «{args.out}»: книга продаж пишется в файл .xlsx.", field="out")
    # deferred: the books load the models and openpyxl only when the command runs, not for `aktdesk --help`
    from desktop.core.books.sales_ledger_operations import save_sales_ledger

    database = database_from_args(args)
    try:
        summary, report = save_sales_ledger(
            database, args.quarter, [args.entity] if args.entity else [], args.out, TextProgress()
        )
    except ValidationError as error:
        if error.field == "entity" and args.entity:
            raise ValidationError(f"--entity {args.entity}: {error.message}", field="entity") from error
        raise
    finally:
        database.dispose()
    for ledger, check in zip(report.ledgers, report.checks, strict=True):
        print(f"{ledger.seller} (ИНН {ledger.inn}): строк {len(ledger.rows)}")
        for finding in check.findings:
            print(f"  {finding.text}")
    for rate, amounts in summary.totals.items():
        print(f"{rate}: без НДС {amounts['net']}, НДС {amounts['vat']}")
    print(f"Книга продаж за {report.quarter.title}: строк {summary.rows} → {summary.path}")
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))  # one line: the last line is the JSON
    return 0
