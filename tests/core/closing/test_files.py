"""The closing's files: every document gets DOCX, PDF (and UPD XML), and each PDF cut from a merged
batch equals what converting that document alone gives (page count and text)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import zipfile
from pathlib import Path

import psutil
import pytest
from lxml import etree
from sqlalchemy import select

from desktop.core.closing import plan as closing
from desktop.core.closing.files import POOL_MIN, FileWriter, close_kept_pools
from desktop.core.common.money import format_money
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.documents.pdf import find_soffice, page_texts
from desktop.core.documents.pdf.libreoffice import plain_soffice_convert
from desktop.core.documents.upd_xml import upd_schema
from desktop.core.models import Document
from tests.factories.forms import text_of

TODAY = dt.date(2026, 11, 22)


def _normal(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def test_closing_writes_every_file_and_batch_pdfs_equal_single_conversions(
    sqlite_db: Database, tmp_path: Path
) -> None:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=8, seed=21, today=TODAY)
    with sqlite_db.session() as session:
        plan = closing.plan(session, "2026-10")
    out = tmp_path / "out"
    writer = FileWriter(sqlite_db, out, pdf=True)
    try:
        result = closing.execute(sqlite_db, plan, after_contract=writer.add)
        writer.finish(result)
    finally:
        writer.close()
    assert result.errors == []
    with sqlite_db.session() as session:
        documents = list(session.scalars(select(Document)))
        assert documents and result.pdf == len(documents)
        for document in documents:
            assert document.docx_path and Path(document.docx_path).exists()
            assert document.pdf_path and Path(document.pdf_path).exists()
            text = _normal(" ".join(page_texts(Path(document.pdf_path))))
            assert (
                document.number in text and format_money(document.amount_total).replace("\u00a0", " ") in text
            )
            if document.kind == "upd":
                # Short in the folder (Windows paths), the FNS name inside.
                assert (
                    document.xml_path
                    and Path(document.xml_path).name == f"УПД {document.number} от 31.10.2026.xml"
                )
                root = etree.parse(document.xml_path).getroot()
                assert (root.get("ИдФайл") or "").startswith("ON_NSCHFDOPPR_")
                assert upd_schema().validate(etree.parse(document.xml_path))
        sample = [d for d in documents if d.kind == "act"][:2] + [
            d for d in documents if d.kind == "invoice"
        ][:1]
        sample_files = [(Path(d.docx_path), Path(d.pdf_path)) for d in sample]
    assert not (out / ".batches").exists()  # the merged files were temporary

    alone = tmp_path / "alone"
    alone.mkdir()
    plain_soffice_convert(find_soffice(), [docx for docx, _ in sample_files], alone, tmp_path / "profile")
    for docx, batch_pdf in sample_files:
        single = page_texts(alone / (docx.stem + ".pdf"))
        cut = page_texts(batch_pdf)
        assert len(cut) == len(single)
        assert [_normal(p) for p in cut] == [_normal(p) for p in single]


def test_print_pdf_joins_each_clients_documents_and_the_whole_run(
    sqlite_db: Database, tmp_path: Path
) -> None:
    from desktop.core.documents.pdf import page_count

    with sqlite_db.transaction() as session:
        fill_demo(session, clients=4, seed=1, today=TODAY)
    with sqlite_db.session() as session:
        plan = closing.plan(session, "2026-10")
    out = tmp_path / "out"
    writer = FileWriter(sqlite_db, out, pdf=True, print_pdf=True)
    try:
        result = closing.execute(sqlite_db, plan, after_contract=writer.add)
        writer.finish(result)
    finally:
        writer.close()
    assert result.errors == []
    with sqlite_db.session() as session:
        documents = list(session.scalars(select(Document).where(Document.current.is_(True))))
    by_client: dict[tuple[int, int], list[Document]] = {}
    for document in documents:
        by_client.setdefault((document.own_entity_id, document.counterparty_id), []).append(document)
    assert any(d.period == "2026-11" for d in documents)  # a prepayment invoice for the next month
    packages = [Path(p) for p in result.print_files]
    run_pdf = packages[-1]
    assert run_pdf.name.startswith("На печать 2026-10") and run_pdf.parent == out / "2026-10"
    assert len(packages) - 1 == len(by_client)
    for docs in by_client.values():
        of_period = [d for d in docs if d.period == "2026-10"]
        folder = Path((of_period or docs)[0].pdf_path or "").parent
        package = folder / "Пакет документов 2026-10.pdf"
        assert package in packages
        pages = sum(page_count(Path(d.pdf_path or "")) for d in docs)
        pages += sum(page_count(p) for p in folder.glob("Детализация*.pdf"))
        assert page_count(package) == pages
        text = _normal(" ".join(page_texts(package)))
        assert all(d.number in text for d in docs)
    total = sum(page_count(p) for p in packages[:-1])
    assert page_count(run_pdf) == total
    assert "print_files" in result.as_dict()


def _parts(docx: Path) -> dict[str, bytes]:
    """The XML parts a reader sees (body, headers, footers); zip dates and order aside."""
    with zipfile.ZipFile(docx) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.endswith(".xml") and n.startswith("word/")}


def test_a_big_run_renders_in_worker_processes_and_gives_the_same_files(
    sqlite_db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """From POOL_MIN documents on, worker processes write the files; they equal the in-process ones."""

    with sqlite_db.transaction() as session:
        fill_demo(session, clients=20, seed=21, today=TODAY)
    with sqlite_db.session() as session:
        plan = closing.plan(session, "2026-10")
    caplog.set_level(logging.INFO)
    pooled = FileWriter(sqlite_db, tmp_path / "pool", pdf=True, workers=2)
    pooled.start_workers(wait=True)  # a big run starts them by itself; here every batch must go to them
    try:
        result = closing.execute(sqlite_db, plan, after_contract=pooled.add)
        pooled.finish(result)
    finally:
        pooled.close()
    assert result.errors == []
    assert pooled.worker_peak_mb and os.getpid() not in pooled.worker_peak_mb  # other processes wrote them
    # What the workers log reaches this process's log (the app's log file), with their pid.
    worker_records = [r for r in caplog.records if r.process in pooled.worker_peak_mb]
    assert any("rendering worker" in r.getMessage() for r in worker_records)
    with sqlite_db.session() as session:
        documents = list(session.scalars(select(Document).order_by(Document.id)))
        first = {d.id: (Path(d.docx_path or ""), Path(d.pdf_path or ""), d.xml_path) for d in documents}
    assert len(documents) >= POOL_MIN and result.pdf == len(documents)
    assert sum(1 for _, _, xml in first.values() if xml) == result.xml > 0

    alone = FileWriter(sqlite_db, tmp_path / "here", pdf=True, workers=0)
    try:
        alone.add(documents)
        alone.finish(closing.ClosingResult("2026-10"))
    finally:
        alone.close()
    assert alone.errors == [] and not alone.worker_peak_mb
    with sqlite_db.session() as session:
        second = {
            d.id: (Path(d.docx_path or ""), Path(d.pdf_path or "")) for d in session.scalars(select(Document))
        }
    for document_id, (docx, pdf, _) in first.items():
        here_docx, here_pdf = second[document_id]
        assert here_docx.parent != docx.parent and here_docx.name == docx.name
        assert _parts(here_docx) == _parts(docx)
        assert text_of(here_docx.read_bytes()) == text_of(docx.read_bytes())
        pages, here_pages = page_texts(pdf), page_texts(here_pdf)
        assert len(pages) == len(here_pages) >= 1
        assert [_normal(p) for p in pages] == [_normal(p) for p in here_pages]
    details = sorted((tmp_path / "pool").rglob("Детализация*.pdf"))
    assert details and len(details) == len(list((tmp_path / "here").rglob("Детализация*.pdf")))


def test_the_next_closing_takes_over_the_workers_and_libreoffice_the_last_one_kept(
    sqlite_db: Database, tmp_path: Path
) -> None:
    """``keep_pools`` (the closing tab): the next month renders in the same worker processes and
    converts in the same LibreOffice, every file written; ``close_kept_pools`` stops them."""
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=20, seed=21, today=TODAY)
    runs = []
    for period in ("2026-09", "2026-10"):
        running = {p.pid for p in psutil.Process().children(recursive=True)}  # before this run
        files = FileWriter(sqlite_db, tmp_path / "out", pdf=True, workers=2, keep_pools=True)
        try:
            with sqlite_db.session() as session:
                plan = closing.plan(session, period)
            files.expect(plan.documents_to_issue())
            result = closing.execute(sqlite_db, plan, after_contract=files.add)
            files.finish(result)
            office = {pid for slot in files.backend.worker_pids() for pid in slot}
        finally:
            files.close()
        assert result.errors == []
        assert result.pdf == sum(result.documents.values()) >= POOL_MIN
        runs.append((running, set(files.worker_peak_mb), office))
    (_, first_workers, first_office), (kept, second_workers, second_office) = runs
    assert first_workers and second_workers and os.getpid() not in second_workers
    assert second_workers <= kept  # workers already running when the second closing began
    assert first_office and second_office == first_office
    with sqlite_db.session() as session:
        documents = list(session.scalars(select(Document)))
    assert documents and all(Path(d.docx_path or "").is_file() for d in documents)
    assert all(Path(d.pdf_path or "").is_file() for d in documents)

    close_kept_pools()

    def gone(pid: int) -> bool:
        try:
            return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return True

    assert all(gone(pid) for pid in first_workers | second_workers | first_office)


def test_workers_write_the_files_on_sqlite_and_postgresql_reading_read_only(
    any_db: Database, tmp_path: Path
) -> None:
    import gc

    from sqlalchemy import text

    from desktop.core.closing import files as closing_files

    with any_db.transaction() as session:
        fill_demo(session, clients=20, seed=3, today=TODAY)
    with any_db.session() as session:
        plan = closing.plan(session, "2026-10")
    writer = FileWriter(any_db, tmp_path / "out", pdf=False, workers=2)
    writer.start_workers(wait=True)
    try:
        result = closing.execute(any_db, plan, after_contract=writer.add)
        writer.finish(result)
    finally:
        writer.close()
    assert result.errors == [] and writer.worker_peak_mb
    with any_db.session() as session:
        documents = list(session.scalars(select(Document)))
    assert documents and all(d.docx_path and Path(d.docx_path).exists() for d in documents)
    assert result.xml == sum(1 for d in documents if d.kind in ("upd", "sf")) > 0

    # A worker's connection cannot change the database.
    closing_files._worker_start(any_db.engine.url)
    gc.unfreeze()
    worker_db = closing_files._worker_database
    assert worker_db is not None
    try:
        with worker_db.session() as session, pytest.raises(Exception, match=r"(?i)read.?only"):
            session.execute(text("UPDATE documents SET docx_path = NULL"))
            session.commit()
    finally:
        worker_db.dispose()
        closing_files._worker_database = None
    with any_db.session() as session:
        assert session.scalar(select(Document.docx_path).where(Document.id == documents[0].id))


def test_the_next_run_writes_the_files_a_killed_run_left_including_advance_invoices(
    sqlite_db: Database, tmp_path: Path
) -> None:
    """Rows committed, files never written (the process was killed): the next run writes them all,
    the advance invoices of the coming month included."""
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=30, seed=4, today=TODAY)
    with sqlite_db.session() as session:
        plan = closing.plan(session, "2026-10")
    first = closing.execute(sqlite_db, plan)  # the killed run: documents, no files
    assert sum(first.documents.values()) > 0
    with sqlite_db.session() as session:
        plan = closing.plan(session, "2026-10")
    writer = FileWriter(sqlite_db, tmp_path / "out", pdf=False, workers=0)
    try:
        again = closing.execute(sqlite_db, plan, after_contract=writer.add)
        writer.finish(again)
    finally:
        writer.close()
    assert sum(again.documents.values()) == 0 and again.errors == []
    with sqlite_db.session() as session:
        documents = list(session.scalars(select(Document)))
    assert {d.period for d in documents} == {"2026-10", "2026-11"}  # advance invoices for November
    assert all(d.docx_path and Path(d.docx_path).exists() for d in documents)
