"""`aktdesk books advances [--entity ИНН] [--not-offset] [--json]`: the advances received, their
счета-фактуры and what is not offset; with `--issue [--date ГГГГ-ММ-ДД]` issue the advance
счета-фактуры that are due (with their files, unless `--no-files`)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from desktop.commands.common import database_from_args, print_json, settings_from_args
from desktop.core.errors import ValidationError


def register(subparsers: Any) -> None:
    """`aktdesk books advances`, under the group of desktop/commands/books_group.py."""
    advances = subparsers.add_parser(
        "advances",
        help="авансы полученные и счета-фактуры на аванс",
        description="Поступления по счетам на предоплату (100% или 70%) юрлиц — плательщиков НДС: счёт-фактура "
        "на аванс, срок его выставления (5 календарных дней с поступления) и зачёт отгрузкой. С --issue "
        "выставляет те, что пора выставить (просроченные — последним допустимым днём).",
    )
    advances.add_argument(
        "--entity", action="append", metavar="ИНН", help="только это своё юрлицо (можно несколько)"
    )
    advances.add_argument("--not-offset", action="store_true", help="только не зачтённые отгрузкой")
    advances.add_argument(
        "--issue", action="store_true", help="выставить счета-фактуры на аванс, которые пора выставить"
    )
    advances.add_argument(
        "--date",
        metavar="ГГГГ-ММ-ДД",
        help="день выставления (по умолчанию сегодня; не позже 5 дней с поступления)",
    )
    advances.add_argument("--no-files", action="store_true", help="только документы в базе, без файлов")
    advances.add_argument("--no-pdf", action="store_true", help="не делать PDF (DOCX и XML делаются)")
    advances.add_argument("--out", type=Path, metavar="ПАПКА", help="папка для файлов (иначе из настроек)")
    advances.add_argument("--json", action="store_true", help="вывод в JSON")
    advances.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    advances.set_defaults(func=run)


def _day(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"Дата «{text}» указана неверно: нужна ГГГГ-ММ-ДД, например 2026-11-05."
        ) from None


def run(args: argparse.Namespace) -> int:
    # deferred: the models and the documents stack load only when the command runs
    from sqlalchemy import select

    # deferred: as above
    from desktop.core.books import advances as core
    from desktop.core.models import OwnEntity

    today = _day(args.date)
    database = database_from_args(args)
    try:
        with database.session() as session:
            entity_ids: tuple[int, ...] = ()
            if args.entity:
                found = dict(
                    session.execute(
                        select(OwnEntity.inn, OwnEntity.id).where(OwnEntity.inn.in_(args.entity))
                    ).all()
                )
                missing = [inn for inn in args.entity if inn not in found]
                if missing:
                    raise ValidationError(
                        f"Своё юрлицо с ИНН {', '.join(missing)} не найдено.", field="entity"
                    )
                entity_ids = tuple(found.values())
        with database.session() as session:
            chosen = (
                [r.allocation_id for r in core.advances(session, core.AdvanceFilter(entity_ids=entity_ids))]
                if entity_ids
                else None
            )
        if args.issue:
            return _issue(args, database, today, chosen)
        with database.session() as session:
            rows = core.advances(
                session, core.AdvanceFilter(entity_ids=entity_ids, not_offset_only=args.not_offset)
            )
    finally:
        database.dispose()
    if args.json:
        print_json({"date": today.isoformat(), "advances": [row.as_dict(today) for row in rows]})
        return 0
    for row in rows:
        print(_line(row, today))
    print(f"Авансов: {len(rows)}, выставить счетов-фактур: {sum(1 for r in rows if r.to_issue())}")
    return 0


def _line(row: Any, today: dt.date) -> str:
    if row.issued:
        state = f"СФ на аванс № {row.sf_number} от {row.sf_date:%d.%m.%Y}"
    elif not row.needed:
        state = f"не нужен: отгрузка {row.sale_date:%d.%m.%Y} в течение 5 дней"
    else:
        state = f"не выставлен, срок {row.due:%d.%m.%Y}" + (" — ПРОСРОЧЕН" if row.overdue(today) else "")
    offset = f"зачтён № {row.sale_number}" if row.sale_number else "не зачтён"
    return (
        f"{row.client[:30]:<30} {row.contract:<14} п/п № {row.payment_number} от {row.payment_date:%d.%m.%Y} "
        f"{row.amount:>12} счёт № {row.invoice_number}: {state}; {offset}"
    )


def _issue(args: argparse.Namespace, database: Any, today: dt.date, chosen: list[int] | None) -> int:
    from desktop.core.books.advance_run import issue_with_files  # deferred: the documents stack (files, PDF)

    settings = settings_from_args(args)
    out = None if args.no_files else (Path(args.out) if args.out else settings.effective_output_dir())
    result = issue_with_files(database, today, out, pdf=not args.no_pdf, pdf_converter=settings.pdf_converter)
    if args.json:
        print_json({"date": today.isoformat(), **result.as_dict()})
    else:
        print(f"Выставлено счетов-фактур на аванс: {len(result.document_ids)}")
        for refusal in result.refusals:
            print(refusal)
    return 1 if result.refusals else 0
