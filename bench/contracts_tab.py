"""How the contracts tab behaves on a big database: open, search, sort, scroll (lazy model).

    uv run python bench/contracts_tab.py [--clients 5000]

Fills a temporary SQLite database with demo data (unless --database is given), then times
what a user does in the tab. The last line is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-bench-"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=5000)
    parser.add_argument("--database", help="an existing database URL (skips the fill)")
    args = parser.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.core.db import open_database
    from desktop.core.demo.data import fill_demo
    from desktop.ui.contracts.tab import ContractsTab

    app = QApplication(sys.argv)
    figures: dict[str, float | int] = {"clients": args.clients}
    url = args.database or f"sqlite:///{Path(os.environ['AKTDESK_HOME']) / 'bench.sqlite'}"
    database = open_database(url)
    if not args.database:
        started = time.perf_counter()
        with database.transaction() as session:
            fill_demo(session, clients=args.clients, seed=1)
        figures["fill_s"] = round(time.perf_counter() - started, 2)

    def timed(name: str, action) -> None:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        action()
        app.processEvents()
        figures[name] = round((time.perf_counter() - started) * 1000, 1)

    holder: dict[str, ContractsTab] = {}
    timed("open_tab_ms", lambda: holder.setdefault("tab", ContractsTab(database)))
    tab = holder["tab"]
    tab.resize(1300, 800)
    tab.show()
    app.processEvents()
    figures["rows"] = tab.model.rowCount()
    figures["rows_loaded_after_open"] = tab.model.loaded_count()

    def search() -> None:
        tab.search.setText("ромашка")
        tab.apply_filters()

    timed("search_ms", search)
    figures["search_rows"] = tab.model.rowCount()
    tab.search.setText("")
    tab.apply_filters()
    timed("sort_by_amount_ms", lambda: tab.view.sortByColumn(5, Qt.SortOrder.DescendingOrder))
    timed("sort_by_client_ms", lambda: tab.view.sortByColumn(2, Qt.SortOrder.AscendingOrder))
    timed("scroll_to_end_ms", lambda: tab.view.scrollToBottom())
    figures["rows_loaded_after_scroll"] = tab.model.loaded_count()
    timed("select_row_detail_ms", lambda: tab.view.selectRow(tab.model.rowCount() - 1))
    for name, value in figures.items():
        print(f"{name:>26}: {value}")
    print(json.dumps(figures))
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
