"""Choosing the PDF backend from the setting "PDF converter": auto, word or libreoffice."""

from __future__ import annotations

from desktop.core.documents.pdf.base import PdfBackend
from desktop.core.documents.pdf.libreoffice import LibreOfficeBackend, find_soffice
from desktop.core.documents.pdf.word import WordBackend, word_available
from desktop.core.errors import ConfigError

NONE_FOUND = (
    "Не найден конвертер PDF: установите LibreOffice или Microsoft Word (https://ru.libreoffice.org). "
    "Если LibreOffice установлен в нестандартную папку, укажите путь к soffice "
    "в переменной окружения AKTDESK_SOFFICE."
)


def detect_backend(preference: str = "auto", **libreoffice_options: object) -> PdfBackend:
    """The backend for the setting: Word where it exists, LibreOffice otherwise (``auto``).

    ``libreoffice_options`` go to ``LibreOfficeBackend`` (workers, profile_root, ...).
    Raises ``ConfigError`` with a message for the user when the wanted converter is missing.
    """
    if preference not in ("auto", "word", "libreoffice"):
        raise ConfigError(f"Неизвестный конвертер PDF: «{preference}»", field="pdf_converter")
    if preference == "word":
        return WordBackend()
    if preference == "auto" and word_available():
        return WordBackend()
    if find_soffice() is None and libreoffice_options.get("soffice") is None:
        if preference == "libreoffice":
            raise ConfigError(
                "Не найден LibreOffice: установите его или укажите путь к soffice "
                "в переменной окружения AKTDESK_SOFFICE.",
                field="pdf_converter",
            )
        raise ConfigError(NONE_FOUND, field="pdf_converter")
    return LibreOfficeBackend(**libreoffice_options)  # type: ignore[arg-type]
