"""Progress callbacks and cooperative cancellation for long core jobs.

A core job takes ``progress(done, total, text)`` and a ``CancelToken`` it checks between
units of work (docs/architecture.md, «Long work»). ``ui/tasks.py`` runs such jobs on a worker thread;
the CLI and the benchmarks pass a text progress bar or nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop.core.errors import Cancelled

Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, text: str) -> None:
    """A progress callback that ignores everything."""


class CancelToken:
    """Set from any thread by the one who wants the job to stop; checked by the job."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()
