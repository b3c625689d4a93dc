"""`aktdesk scans attach|retry|check|inbox`: signed scans on the shared folder, headless.

``inbox PATH...`` files a folder or a multi-page scan of signed acts act by act by their QR codes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands.common import TextProgress, database_from_args, print_json, settings_from_args
from desktop.core.errors import ValidationError
from desktop.core.jobs import no_progress


def register(subparsers: Any) -> None:
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
    add_inbox_parser(sub)


def add_inbox_parser(sub: Any) -> None:
    """Adds ``inbox`` to the ``aktdesk scans`` actions."""
    inbox = sub.add_parser(
        "inbox",
        help="разобрать папку или многостраничный скан: каждый акт по его QR-коду — к своему документу",
    )
    inbox.add_argument("paths", nargs="+", type=Path, metavar="ПУТЬ", help="папка со сканами или файлы")
    inbox.add_argument("--json", action="store_true")
    inbox.add_argument(
        "--act",
        metavar="НОМЕР",
        help="вручную: прикрепить страницы --pages одного файла к акту (или УПД) с этим номером",
    )
    inbox.add_argument("--pages", metavar="1,3-4", help="номера страниц файла для --act")
    inbox.add_argument("--entity", metavar="ИНН", help="ИНН своего юрлица, если номер не уникален")
    inbox.add_argument("--year", type=int, metavar="ГГГГ", help="год документа, если номер не уникален")
    inbox.add_argument(
        "--kind", choices=("act", "upd"), help="акт или УПД, если у них один номер (по умолчанию акт)"
    )
    inbox.add_argument(
        "--force",
        action="store_true",
        help="с --act: прикрепить, даже если QR-код на странице называет другой акт или УПД",
    )
    inbox.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    inbox.set_defaults(func=run_inbox_command)


def _pages(pages: list[Any]) -> str:
    first, last = pages[0], pages[-1]
    if first.source == last.source:
        numbers = ", ".join(str(p.index + 1) for p in pages)
        return f"{first.source.name}, стр. {numbers}"
    return "; ".join(p.label for p in pages)


def _page_numbers(text: str, count: int, name: str) -> list[int]:
    """«1,3-4» → [0, 2, 3] (0-based), each checked against the file's page count."""
    indexes: list[int] = []
    for part in text.replace(" ", "").split(","):
        first, _, last = part.partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            raise ValidationError(f"--pages «{text}»: ожидаются номера страниц, например 1,3-4.")
        for number in range(int(first), int(last or first) + 1):
            if not 1 <= number <= count:
                raise ValidationError(f"В файле «{name}» нет страницы {number} (всего страниц: {count}).")
            indexes.append(number - 1)
    return indexes


def run_assign(args: argparse.Namespace) -> int:
    """``--act NUMBER --pages LIST FILE``: unrecognised pages filed by hand, as the window does."""
    # deferred: the models and the inbox load only when the command runs, not for `aktdesk --help`
    from desktop.core.registry.lookup import find_document
    from desktop.core.scans.files import inspect_file, page_count
    from desktop.core.scans.inbox import ForeignScanError, PageRef, assign_pages

    if len(args.paths) != 1 or not args.pages:
        raise ValidationError("С --act укажите один файл и его страницы: --pages 1,3-4.")
    store = settings_from_args(args).scan_store()
    source = args.paths[0]
    kind = inspect_file(source, store.max_bytes).kind
    count = page_count(source, kind)
    pages = [PageRef(source, i, kind, count) for i in _page_numbers(args.pages, count, source.name)]
    database = database_from_args(args)
    try:
        with database.session() as session:
            document_id = find_document(
                session, args.act, kind=args.kind, entity_inn=args.entity, year=args.year
            ).id
        try:
            filed = assign_pages(database, store, document_id, pages, force=args.force)
        except ForeignScanError as error:
            raise ValidationError(
                f"{error.message}\nЕсли страницы всё же этого документа, повторите с --force."
            ) from error
    finally:
        database.dispose()
    if filed.status == "stored":
        print(f"{filed.title} ← {_pages(filed.pages)}: Сохранено: {filed.path}")
    elif filed.status == "duplicate":
        print(f"{filed.title} ← {_pages(filed.pages)}: Уже прикреплён")
    else:
        print(filed.message, file=sys.stderr)
        return 3
    return 0


def run_inbox_command(args: argparse.Namespace) -> int:
    """Exit status: 0 every page filed (or already attached); 1 a file or page not filed (an error
    or an unrecognised page, named with the reason); 3 scans queued because the share is down."""
    from desktop.core.scans.inbox import run_inbox  # deferred: the models and the inbox load only when run

    if args.act:
        return run_assign(args)
    store = settings_from_args(args).scan_store()
    database = database_from_args(args)
    try:
        report = run_inbox(database, store, args.paths, no_progress if args.json else TextProgress())
    finally:
        database.dispose()
    if args.json:
        print_json(report.as_dict())
    else:
        print(f"Страниц: {report.pages}")
        for filed in report.filed:
            what = {
                "stored": f"Сохранено: {filed.path}",
                "pending": "В очереди (общая папка недоступна)",
                "duplicate": "Уже прикреплён",
            }[filed.status]
            print(f"{filed.title} ← {_pages(filed.pages)}: {what}")
    for page in report.unrecognised:
        print(f"Не распознана: {page.page.label} — {page.reason}", file=sys.stderr)
    for error in report.errors:
        where = f"{Path(error.file).name}" + (f", стр. {error.page}" if error.page else "")
        print(f"Ошибка: {where} — {error.message}", file=sys.stderr)
    if report.unrecognised:
        print(
            "Нераспознанные страницы не сохранены: назначьте их акту вручную — "
            "«Реестр актов» → «Разобрать сканы…» или aktdesk scans inbox ФАЙЛ --pages 1,2 --act НОМЕР.",
            file=sys.stderr,
        )
    if report.errors or report.unrecognised:
        return 1
    if report.with_status("pending"):
        print(report.message, file=sys.stderr)
        return 3
    return 0


def run_attach(args: argparse.Namespace) -> int:
    # deferred: the models and the inbox load only when the command runs, not for `aktdesk --help`
    from desktop.core.registry import scans as registry_scans
    from desktop.core.registry.lookup import find_document
    from desktop.core.scans.inbox import ForeignScanError, check_named

    store = settings_from_args(args).scan_store()
    database = database_from_args(args)
    with database.transaction() as session:
        document = find_document(session, args.act, kind=args.kind, entity_inn=args.entity, year=args.year)
        if not args.force:
            try:
                check_named(session, document, args.files, store.max_bytes)
            except ForeignScanError as error:
                raise ValidationError(
                    f"{error.message}\nЕсли скан всё же этого документа, повторите с --force."
                ) from error
        result = registry_scans.attach(session, store, document, args.files)
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
    from desktop.core.scans.store import share_problem  # deferred: the models load only when the command runs

    store = settings_from_args(args).scan_store()
    database = database_from_args(args)
    with database.transaction() as session:
        stored, pending = store.retry_outbox(session)
    database.dispose()
    print(f"Отправлено на общую папку: {stored}; осталось в очереди: {pending}")
    if pending:
        print(share_problem(store.share_root) or "Часть файлов не удалось записать.", file=sys.stderr)
        return 3
    return 0


def run_check(args: argparse.Namespace) -> int:
    # deferred: the models load only when the command runs, not for `aktdesk --help`
    from desktop.core.scans.store import check_share, share_problem

    store = settings_from_args(args).scan_store()
    problem = share_problem(store.share_root)
    if problem:
        raise ValidationError(problem)
    assert store.share_root is not None  # share_problem() says when it is not set
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
