"""Windows-safe file and folder names (docs/domain.md, «Windows-safe names»).

Every generated path component goes through ``safe_name``: NFC, ASCII double quotes turned into
guillemets «…», slashes into «-», other forbidden characters (``<>:"/\\|?*``, codes 0–31) into
«_» (control codes dropped), runs of spaces collapsed, capped in length, trailing dots and spaces
stripped (Windows strips them silently, so the stored path would not match), and reserved device
names (CON, PRN, AUX, NUL, COM0–9, LPT0–9, also with superscript digits and with an extension,
in any case) prefixed with «_» (Microsoft, "Naming Files, Paths, and Namespaces"). Bidirectional controls (U+202A–U+202E, U+2066–U+2069 and the
marks U+200E, U+200F, U+061C) are dropped: they are invisible, and a name with them reorders in
Explorer (``‮fdp.exe`` shows as ``exe.pdf``) and never matches the same name typed without them.
"""

from __future__ import annotations

import unicodedata

FORBIDDEN = frozenset('<>:"/\\|?*') | frozenset(chr(c) for c in range(32))
_DIGITS = "0123456789¹²³"
RESERVED = frozenset({"CON", "PRN", "AUX", "NUL"}) | frozenset(
    f"{stem}{d}" for stem in ("COM", "LPT") for d in _DIGITS
)
BIDI_CONTROLS = frozenset(
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
)
FOLDER_MAX = 80
FILE_MAX = 120


def is_reserved(name: str) -> bool:
    """True for CON, ``nul.txt``, ``Com1.pdf`` … (the part before the first dot, trailing spaces ignored)."""
    stem = name.split(".", 1)[0].rstrip(" ").upper()
    return stem in RESERVED


def _quotes(text: str) -> str:
    """ASCII double quotes to «» by position: an opening quote follows a space, a bracket or the start."""
    out: list[str] = []
    depth = 0
    for i, ch in enumerate(text):
        if ch != '"':
            out.append(ch)
            continue
        prev = text[i - 1] if i else " "
        if depth == 0 or (prev in " («" and (i + 1 < len(text) and text[i + 1] not in ' ."»')):
            out.append("«")
            depth += 1
        else:
            out.append("»")
            depth -= 1
    return "".join(out)


def safe_name(text: str, limit: int = FOLDER_MAX) -> str:
    """One path component Windows, SMB shares, Explorer and Word accept as it is.

    ``limit`` caps the length in characters (80 for folders by default); a file name keeps its
    extension: pass the stem and add the extension afterwards, or use ``safe_file_name``.
    """
    text = unicodedata.normalize("NFC", _quotes(text))
    out: list[str] = []
    for ch in text:
        if ch in BIDI_CONTROLS:
            continue
        if ch in "/\\":
            out.append("-")
        elif ch in FORBIDDEN:
            out.append("_" if ord(ch) >= 32 else " ")
        else:
            out.append(ch)
    name = " ".join("".join(out).split())
    name = name[:limit].rstrip(" .")
    if not name:
        name = "_"
    if is_reserved(name):
        name = ("_" + name)[:limit].rstrip(" .")
    return name


def safe_file_name(stem: str, ext: str, limit: int = FILE_MAX) -> str:
    """``safe_name(stem)`` + ``.ext``, the whole name within ``limit`` characters."""
    ext = ext.lstrip(".")
    suffix = f".{safe_name(ext, 10)}" if ext else ""
    return safe_name(stem, max(1, limit - len(suffix))) + suffix
