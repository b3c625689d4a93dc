"""What a scan file is: its kind by content, its SHA-256, and pages that open as the inbox opens them.

Used by the store (every dropped file is checked before any is filed) and by the inbox (which
renders the pages); neither the store nor its owners are imported here. pypdfium2 and Pillow are
imported only when a file is opened: the store's checks by content need neither.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.errors import ValidationError, os_error_text

EXTENSIONS = {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png", "tiff": ".tif"}
SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)


@dataclass(frozen=True)
class ScanFile:
    path: Path
    kind: str
    size: int
    sha256: str


def inspect_file(path: Path, max_bytes: int) -> ScanFile:
    """Check a dropped file by its content: PDF, JPEG, PNG or TIFF, not empty, not too large."""
    path = Path(path)
    if path.is_dir():
        raise ValidationError(f"«{path.name}» — это папка, а не файл скана.")
    try:
        size = path.stat().st_size
        if size == 0:
            raise ValidationError(f"Файл «{path.name}» пустой.")
        if size > max_bytes:
            raise ValidationError(
                f"Файл «{path.name}» слишком большой: {size / 1048576:.1f} МБ (можно не больше {max_bytes / 1048576:.0f} МБ)."
            )
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            head = fh.read(16)
            digest.update(head)
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except ValidationError:
        raise
    except OSError as error:
        raise ValidationError(f"Файл «{path.name}» не читается: {os_error_text(error)}") from error
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return ScanFile(path, kind, size, digest.hexdigest())
    raise ValidationError(
        f"Файл «{path.name}» не является PDF или изображением (JPEG, PNG, TIFF) — проверено по содержимому."
    )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- pages ----------------------------------------------------------------------------------


def open_pdf(path: Path) -> Any:
    import pypdfium2 as pdfium  # deferred: pdfium loads its native library; only opening a PDF needs it

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        text = str(error)
        if "password" in text.lower():
            raise ValidationError(
                f"PDF «{path.name}» защищён паролем: снимите защиту и повторите."
            ) from error
        # pdfium says only «Data format error»: a file cut short or one that merely starts with %PDF.
        raise ValidationError(
            f"PDF «{path.name}» повреждён или обрезан (скопирован не полностью): его нельзя прочитать."
        ) from error


def open_image(path: Path) -> Any:
    from PIL import Image, UnidentifiedImageError  # deferred: Pillow is heavy; only opening an image needs it

    try:
        image = Image.open(path)
        image.load()
        return image
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValidationError(f"Изображение «{path.name}» повреждено или не читается: {error}") from error


def page_count(path: Path, kind: str) -> int:
    if kind == "pdf":
        pdf = open_pdf(path)
        try:
            return len(pdf)
        finally:
            pdf.close()
    if kind == "tiff":
        return int(getattr(open_image(path), "n_frames", 1))
    return 1


def check_readable(path: Path, kind: str) -> int:
    """The pages of a scan, opened as the inbox opens it: a password-protected PDF, a truncated
    one and a file that only starts with ``%PDF`` are refused, each named (``ValidationError``)."""
    # deferred: pdfutil imports pypdfium2 (a native library) at load; only this check needs its lock
    from desktop.core.documents.pdf.pdfutil import PDFIUM_LOCK

    with PDFIUM_LOCK:
        count = page_count(path, kind)
    if count < 1:
        raise ValidationError(f"В PDF «{path.name}» нет ни одной страницы.")
    return count
