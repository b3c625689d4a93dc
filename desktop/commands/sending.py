"""`aktdesk send`, `aktdesk remind`, `aktdesk edo export` and `aktdesk smtp test|password`: sending headless.

The mail server comes from the settings; ``AKTDESK_SMTP_URL`` (``smtp://user@host:port?security=starttls``)
overrides host, port and login, and the password still comes from the keyring.
"""

from __future__ import annotations

import argparse
import getpass
import sys
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
from desktop.config import Settings, set_secret
from desktop.core.errors import ValidationError

STATUS_RU = {"sent": "отправлено", "failed": "ОШИБКА", "skipped": "пропущено", "planned": "к отправке"}


def _database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def register(subparsers: Any) -> None:
    send = subparsers.add_parser("send", help="разослать клиентам пакеты документов за период по e-mail")
    send.add_argument("--period", required=True, metavar="ГГГГ-ММ", help="период оказания услуг")
    send.add_argument(
        "--client", action="append", metavar="ИНН", help="только этим клиентам (можно несколько)"
    )
    send.add_argument("--resend", action="store_true", help="отправить и тем, кому пакет уже отправлен")
    send.add_argument("--docx", action="store_true", help="приложить и DOCX")
    send.add_argument("--no-xml", action="store_true", help="не прикладывать XML УПД")
    send.add_argument("--dry-run", action="store_true", help="только показать письма, ничего не отправлять")
    send.add_argument("--json", action="store_true", help="итог в JSON")
    send.set_defaults(func=run_send)

    remind = subparsers.add_parser("remind", help="напомнить клиентам о неподписанных актах")
    remind.add_argument("--unsigned", action="store_true", required=True, help="о неподписанных актах и УПД")
    remind.add_argument("--period", metavar="ГГГГ-ММ", help="только акты этого периода")
    remind.add_argument("--client", action="append", metavar="ИНН", help="только этим клиентам")
    remind.add_argument("--attach-pdf", action="store_true", help="приложить PDF актов повторно")
    remind.add_argument("--resend", action="store_true", help="напомнить и тем, кому сегодня уже напоминали")
    remind.add_argument("--dry-run", action="store_true", help="только показать письма")
    remind.add_argument("--json", action="store_true", help="итог в JSON")
    remind.set_defaults(func=run_remind)

    edo = subparsers.add_parser("edo", help="УПД для оператора ЭДО")
    sub = edo.add_subparsers(dest="action", metavar="ДЕЙСТВИЕ", required=True)
    export = sub.add_parser("export", help="выгрузить XML УПД за период в папку (или ZIP на клиента)")
    export.add_argument("--period", required=True, metavar="ГГГГ-ММ")
    export.add_argument("--out", required=True, type=Path, metavar="ПАПКА")
    export.add_argument("--zip", action="store_true", help="один ZIP на клиента")
    export.add_argument("--client", action="append", metavar="ИНН", help="только этим клиентам")
    export.add_argument("--mark-sent", action="store_true", help="отметить УПД отправленными по ЭДО")
    export.add_argument("--json", action="store_true")
    export.set_defaults(func=run_edo_export)

    smtp = subparsers.add_parser("smtp", help="сервер исходящей почты")
    sub = smtp.add_subparsers(dest="action", metavar="ДЕЙСТВИЕ", required=True)
    test = sub.add_parser("test", help="отправить тестовое письмо")
    test.add_argument("--to", metavar="АДРЕС", help="кому (иначе на адрес отправителя)")
    test.set_defaults(func=run_smtp_test)
    password = sub.add_parser(
        "password", help="сохранить пароль почты в хранилище паролей (читается со стандартного ввода)"
    )
    password.set_defaults(func=run_smtp_password)
    for parser in (send, remind, export):
        _database_option(parser)


def _client_ids(session: Any, inns: list[str] | None) -> list[int] | None:
    if not inns:
        return None
    # deferred: the models are heavy, and every `aktdesk` command builds this module's parser
    from desktop.core.models import Counterparty

    found = session.execute(select(Counterparty.inn, Counterparty.id).where(Counterparty.inn.in_(inns))).all()
    missing = sorted(set(inns) - {inn for inn, _id in found})
    if missing:
        raise ValidationError(f"Клиент с ИНН {', '.join(missing)} не найден.")
    return [cid for _inn, cid in found]


def _print_report(report: Any) -> None:
    for outcome in report.outcomes:
        message = outcome.outgoing
        line = f"{STATUS_RU.get(outcome.status, outcome.status):<11} {message.client[:45]:<45}"
        if outcome.status in ("sent", "planned"):
            files = len(message.files)
            line += f" → {', '.join(message.recipients)} ({message.documents_text}; вложений {files})"
        else:
            line += f": {outcome.reason}"
        print(line, file=sys.stderr if outcome.status == "failed" else sys.stdout)
    if report.dry_run:
        planned = len(report.of("planned"))
        print(f"К отправке писем: {planned}, пропускается: {len(report.skipped)} (ничего не отправлено)")
    else:
        print(
            f"Отправлено: {len(report.sent)}, ошибок: {len(report.failed)}, пропущено: {len(report.skipped)}"
            + (" — прервано" if report.cancelled else "")
        )


def _deliver(
    args: argparse.Namespace,
    database: Any,
    messages: list[Any],
    purpose: str,
    period: str | None,
    settings: Settings,
) -> int:
    # deferred: the sending core loads the models; every `aktdesk` command builds this parser
    from desktop.core.sending.delivery import dry_run_report, send_messages

    if args.dry_run:
        report = dry_run_report(purpose, period, messages)
    else:
        config = settings.smtp_config()
        progress = TextProgress() if not args.json else None
        report = send_messages(
            database,
            messages,
            config,
            purpose=purpose,
            period=period,
            progress=progress or (lambda *_: None),
        )
    if args.json:
        print_json(report.as_dict())
    else:
        _print_report(report)
    return 1 if report.failed else (130 if report.cancelled else 0)


def run_send(args: argparse.Namespace) -> int:
    # deferred: the sending core loads the models; every `aktdesk` command builds this parser
    from desktop.core.sending.packages import PackageOptions, plan_packages

    check_period(args.period)
    settings = settings_from_args(args)
    smtp = settings.effective_smtp()
    options = PackageOptions(
        attach_docx=args.docx or smtp.attach_docx,
        attach_xml=smtp.attach_xml and not args.no_xml,
        resend=args.resend,
        sender_name=smtp.sender_name,
    )
    database = database_from_args(args)
    try:
        with database.session() as session:
            messages = plan_packages(
                session, args.period, options=options, counterparty_ids=_client_ids(session, args.client)
            )
        if not messages:
            raise ValidationError(f"За период {args.period} нет документов: сначала закройте месяц.")
        return _deliver(args, database, messages, "package", args.period, settings)
    finally:
        database.dispose()


def run_remind(args: argparse.Namespace) -> int:
    # deferred: the sending core loads the models; every `aktdesk` command builds this parser
    from desktop.core.sending.reminders import (
        ReminderOptions,
        plan_reminders,
        unsigned_act_ids,
        unsigned_filter,
    )

    check_period(args.period)
    settings = settings_from_args(args)
    smtp = settings.effective_smtp()
    options = ReminderOptions(attach_pdf=args.attach_pdf, resend=args.resend, sender_name=smtp.sender_name)
    database = database_from_args(args)
    try:
        with database.session() as session:
            ids = unsigned_act_ids(session, unsigned_filter(args.period))
            clients = _client_ids(session, args.client)
            messages = plan_reminders(session, ids, options=options, counterparty_ids=clients)
        if not messages:
            print("Неподписанных актов нет: напоминать некому.")
            return 0
        return _deliver(args, database, messages, "reminder", args.period, settings)
    finally:
        database.dispose()


def run_edo_export(args: argparse.Namespace) -> int:
    # deferred: edo loads the models, lxml and the document forms
    from desktop.core.sending.edo import export_edo

    check_period(args.period)
    database = database_from_args(args)
    try:
        with database.session() as session:
            clients = _client_ids(session, args.client)
        report = export_edo(
            database,
            args.period,
            args.out,
            as_zip=args.zip,
            mark_sent=args.mark_sent,
            counterparty_ids=clients,
            progress=TextProgress() if not args.json else (lambda *_: None),
        )
    finally:
        database.dispose()
    if args.json:
        print_json(report.as_dict())
    else:
        for item in report.clients:
            if item.error:
                print(f"ОШИБКА {item.client}: {item.error}", file=sys.stderr)
                continue
            mark = " (отмечено: отправлено по ЭДО)" if item.marked else ""
            print(f"{item.client}: файлов {len(item.files)} → {item.output}{mark}")
            for warning in item.warnings:
                print(f"  ! {warning}")
        print(
            f"Выгружено файлов УПД: {report.files}, клиентов: {len(report.clients)}; папка: {report.out_dir}"
        )
    if not report.clients:
        print(f"За период {args.period} нет УПД.", file=sys.stderr)
    return 1 if report.errors else 0


def run_smtp_test(args: argparse.Namespace) -> int:
    # deferred: the sending core loads the models; every `aktdesk` command builds this parser
    from desktop.core.sending.delivery import send_test_message

    config = settings_from_args(args).smtp_config()
    reply = send_test_message(config, args.to)
    print(f"Тестовое письмо отправлено ({config.address}): {reply}")
    return 0


def run_smtp_password(args: argparse.Namespace) -> int:
    smtp = settings_from_args(args).effective_smtp()
    if not smtp.login:
        raise ValidationError("В настройках почты не указан логин: пароль не нужен.")
    if sys.stdin.isatty():
        secret = getpass.getpass(f"Пароль для {smtp.login} на {smtp.host}:{smtp.port}: ")
    else:
        secret = sys.stdin.readline().rstrip("\r\n")
    if not secret:
        raise ValidationError("Пустой пароль не сохранён.")
    from keyring.errors import KeyringError  # deferred: keyring loads its backends

    try:
        set_secret(smtp.keyring_user(), secret)
    except KeyringError as error:
        raise ValidationError(f"Хранилище паролей системы недоступно, пароль не сохранён: {error}") from error
    print(f"Пароль для {smtp.login} на {smtp.host}:{smtp.port} сохранён в хранилище паролей.")
    return 0
