"""Capture the screenshots in this folder from the real window (run under Xvfb):

    xvfb-run -a -s "-screen 0 1400x900x24" uv run python docs/screenshots/capture.py

It fills a fresh demo database (AKTDESK_HOME points at a temp folder), opens the main window
and saves PNGs of what a user sees.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-shots-"))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.config import load_settings  # noqa: E402
from desktop.core.db import open_database  # noqa: E402
from desktop.core.demo import fill_demo  # noqa: E402
from desktop.ui.app import install_translators  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402


def settle(app: QApplication, ms: int = 300) -> None:
    loop_end = QTimer()
    loop_end.setSingleShot(True)
    loop_end.start(ms)
    while loop_end.isActive():
        app.processEvents()


def main() -> int:
    app = QApplication(sys.argv)
    install_translators(app, "ru")
    database = open_database(f"sqlite:///{Path(os.environ['AKTDESK_HOME']) / 'demo.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=200, seed=1)
    window = MainWindow(load_settings(), database)
    window.resize(1360, 820)
    window.show()
    settle(app)
    window.contracts_tab.view.selectRow(3)
    settle(app)
    window.grab().save(str(HERE / "main-window.png"))
    for name in sys.argv[1:]:
        shooter = globals().get(f"shot_{name}")
        if shooter:
            shooter(app, window)
    return 0


if __name__ == "__main__":
    sys.exit(main())
