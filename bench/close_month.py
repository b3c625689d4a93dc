"""The month closing end to end, the way the GUI runs it: database, numbering, DOCX, PDF, UPD XML.

    uv run python bench/close_month.py [--clients 200] [--no-pdf] [--skip-soffice]

Fills a fresh SQLite database with N demo clients, closes the previous month through
``closing.plan`` + ``closing.execute`` + ``FileWriter`` (the same code as the tab and the CLI),
then converts the produced DOCX files with plain ``soffice --headless --convert-to pdf`` for
comparison. Prints the figures; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil


def peak_mb() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(usage / 1024, 1)


def cpu_s() -> tuple[float, float]:
    """(this process, its finished children): user + system CPU seconds."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


class TreeMemory(threading.Thread):
    """The largest sum of resident memory of this process and its children (the rendering workers,
    LibreOffice) seen while the closing runs, sampled every 0.2 s."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.stop = threading.Event()

    @staticmethod
    def _rss_kb() -> int:
        me = psutil.Process()
        total = 0
        for proc in [me, *me.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                total += proc.memory_info().rss
        return total // 1024

    def run(self) -> None:
        while not self.stop.wait(0.2):
            self.peak_kb = max(self.peak_kb, self._rss_kb())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--skip-soffice", action="store_true", help="do not time plain soffice")
    parser.add_argument(
        "--workers", type=int, default=None, help="rendering processes (default: one per core; 0: none)"
    )
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="aktdesk-bench-"))
    os.environ.setdefault("AKTDESK_HOME", str(home))

    from desktop.core.closing import plan as closing
    from desktop.core.closing.files import FileWriter
    from desktop.core.db import open_database
    from desktop.core.demo.data import fill_demo

    today = dt.date.today()
    period = f"{today.year if today.month > 1 else today.year - 1:04d}-{(today.month - 2) % 12 + 1:02d}"
    database = open_database(f"sqlite:///{home / 'bench.sqlite'}")
    started = time.perf_counter()
    with database.transaction() as session:
        fill_demo(session, clients=args.clients, seed=1)
    figures: dict[str, object] = {
        "clients": args.clients,
        "period": period,
        "fill_s": round(time.perf_counter() - started, 2),
    }

    out = home / "out"
    started = time.perf_counter()
    with database.session() as session:
        plan = closing.plan(session, period)
    figures["plan_s"] = round(time.perf_counter() - started, 2)
    memory = TreeMemory()
    memory.start()
    cpu_before = cpu_s()
    writer = FileWriter(database, out, pdf=not args.no_pdf, workers=args.workers)
    started = time.perf_counter()
    try:
        result = closing.execute(database, plan, after_contract=writer.add)
        db_done = time.perf_counter()
        writer.finish(result)
    finally:
        writer.close()
    wall = time.perf_counter() - started
    memory.stop.set()
    cpu_after = cpu_s()
    documents = sum(result.documents.values())
    figures.update(
        contracts=result.contracts,
        documents=documents,
        pdf=result.pdf,
        xml=result.xml,
        errors=len(result.errors),
        db_s=round(db_done - started, 2),
        wall_s=round(wall, 2),
        docs_per_s=round(documents / wall, 1) if wall else 0,
        peak_mb=peak_mb(),
        workers=len(writer.worker_peak_mb),
        worker_peak_mb=sorted(writer.worker_peak_mb.values()),
        run_peak_mb=round(memory.peak_kb / 1024, 1),  # main + workers (+ LibreOffice) at the same moment
        main_cpu_s=round(cpu_after[0] - cpu_before[0], 2),
        children_cpu_s=round(cpu_after[1] - cpu_before[1], 2),  # workers (+ LibreOffice)
    )
    if not args.no_pdf and not args.skip_soffice:
        from desktop.core.documents.pdf import find_soffice

        docx = sorted(str(p) for p in out.rglob("*.docx"))
        plain = home / "plain"
        plain.mkdir()
        started = time.perf_counter()
        for start in range(0, len(docx), 100):  # LibreOffice 7.4 stops after ~250 files in one call
            subprocess.run(
                [
                    str(find_soffice()),
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(plain),
                    *docx[start : start + 100],
                ],
                capture_output=True,
                check=False,
                env={**os.environ, "HOME": str(home)},
            )
        soffice = time.perf_counter() - started
        figures["plain_soffice_s"] = round(soffice, 2)
        figures["ratio_vs_soffice"] = round(wall / soffice, 3) if soffice else None
    for name, value in figures.items():
        print(f"{name:>18}: {value}")
    if result.errors:
        print("first errors:", result.errors[:3], file=sys.stderr)
    print(json.dumps(figures))
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
