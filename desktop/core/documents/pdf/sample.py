"""Sample print documents (act-like, invoice-like, UPD-like) for converter checks and benchmarks.

They look like what the document engine produces: Cyrillic text, a table of services, a
footer with the PAGE field, optionally several pages with a repeated table header, so a
converter check in the settings dialog, the tests and ``bench/pdf_convert.py`` exercise the
same layout features as real documents.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Literal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

SampleKind = Literal["act", "invoice", "upd"]

_TITLES: dict[SampleKind, str] = {
    "act": "Акт выполненных работ",
    "invoice": "Счёт на оплату",
    "upd": "Универсальный передаточный документ",
}


def _add_field(paragraph: object, instruction: str) -> None:
    """A complex field (fldChar begin/instrText/separate/result/end) as Word writes it."""
    p = paragraph._p  # type: ignore[attr-defined]
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("result", "1"),
        ("end", None),
    ):
        run = OxmlElement("w:r")
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        elif kind == "result":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run.append(el)
        p.append(run)


def write_sample_docx(
    path: Path,
    *,
    kind: SampleKind = "act",
    number: int = 1,
    rows: int = 5,
    client: str = "ООО «Ромашка»",
    footer: bool = True,
    extra_page_break: bool = False,
    qr: bool = False,
    numbered: int = 0,
    numpages: bool = False,
) -> Path:
    """Write a sample document; ``rows`` around 40+ makes it span several pages.

    The footer reads «Страница N» (PAGE field) or, with ``numpages``, «Страница N из M», so a
    PDF shows whether page numbers restart. ``qr`` adds a QR code picture (as on real acts),
    ``numbered`` a numbered list of that many items (explicit list numbering).
    """
    doc = Document()
    section = doc.sections[0]
    if kind == "upd":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(15)
    style = doc.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(11)

    doc.add_heading(f"{_TITLES[kind]} № {number} от 31.01.2025", level=1)
    doc.add_paragraph(f"Исполнитель: ООО «АктДеск», ИНН 7707083893. Заказчик: {client}.")
    doc.add_paragraph("Основание: договор № 15/24 от 01.02.2024.")
    if qr:
        import segno  # deferred: segno (with email, http, ssl) only for a sample with a QR code

        buffer = io.BytesIO()
        segno.make(f"ST00012|Name=ООО АктДеск|Sum={number}00|Purpose=Акт {number}", error="m").save(
            buffer, kind="png", scale=4
        )
        buffer.seek(0)
        doc.add_picture(buffer, width=Mm(25))
    for i in range(numbered):
        item = doc.add_paragraph(f"Условие {i + 1} приложения к акту {number}")
        num_pr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), "0")
        num_id = OxmlElement("w:numId")
        num_id.set(qn("w:val"), "5")  # "List Number" of python-docx's default template: 1. 2. 3.
        num_pr.append(ilvl)
        num_pr.append(num_id)
        item._p.get_or_add_pPr().append(num_pr)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    header = table.rows[0]
    for cell, text in zip(
        header.cells, ("№", "Наименование работ, услуг", "Кол-во", "Цена", "Сумма"), strict=True
    ):
        cell.text = text
    # Repeat the header row on each page, as real multi-page acts do.
    tr_pr = header._tr.get_or_add_trPr()
    tbl_header = OxmlElement("w:tblHeader")
    tr_pr.append(tbl_header)
    total = Decimal("0")
    for i in range(1, rows + 1):
        price = Decimal(1000 + 17 * i + number) / Decimal(1)
        total += price
        cells = table.add_row().cells
        cells[0].text = str(i)
        cells[1].text = f"Бухгалтерское обслуживание, позиция {i} (документ {number})"
        cells[2].text = "1"
        cells[3].text = f"{price:.2f}"
        cells[4].text = f"{price:.2f}"
    doc.add_paragraph(f"Итого: {total:.2f} руб. Без НДС.")
    if extra_page_break:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_paragraph("Приложение: перечень оказанных услуг на отдельной странице.")
    doc.add_paragraph("Вышеперечисленные услуги выполнены полностью и в срок. Заказчик претензий не имеет.")
    doc.add_paragraph("Исполнитель ____________ / Иванов И. И. /      Заказчик ____________ / Петров П. П. /")
    if footer:
        paragraph = section.footer.paragraphs[0]
        paragraph.add_run("Страница ")
        _add_field(paragraph, "PAGE")
        if numpages:
            paragraph.add_run(" из ")
            _add_field(paragraph, "NUMPAGES")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
