"""The scan inbox: a folder or a multi-page PDF of signed acts, split by the acts' id QR codes and filed.

Every page is rendered (pypdfium2 for PDFs, Pillow for JPEG/PNG/TIFF) and searched for QR codes
(zxing-cpp). A page with a document's id QR (``AKTDESK-DOC:<id>``, printed in the title of acts
and UPDs) starts that document's range; the pages after it without a QR belong to it (a 2-page
act) until the next page with a QR. Each range becomes one file — the source file itself when the
range is exactly one whole file, else a new PDF of those pages — filed through
``registry.scans.attach``: the same names, hashes, outbox and "signed" marking as a dropped scan.

Empty pages (the backs of a duplex scan) are listed and skipped without ending a range.
Pages before any id QR, pages with a foreign QR (a payment QR, an invoice's id) and the pages that
follow them are *unrecognised*: listed with file and page for manual assignment
(``assign_pages``), which files them the same way. A range continues into the next file only when
that file holds a single page (scanners that save a page per file); a multi-page file starts afresh.

The source files are only read, never moved or changed. Built PDFs are byte-for-byte the same for
the same pages (the random PDF /ID is replaced by a hash), so a second run over the same stack is
recognised as already attached instead of filing copies.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.common.labels import kind_title
from desktop.core.common.safe_names import safe_name
from desktop.core.db import Database
from desktop.core.documents.context import ID_QR_PREFIX
from desktop.core.errors import UserError, ValidationError, os_error_text
from desktop.core.jobs import CancelToken, Progress, no_progress
from desktop.core.models import SIGNABLE_KINDS, Document
from desktop.core.registry import scans as registry_scans
from desktop.core.scans.files import check_readable, inspect_file, open_image, open_pdf, page_count
from desktop.core.scans.store import AttachResult, ScanStore

ID_QR = re.compile(re.escape(ID_QR_PREFIX) + r"(\d{1,12})")
# 150 dpi: an 15 mm id QR (21 modules + border) gets ~3.5 px a module, which zxing reads
# reliably, and an A4 page renders and decodes in ~12 ms.
RENDER_DPI = 150
# Images of scanners (often 300–600 dpi) are reduced to about this many pixels on the long side.
IMAGE_LONG_SIDE = 1800
THUMB_PX = 220
BLANK_INK = 0.0002  # share of dark pixels under which a page counts as empty (~350 at 150 dpi)


# --- pages --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageRef:
    """One page of a source file: a PDF page, an image, or a frame of a multi-page TIFF."""

    source: Path
    index: int  # 0-based
    kind: str  # pdf, jpeg, png, tiff
    count: int = 1  # pages in the source file

    @property
    def label(self) -> str:
        return f"{self.source.name}, стр. {self.index + 1}"

    def as_dict(self) -> dict[str, Any]:
        return {"file": str(self.source), "page": self.index + 1}


@dataclass
class PageRead:
    page: PageRef
    codes: list[str]  # every QR text found on the page
    thumbnail: bytes = b""  # PNG, kept for pages that end up unrecognised
    blank: bool = False


@dataclass
class UnrecognisedPage:
    page: PageRef
    reason: str
    thumbnail: bytes = b""  # PNG of the page, THUMB_PX on the long side

    def as_dict(self) -> dict[str, Any]:
        return {**self.page.as_dict(), "reason": self.reason}


@dataclass
class PageRange:
    """Pages found to belong to one document."""

    document_id: int
    title: str  # «Акт № АС-1 от 31.10.2026, ИП Попов А.А.»
    pages: list[PageRef] = field(default_factory=list)


@dataclass
class FiledRange:
    document_id: int
    title: str
    pages: list[PageRef]
    status: str  # stored, pending, duplicate
    path: str = ""  # where it went on the share, relative to its root ("" while pending)
    message: str = ""  # why it waits in the outbox

    def as_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "document": self.title,
            "pages": [p.as_dict() for p in self.pages],
            "status": self.status,
            "path": self.path,
        }


@dataclass
class InboxError:
    file: str
    message: str
    page: int | None = None  # 1-based, None for the whole file

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "page": self.page, "message": self.message}


@dataclass
class InboxReport:
    pages: int = 0
    filed: list[FiledRange] = field(default_factory=list)  # every range filed, whatever its status
    unrecognised: list[UnrecognisedPage] = field(default_factory=list)
    errors: list[InboxError] = field(default_factory=list)
    message: str = ""  # why scans went to the outbox

    def with_status(self, status: str) -> list[FiledRange]:
        return [f for f in self.filed if f.status == status]

    @property
    def ok(self) -> bool:
        return not (self.errors or self.unrecognised or self.with_status("pending"))

    def as_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "stored": [f.as_dict() for f in self.with_status("stored")],
            "pending": [f.as_dict() for f in self.with_status("pending")],
            "duplicates": [f.as_dict() for f in self.with_status("duplicate")],
            "unrecognised": [u.as_dict() for u in self.unrecognised],
            "errors": [e.as_dict() for e in self.errors],
            "message": self.message,
        }


# --- sources ------------------------------------------------------------------------------------


def _natural_key(path: Path) -> list[Any]:
    """«скан 2» before «скан 10», as Explorer sorts."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", path.name)]


def collect_sources(
    paths: Sequence[Path], max_bytes: int, errors: list[InboxError]
) -> list[tuple[Path, str]]:
    """The scan files among ``paths`` (folders are read in name order, with their subfolders).

    A file that is not a PDF or image (by content), empty, unreadable or too large is reported
    in ``errors`` and left out; the rest are returned with their kind.
    """
    found: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise ValidationError(f"«{path}» не найден: укажите папку или файлы сканов.")
        if path.is_dir():
            files = sorted(
                (p for p in path.rglob("*") if p.is_file() and not p.name.startswith((".", "~"))),
                key=lambda p: [_natural_key(Path(part)) for part in p.relative_to(path).parts],
            )
            for file in files:
                try:
                    found.append((file, inspect_file(file, max_bytes).kind))
                except UserError as error:
                    if file.suffix.lower() in {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}:
                        errors.append(InboxError(str(file), error.message))
                    # Anything else in a scans folder (Thumbs.db, notes) is not a scan: skipped quietly.
        else:
            try:
                found.append((path, inspect_file(path, max_bytes).kind))
            except UserError as error:
                errors.append(InboxError(str(path), error.message))
    return found


def _gray_image(image: Any) -> Any:
    """A PIL image as 8-bit grey, reduced to about IMAGE_LONG_SIDE pixels on its long side."""
    if image.mode != "L":
        image = image.convert("L")
    factor = max(image.width, image.height) // IMAGE_LONG_SIDE
    if factor >= 2:
        image = image.reduce(factor)
    return image


def page_images(path: Path, kind: str, dpi: int = RENDER_DPI) -> Iterator[Any]:
    """Each page of a source file as an 8-bit grey PIL image."""
    if kind == "pdf":
        pdf = open_pdf(path)
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                try:
                    bitmap = page.render(scale=dpi / 72, grayscale=True)
                    yield bitmap.to_pil().convert("L")
                finally:
                    page.close()
        finally:
            pdf.close()
        return
    from PIL import ImageSequence  # deferred: Pillow is heavy; only rendering an image needs it

    image = open_image(path)
    for frame in ImageSequence.Iterator(image):
        yield _gray_image(frame)


# --- reading QR codes ---------------------------------------------------------------------------


def read_codes(image: Any) -> list[str]:
    """The QR texts on a grey page image; an id QR missed at first is looked for again."""
    return _read_page(image)[0]


def _read_page(image: Any) -> tuple[list[str], bool]:
    """The QR texts on a grey page image, and whether the page is blank (no QR and no ink).

    A skewed, blurred or coarse scan can defeat one read. Measured on act and UPD pages rotated
    up to ±6°, blurred and saved as JPEG at 150 dpi: 38 of 54 found at once; a sharpened copy
    finds all but one of the rest (~0.2 s a page, spent only on pages without an id QR), then
    a thresholded and a half-size copy are tried.
    """
    # deferred: numpy, zxing-cpp and Pillow are heavy; only reading a page needs them
    import numpy as np
    import zxingcpp
    from PIL import ImageFilter

    qr = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    pixels = np.asarray(image, dtype=np.uint8)
    texts = [r.text for r in zxingcpp.read_barcodes(pixels, formats=qr)]
    if any(ID_QR.search(t) for t in texts):
        return texts, False
    if is_blank(image):
        return texts, not texts
    attempts: tuple[Callable[[], Any], ...] = (
        lambda: np.asarray(image.filter(ImageFilter.UnsharpMask(2, 250, 3)), dtype=np.uint8),
        lambda: (pixels > (int(pixels.min()) + int(pixels.max())) // 2).astype(np.uint8) * 255,
        lambda: np.asarray(image.reduce(2), dtype=np.uint8) if min(image.size) > 400 else None,
    )
    for attempt in attempts:
        copy = attempt()
        if copy is None:
            continue
        more = [r.text for r in zxingcpp.read_barcodes(copy, formats=qr)]
        if any(ID_QR.search(t) for t in more):
            return more, False
        texts += [t for t in more if t not in texts]
    return texts, False


def is_blank(image: Any) -> bool:
    """No ink on the page but scanner noise (the empty back of a duplex scan).

    The margins are left out (a scanner lid's shadow). Paper noise stays far above the dark
    threshold; a single line of text has thousands of dark pixels, dust a few dozen.
    """
    import numpy as np  # deferred: numpy is heavy; only reading a page needs it

    pixels = np.asarray(image, dtype=np.uint8)
    h, w = pixels.shape[:2]
    inner = pixels[h // 20 : h - h // 20, w // 20 : w - w // 20]
    return bool(inner.size == 0 or float((inner < 140).mean()) < BLANK_INK)


def _thumbnail_png(image: Any) -> bytes:
    small = image.copy()
    small.thumbnail((THUMB_PX, THUMB_PX))
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=False)
    return out.getvalue()


def read_pages(
    sources: Sequence[tuple[Path, str]],
    errors: list[InboxError],
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> list[PageRead]:
    """Render and read every page of the sources, in order; unreadable files go to ``errors``."""
    counted: list[tuple[Path, str, int]] = []
    for path, kind in sources:
        try:
            counted.append((path, kind, page_count(path, kind)))
        except UserError as error:
            errors.append(InboxError(str(path), error.message))
    total = sum(count for _, _, count in counted)
    reads: list[PageRead] = []
    done = 0
    for path, kind, count in counted:
        index = 0
        try:
            for index, image in enumerate(page_images(path, kind)):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                progress(done, total, f"{path.name}, стр. {index + 1}")
                codes, blank = _read_page(image)
                reads.append(PageRead(PageRef(path, index, kind, count), codes, _thumbnail_png(image), blank))
                done += 1
        except UserError as error:
            errors.append(InboxError(str(path), error.message))
        except Exception as error:  # a broken page inside a readable file: name it, go on
            errors.append(InboxError(str(path), f"Страница не читается: {error}", page=index + 1))
    progress(total, total, "")
    return reads


# --- grouping -----------------------------------------------------------------------------------


def document_title(document: Document) -> str:
    kind = kind_title(document.kind)
    client = document.counterparty.short_name if document.counterparty is not None else ""
    return f"{kind} № {document.number} от {document.date:%d.%m.%Y}" + (f", {client}" if client else "")


def _lookup(session: Session, reads: Sequence[PageRead]) -> dict[int, Document]:
    ids = {int(m.group(1)) for r in reads for t in r.codes if (m := ID_QR.search(t))}
    if not ids:
        return {}
    stmt = select(Document).where(Document.id.in_(ids)).options(selectinload(Document.counterparty))
    return {d.id: d for d in session.scalars(stmt)}


def _page_document(read: PageRead, documents: dict[int, Document]) -> tuple[Document | None, str]:
    """The document a page's id QR names, or why the page cannot start a range ("" = no QR at all)."""
    foreign = ""
    for text in read.codes:
        match = ID_QR.search(text)
        if match is None:
            foreign = foreign or "на странице чужой QR-код (не код документа AktDesk)"
            continue
        document = documents.get(int(match.group(1)))
        if document is None:
            foreign = f"документа с QR-кодом «{text}» нет в базе"
        elif document.kind not in SIGNABLE_KINDS:
            foreign = f"{document_title(document)} — подписанные сканы прикрепляются к актам и УПД"
        elif not document.current:
            foreign = f"{document_title(document)} заменён новой версией — назначьте страницу вручную"
        else:
            return document, ""
    return None, foreign


def group_pages(
    session: Session, reads: Sequence[PageRead]
) -> tuple[list[PageRange], list[UnrecognisedPage]]:
    """Split the pages into document ranges and unrecognised pages (see the module's doc)."""
    documents = _lookup(session, reads)
    ranges: list[PageRange] = []
    unrecognised: list[UnrecognisedPage] = []
    current: PageRange | None = None
    after_foreign = False
    for read in reads:
        if read.page.index == 0 and read.page.count > 1:
            current, after_foreign = None, False  # a multi-page file is a stack of its own
        if read.blank:
            # The empty back of a duplex scan: listed, and the document's range goes on after it.
            unrecognised.append(UnrecognisedPage(read.page, "Пустая страница", read.thumbnail))
            continue
        document, problem = _page_document(read, documents)
        if document is not None:
            if current is None or current.document_id != document.id:
                current = PageRange(document.id, document_title(document))
                ranges.append(current)
            current.pages.append(read.page)
            after_foreign = False
        elif problem:
            current, after_foreign = None, True
            unrecognised.append(
                UnrecognisedPage(read.page, problem[:1].upper() + problem[1:], read.thumbnail)
            )
        elif current is not None:
            current.pages.append(read.page)
        else:
            reason = (
                "Нет QR-кода; идёт за страницей, которую не удалось распознать"
                if after_foreign
                else "Нет QR-кода документа, и перед ней нет страницы с кодом"
            )
            unrecognised.append(UnrecognisedPage(read.page, reason, read.thumbnail))
    return ranges, unrecognised


# --- building and filing ------------------------------------------------------------------------

_PDF_ID = re.compile(rb"/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]")
_PDF_CREATED = re.compile(rb"/CreationDate\s*\(D:(\d{14})")


def _stable_bytes(data: bytes) -> bytes:
    """Same pages, same bytes: PDFium's creation time and random trailer /ID are made constant.

    The date is replaced by one of the same length, so the cross-reference offsets hold; the /ID
    stands in the trailer, after them.
    """
    data = _PDF_CREATED.sub(lambda m: m.group(0)[:-14] + b"20000101000000", data)
    digest = hashlib.md5(_PDF_ID.sub(b"", data), usedforsecurity=False).hexdigest().upper().encode()
    return _PDF_ID.sub(b"/ID[<" + digest + b"><" + digest + b">]", data)


def _image_page_pdf(page: PageRef) -> bytes:
    """One image page as a one-page PDF (Pillow), at the scan's own resolution."""
    from PIL import Image, ImageSequence  # deferred: Pillow is heavy; only building a PDF needs it

    image = open_image(page.source)
    frame = next(f for i, f in enumerate(ImageSequence.Iterator(image)) if i == page.index)
    dpi = frame.info.get("dpi") or image.info.get("dpi") or (200, 200)
    resolution = float(dpi[0]) if dpi and float(dpi[0]) > 10 else 200.0
    if frame.mode not in ("1", "L", "RGB", "CMYK"):
        frame = frame.convert("RGB")
    elif frame.mode == "1":
        frame = frame.convert("L")  # Pillow's PDF writer needs libtiff for 1-bit pages
    out = io.BytesIO()
    Image.Image.save(frame, out, format="PDF", resolution=resolution)
    return out.getvalue()


def build_pdf(pages: Sequence[PageRef]) -> bytes:
    """A PDF of ``pages`` in order: PDF pages imported as they are, images placed one per page."""
    import pypdfium2 as pdfium  # deferred: pdfium loads a native library; only building a PDF needs it

    out = pdfium.PdfDocument.new()
    opened: list[Any] = []
    try:
        by_source: dict[Path, Any] = {}
        for page in pages:
            if page.kind == "pdf":
                if page.source not in by_source:
                    by_source[page.source] = open_pdf(page.source)
                    opened.append(by_source[page.source])
                source = by_source[page.source]
                out.import_pages(source, [page.index])
            else:
                single = pdfium.PdfDocument(_image_page_pdf(page))
                opened.append(single)
                out.import_pages(single, [0])
        buffer = io.BytesIO()
        out.save(buffer)
    finally:
        out.close()
        for pdf in opened:
            pdf.close()
    return _stable_bytes(buffer.getvalue())


def _range_name(pages: Sequence[PageRef]) -> str:
    first, last = pages[0], pages[-1]
    numbers = f"{first.index + 1}" if len(pages) == 1 else f"{first.index + 1}-{last.index + 1}"
    if first.source != last.source:
        numbers = f"{first.index + 1} и ещё {len(pages) - 1}"
    return safe_name(f"{first.source.stem} стр. {numbers}", 100) + ".pdf"


def _whole_file(pages: Sequence[PageRef]) -> Path | None:
    """The source file when the pages are exactly all of it, in order."""
    first = pages[0]
    if all(p.source == first.source for p in pages) and [p.index for p in pages] == list(range(first.count)):
        return first.source
    return None


def file_pages(
    database: Database,
    store: ScanStore,
    document_id: int,
    pages: Sequence[PageRef],
    work_dir: Path,
    *,
    user: str | None = None,
) -> FiledRange:
    """File ``pages`` as one scan of the document (one transaction); the source files stay untouched."""
    if not pages:
        raise ValidationError("Не выбрано ни одной страницы.")
    file = _whole_file(pages)
    if file is None:
        file = work_dir / _range_name(pages)
        counter = 1
        while file.exists():
            counter += 1
            file = work_dir / f"{_range_name(pages)[:-4]} ({counter}).pdf"
        file.write_bytes(build_pdf(pages))
    with database.transaction() as session:
        document = session.get(Document, document_id)
        if document is None:
            raise ValidationError("Документ не найден: возможно, его удалили.")
        title = document_title(document)
        result: AttachResult = registry_scans.attach(session, store, document, [file], user=user)
    if result.stored:
        status, path = "stored", result.stored[0]
    elif result.pending:
        status, path = "pending", ""
    else:
        status, path = "duplicate", ""
    return FiledRange(document_id, title, list(pages), status, path, result.message)


def run_inbox(
    database: Database,
    store: ScanStore,
    paths: Sequence[Path],
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    *,
    user: str | None = None,
) -> InboxReport:
    """Read, split and file a folder or files of scanned signed documents."""
    report = InboxReport()
    sources = collect_sources(paths, store.max_bytes, report.errors)
    reads = read_pages(sources, report.errors, progress, cancel)
    report.pages = len(reads)
    with database.session() as session:
        ranges, report.unrecognised = group_pages(session, reads)
    with tempfile.TemporaryDirectory(prefix="aktdesk-inbox-") as tmp:
        for done, page_range in enumerate(ranges):
            if cancel is not None:
                cancel.raise_if_cancelled()
            progress(done, len(ranges), page_range.title)
            try:
                filed = file_pages(
                    database, store, page_range.document_id, page_range.pages, Path(tmp), user=user
                )
            except UserError as error:
                first = page_range.pages[0]
                report.errors.append(
                    InboxError(str(first.source), f"{page_range.title}: {error.message}", first.index + 1)
                )
                continue
            except OSError as error:
                first = page_range.pages[0]
                report.errors.append(
                    InboxError(
                        str(first.source),
                        f"{page_range.title}: файл не записан: {os_error_text(error)}",
                        first.index + 1,
                    )
                )
                continue
            if filed.status == "pending":
                report.message = filed.message
            report.filed.append(filed)
        progress(len(ranges), len(ranges), "")
    return report


def assign_pages(
    database: Database,
    store: ScanStore,
    document_id: int,
    pages: Sequence[PageRef],
    *,
    user: str | None = None,
    force: bool = False,
) -> FiledRange:
    """Manual assignment of unrecognised pages to a document: filed exactly as a recognised range.

    A page whose id QR names another act or UPD is refused (``ForeignScanError``) unless ``force``."""
    if not force:
        with database.session() as session:
            document = session.get(Document, document_id)
            if document is not None:
                check_pages_named(session, document, pages)
    with tempfile.TemporaryDirectory(prefix="aktdesk-inbox-") as tmp:
        return file_pages(database, store, document_id, pages, Path(tmp), user=user)


def find_signable(session: Session, number: str) -> list[Document]:
    """Current acts and UPDs with this number (several own entities or years may share one)."""
    number = number.strip()
    if not number:
        return []
    return list(
        session.scalars(
            select(Document)
            .where(
                Document.number == number,
                Document.kind.in_(SIGNABLE_KINDS),
                Document.current.is_(True),
            )
            .order_by(Document.date.desc(), Document.id)
        )
    )


# --- a scan attached by hand ---------------------------------------------------------------------


class ForeignScanError(ValidationError):
    """A scan attached by hand to one act whose id QR names another act or UPD.

    ``named`` is the title of the document the QR names; the caller may confirm and attach anyway
    (CLI ``--force``, a question in the window)."""

    def __init__(self, message: str, *, named: str, target: str) -> None:
        super().__init__(message)
        self.named = named
        self.target = target


def _same_document(a: Document, b: Document) -> bool:
    """One document in any of its versions (a corrected act keeps contract, period, kind, stage)."""
    return a.id == b.id or (
        (a.contract_id, a.period, a.kind, a.stage) == (b.contract_id, b.period, b.kind, b.stage)
    )


def _refuse_foreign(session: Session, document: Document, reads: Sequence[tuple[str, Sequence[str]]]) -> None:
    """``reads``: (where, QR texts) of each page; the first page naming another act or UPD is refused."""
    ids = {int(m.group(1)) for _, codes in reads for t in codes if (m := ID_QR.search(t))}
    if not ids:
        return
    named = {
        d.id: d
        for d in session.scalars(
            select(Document).where(Document.id.in_(ids)).options(selectinload(Document.counterparty))
        )
    }
    target = document_title(document)
    for where, codes in reads:
        for text in codes:
            match = ID_QR.search(text)
            other = named.get(int(match.group(1))) if match else None
            if other is None or other.kind not in SIGNABLE_KINDS or _same_document(other, document):
                continue
            title = document_title(other)
            raise ForeignScanError(
                f"{where}: QR-код другого документа — {title}. Скан не прикреплён к документу {target}.",
                named=title,
                target=target,
            )


def check_named(session: Session, document: Document, files: Sequence[Path], max_bytes: int) -> None:
    """Refuse scans attached by hand to ``document`` whose pages carry the id QR of another act or UPD.

    Every page is read as the inbox reads it; a page without an id QR (or with a QR of an invoice,
    or of no document in the base) is the person's word and passes. A damaged file is refused
    first, as ``registry.scans.attach`` would refuse it (``ValidationError``)."""
    # deferred: pdfutil imports pypdfium2 (a native library) at load; only reading pages needs its lock
    from desktop.core.documents.pdf.pdfutil import PDFIUM_LOCK

    for path in files:
        path = Path(path)
        kind = inspect_file(path, max_bytes).kind
        if kind == "pdf":
            check_readable(path, kind)
        try:
            with PDFIUM_LOCK:
                pages = [_read_page(image)[0] for image in page_images(path, kind)]
        except ValidationError:
            if kind == "pdf":
                raise
            continue  # an image Pillow cannot decode carries no QR to read; filed as it is today
        _refuse_foreign(
            session, document, [(f"Файл «{path.name}», стр. {i + 1}", codes) for i, codes in enumerate(pages)]
        )


def check_pages_named(session: Session, document: Document, pages: Sequence[PageRef]) -> None:
    """``check_named`` for pages chosen by hand from the inbox's files (``assign_pages``)."""
    # deferred: pdfutil imports pypdfium2 (a native library) at load; only reading pages needs its lock
    from desktop.core.documents.pdf.pdfutil import PDFIUM_LOCK

    reads: list[tuple[str, Sequence[str]]] = []
    wanted: dict[Path, set[int]] = {}
    for page in pages:
        wanted.setdefault(page.source, set()).add(page.index)
    for page in pages:
        if page.source not in wanted:
            continue
        indexes = wanted.pop(page.source)
        with PDFIUM_LOCK:
            for index, image in enumerate(page_images(page.source, page.kind)):
                if index in indexes:
                    reads.append((f"Файл «{page.source.name}», стр. {index + 1}", _read_page(image)[0]))
    _refuse_foreign(session, document, reads)
