"""Benchmark: N one-page documents (acts, invoices, UPDs) to PDF through the pool vs plain soffice.

    uv run --no-sync python bench/pdf_convert.py                 # 600 docs, pool (UNO) vs plain soffice
    uv run --no-sync python bench/pdf_convert.py --n 120 --modes uno,cli,uno-alone --plain 60

Prints docs/s for each mode and, last, one JSON line with the figures. The plain baseline is one
``soffice --headless --convert-to pdf`` call over the same files (or over the first ``--plain``
of them, scaled to N: say so in reports). Pool start-up (processes, profiles) is measured apart:
the application starts the pool once and keeps it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.core.documents.pdf import BatchItem, LibreOfficeBackend, find_soffice
from desktop.core.documents.pdf.libreoffice import plain_soffice_convert
from desktop.core.documents.pdf.sample import write_sample_docx

KINDS = ("act", "invoice", "upd")


def make_documents(folder: Path, n: int) -> list[Path]:
    """n documents, a third of each kind; each a distinct document (its own number and client)."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = {
        kind: write_sample_docx(folder / f"_base_{kind}.docx", kind=kind, number=999999, rows=5, qr=False)
        for kind in KINDS
    }
    files = []
    for i in range(n):
        kind = KINDS[i % 3]
        target = folder / f"{kind}_{i:04d}.docx"
        with zipfile.ZipFile(bases[kind]) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename == "word/document.xml":
                    text = data.decode("utf-8").replace("999999", str(i + 1))
                    text = text.replace("ООО «Ромашка»", f"ООО «Клиент {i + 1}»")
                    data = text.encode("utf-8")
                zout.writestr(info, data)
        files.append(target)
    for base in bases.values():
        base.unlink()
    return files


def run_pool(
    mode: str, files: list[Path], out: Path, workers: int, batch: int, profiles: Path
) -> dict[str, float]:
    merge = mode != "uno-alone"
    backend_mode = "cli" if mode == "cli" else "uno"
    t0 = time.perf_counter()
    with LibreOfficeBackend(
        workers=workers, mode=backend_mode, merge=merge, profile_root=profiles / mode
    ) as pool:  # type: ignore[arg-type]
        pool.start()
        # Warm up: every worker has its process up (what the application does once per session).
        warm = [BatchItem.single(files[i % len(files)], out / f"_warm{i}.pdf") for i in range(workers)]
        if backend_mode == "uno":
            pool.convert_batch(warm)
        startup = time.perf_counter() - t0
        started = time.perf_counter()
        futures = []
        for i in range(0, len(files), batch):
            # Pipelined: the renderer hands over a batch and goes on; here the files are ready.
            chunk = files[i : i + batch]
            futures.append(pool.submit([BatchItem.single(f, out / f"{f.stem}.pdf") for f in chunk]))
        results = [r for f in futures for r in f.result()]
        seconds = time.perf_counter() - started
        restarts = pool.restarts
    failed = [r for r in results if not r.ok]
    if failed:
        print(f"  {len(failed)} failed, first: {failed[0].error}", file=sys.stderr)
    return {
        "seconds": round(seconds, 2),
        "docs_per_s": round(len(files) / seconds, 1),
        "startup_seconds": round(startup, 2),
        "ok": len(results) - len(failed),
        "restarts": restarts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=600, help="documents (a third each: acts, invoices, UPDs)")
    parser.add_argument("--workers", type=int, default=None, help="pool size (default: one per core)")
    parser.add_argument("--batch", type=int, default=100, help="documents per submit()")
    parser.add_argument("--modes", default="uno", help="comma list of uno, cli, uno-alone")
    parser.add_argument("--plain", type=int, default=None, help="plain soffice over the first K files only")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()

    soffice = find_soffice()
    if soffice is None:
        sys.exit("LibreOffice (soffice) is not installed")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="aktdesk-bench-pdf-"))
    t = time.perf_counter()
    files = make_documents(work / "docx", args.n)
    print(f"{args.n} documents written in {time.perf_counter() - t:.1f} s to {work}")
    workers = args.workers or os.cpu_count() or 1
    figures: dict[str, object] = {
        "docs": args.n,
        "workers": workers,
        "batch": args.batch,
        "soffice": str(soffice),
    }
    profiles = work / "profiles"
    for mode in args.modes.split(","):
        out = work / f"pdf-{mode}"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        res = run_pool(mode, files, out, workers, args.batch, profiles)
        print(
            f"pool {mode:9s}: {res['seconds']:7.2f} s  {res['docs_per_s']:6.1f} docs/s  "
            f"(start-up {res['startup_seconds']} s, ok {res['ok']}/{args.n}, restarts {res['restarts']})"
        )
        figures[mode] = res

    k = min(args.plain or args.n, args.n)
    plain_out = work / "pdf-plain"
    shutil.rmtree(plain_out, ignore_errors=True)
    plain_out.mkdir()
    plain = plain_soffice_convert(soffice, files[:k], plain_out, work / "profiles" / "plain")
    plain_full = plain * args.n / k
    made = len(list(plain_out.glob("*.pdf")))
    note = "" if k == args.n else f" (over {k} files, scaled to {args.n})"
    print(f"plain soffice : {plain_full:7.2f} s  {args.n / plain_full:6.1f} docs/s{note}, {made} PDFs")
    figures["plain"] = {
        "seconds": round(plain_full, 2),
        "measured_files": k,
        "docs_per_s": round(args.n / plain_full, 1),
    }
    first = args.modes.split(",")[0]
    pool_seconds = figures[first]["seconds"]  # type: ignore[index]
    figures["ratio"] = round(pool_seconds / plain_full, 3)
    print(f"ratio pool/plain ({first}): {figures['ratio']}")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
