"""The sample stamp («ОБРАЗЕЦ») of the demo entities, printed with the entity's own INN.

``resources/samples/stamp.png`` is a template: its centre line is the INN, drawn here with the
entity's digits (Pillow's bundled font: digits need no system font), so that a demo document
never shows a stamp whose INN differs from the seller's. An entity's own stamp is used as it is.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from desktop.core.common.resources import resource_path

SAMPLE_STAMP = resource_path("resources", "samples", "stamp.png")
_DIGITS_BOX = (100, 190, 302, 228)  # where the template's «0000000000» stands (400 × 400 px)
_INK_AT = (110, 205)  # a pixel of the template's ink


def is_sample_stamp(path: Path) -> bool:
    return _is_sample(str(path))


@lru_cache(maxsize=64)  # every document of an entity asks about the same stamp file
def _is_sample(path: str) -> bool:
    try:
        return Path(path).resolve() == SAMPLE_STAMP.resolve()
    except OSError:
        return False


@lru_cache(maxsize=32)
def sample_stamp_png(inn: str) -> bytes:
    """The sample stamp as PNG bytes with ``inn`` in its centre."""
    image = Image.open(SAMPLE_STAMP).convert("RGBA")
    ink = image.getpixel(_INK_AT)
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = _DIGITS_BOX
    draw.rectangle(_DIGITS_BOX, fill=(0, 0, 0, 0))
    size = 34
    font = ImageFont.load_default(size=size)
    while size > 12 and draw.textlength(inn, font=font) > right - left - 6:
        size -= 1
        font = ImageFont.load_default(size=size)
    draw.text(
        ((left + right) / 2, (top + bottom) / 2),
        inn,
        fill=ink,
        font=font,
        anchor="mm",
        stroke_width=1,
        stroke_fill=ink,
    )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
