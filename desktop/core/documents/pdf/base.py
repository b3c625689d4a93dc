"""The PDF backend interface: what a converter is given, what it returns, how it fails."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from desktop.core.common.files import write_atomic
from desktop.core.errors import StorageError, UserError, os_error_text
from desktop.core.jobs import CancelToken, Progress


class ConversionError(StorageError):
    """One document could not be converted; ``source`` names it (the message names it too)."""

    def __init__(self, source: Path, reason: str) -> None:
        super().__init__(f"Не удалось преобразовать «{source.name}» в PDF: {reason}", field=str(source))
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class DocPart:
    """One document inside a merged DOCX and where its own PDF goes.

    The document's pages are found by ``bookmark`` (a bookmark at the start of the document,
    exported by LibreOffice as a PDF named destination; the document runs to the page before
    the next document's start) or given as ``pages`` (1-based, inclusive) when the caller knows
    them.
    """

    pdf: Path
    bookmark: str | None = None
    pages: tuple[int, int] | None = None
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or self.pdf.name


@dataclass(frozen=True)
class BatchItem:
    """A single DOCX (``parts`` empty; PDF to ``pdf`` or next to it) or a merged DOCX with its parts."""

    docx: Path
    pdf: Path | None = None
    parts: tuple[DocPart, ...] = ()

    @classmethod
    def single(cls, docx: Path, pdf: Path | None = None) -> BatchItem:
        return cls(Path(docx), Path(pdf) if pdf is not None else None)

    @classmethod
    def merged(cls, docx: Path, parts: Sequence[DocPart]) -> BatchItem:
        if not parts:
            raise ValueError("a merged item needs at least one part")
        return cls(Path(docx), None, tuple(parts))

    @property
    def is_merged(self) -> bool:
        return bool(self.parts)

    def target(self) -> Path:
        """The PDF of a single item."""
        return self.pdf if self.pdf is not None else self.docx.with_suffix(".pdf")

    def outputs(self) -> list[Path]:
        return [p.pdf for p in self.parts] if self.parts else [self.target()]


@dataclass
class PdfResult:
    """The outcome for one document: its PDF and page count, or the error to show."""

    source: Path
    pdf: Path
    pages: int = 0
    error: UserError | None = None
    alone: bool = field(default=False, compare=False)  # converted on its own, not in a merged file

    @property
    def ok(self) -> bool:
        return self.error is None


def raise_first_error(results: Sequence[PdfResult]) -> None:
    """Raise the first document's error, for callers that want all-or-nothing."""
    for result in results:
        if result.error is not None:
            raise result.error


@runtime_checkable
class PdfBackend(Protocol):
    """A PDF converter. Implementations: ``LibreOfficeBackend``, ``WordBackend``.

    A backend may hold processes: use it as a context manager or call ``close()``.
    """

    name: str

    def convert(
        self,
        docx_files: Sequence[Path],
        outputs: Sequence[Path] | None = None,
        *,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> list[Path]:
        """Convert each DOCX to a PDF next to it (or to ``outputs``); raise the first error."""
        ...

    def convert_batch(
        self,
        items: Sequence[BatchItem],
        *,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> list[PdfResult]:
        """One result per document (a merged item gives one per part), in order.

        A document that fails gets a result with ``error``; the others are still converted.
        Raises ``Cancelled`` if ``cancel`` was set.
        """
        ...

    def submit(
        self,
        items: Sequence[BatchItem],
        *,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> Future[list[PdfResult]]:
        """Queue a batch and return at once, so the caller renders the next batch meanwhile."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> PdfBackend: ...

    def __exit__(self, *exc: object) -> None: ...


def atomic_move(src: Path, target: Path) -> None:
    """Move a finished file into place atomically (copying when it lives on another volume)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(src, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(src, target)
        return
    except OSError:
        pass
    write_atomic(target, src.read_bytes())
    src.unlink(missing_ok=True)


def storage_error(path: Path, exc: OSError) -> StorageError:
    return StorageError(f"Не удалось записать файл «{path}»: {os_error_text(exc)}", field=str(path))


class BatchConverter:
    """``convert`` and ``convert_batch`` on top of a backend's ``submit`` (shared by the backends)."""

    def submit(
        self,
        items: Sequence[BatchItem],
        *,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> Future[list[PdfResult]]:
        raise NotImplementedError

    def convert(
        self,
        docx_files: Sequence[Path],
        outputs: Sequence[Path] | None = None,
        *,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> list[Path]:
        if outputs is not None and len(outputs) != len(docx_files):
            raise ValueError("docx_files and outputs differ in length")
        items = [
            BatchItem.single(Path(src), Path(outputs[i]) if outputs is not None else None)
            for i, src in enumerate(docx_files)
        ]
        results = self.convert_batch(items, progress=progress, cancel=cancel)
        raise_first_error(results)
        return [r.pdf for r in results]

    def convert_batch(
        self,
        items: Sequence[BatchItem],
        *,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> list[PdfResult]:
        return self.submit(items, progress=progress, cancel=cancel).result()
