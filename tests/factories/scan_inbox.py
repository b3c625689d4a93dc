"""Pages as a scanner gives them, for the scan inbox tests: rasterised, slightly rotated, noisy.

Real act PDFs are rendered with pypdfium2 and put back into a PDF as JPEG pictures (what a
multi-page scan to PDF is); synthetic pages carry a QR code of a given text where an act has it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import segno
from PIL import Image, ImageDraw, ImageFilter

from desktop.core.documents.pdf.pdfutil import page_count

DPI = 150
A4 = (round(210 / 25.4 * DPI), round(297 / 25.4 * DPI))


def scanned(
    image: Image.Image, *, angle: float = 0.0, noise: float = 6.0, seed: int = 1, blur: float = 0.6
) -> Image.Image:
    """What a scanner makes of a page: a little rotation, blur and sensor noise, greyish paper."""
    rng = np.random.default_rng(seed)
    page = image.convert("L")
    if angle:
        page = page.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(blur))
    pixels = np.asarray(page, dtype=np.float32) * 0.94 + 8
    pixels += rng.normal(0, noise, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")


def rasterise(pdf: Path, *, angles: Sequence[float] = (0.8, -1.2, 1.5), seed: int = 1) -> list[Image.Image]:
    """Every page of a PDF as a scanned picture at 150 dpi."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        pages = []
        for index in range(len(document)):
            bitmap = document[index].render(scale=DPI / 72)
            angle = angles[(seed + index) % len(angles)]
            pages.append(scanned(bitmap.to_pil(), angle=angle, seed=seed + index))
        return pages
    finally:
        document.close()


def blank_page(seed: int = 99) -> Image.Image:
    return scanned(Image.new("L", A4, 255), seed=seed)


def qr_page(
    text: str | None,
    caption: str = "",
    *,
    seed: int = 5,
    angle: float = 1.0,
    mm: float = 15.0,
    blur: float = 0.6,
) -> Image.Image:
    """An A4 page with ``caption`` and, top right, an ``mm`` wide QR of ``text`` (15 mm: the act's id QR)."""
    page = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(page)
    draw.text((120, 140), caption or "page", fill=0)
    for line in range(12):
        draw.line((120, 300 + line * 40, A4[0] - 120, 300 + line * 40), fill=90, width=2)
    if text:
        out = io.BytesIO()
        segno.make(text, error="m", micro=False).save(out, kind="png", scale=4, border=2)
        side = round(mm / 25.4 * DPI)
        qr = (
            Image.open(io.BytesIO(out.getvalue())).convert("L").resize((side, side), Image.Resampling.NEAREST)
        )
        page.paste(qr, (A4[0] - 120 - side, 100))
    return scanned(page, angle=angle, seed=seed, blur=blur)


def save_pdf(pages: Sequence[Image.Image], target: Path) -> Path:
    """A multi-page "scan to PDF": each page a JPEG picture."""
    target.parent.mkdir(parents=True, exist_ok=True)
    rgb = [p.convert("RGB") for p in pages]
    rgb[0].save(target, format="PDF", save_all=True, append_images=rgb[1:], resolution=DPI, quality=85)
    return target


pdf_page_count = page_count  # the app's own (under the pdfium lock)
