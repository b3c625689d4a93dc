"""The document engine alone: the full package for N clients (act + invoice + UPD, DOCX + PDF + XML).

    uv run python bench/documents.py [--clients 200]

Makes N demo clients in a temporary database and issues their documents for the previous month
(the closing's database part, not timed: acts, invoices and UPDs as each contract asks), then
times the file stages for those documents: DOCX rendering, UPD XML, and PDF through the
converter pool fed with merged batches.
In the same run it converts the same DOCX files with plain ``soffice --headless --convert-to
pdf``. Prints docs/s per stage, the total wall time, peak memory and the ratio ours / plain
soffice; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--skip-soffice", action="store_true")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="aktdesk-docs-"))
    os.environ.setdefault("AKTDESK_HOME", str(home))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    from desktop.core.closing import plan as closing
    from desktop.core.closing.files import FileWriter
    from desktop.core.db import open_database
    from desktop.core.demo.data import fill_demo

    database = open_database(f"sqlite:///{home / 'docs.sqlite'}")
    today = dt.date(2026, 11, 22)
    with database.transaction() as session:
        fill_demo(session, clients=args.clients, seed=1, today=today)
    with database.session() as session:
        plan = closing.plan(session, "2026-10")
    issued = closing.execute(database, plan)
    ids = issued.document_ids
    out = home / "out"
    figures: dict[str, object] = {"clients": args.clients, "documents": len(ids)}
    writer = FileWriter(database, out, pdf=True)
    writer._starter.join() if writer._starter else None  # the pool start is not the documents' cost
    started = time.perf_counter()
    result = closing.ClosingResult("2026-10")
    try:
        for start in range(0, len(ids), 60):
            writer.pending.extend(ids[start : start + 60])
            writer._flush()
        rendered = time.perf_counter()
        writer.finish(result)
    finally:
        writer.close()
    wall = time.perf_counter() - started
    docx_count = len(writer.written)
    figures.update(
        wall_s=round(wall, 2),
        docx_ms=round((rendered - started) * 1000 / max(docx_count, 1), 2),
        render_and_submit_s=round(rendered - started, 2),
        pdf=result.pdf,
        xml=result.xml,
        errors=len(result.errors),
        docs_per_s=round(docx_count / wall, 1),
        peak_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )
    if not args.skip_soffice:
        from desktop.core.documents.pdf import find_soffice
        from desktop.core.documents.pdf.libreoffice import plain_soffice_convert

        files = sorted(p for p in out.rglob("*.docx"))
        seconds = plain_soffice_convert(find_soffice(), files, home / "plain", home / "profile")
        figures["plain_soffice_s"] = round(seconds, 2)
        figures["ratio_vs_soffice"] = round(wall / seconds, 3) if seconds else None
    for name, value in figures.items():
        print(f"{name:>20}: {value}")
    print(json.dumps(figures))
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
