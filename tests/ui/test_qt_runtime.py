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
