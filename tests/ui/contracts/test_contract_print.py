"""The contract print form from the card: DOCX and PDF, with or without stamp and facsimile."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.config import Settings, load_settings, save_settings
from desktop.core.contracts.printing import print_contract
from desktop.core.db import Database
from desktop.core.models import Contract, OwnEntity
from tests.ui.user import click, open_contract_card


def _contract(database: Database) -> Contract:
    with database.session() as session:
        return session.scalars(
            select(Contract)
            .join(OwnEntity)
            .where(Contract.kind == "fixed", OwnEntity.vat_regime == "vat22")
            .limit(1)
        ).first()


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _images(docx: Path) -> list[str]:
    with zipfile.ZipFile(docx) as archive:
        return [n for n in archive.namelist() if n.startswith("word/media/")]


@pytest.mark.parametrize("with_stamp", [True, False])
def test_contract_docx_and_pdf_carry_the_parties_and_terms(
    demo_db: Database, tmp_path: Path, with_stamp: bool
) -> None:
    contract = _contract(demo_db)
    with demo_db.session() as session:
        printed = print_contract(session, contract.id, tmp_path, with_stamp=with_stamp)
        party = session.get(Contract, contract.id).counterparty
    assert printed.docx.exists() and printed.pdf is not None and printed.pdf.exists()
    text = " ".join(_pdf_text(printed.pdf).split())
    assert f"№ {contract.number}" in text
    assert party.inn in text and "Предмет договора".upper() in text.upper()
    assert ("с печатью" in printed.docx.name) is with_stamp
    assert bool(_images(printed.docx)) is with_stamp  # stamp and facsimile only when asked for


def test_card_makes_the_contract_files_on_a_worker_thread(
    qtbot: Any, demo_db: Database, tmp_path: Path, russian: None
) -> None:
    from desktop.ui.main_window import MainWindow

    save_settings(Settings(output_dir=str(tmp_path / "out")))
    window = MainWindow(load_settings(), demo_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    contract = _contract(demo_db)
    card = open_contract_card(qtbot, window, contract.id)
    card.setProperty("quiet", True)  # the PDF is not handed to the system viewer in a test
    click(qtbot, card.stamp)  # «с печатью и подписью»
    assert card.stamp.isChecked()
    click(qtbot, card.print_button)
    qtbot.waitUntil(lambda: getattr(card, "printed", None) is not None, timeout=120000)
    assert card.printed.pdf.exists() and str(card.printed.pdf).startswith(str(tmp_path / "out" / "Договоры"))
    assert "с печатью" in card.printed.docx.name
