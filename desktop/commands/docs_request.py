"""`aktdesk docs-request …`: document requests from the command line, as the connected user.

- `docs-request create FILE.json [--send] [--out DIR] [--no-pdf] [--json]`: a draft from the file
  (its format: ``desktop.core.doc_requests.files_json``); with ``--send`` it is sent at once, and a
  standard one comes back «Готово» with its contract and invoice files; exit status 2 with every
  missing or wrong field named when it cannot be saved or sent (the draft then stays, unsent);
- `docs-request send ID`, `take ID`, `reject ID --reason TEXT`, `ready ID`: the steps;
- `docs-request list [--state S] [--mine] [--json]`: the requests;
- `docs-request show ID --json`: one request, its history and the documents made with their files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands.common import database_from_args, print_json, settings_from_args

STATES = ("draft", "sent", "in_work", "ready", "rejected", "closed")
LOGIN_HELP = (
    "только для однопользовательской базы SQLite: от чьего имени (по умолчанию — логин в системе); "
    "на PostgreSQL пользователь — логин подключения к базе"
)


def _common(parser: argparse.ArgumentParser, *, json_help: str) -> None:
    parser.add_argument("--login", metavar="ЛОГИН", help=LOGIN_HELP)
    parser.add_argument("--json", action="store_true", help=json_help)
    parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def _id(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "id", type=int, metavar="ID", help="номер запроса: первая колонка «docs-request list»"
    )


def register(subparsers: Any) -> None:
    requests = subparsers.add_parser("docs-request", help="запросы документов")
    sub = requests.add_subparsers(dest="action", metavar="ДЕЙСТВИЕ", required=True)

    create = sub.add_parser("create", help="создать запрос из файла JSON")
    create.add_argument("file", type=Path, metavar="ФАЙЛ.json")
    create.add_argument("--send", action="store_true", help="и сразу отправить")
    _files(create)
    _common(create, json_help="запрос после создания в JSON")
    create.set_defaults(func=run_create)

    listing = sub.add_parser("list", help="список запросов")
    listing.add_argument("--state", choices=STATES, help="только в этом состоянии")
    listing.add_argument("--mine", action="store_true", help="только мои")
    _common(listing, json_help="список в JSON")
    listing.set_defaults(func=run_list)

    show = sub.add_parser("show", help="запрос, его история и сделанные документы")
    _id(show)
    _common(show, json_help="в JSON")
    show.set_defaults(func=run_show)

    send = sub.add_parser("send", help="отправить черновик")
    _id(send)
    _files(send)
    _common(send, json_help="запрос после шага в JSON")
    send.set_defaults(func=run_step, step="send")
    for action, title in (("take", "взять в работу"), ("ready", "отметить «Готово»")):
        step = sub.add_parser(action, help=title)
        _id(step)
        _common(step, json_help="запрос после шага в JSON")
        step.set_defaults(func=run_step, step=action)
    reject = sub.add_parser("reject", help="отклонить с причиной")
    _id(reject)
    reject.add_argument("--reason", required=True, metavar="ТЕКСТ", help="причина — её увидит автор")
    _common(reject, json_help="запрос после шага в JSON")
    reject.set_defaults(func=run_step, step="reject")


def _files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, metavar="ПАПКА", help="куда класть документы (по умолчанию — из настроек)"
    )
    parser.add_argument("--no-pdf", action="store_true", help="только DOCX, без PDF")


def _out(args: argparse.Namespace) -> tuple[Path, str | None]:
    settings = settings_from_args(args)
    out = args.out if args.out is not None else settings.effective_output_dir()
    return Path(out), None if args.no_pdf else settings.pdf_converter


def _print_request(data: dict[str, Any]) -> None:
    client = (data.get("client") or {}).get("name", "")
    print(f"Запрос № {data['id']} ({client}): {data['state_title']}")
    if data.get("number_pending"):
        print("  Номер договора ждёт утверждения бухгалтером.")
    if data.get("reject_reason"):
        print(f"  Причина отклонения: {data['reject_reason']}")
    for row in data["made"]:
        print(f"  {row['title']}: {row['file']}")


def _show(database: Any, request_id: int) -> dict[str, Any]:
    # deferred: the feature stack loads only when this command runs, not for --help
    from desktop.core.doc_requests import files_json, operations

    return files_json.as_json(operations.load(database, request_id))


def _report(args: argparse.Namespace, shown: dict[str, Any], problem: str) -> int:
    if args.json:
        print_json(shown)
    else:
        _print_request(shown)
    if problem:
        print(f"Документы не сформированы автоматически: {problem}. Запрос ждёт бухгалтера.", file=sys.stderr)
    return 0


def run_create(args: argparse.Namespace) -> int:
    # deferred: the feature stack loads only when this command runs, not for --help
    from desktop.core.doc_requests import files_json, operations, workflow

    database = database_from_args(args)
    try:
        data = files_json.read(args.file)
        with database.transaction() as session:
            request = workflow.save_draft(session, files_json.parse(session, data))
            request_id = request.id
        problem = ""
        if args.send:
            out, converter = _out(args)
            sent = operations.send(database, request_id, out, pdf_converter=converter)
            problem = sent.problem
        shown = _show(database, request_id)
    finally:
        database.dispose()
    return _report(args, shown, problem)


def run_step(args: argparse.Namespace) -> int:
    # deferred: the feature stack loads only when this command runs, not for --help
    from desktop.core.doc_requests import operations

    database = database_from_args(args)
    problem = ""
    try:
        if args.step == "send":
            out, converter = _out(args)
            problem = operations.send(database, args.id, out, pdf_converter=converter).problem
        elif args.step == "take":
            operations.take(database, args.id)
        elif args.step == "ready":
            operations.complete(database, args.id)
        else:
            operations.reject(database, args.id, args.reason)
        shown = _show(database, args.id)
    finally:
        database.dispose()
    return _report(args, shown, problem)


def run_list(args: argparse.Namespace) -> int:
    # deferred: the feature stack loads only when this command runs, not for --help
    from desktop.core.doc_requests import operations, queries

    database = database_from_args(args)
    try:
        rows = operations.list_rows(
            database, queries.MINE if args.mine else queries.ALL, database.acting(), state=args.state
        )
    finally:
        database.dispose()
    if args.json:
        print_json([row.as_dict() for row in rows])
        return 0
    if not rows:
        print("Запросов нет.")
        return 0
    for row in rows:
        waits = f"; {row.waiting}" if row.waiting else ""
        print(
            f"{row.id:>5}  {row.created_at:%d.%m.%Y}  {row.state_title:<10} {row.client} — {row.wanted}{waits}"
        )
    return 0


def run_show(args: argparse.Namespace) -> int:
    database = database_from_args(args)
    try:
        shown = _show(database, args.id)
    finally:
        database.dispose()
    if args.json:
        print_json(shown)
    else:
        _print_request(shown)
        for event in shown["history"]:
            print(
                f"  {event['at']:%d.%m.%Y %H:%M} {event['login']}: {event['from'] or ''} → {event['to'] or ''} {event['comment']}"
            )
    return 0
