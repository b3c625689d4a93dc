"""Python's cyclic garbage collector, run on the GUI thread only.

A cycle holding a Qt object may be collected on whatever thread happens to allocate when the
collector triggers — a worker thread of ``ui/tasks.py`` — and Qt objects deleted off their
thread crash the process at random (seen here as rare segmentation faults in UI tests). The
usual cure (Anki's ``aqt`` does the same): switch automatic collection off and collect from a
timer on the GUI thread, generation by generation, with the interpreter's own thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiGarbageCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        first, second, third = gc.get_count()
        if first > self.threshold[0]:
            gc.collect(0)
            if second > self.threshold[1]:
                gc.collect(1)
                if third > self.threshold[2]:
                    gc.collect(2)


_installed: GuiGarbageCollector | None = None


def install(app: QObject) -> GuiGarbageCollector:
    """Once per application: the collector lives as long as ``app``."""
    global _installed
    if _installed is None or _installed.parent() is not app:
        _installed = GuiGarbageCollector(app)
    return _installed
