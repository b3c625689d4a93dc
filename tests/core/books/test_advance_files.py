"""The files of an advance счёт-фактура: issued from «Авансы» (or `books advances --issue`), it gets its
DOCX and PDF through the closing's files step, in its client's folder of the period.

Needs the form of the advance счёт-фактура (forms/sf.docx and its context, the «sf» branch): it
fails until that is merged, by design — the check is that the files are made, not that they may be.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from desktop.core.books.advance_run import issue_with_files
from desktop.core.db import Database
from desktop.core.documents.render import form_of, form_path
from desktop.core.models import Document, DocumentKind
from tests.factories.advances import advance_world, receive
from tests.factories.forms import text_of


def test_an_issued_advance_sf_gets_its_docx_and_pdf(sqlite_db: Database, tmp_path: Path) -> None:
    assert form_path(form_of(DocumentKind.ADVANCE_SF)).is_file()
    world = advance_world(sqlite_db)
    receive(sqlite_db, world.invoices["full-2026-11"], dt.date(2026, 11, 3), "10000.00", "457")
    out = tmp_path / "Документы"
    result = issue_with_files(sqlite_db, dt.date(2026, 11, 5), out, pdf_converter="libreoffice")
    assert result.refusals == [] and len(result.document_ids) == 1
    with sqlite_db.session() as session:
        sf = session.scalars(select(Document).where(Document.kind == DocumentKind.ADVANCE_SF)).one()
        docx, pdf = Path(sf.docx_path or ""), Path(sf.pdf_path or "")
        number = sf.number
    assert (
        docx.is_file() and docx.is_relative_to(out) and pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    )
    text = text_of(docx.read_bytes())
    assert number in text and "457" in text and "03.11.2026" in text  # line 5: the payment document
    assert "22/122" in text and "Абонентское обслуживание компьютерной техники" in text
