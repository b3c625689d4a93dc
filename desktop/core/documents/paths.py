r"""Where a rendered document goes: ``<output>/<YYYY>-<MM>/<Entity>/<Client>/<kind> <number> от <DD.MM.YYYY>.<ext>``.

Windows refuses paths over 260 characters (MAX_PATH) in Explorer, Word and many mail clients, so the
parts are capped so that every file of a client's folder under a typical
``C:\Users\<login>\Documents\AktDesk\`` (a login has at most 20 characters: 48 characters in
all) stays at least 40 characters under it: 48 + ``2026-10\`` 8 + entity 24 + 1 + client 35 + 1 +
file 60 = 177. Every file there is named by the program and capped at 60, the UPD XML too
(«УПД 12 от 31.10.2026.xml»): its FNS name (``ON_NSCHFDOPPR_<buyer>_<seller>_<date>_<GUID>.xml``,
up to 157 characters with two EDO participant ids) is kept in ``Файл/@ИдФайл`` and given to the
file only where it leaves the program (EDO export, e-mail). A long name is cut at its limit (the
client's INN always kept at the end), so the same name always gives the same folder, here and on
the share.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.common.formats import format_date
from desktop.core.common.labels import KIND_TITLES as DOCUMENT_KIND_TITLES
from desktop.core.common.safe_names import safe_file_name, safe_name
from desktop.core.models import Document, DocumentKind

# File titles: a document kind's, and of the forms that are no document kind of their own.
KIND_TITLES: dict[str, str] = {kind.value: title for kind, title in DOCUMENT_KIND_TITLES.items()}
KIND_TITLES.update(detail="Детализация", contract="Договор")
KIND_ORDER = {
    DocumentKind.ACT: 0,
    DocumentKind.INVOICE: 1,
    DocumentKind.UPD: 2,
    DocumentKind.SF: 3,
    DocumentKind.ADVANCE_SF: 4,
    DocumentKind.UKD: 5,
}  # the order of a client's documents in letters and packages


ENTITY_FOLDER_MAX = 24
CLIENT_FOLDER_MAX = 35
DOCUMENT_FILE_MAX = 60
WINDOWS_PATH_MAX = 260
PATH_MARGIN = 40  # what a path under the typical documents folder keeps free below WINDOWS_PATH_MAX


def party_folder(short_name: str, inn: str) -> str:
    """A party's folder, the same in the documents folder and on the share: its name and INN (the
    INN survives renames and tells namesakes apart), within ``CLIENT_FOLDER_MAX`` characters.

    «ИП Иванов И.И.» → «ИП Иванов И.И 7707…»: no dot before the INN; a name too long is cut.
    """
    inn = safe_name(inn, 12)
    name = safe_name(short_name, CLIENT_FOLDER_MAX)  # bidi controls and forbidden characters out first
    name = name[: CLIENT_FOLDER_MAX - len(inn) - 1].rstrip(" .")
    return safe_name(f"{name} {inn}", CLIENT_FOLDER_MAX)


def entity_folder(short_name: str) -> str:
    """An own entity's folder in the documents folder, within ``ENTITY_FOLDER_MAX`` characters."""
    return safe_name(short_name, ENTITY_FOLDER_MAX)


def document_file_name(kind: str, number: str, date_text: str, ext: str) -> str:
    """«Акт 12 от 31.10.2026.pdf»; a number with slashes keeps them as «-»."""
    title = KIND_TITLES.get(kind, kind)
    return safe_file_name(f"{title} {number} от {date_text}", ext, DOCUMENT_FILE_MAX)


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
        / entity_folder(entity.short_name)
        / party_folder(client.short_name, client.inn)
        / document_file_name(kind or doc.kind, doc.number, date_text, ext)
    )
