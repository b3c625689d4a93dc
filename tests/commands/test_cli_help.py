"""`--help` of every command, and argparse's own messages, are Russian."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from desktop.cli import build_parser

# Names that are not English prose: formats, protocols, products, placeholders in the program's own
# notation. Everything else in Latin letters outside an option name (--json) is an English leftover.
TECHNICAL = {
    "aktdesk",
    "AktDesk",
    "URL",
    "SQLAlchemy",
    "SQLite",
    "PostgreSQL",
    "AKTDESK_DATABASE_URL",
    "PDF",
    "DOCX",
    "XML",
    "JSON",
    "ID",  # a request's key in the database (`payments approve ID`, the `id` of --json)
    "id",
    "CSV",
    "xlsx",
    "csv",
    "txt",
    "pdf",
    "docx",
    "xml",
    "zip",
    "ZIP",
    "UTF",
    "BOM",
    "SMTP",
    "STARTTLS",
    "SSL",
    "TLS",
    "SHA",
    "QR",
    "e",
    "mail",
    "ru",
    "en",
    "demo",
    "act",
    "upd",
    "Word",
    "LibreOffice",
    "Jinja",
    "cp1251",
    "ON_NSCHFDOPPR",
    "ИдФайл",
    "1CClientBankExchange",
    "EnterpriseData",
    "kl_to_1c",
}
ARGPARSE_ENGLISH = (
    "usage",
    "options",
    "positional arguments",
    "show this help",
    "message and exit",
    "version number",
    "subcommands",
    "error:",
    "required",
    "invalid choice",
    "unrecognized",
    "not allowed",
)


def command_paths() -> list[list[str]]:
    """Every command and subcommand of `aktdesk`, e.g. ["import", "counterparties"]."""
    paths: list[list[str]] = [[]]

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    paths.append([*prefix, name])
                    walk(sub, [*prefix, name])

    walk(build_parser(), [])
    return paths


def _aktdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=60
    )


def english_words(text: str, commands: set[str]) -> list[str]:
    text = re.sub(r"(?<![\w-])--?[\w-]+", " ", text)  # option names
    text = re.sub(r"\{[^}]*\}", " ", text)  # choices, e.g. {ru,en}
    text = re.sub(r"\S+\.\w+\b|`[^`]*`|«[^»]*»", " ", text)  # file names, quoted names
    words = re.findall(r"(?<![\w])[0-9A-Za-z_]*[A-Za-z][0-9A-Za-z_]*", text)
    return [w for w in words if w not in TECHNICAL and w not in commands]


def test_every_command_help_is_russian() -> None:
    paths = command_paths()
    commands = {word for path in paths for name in path for word in [name, *name.split("-")]}
    assert len(paths) > 20  # the walk found the nested commands (import counterparties, scans attach…)
    leftovers = {}
    for path in paths:
        result = _aktdesk(*path, "--help")
        assert result.returncode == 0, result.stderr
        lowered = result.stdout.lower()
        found = [phrase for phrase in ARGPARSE_ENGLISH if phrase in lowered]
        found += english_words(result.stdout, commands)
        if found:
            leftovers[" ".join(path) or "aktdesk"] = found
    assert leftovers == {}


def test_argparse_errors_are_russian() -> None:
    wrong = _aktdesk("close-month", "--perod", "2026-10")
    assert wrong.returncode == 2
    assert "ошибка" in wrong.stderr and "использование" in wrong.stderr
    assert not [p for p in ARGPARSE_ENGLISH if p in wrong.stderr.lower()]
    missing = _aktdesk("close-month")
    assert missing.returncode == 2 and "не указаны обязательные аргументы: --period" in missing.stderr
    choice = _aktdesk("--lang", "de")
    assert choice.returncode == 2 and "неверное значение 'de'" in choice.stderr
    number = _aktdesk("demo", "--clients", "много")
    assert number.returncode == 2 and "неверное значение 'много'" in number.stderr


def test_an_os_error_reaches_the_user_in_russian(tmp_path: Path) -> None:
    missing = tmp_path / "выписка.txt"  # really absent: the OS answers ENOENT
    url = f"sqlite:///{tmp_path / 'bank.sqlite'}"
    result = _aktdesk("--database", url, "bank", "import", str(missing), "--json")
    assert result.returncode == 1, result.stderr
    errors = json.loads(result.stdout)["errors"]
    assert errors and "нет такого файла или папки" in errors[0]["message"]
    assert "No such file" not in result.stdout + result.stderr
