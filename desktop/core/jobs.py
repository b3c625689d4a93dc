"""Progress callbacks and cooperative cancellation for long core jobs.

A core job takes ``progress(done, total, text)`` and a ``CancelToken`` it checks between
units of work (docs/architecture.md, «Long work»). ``ui/tasks.py`` runs such jobs on a worker thread;
the CLI and the benchmarks pass a text progress bar or nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from desktop.core.errors import Cancelled

Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, text: str) -> None:
    """A progress callback that ignores everything."""


def stage_progress(progress: Progress, number: int, count: int, name: str) -> Progress:
    """The progress of stage ``number`` of ``count`` of a job done in a row of stages: reported
    as «Шаг 2 из 5. Закрытие: октябрь 2026: ООО «Ромашка»», each stage counted from 0."""
    prefix = f"Шаг {number} из {count}. {name}"

    def report(done: int, total: int, text: str) -> None:
        progress(done, total, f"{prefix}: {text}" if text else prefix)

    return report


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


class StageClock:
    """Time left in the current stage of a job: a job reports stages one after another (the
    contracts, then the files, then the PDFs), each counted from 0 with its own total; the clock
    restarts with each. A stage may start with part of it done already (PDFs converted while the
    contracts were closed): its rate is what it does from then on."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.started = clock()
        self.total = -1
        self.done = 0
        self.base = 0  # done when the stage was first reported
        self.new_stage = False  # the last update started a stage

    def update(self, done: int, total: int) -> float | None:
        """Seconds left in this stage at its rate so far (None when it cannot be told yet)."""
        self.new_stage = total != self.total or done < self.done  # its own total, or from the start again
        if self.new_stage:
            self.started = self.clock()
            self.base = done
        self.total, self.done = total, done
        if done <= self.base or total <= 0 or done >= total:
            return None
        return (self.clock() - self.started) / (done - self.base) * (total - done)
