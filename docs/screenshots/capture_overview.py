"""Capture the «Обзор» tab (run under Xvfb):

    xvfb-run -a -s "-screen 0 1400x1150x24" uv run python docs/screenshots/capture_overview.py

Fills a fresh demo database, closes the three previous months with the real closing (one
contract fails in the last), signs and pays part of the documents (``tests/factories/overview.py``),
then saves ``overview.png`` and ``overview.pdf`` (the one-page report) next to this file, and
``overview-two-entities.png`` with two of the own entities chosen in the check list of «Несколько…».
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-shots-"))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.config import load_settings  # noqa: E402
from desktop.core.db import open_database  # noqa: E402
from desktop.core.demo.data import fill_demo  # noqa: E402
from desktop.ui.app import install_translators  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from docs.screenshots.capture import settle  # noqa: E402
from tests.factories.overview import add_history, close_months  # noqa: E402


def previous_periods(today: dt.date, count: int = 3) -> tuple[str, ...]:
    year, month = today.year, today.month
    periods = []
    for _ in range(count):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        periods.append(f"{year:04d}-{month:02d}")
    return tuple(reversed(periods))


def main() -> int:
    app = QApplication(sys.argv)
    install_translators(app, "ru")
    today = dt.date.today()
    database = open_database(f"sqlite:///{Path(os.environ['AKTDESK_HOME']) / 'demo.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=200, seed=1, today=today)
    periods = previous_periods(today)
    close_months(database, periods, failing=periods[-1])
    add_history(database, today)
    window = MainWindow(load_settings(), database)
    window.resize(1360, 1120)
    window.show()
    window.tabs.setCurrentWidget(window.overview_tab)
    settle(app, 300)
    while window.overview_tab.task is not None and window.overview_tab.task.running:
        app.processEvents()
    settle(app, 800)
    window.grab().save(str(HERE / "overview.png"))
    window.overview_tab.export_pdf(HERE / "overview.pdf")

    # Two of the own entities, chosen in the check list of «Несколько…».
    tab = window.overview_tab
    picker = tab.entity.pick()
    picker.set_checked([entity_id for _name, entity_id in tab.entity.entities[:2]])
    settle(app, 300)
    picker.grab().save(str(HERE / "overview-entities-picker.png"))
    picker.accept()
    settle(app, 300)
    while tab.task is not None and tab.task.running:
        app.processEvents()
    settle(app, 800)
    window.grab().save(str(HERE / "overview-two-entities.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
