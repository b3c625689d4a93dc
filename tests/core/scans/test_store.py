"""Signed scans on a real (temporary) shared folder: names, hashes, duplicates, the outbox."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.documents.paths import party_folder
from desktop.core.errors import ValidationError
from desktop.core.models import Counterparty, Document, Scan
from desktop.core.registry import scans as registry_scans
from desktop.core.scans.owners import SCAN_OWNERS
from desktop.core.scans.store import ScanStore, check_share
from tests.factories import first_contract, make_document
from tests.factories.pdf import one_page_pdf

PDF = one_page_pdf("signed act")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def act(sqlite_db: Database) -> int:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=3, seed=2, today=dt.date(2026, 11, 22))
        contract = first_contract(session, status="active")
        party = session.get(Counterparty, contract.counterparty_id)
        party.short_name = 'ООО "Ромашка/Север".'  # ASCII quotes, a slash and a trailing dot
        return make_document(session, contract).id


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "incoming" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_scan_is_copied_to_the_share_with_a_windows_safe_name_and_hash(
    sqlite_db: Database, act: int, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    store = ScanStore(share, tmp_path / "outbox")
    source = _file(tmp_path, "scan 001.pdf", PDF)
    with sqlite_db.transaction() as session:
        document = session.get(Document, act)
        result = registry_scans.attach(session, store, document, [source], user="m.smirnov")
        number, date = document.number, document.date
        folder = party_folder(document.counterparty.short_name, document.counterparty.inn)
    assert result.ok and len(result.stored) == 1
    folder = party_folder("ООО «Ромашка-Север»", folder.rsplit(" ", 1)[1])
    assert '"' not in folder and "/" not in folder
    expected = share / "Акты выполненных работ" / str(date.year) / folder / f"{number} от {date:%d.%m.%Y}.pdf"
    assert expected.read_bytes() == PDF
    assert source.exists()  # copied, never moved
    with sqlite_db.session() as session:
        document = session.get(Document, act)
        assert document.signed and document.signed_by == "m.smirnov" and document.signed_at is not None
        assert document.scan_sha256 == hashlib.sha256(PDF).hexdigest()
    assert not list(expected.parent.glob(".~*"))  # no temporary file left behind


def test_same_file_twice_is_recognised_and_another_file_gets_a_suffix(
    sqlite_db: Database, act: int, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    store = ScanStore(share, tmp_path / "outbox")
    first = _file(tmp_path, "a.pdf", PDF)
    second = _file(tmp_path, "b.png", PNG)
    other_pdf = _file(tmp_path, "c.pdf", PDF + b"% another page\n")
    with sqlite_db.transaction() as session:
        document = session.get(Document, act)
        registry_scans.attach(session, store, document, [first])
        again = registry_scans.attach(session, store, document, [first, second, other_pdf])
    assert again.duplicates == ["a.pdf"] and len(again.stored) == 2
    folder = next((share / "Акты выполненных работ").rglob("*.pdf")).parent
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 3 and any(" (2).pdf" in n for n in names) and any(n.endswith(".png") for n in names)
    originals = {p.read_bytes() for p in folder.iterdir()}
    assert PDF in originals and PDF + b"% another page\n" in originals  # nothing overwritten


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("empty.pdf", b"", "пустой"),
        ("fake.pdf", b"MZ\x90\x00 this is an exe", "не является PDF"),
        ("big.pdf", PDF + b"0" * 2000, "слишком большой"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(
    sqlite_db: Database, act: int, tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    store = ScanStore(share, tmp_path / "outbox", max_bytes=1000)
    with pytest.raises(ValidationError) as error, sqlite_db.transaction() as session:
        registry_scans.attach(session, store, session.get(Document, act), [_file(tmp_path, name, data)])
    assert words in error.value.message and name in error.value.message
    assert not any(share.iterdir())
    with sqlite_db.session() as session:
        assert not session.get(Document, act).signed


@pytest.mark.parametrize("fault", ["removed", "under_a_file"])
def test_unreachable_share_keeps_the_scan_in_the_outbox_until_retry(
    sqlite_db: Database, act: int, tmp_path: Path, fault: str
) -> None:
    share = tmp_path / "share"
    if fault == "under_a_file":
        (tmp_path / "blocker").write_text("a regular file")
        share = tmp_path / "blocker" / "share"
    store = ScanStore(share, tmp_path / "outbox", owners=SCAN_OWNERS)
    source = _file(tmp_path, "signed.pdf", PDF)
    with sqlite_db.transaction() as session:
        result = registry_scans.attach(session, store, session.get(Document, act), [source])
    assert not result.ok and "недоступна" in result.message and "очередь" in result.message
    with sqlite_db.session() as session:
        assert not session.get(Document, act).signed
        pending = session.scalar(select(Scan))
        assert pending.status == "pending" and Path(pending.outbox_path).read_bytes() == PDF
    source.unlink()  # the user's copy is gone: the outbox must be enough

    with sqlite_db.transaction() as session:
        assert store.retry_outbox(session) == (0, 1)  # still down
    if fault == "under_a_file":
        (tmp_path / "blocker").unlink()
    share.mkdir(parents=True)
    with sqlite_db.transaction() as session:
        assert store.retry_outbox(session) == (1, 0)
    with sqlite_db.session() as session:
        document = session.get(Document, act)
        assert document.signed and (share / document.scan_path).read_bytes() == PDF
    assert not any((tmp_path / "outbox").iterdir())


def test_share_check_finds_missing_changed_and_orphan_files(
    sqlite_db: Database, act: int, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    store = ScanStore(share, tmp_path / "outbox", owners=SCAN_OWNERS)
    with sqlite_db.transaction() as session:
        registry_scans.attach(
            session,
            store,
            session.get(Document, act),
            [_file(tmp_path, "a.pdf", PDF), _file(tmp_path, "b.png", PNG)],
        )
    files = sorted(p for p in (share / "Акты выполненных работ").rglob("*") if p.is_file())
    files[0].write_bytes(PDF + b"tampered")
    files[1].unlink()
    orphan = files[0].parent / "lost.pdf"
    shutil.copy(files[0], orphan)
    with sqlite_db.session() as session:
        report = check_share(session, share)
    assert report.checked == 2 and len(report.changed) == 1 and len(report.missing) == 1
    assert [Path(p).name for p in report.orphans] == ["lost.pdf"]
    # Contract scans and the attachments of payment and document requests have their own top
    # folders on the share; folders of other programs are none of our business.
    for folder in (
        "Договоры/ООО «Альфа» 7707083893",
        "Заявки на оплату/2026",
        "Запросы документов/2026/№ 1 ООО «Альфа»",
        "Бухгалтерия/Прочее",
    ):
        (share / folder).mkdir(parents=True)
        (share / folder / "stray.pdf").write_bytes(PDF)
    assert store.folders() == ["Акты выполненных работ", "Договоры", "Заявки на оплату", "Запросы документов"]
    with sqlite_db.session() as session:
        report = check_share(session, share, store.folders())
    assert sorted(report.orphans) == sorted(
        [
            orphan.relative_to(share).as_posix(),
            "Договоры/ООО «Альфа» 7707083893/stray.pdf",
            "Заявки на оплату/2026/stray.pdf",
            "Запросы документов/2026/№ 1 ООО «Альфа»/stray.pdf",
        ]
    )


def test_an_act_and_a_upd_with_the_same_number_get_their_own_names(
    sqlite_db: Database, tmp_path: Path
) -> None:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=3, seed=2, today=dt.date(2026, 11, 22))
        contract = first_contract(session, status="active")
        act = make_document(session, contract, "act")
        upd = make_document(session, contract, "upd")  # numbered separately: the same «1»
        assert act.number == upd.number
        store = ScanStore(tmp_path / "share", tmp_path / "outbox")
        (tmp_path / "share").mkdir()
        first = registry_scans.attach(session, store, act, [_file(tmp_path, "a.pdf", PDF)], user="u")
        second = registry_scans.attach(
            session, store, upd, [_file(tmp_path, "b.pdf", PDF + b"%2\n")], user="u"
        )
    names = [Path(first.stored[0]).name, Path(second.stored[0]).name]
    assert names[0].startswith(f"{act.number} от ") and names[1].startswith(f"УПД {upd.number} от ")
    assert "(2)" not in names[1]


def test_a_queued_scan_of_an_owner_the_store_was_not_given_stops_the_retry(
    sqlite_db: Database, act: int, tmp_path: Path
) -> None:
    """The store knows only the owners it is built with: a document's queued scan needs the documents' owner."""
    share = tmp_path / "share"
    store = ScanStore(share, tmp_path / "outbox")  # no owners
    with sqlite_db.transaction() as session:
        registry_scans.attach(session, store, session.get(Document, act), [_file(tmp_path, "a.pdf", PDF)])
    share.mkdir()
    with sqlite_db.transaction() as session, pytest.raises(RuntimeError, match="document_id"):
        store.retry_outbox(session)
    assert [p.name for p in (tmp_path / "outbox").iterdir()]  # nothing moved
    with sqlite_db.transaction() as session:
        assert store.folders() == []
        assert ScanStore(share, tmp_path / "outbox", owners=(registry_scans.SCAN_OWNER,)).retry_outbox(
            session
        ) == (1, 0)
        assert session.get(Document, act).signed
