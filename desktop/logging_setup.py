"""Logging to a rotating file in the user's log folder; the log never holds a secret."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from desktop.config import log_dir

_handler: logging.Handler | None = None
_handler_path: Path | None = None
LOG_FILE_NAME = "aktdesk.log"


class _SecretFilter(logging.Filter):
    """Mask passwords in URLs (``postgresql://user:secret@host``) that end up in messages."""

    _pattern = re.compile(r"(://[^:/@\s]+:)([^@\s]+)(@)")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = self._pattern.sub(r"\1***\3", record.msg)
        if record.args:
            record.args = tuple(
                self._pattern.sub(r"\1***\3", a) if isinstance(a, str) else a for a in record.args
            )
        return True


def log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Configure the root logger: a 5 × 2 MB rotating file (moved if the log folder changed)."""
    global _handler, _handler_path
    path = log_file()
    root = logging.getLogger()
    if _handler is not None and _handler_path == path:
        return path
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    handler.addFilter(_SecretFilter())
    root.addHandler(handler)
    root.setLevel(level)
    _handler, _handler_path = handler, path
    return path
