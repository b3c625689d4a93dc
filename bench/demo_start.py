"""The first `aktdesk --demo` start, stage by stage, without the window.

    uv run python bench/demo_start.py [--clients 200]

Runs what ``MainWindow.fill_demo(history=True)`` runs on its worker thread
(``demo.operations.fill_demo_database``) into a temporary data folder: the directories and
contracts, the last two complete months closed with their files, a bank statement matched, the
overdue advance счета-фактуры. The stages are timed from the progress the dialog shows (each
«Шаг N из 5» starts when it is first reported). ``ratio_vs_closings`` is the whole fill over the
two closings inside it (their plan, contracts, files and PDFs): what the rest of the demo costs on
top of closing two months. Prints the time of each stage; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STEP = re.compile(r"^Шаг (\d+) из \d+\. ([^:]+(?:: [^:]+ \d{4})?)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    args = parser.parse_args()

    from desktop.config import demo_output_dir, demo_sqlite_path
    from desktop.core.closing.files import close_kept_pools
    from desktop.core.db import open_database
    from desktop.core.demo.operations import fill_demo_database

    demo_sqlite_path().parent.mkdir(parents=True, exist_ok=True)
    database = open_database(f"sqlite:///{demo_sqlite_path()}")
    stages: list[tuple[str, float]] = []  # (stage, when it started)

    def progress(done: int, total: int, text: str) -> None:
        match = STEP.match(text)
        if match and (not stages or stages[-1][0] != match.group(2)):
            stages.append((match.group(2), time.perf_counter()))

    started = time.perf_counter()
    fill_demo_database(
        database,
        demo_output_dir(),
        clients=args.clients,
        history=True,
        progress=progress,
    )
    ended = time.perf_counter()
    close_kept_pools()
    database.dispose()
    seconds = {
        name: round((stages[i + 1][1] if i + 1 < len(stages) else ended) - at, 2)
        for i, (name, at) in enumerate(stages)
    }
    closings = sum(value for name, value in seconds.items() if name.startswith("Закрытие"))
    total = ended - started
    for name, value in seconds.items():
        print(f"{value:7.2f} s  {name}")
    figures = {
        "clients": args.clients,
        "stages_s": seconds,
        "closings_s": round(closings, 2),
        "total_s": round(total, 2),
        "ratio_vs_closings": round(total / closings, 3) if closings else None,
    }
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
