"""The Qt binding the app ships with must not corrupt the interpreter while the window runs.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every processEvents() call; a
window that pumps events (progress updates, waits) then dies with "deallocating None".
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QApplication


def test_processing_events_keeps_the_interpreter_intact(qapp: QApplication, qtbot: Any) -> None:
    before = sys.getrefcount(None)
    for _ in range(2000):
        qapp.processEvents()
    assert sys.getrefcount(None) >= before - 50


def test_cycles_are_collected_by_the_gui_thread_not_by_whoever_allocates(qtbot: Any) -> None:
    import gc
    import threading
    import weakref

    assert not gc.isenabled()  # automatic collection would run on worker threads too

    collected_on: list[str] = []

    class Node:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            collected_on.append(threading.current_thread().name)

    node = Node()
    ref = weakref.ref(node)
    del node
    # The program goes on allocating while the GUI thread idles. Freed containers (also those a
    # worker thread left over from an earlier test frees now) lower the first generation's
    # count, so keep it above the threshold until a collection has run; if the node was promoted
    # to an older generation meanwhile, later collections reach it too.
    threshold = gc.get_threshold()[0]
    alive: list[list[object]] = []

    def collected() -> bool:
        if ref() is None:
            return True
        if gc.get_count()[0] <= threshold:
            alive.extend([] for _ in range(threshold + 100))
        return False

    qtbot.waitUntil(collected, timeout=20000)
    alive.clear()
    assert collected_on == [threading.main_thread().name]
