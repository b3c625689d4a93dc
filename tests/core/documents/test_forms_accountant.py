"""Documents an accountant signs: the UPD's current columns, headers that never break a word,
a stamp that covers no text, a pro-rated line named once, due dates on working days."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image, ImageChops, ImageFont
from sqlalchemy import select

from desktop.core.closing import plan as closing
from desktop.core.common.workdays import is_working_day, next_working_day, term_end
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.documents import context as ctx
from desktop.core.documents import render as R
from desktop.core.documents import sample_stamp
from desktop.core.models import Agreement, AgreementChange, Contract, Document
from tests.factories.forms import document, text_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
SHY = "\u00ad"
# LibreOffice draws Arial with Liberation Sans (metric-compatible); .ci/run installs fonts-liberation2.
FONT_FILE = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf")
TWIPS_PER_MM = 56.7


def document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def cell_text(tc: etree._Element) -> str:
    """The cell's text with Word's optional hyphens as U+00AD (python-docx drops them)."""
    out = []
    for p in tc.iter(f"{W}p"):
        for node in p.iter(f"{W}t", f"{W}softHyphen"):
            out.append(node.text or "" if node.tag == f"{W}t" else SHY)
        out.append("\n")
    return "".join(out).strip()


def lines_table(root: etree._Element) -> etree._Element:
    """The table of the document's lines: the one whose row of column numbers starts with «А» or «№»."""
    for tbl in root.iter(f"{W}tbl"):
        if tbl.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None:
            return tbl
    raise AssertionError("no table with a repeated header row")


def header_cells(tbl: etree._Element) -> list[tuple[str, float, float]]:
    """(text, width in mm, font size in pt) of every cell of the header rows."""
    grid = [int(c.get(f"{W}w")) / TWIPS_PER_MM for c in tbl.find(f"{W}tblGrid")]
    margins = tbl.find(f"{W}tblPr/{W}tblCellMar")
    padding = sum(int(margins.find(f"{W}{side}").get(f"{W}w")) for side in ("left", "right")) / TWIPS_PER_MM
    out = []
    for tr in tbl.findall(f"{W}tr"):
        if tr.find(f"{W}trPr/{W}tblHeader") is None:
            break
        column = 0
        for tc in tr.findall(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(f"{W}val")) if span_el is not None else 1
            width = sum(grid[column : column + span]) - padding
            column += span
            sizes = [int(sz.get(f"{W}val")) / 2 for sz in tc.iter(f"{W}sz")]
            out.append((cell_text(tc), width, max(sizes) if sizes else 9.0))
    return out


def upd_bytes(tmp_path: Path) -> bytes:
    return R.render("upd", ctx.upd_context(document(tmp_path, "upd", upd_status=1)))


def test_upd_has_the_columns_of_the_current_form(tmp_path: Path) -> None:
    tbl = lines_table(document_xml(upd_bytes(tmp_path)))
    headers = [text.replace(SHY, "") for text, _w, _s in header_cells(tbl)]
    numbers_row = [cell_text(tc) for tc in tbl.findall(f"{W}tr")[2].findall(f"{W}tc")]
    assert numbers_row == [
        "А", "1", "1а", "1б", "2", "2а", "3", "4", "5", "6", "7", "8", "9", "10", "10а", "11", "12", "12а", "13", "14",
    ]  # fmt: skip
    joined = " ".join(h.replace("\n", " ") for h in headers)
    for title in (
        "Количественная единица измерения товара, используемая в целях осуществления прослеживаемости",
        "Количество товара, подлежащего прослеживаемости, в количественной единице измерения товара, "
        "используемой в целях осуществления прослеживаемости",
        "Стоимость товара, подлежащего прослеживаемости, без налога на добавленную стоимость, в рублях",
        "Регистрационный номер декларации на товары или регистрационный номер партии товара, "
        "подлежащего прослеживаемости",
    ):
        assert title in joined
    # Services: dashes in the traceability columns of every line.
    body = [cell_text(tc) for tc in tbl.findall(f"{W}tr")[3].findall(f"{W}tc")]
    assert body[15:] == ["--"] * 5 and body[0] == "--"


@pytest.mark.parametrize("form", ["upd", "act", "invoice"])
def test_no_header_word_is_wider_than_its_column(tmp_path: Path, form: str) -> None:
    """A word is only broken at its soft hyphen: every piece between them fits its column at its size."""
    font = ImageFont.truetype(str(FONT_FILE), 1000)
    if form == "upd":
        data = upd_bytes(tmp_path)
    else:
        data = R.render(form, ctx.context_for(form, document(tmp_path, form)))
    too_wide = []
    for text, width_mm, size_pt in header_cells(lines_table(document_xml(data))):
        for word in text.split():
            for piece in word.split(SHY):
                piece_mm = font.getlength(piece + ("-" if SHY in word else "")) / 1000 * size_pt * 0.35278
                if piece_mm > width_mm:
                    too_wide.append(f"{piece!r} {piece_mm:.1f} mm > {width_mm:.1f} mm")
    assert too_wide == []


@pytest.mark.parametrize("form", ["act", "invoice", "upd", "contract"])
def test_the_stamp_stands_in_the_line_in_a_room_of_its_own(tmp_path: Path, form: str) -> None:
    if form == "upd":
        data = upd_bytes(tmp_path)
    elif form == "contract":
        doc = document(tmp_path)
        data = R.render("contract", ctx.contract_context(doc.contract, ctx.ContextOptions(with_stamp=True)))
    else:
        data = R.render(form, ctx.context_for(form, document(tmp_path, form)))
    root = document_xml(data)
    assert root.find(f".//{WP}anchor") is None  # nothing floats over the text
    if form == "upd":
        # Its own cell: the only text beside the stamp is «М.П.».
        stamp_cells = [
            tc
            for tc in root.iter(f"{W}tc")
            if tc.find(f".//{WP}inline") is not None
            and tc.find(f".//{W}tbl") is None
            and "М.П." in cell_text(tc)
        ]
        assert [cell_text(tc) for tc in stamp_cells] == ["М.П."]
    else:
        # «М.П.» and the stamp share one paragraph: the line grows to the stamp's height.
        paragraphs = [
            p for p in root.iter(f"{W}p") if "М.П." in "".join(t.text or "" for t in p.iter(f"{W}t"))
        ]
        assert any(p.find(f".//{WP}inline") is not None for p in paragraphs)


TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def month_db(sqlite_db: Database) -> Database:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=30, seed=11, today=TODAY)
    return sqlite_db


def _contract(session, **where: object) -> Contract:  # type: ignore[no-untyped-def]
    query = select(Contract).where(Contract.status == "active", Contract.kind == "fixed")
    for name, value in where.items():
        query = query.where(getattr(Contract, name) == value)
    found = session.scalars(query.order_by(Contract.id)).first()
    assert found is not None
    return found


def test_a_prorated_line_names_its_period_once(month_db: Database, tmp_path: Path) -> None:
    with month_db.transaction() as session:
        contract = _contract(session, periodicity="month", documents="act_invoice_upd")
        contract.valid_from = min(contract.valid_from, dt.date(2026, 1, 1))
        contract.valid_to = None
        line = contract.lines[0]
        agreement = Agreement(
            contract_id=contract.id,
            number="1",
            date=dt.date(2026, 10, 10),
            effective_date=dt.date(2026, 10, 19),
            description="Изменение стоимости услуг",
        )
        agreement.changes.append(
            AgreementChange(action="change", contract_line_id=line.id, price=line.price + 100)
        )
        session.add(agreement)
        contract_id, name = contract.id, line.service.name
    with month_db.session() as session:
        plan = closing.plan(session, "2026-10")
    plan.rows = [row for row in plan.rows if row.contract_id == contract_id]
    result = closing.execute(month_db, plan)
    assert result.errors == []
    with month_db.session() as session:
        docs = session.scalars(
            select(Document).where(Document.contract_id == contract_id, Document.period == "2026-10")
        ).all()
        assert {d.kind for d in docs} >= {"act", "upd"}
        for doc in docs:
            text = text_of(R.render(doc.kind, ctx.context_for(doc.kind, doc)))
            assert text.count(f"{name} (01.10–18.10)") == 1, doc.kind
            assert text.count(f"{name} (19.10–31.10)") == 1, doc.kind
            assert "(01.10–18.10) (01.10–18.10)" not in text


def test_the_production_calendar_knows_transfers() -> None:
    assert not is_working_day(dt.date(2026, 11, 14))  # Saturday
    assert not is_working_day(dt.date(2027, 1, 1))  # New Year holidays
    assert not is_working_day(dt.date(2026, 1, 9))  # day off moved from Saturday 03.01.2026
    assert is_working_day(dt.date(2025, 11, 1))  # a Saturday worked instead of 03.11.2025
    assert next_working_day(dt.date(2027, 1, 1)) == dt.date(2027, 1, 11)
    assert term_end(dt.date(2026, 10, 31), 14, working=False) == dt.date(2026, 11, 16)
    # Ten banking days from 30.04.2026 step over 01.05 and 11.05 (holidays) and the weekends.
    assert term_end(dt.date(2026, 4, 30), 10, working=True) == dt.date(2026, 5, 18)


def test_an_invoice_due_on_a_saturday_or_on_1_january_is_due_the_next_working_day(
    month_db: Database,
) -> None:
    with month_db.transaction() as session:
        postpay = _contract(session, payment_terms="postpay", periodicity="month")
        postpay.postpay_days, postpay.postpay_banking_days = 14, False  # 31.10 + 14 = Saturday 14.11
        postpay.documents = "act_invoice"
        prepay = _contract(session, payment_terms="prepay100", periodicity="month")
        prepay.documents = "act_invoice"
        for contract in (postpay, prepay):
            contract.valid_from = min(contract.valid_from, dt.date(2026, 1, 1))
            contract.valid_to = None
        ids = {postpay.id: "postpay", prepay.id: "prepay"}
    due: dict[tuple[str, str], dt.date | None] = {}
    for period in ("2026-10", "2026-12"):
        with month_db.session() as session:
            plan = closing.plan(session, period)
        plan.rows = [row for row in plan.rows if row.contract_id in ids]
        assert closing.execute(month_db, plan).errors == []
        with month_db.session() as session:
            for doc in session.scalars(
                select(Document).where(Document.contract_id.in_(ids), Document.kind == "invoice")
            ):
                due[(ids[doc.contract_id], doc.period)] = doc.due_date
                if ids[doc.contract_id] == "postpay" and doc.period == "2026-10":
                    terms = ctx.invoice_context(doc)["payment"]["terms"]
    assert due[("postpay", "2026-10")] == dt.date(2026, 11, 16)  # not Saturday 14.11
    assert terms == "Оплатить до 16.11.2026"
    # The prepayment for January is due before the period starts: 01.01.2027 → Monday 11.01.2027.
    assert due[("prepay", "2027-01")] == dt.date(2027, 1, 11)


def test_the_demo_stamp_shows_the_entitys_own_inn(month_db: Database) -> None:
    with month_db.session() as session:
        plan = closing.plan(session, "2026-10")
    assert closing.execute(month_db, plan).errors == []
    with month_db.session() as session:
        acts = session.scalars(select(Document).where(Document.kind.in_(("act", "upd")))).all()
        by_entity = {act.own_entity.inn: act for act in acts}
        assert len(by_entity) >= 2
        media: dict[str, set[bytes]] = {}
        for inn, act in by_entity.items():
            with zipfile.ZipFile(io.BytesIO(R.render(act.kind, ctx.context_for(act.kind, act)))) as zf:
                media[inn] = {zf.read(n) for n in zf.namelist() if n.startswith("word/media/")}
    template = sample_stamp.SAMPLE_STAMP.read_bytes()
    for inn, pictures in media.items():
        assert sample_stamp.sample_stamp_png(inn) in pictures  # the stamp printed is the one with this INN
        assert template not in pictures  # never the template's «0000000000»
    # The INN's line differs between two entities, and only inside the INN's box.
    first, second = (Image.open(io.BytesIO(sample_stamp.sample_stamp_png(inn))) for inn in list(media)[:2])
    changed = ImageChops.difference(first, second).getbbox()
    assert changed is not None
    left, top, right, bottom = sample_stamp._DIGITS_BOX
    assert left <= changed[0] and top <= changed[1] and changed[2] <= right + 1 and changed[3] <= bottom + 1
