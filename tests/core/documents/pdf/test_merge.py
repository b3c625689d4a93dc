"""Merging DOCX files for one-pass conversion (no LibreOffice needed): what is merged, what is not."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from desktop.core.documents.pdf.docxmerge import (
    MergeError,
    inspect_docx,
    merge_docx,
    merge_key,
    merge_mergeable,
)
from desktop.core.documents.pdf.sample import write_sample_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _document(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def test_each_document_starts_a_section_with_page_numbers_from_one(tmp_path: Path) -> None:
    docs = [
        write_sample_docx(tmp_path / "a.docx", number=1, qr=True),
        write_sample_docx(tmp_path / "b.docx", kind="upd", number=2, qr=True),
        write_sample_docx(tmp_path / "c.docx", number=3, numbered=2),
    ]
    assert len({merge_key(d) for d in docs}) == 1

    names = merge_docx(docs, tmp_path / "merged.docx")

    root = _document(tmp_path / "merged.docx")
    sections = root.findall(f".//{W}sectPr")
    assert len(sections) == 3
    assert [s.find(f"{W}pgNumType").get(f"{W}start") for s in sections] == ["1", "1", "1"]
    # The UPD keeps its landscape page; the acts stay portrait.
    widths = [int(s.find(f"{W}pgSz").get(f"{W}w")) for s in sections]
    assert widths[1] > widths[0] and widths[0] == widths[2]
    bookmarks = [b.get(f"{W}name") for b in root.iter(f"{W}bookmarkStart")]
    assert bookmarks == names == ["AktDeskDoc0000", "AktDeskDoc0001", "AktDeskDoc0002"]
    with zipfile.ZipFile(tmp_path / "merged.docx") as zf:
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
        assert len(media) == 2, "each document keeps its own QR picture"
        footers = [n for n in zf.namelist() if n.startswith("word/") and "footer" in n and n.endswith(".xml")]
        assert len(footers) == 3, "each document keeps its own footer"
        assert zf.testzip() is None


def test_fields_that_depend_on_the_whole_file_keep_a_document_alone(tmp_path: Path) -> None:
    plain = write_sample_docx(tmp_path / "plain.docx")
    pages_of = write_sample_docx(tmp_path / "pages_of.docx", numpages=True)
    assert inspect_docx(plain).blocker is None
    assert inspect_docx(pages_of).blocker == "поле NUMPAGES зависит от всего файла"
    other = write_sample_docx(tmp_path / "other.docx", number=2)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    split = merge_mergeable([plain, pages_of, broken, other], tmp_path / "merged.docx")
    assert split.merged == [(plain, "AktDeskDoc0000"), (other, "AktDeskDoc0001")]
    assert split.alone == [pages_of, broken]
    alone = merge_mergeable([plain, pages_of], tmp_path / "alone.docx")
    assert (alone.merged, alone.alone) == ([], [plain, pages_of])
    assert not (tmp_path / "alone.docx").exists()


def test_broken_files_are_named_not_merged(tmp_path: Path) -> None:
    good = write_sample_docx(tmp_path / "good.docx")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    assert inspect_docx(broken).problem == "файл повреждён или не является документом DOCX"
    assert inspect_docx(tmp_path / "missing.docx").problem == "файл не найден"
    assert merge_key(broken) is None
    with pytest.raises(MergeError) as caught:
        merge_docx([good, broken], tmp_path / "m.docx")
    assert caught.value.index == 1
    assert not (tmp_path / "m.docx").exists()


def test_documents_rendered_from_a_checked_form_merge_uninspected_and_a_broken_one_stays_alone(
    tmp_path: Path,
) -> None:
    plain = write_sample_docx(tmp_path / "plain.docx")
    other = write_sample_docx(tmp_path / "other.docx", number=2)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    split = merge_mergeable([plain, broken, other], tmp_path / "merged.docx", checked=True)
    assert split.merged == [(plain, "AktDeskDoc0000"), (other, "AktDeskDoc0001")]
    assert split.alone == [broken]


def test_every_shipped_form_merges_as_it_is_and_one_with_a_whole_file_field_does_not(tmp_path: Path) -> None:
    from desktop.core.closing.files import mergeable_form
    from desktop.core.documents.render import FORMS, form_path, prepare

    assert [kind for kind in FORMS if not mergeable_form(prepare(form_path(kind)))] == []
    # A form of the office's own with «Страница N из M»: its documents are inspected, converted alone.
    pages_of = write_sample_docx(tmp_path / "pages_of.docx", numpages=True)
    assert not mergeable_form(prepare(pages_of))


def test_a_form_replaced_on_disk_is_asked_again(tmp_path: Path) -> None:
    import os

    from desktop.core.closing.files import mergeable_form
    from desktop.core.documents.render import prepare

    form = write_sample_docx(tmp_path / "Акт.docx")
    assert mergeable_form(prepare(form))
    # The office puts its own form in its place, with «Страница N из M» (a later mtime, as a copy gets).
    write_sample_docx(form, numpages=True)
    stat = form.stat()
    os.utime(form, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert not mergeable_form(prepare(form))
