"""The print forms rendered with realistic documents and read back: what a client and an accountant see."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from docx import Document as DocxDocument
from lxml import etree

from desktop.core.common.files import write_file
from desktop.core.common.money import NBSP
from desktop.core.documents import render as R
from desktop.core.documents.context import (
    ContextOptions,
    act_context,
    contract_context,
    detail_context,
    invoice_context,
    upd_context,
)
from desktop.core.documents.formcheck import FORM_PLACEHOLDERS, check_template
from desktop.core.documents.pdf.docxmerge import bookmark_name, merge_docx
from desktop.core.errors import ConfigError, StorageError, TemplateError
from tests.factories.forms import decode_png, document, text_of, work_orders

README = Path(__file__).resolve().parents[3] / "forms" / "README.md"


def page_field_in_footer(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return any(b'w:instr="PAGE"' in zf.read(n) for n in zf.namelist() if n.startswith("word/footer"))


def pictures(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return sum(
            zf.read(n).count(b"<a:blip ")
            for n in zf.namelist()
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)
        )


# --- the placeholder contract -------------------------------------------------------------


def readme_names() -> set[str]:
    names: set[str] = set()
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or set(cells[0]) <= set("-"):
            continue
        name_cell, meaning = (cells[1], cells[2]) if len(cells) == 3 else (cells[0], cells[1])
        for name in re.findall(r"`([^`]+)`", name_cell):
            if re.search(r"\.(docx|json|py)$", name):
                continue  # the table of files
            fields = re.findall(r"`([a-z_.]+)`", meaning)
            if name.endswith(".*"):
                names.update(f"{name[:-2]}.{f}" for f in fields)
            elif meaning.startswith(("rows", "per rate")):
                names.update(f"{name}.{f}" for f in fields)
            elif "." in name or name in {"with_stamp", "stamp", "facsimile", "qr", "qr_text"}:
                names.add(name)
    return names


def test_readme_documents_exactly_the_placeholders_the_checker_knows() -> None:
    documented = set().union(*FORM_PLACEHOLDERS.values())
    assert readme_names() == documented


@pytest.mark.parametrize("kind", sorted(R.FORMS))
def test_shipped_forms_pass_the_check(kind: str) -> None:
    assert check_template(R.form_path(kind)) == []


def test_forms_are_lean_a4_with_one_section() -> None:
    for kind in R.FORMS:
        path = R.form_path(kind)
        assert path.stat().st_size < 30_000
        doc = DocxDocument(str(path))
        assert len(doc.sections) == 1
        section = doc.sections[0]
        assert sorted((round(section.page_width.mm), round(section.page_height.mm))) == [210, 297]
        assert (section.page_width > section.page_height) == (kind in ("upd", "ukd", "sf"))
        with zipfile.ZipFile(path) as zf:
            assert not [n for n in zf.namelist() if n.startswith("word/media/")]
            for name in zf.namelist():
                if name.endswith(".xml"):
                    assert b"NUMPAGES" not in zf.read(name), (kind, name)


# --- each form with realistic data ------------------------------------------------------


def test_act(tmp_path: Path) -> None:
    text = text_of(R.render("act", act_context(document(tmp_path))))
    assert "Акт № 154 от 31.10.2026" in text
    assert "Общество с ограниченной ответственностью «СервисПро»" in text
    assert "Северо-Западный металлопрокат и комплектация" in text
    assert "ИНН 7707083893, КПП 773601001" in text
    assert "р/с 40702810200000012345 в ПАО Сбербанк, БИК 044525225" in text
    assert "Основание:\nДоговор № АС-2026/15 от 10.01.2026" in text
    assert "октябрь 2026 г. (01.10.2026 – 31.10.2026)" in text
    assert "Настройка рабочего места пользователя (01.10–11.10)" in text
    for amount in ("10 000,00", "2 200,00", "333,33", "146,67", "15 166,66", "3 336,67", "18 503,33"):
        assert amount in text
    assert "НДС (22%):" in text
    assert "Всего оказано услуг 3, на сумму 18 503,33 руб." in text
    assert "Восемнадцать тысяч пятьсот три рубля 33 копейки" in text
    assert "Вышеперечисленные услуги выполнены полностью и в срок." in text
    assert "/ Соколов А.В. /" in text and "/ Кузнецова М.О. /" in text
    assert "Генеральный директор" in text and "Директор" in text
    assert "М.П." in text
    assert "{{" not in text and "{%" not in text


def test_act_with_vat_included_and_without_vat(tmp_path: Path) -> None:
    included = text_of(R.render("act", act_context(document(tmp_path, includes_vat=True))))
    assert "В том числе НДС (22%):" in included
    assert "В том числе НДС (22%): 2 734,98 руб." in included
    novat = text_of(R.render("act", act_context(document(tmp_path, regime="no_vat", buyer_kind="person"))))
    assert "Без налога (НДС)" in novat
    assert "22%" not in novat
    assert "Иванов Пётр Сергеевич" in novat


def test_stamp_and_facsimile_only_when_asked_and_allowed(tmp_path: Path) -> None:
    plain = pictures(R.render("act", act_context(document(tmp_path), with_stamp=False)))
    stamped = pictures(R.render("act", act_context(document(tmp_path), with_stamp=True)))
    no_fax = pictures(R.render("act", act_context(document(tmp_path, facsimile=False), with_stamp=True)))
    assert (plain, no_fax, stamped) == (0, 1, 2)
    data = R.render("act", act_context(document(tmp_path)))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml").decode()
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
    assert "<wp:anchor" not in xml  # the stamp stands in the line: it cannot cover text
    assert len(media) == 1  # stamp and facsimile are the same picture here: stored once


def test_invoice_with_bank_block_and_payment_qr(tmp_path: Path) -> None:
    ctx = invoice_context(document(tmp_path, "invoice"))
    data = R.render("invoice", ctx)
    text = text_of(data)
    assert "Счёт на оплату № 154 от 31.10.2026" in text
    for requisite in ("ПАО Сбербанк", "044525225", "30101810400000000225", "40702810200000012345"):
        assert requisite in text
    assert "Всего наименований 3, на сумму 18 503,33 руб." in text
    assert "Оплатить до 10.11.2026." in text
    assert ctx["payment"]["purpose"].replace(NBSP, " ") in text
    # The QR in the DOCX reads back as the GOST string.
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        pngs = [zf.read(n) for n in zf.namelist() if n.startswith("word/media/")]
    decoded = set()
    for png in pngs:
        try:
            found = zxingcpp.read_barcodes(decode_png(png))
        except AssertionError:
            continue  # the stamp stand-in is an RGBA picture, not a QR
        decoded.update(r.text for r in found)
    assert ctx["qr_text"] in decoded


def test_upd_status_1_and_2(tmp_path: Path) -> None:
    upd1 = R.render("upd", upd_context(document(tmp_path, "upd")))
    text = text_of(upd1)
    assert "Статус: 1" in text
    assert "Российский рубль, 643" in text
    assert "№ п/п 1–3 № 154 от 31.10.2026" in text
    assert "7707083893 / 773601001" in text and "7802345678 / 780201001" in text
    assert "без акциза" in text and "22%" in text
    assert "Всего к оплате (9)" in text and "18 503,33" in text
    assert "УПД № 154 от 31.10.2026, лист " in text
    assert page_field_in_footer(upd1)
    assert pictures(upd1) == 1  # the stamp; never a facsimile on a VAT invoice
    upd2 = R.render("upd", upd_context(document(tmp_path, "upd", regime="no_vat")))
    assert "Статус: 2" in text_of(upd2)
    assert "без НДС" in text_of(upd2)
    assert pictures(upd2) == 3  # stamp + facsimile at both seller signatures
    assert DocxDocument(io.BytesIO(upd2)).sections[0].page_width.mm > 290


def test_detail(tmp_path: Path) -> None:
    doc = document(tmp_path)
    text = text_of(R.render("detail", detail_context(doc, work_orders(doc))))
    assert "Детализация оказанных услуг" in text and "к акту № 154 от 31.10.2026" in text
    assert "Восстановление резервной копии базы 1С" in text and "З-1063" in text and "Смирнов Д.А." in text
    assert "Всего записей: 4." in text
    assert "Детализация к акту № 154 от 31.10.2026, страница " in text


def test_contract(tmp_path: Path) -> None:
    doc = document(tmp_path)
    text = text_of(R.render("contract", contract_context(doc.contract, ContextOptions(with_stamp=True))))
    assert "ДОГОВОР № АС-2026/15" in text and "договор возмездного оказания услуг" in text
    assert "«10» января 2026 г." in text and "г. Москва" in text
    assert "Генеральный директор Соколов Андрей Викторович на основании Устава" in text
    assert "Директор Кузнецова Мария Олеговна" in text
    assert "Абонентское обслуживание компьютерной техники" in text
    assert "в течение 5 (пяти) рабочих дней" in text
    assert "действует по 31.12.2026" in text
    assert "Итого: 18 503,33 руб. (Восемнадцать тысяч пятьсот три рубля 33 копейки)" in text
    assert "Р/с 40702810200000012345" in text


def test_values_are_escaped(tmp_path: Path) -> None:
    doc = document(tmp_path)
    doc.counterparty.full_name = 'ООО "А&Б <Сервис>"'
    text = text_of(R.render("act", act_context(doc)))
    assert 'ООО "А&Б <Сервис>"' in text


# --- errors -------------------------------------------------------------------------------


def broken_form(tmp_path: Path, old: str, new: str) -> Path:
    src = R.form_path("act")
    target = tmp_path / "act_changed.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            zout.writestr(info, data)
    return target


def test_unknown_placeholder_is_named_by_check_and_by_render(tmp_path: Path) -> None:
    form = broken_form(tmp_path, "{{ doc.basis }}", "{{ doc.osnovanie }}")
    problems = check_template(form)
    assert [p.name for p in problems] == ["doc.osnovanie"]
    assert "неизвестное поле «doc.osnovanie»" in problems[0].message
    with pytest.raises(TemplateError) as err:
        R.render_template(form, act_context(document(tmp_path)))
    assert "«doc.osnovanie»" in err.value.message
    assert "act_changed.docx" in err.value.message


def test_syntax_error_is_named(tmp_path: Path) -> None:
    form = broken_form(tmp_path, "{{ doc.basis }}", "{{ doc.basis }")
    problems = check_template(form)
    assert [p.kind for p in problems] == ["syntax"]
    assert "Договор" not in problems[0].where and "doc.basis" in problems[0].where
    with pytest.raises(TemplateError):
        R.render_template(form, act_context(document(tmp_path)))


def test_missing_stamp_file_names_it(tmp_path: Path) -> None:
    doc = document(tmp_path)
    doc.own_entity.stamp_image = str(tmp_path / "нет такой печати.png")
    with pytest.raises(ConfigError, match=r"нет такой печати\.png"):
        R.render("act", act_context(doc))


# --- files, batches, speed ---------------------------------------------------------------


def test_render_to_file_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "2026-10" / "ООО «СервисПро»" / "Акт 154 от 31.10.2026.docx"
    R.render_to_file("act", act_context(document(tmp_path)), target)
    assert "Акт № 154" in text_of(target.read_bytes())
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    with pytest.raises(StorageError, match="не записать"):
        write_file(target.parent, b"x")  # a folder where the file should be


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def merged_forms(kind: str, contexts: list[Any], folder: Path) -> Path:
    """Documents of one form, each rendered to its own file, then merged as a closing merges them."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [R.render_to_file(kind, c, folder / f"{kind}-{i}.docx") for i, c in enumerate(contexts)]
    merged = folder / "merged.docx"
    assert merge_docx(files, merged) == [bookmark_name(i) for i in range(len(files))]
    return merged


def test_merged_forms_keep_documents_apart(tmp_path: Path) -> None:
    contexts = [act_context(document(tmp_path, number=str(n))) for n in (154, 155, 156)]
    data = merged_forms("act", contexts, tmp_path / "batch").read_bytes()
    text = text_of(data)
    for n in (154, 155, 156):
        assert f"Акт № {n} от 31.10.2026" in text
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
    assert len(media) == 1  # one stamp picture for the whole batch
    sections = root.findall(f".//{W}sectPr")
    assert len(sections) == 3
    assert [s.find(f"{W}pgNumType").get(f"{W}start") for s in sections] == ["1", "1", "1"]
    assert [s.find(f"{W}type").get(f"{W}val") for s in sections[1:]] == ["nextPage", "nextPage"]
    assert [bookmark_name(i) for i in range(3)] == [b.get(f"{W}name") for b in root.iter(f"{W}bookmarkStart")]
    ids = [d.get("id") for d in root.iter(f"{WP}docPr")]
    assert len(ids) == len(set(ids)) == 6


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed in CI")
def test_merged_pdf_splits_per_document(tmp_path: Path) -> None:
    from desktop.core.documents.pdf.pdfutil import document_starts, page_texts

    contexts = [act_context(document(tmp_path, number=str(n))) for n in (154, 155, 156)]
    batch = merged_forms("act", contexts, tmp_path / "batch")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}',
            "--outdir",
            str(tmp_path),
            str(batch),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "merged.pdf"
    starts, total = document_starts(pdf, [bookmark_name(i) for i in range(3)])
    assert (starts, total) == ([0, 1, 2], 3)
    texts = page_texts(pdf)
    for page, n in zip(texts, (154, 155, 156), strict=True):
        assert f"Акт № {n} от 31.10.2026" in page


def test_merged_forms_give_each_document_its_own_footer(tmp_path: Path) -> None:
    contexts = []
    for n in (154, 155):
        doc = document(tmp_path, number=str(n))
        contexts.append(detail_context(doc, work_orders(doc)))
    data = merged_forms("detail", contexts, tmp_path / "batch").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        footers = sorted(n for n in zf.namelist() if re.fullmatch(r"word/[^/]*footer[^/]*\.xml", n))
        texts = [re.sub(r"<[^>]+>", "", zf.read(n).decode()) for n in footers]
        root = etree.fromstring(zf.read("word/document.xml"))
    assert len(footers) == 2
    assert any("№ 154" in t for t in texts) and any("№ 155" in t for t in texts)
    refs = [r.get(f"{R_NS}id") for r in root.iter(f"{W}footerReference") if r.get(f"{W}type") == "default"]
    assert len(refs) == len(set(refs)) == 2


def test_a_picture_lost_from_the_form_is_reported(tmp_path: Path) -> None:
    drawing = (
        '<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        '<wp:extent cx="1" cy="1"/><wp:docPr id="7" name="logo"/><a:graphic '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="x"><a:blip '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rIdLogo"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
    form = broken_form(tmp_path, "{{ doc.basis }}", "{{ doc.basis }}</w:t></w:r>" + drawing + "<w:r><w:t>")
    problems = check_template(form)
    assert [(p.kind, p.name) for p in problems] == [("image", "rIdLogo")]
