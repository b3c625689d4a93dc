"""The month closing end to end, the way the GUI runs it: database, numbering, DOCX, PDF, UPD XML.

    uv run python bench/close_month.py [--clients 200] [--no-pdf] [--warm] [--skip-soffice] [--no-floor]

Fills a fresh SQLite database with N demo clients, closes the previous month through
``closing.plan`` + ``closing.execute`` + ``FileWriter`` (the same code as the tab and the CLI) and
times it. ``--warm``: first closes the month before it in the same process, then times the
previous month's closing: the second closing of a session, its rendering workers and LibreOffice
kept running from the first (``FileWriter(keep_pools=True)``, as the closing tab does).

Then, with PDFs, measures LibreOffice's floor for the documents this run made (the method of
``bench/lo_floor.py``): one warm worker converts one merged DOCX per form (what cannot be merged,
alone), and the floor is that office's CPU time divided by the cores — what no PDF pipeline on
this machine can beat. ``ratio_vs_floor`` is the closing's wall time over it.
``beyond_floor_cpu_s`` is all the CPU the closing used (its process, the rendering workers,
LibreOffice; not this script's sampling) beyond that floor's CPU: LibreOffice starting and warming
up, smaller merged loads, the database, rendering, merging and splitting. ``cpu_bound_ratio`` is the
ratio that CPU allows at best on these cores (every core busy all the time): no pipeline order
reaches a ratio below it, only less CPU does. Last, unless
``--skip-soffice``, plain ``soffice --headless --convert-to pdf`` on the same DOCX files.
Prints the figures; the last line is one JSON object.
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
from typing import Any

import psutil


def peak_mb() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(usage / 1024, 1)


def cpu_s() -> tuple[float, float]:
    """(this process, its finished children): user + system CPU seconds."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def _own_cpu(proc: psutil.Process) -> float:
    times = proc.cpu_times()
    return times.user + times.system


class TreeSampler(threading.Thread):
    """While the closing runs, every 0.25 s: the largest sum of resident memory of this process and
    its descendants (rendering workers, LibreOffice), and each descendant's CPU time. Processes
    already running when it starts (a warm pool) count only the CPU they use from then on; one that
    ends between samples loses at most 0.25 s of its CPU. The list of descendants is read again
    once a second (walking the process table is what a sample costs most); its own CPU, which the
    closing's main process pays, is ``own_cpu``."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.stop = threading.Event()
        self.me = psutil.Process()
        self.procs: dict[int, psutil.Process] = {}
        self.baseline: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.office: set[int] = set()  # LibreOffice's own processes
        self.listed = 0.0
        self.own_cpu = 0.0
        self.refresh()
        for pid, proc in self.procs.items():
            with contextlib.suppress(psutil.Error):
                self.baseline[pid] = _own_cpu(proc)

    def refresh(self) -> None:
        for proc in self.me.children(recursive=True):
            if proc.pid not in self.procs:
                self.procs[proc.pid] = proc
                with contextlib.suppress(psutil.Error):
                    if proc.name().startswith("soffice"):
                        self.office.add(proc.pid)
        self.listed = time.monotonic()

    def sample(self) -> None:
        if time.monotonic() - self.listed >= 1.0:
            self.refresh()
        total = 0
        with contextlib.suppress(psutil.Error):
            total += self.me.memory_info().rss
        for pid, proc in list(self.procs.items()):
            try:
                with proc.oneshot():
                    total += proc.memory_info().rss
                    self.last[pid] = _own_cpu(proc)
            except psutil.Error:
                del self.procs[pid]
        self.peak_kb = max(self.peak_kb, total // 1024)

    def run(self) -> None:
        while not self.stop.wait(0.25):
            self.sample()
        self.own_cpu = time.thread_time()

    def used(self, pids: Any = None) -> float:
        """CPU seconds of these descendants (all by default) used while it ran."""
        wanted = self.last.keys() if pids is None else pids
        return sum(self.last.get(pid, 0.0) - self.baseline.get(pid, 0.0) for pid in wanted)

    def finish(self) -> float:
        """Stop; the descendants' CPU seconds used while it ran."""
        self.stop.set()
        self.join()
        self.refresh()
        self.sample()
        return self.used()


def previous_period(period: str) -> str:
    year, month = map(int, period.split("-"))
    return f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"


def close(database: Any, period: str, out: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Plan and close one period with its files; the figures of that closing."""
    from desktop.core.closing import plan as closing
    from desktop.core.closing.files import FileWriter

    started = time.perf_counter()
    cpu_before = cpu_s()
    sampler = TreeSampler()
    sampler.start()
    # As the CLI does: made before the plan, so that LibreOffice and the workers start meanwhile.
    writer = FileWriter(database, out, pdf=not args.no_pdf, workers=args.workers, keep_pools=args.warm)
    try:
        with database.session() as session:
            plan = closing.plan(session, period)
        planned = time.perf_counter()
        writer.expect(plan.documents_to_issue())
        result = closing.execute(database, plan, after_contract=writer.add)
        db_done = time.perf_counter()
        writer.finish(result)
    finally:
        writer.close()
    wall = time.perf_counter() - started
    tree_cpu = sampler.finish()
    cpu_after = cpu_s()
    documents = sum(result.documents.values())
    return {
        "period": period,
        "result": result,
        "plan_s": round(planned - started, 2),
        "contracts": result.contracts,
        "documents": documents,
        "pdf": result.pdf,
        "xml": result.xml,
        "errors": len(result.errors),
        "db_s": round(db_done - planned, 2),  # execute: its transactions, with the rendering fed meanwhile
        "wall_s": round(wall, 2),  # plan + execute + files, as a user waits for it
        "docs_per_s": round(documents / wall, 1) if wall else 0,
        "workers": len(writer.worker_peak_mb),
        "worker_peak_mb": sorted(writer.worker_peak_mb.values()),
        "run_peak_mb": round(sampler.peak_kb / 1024, 1),  # main + workers (+ LibreOffice) at one moment
        "main_cpu_s": round(cpu_after[0] - cpu_before[0], 2),
        # finished children only: workers forked by the fork server are its children, not ours
        "children_cpu_s": round(cpu_after[1] - cpu_before[1], 2),
        "tree_cpu_s": round(tree_cpu, 2),  # every descendant, the warm ones too (sampled)
        "office_cpu_s": round(sampler.used(sampler.office), 2),  # LibreOffice's part of it
        "sampler_cpu_s": round(sampler.own_cpu, 2),  # this benchmark's own sampling, in main_cpu_s
    }


def office_cpu(pids: list[int]) -> float:
    total = 0.0
    for pid in set(pids):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += _own_cpu(psutil.Process(pid))
    return total


def lo_floor(database: Any, document_ids: list[int], work: Path) -> dict[str, Any]:
    """LibreOffice's own CPU for these documents' DOCX files (``bench/lo_floor.py``'s method): one
    warm worker, one merged load per form (the documents that cannot merge, one load each)."""
    from sqlalchemy import select

    from desktop.core.common.formats import format_date
    from desktop.core.documents.paths import document_file_name
    from desktop.core.documents.pdf import BatchItem, DocPart, LibreOfficeBackend
    from desktop.core.documents.pdf.docxmerge import merge_mergeable
    from desktop.core.documents.render import form_of
    from desktop.core.models import Document, DocumentKind

    by_form: dict[str, list[Path]] = {}
    with database.session() as session:
        for document in session.scalars(select(Document).where(Document.id.in_(document_ids))):
            if not document.docx_path:
                continue
            by_form.setdefault(form_of(document.kind), []).append(Path(document.docx_path))
            if document.kind == DocumentKind.ACT:
                name = document_file_name("detail", document.number, format_date(document.date), "docx")
                detail = Path(document.docx_path).with_name(name)
                if detail.is_file():
                    by_form.setdefault("detail", []).append(detail)
    batches: dict[str, list[BatchItem]] = {}
    count = 0
    for form, files in by_form.items():
        folder = work / form
        folder.mkdir(parents=True)
        merged = work / f"{form}.docx"
        split = merge_mergeable(sorted(files), merged)
        items = [BatchItem.single(docx, folder / f"alone-{i}.pdf") for i, docx in enumerate(split.alone)]
        if split.merged:
            parts = [
                DocPart(folder / f"{i}.pdf", bookmark=b, label=str(i))
                for i, (_, b) in enumerate(split.merged)
            ]
            items.insert(0, BatchItem.merged(merged, parts))
        batches[form] = items
        count += len(files)
    figures: dict[str, Any] = {"floor_documents": count}
    backend = LibreOfficeBackend(workers=1, profile_root=work / "profile")
    backend.start()
    try:
        # Its start: one office process started and one act converted alone (a few ms of it).
        first = sorted(by_form.get("act") or next(iter(by_form.values())))[0]
        backend.submit([BatchItem.single(first, work / "first.pdf")]).result()
        figures["office_start_cpu_s"] = round(
            office_cpu([p for slot in backend.worker_pids() for p in slot]), 2
        )
        # Warm-up, one small load per form: the first load of a form pays for fonts and filters.
        for form, files in by_form.items():
            sample = work / f"warm-{form}.docx"
            split = merge_mergeable(sorted(files)[:3], sample)
            target = work / f"warm-{form}"
            target.mkdir()
            if split.merged:
                parts = [
                    DocPart(target / f"{i}.pdf", bookmark=b, label=str(i))
                    for i, (_, b) in enumerate(split.merged)
                ]
                backend.submit([BatchItem.merged(sample, parts)]).result()
            else:
                backend.submit([BatchItem.single(split.alone[0], target / "0.pdf")]).result()
        pids = [pid for slot in backend.worker_pids() for pid in slot]
        # What one office process has used by now: starting, and the first load of each form
        # with three of its documents (those conversions included).
        figures["office_warmup_cpu_s"] = round(office_cpu(pids), 2)
        total = 0.0
        for form, items in batches.items():
            cpu = office_cpu(pids)
            results = backend.submit(items).result()
            used = office_cpu(pids) - cpu
            failed = [r for r in results if not r.ok]
            if failed:
                print(f"floor, {form}: {len(failed)} documents failed", file=sys.stderr)
            figures[f"floor_{form}_cpu_ms"] = round(used / max(1, len(results)) * 1000, 1)
            total += used
    finally:
        backend.close()
    figures["floor_cpu_s"] = round(total, 2)
    figures["floor_s"] = round(total / (os.cpu_count() or 1), 2)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument(
        "--warm",
        action="store_true",
        help="close the month before first, then time the second closing in the same process",
    )
    parser.add_argument("--skip-soffice", action="store_true", help="do not time plain soffice")
    parser.add_argument("--no-floor", action="store_true", help="do not measure LibreOffice's floor")
    parser.add_argument(
        "--workers", type=int, default=None, help="rendering processes (default: one per core; 0: none)"
    )
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="aktdesk-bench-"))
    os.environ.setdefault("AKTDESK_HOME", str(home))

    from desktop.core.db import open_database
    from desktop.core.demo.data import fill_demo

    today = dt.date.today()
    period = previous_period(f"{today.year:04d}-{today.month:02d}")
    database = open_database(f"sqlite:///{home / 'bench.sqlite'}")
    started = time.perf_counter()
    with database.transaction() as session:
        fill_demo(session, clients=args.clients, seed=1)
    figures: dict[str, Any] = {
        "clients": args.clients,
        "period": period,
        "fill_s": round(time.perf_counter() - started, 2),
        "warm": args.warm,
        "cores": os.cpu_count(),
        "load_1m": round(os.getloadavg()[0], 2),
    }
    out = home / "out"
    if args.warm:
        first = close(database, previous_period(period), out, args)
        figures["first_wall_s"] = first["wall_s"]
        figures["first_documents"] = first["documents"]
    closed = close(database, period, out, args)
    result = closed.pop("result")
    from desktop.core.closing.files import close_kept_pools

    close_kept_pools()
    figures.update(closed)
    figures["peak_mb"] = peak_mb()
    if not args.no_pdf and not args.no_floor:
        figures.update(lo_floor(database, result.document_ids, home / "floor"))
        floor = figures["floor_s"]
        figures["ratio_vs_floor"] = round(closed["wall_s"] / floor, 3) if floor else None
        # What the run's CPU allows at best on these cores: all of it spread evenly, nothing waiting.
        # Below 1 + (CPU beyond LibreOffice's floor) / floor CPU no schedule can go.
        spent = closed["main_cpu_s"] - closed["sampler_cpu_s"] + closed["tree_cpu_s"]
        figures["beyond_floor_cpu_s"] = round(spent - figures["floor_cpu_s"], 2)
        figures["cpu_bound_ratio"] = round(spent / (os.cpu_count() or 1) / floor, 3) if floor else None
    else:
        figures["floor_s"] = None
        figures["ratio_vs_floor"] = None
    if not args.no_pdf and not args.skip_soffice:
        from desktop.core.documents.pdf import find_soffice

        docx = sorted(str(p) for p in out.joinpath(period).rglob("*.docx"))
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
        figures["ratio_vs_soffice"] = round(closed["wall_s"] / soffice, 3) if soffice else None
    figures["load_1m_end"] = round(os.getloadavg()[0], 2)
    for name, value in figures.items():
        print(f"{name:>18}: {value}")
    if result.errors:
        print("first errors:", result.errors[:3], file=sys.stderr)
    print(json.dumps(figures))
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
