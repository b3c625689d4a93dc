"""PDF conversion with real LibreOffice: per-document PDFs from merged batches equal the
documents converted alone, and the pool survives crashes, hangs, broken files and Cancel."""

from __future__ import annotations

import os
import re
import signal
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from desktop.core.documents.pdf import (
    BatchItem,
    ConversionError,
    DocPart,
    LibreOfficeBackend,
    detect_backend,
    find_soffice,
    find_uno_python,
    merge_docx,
    merge_pdfs,
    page_count,
    page_texts,
)
from desktop.core.documents.pdf.libreoffice import kill_tree, plain_soffice_convert
from desktop.core.documents.pdf.sample import write_sample_docx
from desktop.core.errors import Cancelled, ConfigError
from desktop.core.jobs import CancelToken

pytestmark = pytest.mark.soffice

SOFFICE = find_soffice()
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
needs_uno = pytest.mark.skipif(
    SOFFICE is None or find_uno_python(SOFFICE) is None, reason="no Python with uno (python3-uno)"
)


def _sample_set(folder: Path) -> list[Path]:
    """One-page and multi-page documents of three kinds, with QR pictures and numbered lists."""
    specs = [
        ("act_1p", {"kind": "act", "number": 1, "rows": 5, "qr": True}),
        ("act_3p", {"kind": "act", "number": 2, "rows": 55}),
        ("invoice_2p_break", {"kind": "invoice", "number": 3, "rows": 4, "extra_page_break": True}),
        ("act_list", {"kind": "act", "number": 4, "rows": 3, "numbered": 3}),
        ("upd_2p", {"kind": "upd", "number": 5, "rows": 25, "qr": True}),
        ("act_list_again", {"kind": "act", "number": 6, "rows": 3, "numbered": 2}),
        ("invoice_1p", {"kind": "invoice", "number": 7, "rows": 6}),
    ]
    return [write_sample_docx(folder / f"{name}.docx", **kw) for name, kw in specs]  # type: ignore[arg-type]


def _normalize(text: str) -> str:
    return "\n".join(
        line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ).strip()


def _texts(pdf: Path) -> list[str]:
    return [_normalize(t) for t in page_texts(pdf)]


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path]:
    """The sample documents and their PDFs made by plain ``soffice --convert-to pdf``, one file each."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("samples")
    docs = _sample_set(folder)
    reference = tmp_path_factory.mktemp("reference")
    plain_soffice_convert(SOFFICE, docs, reference, tmp_path_factory.mktemp("plain-profile"), timeout=300)
    return docs, reference


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LibreOfficeBackend]:
    if SOFFICE is None or find_uno_python(SOFFICE) is None:
        pytest.skip("LibreOffice with python3-uno is not installed")
    backend = LibreOfficeBackend(workers=2, profile_root=tmp_path_factory.mktemp("profiles"))
    yield backend
    pids = [pid for group in backend.worker_pids() for pid in group]
    backend.close()
    _assert_gone(pids)


def _assert_gone(pids: list[int]) -> None:
    for pid in pids:
        try:
            proc = psutil.Process(pid)
        except psutil.NoSuchProcess:
            continue
        assert proc.status() == psutil.STATUS_ZOMBIE and proc.ppid() != os.getpid(), (
            f"process {pid} still runs"
        )


def _assert_same_as_alone(pdf: Path, reference: Path) -> None:
    assert pdf.is_file(), pdf
    assert page_count(pdf) == page_count(reference), pdf.name
    assert _texts(pdf) == _texts(reference), pdf.name


@needs_uno
def test_batch_pdfs_equal_each_document_converted_alone(
    pool: LibreOfficeBackend, samples: tuple[list[Path], Path], tmp_path: Path
) -> None:
    docs, reference = samples
    items = [BatchItem.single(doc, tmp_path / "out" / f"{doc.stem}.pdf") for doc in docs]
    seen: list[tuple[int, int]] = []

    results = pool.convert_batch(items, progress=lambda done, total, text: seen.append((done, total)))

    assert [r.ok for r in results] == [True] * len(docs)
    assert not any(r.alone for r in results), "the sample must go through the merged path"
    for doc, result in zip(docs, results, strict=True):
        ref = reference / f"{doc.stem}.pdf"
        _assert_same_as_alone(result.pdf, ref)
        assert result.pages == page_count(ref)
    # Multi-page documents really are multi-page, and page numbers restart per document.
    pages = {doc.stem: r.pages for doc, r in zip(docs, results, strict=True)}
    assert pages["act_3p"] >= 3 and pages["upd_2p"] >= 2 and pages["invoice_2p_break"] == 2
    for result in results:
        texts = _texts(result.pdf)
        for n, text in enumerate(texts, start=1):
            assert re.search(rf"Страница\s+{n}\s*$", text), (result.pdf.name, n)
    # Numbered lists restart in each document (1. 2. 3. then 1. 2.).
    second_list = " ".join(_texts(tmp_path / "out" / "act_list_again.pdf")[0].split())
    assert "1. Условие 1" in second_list and "2. Условие 2" in second_list, second_list
    assert seen[-1] == (len(docs), len(docs))
    assert sorted(d for d, _ in seen) == list(range(1, len(docs) + 1))
    assert not list((tmp_path / "out").glob("*.tmp*")), "no temp files are left next to the PDFs"


@needs_uno
def test_document_with_whole_file_fields_is_converted_alone_and_still_right(
    pool: LibreOfficeBackend, tmp_path: Path
) -> None:
    docs = [
        write_sample_docx(tmp_path / "a.docx", number=1, rows=3),
        write_sample_docx(tmp_path / "pages_of.docx", number=2, rows=50, numpages=True),
        write_sample_docx(tmp_path / "c.docx", number=3, rows=3),
    ]
    results = pool.convert_batch([BatchItem.single(d) for d in docs])

    assert [r.alone for r in results] == [False, True, False]
    assert all(r.ok for r in results)
    texts = _texts(tmp_path / "pages_of.pdf")
    total = len(texts)
    assert total >= 2
    assert all(re.search(rf"Страница\s+{n}\s+из\s+{total}\s*$", t) for n, t in enumerate(texts, start=1))
    assert results[0].pdf == tmp_path / "a.pdf"


@needs_uno
def test_caller_merged_docx_is_split_by_bookmarks_or_pages(
    pool: LibreOfficeBackend, samples: tuple[list[Path], Path], tmp_path: Path
) -> None:
    docs, reference = samples
    merged = tmp_path / "all.docx"
    names = merge_docx(docs, merged)
    by_bookmark = BatchItem.merged(
        merged,
        [DocPart(tmp_path / "bm" / f"{d.stem}.pdf", bookmark=n) for d, n in zip(docs, names, strict=True)],
    )
    first_pages = page_count(reference / f"{docs[0].stem}.pdf")
    by_pages = BatchItem.merged(merged, [DocPart(tmp_path / "pages" / "first.pdf", pages=(1, first_pages))])

    results = pool.convert_batch([by_bookmark, by_pages])

    assert len(results) == len(docs) + 1 and all(r.ok for r in results)
    for doc in docs:
        _assert_same_as_alone(tmp_path / "bm" / f"{doc.stem}.pdf", reference / f"{doc.stem}.pdf")
    _assert_same_as_alone(tmp_path / "pages" / "first.pdf", reference / f"{docs[0].stem}.pdf")


@needs_uno
def test_broken_docx_gets_a_clear_error_and_the_others_are_converted(
    pool: LibreOfficeBackend, tmp_path: Path
) -> None:
    good = [write_sample_docx(tmp_path / f"good{i}.docx", number=i) for i in range(3)]
    garbage = tmp_path / "Акт_мусор.docx"
    garbage.write_bytes(b"this is not a zip file at all\n" * 50)
    truncated = tmp_path / "Акт_обрезан.docx"
    truncated.write_bytes(good[0].read_bytes()[:3000])
    no_body = tmp_path / "Счёт_пустой.docx"
    with zipfile.ZipFile(no_body, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    files = [good[0], garbage, good[1], truncated, no_body, good[2]]

    results = pool.convert_batch([BatchItem.single(f) for f in files])

    assert [r.ok for r in results] == [True, False, True, False, False, True]
    for bad, result in zip(files, results, strict=True):
        if not result.ok:
            assert isinstance(result.error, ConversionError)
            assert bad.name in str(result.error) and "PDF" in str(result.error)
            assert not result.pdf.exists()
    for good_file in good:
        assert page_count(good_file.with_suffix(".pdf")) == 1
    with pytest.raises(ConversionError, match=re.escape("Акт_мусор.docx")):
        pool.convert([good[0], garbage])


@needs_uno
def test_cancel_stops_the_batch_and_the_pool_stays_usable(pool: LibreOfficeBackend, tmp_path: Path) -> None:
    docs = [write_sample_docx(tmp_path / f"d{i:02d}.docx", number=i, rows=3) for i in range(12)]
    token = CancelToken()

    def progress(done: int, total: int, text: str) -> None:
        token.cancel()

    # chunk_size 50 would put six documents on each worker; single documents make many small tasks.
    items = [BatchItem.single(d, tmp_path / "out" / f"{d.stem}.pdf") for d in docs]
    previous, pool.merge = pool.merge, False
    try:
        with pytest.raises(Cancelled):
            pool.convert_batch(items, progress=progress, cancel=token)
    finally:
        pool.merge = previous
    made = list((tmp_path / "out").glob("*.pdf"))
    assert len(made) < len(docs)
    assert all(page_count(p) == 1 for p in made), "a PDF is either complete or absent"
    assert not list((tmp_path / "out").glob(".*tmp*"))
    assert pool.convert([docs[0]], [tmp_path / "after.pdf"]) == [tmp_path / "after.pdf"]


@needs_uno
def test_killed_worker_is_restarted_and_the_batch_completes(tmp_path: Path) -> None:
    docs = [write_sample_docx(tmp_path / f"k{i:02d}.docx", number=i, rows=4) for i in range(24)]
    with LibreOfficeBackend(workers=1, chunk_size=6, profile_root=tmp_path / "profiles") as backend:
        killed = threading.Event()

        def progress(done: int, total: int, text: str) -> None:
            # Killed from the progress of the second chunk, with that chunk still in LibreOffice:
            # on a fast machine a timer could fire after the whole batch had ended.
            if done >= 8 and not killed.is_set():
                killed.set()
                for pid in reversed(backend.worker_pids()[0]):
                    _kill(pid)

        results = backend.convert_batch([BatchItem.single(d) for d in docs], progress=progress)

        assert killed.is_set()
        assert all(r.ok for r in results), [str(r.error) for r in results if not r.ok]
        assert all(page_count(d.with_suffix(".pdf")) == 1 for d in docs)
        assert backend.restarts >= 1
        pids = [pid for group in backend.worker_pids() for pid in group]
    _assert_gone(pids)


def _kill(pid: int) -> None:
    try:
        psutil.Process(pid).kill()
    except psutil.NoSuchProcess:
        pass


@needs_uno
@pytest.mark.skipif(sys.platform == "win32", reason="SIGSTOP freezes a process on POSIX only")
def test_hung_conversion_is_killed_after_the_timeout_and_retried(tmp_path: Path) -> None:
    docs = [write_sample_docx(tmp_path / f"h{i}.docx", number=i) for i in range(3)]
    with LibreOfficeBackend(
        workers=1, timeout=4, timeout_per_doc=0.5, profile_root=tmp_path / "profiles"
    ) as backend:
        backend.convert([docs[0]])  # started and warm
        frozen = backend.worker_pids()[0]
        for pid in frozen:
            os.kill(pid, signal.SIGSTOP)
        started = time.monotonic()
        results = backend.convert_batch([BatchItem.single(d) for d in docs])
        elapsed = time.monotonic() - started

        assert all(r.ok for r in results)
        assert backend.restarts >= 1
        assert elapsed < 60
        assert not any(
            psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE for pid in frozen
        )


@needs_soffice
def test_without_uno_the_cli_pool_gives_the_same_pdfs(
    samples: tuple[list[Path], Path], tmp_path: Path
) -> None:
    docs, reference = samples
    chosen = [docs[0], docs[1], docs[2]]
    with LibreOfficeBackend(mode="cli", workers=1, profile_root=tmp_path / "profiles") as backend:
        assert backend.mode == "cli"
        results = backend.convert_batch([BatchItem.single(d, tmp_path / f"{d.stem}.pdf") for d in chosen])
    assert all(r.ok and not r.alone for r in results)
    for doc in chosen:
        _assert_same_as_alone(tmp_path / f"{doc.stem}.pdf", reference / f"{doc.stem}.pdf")


@needs_uno
def test_submit_pipelines_batches(pool: LibreOfficeBackend, tmp_path: Path) -> None:
    first = [write_sample_docx(tmp_path / f"p1_{i}.docx", number=i) for i in range(4)]
    future = pool.submit([BatchItem.single(d) for d in first])
    # Rendering of the next batch goes on while the first converts.
    second = [write_sample_docx(tmp_path / f"p2_{i}.docx", number=10 + i) for i in range(4)]
    future2 = pool.submit([BatchItem.single(d) for d in second])
    assert [r.pdf for r in future.result(timeout=120)] == [d.with_suffix(".pdf") for d in first]
    assert all(r.ok for r in future2.result(timeout=120))


@needs_soffice
def test_merge_pdfs_joins_in_order(samples: tuple[list[Path], Path], tmp_path: Path) -> None:
    docs, reference = samples
    parts = [reference / f"{d.stem}.pdf" for d in docs[:3]]
    out = tmp_path / "Клиент" / "пакет.pdf"
    assert merge_pdfs(parts, out) == sum(page_count(p) for p in parts)
    assert _texts(out) == [t for p in parts for t in _texts(p)]


def test_detect_backend_explains_what_is_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AKTDESK_SOFFICE", str(tmp_path / "нет" / "soffice"))
    with pytest.raises(
        ConfigError, match="Не найден конвертер PDF: установите LibreOffice или Microsoft Word"
    ):
        detect_backend("auto")
    with pytest.raises(ConfigError, match="LibreOffice"):
        detect_backend("libreoffice")
    if sys.platform not in ("win32", "darwin"):
        with pytest.raises(ConfigError, match="Microsoft Word не найден"):
            detect_backend("word")
    with pytest.raises(ConfigError, match="Неизвестный конвертер PDF"):
        detect_backend("pdfmaker")


@needs_soffice
def test_detect_backend_finds_libreoffice_through_the_env_var(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert SOFFICE is not None
    monkeypatch.setenv("AKTDESK_SOFFICE", str(SOFFICE.resolve().parent))
    backend = detect_backend("libreoffice", profile_root=tmp_path)
    try:
        assert isinstance(backend, LibreOfficeBackend)
        assert backend.soffice.resolve().parent == SOFFICE.resolve().parent
        assert backend.worker_pids() == []  # nothing is started until the first batch
    finally:
        backend.close()


def test_kill_tree_of_a_finished_process_is_harmless() -> None:
    kill_tree(2**22 + 12345)
