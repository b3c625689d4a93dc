"""The real round trip: a month's acts and UPDs printed to PDF (LibreOffice), scanned, and filed back.

The generated documents carry the small id QR; their pages are rasterised at 150 dpi, slightly
rotated, blurred and noised, and put into one multi-page PDF with a blank page and an invoice
among them, as a scanner would give the signed stack back. The inbox files every act and UPD
with exactly its own pages and lists the rest.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from sqlalchemy import select

from desktop.core.closing import plan as closing
from desktop.core.closing.files import FileWriter
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.documents.context import ID_QR_PREFIX
from desktop.core.models import Document
from desktop.core.scans.inbox import page_images, run_inbox
from desktop.core.scans.store import ScanStore
from tests.factories.scan_inbox import blank_page, pdf_page_count, qr_page, rasterise, save_pdf

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[tuple[int, str, str, Path]]]:
    """A closed month of four demo clients with DOCX → PDF files: (database URL, [(id, kind, number, pdf)])."""
    from desktop.core.db import open_database

    base = tmp_path_factory.mktemp("printed")
    with (
        pytest.MonkeyPatch.context() as env
    ):  # module-scoped: keep LibreOffice's profile out of the real home
        env.setenv("AKTDESK_HOME", str(base / "home"))
        url = f"sqlite:///{base / 'db.sqlite'}"
        database = open_database(url)
        with database.transaction() as session:
            fill_demo(session, clients=4, seed=21, today=TODAY)
        with database.session() as session:
            plan = closing.plan(session, "2026-10")
        writer = FileWriter(database, base / "out", pdf=True)
        try:
            result = closing.execute(database, plan, after_contract=writer.add)
            writer.finish(result)
        finally:
            writer.close()
        assert result.errors == []
        with database.session() as session:
            documents = [
                (d.id, d.kind, d.number, Path(d.pdf_path or ""))
                for d in session.scalars(select(Document).order_by(Document.id))
            ]
        database.dispose()
    return url, documents


def test_acts_carry_a_small_id_qr_in_their_title_that_does_not_change_the_layout(
    printed: tuple[str, list[tuple[int, str, str, Path]]],
) -> None:
    _, documents = printed
    for document_id, kind, _number, pdf in documents:
        if kind not in ("act", "upd"):
            continue
        assert pdf_page_count(pdf) == 1  # the QR adds no page
        page = pdfium.PdfDocument(str(pdf))[0]
        image = page.render(scale=150 / 72, grayscale=True).to_pil()
        (code,) = [c for c in zxingcpp.read_barcodes(image) if c.text.startswith(ID_QR_PREFIX)]
        assert code.text == f"{ID_QR_PREFIX}{document_id}"
        xs = [p.x for p in (code.position.top_left, code.position.top_right, code.position.bottom_right)]
        side_mm = (max(xs) - min(xs)) / 150 * 25.4
        assert side_mm < 16  # small: 15 mm with its quiet zone
        ys = [code.position.top_left.y, code.position.bottom_left.y]
        assert max(ys) < image.height / 3  # in the head of the page, clear of the table and signatures


def test_a_scanned_stack_of_printed_documents_is_filed_back_act_by_act(
    printed: tuple[str, list[tuple[int, str, str, Path]]], tmp_path: Path
) -> None:
    from desktop.core.db import open_database

    url, documents = printed
    database: Database = open_database(url)
    signable = [(i, n, p) for i, kind, n, p in documents if kind in ("act", "upd")]
    invoice = next(p for _, kind, _, p in documents if kind == "invoice")
    pages = []
    expected: dict[int, list[int]] = {}
    for seed, (document_id, _number, pdf) in enumerate(signable):
        start = len(pages) + 1
        pages += rasterise(pdf, seed=seed)
        if seed == 0:
            pages.append(qr_page(None, "signed act, page 2 (the client's remarks)", angle=-0.7))
        expected[document_id] = list(range(start, len(pages) + 1))
        if seed == 1:
            pages.append(blank_page())
            blank_at = len(pages)
        if seed == 2:
            pages += rasterise(invoice, seed=9)
            invoice_at = len(pages)
    stack = save_pdf(pages, tmp_path / "Сканер" / "scan_0001.pdf")
    share = tmp_path / "share"
    share.mkdir()
    store = ScanStore(share, tmp_path / "outbox")

    report = run_inbox(database, store, [stack])

    assert report.errors == [] and report.pages == len(pages)
    filed = {f.document_id: f for f in report.with_status("stored")}
    assert {i: [p.index + 1 for p in f.pages] for i, f in filed.items()} == expected
    assert {u.page.index + 1: u.reason for u in report.unrecognised}.keys() == {blank_at, invoice_at}
    for document_id, f in filed.items():
        stored = share / f.path
        assert pdf_page_count(stored) == len(expected[document_id])
        first = next(iter(page_images(stored, "pdf")))
        assert f"{ID_QR_PREFIX}{document_id}" in [c.text for c in zxingcpp.read_barcodes(first)]
    with database.session() as session:
        for document_id in expected:
            document = session.get(Document, document_id)
            assert document is not None and document.signed
    database.dispose()
