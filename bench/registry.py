"""The acts registry on 100 000 documents: open, filter, sort, count and total — all in SQL, off the GUI thread.

    uv run python bench/registry.py [--documents 100000]

Builds a temporary SQLite database with demo contracts and N documents (bulk INSERT), then
times what the registry tab does: for each action the time until its rows are on screen
(``*_rows_ms``) and the longest time the GUI thread was blocked meanwhile (``*_blocked_ms``,
the largest gap between the ticks of a 5 ms timer). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-bench-"))


def fill_documents(database, count: int) -> float:  # type: ignore[no-untyped-def]
    from sqlalchemy import insert, select

    from desktop.core.models import Contract, Document

    rng = random.Random(3)
    started = time.perf_counter()
    with database.transaction() as session:
        contracts = session.execute(
            select(Contract.id, Contract.own_entity_id, Contract.counterparty_id)
        ).all()
        seqs: dict[tuple[int, str, int], int] = {}
        rows = []
        for index in range(count):
            contract_id, entity_id, party_id = contracts[index % len(contracts)]
            cycle = index // len(contracts)  # every contract once per cycle: unique (contract, period, kind)
            month = 1 + cycle % 12
            year = 2025 + (cycle // 12) % 3
            kind = ("act", "invoice", "upd")[(cycle // 36) % 3]
            key = (entity_id, kind, year)
            seqs[key] = seqs.get(key, 0) + 1
            total = Decimal(rng.randrange(1000, 500000)) / 10
            end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            rows.append(
                dict(
                    kind=kind,
                    stage="full",
                    own_entity_id=entity_id,
                    counterparty_id=party_id,
                    contract_id=contract_id,
                    period=f"{year:04d}-{month:02d}",
                    period_start=end.replace(day=1),
                    period_end=end,
                    year=year,
                    seq=seqs[key],
                    number=str(seqs[key]),
                    date=end,
                    amount_net=total,
                    amount_vat=Decimal(0),
                    amount_total=total,
                    status="issued",
                    current=True if index % 97 else None,
                    version=1,
                    signed=rng.random() < 0.6,
                    paid_amount=total if rng.random() < 0.5 else Decimal(0),
                    with_stamp=True,
                    created_by="bench",
                )
            )
            if len(rows) == 5000:
                session.execute(insert(Document), rows)
                rows = []
        if rows:
            session.execute(insert(Document), rows)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=2000)
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.config import Settings
    from desktop.core.db import open_database
    from desktop.core.demo.data import fill_demo
    from desktop.ui.registry.tab import RegistryTab

    QApplication(sys.argv)
    database = open_database(f"sqlite:///{Path(os.environ['AKTDESK_HOME']) / 'registry.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=args.clients, seed=1)
    figures: dict[str, float | int] = {"documents": args.documents}
    figures["fill_s"] = round(fill_documents(database, args.documents), 2)

    def settled(tab: RegistryTab) -> bool:
        # The new ids are in and the rows on screen are loaded (the view asks for them when it paints).
        model = tab.model
        return not getattr(model, "busy", False) and (model.rowCount() == 0 or model.loaded_count() > 0)

    def measure(name: str, action, tab_getter) -> None:  # type: ignore[no-untyped-def]
        """Run ``action`` from inside the event loop while a 5 ms timer ticks.

        ``<name>_rows_ms``: from the action until the new rows (and the footer) are there;
        ``<name>_blocked_ms``: the longest gap between two ticks meanwhile, i.e. the longest
        time the window could not repaint or react to a key.
        """
        ticks: list[float] = []
        state: dict[str, float] = {}
        loop = QEventLoop()
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(5)

        def tick() -> None:
            now = time.perf_counter()
            ticks.append(now)
            if "start" not in state:
                if len(ticks) >= 3:
                    state["start"] = time.perf_counter()
                    action()
            elif settled(tab_getter()):
                state["end"] = now
                loop.quit()

        timer.timeout.connect(tick)
        timer.start()
        loop.exec()
        timer.stop()
        measured = [t for t in ticks if t >= state["start"] - 0.006]
        gaps = [b - a for a, b in itertools.pairwise(measured)]
        figures[f"{name}_rows_ms"] = round((state["end"] - state["start"]) * 1000, 1)
        figures[f"{name}_blocked_ms"] = round(max(gaps, default=0.0) * 1000, 1)
        # As it goes (a slow run still shows what it measured so far).
        print(
            f"# {name}: rows {figures[f'{name}_rows_ms']} ms, blocked {figures[f'{name}_blocked_ms']} ms",
            flush=True,
        )

    holder: dict[str, RegistryTab] = {}

    def open_tab() -> None:
        tab = holder["tab"] = RegistryTab(database, settings=Settings())
        tab.resize(1400, 800)
        tab.show()

    measure("open_tab", open_tab, lambda: holder["tab"])
    tab = holder["tab"]
    figures["rows"] = tab.model.rowCount()
    measure(
        "filter_unsigned_acts", lambda: tab.set_filter_dict({"kinds": ["act"], "signed": False}), lambda: tab
    )
    figures["unsigned_acts"] = tab.model.rowCount()
    measure("filter_not_closed", lambda: tab.set_filter_dict({"closed": False}), lambda: tab)
    figures["not_closed"] = tab.model.rowCount()
    measure("search", lambda: tab.set_filter_dict({"search": "ромашка"}), lambda: tab)
    measure("clear_filter", lambda: tab.set_filter_dict({}), lambda: tab)
    measure("sort_by_amount", lambda: tab.view.sortByColumn(7, Qt.SortOrder.DescendingOrder), lambda: tab)
    measure("sort_by_client", lambda: tab.view.sortByColumn(4, Qt.SortOrder.AscendingOrder), lambda: tab)
    measure("scroll_to_end", tab.view.scrollToBottom, lambda: tab)
    figures["rows_loaded"] = tab.model.loaded_count()
    figures["footer"] = tab.footer.text()  # type: ignore[assignment]
    for name, value in figures.items():
        print(f"{name:>24}: {value}")
    print(json.dumps(figures))
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
