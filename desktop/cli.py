"""`aktdesk`: with no command it opens the window; subcommands run headless on the same core code."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.commands import russian_argparse
from desktop.commands.common import run_command

# Each module exposes register(subparsers); its parser sets `func(args) -> int`.
COMMAND_MODULES = (
    "desktop.commands.demo",
    "desktop.commands.migrate",
    "desktop.commands.importing",
    "desktop.commands.registry",
    "desktop.commands.scans",
    "desktop.commands.close_month",
    "desktop.commands.forms",
    "desktop.commands.sending",
    "desktop.commands.requests",
    "desktop.commands.docs_request",
    "desktop.commands.bank",
    "desktop.commands.users",
    "desktop.commands.books",
    "desktop.commands.books_group",
)


def build_parser() -> argparse.ArgumentParser:
    russian_argparse.install()  # argparse's own texts («usage:», «options:», errors) in Russian
    parser = argparse.ArgumentParser(
        prog="aktdesk",
        description="AktDesk: закрытие месяца, реестр актов и платежи. Без команды открывает окно программы.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"AktDesk {__version__}",
        help="показать версию программы и выйти",
    )
    database = parser.add_mutually_exclusive_group()
    database.add_argument(
        "--database",
        metavar="URL",
        help="SQLAlchemy URL базы данных (иначе из настроек или AKTDESK_DATABASE_URL)",
    )
    database.add_argument(
        "--demo",
        action="store_true",
        help="встроенная демо-база SQLite (заполняется при первом запуске окна) с собственной папкой "
        "документов <папка данных>/demo/Документы; с командой — выполнить команду на демо-базе",
    )
    parser.add_argument("--lang", choices=("ru", "en"), help="язык интерфейса")
    subparsers = parser.add_subparsers(dest="command", metavar="КОМАНДА", title="команды")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        # deferred: PySide6 and the window load only when no command is given
        from desktop.ui.app import run_gui

        return run_gui(database=args.database, demo=args.demo, language=args.lang)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
