"""The first `aktdesk --demo` start, stage by stage, without the window.

    uv run python bench/demo_start.py [--clients 200] [--no-pdf]

Does what ``MainWindow.fill_demo(history=True)`` runs on its worker thread: the directories and
contracts in one transaction, then ``demo_history.add_demo_history`` (the last two complete months
closed with their files, a bank statement matched), into a temporary data folder. Prints the time
of each stage; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--no-pdf", action="store_true", help="no PDF converter (DOCX and XML only)")
    args = parser.parse_args()

    from desktop.config import demo_output_dir, demo_sqlite_path
    from desktop.core.db import open_database
    from desktop.core.demo import history as demo_history
    from desktop.core.demo.data import fill_demo

    demo_sqlite_path().parent.mkdir(parents=True, exist_ok=True)
    database = open_database(f"sqlite:///{demo_sqlite_path()}")
    today = dt.date.today()
    started = time.perf_counter()
    with database.transaction() as session:
        fill_demo(session, clients=args.clients, seed=1)
        demo_history.plan_history(session, today, seed=1)
    filled = time.perf_counter()
    with database.session() as session:
        planned = demo_history.pending_history(session)
    assert planned is not None
    demo_history.add_demo_history(
        database,
        demo_output_dir(),
        today=planned.today,
        months=planned.months,
        seed=planned.seed,
        pdf=not args.no_pdf,
    )
    ended = time.perf_counter()
    database.dispose()
    figures = {
        "clients": args.clients,
        "pdf": not args.no_pdf,
        "fill_s": round(filled - started, 2),
        "history_s": round(ended - filled, 2),
        "total_s": round(ended - started, 2),
    }
    print(
        f"directories and contracts: {figures['fill_s']} s; two months closed + statement: {figures['history_s']} s"
    )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
