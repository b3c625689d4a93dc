"""Builds the print forms forms/*.docx with python-docx (run: uv run --no-sync python forms/src/build_forms.py).

The DOCX files are what accountants edit afterwards in Word or LibreOffice; this script is
only the starting point, kept so that the forms can be rebuilt consistently. Placeholders are
docxtpl Jinja (see forms/README.md). Fonts: Arial (Liberation Sans is metric-compatible where
Arial is missing). Page numbers use only the PAGE field (never NUMPAGES), so a batch of
documents in one file numbers each document from 1.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FORMS = Path(__file__).resolve().parent.parent
FONT = "Arial"
LEFT, CENTER, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)

# --- document set-up -------------------------------------------------------------------


def new_document(
    landscape: bool = False, size: float = 9, margins: tuple[float, float, float, float] = (15, 12, 15, 20)
) -> DocumentObject:
    doc = Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    top, right, bottom, left = margins
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance = Mm(6)
    section.footer_distance = Mm(6)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size)
    rfonts = normal.element.rPr.rFonts
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    core = doc.core_properties
    core.author = "AktDesk"
    core.title = ""
    core.comments = ""
    core.last_modified_by = "AktDesk"
    core.revision = 1
    # Drop the default empty paragraph.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return doc


def para(
    container: DocumentObject | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    size: float | None = None,
    align: int | None = None,
    before: float = 0,
    after: float = 0,
    italic: bool = False,
    keep_next: bool = False,
) -> Paragraph:
    p = container.add_paragraph()
    if text:
        add(p, text, bold=bold, size=size, italic=italic)
    fmt = p.paragraph_format
    if align is not None:
        fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if keep_next:
        fmt.keep_with_next = True
    return p


SHY = (
    "\u00ad"  # a soft hyphen: where a word of a narrow column's header may break (a «-» is drawn only there)
)


def hyphenated(text: str) -> str:
    """«обозна|чение» → the word with a soft hyphen at «|»: headers never break a word anywhere else."""
    return text.replace("|", SHY)


def add(
    p: Paragraph,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    italic: bool = False,
    underline: bool = False,
) -> None:
    if SHY in text:
        # Word's own optional hyphen (w:softHyphen) between the parts; LibreOffice reads it the same.
        run = p.add_run()
        for i, part in enumerate(text.split(SHY)):
            if i:
                run._r.append(OxmlElement("w:softHyphen"))
            if part:
                t = OxmlElement("w:t")
                t.text = part
                t.set(qn("xml:space"), "preserve")
                run._r.append(t)
    else:
        run = p.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    run.underline = underline or None
    if size:
        run.font.size = Pt(size)


def cell_text(
    cell: _Cell,
    text: str = "",
    *,
    bold: bool = False,
    size: float | None = None,
    align: int | None = None,
    italic: bool = False,
) -> Paragraph:
    """Put text into the cell's first paragraph."""
    p = cell.paragraphs[0]
    if text:
        add(p, text, bold=bold, size=size, italic=italic)
    if align is not None:
        p.paragraph_format.alignment = align
    return p


def set_borders(cell: _Cell, **sides: str) -> None:
    """sides: top/bottom/left/right = "single" | "nil"."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    for side in ("top", "left", "bottom", "right"):
        if side not in sides:
            continue
        el = borders.find(qn(f"w:{side}"))
        if el is None:
            el = OxmlElement(f"w:{side}")
            borders.append(el)
        value = sides[side]
        el.set(qn("w:val"), value)
        if value != "nil":
            el.set(qn("w:sz"), "4" if value == "single" else "12")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
            if value == "thick":
                el.set(qn("w:val"), "single")


def table(
    container: DocumentObject | _Cell, rows: int, widths_mm: Sequence[float], *, grid: bool = True
) -> Table:
    t = container.add_table(rows=rows, cols=len(widths_mm))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    tbl_pr = t._tbl.tblPr
    # t.autofit = False above already wrote <w:tblLayout w:type="fixed"/>.
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("left", 40), ("right", 40), ("top", 0), ("bottom", 0)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(value))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)
    grid_el = t._tbl.tblGrid
    for col, w in zip(grid_el.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(w * 56.7)))
    for row in t.rows:
        for cell, w in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(w)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single" if grid else "nil")
        if grid:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    # tblBorders goes before tblLayout/tblCellMar in the schema order.
    layout_el = tbl_pr.find(qn("w:tblLayout"))
    layout_el.addprevious(borders)
    return t


def shade(cell: _Cell, fill: str = "EDEDED") -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def valign(cell: _Cell, how: str = "center") -> None:
    cell.vertical_alignment = {
        "center": WD_CELL_VERTICAL_ALIGNMENT.CENTER,
        "bottom": WD_CELL_VERTICAL_ALIGNMENT.BOTTOM,
        "top": WD_CELL_VERTICAL_ALIGNMENT.TOP,
    }[how]


def repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def cant_split(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(OxmlElement("w:cantSplit"))


def bottom_rule(p: Paragraph, size: int = 12) -> None:
    p_pr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(size))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    bdr.append(bottom)
    p_pr.append(bdr)


def page_number_footer(doc: DocumentObject, prefix: str = "Страница ") -> None:
    footer = doc.sections[0].footer
    p = footer.paragraphs[0]
    p.paragraph_format.alignment = RIGHT
    add(p, prefix, size=7)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "14")
    rpr.append(sz)
    r.append(rpr)
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    p._p.append(fld)


def lines_table(
    doc: DocumentObject | _Cell, columns: Sequence[tuple[str, float, str, int]], size: float = 8
) -> Table:
    """A table of lines: a header row and one ``{%tr for line in lines %}`` row.

    columns: (header, width mm, placeholder expression, alignment).
    """
    t = table(doc, 4, [c[1] for c in columns])
    head, loop_open, body, loop_close = t.rows
    repeat_header(head)
    for cell, (title, _w, _expr, _align) in zip(head.cells, columns, strict=True):
        cell_text(cell, title, bold=True, size=size, align=CENTER)
        valign(cell)
        shade(cell)
    loop_open.cells[0].merge(loop_open.cells[-1])
    cell_text(loop_open.cells[0], "{%tr for line in lines %}", size=size)
    for cell, (_title, _w, expr, align) in zip(body.cells, columns, strict=True):
        cell_text(cell, expr, size=size, align=align)
        valign(cell, "top")
    cant_split(body)
    loop_close.cells[0].merge(loop_close.cells[-1])
    cell_text(loop_close.cells[0], "{%tr endfor %}", size=size)
    return t


def totals_block(
    doc: DocumentObject,
    rows: Sequence[tuple[str, str]],
    width_label: float = 60,
    width_value: float = 30,
    total_width: float = 180,
) -> Table:
    """Right-aligned label: value rows under a lines table."""
    t = table(doc, len(rows), [total_width - width_label - width_value, width_label, width_value], grid=False)
    for row, (label, value) in zip(t.rows, rows, strict=True):
        cell_text(row.cells[1], label, bold=True, align=RIGHT)
        cell_text(row.cells[2], value, bold=True, align=RIGHT)
    return t


STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="ru-RU" w:eastAsia="ru-RU" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"""
SETTINGS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"""
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


# Word refuses elements out of schema order (LibreOffice forgives): python-docx appends what we add at the end.
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
    "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "tcBorders": "top left start bottom right end insideH insideV tl2br tr2bl",
    "tblBorders": "top left start bottom right end insideH insideV",
}


def schema_order(xml: bytes) -> bytes:
    from lxml import etree

    root = etree.fromstring(xml)
    for parent_name, order in SCHEMA_ORDER.items():
        rank = {name: i for i, name in enumerate(order.split())}
        for parent in root.iter(f"{{{W_NS}}}{parent_name}"):
            children = list(parent)
            children.sort(key=lambda el: rank.get(etree.QName(el).localname, len(rank)))
            for child in children:
                parent.append(child)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def lean_package(path: Path, size_pt: float) -> None:
    """Keep only what the form needs: document, minimal styles and settings, footers; no theme, fonts, numbering."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    document = parts["word/document.xml"].decode("utf-8")
    footers = sorted(n for n in parts if re.fullmatch(r"word/footer\d+\.xml", n))
    headers = sorted(n for n in parts if re.fullmatch(r"word/header\d+\.xml", n))
    old_rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    rels = [
        ("rIdStyles", f"{R_NS}/styles", "styles.xml"),
        ("rIdSettings", f"{R_NS}/settings", "settings.xml"),
    ]
    for name in headers + footers:
        target = name.removeprefix("word/")
        m = re.search(
            rf'<Relationship [^>]*Id="([^"]+)"[^>]*Target="{re.escape(target)}"', old_rels
        ) or re.search(rf'<Relationship [^>]*Target="{re.escape(target)}"[^>]*Id="([^"]+)"', old_rels)
        assert m, name
        kind = "header" if "header" in name else "footer"
        rels.append((m.group(1), f"{R_NS}/{kind}", target))
    rels_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG}">'
        + "".join(f'<Relationship Id="{i}" Type="{t}" Target="{g}"/>' for i, t, g in rels)
        + "</Relationships>"
    )
    overrides = [
        ("/word/document.xml", f"{MAIN_CT}.document.main+xml"),
        ("/word/styles.xml", f"{MAIN_CT}.styles+xml"),
        ("/word/settings.xml", f"{MAIN_CT}.settings+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ]
    overrides += [
        (f"/{n}", f"{MAIN_CT}.{'header' if 'header' in n else 'footer'}+xml") for n in headers + footers
    ]
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        + "".join(f'<Override PartName="{n}" ContentType="{c}"/>' for n, c in overrides)
        + "</Types>"
    )
    # Paragraph styles of the default template (Header/Footer) are gone: drop references to them.
    cleaned = {
        n: schema_order(re.sub(r'<w:pStyle w:val="[^"]*"/>', "", parts[n].decode("utf-8")).encode("utf-8"))
        for n in headers + footers
    }
    document = schema_order(re.sub(r'<w:pStyle w:val="[^"]*"/>', "", document).encode("utf-8")).decode(
        "utf-8"
    )
    out = {
        "[Content_Types].xml": content_types.encode("utf-8"),
        "_rels/.rels": parts["_rels/.rels"],
        "docProps/core.xml": parts["docProps/core.xml"],
        "docProps/app.xml": parts.get("docProps/app.xml", b""),
        "word/document.xml": document.encode("utf-8"),
        "word/_rels/document.xml.rels": rels_xml.encode("utf-8"),
        "word/styles.xml": STYLES.replace("{size}", str(int(size_pt * 2))).encode("utf-8"),
        "word/settings.xml": SETTINGS.encode("utf-8"),
        **cleaned,
    }
    if not out["docProps/app.xml"]:
        del out["docProps/app.xml"]
        out["[Content_Types].xml"] = out["[Content_Types].xml"].replace(
            b'<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>',
            b"",
        )
    root_rels = out["_rels/.rels"].decode("utf-8")
    root_rels = re.sub(r'<Relationship [^>]*Target="docProps/thumbnail[^"]*"/>', "", root_rels)
    out["_rels/.rels"] = root_rels.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in out.items():
            zf.writestr(name, blob)


def save(doc: DocumentObject, name: str, size_pt: float = 9) -> Path:
    path = FORMS / name
    doc.save(str(path))
    lean_package(path, size_pt)
    return path


# --- blocks shared by the forms ----------------------------------------------------------


def title_with_qr(doc: DocumentObject, width: float, title: str, subtitle: str = "") -> None:
    """The document title with a rule under it, and the small document QR (scan inbox) on the right."""
    t = table(doc, 1, [width - 20, 20], grid=False)
    left, right = t.rows[0].cells
    p = cell_text(left, title, bold=True, size=14)
    if subtitle:
        para(left, subtitle, size=10, before=2)
    cell_text(right, "{{ doc.id_qr }}", align=RIGHT)
    valign(left, "bottom")
    set_borders(left, bottom="thick")
    set_borders(right, bottom="thick")
    p.paragraph_format.space_after = Pt(2)
    para(doc, after=6)


def party_row(t: Table, row: int, label: str, prefix: str, bank: bool) -> None:
    cell_text(t.rows[row].cells[0], label)
    p = cell_text(t.rows[row].cells[1])
    add(p, f"{{{{ {prefix}.full_name }}}}", bold=True)
    add(p, f", ИНН {{{{ {prefix}.inn }}}}{{% if {prefix}.kpp %}}, КПП {{{{ {prefix}.kpp }}}}{{% endif %}}")
    add(p, f"{{% if {prefix}.address %}}, {{{{ {prefix}.address }}}}{{% endif %}}")
    add(p, f"{{% if {prefix}.phone %}}, тел.: {{{{ {prefix}.phone }}}}{{% endif %}}")
    if bank:
        add(
            p,
            f"{{% if {prefix}.bank.account %}}, р/с {{{{ {prefix}.bank.account }}}} в {{{{ {prefix}.bank.name }}}}, "
            f"БИК {{{{ {prefix}.bank.bik }}}}, к/с {{{{ {prefix}.bank.corr_account }}}}{{% endif %}}",
        )
    p.paragraph_format.space_after = Pt(4)


def parties_block(
    doc: DocumentObject,
    width: float,
    rows: Sequence[tuple[str, str, bool]],
    extra: Sequence[tuple[str, str]] = (),
) -> None:
    t = table(doc, len(rows) + len(extra), [28, width - 28], grid=False)
    for i, (label, prefix, bank) in enumerate(rows):
        party_row(t, i, label, prefix, bank)
    for j, (label, value) in enumerate(extra, start=len(rows)):
        cell_text(t.rows[j].cells[0], label)
        p = cell_text(t.rows[j].cells[1], value)
        p.paragraph_format.space_after = Pt(2)
    para(doc, after=4)


SUBTOTAL = "{{ totals.total if 'В том числе' in totals.vat_label else totals.net }}"
LINE_AMOUNT = "{{ line.total if 'В том числе' in totals.vat_label else line.net }}"


def totals_rows(doc: DocumentObject, width: float, last: str) -> None:
    """Итого / VAT line / Всего: amounts without VAT plus VAT on top, or with VAT «в том числе»."""
    t = table(doc, 3, [width - 75, 50, 25], grid=False)
    for row, (label, value) in zip(
        t.rows,
        (
            ("Итого:", SUBTOTAL),
            ("{{ totals.vat_label }}:", "{{ totals.vat if totals.with_vat else '—' }}"),
            (last, "{{ totals.total }}"),
        ),
        strict=True,
    ):
        cell_text(row.cells[1], label, bold=True, align=RIGHT)
        cell_text(row.cells[2], value, bold=True, align=RIGHT)


def sign_line(cell: _Cell, prefix: str, *, facsimile: bool, before: float = 14) -> None:
    p = para(cell, before=before)
    if facsimile:
        add(p, "{% if facsimile %}{{ facsimile }}{% else %}______________________{% endif %}")
    else:
        add(p, "______________________")
    add(p, f" / {{{{ {prefix}.director_short }}}} /")
    para(cell, "          подпись                         расшифровка подписи", size=6, italic=True)


def two_signatures(doc: DocumentObject, width: float, left: str, right: str) -> None:
    """Seller (with stamp and facsimile when the run asks) and buyer, each with position and М.П."""
    t = table(doc, 1, [width / 2 - 3, 6, width / 2 - 3], grid=False)
    for cell, title, prefix, own in (
        (t.rows[0].cells[0], left, "seller", True),
        (t.rows[0].cells[2], right, "buyer", False),
    ):
        cell_text(cell, title, bold=True)
        para(cell, f"{{{{ {prefix}.director_position }}}}", before=2)
        para(cell, f"{{{{ {prefix}.name }}}}", size=8)
        sign_line(cell, prefix, facsimile=own)
        if own:
            para(cell, "М.П. {{ stamp }}", before=4)
        else:
            para(cell, "М.П.", before=4)
    cant_split(t.rows[0])


# --- the forms -------------------------------------------------------------------------

ACT_COLUMNS = [
    ("№", 8, "{{ line.no }}", CENTER),
    (
        "Наименование работ, услуг",
        62,
        "{{ line.name }}{% if line.period %} ({{ line.period }}){% endif %}",
        LEFT,
    ),
    ("Кол-во", 13, "{{ line.quantity }}", RIGHT),
    ("Ед.", 11, "{{ line.unit_name }}", CENTER),
    ("Цена", 21, "{{ line.price }}", RIGHT),
    ("Ставка НДС", 16, "{{ line.vat_rate }}", CENTER),
    ("Сумма НДС", 20, "{{ line.vat }}", RIGHT),
    ("Сумма", 24, LINE_AMOUNT, RIGHT),
]


def build_act() -> Path:
    doc = new_document()
    width = 175.0
    title_with_qr(doc, width, "Акт № {{ doc.number }} от {{ doc.date }}", "об оказании услуг")
    parties_block(
        doc,
        width,
        [("Исполнитель:", "seller", True), ("Заказчик:", "buyer", False)],
        [
            ("Основание:", "{{ doc.basis }}"),
            ("Период:", "{{ doc.period_title }} ({{ doc.period_start }} – {{ doc.period_end }})"),
        ],
    )
    lines_table(doc, ACT_COLUMNS)
    para(doc, after=2)
    totals_rows(doc, width, "Всего к оплате:")
    para(doc, "Всего оказано услуг {{ totals.count }}, на сумму {{ totals.total }} руб.", before=8)
    para(doc, "{{ totals.total_words }}", bold=True)
    para(doc, "{{ totals.vat_text }}", after=6)
    para(
        doc,
        "Вышеперечисленные услуги выполнены полностью и в срок. Заказчик претензий по объему, качеству "
        "и срокам оказания услуг не имеет.",
        align=JUSTIFY,
        after=4,
    )
    p = para(doc, after=10)
    bottom_rule(p, 18)
    two_signatures(doc, width, "ИСПОЛНИТЕЛЬ", "ЗАКАЗЧИК")
    return save(doc, "act.docx")


def build_invoice() -> Path:
    doc = new_document()
    width = 175.0
    para(
        doc,
        "Внимание! Оплата данного счёта означает согласие с условиями оказания услуг. При оплате обязательно "
        "указывайте номер и дату счёта.",
        size=7,
        italic=True,
        align=CENTER,
        after=6,
    )
    outer = table(doc, 1, [width - 36, 36], grid=False)
    left, right = outer.rows[0].cells
    bank = table(left, 4, [62, 17, width - 36 - 79 - 2])
    r = bank.rows
    cell_text(r[0].cells[0], "{{ seller.bank.name }}", size=8)
    cell_text(r[0].cells[1], "БИК", size=8)
    cell_text(r[0].cells[2], "{{ seller.bank.bik }}", size=8)
    cell_text(r[1].cells[0], "Банк получателя", size=7, italic=True)
    cell_text(r[1].cells[1], "Сч. №", size=8)
    cell_text(r[1].cells[2], "{{ seller.bank.corr_account }}", size=8)
    cell_text(
        r[2].cells[0], "ИНН {{ seller.inn }}{% if seller.kpp %}      КПП {{ seller.kpp }}{% endif %}", size=8
    )
    cell_text(r[2].cells[1], "Сч. №", size=8)
    cell_text(r[2].cells[2], "{{ seller.bank.account }}", size=8)
    cell_text(r[3].cells[0], "{{ seller.name }}", size=8)
    para(r[3].cells[0], "Получатель", size=7, italic=True)
    r[2].cells[1].merge(r[3].cells[1])
    r[2].cells[2].merge(r[3].cells[2])
    set_borders(r[0].cells[0], bottom="nil")
    set_borders(r[1].cells[0], top="nil")
    set_borders(r[0].cells[1], bottom="nil")
    set_borders(r[1].cells[1], top="nil")
    cell_text(right, "{{ qr }}", align=CENTER)
    para(right, "QR-код для оплаты", size=6, align=CENTER, italic=True)
    valign(right, "top")
    para(doc, after=6)
    title_with_qr(doc, width, "Счёт на оплату № {{ doc.number }} от {{ doc.date }}")
    parties_block(
        doc,
        width,
        [("Поставщик (Исполнитель):", "seller", False), ("Покупатель (Заказчик):", "buyer", False)],
        [("Основание:", "{{ doc.basis }}")],
    )
    lines_table(doc, ACT_COLUMNS)
    para(doc, after=2)
    totals_rows(doc, width, "Всего к оплате:")
    para(doc, "Всего наименований {{ totals.count }}, на сумму {{ totals.total }} руб.", before=8)
    para(doc, "{{ totals.total_words }}", bold=True)
    para(doc, "{{ totals.vat_text }}", after=6)
    para(doc, "{%p if payment.terms %}")
    para(doc, "{{ payment.terms }}.", bold=True, after=2)
    para(doc, "{%p endif %}")
    p = para(doc, after=4)
    add(p, "Назначение платежа: ", bold=True)
    add(p, "{{ payment.purpose }}")
    p = para(doc, after=10)
    bottom_rule(p, 18)
    t = table(doc, 2, [36, 42, 4, 40, 53], grid=False)
    cell_text(t.rows[0].cells[0], "Руководитель", bold=True)
    p = cell_text(t.rows[0].cells[1], align=CENTER)
    add(p, "{% if facsimile %}{{ facsimile }}{% endif %}")
    cell_text(t.rows[0].cells[3], "{{ seller.director_short }}")
    cell_text(t.rows[1].cells[0], "Бухгалтер", bold=True)
    cell_text(t.rows[1].cells[3], "{{ seller.accountant_short or seller.director_short }}")
    for row in t.rows:
        for i in (1, 3):
            set_borders(row.cells[i], bottom="single")
        for c in row.cells:
            valign(c, "bottom")
            c.paragraphs[0].paragraph_format.space_before = Pt(12)
    para(doc, "М.П. {{ stamp }}", before=4)
    return save(doc, "invoice.docx")


# The table of the current UPD: the FNS-recommended form (letter of 21.10.2013 N ММВ-20-3/96@) carries
# the columns of the VAT invoice of Decree N 1137 as amended — 12, 12а, 13 for traceability since
# 01.07.2021 (Decree N 534 of 02.04.2021) and 14 since 01.10.2024 (Decree N 1096 of 16.08.2024) —
# plus column А (the goods/service code). Services have dashes in А, 1б, 10–14.
# Widths in mm add up to the 279 mm of the landscape page; «|» marks where a header word may break.
UPD_COLUMNS = [
    ("Код товара/ работ, услуг", 11, "--", CENTER),
    ("№ п/п", 6, "{{ line.no }}", CENTER),
    (
        "Наименование товара (описание выполненных работ, оказанных услуг), имущественного права",
        44,
        "{{ line.name }}{% if line.period %} ({{ line.period }}){% endif %}",
        LEFT,
    ),
    ("Код вида то|вара", 9, "--", CENTER),
    ("код", 8, "{{ line.unit_code }}", CENTER),
    ("условное обозна|чение (нацио|нальное)", 13, "{{ line.unit_name }}", CENTER),
    ("Коли|чество (объём)", 11, "{{ line.quantity }}", RIGHT),
    ("Цена (тариф) за единицу измерения", 14, "{{ line.price }}", RIGHT),
    ("Стоимость товаров (работ, услуг), имуществен|ных прав без налога — всего", 17, "{{ line.net }}", RIGHT),
    ("В том числе сумма акциза", 11, "без акциза", CENTER),
    ("Нало|говая ставка", 10, "{{ line.vat_rate }}", CENTER),
    ("Сумма налога, предъяв|ляемая покупа|телю", 14, "{{ line.vat }}", RIGHT),
    (
        "Стоимость товаров (работ, услуг), имуществен|ных прав с налогом — всего",
        17,
        "{{ line.total }}",
        RIGHT,
    ),
    ("цифро|вой код", 9, "--", CENTER),
    ("краткое наимено|вание", 12, "--", CENTER),
    (
        "Регистра|ционный номер деклара|ции на товары или регистра|ционный номер партии товара, подлежа|щего прослежи|ваемости",
        17,
        "--",
        CENTER,
    ),
    ("код", 8, "--", CENTER),
    ("условное обозна|чение", 12, "--", CENTER),
    (
        "Количество товара, подлежа|щего прослежи|ваемости, в количест|венной единице измерения товара, исполь|зуемой в целях осуществ|ления прослежи|ваемости",
        19,
        "--",
        CENTER,
    ),
    (
        "Стоимость товара, подлежа|щего прослежи|ваемости, без налога на добавлен|ную стоимость, в рублях",
        17,
        "--",
        CENTER,
    ),
]
UPD_NUMBERS = [
    "А",
    "1",
    "1а",
    "1б",
    "2",
    "2а",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "10",
    "10а",
    "11",
    "12",
    "12а",
    "13",
    "14",
]
# Header groups over two columns: (first, second, title).
UPD_GROUPS = (
    (4, 5, "Единица измерения"),
    (13, 14, "Страна происхож|дения товара"),
    (16, 17, "Количественная единица измерения товара, используемая в целях осуществления прослежи|ваемости"),
)
UPD_HEADER_PT = 5.5
UPD_IMAGES = "doc.upd_status == 2"  # never a facsimile on a status-1 UPD (a VAT invoice): the buyer would lose the deduction


def drop_first_paragraph(cell: _Cell) -> None:
    """A new cell's empty first paragraph, once other content follows it."""
    first = cell.paragraphs[0]
    if not first.text and len(cell._tc) > 2:
        first._p.getparent().remove(first._p)


def signer_table(
    cell: _Cell, position: str, name: str, facsimile: bool = False, widths: Sequence[float] = (44, 32, 50)
) -> None:
    t = table(cell, 2, widths, grid=False)
    cell_text(t.rows[0].cells[0], position, size=7)
    if facsimile:
        p = cell_text(t.rows[0].cells[1], align=CENTER)
        add(p, f"{{% if facsimile and {UPD_IMAGES} %}}{{{{ facsimile }}}}{{% endif %}}")
    cell_text(t.rows[0].cells[2], name, size=7)
    for i, txt in enumerate(("(должность)", "(подпись)", "(ф.и.о.)")):
        set_borders(t.rows[0].cells[i], bottom="single")
        valign(t.rows[0].cells[i], "bottom")
        cell_text(t.rows[1].cells[i], txt, size=5, align=CENTER)
    t.rows[0].cells[0].paragraphs[0].paragraph_format.space_before = Pt(8)


def labelled(cell: _Cell, label: str, value: str, no: str, before: float = 2) -> None:
    p = para(cell, before=before)
    add(p, f"{label} ", size=6)
    add(p, value, size=7, underline=True)
    add(p, f"  {no}", size=6)


def build_upd() -> Path:
    doc = new_document(landscape=True, size=7, margins=(8, 8, 8, 10))
    width = 279.0
    top = table(doc, 1, [36, width - 36], grid=False)
    status, head = top.rows[0].cells
    set_borders(status, right="single")
    cell_text(status, "Универсальный передаточный документ", bold=True, size=9)
    p = para(status, before=6)
    add(p, "Статус: ", size=8)
    add(p, "{{ doc.upd_status }}", bold=True, size=16)
    para(status, "1 — счёт-фактура и передаточный документ (акт)", size=6, before=4)
    para(status, "2 — передаточный документ (акт)", size=6, after=4)
    para(status, "{{ doc.id_qr }}")
    rows = [
        ("Счёт-фактура №", "{{ doc.number }} от {{ doc.date }}", "(1)"),
        ("Исправление №", "-- от --", "(1а)"),
        ("Продавец:", "{{ seller.full_name }}", "(2)"),
        ("Адрес:", "{{ seller.address }}", "(2а)"),
        ("ИНН/КПП продавца:", "{{ seller.inn_kpp }}", "(2б)"),
        ("Грузоотправитель и его адрес:", "--", "(3)"),
        ("Грузополучатель и его адрес:", "--", "(4)"),
        ("К платёжно-расчётному документу №", "-- от --", "(5)"),
        ("Документ об отгрузке:", "№ п/п 1–{{ lines|length }} № {{ doc.number }} от {{ doc.date }}", "(5а)"),
        (LINE_5B_LABEL, "{{ upd.line_5b }}", "(5б)"),
        ("Покупатель:", "{{ buyer.full_name }}", "(6)"),
        ("Адрес:", "{{ buyer.address }}", "(6а)"),
        ("ИНН/КПП покупателя:", "{{ buyer.inn_kpp }}", "(6б)"),
        ("Валюта: наименование, код", "Российский рубль, 643", "(7)"),
        ("Идентификатор государственного контракта, договора (соглашения) (при наличии):", "--", "(8)"),
    ]
    hl = table(head, len(rows), [62, width - 36 - 62 - 14, 12], grid=False)
    for i, (row, (label, value, no)) in enumerate(zip(hl.rows, rows, strict=True)):
        big = i == 0
        cell_text(row.cells[0], label, bold=big, size=8 if big else 7)
        cell_text(row.cells[1], value, bold=big, size=8 if big else 7)
        set_borders(row.cells[1], bottom="single")
        cell_text(row.cells[2], no, size=6, align=RIGHT)
    para(doc, after=3)
    widths = [c[1] for c in UPD_COLUMNS]
    t = table(doc, 5, widths)
    h1, h2, loop_open, body, loop_close = t.rows
    repeat_header(h1)
    repeat_header(h2)
    grouped = {i for a, b, _t in UPD_GROUPS for i in (a, b)}
    for i, (title, _w, expr, align) in enumerate(UPD_COLUMNS):
        cell_text(h1.cells[i], hyphenated(title), size=UPD_HEADER_PT, align=CENTER)
        valign(h1.cells[i])
        shade(h1.cells[i])
        cell_text(h2.cells[i], UPD_NUMBERS[i], size=6, align=CENTER)
        cell_text(body.cells[i], expr, size=7, align=align)
        valign(body.cells[i], "top")
    cant_split(body)
    for a, b, text in UPD_GROUPS:
        merged = h1.cells[a].merge(h1.cells[b])
        for extra in merged.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        for r in list(merged.paragraphs[0]._p.iterchildren(qn("w:r"))):
            merged.paragraphs[0]._p.remove(r)
        add(merged.paragraphs[0], hyphenated(text), size=UPD_HEADER_PT)
    # Two-level header: the group titles above, the column titles in a second row.
    sub = t.add_row()
    t._tbl.remove(sub._tr)
    h1._tr.addnext(sub._tr)
    for i, (title, *_rest) in enumerate(UPD_COLUMNS):
        if i in grouped:
            cell_text(sub.cells[i], hyphenated(title), size=UPD_HEADER_PT, align=CENTER)
            shade(sub.cells[i])
    repeat_header(sub)
    # Cells outside the groups span both header rows. Work on the raw w:tc elements: once a
    # cell continues a vertical merge, python-docx's row.cells returns the cell above instead.
    h1_tcs = list(h1._tr.tc_lst)
    sub_tcs = list(sub._tr.tc_lst)
    h1_index = [
        i for i in range(len(UPD_COLUMNS)) if i not in {b for _a, b, _t in UPD_GROUPS}
    ]  # merged pairs
    for i in range(len(UPD_COLUMNS)):
        if i in grouped:
            continue
        vm = OxmlElement("w:vMerge")
        vm.set(qn("w:val"), "restart")
        h1_tcs[h1_index.index(i)].get_or_add_tcPr().append(vm)
        sub_pr = sub_tcs[i].get_or_add_tcPr()
        sub_pr.append(OxmlElement("w:vMerge"))
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), "EDEDED")
        sub_pr.append(shd)
    loop_open.cells[0].merge(loop_open.cells[-1])
    cell_text(loop_open.cells[0], "{%tr for line in lines %}", size=6)
    loop_close.cells[0].merge(loop_close.cells[-1])
    cell_text(loop_close.cells[0], "{%tr endfor %}", size=6)
    total_row = t.add_row()
    merged = total_row.cells[1].merge(total_row.cells[7])
    cell_text(merged, "Всего к оплате (9)", bold=True, size=7)
    cell_text(total_row.cells[8], "{{ totals.net }}", bold=True, size=7, align=RIGHT)
    ex = total_row.cells[9].merge(total_row.cells[10])
    cell_text(ex, "X", size=7, align=CENTER)
    cell_text(
        total_row.cells[11],
        "{{ totals.vat if totals.with_vat else 'без НДС' }}",
        bold=True,
        size=7,
        align=RIGHT,
    )
    cell_text(total_row.cells[12], "{{ totals.total }}", bold=True, size=7, align=RIGHT)
    for i in range(13, len(UPD_COLUMNS)):
        set_borders(
            total_row.cells[i], top="single", right="nil", bottom="nil", left="nil" if i > 13 else "single"
        )
    set_borders(total_row.cells[0], left="nil", bottom="nil")
    cant_split(total_row)
    para(doc, after=4)
    sig = table(doc, 2, [50, 30, 3, 38, 8, 50, 30, 3, 38, 29], grid=False)
    cell_text(sig.rows[0].cells[0], "Руководитель организации или иное уполномоченное лицо", size=6)
    p = cell_text(sig.rows[0].cells[1], align=CENTER)
    add(p, f"{{% if facsimile and {UPD_IMAGES} %}}{{{{ facsimile }}}}{{% endif %}}")
    cell_text(sig.rows[0].cells[3], "{{ seller.director_short }}", size=7)
    cell_text(sig.rows[0].cells[5], "Главный бухгалтер или иное уполномоченное лицо", size=6)
    cell_text(sig.rows[0].cells[8], "{{ seller.accountant_short }}", size=7)
    for c, text in ((1, "(подпись)"), (3, "(ф.и.о.)"), (6, "(подпись)"), (8, "(ф.и.о.)")):
        set_borders(sig.rows[0].cells[c], bottom="single")
        cell_text(sig.rows[1].cells[c], text, size=5, align=CENTER)
    for c in (0, 1, 3, 5, 6, 8):
        valign(sig.rows[0].cells[c], "bottom")
    para(
        doc,
        "Индивидуальный предприниматель или иное уполномоченное лицо  ______________  ______________________   "
        "{% if seller.ogrn|length == 15 %}ОГРНИП {{ seller.ogrn }}{% else %}(реквизиты свидетельства о государственной "
        "регистрации индивидуального предпринимателя){% endif %}",
        size=6,
        before=3,
        after=3,
    )
    p = para(doc, after=2)
    bottom_rule(p, 12)
    half = width / 2
    tr = table(doc, 1, [half - 2, 4, half - 2], grid=False)
    seller_half, gap, buyer_cell = tr.rows[0].cells
    set_borders(gap, right="single")
    # The seller's side: its lines on the left, the stamp in a cell of its own on the right
    # (in the line, never floating), so that the stamp cannot cover any text.
    stamp_mm = 42.0
    inner = table(seller_half, 1, [half - 2 - stamp_mm, stamp_mm], grid=False)
    seller_cell, stamp_cell = inner.rows[0].cells
    drop_first_paragraph(seller_half)  # the table starts the cell, level with the buyer's side
    signers = (33, 25, 35)
    labelled(
        seller_cell, "Основание передачи (сдачи) / получения (приёмки):", "{{ doc.basis }}", "[8]", before=0
    )
    labelled(seller_cell, "Данные о транспортировке и грузе:", "--", "[9]")
    para(seller_cell, "Товар (груз) передал / услуги, результаты работ, права сдал  [10]", size=6, before=3)
    signer_table(
        seller_cell,
        "{{ seller.director_position }}",
        "{{ seller.director_short }}",
        facsimile=True,
        widths=signers,
    )
    labelled(seller_cell, "Дата отгрузки, передачи (сдачи):", "{{ doc.date }}", "[11]", before=3)
    labelled(
        seller_cell,
        "Иные сведения об отгрузке, передаче:",
        "услуги за период {{ doc.period_start }} – {{ doc.period_end }}",
        "[12]",
    )
    para(
        seller_cell,
        "Ответственный за правильность оформления факта хозяйственной жизни  [13]",
        size=6,
        before=3,
    )
    signer_table(seller_cell, "{{ seller.director_position }}", "{{ seller.director_short }}", widths=signers)
    labelled(
        seller_cell,
        "Наименование экономического субъекта — составителя документа (в т.ч. комиссионера / агента):",
        "{{ seller.name }}, ИНН/КПП {{ seller.inn_kpp }}",
        "[14]",
        before=3,
    )
    drop_first_paragraph(seller_cell)
    valign(stamp_cell, "bottom")
    cell_text(stamp_cell, "{{ stamp }}", align=CENTER)
    para(stamp_cell, "М.П.", size=7, align=CENTER)

    labelled(buyer_cell, "Основание передачи (сдачи) / получения (приёмки):", "{{ doc.basis }}", "", before=0)
    para(buyer_cell, "Товар (груз) получил / услуги, результаты работ, права принял  [15]", size=6, before=3)
    signer_table(buyer_cell, "{{ buyer.director_position }}", "{{ buyer.director_short }}")
    para(buyer_cell, "Дата получения (приёмки): «____» ______________ 20___ г.  [16]", size=6, before=3)
    para(
        buyer_cell,
        "Иные сведения о получении, приёмке: _____________________________________________  [17]",
        size=6,
        before=3,
    )
    para(
        buyer_cell,
        "Ответственный за правильность оформления факта хозяйственной жизни  [18]",
        size=6,
        before=3,
    )
    signer_table(buyer_cell, "{{ buyer.director_position }}", "{{ buyer.director_short }}")
    labelled(
        buyer_cell,
        "Наименование экономического субъекта — составителя документа:",
        "{{ buyer.name }}, ИНН/КПП {{ buyer.inn_kpp }}",
        "[19]",
        before=3,
    )
    para(buyer_cell, "М.П.", size=7, before=4)
    drop_first_paragraph(buyer_cell)
    page_number_footer(doc, "УПД № {{ doc.number }} от {{ doc.date }}, лист ")
    return save(doc, "upd.docx", 7)


LINE_5B_LABEL = (
    "Счёт-фактура, выставленный при получении оплаты, частичной оплаты в счёт предстоящих поставок "
    "товаров (выполнения работ, оказания услуг), передачи имущественных прав:"
)
DASH = "—"
SF_COLUMNS = [
    ("№ п/п", 7, "{{ line.no }}", CENTER),
    (
        "Наименование товара (описание выполненных работ, оказанных услуг), имущественного права",
        52,
        "{{ line.name }}{% if line.period %} ({{ line.period }}){% endif %}",
        LEFT,
    ),
    ("Код вида то|вара", 9, DASH, CENTER),
    ("код", 8, "{{ line.unit_code }}", CENTER),
    ("условное обозна|чение (нацио|нальное)", 13, "{{ line.unit_name }}", CENTER),
    ("Коли|чество (объём)", 11, "{{ line.quantity }}", RIGHT),
    ("Цена (тариф) за единицу измерения", 14, "{{ line.price }}", RIGHT),
    ("Стоимость товаров (работ, услуг), имуществен|ных прав без налога — всего", 17, "{{ line.net }}", RIGHT),
    ("В том числе сумма акциза", 11, "{{ line.excise }}", CENTER),
    ("Нало|говая ставка", 11, "{{ line.vat_rate }}", CENTER),
    ("Сумма налога, предъяв|ляемая покупа|телю", 15, "{{ line.vat }}", RIGHT),
    (
        "Стоимость товаров (работ, услуг), имуществен|ных прав с налогом — всего",
        17,
        "{{ line.total }}",
        RIGHT,
    ),
    ("цифро|вой код", 9, DASH, CENTER),
    ("краткое наимено|вание", 11, DASH, CENTER),
    (
        "Регистра|ционный номер деклара|ции на товары или регистра|ционный номер партии товара, подлежа|щего прослежи|ваемости",
        17,
        DASH,
        CENTER,
    ),
    ("код", 8, DASH, CENTER),
    ("условное обозна|чение", 11, DASH, CENTER),
    (
        "Количество товара, подлежа|щего прослежи|ваемости, в количест|венной единице измерения товара, исполь|зуемой в целях осуществ|ления прослежи|ваемости",
        19,
        DASH,
        CENTER,
    ),
    (
        "Стоимость товара, подлежа|щего прослежи|ваемости, без налога на добавлен|ную стоимость, в рублях",
        19,
        DASH,
        CENTER,
    ),
]
SF_NUMBERS = UPD_NUMBERS[1:]
SF_GROUPS = (
    (3, 4, "Единица измерения"),
    (12, 13, "Страна происхож|дения товара"),
    (15, 16, UPD_GROUPS[2][2]),
)


def grouped_lines_table(
    doc: DocumentObject,
    columns: Sequence[tuple[str, float, str, int]],
    numbers: Sequence[str],
    groups: Sequence[tuple[int, int, str]],
    header_pt: float,
) -> Table:
    """A lines table with a two-level header (group titles over pairs of columns), a row of column
    numbers and one ``{%tr for line in lines %}`` row."""
    t = table(doc, 5, [c[1] for c in columns])
    h1, h2, loop_open, body, loop_close = t.rows
    grouped = {i for a, b, _t in groups for i in (a, b)}
    for i, (title, _w, expr, align) in enumerate(columns):
        cell_text(h1.cells[i], hyphenated(title), size=header_pt, align=CENTER)
        valign(h1.cells[i])
        shade(h1.cells[i])
        cell_text(h2.cells[i], numbers[i], size=6, align=CENTER)
        cell_text(body.cells[i], expr, size=7, align=align)
        valign(body.cells[i], "top")
    cant_split(body)
    for a, b, text in groups:
        merged = h1.cells[a].merge(h1.cells[b])
        for extra in merged.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        for r in list(merged.paragraphs[0]._p.iterchildren(qn("w:r"))):
            merged.paragraphs[0]._p.remove(r)
        add(merged.paragraphs[0], hyphenated(text), size=header_pt)
    sub = t.add_row()
    t._tbl.remove(sub._tr)
    h1._tr.addnext(sub._tr)
    for i, (title, *_rest) in enumerate(columns):
        if i in grouped:
            cell_text(sub.cells[i], hyphenated(title), size=header_pt, align=CENTER)
            shade(sub.cells[i])
    for row in (h1, sub, h2):
        repeat_header(row)
    h1_tcs = list(h1._tr.tc_lst)
    sub_tcs = list(sub._tr.tc_lst)
    h1_index = [i for i in range(len(columns)) if i not in {b for _a, b, _t in groups}]
    for i in range(len(columns)):
        if i in grouped:
            continue
        vm = OxmlElement("w:vMerge")
        vm.set(qn("w:val"), "restart")
        h1_tcs[h1_index.index(i)].get_or_add_tcPr().append(vm)
        sub_pr = sub_tcs[i].get_or_add_tcPr()
        sub_pr.append(OxmlElement("w:vMerge"))
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), "EDEDED")
        sub_pr.append(shd)
    loop_open.cells[0].merge(loop_open.cells[-1])
    cell_text(loop_open.cells[0], "{%tr for line in lines %}", size=6)
    loop_close.cells[0].merge(loop_close.cells[-1])
    cell_text(loop_close.cells[0], "{%tr endfor %}", size=6)
    return t


def build_sf() -> Path:
    """The счёт-фактура of Decree 1137, appendix 1 (as amended for 2026: line 5б), on a sale or on a
    prepayment (the context dashes what an advance счёт-фактура does not fill)."""
    doc = new_document(landscape=True, size=7, margins=(8, 8, 8, 10))
    width = 279.0
    para(
        doc,
        "Приложение № 1 к постановлению Правительства Российской Федерации от 26 декабря 2011 г. № 1137 "
        "(в редакции постановления Правительства Российской Федерации от 23 января 2026 г. № 26)",
        size=6,
        align=RIGHT,
        after=3,
    )
    head = table(doc, 2, [width - 14, 14], grid=False)
    p = cell_text(head.rows[0].cells[0])
    add(p, "СЧЁТ-ФАКТУРА № ", bold=True, size=11)
    add(p, "{{ doc.number }}", bold=True, size=11, underline=True)
    add(p, " от ", bold=True, size=11)
    add(p, "{{ doc.date }}", bold=True, size=11, underline=True)
    add(p, "{% if sf.is_advance %}  (на аванс){% endif %}", size=8)
    cell_text(head.rows[0].cells[1], "(1)", size=6, align=RIGHT)
    p = cell_text(head.rows[1].cells[0])
    add(p, "ИСПРАВЛЕНИЕ № ", bold=True, size=9)
    add(p, "{{ sf.correction }}", size=9, underline=True)
    cell_text(head.rows[1].cells[1], "(1а)", size=6, align=RIGHT)
    rows = [
        ("Продавец:", "{{ seller.full_name }}", "(2)"),
        ("Адрес:", "{{ seller.address }}", "(2а)"),
        ("ИНН/КПП продавца:", "{{ seller.inn_kpp }}", "(2б)"),
        ("Грузоотправитель и его адрес:", "{{ sf.consignor }}", "(3)"),
        ("Грузополучатель и его адрес:", "{{ sf.consignee }}", "(4)"),
        ("К платёжно-расчётному документу", "{{ sf.payment_doc }}", "(5)"),
        ("Документ об отгрузке:", "{{ sf.shipping_doc }}", "(5а)"),
        (LINE_5B_LABEL, "{{ sf.line_5b }}", "(5б)"),
        ("Покупатель:", "{{ buyer.full_name }}", "(6)"),
        ("Адрес:", "{{ buyer.address }}", "(6а)"),
        ("ИНН/КПП покупателя:", "{{ buyer.inn_kpp }}", "(6б)"),
        ("Валюта: наименование, код", "{{ sf.currency }}", "(7)"),
        (
            "Идентификатор государственного контракта, договора (соглашения) (при наличии):",
            "{{ sf.gov_contract }}",
            "(8)",
        ),
    ]
    hl = table(doc, len(rows), [92, width - 92 - 14, 14], grid=False)
    for row, (label, value, no) in zip(hl.rows, rows, strict=True):
        cell_text(row.cells[0], label, size=7)
        cell_text(row.cells[1], value, size=7)
        set_borders(row.cells[1], bottom="single")
        valign(row.cells[0], "bottom")
        valign(row.cells[1], "bottom")
        valign(row.cells[2], "bottom")
        cell_text(row.cells[2], no, size=6, align=RIGHT)
    para(doc, after=3)
    t = grouped_lines_table(doc, SF_COLUMNS, SF_NUMBERS, SF_GROUPS, UPD_HEADER_PT)
    total_row = t.add_row()
    merged = total_row.cells[0].merge(total_row.cells[6])
    cell_text(merged, "Всего к оплате", bold=True, size=7)
    cell_text(total_row.cells[7], "{{ sf.total_net }}", bold=True, size=7, align=RIGHT)
    ex = total_row.cells[8].merge(total_row.cells[9])
    cell_text(ex, "X", size=7, align=CENTER)
    cell_text(total_row.cells[10], "{{ sf.total_vat }}", bold=True, size=7, align=RIGHT)
    cell_text(total_row.cells[11], "{{ totals.total }}", bold=True, size=7, align=RIGHT)
    for i in range(12, len(SF_COLUMNS)):
        set_borders(
            total_row.cells[i], top="single", right="nil", bottom="nil", left="nil" if i > 12 else "single"
        )
    cant_split(total_row)
    para(doc, after=6)
    sig = table(doc, 2, [52, 30, 3, 40, 10, 52, 30, 3, 40, 19], grid=False)
    cell_text(sig.rows[0].cells[0], "Руководитель организации или иное уполномоченное лицо", size=7)
    cell_text(sig.rows[0].cells[3], "{{ '' if seller.is_entrepreneur else seller.director_short }}", size=7)
    cell_text(sig.rows[0].cells[5], "Главный бухгалтер или иное уполномоченное лицо", size=7)
    cell_text(sig.rows[0].cells[8], "{{ '' if seller.is_entrepreneur else seller.accountant_short }}", size=7)
    for c, text in ((1, "(подпись)"), (3, "(ф.и.о.)"), (6, "(подпись)"), (8, "(ф.и.о.)")):
        set_borders(sig.rows[0].cells[c], bottom="single")
        cell_text(sig.rows[1].cells[c], text, size=5, align=CENTER)
    for c in (0, 1, 3, 5, 6, 8):
        valign(sig.rows[0].cells[c], "bottom")
    sig.rows[0].cells[0].paragraphs[0].paragraph_format.space_before = Pt(10)
    ip = table(doc, 2, [52, 30, 3, 40, 10, 144], grid=False)
    cell_text(ip.rows[0].cells[0], "Индивидуальный предприниматель или иное уполномоченное лицо", size=7)
    cell_text(ip.rows[0].cells[3], "{{ seller.director_short if seller.is_entrepreneur else '' }}", size=7)
    cell_text(
        ip.rows[0].cells[5],
        "{% if seller.is_entrepreneur and seller.ogrn %}ОГРНИП {{ seller.ogrn }}{% endif %}",
        size=7,
    )
    for c, text in (
        (1, "(подпись)"),
        (3, "(ф.и.о.)"),
        (5, "(реквизиты свидетельства о государственной регистрации индивидуального предпринимателя)"),
    ):
        set_borders(ip.rows[0].cells[c], bottom="single")
        cell_text(ip.rows[1].cells[c], text, size=5, align=CENTER)
    for c in (0, 1, 3, 5):
        valign(ip.rows[0].cells[c], "bottom")
    ip.rows[0].cells[0].paragraphs[0].paragraph_format.space_before = Pt(12)
    page_number_footer(doc, "Счёт-фактура № {{ doc.number }} от {{ doc.date }}, лист ")
    return save(doc, "sf.docx", 7)


def build_detail() -> Path:
    doc = new_document()
    width = 175.0
    title_with_qr(doc, width, "Детализация оказанных услуг", "к акту № {{ doc.number }} от {{ doc.date }}")
    parties_block(
        doc,
        width,
        [("Исполнитель:", "seller", False), ("Заказчик:", "buyer", False)],
        [
            ("Основание:", "{{ doc.basis }}"),
            ("Период:", "{{ doc.period_title }} ({{ doc.period_start }} – {{ doc.period_end }})"),
        ],
    )
    columns = [
        ("№", 8, "{{ loop.index }}", CENTER),
        ("Дата", 19, "{{ w.date }}", CENTER),
        ("№ заявки", 20, "{{ w.request }}", CENTER),
        ("Исполнитель", 32, "{{ w.performer }}", LEFT),
        ("Услуга, работа", 66, "{{ w.service }}", LEFT),
        ("Кол-во", 16, "{{ w.quantity }}", RIGHT),
        ("Ед.", 14, "{{ w.unit }}", CENTER),
    ]
    tbl = lines_table(doc, columns)
    tbl.rows[1].cells[0].paragraphs[0].runs[0].text = "{%tr for w in work %}"
    para(doc, "Всего записей: {{ work|length }}.", before=6)
    para(doc, "Сумма по акту: {{ totals.total }} руб. {{ totals.vat_text }}", after=14)
    t = table(doc, 1, [width / 2 - 3, 6, width / 2 - 3], grid=False)
    for cell, title, prefix in (
        (t.rows[0].cells[0], "ИСПОЛНИТЕЛЬ", "seller"),
        (t.rows[0].cells[2], "ЗАКАЗЧИК", "buyer"),
    ):
        cell_text(cell, title, bold=True)
        para(cell, f"{{{{ {prefix}.director_position }}}}", before=2)
        para(cell, f"{{{{ {prefix}.name }}}}", size=8)
        sign_line(cell, prefix, facsimile=False)
    cant_split(t.rows[0])
    page_number_footer(doc, "Детализация к акту № {{ doc.number }} от {{ doc.date }}, страница ")
    return save(doc, "detail.docx")


def numbered(doc: DocumentObject, number: str, text: str) -> Paragraph:
    p = para(doc, align=JUSTIFY, after=3)
    add(p, f"{number} ", bold=True)
    add(p, text)
    p.paragraph_format.first_line_indent = Mm(8)
    return p


def heading(doc: DocumentObject, text: str) -> None:
    para(doc, text, bold=True, align=CENTER, before=8, after=4, keep_next=True)


def party_intro(prefix: str, role: str) -> str:
    """«ООО «…», именуемое в дальнейшем «Исполнитель», от имени которого действует … на основании …»."""
    return (
        f"{{{{ {prefix}.full_name }}}}, именуемое(-ый) в дальнейшем «{role}»"
        f"{{% if {prefix}.director_name and {prefix}.director_position %}}, от имени которого действует "
        f"{{{{ {prefix}.director_position }}}} {{{{ {prefix}.director_name }}}}"
        f"{{% if {prefix}.director_basis %}} на основании {{{{ {prefix}.director_basis }}}}{{% endif %}}{{% endif %}}"
    )


def build_contract() -> Path:
    doc = new_document(size=10, margins=(18, 15, 18, 25))
    width = 170.0
    para(doc, "ДОГОВОР № {{ contract.number }}", bold=True, size=13, align=CENTER)
    para(doc, "{{ contract.title|lower }}", bold=True, size=11, align=CENTER, after=8)
    t = table(doc, 1, [width / 2, width / 2], grid=False)
    cell_text(t.rows[0].cells[0], "{{ contract.place|default('') }}")
    cell_text(t.rows[0].cells[1], "{{ contract.date_quoted }}", align=RIGHT)
    p = para(doc, align=JUSTIFY, before=8, after=4)
    p.paragraph_format.first_line_indent = Mm(8)
    add(
        p,
        party_intro("seller", "Исполнитель")
        + ", с одной стороны, и "
        + party_intro("buyer", "Заказчик")
        + ", с другой стороны, вместе именуемые «Стороны», заключили настоящий Договор о нижеследующем.",
    )
    heading(doc, "1. ПРЕДМЕТ ДОГОВОРА")
    numbered(doc, "1.1.", "{{ contract.subject }}")
    numbered(
        doc,
        "1.2.",
        "Перечень, объём и стоимость услуг указаны в разделе 2 Договора (Спецификация). Услуги оказываются {{ contract.periodicity }}; отчётный период — календарный месяц, если иное не указано в Спецификации.",
    )
    heading(doc, "2. СТОИМОСТЬ УСЛУГ И ПОРЯДОК РАСЧЁТОВ")
    numbered(doc, "2.1.", "Стоимость услуг определяется Спецификацией:")
    columns = [
        ("№", 8, "{{ line.no }}", CENTER),
        ("Наименование услуги", 66, "{{ line.name }}", LEFT),
        ("Ед.", 13, "{{ line.unit_name }}", CENTER),
        ("Кол-во", 14, "{{ line.quantity }}", RIGHT),
        ("Цена, руб.", 22, "{{ line.price }}", RIGHT),
        ("НДС", 14, "{{ line.vat_rate }}", CENTER),
        ("Сумма, руб.", 23, "{{ line.total }}", RIGHT),
    ]
    lines_table(doc, columns, size=8)
    p = para(doc, before=4, after=3, align=JUSTIFY)
    add(p, "Итого: {{ totals.total }} руб. ({{ totals.total_words }}), {{ totals.vat_text }}")
    numbered(doc, "2.2.", "{{ contract.payment_terms }}")
    numbered(
        doc,
        "2.3.",
        "Оплата производится безналичным перечислением на расчётный счёт Исполнителя на основании выставленного счёта. Обязательство Заказчика по оплате считается исполненным в день зачисления денежных средств на счёт Исполнителя.",
    )
    numbered(doc, "2.4.", "Изменение цены и объёма услуг оформляется дополнительным соглашением Сторон.")
    heading(doc, "3. ПОРЯДОК СДАЧИ И ПРИЁМКИ УСЛУГ")
    numbered(
        doc,
        "3.1.",
        "По окончании каждого отчётного периода Исполнитель передаёт Заказчику акт об оказании услуг (универсальный передаточный документ) и счёт.",
    )
    numbered(
        doc,
        "3.2.",
        "Заказчик в течение {{ contract.acceptance_term|default('5 (пяти) рабочих дней') }} со дня получения акта подписывает его или направляет Исполнителю мотивированный отказ. Если в этот срок мотивированный отказ не получен, услуги считаются принятыми Заказчиком в полном объёме.",
    )
    numbered(
        doc,
        "3.3.",
        "Стороны признают юридическую силу документов, подписанных квалифицированной электронной подписью и переданных через оператора электронного документооборота.",
    )
    heading(doc, "4. СРОК ДЕЙСТВИЯ ДОГОВОРА")
    numbered(
        doc,
        "4.1.",
        "Договор вступает в силу {{ contract.valid_from }} и действует{% if contract.valid_to %} по {{ contract.valid_to }}{% else %} бессрочно{% endif %}, а в части расчётов — до полного исполнения Сторонами своих обязательств.",
    )
    numbered(
        doc,
        "4.2.",
        "Каждая из Сторон вправе расторгнуть Договор, письменно уведомив другую Сторону не позднее чем за 30 (тридцать) календарных дней.",
    )
    heading(doc, "5. ПРОЧИЕ УСЛОВИЯ")
    numbered(
        doc,
        "5.1.",
        "За неисполнение или ненадлежащее исполнение обязательств Стороны несут ответственность в соответствии с законодательством Российской Федерации.",
    )
    numbered(
        doc,
        "5.2.",
        "Споры разрешаются путём переговоров; претензионный порядок обязателен, срок ответа на претензию — 10 (десять) рабочих дней. При недостижении согласия спор передаётся в суд по месту нахождения Исполнителя.",
    )
    numbered(
        doc,
        "5.3.",
        "Договор составлен в двух экземплярах, имеющих одинаковую юридическую силу, по одному для каждой из Сторон.",
    )
    heading(doc, "6. РЕКВИЗИТЫ И ПОДПИСИ СТОРОН")
    t = table(doc, 2, [width / 2, width / 2])
    for cell, title, prefix in (
        (t.rows[0].cells[0], "ИСПОЛНИТЕЛЬ", "seller"),
        (t.rows[0].cells[1], "ЗАКАЗЧИК", "buyer"),
    ):
        cell_text(cell, title, bold=True, align=CENTER, size=9)
        para(cell, f"{{{{ {prefix}.full_name }}}}", bold=True, size=9, before=2)
        para(
            cell,
            f"ИНН {{{{ {prefix}.inn }}}}{{% if {prefix}.kpp %}}, КПП {{{{ {prefix}.kpp }}}}{{% endif %}}",
            size=9,
        )
        para(
            cell,
            f"{{% if {prefix}.ogrn %}}{{% if {prefix}.ogrn|length == 15 %}}ОГРНИП{{% else %}}ОГРН{{% endif %}} {{{{ {prefix}.ogrn }}}}{{% endif %}}",
            size=9,
        )
        para(cell, f"Адрес: {{{{ {prefix}.address }}}}", size=9)
        para(cell, f"{{%p if {prefix}.bank.account %}}", size=9)
        para(cell, f"Р/с {{{{ {prefix}.bank.account }}}}", size=9)
        para(cell, f"{{{{ {prefix}.bank.name }}}}, БИК {{{{ {prefix}.bank.bik }}}}", size=9)
        para(cell, f"К/с {{{{ {prefix}.bank.corr_account }}}}", size=9)
        para(cell, "{%p endif %}", size=9)
        para(cell, f"{{%p if {prefix}.email or {prefix}.phone %}}", size=9)
        para(
            cell,
            f"{{% if {prefix}.email %}}E-mail: {{{{ {prefix}.email }}}} {{% endif %}}{{% if {prefix}.phone %}}тел.: {{{{ {prefix}.phone }}}}{{% endif %}}",
            size=9,
        )
        para(cell, "{%p endif %}", size=9)
    for cell, prefix, own in ((t.rows[1].cells[0], "seller", True), (t.rows[1].cells[1], "buyer", False)):
        cell_text(cell, f"{{{{ {prefix}.director_position }}}}", size=9)
        sign_line(cell, prefix, facsimile=own, before=16)
        if own:
            para(cell, "М.П. {{ stamp }}", size=9, before=4)
        else:
            para(cell, "М.П.", size=9, before=4)
    cant_split(t.rows[0])
    cant_split(t.rows[1])
    page_number_footer(doc, "Договор № {{ contract.number }} от {{ contract.date }}, страница ")
    return save(doc, "contract.docx", 10)


# --- УКД / корректировочный счёт-фактура (Decree 1137, appendix 2) --------------------------

# (title, width mm, number, merged over the four lines of a position)
UKD_COLUMNS = [
    ("Наименование товара (описание выполненных работ, оказанных услуг), имущественного права", 0, "1", True),
    ("Код вида то|вара", 10, "1а", True),
    ("№ строки коррек|тируе|мого доку|мента", 11, "1б", True),
    ("код", 9, "2", True),
    ("условное обозна|чение (нацио|нальное)", 13, "2а", True),
    ("Показа|тель", 25, "", False),
    ("Коли|чество (объём)", 15, "3", False),
    ("Цена (тариф) за единицу измерения", 17, "4", False),
    ("Стоимость товаров (работ, услуг), имуществен|ных прав без налога — всего", 23, "5", False),
    ("В том числе сумма акциза", 15, "6", False),
    ("Нало|говая ставка", 12, "7", False),
    ("Сумма налога", 20, "8", False),
    ("Стоимость товаров (работ, услуг), имуществен|ных прав с налогом — всего", 23, "9", False),
]
UKD_WIDTH = 279.0
UKD_UNIT_GROUP = (3, 4, "Единица измерения")
# A position's four lines: (letter and title, expressions of columns 3..9).
UKD_STATES = [
    (
        "А (до изменения)",
        "before",
        [
            "{{ line.before.quantity }}",
            "{{ line.before.price }}",
            "{{ line.before.net }}",
            "без акциза",
            "{{ line.vat_rate }}",
            "{{ line.before.vat }}",
            "{{ line.before.total }}",
        ],
    ),
    (
        "Б (после изменения)",
        "after",
        [
            "{{ line.after.quantity }}",
            "{{ line.after.price }}",
            "{{ line.after.net }}",
            "без акциза",
            "{{ line.vat_rate }}",
            "{{ line.after.vat }}",
            "{{ line.after.total }}",
        ],
    ),
    (
        "В (увеличение)",
        "increase",
        [
            "X",
            "X",
            "{{ line.increase.net }}",
            "X",
            "X",
            "{{ line.increase.vat }}",
            "{{ line.increase.total }}",
        ],
    ),
    (
        "Г (уменьшение)",
        "decrease",
        [
            "X",
            "X",
            "{{ line.decrease.net }}",
            "X",
            "X",
            "{{ line.decrease.vat }}",
            "{{ line.decrease.total }}",
        ],
    ),
]


def _v_merge(cell: _Cell, restart: bool) -> None:
    vm = OxmlElement("w:vMerge")
    if restart:
        vm.set(qn("w:val"), "restart")
    cell._tc.get_or_add_tcPr().append(vm)


def build_ukd() -> Path:
    doc = new_document(landscape=True, size=7, margins=(8, 8, 8, 10))
    width = UKD_WIDTH
    top = table(doc, 1, [36, width - 36], grid=False)
    status, head = top.rows[0].cells
    set_borders(status, right="single")
    cell_text(status, "Универсальный корректировочный документ", bold=True, size=9)
    p = para(status, before=6)
    add(p, "Статус: ", size=8)
    add(p, "{{ ukd.status }}", bold=True, size=16)
    para(
        status,
        "1 — корректировочный счёт-фактура и документ об изменении стоимости отгруженных товаров "
        "(выполненных работ, оказанных услуг), переданных имущественных прав",
        size=6,
        before=4,
    )
    para(
        status,
        "2 — документ об изменении стоимости отгруженных товаров (выполненных работ, оказанных услуг)",
        size=6,
        after=4,
    )
    para(status, "{{ doc.id_qr }}")
    rows = [
        ("Корректировочный счёт-фактура №", "{{ doc.number }} от {{ doc.date }}", ""),
        ("Исправление корректировочного счёта-фактуры №", "-- от --", ""),
        (
            "к счёту-фактуре (УПД, акту)",
            "{{ ukd.corrected }}, с учётом исправления № -- от --"
            "{% if ukd.previous %}, с учётом корректировки: {{ ukd.previous }}{% endif %}",
            "",
        ),
        ("Продавец:", "{{ seller.full_name }}", "(1)"),
        ("Адрес:", "{{ seller.address }}", "(1а)"),
        ("ИНН/КПП продавца:", "{{ seller.inn_kpp }}", "(1б)"),
        ("Покупатель:", "{{ buyer.full_name }}", "(2)"),
        ("Адрес:", "{{ buyer.address }}", "(2а)"),
        ("ИНН/КПП покупателя:", "{{ buyer.inn_kpp }}", "(2б)"),
        ("Валюта: наименование, код", "{{ ukd.currency }}", "(3)"),
    ]
    hl = table(head, len(rows), [62, width - 36 - 62 - 14, 12], grid=False)
    for i, (row, (label, value, no)) in enumerate(zip(hl.rows, rows, strict=True)):
        big = i == 0
        cell_text(row.cells[0], label, bold=big, size=8 if big else 7)
        cell_text(row.cells[1], value, bold=big, size=8 if big else 7)
        set_borders(row.cells[1], bottom="single")
        cell_text(row.cells[2], no, size=6, align=RIGHT)
    para(doc, after=3)

    widths = [w for _t, w, _n, _m in UKD_COLUMNS]
    widths[0] = width - sum(widths[1:])
    t = table(doc, 4, widths)
    h1, h2, loop_open, loop_close = t.rows
    repeat_header(h1)
    repeat_header(h2)
    unit_a, unit_b, unit_title = UKD_UNIT_GROUP
    for i, (title, _w, number, _m) in enumerate(UKD_COLUMNS):
        cell_text(h1.cells[i], hyphenated(title), size=UPD_HEADER_PT, align=CENTER)
        valign(h1.cells[i])
        shade(h1.cells[i])
        cell_text(h2.cells[i], number, size=6, align=CENTER)
    merged = h1.cells[unit_a].merge(h1.cells[unit_b])
    for extra in merged.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    for r in list(merged.paragraphs[0]._p.iterchildren(qn("w:r"))):
        merged.paragraphs[0]._p.remove(r)
    add(merged.paragraphs[0], unit_title, size=UPD_HEADER_PT)
    sub = t.add_row()
    t._tbl.remove(sub._tr)
    h1._tr.addnext(sub._tr)
    repeat_header(sub)
    h1_tcs = list(h1._tr.tc_lst)
    sub_tcs = list(sub._tr.tc_lst)
    for i, (title, *_rest) in enumerate(UKD_COLUMNS):
        if i in (unit_a, unit_b):
            cell_text(sub.cells[i], hyphenated(title), size=UPD_HEADER_PT, align=CENTER)
            shade(sub.cells[i])
            continue
        tc = h1_tcs[i if i < unit_b else i - 1]
        vm = OxmlElement("w:vMerge")
        vm.set(qn("w:val"), "restart")
        tc.get_or_add_tcPr().append(vm)
        sub_pr = sub_tcs[i].get_or_add_tcPr()
        sub_pr.append(OxmlElement("w:vMerge"))
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), "EDEDED")
        sub_pr.append(shd)
    loop_open.cells[0].merge(loop_open.cells[-1])
    cell_text(loop_open.cells[0], "{%tr for line in lines %}", size=6)
    loop_close.cells[0].merge(loop_close.cells[-1])
    cell_text(loop_close.cells[0], "{%tr endfor %}", size=6)
    previous = loop_open
    for state_index, (label, _key, values) in enumerate(UKD_STATES):
        row = t.add_row()
        t._tbl.remove(row._tr)
        previous._tr.addnext(row._tr)
        previous = row
        first = state_index == 0
        cells = row.cells
        for i, (_title, _w, _n, merge) in enumerate(UKD_COLUMNS):
            if merge:
                _v_merge(cells[i], restart=first)
                if first:
                    text = {
                        0: "{{ line.no }}. {{ line.name }}",
                        1: "--",
                        2: "--",
                        3: "{{ line.unit_code }}",
                        4: "{{ line.unit_name }}",
                    }[i]
                    cell_text(cells[i], text, size=7, align=LEFT if i == 0 else CENTER)
                valign(cells[i], "top")
        cell_text(cells[5], label, size=6.5, bold=state_index >= 2)
        for offset, expr in enumerate(values):
            column = 6 + offset
            small = expr == "без акциза"  # one line in the narrow column
            cell_text(
                cells[column],
                expr,
                size=6 if small else 7,
                align=CENTER if expr == "X" or column in (9, 10) else RIGHT,
            )
        cant_split(row)
    for label, key in (
        ("Всего увеличение (сумма строк В)", "increase"),
        ("Всего уменьшение (сумма строк Г)", "decrease"),
    ):
        total_row = t.add_row()
        m = total_row.cells[0].merge(total_row.cells[7])
        cell_text(m, label, bold=True, size=7)
        cell_text(total_row.cells[8], f"{{{{ ukd.{key}_net }}}}", bold=True, size=7, align=RIGHT)
        ex = total_row.cells[9].merge(total_row.cells[10])
        cell_text(ex, "X", size=7, align=CENTER)
        cell_text(total_row.cells[11], f"{{{{ ukd.{key}_vat }}}}", bold=True, size=7, align=RIGHT)
        cell_text(total_row.cells[12], f"{{{{ ukd.{key}_total }}}}", bold=True, size=7, align=RIGHT)
        cant_split(total_row)
    para(doc, after=4)
    sig = table(doc, 2, [50, 30, 3, 38, 8, 50, 30, 3, 38, 29], grid=False)
    cell_text(sig.rows[0].cells[0], "Руководитель организации или иное уполномоченное лицо", size=6)
    cell_text(sig.rows[0].cells[3], "{{ seller.director_short }}", size=7)
    cell_text(sig.rows[0].cells[5], "Главный бухгалтер или иное уполномоченное лицо", size=6)
    cell_text(sig.rows[0].cells[8], "{{ seller.accountant_short }}", size=7)
    for c, text in ((1, "(подпись)"), (3, "(ф.и.о.)"), (6, "(подпись)"), (8, "(ф.и.о.)")):
        set_borders(sig.rows[0].cells[c], bottom="single")
        cell_text(sig.rows[1].cells[c], text, size=5, align=CENTER)
    for c in (0, 1, 3, 5, 6, 8):
        valign(sig.rows[0].cells[c], "bottom")
    para(
        doc,
        "Индивидуальный предприниматель или иное уполномоченное лицо  ______________  ______________________   "
        "{% if seller.ogrn|length == 15 %}ОГРНИП {{ seller.ogrn }}{% else %}(реквизиты свидетельства о государственной "
        "регистрации индивидуального предпринимателя){% endif %}",
        size=6,
        before=3,
        after=3,
    )
    p = para(doc, after=2)
    bottom_rule(p, 12)
    half = width / 2
    tr = table(doc, 1, [half - 2, 4, half - 2], grid=False)
    seller_half, gap, buyer_cell = tr.rows[0].cells
    set_borders(gap, right="single")
    stamp_mm = 42.0
    inner = table(seller_half, 1, [half - 2 - stamp_mm, stamp_mm], grid=False)
    seller_cell, stamp_cell = inner.rows[0].cells
    drop_first_paragraph(seller_half)
    signers = (33, 25, 35)
    labelled(
        seller_cell,
        "Основание для изменения и дата направления уведомления:",
        "{{ ukd.reason }}",
        "[8]",
        before=0,
    )
    para(seller_cell, "Документ составил / изменение стоимости согласовал  [10]", size=6, before=3)
    signer_table(seller_cell, "{{ seller.director_position }}", "{{ seller.director_short }}", widths=signers)
    labelled(seller_cell, "Дата составления документа:", "{{ doc.date }}", "[11]", before=3)
    labelled(
        seller_cell,
        "Иные сведения об изменении стоимости:",
        "услуги за период {{ doc.period_start }} – {{ doc.period_end }}",
        "[12]",
    )
    para(
        seller_cell,
        "Ответственный за правильность оформления факта хозяйственной жизни  [13]",
        size=6,
        before=3,
    )
    signer_table(seller_cell, "{{ seller.director_position }}", "{{ seller.director_short }}", widths=signers)
    labelled(
        seller_cell,
        "Наименование экономического субъекта — составителя документа:",
        "{{ seller.name }}, ИНН/КПП {{ seller.inn_kpp }}",
        "[14]",
        before=3,
    )
    drop_first_paragraph(seller_cell)
    valign(stamp_cell, "bottom")
    cell_text(stamp_cell, "{{ stamp }}", align=CENTER)
    para(stamp_cell, "М.П.", size=7, align=CENTER)

    para(
        buyer_cell,
        "Подтверждение согласия (уведомление) покупателя об изменении стоимости отгруженных товаров "
        "(выполненных работ, оказанных услуг), переданных имущественных прав",
        size=6,
        bold=True,
    )
    labelled(buyer_cell, "Основание:", "{{ ukd.reason }}", "[15]", before=3)
    para(buyer_cell, "Изменение стоимости согласовал (получил уведомление)  [16]", size=6, before=3)
    signer_table(buyer_cell, "{{ buyer.director_position }}", "{{ buyer.director_short }}")
    para(buyer_cell, "Дата получения (согласия): «____» ______________ 20___ г.  [17]", size=6, before=3)
    para(
        buyer_cell,
        "Ответственный за правильность оформления факта хозяйственной жизни  [18]",
        size=6,
        before=3,
    )
    signer_table(buyer_cell, "{{ buyer.director_position }}", "{{ buyer.director_short }}")
    labelled(
        buyer_cell,
        "Наименование экономического субъекта — составителя документа:",
        "{{ buyer.name }}, ИНН/КПП {{ buyer.inn_kpp }}",
        "[19]",
        before=3,
    )
    para(buyer_cell, "М.П.", size=7, before=4)
    drop_first_paragraph(buyer_cell)
    page_number_footer(doc, "УКД № {{ doc.number }} от {{ doc.date }}, лист ")
    return save(doc, "ukd.docx", 7)


BUILDERS = {
    "act": build_act,
    "invoice": build_invoice,
    "upd": build_upd,
    "detail": build_detail,
    "contract": build_contract,
    "ukd": build_ukd,
    "sf": build_sf,
}


def main(argv: Sequence[str]) -> int:
    for name in argv or list(BUILDERS):
        print(BUILDERS[name]())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
