"""`aktdesk registry export` and `aktdesk scans attach|retry|check|inbox`: the acts registry headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands.common import check_period, database_from_args, print_json, settings_from_args
from desktop.core.errors import ValidationError


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

    scans = subparsers.add_parser("scans", help="подписанные сканы на общей папке")
    sub = scans.add_subparsers(dest="action", metavar="ДЕЙСТВИЕ", required=True)
    attach = sub.add_parser("attach", help="прикрепить скан к акту")
    attach.add_argument("--act", required=True, metavar="НОМЕР", help="номер акта (или УПД)")
    attach.add_argument("--entity", metavar="ИНН", help="ИНН своего юрлица, если номер не уникален")
    attach.add_argument("--year", type=int, metavar="ГГГГ", help="год документа, если номер не уникален")
    attach.add_argument(
        "--kind", choices=("act", "upd"), help="акт или УПД, если у них один номер (по умолчанию акт)"
    )
    attach.add_argument(
        "--force",
        action="store_true",
        help="прикрепить, даже если QR-код на странице называет другой акт или УПД",
    )
    attach.add_argument("files", nargs="+", type=Path, metavar="ФАЙЛ")
    attach.set_defaults(func=run_attach)
    retry = sub.add_parser("retry", help="отправить сканы из локальной очереди на общую папку")
    retry.set_defaults(func=run_retry)
    check = sub.add_parser("check", help="сверить записанные сканы с файлами на общей папке")
    check.add_argument("--json", action="store_true")
    check.set_defaults(func=run_check)
    for parser in (attach, retry, check):
        parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    from desktop.commands.scans import add_parser as add_inbox

    add_inbox(sub)


def run_export(args: argparse.Namespace) -> int:
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


def _find_document(session: Any, args: argparse.Namespace) -> Any:
    from sqlalchemy import select

    from desktop.core.models import SIGNABLE_KINDS, Document, DocumentKind, OwnEntity

    # Acts and UPDs are numbered separately: «АС-1» may be both; --kind says which (the act by default).
    kinds = (DocumentKind(args.kind),) if getattr(args, "kind", None) else SIGNABLE_KINDS
    stmt = select(Document).where(
        Document.number == args.act, Document.kind.in_(kinds), Document.current.is_(True)
    )
    if args.entity:
        stmt = stmt.join(OwnEntity, OwnEntity.id == Document.own_entity_id).where(
            OwnEntity.inn == args.entity
        )
    if args.year:
        stmt = stmt.where(Document.year == args.year)
    found = list(session.scalars(stmt))
    if not found:
        raise ValidationError(f"Акт № {args.act} не найден.")
    acts = [d for d in found if d.kind == DocumentKind.ACT]
    if acts and len(acts) < len(found):  # an act and a UPD share the number: the act, unless --kind upd
        found = acts
    if len(found) > 1:
        raise ValidationError(
            f"Документов № {args.act} несколько ({len(found)}): уточните --entity ИНН юрлица, --year и/или --kind."
        )
    return found[0]


def run_attach(args: argparse.Namespace) -> int:
    store = settings_from_args(args).scan_store()
    database = database_from_args(args)
    with database.transaction() as session:
        document = _find_document(session, args)
        if not args.force:
            from desktop.core.scans.inbox import ForeignScanError, check_named

            try:
                check_named(session, document, args.files, store.max_bytes)
            except ForeignScanError as error:
                raise ValidationError(
                    f"{error.message}\nЕсли скан всё же этого документа, повторите с --force."
                ) from error
        result = store.attach(session, document, args.files)
    database.dispose()
    for path in result.stored:
        print(f"Сохранено: {path}")
    for name in result.duplicates:
        print(f"Уже прикреплён: {name}")
    if result.pending:
        print(result.message, file=sys.stderr)
        return 3
    return 0


def run_retry(args: argparse.Namespace) -> int:
    store = settings_from_args(args).scan_store()
    database = database_from_args(args)
    with database.transaction() as session:
        stored, pending = store.retry_outbox(session)
    database.dispose()
    print(f"Отправлено на общую папку: {stored}; осталось в очереди: {pending}")
    if pending:
        from desktop.core.scans.store import share_problem

        print(share_problem(store.share_root) or "Часть файлов не удалось записать.", file=sys.stderr)
        return 3
    return 0


def run_check(args: argparse.Namespace) -> int:
    from desktop.core.scans.store import check_share, share_problem

    store = settings_from_args(args).scan_store()
    problem = share_problem(store.share_root)
    if problem:
        raise ValidationError(problem)
    database = database_from_args(args)
    with database.session() as session:
        report = check_share(session, store.share_root, store.folders())
    database.dispose()
    if args.json:
        print_json(report.as_dict())
    else:
        print(f"Проверено сканов: {report.checked}")
        for title, items in (
            ("Нет файла", report.missing),
            ("Изменён", report.changed),
            ("Лишний файл", report.orphans),
        ):
            for item in items:
                print(f"{title}: {item}")
    return 0 if not (report.missing or report.changed) else 1
