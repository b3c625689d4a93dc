"""QT_TRANSLATE_NOOP with its real type.

PySide6's stub declares `QT_TRANSLATE_NOOP(context: object, message: object) -> object`; the function
returns the message, so a table of titles built with it is a table of `str` here. lupdate finds the
strings by the function's name, wherever it is imported from.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, message: str) -> str:
    """Mark `message` for translation in `context`; it is translated where it is shown."""
    return message
