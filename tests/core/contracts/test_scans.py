"""Signed contract scans on a real (temporary) shared folder: names, hashes, the outbox and its retry."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.contracts import scans as contract_scans
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.documents.paths import party_folder
from desktop.core.errors import ValidationError
from desktop.core.models import Contract, Scan
from desktop.core.scans.owners import SCAN_OWNERS
from desktop.core.scans.store import ScanStore
from tests.factories import first_contract

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TIFF = b"II*\x00" + b"\x00" * 64


@pytest.fixture
def contract_id(any_db: Database) -> int:
    with any_db.transaction() as session:
        fill_demo(session, clients=3, seed=2, today=dt.date(2026, 11, 22))
        contract = first_contract(session, status="active")
        contract.number = "АС-2026/17"  # a slash in the number
        return contract.id


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "incoming" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_a_contract_scan_is_filed_under_contracts_client_number_and_date(
    any_db: Database, contract_id: int, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    store = ScanStore(share, tmp_path / "outbox")
    source = _file(tmp_path, "договор подписан.pdf", PDF)
    with any_db.transaction() as session:
        contract = session.get(Contract, contract_id)
        assert contract_scans.scan_states(session, [contract_id]) == {contract_id: "no"}
        result = contract_scans.attach(session, store, contract, [source, _file(tmp_path, "p2.tif", TIFF)])
        folder = party_folder(contract.counterparty.short_name, contract.counterparty.inn)
        date = contract.date
    assert result.ok and len(result.stored) == 2
    expected = share / "Договоры" / folder / f"АС-2026-17 от {date:%d.%m.%Y}.pdf"
    assert expected.read_bytes() == PDF and source.exists()  # copied, never moved
    assert (expected.parent / f"АС-2026-17 от {date:%d.%m.%Y}.tif").read_bytes() == TIFF
    with any_db.session() as session:
        contract = session.get(Contract, contract_id)
        assert contract.scan_path == expected.relative_to(share).as_posix()
        assert contract.scan_sha256 == hashlib.sha256(PDF).hexdigest()
        assert contract_scans.scan_states(session, [contract_id]) == {contract_id: "yes"}
        rows = list(session.scalars(select(Scan).where(Scan.contract_id == contract_id)))
        assert {r.sha256 for r in rows} == {hashlib.sha256(PDF).hexdigest(), hashlib.sha256(TIFF).hexdigest()}
        assert all(r.document_id is None for r in rows)

    # The same file again is recognised by its hash and changes nothing.
    with any_db.transaction() as session:
        again = contract_scans.attach(session, store, session.get(Contract, contract_id), [source])
    assert again.duplicates == ["договор подписан.pdf"] and "уже прикреплён" in again.message


def test_a_pattern_from_the_settings_decides_the_folders(
    any_db: Database, contract_id: int, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    store = ScanStore(share, tmp_path / "outbox", contract_pattern="Договоры/{year}/{entity}/{number}")
    with any_db.transaction() as session:
        contract = session.get(Contract, contract_id)
        contract_scans.attach(session, store, contract, [_file(tmp_path, "a.pdf", PDF)])
        entity, year = contract.own_entity.short_name, contract.date.year
    stored = list((share / "Договоры" / str(year)).rglob("*.pdf"))
    assert [p.name for p in stored] == ["АС-2026-17.pdf"] and stored[0].parent.name.startswith(entity[:10])


def test_a_file_that_is_not_a_scan_is_refused_by_its_content(
    any_db: Database, contract_id: int, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    store = ScanStore(share, tmp_path / "outbox")
    fake = _file(tmp_path, "договор.pdf", b"PK\x03\x04 a docx renamed to pdf")
    with pytest.raises(ValidationError, match=r"договор\.pdf"), any_db.transaction() as session:
        contract_scans.attach(session, store, session.get(Contract, contract_id), [fake])
    with any_db.session() as session:
        assert session.scalar(select(Scan).where(Scan.contract_id == contract_id)) is None
    assert not any(share.iterdir())


def test_unreachable_share_queues_the_scan_and_the_retry_files_it(
    any_db: Database, contract_id: int, tmp_path: Path
) -> None:
    share = tmp_path / "share"  # the folder was removed: the server is away
    store = ScanStore(share, tmp_path / "outbox", owners=SCAN_OWNERS)
    source = _file(tmp_path, "signed.pdf", PDF)
    with any_db.transaction() as session:
        result = contract_scans.attach(session, store, session.get(Contract, contract_id), [source])
    assert not result.ok and "недоступна" in result.message and "договор станет подписанным" in result.message
    with any_db.session() as session:
        contract = session.get(Contract, contract_id)
        assert contract.scan_path is None  # not marked while the file is not on the share
        assert contract_scans.scan_states(session, [contract_id]) == {contract_id: "pending"}
        queued = session.scalar(select(Scan).where(Scan.contract_id == contract_id))
        assert Path(queued.outbox_path).read_bytes() == PDF

    with any_db.transaction() as session:  # still away: nothing changes
        assert store.retry_outbox(session) == (0, 1)
    share.mkdir()  # it is back
    with any_db.transaction() as session:
        assert store.retry_outbox(session) == (1, 0)
    with any_db.session() as session:
        contract = session.get(Contract, contract_id)
        assert contract.scan_path and (share / contract.scan_path).read_bytes() == PDF
        assert contract.scan_path.startswith("Договоры/")
        assert contract_scans.scan_states(session, [contract_id]) == {contract_id: "yes"}
    assert not list((tmp_path / "outbox").iterdir())


def test_a_share_under_a_regular_file_is_unreachable_too(
    any_db: Database, contract_id: int, tmp_path: Path
) -> None:
    blocker = tmp_path / "not a folder"
    blocker.write_text("x")
    store = ScanStore(blocker / "share", tmp_path / "outbox")
    with any_db.transaction() as session:
        result = contract_scans.attach(
            session, store, session.get(Contract, contract_id), [_file(tmp_path, "s.pdf", PDF)]
        )
    assert result.pending == ["s.pdf"]
