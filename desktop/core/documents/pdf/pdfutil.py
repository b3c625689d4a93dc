"""PDF files with pypdfium2: page counts, text, named destinations, split by pages, merge.

pdfium is not thread-safe, and the conversion pool calls it from several threads: every
call here holds ``PDFIUM_LOCK``. Other modules that use pypdfium2 at the same time should
take it too.
"""

from __future__ import annotations

import ctypes
import itertools
import threading
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from desktop.core.common.files import write_atomic
from desktop.core.documents.pdf.base import storage_error
from desktop.core.errors import StorageError

PDFIUM_LOCK = threading.RLock()


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise StorageError(
            f"Файл «{path.name}» не является PDF или повреждён ({exc})", field=str(path)
        ) from exc


def page_count(path: Path) -> int:
    with PDFIUM_LOCK:
        pdf = _open(path)
        try:
            return len(pdf)
        finally:
            pdf.close()


def page_texts(path: Path) -> list[str]:
    """The text of each page, as pdfium extracts it."""
    with PDFIUM_LOCK:
        pdf = _open(path)
        try:
            texts = []
            for i in range(len(pdf)):
                page = pdf[i]
                textpage = page.get_textpage()
                texts.append(textpage.get_text_range())
                textpage.close()
                page.close()
            return texts
        finally:
            pdf.close()


def named_destinations(path: Path) -> dict[str, int]:
    """Named destinations of a PDF and their 0-based page index (LibreOffice writes bookmarks so)."""
    with PDFIUM_LOCK:
        pdf = _open(path)
        try:
            return _named_destinations(pdf)
        finally:
            pdf.close()


def _named_destinations(pdf: pdfium.PdfDocument) -> dict[str, int]:
    result: dict[str, int] = {}
    count = pdfium_c.FPDF_CountNamedDests(pdf.raw)
    for i in range(count):
        size = ctypes.c_long(0)
        pdfium_c.FPDF_GetNamedDest(pdf.raw, i, None, ctypes.byref(size))
        if size.value <= 0:
            continue
        buf = ctypes.create_string_buffer(size.value)
        dest = pdfium_c.FPDF_GetNamedDest(pdf.raw, i, buf, ctypes.byref(size))
        if not dest:
            continue
        name = buf.raw[: size.value].decode("utf-16-le", errors="replace").rstrip("\x00")
        index = pdfium_c.FPDFDest_GetDestPageIndex(pdf.raw, dest)
        if index >= 0:
            result[name] = index
    return result


def outline_destinations(path: Path) -> dict[str, int]:
    """Outline (bookmark panel) titles and their 0-based page index; Word exports bookmarks so."""
    with PDFIUM_LOCK:
        pdf = _open(path)
        try:
            result: dict[str, int] = {}
            for item in pdf.get_toc():
                dest = item.get_dest()
                if dest is not None and item.get_title() not in result:
                    result[item.get_title()] = dest.get_index()
            return result
        finally:
            pdf.close()


def document_starts(path: Path, bookmarks: Sequence[str]) -> tuple[list[int], int]:
    """The 0-based first page of each bookmarked document and the PDF's page count.

    Raises ``ValueError`` if a bookmark is missing or the starts do not increase: the split
    would then be wrong, so the caller converts the documents alone instead.
    """
    with PDFIUM_LOCK:
        pdf = _open(path)
        try:
            dests = _named_destinations(pdf)
            total = len(pdf)
        finally:
            pdf.close()
    starts = []
    for name in bookmarks:
        if name not in dests:
            raise ValueError(f"bookmark {name} is not among the PDF's named destinations")
        starts.append(dests[name])
    if not starts or starts[0] != 0 or any(b <= a for a, b in itertools.pairwise(starts)):
        raise ValueError(f"document starts {starts} do not increase from page 0")
    if starts[-1] >= total:
        raise ValueError(f"the last document starts at page {starts[-1]} of {total}")
    return starts, total


def ranges_from_starts(starts: Sequence[int], total: int) -> list[range]:
    ends = [*starts[1:], total]
    return [range(a, b) for a, b in zip(starts, ends, strict=True)]


def split_pdf(src: Path, parts: Sequence[tuple[range, Path]]) -> list[StorageError | None]:
    """Write each page range of ``src`` to its own PDF, atomically; one error (or None) per part.

    A part that cannot be written (folder gone, disk full) does not stop the others.
    """
    errors: list[StorageError | None] = []
    with PDFIUM_LOCK:
        pdf = _open(src)
        try:
            for pages, target in parts:
                out = pdfium.PdfDocument.new()
                try:
                    out.import_pages(pdf, list(pages))
                    _save(out, target)
                    errors.append(None)
                except StorageError as exc:
                    errors.append(exc)
                except pdfium.PdfiumError as exc:
                    errors.append(StorageError(f"Не удалось выделить страницы для «{target.name}» ({exc})"))
                finally:
                    out.close()
        finally:
            pdf.close()
    return errors


def _save(pdf: pdfium.PdfDocument, target: Path) -> None:
    try:
        write_atomic(target, pdf.save)
    except OSError as exc:
        raise storage_error(target, exc) from exc


def merge_pdfs(paths: Sequence[Path], out: Path) -> int:
    """Join PDFs in order into ``out`` (one PDF per client or batch); returns its page count."""
    if not paths:
        raise ValueError("nothing to merge")
    with PDFIUM_LOCK:
        merged = pdfium.PdfDocument.new()
        try:
            for path in paths:
                src = _open(path)
                try:
                    merged.import_pages(src)
                finally:
                    src.close()
            _save(merged, out)
            return len(merged)
        finally:
            merged.close()
