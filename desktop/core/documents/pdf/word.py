"""MS Word backend (Windows, macOS): docx2pdf drives Word, one document at a time.

Word lays out exactly as the accountant sees the template in Word, but it is one process
without parallelism, so documents are converted as they are (no merging). A batch goes to
docx2pdf as one folder, so Word starts once per batch, not once per document.
"""

from __future__ import annotations

import contextlib
import importlib.util
import shutil
import sys
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from desktop.core.documents.pdf import pdfutil
from desktop.core.documents.pdf.base import (
    BatchConverter,
    BatchItem,
    ConversionError,
    PdfResult,
    atomic_move,
)
from desktop.core.documents.pdf.libreoffice import part_ranges
from desktop.core.errors import Cancelled, ConfigError, UserError
from desktop.core.jobs import CancelToken, Progress

_CHUNK = 20  # documents per Word run: the granularity of progress and cancellation
WD_FORMAT_PDF = 17
WD_EXPORT_CREATE_WORD_BOOKMARKS = 2


def _word_installed() -> bool:
    if sys.platform == "win32":
        try:
            import winreg  # deferred: Windows only

            with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, r"Word.Application\CLSID"):
                return importlib.util.find_spec("win32com") is not None
        except OSError:
            return False
    if sys.platform == "darwin":
        return any(
            (root / "Microsoft Word.app").is_dir()
            for root in (Path("/Applications"), Path.home() / "Applications")
        )
    return False


def word_available() -> bool:
    """True where docx2pdf can drive an installed MS Word (never on Linux)."""
    return importlib.util.find_spec("docx2pdf") is not None and _word_installed()


def _com_init() -> None:
    with contextlib.suppress(ImportError):
        # deferred: Windows only (pywin32)
        import pythoncom  # type: ignore[import-untyped,import-not-found,unused-ignore]

        pythoncom.CoInitialize()


def _docx2pdf(src: Path, dst: Path) -> None:
    """docx2pdf on a file or a folder; its failures (even ``sys.exit``) become RuntimeError."""
    import docx2pdf  # deferred: Word automation, Windows only

    try:
        docx2pdf.convert(str(src), str(dst))
    except SystemExit as exc:  # docx2pdf's macOS path exits on a Word error
        raise RuntimeError(f"Word сообщил об ошибке (код {exc.code})") from None


class WordBackend(BatchConverter):
    """PDF through MS Word (docx2pdf)."""

    name = "word"

    def __init__(self) -> None:
        if not word_available():
            raise ConfigError(
                "Microsoft Word не найден: конвертер PDF «MS Word» работает только в Windows и macOS "
                "с установленным Word. Выберите LibreOffice в настройках.",
                field="pdf_converter",
            )
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="word-pdf", initializer=_com_init
        )
        self._lock = threading.Lock()

    def __enter__(self) -> WordBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._executor.shutdown(wait=True)

    def submit(
        self,
        items: Sequence[BatchItem],
        *,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> Future[list[PdfResult]]:
        return self._executor.submit(self._run, list(items), progress, cancel)

    def _run(
        self, items: list[BatchItem], progress: Progress | None, cancel: CancelToken | None
    ) -> list[PdfResult]:
        total = sum(len(item.outputs()) for item in items)
        results: list[PdfResult] = []

        def record(result: PdfResult) -> None:
            results.append(result)
            if progress is not None:
                progress(len(results), total, f"PDF: {result.pdf.name}")

        singles = [item for item in items if not item.is_merged]
        by_item: dict[int, list[PdfResult]] = {}
        for start in range(0, len(singles), _CHUNK):
            if cancel is not None:
                cancel.raise_if_cancelled()
            chunk = singles[start : start + _CHUNK]
            for item, result in zip(chunk, self._convert_singles(chunk), strict=True):
                by_item[id(item)] = [result]
                if progress is not None:
                    progress(sum(len(v) for v in by_item.values()), total, f"PDF: {result.pdf.name}")
        ordered: list[PdfResult] = []
        for item in items:
            if item.is_merged:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                ordered.extend(self._convert_merged(item))
            else:
                ordered.extend(by_item[id(item)])
        del record
        return ordered

    def _convert_singles(self, items: list[BatchItem]) -> list[PdfResult]:
        with tempfile.TemporaryDirectory(prefix="aktdesk-word-") as tmp:
            src_dir, out_dir = Path(tmp) / "in", Path(tmp) / "out"
            src_dir.mkdir()
            out_dir.mkdir()
            names = []
            for i, item in enumerate(items):
                name = f"{i:05d}.docx"
                names.append(name)
                with contextlib.suppress(OSError):
                    shutil.copyfile(item.docx, src_dir / name)
            with contextlib.suppress(Exception):
                _docx2pdf(src_dir, out_dir)
            results = []
            for item, name in zip(items, names, strict=True):
                out = out_dir / name.replace(".docx", ".pdf")
                if not out.is_file():
                    # The folder run stops at the first failure: retry this one alone to learn why.
                    try:
                        if not (src_dir / name).is_file():
                            raise RuntimeError("файл не найден или недоступен")
                        _docx2pdf(src_dir / name, out)
                    except Exception as exc:
                        results.append(
                            PdfResult(item.docx, item.target(), 0, ConversionError(item.docx, str(exc)))
                        )
                        continue
                try:
                    pages = pdfutil.page_count(out)
                    atomic_move(out, item.target())
                except (OSError, UserError) as exc:
                    results.append(
                        PdfResult(item.docx, item.target(), 0, ConversionError(item.docx, str(exc)))
                    )
                    continue
                results.append(PdfResult(item.docx, item.target(), pages, alone=True))
            return results

    def _convert_merged(self, item: BatchItem) -> list[PdfResult]:
        with tempfile.TemporaryDirectory(prefix="aktdesk-word-") as tmp:
            pdf = Path(tmp) / "merged.pdf"
            try:
                if any(part.bookmark for part in item.parts):
                    _export_with_bookmarks(item.docx, pdf)
                else:
                    _docx2pdf(item.docx, pdf)
                ranges = part_ranges(pdf, item.parts, outline=True)
            except Exception as exc:
                error = ConversionError(item.docx, str(exc))
                return [PdfResult(item.docx, part.pdf, 0, error) for part in item.parts]
            try:
                errors: list[UserError | None] = list(
                    pdfutil.split_pdf(
                        pdf, [(pages, part.pdf) for part, pages in zip(item.parts, ranges, strict=True)]
                    )
                )
            except UserError as exc:
                errors = [exc] * len(item.parts)
            return [
                PdfResult(item.docx, part.pdf, 0 if error else len(pages), error)
                for part, pages, error in zip(item.parts, ranges, errors, strict=True)
            ]


def _export_with_bookmarks(docx: Path, pdf: Path) -> None:
    """Word's own PDF export with Word bookmarks as outline entries (Windows only)."""
    if sys.platform != "win32":
        raise RuntimeError("границы документов по закладкам Word находит только в Windows; укажите страницы")
    # deferred: Windows only (pywin32)
    import win32com.client  # type: ignore[import-untyped,import-not-found,unused-ignore]

    word = win32com.client.DispatchEx("Word.Application")
    try:
        doc = word.Documents.Open(str(docx.resolve()), ReadOnly=True)
        try:
            doc.ExportAsFixedFormat(
                OutputFileName=str(pdf.resolve()),
                ExportFormat=WD_FORMAT_PDF,
                CreateBookmarks=WD_EXPORT_CREATE_WORD_BOOKMARKS,
            )
        finally:
            doc.Close(0)
    finally:
        word.Quit()


__all__ = ["Cancelled", "WordBackend", "word_available"]
