"""The scan inbox on real files: scanned stacks split by the acts' id QR and filed on a temp share."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import func, select

from desktop.core.closing import plan as closing
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.documents import context as ctx
from desktop.core.models import Document, Scan, ScanStatus
from desktop.core.scans.inbox import assign_pages, find_signable, run_inbox
from desktop.core.scans.owners import SCAN_OWNERS
from desktop.core.scans.store import ScanStore
from tests.factories.scan_inbox import blank_page, pdf_page_count, qr_page, save_pdf

TODAY = dt.date(2026, 11, 22)
PAYMENT_QR = "ST00012|Name=ООО «Ромашка»|PersonalAcc=40702810900000000001|BankName=Банк|BIC=044525225|CorrespAcc=30101810400000000225"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def docs(any_db: Database) -> dict[str, Document]:
    """Two acts (or UPDs) and an invoice of a closed month, documents in the database only."""
    with any_db.transaction() as session:
        fill_demo(session, clients=4, seed=21, today=TODAY)
    with any_db.session() as session:
        plan = closing.plan(session, "2026-10")
    closing.execute(any_db, plan)
    with any_db.session() as session:
        signable = list(
            session.scalars(select(Document).where(Document.kind.in_(("act", "upd"))).order_by(Document.id))
        )
        invoice = session.scalars(select(Document).where(Document.kind == "invoice")).first()
        assert len(signable) >= 2 and invoice is not None
        session.expunge_all()
    return {"a": signable[0], "b": signable[1], "invoice": invoice}


@pytest.fixture
def act(sqlite_db: Database) -> Document:
    """The first act of a closed October (three clients), documents in the database only."""
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=3, seed=21, today=TODAY)
    with sqlite_db.session() as session:
        plan = closing.plan(session, "2026-10")
    closing.execute(sqlite_db, plan)
    with sqlite_db.session() as session:
        act = session.scalars(select(Document).where(Document.kind == "act")).first()
        assert act is not None
    return act


def _qr(document: Document) -> str:
    return f"{ctx.ID_QR_PREFIX}{document.id}"


def _store(tmp_path: Path, share: Path | None = None) -> ScanStore:
    share = share if share is not None else tmp_path / "share"
    share.mkdir(exist_ok=True)
    return ScanStore(share, tmp_path / "outbox")


def _scans(database: Database) -> list[Scan]:
    with database.session() as session:
        return list(session.scalars(select(Scan).order_by(Scan.id)))


def test_a_scanned_stack_is_split_by_the_id_qr_and_each_act_gets_its_own_pages(
    any_db: Database, docs: dict[str, Document], tmp_path: Path
) -> None:
    a, b, invoice = docs["a"], docs["b"], docs["invoice"]
    stack = save_pdf(
        [
            qr_page(None, "cover letter"),  # 1: before any QR
            qr_page(_qr(a), "act A", angle=-1.5),  # 2: starts A
            blank_page(),  # 3: the empty back of page 2
            qr_page(None, "act A, page 2"),  # 4: belongs to A
            qr_page(_qr(b), "act B", angle=2.0),  # 5: starts B
            qr_page(PAYMENT_QR, "someone's invoice", mm=35),  # 6: a foreign QR ends B
            qr_page(None, "its second page"),  # 7: follows the foreign page
            qr_page(f"{ctx.ID_QR_PREFIX}987654", "unknown id"),  # 8
            qr_page(_qr(invoice), "our invoice"),  # 9: not signable
        ],
        tmp_path / "incoming" / "скан 2026-11-22.pdf",
    )
    before = _sha(stack)
    store = _store(tmp_path)

    report = run_inbox(any_db, store, [stack], user="m.smirnov")

    assert report.pages == 9 and report.errors == []
    stored = {f.document_id: f for f in report.with_status("stored")}
    assert set(stored) == {a.id, b.id}
    assert [p.index + 1 for p in stored[a.id].pages] == [2, 4]
    assert [p.index + 1 for p in stored[b.id].pages] == [5]
    reasons = {u.page.index + 1: u.reason for u in report.unrecognised}
    assert sorted(reasons) == [1, 3, 6, 7, 8, 9]
    assert "перед ней нет страницы с кодом" in reasons[1]
    assert reasons[3] == "Пустая страница"
    assert "чужой QR-код" in reasons[6]
    assert "не удалось распознать" in reasons[7]
    assert "987654" in reasons[8] and "нет в базе" in reasons[8]
    assert f"Счёт № {invoice.number}" in reasons[9]
    assert all(u.thumbnail.startswith(b"\x89PNG") for u in report.unrecognised)

    # Each range is one PDF on the share, named as a dropped scan would be, with exactly its pages.
    share = tmp_path / "share"
    filed_a = share / stored[a.id].path
    assert filed_a.name == f"{a.number} от {a.date:%d.%m.%Y}.pdf"
    assert pdf_page_count(filed_a) == 2 and pdf_page_count(share / stored[b.id].path) == 1
    with any_db.session() as session:
        for document in (session.get(Document, a.id), session.get(Document, b.id)):
            assert document is not None and document.signed and document.signed_by == "m.smirnov"
            assert document.scan_sha256 == _sha(share / document.scan_path)
    assert _sha(stack) == before  # the source is never changed, nor moved

    # The same stack again: recognised by hash, nothing filed twice.
    again = run_inbox(any_db, store, [stack])
    assert {f.document_id for f in again.with_status("duplicate")} == {a.id, b.id}
    assert again.with_status("stored") == []
    assert len(_scans(any_db)) == 2
    assert len(list(share.rglob("*.pdf"))) == 2


def test_a_folder_of_images_in_explorer_order_single_pages_continue_a_multipage_tiff_is_filed_as_is(
    sqlite_db: Database, tmp_path: Path
) -> None:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=4, seed=21, today=TODAY)
    with sqlite_db.session() as session:
        plan = closing.plan(session, "2026-10")
    closing.execute(sqlite_db, plan)
    with sqlite_db.session() as session:
        a, b = list(session.scalars(select(Document).where(Document.kind == "act").order_by(Document.id)))[:2]
    folder = tmp_path / "Сканы"
    (folder / "ноябрь").mkdir(parents=True)
    qr_page(_qr(a), "act A").convert("RGB").save(folder / "скан 2.jpg", quality=85)
    qr_page(None, "act A page 2").save(folder / "скан 10.png")  # after «скан 2», as Explorer sorts
    tiff = folder / "ноябрь" / "пачка.tif"
    first, *rest = [qr_page(_qr(b), "act B"), qr_page(None, "act B page 2")]
    first.save(tiff, save_all=True, append_images=rest, compression="tiff_deflate", dpi=(150, 150))
    (folder / "readme.txt").write_text("not a scan")
    (folder / "broken.pdf").write_text("this is not a PDF")
    store = _store(tmp_path)

    report = run_inbox(sqlite_db, store, [folder])

    stored = {f.document_id: f for f in report.with_status("stored")}
    assert [(p.source.name, p.index) for p in stored[a.id].pages] == [("скан 2.jpg", 0), ("скан 10.png", 0)]
    assert pdf_page_count(tmp_path / "share" / stored[a.id].path) == 2
    filed_tiff = tmp_path / "share" / stored[b.id].path
    assert filed_tiff.suffix == ".tif" and _sha(filed_tiff) == _sha(tiff)  # the whole file, unchanged
    assert report.unrecognised == []
    assert [(Path(e.file).name, "не является PDF" in e.message) for e in report.errors] == [
        ("broken.pdf", True)
    ]


def test_an_unreachable_share_keeps_the_ranges_in_the_outbox_until_a_retry(
    sqlite_db: Database, act: Document, tmp_path: Path
) -> None:
    stack = save_pdf([qr_page(_qr(act)), qr_page(None, "page 2")], tmp_path / "scan.pdf")
    share = tmp_path / "share"  # never created: the share is down
    store = ScanStore(share, tmp_path / "outbox", owners=SCAN_OWNERS)

    report = run_inbox(sqlite_db, store, [stack])

    assert [f.status for f in report.filed] == ["pending"]
    assert str(share) in report.message and "очередь" in report.message
    assert not report.ok
    with sqlite_db.session() as session:
        assert not session.get(Document, act.id).signed
        assert session.scalar(select(func.count(Scan.id)).where(Scan.status == ScanStatus.PENDING)) == 1
    share.mkdir()
    with sqlite_db.transaction() as session:
        assert store.retry_outbox(session) == (1, 0)
    with sqlite_db.session() as session:
        document = session.get(Document, act.id)
        assert document.signed and pdf_page_count(share / document.scan_path) == 2


def test_unrecognised_pages_are_assigned_by_act_number_and_filed_the_same_way(
    sqlite_db: Database, act: Document, tmp_path: Path
) -> None:
    number = act.number
    # The QR was torn off: nothing on the pages says whose act this is.
    stack = save_pdf(
        [qr_page(None, "act, page 1"), qr_page(None, "act, page 2"), qr_page(None, "someone else's")],
        tmp_path / "scan.pdf",
    )
    store = _store(tmp_path)
    report = run_inbox(sqlite_db, store, [stack])
    assert report.filed == [] and len(report.unrecognised) == 3

    with sqlite_db.session() as session:
        candidates = find_signable(session, f" {number} ")
        assert [d.id for d in candidates if d.kind == "act"] == [act.id]
    filed = assign_pages(
        sqlite_db, store, act.id, [u.page for u in report.unrecognised[:2]], user="a.petrova"
    )

    assert filed.status == "stored"
    assert pdf_page_count(tmp_path / "share" / filed.path) == 2
    with sqlite_db.session() as session:
        document = session.get(Document, act.id)
        assert document.signed and document.signed_by == "a.petrova"
        (scan,) = session.scalars(select(Scan).where(Scan.document_id == act.id))
        assert scan.original_name == "scan стр. 1-2.pdf"


def test_a_missing_path_is_a_clear_error(sqlite_db: Database, tmp_path: Path) -> None:
    from desktop.core.errors import ValidationError

    with pytest.raises(ValidationError, match="не найден"):
        run_inbox(sqlite_db, _store(tmp_path), [tmp_path / "нет такой папки"])


def test_the_id_qr_printed_on_an_act_is_the_one_the_inbox_reads(
    any_db: Database, docs: dict[str, Document]
) -> None:
    from desktop.core.closing.files import load_documents

    with any_db.session() as session:
        (document,) = load_documents(session, [docs["a"].id])
        render = ctx.act_context if document.kind == "act" else ctx.upd_context
        spec = render(document, True, ctx.ContextOptions(with_id_qr=True))["doc"]["id_qr"]
    assert isinstance(spec, ctx.ImageSpec) and spec.width_mm <= 20  # small: it sits in the title
    assert isinstance(spec.source, bytes)
    image = Image.open(io.BytesIO(spec.source)).convert("L")
    (found,) = zxingcpp.read_barcodes(image.resize((image.width * 4, image.height * 4)))
    assert found.text == f"AKTDESK-DOC:{docs['a'].id}"


def test_cancel_while_reading_files_nothing(sqlite_db: Database, act: Document, tmp_path: Path) -> None:
    from desktop.core.errors import Cancelled
    from desktop.core.jobs import CancelToken

    stack = save_pdf(
        [qr_page(_qr(act)), qr_page(None, "page 2"), qr_page(None, "page 3")], tmp_path / "s.pdf"
    )
    token = CancelToken()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int, text: str) -> None:
        seen.append((done, total))
        if done == 1:
            token.cancel()  # the user presses Cancel after the first page

    with pytest.raises(Cancelled):
        run_inbox(sqlite_db, _store(tmp_path), [stack], progress, token)
    assert seen[:2] == [(0, 3), (1, 3)]
    assert _scans(sqlite_db) == [] and not list((tmp_path / "share").rglob("*.pdf"))


def test_a_blurred_skewed_coarse_scan_still_gives_up_its_id_qr() -> None:
    """One read misses the QR of this page (blur 1.8 px, 5°, JPEG 45 at 150 dpi); the retries find it."""
    from desktop.core.scans.inbox import read_codes

    page = qr_page(f"{ctx.ID_QR_PREFIX}4242", "a poor scan", angle=5.0, blur=1.8)
    buffer = io.BytesIO()
    page.save(buffer, format="JPEG", quality=45)
    image = Image.open(buffer).convert("L")
    assert zxingcpp.read_barcodes(image) == []  # what a single read gives
    assert f"{ctx.ID_QR_PREFIX}4242" in read_codes(image)
