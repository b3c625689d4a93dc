"""`aktdesk books …`: the tax books; each subcommand registers itself from its own module."""

from __future__ import annotations

import importlib
from typing import Any

# Each module exposes register(subparsers) for its `aktdesk books <name>`.
BOOK_MODULES = ("desktop.commands.sales_ledger", "desktop.commands.book_advances")


def register(subparsers: Any) -> None:
    books = subparsers.add_parser("books", help="налоговые книги: книга продаж, авансы полученные")
    sub = books.add_subparsers(dest="action", metavar="КНИГА", required=True)
    for name in BOOK_MODULES:
        importlib.import_module(name).register(sub)
