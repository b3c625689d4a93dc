"""How fast the print forms render: per-DOCX time of each form and of UPD XML, plus a 200-act batch.

    uv run python bench/forms_render.py

Uses the realistic in-memory sample documents of the tests. Prints the figures; the last line
is one JSON object.
"""

from __future__ import annotations

import dataclasses
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def per_call_ms(action, runs: int = 50) -> float:  # type: ignore[no-untyped-def]
    action()  # prepared once per process, outside the timing
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 2)


def main() -> int:
    from desktop.core.documents import render as R
    from desktop.core.documents.context import act_context, invoice_context, upd_context
    from desktop.core.documents.pdf.docxmerge import merge_docx
    from desktop.core.documents.upd_xml import build_upd_xml, upd_data_from_document
    from tests.factories.forms import document

    tmp = Path(tempfile.mkdtemp(prefix="aktdesk-forms-"))
    doc = document(tmp)
    figures: dict[str, float] = {
        "act_ms": per_call_ms(lambda: R.render("act", act_context(doc))),
        "act_no_stamp_ms": per_call_ms(lambda: R.render("act", act_context(doc, with_stamp=False))),
        "invoice_ms": per_call_ms(lambda: R.render("invoice", invoice_context(doc))),
    }
    upd_doc = document(tmp, "upd")
    figures["upd_ms"] = per_call_ms(lambda: R.render("upd", upd_context(upd_doc)))
    try:
        data = upd_data_from_document(upd_doc)
        figures["upd_xml_ms"] = per_call_ms(lambda: build_upd_xml(dataclasses.replace(data)))
    except Exception as error:  # the sample buyer's INN is made up: the XML refuses it
        print(f"UPD XML not timed: {error}", file=sys.stderr)
    files = [R.render_to_file("act", act_context(doc), tmp / "batch" / f"{i}.docx") for i in range(200)]
    started = time.perf_counter()
    merge_docx(files, tmp / "batch.docx")
    figures["merge_200_acts_s"] = round(time.perf_counter() - started, 3)
    for name, value in figures.items():
        print(f"{name:>18}: {value}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
