"""What LibreOffice itself needs per document of each form: the floor under any PDF pipeline.

    uv run --no-sync python bench/lo_floor.py [--docs 100]

Fills a demo database, closes a month (documents in the database only), renders ``--docs``
documents of each form (act, invoice, UPD) into one merged DOCX per form — the cheapest way to
feed LibreOffice, one load per form — and converts each through one warm pool worker. Prints the
office process's CPU time and the wall time per document of each form, and the floor this puts
under a month closing of 200 clients with the whole package (act + invoice + UPD each) on the
machine's cores: ``200 × (act + invoice + UPD CPU) / cores``. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def office_cpu(pids: list[int]) -> float:
    """CPU seconds of the office processes: ``worker_pids`` already lists each slot's children
    (oosplash starts soffice.bin), so every pid is counted once and no tree is walked."""
    total = 0.0
    for pid in set(pids):
        try:
            times = psutil.Process(pid).cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100, help="documents of each form")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="aktdesk-lofloor-"))
    os.environ.setdefault("AKTDESK_HOME", str(home))

    from sqlalchemy import select

    from desktop.core.closing import plan as closing
    from desktop.core.closing.files import load_documents
    from desktop.core.db import open_database
    from desktop.core.demo.data import fill_demo
    from desktop.core.documents import context as ctx
    from desktop.core.documents.pdf import BatchItem, DocPart, LibreOfficeBackend
    from desktop.core.documents.pdf.docxmerge import bookmark_name, merge_docx
    from desktop.core.documents.render import render_to_file
    from desktop.core.models import Document

    database = open_database(f"sqlite:///{home / 'bench.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=int(args.docs * 1.6) + 20, seed=3)
    with database.session() as session:
        plan = closing.plan(session, "2026-10")
    closing.execute(database, plan)
    figures: dict[str, object] = {"docs_per_form": args.docs, "cores": os.cpu_count()}
    backend = LibreOfficeBackend(workers=1)
    backend.start()
    try:
        options = ctx.ContextOptions(with_stamp=True, with_id_qr=True)
        merged: dict[str, tuple[Path, list[DocPart]]] = {}
        with database.session() as session:
            for kind in ("act", "invoice", "upd"):
                ids = list(session.scalars(select(Document.id).where(Document.kind == kind).limit(args.docs)))
                contexts = [
                    ctx.context_for(kind, d, True, options=options) for d in load_documents(session, ids)
                ]
                path = home / f"{kind}.docx"
                files = [
                    render_to_file(kind, c, home / "docx" / f"{kind}-{i}.docx")
                    for i, c in enumerate(contexts)
                ]
                merge_docx(files, path)
                parts = [
                    DocPart(home / kind / f"{i}.pdf", bookmark=bookmark_name(i), label=str(i))
                    for i in range(len(contexts))
                ]
                (home / kind).mkdir()
                merged[kind] = (path, parts)
        # Warm-up: the first load of a form pays for fonts and filters.
        warm_path, warm_parts = merged["act"]
        backend.submit([BatchItem.merged(warm_path, warm_parts)]).result()
        pids = [pid for slot in backend.worker_pids() for pid in slot]  # the slot starts on first use
        per_doc_cpu = {}
        for kind, (path, parts) in merged.items():
            cpu = office_cpu(pids)
            started = time.perf_counter()
            results = backend.submit([BatchItem.merged(path, parts)]).result()
            wall = time.perf_counter() - started
            cpu = office_cpu(pids) - cpu
            failed = [r for r in results if not r.ok]
            if failed:
                print(f"{kind}: {len(failed)} documents failed", file=sys.stderr)
            per_doc_cpu[kind] = cpu / len(parts) * 1000
            figures[f"{kind}_cpu_ms"] = round(per_doc_cpu[kind], 1)
            figures[f"{kind}_wall_ms"] = round(wall / len(parts) * 1000, 1)
    finally:
        backend.close()
        database.dispose()
    package = sum(per_doc_cpu.values())
    figures["package_cpu_ms"] = round(package, 1)
    figures["floor_200_clients_s"] = round(200 * package / 1000 / (os.cpu_count() or 1), 2)
    for name, value in figures.items():
        print(f"{name:>22}: {value}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
