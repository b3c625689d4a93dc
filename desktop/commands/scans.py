"""`aktdesk scans inbox PATH...`: a folder or multi-page scan of signed acts, filed act by act by their QR."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands.common import TextProgress, database_from_args, print_json, settings_from_args


def add_parser(sub: Any) -> None:
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
    from desktop.core.errors import ValidationError

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
    from desktop.commands.registry import _find_document
    from desktop.core.errors import ValidationError
    from desktop.core.scans.inbox import ForeignScanError, PageRef, assign_pages, page_count
    from desktop.core.scans.store import inspect_file

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
            document_id = _find_document(session, args).id
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
    from desktop.core.jobs import no_progress
    from desktop.core.scans.inbox import run_inbox

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
