"""`aktdesk scans attach --act NUMBER`: an act and a UPD numbered alike are told apart by --kind."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.core.closing import plan as closing
from desktop.core.db import open_database
from desktop.core.demo.data import fill_demo
from desktop.core.documents.context import ID_QR_PREFIX
from desktop.core.models import Document, OwnEntity
from tests.factories.pdf import FAKE_PDF, encrypted_pdf, one_page_pdf, truncated_pdf, write
from tests.factories.scan_inbox import qr_page, save_pdf

PDF = one_page_pdf("signed act")


def test_the_act_is_meant_unless_kind_upd_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'aktdesk.sqlite'}"
    database = open_database(url)
    with database.transaction() as session:
        fill_demo(session, clients=5, seed=3, today=dt.date(2026, 11, 22))
    with database.session() as session:
        closing.execute(database, closing.plan(session, "2026-10"))
    with database.session() as session:
        act, upd, inn = session.execute(
            select(Document.number, Document.number, OwnEntity.inn)
            .join(OwnEntity, OwnEntity.id == Document.own_entity_id)
            .where(Document.kind == "act")
            .where(
                Document.number.in_(select(Document.number).where(Document.kind == "upd")),
            )
            .limit(1)
        ).one()
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setenv("AKTDESK_SHARE_ROOT", str(share))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(PDF)
    assert main(["--database", url, "scans", "attach", "--act", act, "--entity", inn, str(scan)]) == 0
    assert (
        main(
            ["--database", url, "scans", "attach", "--act", upd, "--entity", inn, "--kind", "upd", str(scan)]
        )
        == 0
    )
    with database.session() as session:
        signed = {
            d.kind
            for d in session.scalars(
                select(Document).where(Document.number == act, Document.signed.is_(True))
            )
        }
    database.dispose()
    assert signed == {"act", "upd"}
    names = sorted(p.name for p in share.rglob("*.pdf"))
    assert any(n.startswith(f"УПД {upd} от ") for n in names) and any(
        n.startswith(f"{act} от ") for n in names
    )


@pytest.fixture
def month(tmp_path: Path) -> tuple[str, list[tuple[int, str, str]]]:
    """A closed month (documents in the database only): the URL and its acts as (id, number, INN)."""
    url = f"sqlite:///{tmp_path / 'aktdesk.sqlite'}"
    database = open_database(url)
    with database.transaction() as session:
        fill_demo(session, clients=3, seed=21, today=dt.date(2026, 11, 22))
    with database.session() as session:
        plan = closing.plan(session, "2026-10")
    closing.execute(database, plan)
    with database.session() as session:
        acts = [
            (d.id, d.number, inn)
            for d, inn in session.execute(
                select(Document, OwnEntity.inn)
                .join(OwnEntity, OwnEntity.id == Document.own_entity_id)
                .where(Document.kind == "act")
                .order_by(Document.id)
            )
        ]
    database.dispose()
    return url, acts


def _attach(url: str, share: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, "scans", "attach", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "AKTDESK_SHARE_ROOT": str(share)},
        timeout=300,
    )


def _signed(url: str, document_id: int) -> bool:
    database = open_database(url)
    with database.session() as session:
        signed = bool(session.get(Document, document_id).signed)
    database.dispose()
    return signed


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("с паролем.pdf", encrypted_pdf(), "защищён паролем"),
        ("обрезан.pdf", truncated_pdf(), "повреждён или обрезан"),
        ("только заголовок.pdf", FAKE_PDF, "повреждён или обрезан"),
    ],
)
def test_a_pdf_that_cannot_be_read_is_refused_as_the_inbox_refuses_it(
    month: tuple[str, list[tuple[int, str, str]]], tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    url, acts = month
    act_id, number, inn = acts[0]
    share = tmp_path / "share"
    share.mkdir()
    scan = write(tmp_path / name, data)
    result = _attach(url, share, "--act", number, "--entity", inn, str(scan))
    assert result.returncode == 2, result.stderr
    assert f"PDF «{name}»" in result.stderr and reason in result.stderr
    assert "Traceback" not in result.stderr and "PDFium" not in result.stderr
    assert not any(share.rglob("*")) and not _signed(url, act_id)
    # The inbox refuses the same file with the same words.
    inbox = subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, "scans", "inbox", str(scan)],
        capture_output=True,
        text=True,
        env={**os.environ, "AKTDESK_SHARE_ROOT": str(share)},
        timeout=300,
    )
    assert inbox.returncode == 1 and reason in inbox.stdout + inbox.stderr


def test_a_page_whose_qr_names_another_act_is_refused_unless_forced(
    month: tuple[str, list[tuple[int, str, str]]], tmp_path: Path
) -> None:
    url, acts = month
    (act_id, number, inn), (other_id, other_number, _) = acts[0], acts[1]
    share = tmp_path / "share"
    share.mkdir()
    scan = save_pdf([qr_page(None, "page 1"), qr_page(f"{ID_QR_PREFIX}{other_id}")], tmp_path / "скан.pdf")
    refused = _attach(url, share, "--act", number, "--entity", inn, str(scan))
    assert refused.returncode == 2, refused.stderr
    assert f"Файл «скан.pdf», стр. 2: QR-код другого документа — Акт № {other_number} от" in refused.stderr
    assert "--force" in refused.stderr and "Traceback" not in refused.stderr
    assert not any(share.rglob("*.pdf")) and not _signed(url, act_id)

    forced = _attach(url, share, "--act", number, "--entity", inn, "--force", str(scan))
    assert forced.returncode == 0, forced.stderr
    assert _signed(url, act_id) and not _signed(url, other_id)
    assert len(list(share.rglob("*.pdf"))) == 1


def test_a_page_with_the_acts_own_qr_is_filed_without_asking(
    month: tuple[str, list[tuple[int, str, str]]], tmp_path: Path
) -> None:
    url, acts = month
    act_id, number, inn = acts[0]
    share = tmp_path / "share"
    share.mkdir()
    scan = save_pdf([qr_page(f"{ID_QR_PREFIX}{act_id}"), qr_page(None, "page 2")], tmp_path / "скан.pdf")
    result = _attach(url, share, "--act", number, "--entity", inn, str(scan))
    assert result.returncode == 0, result.stderr
    assert _signed(url, act_id)
