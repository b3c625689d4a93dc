"""`aktdesk forms check [FILE…]`: check print forms for unknown placeholders, syntax errors and broken pictures."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    forms = subparsers.add_parser("forms", help="печатные формы (DOCX)")
    sub = forms.add_subparsers(dest="action", metavar="ДЕЙСТВИЕ", required=True)
    check = sub.add_parser(
        "check",
        help="проверить печатные формы: неизвестные поля, ошибки в условиях, картинки",
        description="Без ФАЙЛ проверяются все формы из папки forms. Код выхода 1, если найдены ошибки.",
    )
    check.add_argument("files", nargs="*", type=Path, metavar="ФАЙЛ", help="файл формы .docx")
    check.add_argument(
        "--kind",
        choices=["act", "invoice", "upd", "detail", "contract"],
        help="какая это форма, если по имени файла не понять (оно начинается с «act», «invoice», «upd», «detail» или «contract»)",
    )
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    # deferred: the documents stack (docxtpl, jinja2, lxml) loads only when this command runs, not for --help
    from desktop.core.documents.formcheck import check_forms, check_template

    results = {path: check_template(path, args.kind) for path in args.files} if args.files else check_forms()
    bad = 0
    for path, problems in results.items():
        if not problems:
            print(f"{path.name}: ошибок нет")
            continue
        bad += 1
        print(f"{path.name}: ошибок — {len(problems)}", file=sys.stderr)
        for problem in problems:
            print(f"  • {problem.message}", file=sys.stderr)
    return 1 if bad else 0
