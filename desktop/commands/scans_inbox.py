"""`aktdesk scans inbox PATH...`: a folder or multi-page scan of signed acts, filed act by act by their QR."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands.common import TextProgress, database_from_args, print_json
from desktop.config import load_settings


def add_parser(sub: Any) -> None:
    """Adds ``inbox`` to the ``aktdesk scans`` actions."""
    inbox = sub.add_parser(
        "inbox",
        help="разобрать папку или многостраничный скан: каждый акт по его QR-коду — к своему документу",
    )
    inbox.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="папка со сканами или файлы")
    inbox.add_argument("--json", action="store_true")
    inbox.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    inbox.set_defaults(func=run_inbox_command)


def _pages(pages: list[Any]) -> str:
    first, last = pages[0], pages[-1]
    if first.source == last.source:
        numbers = ", ".join(str(p.index + 1) for p in pages)
        return f"{first.source.name}, стр. {numbers}"
    return "; ".join(p.label for p in pages)


def run_inbox_command(args: argparse.Namespace) -> int:
    """Exit status: 0 every page filed (or already attached); 1 a file or page not filed (an error
    or an unrecognised page, named with the reason); 3 scans queued because the share is down."""
    from desktop.core.jobs import no_progress
    from desktop.core.scan_inbox import run_inbox

    store = load_settings().scan_store()
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
            "Нераспознанные страницы не сохранены: назначьте их акту вручную "
            "(«Реестр актов» → «Разобрать сканы…»).",
            file=sys.stderr,
        )
    if report.errors or report.unrecognised:
        return 1
    if report.with_status("pending"):
        print(report.message, file=sys.stderr)
        return 3
    return 0
