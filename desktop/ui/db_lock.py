"""One window per SQLite file: a second copy of the program on the same file is refused.

Two windows on one SQLite file would each keep their own view of the data (saved filters,
queued scans, a closing preview made before the other closed the month) and fight over the
file's single writer lock. So the window holds an OS-level lock file next to the database,
``<file>.lock`` (``QLockFile``: the file records the process id, host name and program; a lock
whose process has died on the same computer is taken over, so a crash or ``kill -9`` never
locks the database for good). A second window on the same file shows who holds it and does not
open. The headless commands do not take this lock: each of their changes is its own SQLite
transaction (the closing one per contract, idempotent), so a ``close-month`` or ``bank import``
next to an open window is safe. PostgreSQL needs no lock (several users are its purpose).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile

from desktop.core.db import sqlite_file
from desktop.core.errors import UserError

log = logging.getLogger(__name__)


class DatabaseInUse(UserError):
    """The SQLite file is open in another copy of the program."""


def lock_path(url: Any) -> Path | None:
    """``<file>.lock`` next to an SQLite file; None for PostgreSQL and in-memory databases."""
    path = sqlite_file(url)
    return path.with_name(path.name + ".lock") if path is not None else None


def lock_database(url: Any) -> QLockFile | None:
    """Take the window's lock on an SQLite file (None when there is nothing to lock).

    Raises ``DatabaseInUse`` naming the process and computer that hold it.
    """
    path = lock_path(url)
    if path is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # opening the database will name the folder's problem
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
    if lock.tryLock(0):
        return lock
    if lock.error() != QLockFile.LockError.LockFailedError:
        log.warning("Cannot create the lock file %s: %s", path, lock.error())
        return None  # a folder we cannot write to: SQLite itself will say so
    info = lock.getLockInfo()  # PySide6: (pid, hostname, appname)
    pid, host = (info[-3], info[-2]) if len(info) >= 3 else ("?", "?")
    database = path.with_suffix("")
    raise DatabaseInUse(
        f"База данных {database} уже открыта в другом окне AktDesk (процесс {pid} на компьютере "
        f"«{host}»). Два окна на одном файле SQLite не работают: закройте то окно или откройте "
        f"другую базу. Если того окна уже нет (компьютер выключился), удалите файл {path}."
    )
