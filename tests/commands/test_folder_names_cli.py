"""Folder names on real disks: no bidirectional controls, one spelling of a client in the documents
folder and on the share, and every path under a typical Windows documents folder ≥ 40 characters
under MAX_PATH — through `aktdesk close-month` and `aktdesk scans attach`."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path, PureWindowsPath

from lxml import etree
from PySide6.QtGui import QColor, QImage
from sqlalchemy import select

from desktop.core.common.safe_names import BIDI_CONTROLS
from desktop.core.db import open_database
from desktop.core.demo.data import fill_demo
from desktop.core.documents.paths import PATH_MARGIN, WINDOWS_PATH_MAX
from desktop.core.models import Contract, Document

TODAY = dt.date(2026, 11, 22)
# The longest login Windows allows (20 characters) in the default documents folder.
WINDOWS_ROOT = PureWindowsPath(r"C:\Users\Konstantinopolskaya1\Documents\AktDesk")
SELLER_EDO_ID = "2BM-7701234567-770101001-201801010000000000000"
BUYER_EDO_ID = "2AE-7707083893-773601001-201811010000000000001"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def cli(url: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_folders_drop_bidi_controls_spell_the_client_alike_and_fit_windows(tmp_path: Path) -> None:
    assert len(str(WINDOWS_ROOT)) == 47  # + the separator: the 48 characters of paths.py's budget
    url = f"sqlite:///{tmp_path / 'names.sqlite'}"
    database = open_database(url)
    with database.transaction() as session:
        fill_demo(session, clients=2, seed=3, today=TODAY)
        contract = session.scalars(
            select(Contract).where(Contract.status == "active", Contract.periodicity == "month").limit(1)
        ).one()
        contract.own_entity.short_name = (
            "ООО \u202e«Группа компаний Северо-Западный территориальный центр обслуживания»\u202c"
        )
        contract.counterparty.short_name = (
            f"ИП {BIDI}Константинопольская-Швейцер Александра-Мария Владиславовна"
            " (филиал по обслуживанию объектов недвижимости)."
        )
        # Real EDO participant ids (46 characters, the longest the operators issue): the UPD's FNS
        # name ON_NSCHFDOPPR_<receiver>_<sender>_<date>_<GUID>.xml is 157 characters with them.
        contract.documents = "act_invoice_upd"
        contract.own_entity.edo_id = SELLER_EDO_ID
        contract.counterparty.edo_id = BUYER_EDO_ID
        entity_inn, client_inn = contract.own_entity.inn, contract.counterparty.inn
        contract_id = contract.id
    out = tmp_path / "Documents" / "AktDesk"
    done = cli(
        url,
        "close-month",
        "--period",
        "2026-10",
        "--entity",
        entity_inn,
        "--no-pdf",
        "--out",
        str(out),
        "--json",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["errors"] == []

    with database.session() as session:
        act = session.scalars(
            select(Document).where(Document.contract_id == contract_id, Document.kind == "act")
        ).one()
        act_number = act.number
        upd = session.scalars(
            select(Document).where(Document.contract_id == contract_id, Document.kind == "upd")
        ).one()
        upd_xml = Path(upd.xml_path or "")
        upd_title = f"УПД {upd.number} от {upd.date:%d.%m.%Y}"
        assert Path(upd.docx_path or "").stem == upd_title
    # The XML sits in the folder under the UPD's short title, with its FNS name inside.
    assert upd_xml.name == f"{upd_title}.xml" and upd_xml.is_file()
    file_id = etree.parse(upd_xml).getroot().get("ИдФайл") or ""
    assert file_id.startswith(f"ON_NSCHFDOPPR_{BUYER_EDO_ID}_{SELLER_EDO_ID}_") and len(file_id) + 4 == 157
    files = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.suffix == ".xml" for p in files) and any(p.suffix == ".docx" for p in files)
    client_folders = {p.parent.name for p in files if p.parent.name.endswith(client_inn)}
    assert len(client_folders) == 1
    (client_folder,) = client_folders
    # Cut predictably, the INN kept, no dot before it, nothing invisible.
    visible = "ИП Константинопольская-Швейцер Александра-Мария Владиславовна"
    assert client_folder == f"{visible[: 35 - len(client_inn) - 1].rstrip(' .')} {client_inn}"
    for path in [*files, *(p for p in out.rglob("*") if p.is_dir())]:
        relative = path.relative_to(out)
        assert not (set(str(relative)) & BIDI_CONTROLS), relative
        windows = WINDOWS_ROOT.joinpath(*relative.parts)
        assert len(str(windows)) <= WINDOWS_PATH_MAX - PATH_MARGIN, (len(str(windows)), windows)

    share = tmp_path / "share"
    share.mkdir()
    scan = tmp_path / "скан.png"
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(scan))
    done = cli(
        url, "scans", "attach", "--act", act_number, "--entity", entity_inn, str(scan),
        env={"AKTDESK_SHARE_ROOT": str(share)},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    stored = [p for p in share.rglob("*") if p.is_file()]
    assert len(stored) == 1
    assert stored[0].parent.name == client_folder  # the share spells the client as the documents folder
    assert not (set(str(stored[0].relative_to(share))) & BIDI_CONTROLS)
    database.dispose()
