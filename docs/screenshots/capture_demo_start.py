"""Capture the first `--demo` start's progress dialog from the real window (run under Xvfb):

    xvfb-run -a -s "-screen 0 1400x900x24" uv run python docs/screenshots/capture_demo_start.py

Opens the window the way `aktdesk --demo` does (``open_main_window(demo=True)``) on a fresh data
folder and saves the screen while the dialog names the step it is at: the first month's closing
(its contracts) and the second month's PDFs, each with its time left.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-shots-"))

from PySide6.QtWidgets import QApplication, QProgressDialog  # noqa: E402

from desktop.ui.app import open_main_window  # noqa: E402

SHOTS = {  # file → what the dialog says when it is taken
    "demo-start-closing.png": ("Шаг 2 из 5", "Осталось"),
    "demo-start-pdf.png": ("Шаг 3 из 5", "Создание PDF", "Осталось"),
}


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = open_main_window(demo=True, language="ru")
    task = window.demo_task
    assert task is not None, "the demo database is already filled: use a fresh AKTDESK_HOME"
    taken: set[str] = set()

    def look(*_: object) -> None:
        dialogs = [w for w in app.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if not dialogs:
            return
        label = dialogs[0].labelText()
        for name, words in SHOTS.items():
            if name not in taken and all(word in label for word in words):
                screen = app.primaryScreen()
                screen.grabWindow(0).save(str(HERE / name))
                taken.add(name)
                print(f"{name}: {label!r}")

    task.progressed.connect(look)
    while task.running:
        app.processEvents()
    window.close()
    window.database.dispose()
    return 0 if taken == set(SHOTS) else 1


if __name__ == "__main__":
    sys.exit(main())
