"""What every subcommand shares: opening the database, a text progress bar, error reporting."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any, TextIO

from desktop.config import Settings, load_settings
from desktop.core.common.periods import is_period
from desktop.core.db import Database, database_error, is_database_failure, open_database
from desktop.core.errors import Cancelled, UserError, ValidationError
from desktop.core.jobs import StageClock
from desktop.logging_setup import setup_logging


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The settings a command works with: with ``aktdesk --demo COMMAND`` those of the demo database
    (its own SQLite file and documents folder)."""
    return load_settings(demo=bool(getattr(args, "demo", False)))


def database_from_args(args: argparse.Namespace) -> Database:
    """The database named by --database, --demo, AKTDESK_DATABASE_URL or the settings, migrated to head.

    Who acts is the database's login on PostgreSQL; on SQLite the OS login, or ``--login`` where a
    command has it (a single-user file trusts its user: PostgreSQL refuses the option)."""
    login = getattr(args, "login", None)
    if getattr(args, "database", None):
        if getattr(args, "demo", False):
            raise ValidationError("--demo и --database вместе не указываются: демо-база — своя, отдельная.")
        return open_database(args.database, login=login)
    return open_database(settings_from_args(args).database_url(), login=login)


def check_period(period: str | None) -> None:
    """A --period option must be a month as YYYY-MM (none given is fine)."""
    if period and not is_period(period):
        raise ValidationError(f"Период «{period}»: ожидается ГГГГ-ММ, например 2026-10.")


class TextProgress:
    """A one-line progress bar on stderr: `[#####.....] 120/200 ООО «Ромашка» ~3 с`."""

    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.clock = StageClock()  # a job's stages (contracts, files, PDFs) count from 0 each
        self.last = 0.0
        self.printed_step = -1  # the last tenth written when the stream is a file or a pipe
        self.tty = self.stream.isatty()

    def __call__(self, done: int, total: int, text: str) -> None:
        now = time.monotonic()
        left = self.clock.update(done, total)
        if self.clock.new_stage:
            self.printed_step = -1
        if self.tty:
            if not self.clock.new_stage and done < total and now - self.last < 0.1:
                return
            self.last = now
        else:  # a log: one line per tenth reached, however fast the tenths come
            step = done // max(1, total // 10) if done < total else total + 1  # the end: once
            if step == self.printed_step:
                return
            self.printed_step = step
        filled = int(self.width * done / total) if total else self.width
        eta = ""
        if left is not None:
            eta = f" ~{left:.0f} с"
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} {text[:50]}{eta}"
        if self.tty:
            self.stream.write("\r" + line.ljust(100))
            if done >= total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def run_command(args: argparse.Namespace) -> int:
    setup_logging()
    try:
        return int(args.func(args))
    except UserError as error:
        print(f"Ошибка: {error.message}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader of the output went away (`aktdesk … --json | head`): what was done stays done;
        # nothing more to say, and no traceback when Python flushes the closed pipe at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        if not is_database_failure(error):
            raise
        print(f"Ошибка: {database_error(error).message}", file=sys.stderr)  # the SQL goes to the log
        return 2
    except Cancelled:
        print("Прервано пользователем.", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("Прервано.", file=sys.stderr)
        return 130
