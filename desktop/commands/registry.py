"""`aktdesk registry export`: the acts registry headless (its scans are `aktdesk scans`, commands/scans.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.commands.common import check_period, database_from_args


def register(subparsers: Any) -> None:
    registry = subparsers.add_parser("registry", help="реестр актов")
    sub = registry.add_subparsers(dest="action", metavar="ДЕЙСТВИЕ", required=True)
    export = sub.add_parser("export", help="выгрузить строки реестра в .xlsx/.csv")
    export.add_argument("--unsigned", action="store_true", help="только неподписанные акты и УПД")
    export.add_argument("--unpaid", action="store_true", help="только неоплаченные счета")
    export.add_argument("--period", metavar="ГГГГ-ММ", help="период оказания услуг")
    export.add_argument("--out", type=Path, required=True, metavar="ФАЙЛ.xlsx")
    export.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    export.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    # deferred: the models and the registry's queries load only when the command runs, not for `aktdesk --help`
    from desktop.core.common.exports import export_rows
    from desktop.core.models import SIGNABLE_KINDS, DocumentKind
    from desktop.core.registry.queries import EXPORT_COLUMNS, RegistryFilter, filtered_ids
    from desktop.core.registry.queries import export_rows as registry_rows

    check_period(args.period)
    flt = RegistryFilter(period_from=args.period, period_to=args.period)
    if args.unsigned:
        flt.kinds, flt.signed = list[str](SIGNABLE_KINDS), False
    if args.unpaid:
        payable = [DocumentKind.INVOICE, DocumentKind.UPD]
        flt.kinds, flt.paid = list[str](payable) if not args.unsigned else flt.kinds, "not_paid"
    database = database_from_args(args)
    with database.session() as session:
        ids = filtered_ids(session, flt, "client", False)
        rows = registry_rows(session, ids)
    count = export_rows(args.out, EXPORT_COLUMNS, rows, sheet_title="Реестр")
    database.dispose()
    print(f"Выгружено строк: {count} → {args.out}")
    return 0
