"""The one atomic file write: a temp file in the target folder, fsync, then rename over the target.

Every file the program produces (DOCX, PDF, UPD XML, registry exports, payment orders, scans on the
share, the settings) goes through :func:`write_atomic`, so a reader never sees half a file and a
crash leaves the old file or none. The temp file is created like any ``open(..., "w")`` would
create it (mode ``0o666`` less the process umask: 0644 under the usual umask 022), not owner-only
as ``tempfile.mkstemp`` makes it: a document on the share is as readable as any other file there.
"""

from __future__ import annotations

import io
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO

from desktop.core.errors import StorageError, os_error_text

Content = bytes | Callable[[BinaryIO], object]
"""What to write: the bytes, or a function that writes them into the open binary file."""

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)


def _open_temp(folder: Path, prefix: str) -> tuple[BinaryIO, Path]:
    """A new file in ``folder`` under a random hidden name, mode from the umask (unlike mkstemp's 0600)."""
    for _ in range(100):
        tmp = folder / f"{prefix}{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, _FLAGS, 0o666)
        except FileExistsError:
            continue
        return os.fdopen(fd, "wb"), tmp
    raise FileExistsError(f"no free temporary name in {folder}")


def write_atomic(target: Path, content: Content, *, overwrite: bool = True) -> Path:
    """Write ``content`` to ``target`` atomically and durably; returns ``target``.

    The folder is created when missing. With ``overwrite=False`` an existing ``target`` is never
    replaced: ``FileExistsError`` is raised instead (the new name is linked, not renamed, where the
    file system can). Raises ``OSError``; the temp file never stays behind.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fh, tmp = _open_temp(target.parent, ".~")  # short: a long document name must not grow past MAX_PATH
    try:
        with fh:
            if isinstance(content, bytes | bytearray | memoryview):
                fh.write(content)
            else:
                content(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, target)
        else:
            _place_new(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _place_new(tmp: Path, target: Path) -> None:
    try:
        os.link(tmp, target)  # fails if the name exists: never overwrites
    except FileExistsError:
        raise
    except OSError:
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(tmp, target)  # a share that does not do hard links


def as_text(write: Callable[[TextIO], object], encoding: str = "utf-8") -> Content:
    """Content for :func:`write_atomic` written as text: ``write`` gets a text stream over the file
    (``newline=""``: line ends are written as given)."""

    def fill(fh: BinaryIO) -> None:
        text = io.TextIOWrapper(fh, encoding=encoding, newline="")
        try:
            write(text)
            text.flush()
        finally:
            text.detach()  # the binary file stays open for the fsync

    return fill


def write_file(target: Path, content: Content) -> Path:
    """:func:`write_atomic` with the failure as a :class:`StorageError` fit to show; returns ``target``."""
    target = Path(target)
    try:
        return write_atomic(target, content)
    except OSError as exc:
        raise file_error(target, exc) from exc


def file_error(target: Path, exc: OSError) -> StorageError:
    """The message for a file that could not be written (the folder, a lock, or the OS's reason)."""
    folder = target.parent
    if not folder.is_dir() or (isinstance(exc, PermissionError) and not os.access(folder, os.W_OK | os.X_OK)):
        message = f"Папка «{folder}» недоступна для записи: {os_error_text(exc)}."
    elif isinstance(exc, PermissionError):
        message = f"Файл «{target}» не записать: он открыт в другой программе или нет прав."
    else:
        message = f"Файл «{target}» не записать: {os_error_text(exc)}."
    return StorageError(message, field=str(target))
