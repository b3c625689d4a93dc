"""`aktdesk close-month --period YYYY-MM [--entity INN] [--dry-run] [--no-pdf] [--out DIR] [--json]`.

A period earlier than one that already has documents of the same own entity, or a month that has
not ended, is refused (exit status 2) unless ``--allow-out-of-order`` is given."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.commands.common import (
    TextProgress,
    check_period,
    database_from_args,
    print_json,
    settings_from_args,
)
from desktop.core.errors import ValidationError
from desktop.core.jobs import CancelToken, no_progress
from desktop.core.models import DocumentKind


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("close-month", help="закрыть месяц: акты, счета, УПД по всем договорам")
    parser.add_argument("--period", required=True, metavar="ГГГГ-ММ", help="месяц оказания услуг")
    parser.add_argument(
        "--entity", action="append", metavar="ИНН", help="ИНН своего юрлица (можно несколько)"
    )
    parser.add_argument("--dry-run", action="store_true", help="только показать, что будет сделано")
    parser.add_argument("--no-pdf", action="store_true", help="не делать PDF (DOCX и XML делаются)")
    parser.add_argument("--no-files", action="store_true", help="только документы в базе, без файлов")
    parser.add_argument("--no-stamp", action="store_true", help="без печати и факсимиле")
    parser.add_argument(
        "--print-pdf",
        action="store_true",
        help="ещё один PDF на клиента («Пакет документов ГГГГ-ММ.pdf») и один на весь запуск — для печати",
    )
    parser.add_argument("--out", type=Path, metavar="ПАПКА", help="папка для файлов (иначе из настроек)")
    parser.add_argument(
        "--allow-out-of-order",
        action="store_true",
        help="закрыть, даже если у юрлица уже есть документы более позднего периода или месяц ещё не закончился",
    )
    parser.add_argument("--json", action="store_true", help="итог в JSON")
    parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    check_period(args.period)
    settings = settings_from_args(args)
    out = Path(args.out) if args.out else settings.effective_output_dir()
    database = database_from_args(args)
    files = None
    if not args.dry_run and not args.no_files:
        # deferred: the documents stack (docxtpl, lxml) loads only when files are written
        from desktop.core.closing.files import FileWriter

        # Made before the plan: LibreOffice and the rendering workers start while it is computed.
        files = FileWriter(
            database,
            out,
            pdf=not args.no_pdf,
            pdf_converter=settings.pdf_converter,
            with_stamp=not args.no_stamp,
            print_pdf=args.print_pdf,
        )
    try:
        return _close(args, database, out, files)
    finally:
        if files is not None:
            files.close()
        database.dispose()


def _close(args: argparse.Namespace, database: Any, out: Path, files: Any) -> int:
    # deferred: the ORM models and the feature stack load only when this command runs, not for --help
    from desktop.core.closing import plan as closing
    from desktop.core.models import OwnEntity

    entity_ids = None
    with database.session() as session:
        if args.entity:
            found = dict(
                session.execute(
                    select(OwnEntity.inn, OwnEntity.id).where(OwnEntity.inn.in_(args.entity))
                ).all()
            )
            missing = [inn for inn in args.entity if inn not in found]
            if missing:
                raise ValidationError(f"Своё юрлицо с ИНН {', '.join(missing)} не найдено.")
            entity_ids = list(found.values())
        progress = TextProgress() if not args.json else None
        plan = closing.plan(session, args.period, own_entity_ids=entity_ids)
    if args.dry_run:
        summary = closing.dry_run_summary(plan)
        summary["output"] = str(out)
        summary["order_warnings"] = list(plan.order_warnings)
        if args.json:
            print_json(summary)
        else:
            print_plan(plan)
        return 0
    if plan.order_warnings and not args.allow_out_of_order:
        raise ValidationError(
            f"Период {args.period} не закрыт: "
            + " ".join(plan.order_warnings)
            + " Чтобы закрыть его всё равно, добавьте --allow-out-of-order."
        )
    if files is not None:
        files.expect(plan.documents_to_issue())
    cancel = CancelToken()
    with stop_on_signals(cancel):
        result = closing.execute(
            database,
            plan,
            progress=progress or no_progress,
            cancel=cancel,
            after_contract=files.add if files else None,
        )
        if files is not None:
            files.finish(
                result, progress=progress or no_progress
            )  # the files of what was made, also when stopped
    result.output = str(out)
    if args.json:
        print_json(result.as_dict())
    else:
        print_result(result)
    if result.cancelled:
        print(
            "Прервано. Сделанное сохранено; запустите команду ещё раз, чтобы закрыть остальные договоры.",
            file=sys.stderr,
        )
        return 130
    return 1 if result.errors else 0


STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGBREAK") if hasattr(signal, name)
)


@contextlib.contextmanager
def stop_on_signals(cancel: CancelToken) -> Iterator[None]:
    """Ctrl+C, SIGTERM (Ctrl+Break on Windows): stop after the current contract; a second one at once."""

    def handler(signum: int, _frame: Any) -> None:
        if cancel.cancelled:
            raise KeyboardInterrupt  # run_command prints «Прервано.»; the next run completes the files
        cancel.cancel()
        print("\nОстанавливаюсь после текущего договора (ещё раз — остановить сразу)…", file=sys.stderr)

    previous = {sig: signal.signal(sig, handler) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def print_plan(plan: Any) -> None:
    for row in plan.rows:
        state = row.skip_reason or ", ".join(f"{d.kind} {d.period}" for d in row.to_issue) or "уже закрыт"
        print(f"{row.contract_number:<16} {row.client[:40]:<40} {row.total:>14} {state}")
        for warning in row.warnings:
            print(f"{'':<16} ! {warning}")
    print(f"К выпуску: договоров {len(plan.issuing())} из {len(plan.rows)}")
    for warning in plan.order_warnings:
        print(f"Внимание: {warning}")


def print_result(result: Any) -> None:
    docs = result.documents
    print(
        ("Прервано. Сделано до остановки — " if result.cancelled else "")
        + f"Период {result.period}: договоров {result.contracts}, актов {docs[DocumentKind.ACT]}, "
        f"счетов {docs[DocumentKind.INVOICE]}, УПД {docs[DocumentKind.UPD]}, "
        f"счетов-фактур {docs[DocumentKind.SF]}"
        + (f", УКД {docs[DocumentKind.UKD]}" if docs[DocumentKind.UKD] else "")
        + f", PDF {result.pdf}, XML {result.xml}, уже было {result.skipped_existing}"
    )
    for entity, rates in result.totals.items():
        print(f"  {entity}: " + ", ".join(f"{rate} — {amount}" for rate, amount in rates.items()))
    for error in result.errors:
        print(f"Ошибка по договору {error.contract}: {error.message}", file=sys.stderr)
    print(f"Файлы: {result.output}")
