"""`aktdesk scans attach --act NUMBER`: an act and a UPD numbered alike are told apart by --kind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.core import closing
from desktop.core.db import open_database
from desktop.core.demo import fill_demo
from desktop.core.models import Document, OwnEntity

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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
