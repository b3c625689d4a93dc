"""`aktdesk export 1c`: a month's sales, invoices and receipts as one EnterpriseData file for 1С:Бухгалтерия."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.commands.common import check_period, database_from_args, print_json

FORMATS = ("1.20", "1.21")  # desktop.core.books.enterprisedata.FORMATS, not imported: --help stays light


def register(subparsers: Any) -> None:
    export = subparsers.add_parser("export", help="выгрузка данных в учётную программу")
    sub = export.add_subparsers(dest="action", metavar="КУДА", required=True)
    one_c = sub.add_parser(
        "1c",
        help="выгрузить месяц в 1С:Бухгалтерию одним файлом обмена EnterpriseData",
        description="Организации, контрагенты, договоры, услуги, реализации (акты и УПД), счета-фактуры, "
        "счета покупателям и поступления на расчётный счёт за месяц — одним сообщением EnterpriseData. "
        "Повторная выгрузка того же месяца обновляет объекты в 1С, а не дублирует их.",
    )
    one_c.add_argument("--period", required=True, metavar="ГГГГ-ММ", help="месяц по дате документов")
    one_c.add_argument(
        "--entity", action="append", metavar="ИНН", help="только это своё юрлицо (можно несколько; иначе все)"
    )
    one_c.add_argument(
        "--format", choices=FORMATS, default="1.21", help="версия формата EnterpriseData (по умолчанию 1.21)"
    )
    one_c.add_argument("--out", required=True, type=Path, metavar="ФАЙЛ.xml", help="куда записать файл")
    one_c.add_argument("--json", action="store_true", help="итог в JSON")
    one_c.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    one_c.set_defaults(func=run_export_1c)


def run_export_1c(args: argparse.Namespace) -> int:
    # deferred: the books load the models and lxml only when the command runs, not for `aktdesk --help`
    from desktop.core.books.operations import export_1c

    check_period(args.period)
    database = database_from_args(args)
    try:
        summary = export_1c(database, args.period, args.entity or [], args.format, args.out)
    finally:
        database.dispose()
    if args.json:
        print_json(summary.as_dict())
    else:
        for name, count in summary.counts.items():
            print(f"{name}: {count}")
        print(f"Выгружено объектов: {summary.total} (EnterpriseData {summary.format}) → {summary.path}")
    return 0
