"""Where a rendered document goes: ``<output>/<YYYY>-<MM>/<Entity>/<Client>/<kind> <number> от <DD.MM.YYYY>.<ext>``."""

from __future__ import annotations

from pathlib import Path

from desktop.core.documents.money import format_date
from desktop.core.models import Document
from desktop.core.safe_names import FOLDER_MAX, safe_file_name, safe_name

KIND_TITLES = {
    "act": "Акт",
    "invoice": "Счёт",
    "upd": "УПД",
    "detail": "Детализация",
    "contract": "Договор",
}
KIND_ORDER = {"act": 0, "invoice": 1, "upd": 2}  # the order of a client's documents in letters and packages


def party_folder(short_name: str, inn: str) -> str:
    """A party's folder: its name and INN (the INN survives renames and tells namesakes apart)."""
    inn = safe_name(inn, 12)
    name = " ".join(short_name.split())[: FOLDER_MAX - len(inn) - 1]
    return safe_name(f"{name} {inn}", FOLDER_MAX)


def document_file_name(kind: str, number: str, date_text: str, ext: str) -> str:
    """«Акт 12 от 31.10.2026.pdf»; a number with slashes keeps them as «-»."""
    title = KIND_TITLES.get(kind, kind)
    return safe_file_name(f"{title} {number} от {date_text}", ext)


def document_path(output_root: str | Path, doc: Document, ext: str, kind: str | None = None) -> Path:
    """The file of ``doc`` (``kind`` overrides ``doc.kind``, e.g. ``detail``) under ``output_root``.

    The month folder is the document's period (``2026-10``), so all papers of a month closing
    sit together even when the act is dated the next month.
    """
    year, _, month = doc.period.partition("-")
    month_folder = safe_name(f"{year}-{month}" if month else year, 10)
    entity = doc.own_entity
    client = doc.counterparty
    date_text = format_date(doc.date)
    return (
        Path(output_root)
        / month_folder
        / safe_name(entity.short_name)
        / party_folder(client.short_name, client.inn)
        / document_file_name(kind or doc.kind, doc.number, date_text, ext)
    )
