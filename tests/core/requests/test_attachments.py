"""Files attached to a request: stored on the share with their hash, queued in the outbox while the share is
unreachable, refused when not a PDF or picture."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.errors import ValidationError
from desktop.core.models import PaymentRequest, RequestStatus, Scan, ScanStatus
from desktop.core.requests import attachments
from desktop.core.scans.owners import SCAN_OWNERS
from desktop.core.scans.store import ScanStore
from tests.factories.requests import ACCOUNTANT, INITIATOR, PDF, create, to_status


def test_attachments_go_to_the_share_with_their_hash(
    tmp_path: Path, db: Database, parties: dict[str, int]
) -> None:
    request_id = create(db, parties)
    share = tmp_path / "share"
    share.mkdir()
    invoice = tmp_path / "счёт 45.pdf"
    invoice.write_bytes(PDF)
    store = ScanStore(share, tmp_path / "outbox", owners=SCAN_OWNERS)
    with db.transaction() as session:
        result = attachments.attach(session, store, request_id, [invoice], "e_invoice", login=INITIATOR)
    assert result.ok and result.stored == [
        "Заявки на оплату/2026/ООО «АктСервис»/№ 1 ООО «Связьком»/Эл. версия счёта.pdf"
    ]
    stored = share / result.stored[0]
    assert stored.read_bytes() == PDF
    with db.transaction() as session:
        again = attachments.attach(session, store, request_id, [invoice], "e_invoice", login=INITIATOR)
        assert again.duplicates == ["счёт 45.pdf"] and again.message == "Этот файл уже прикреплён к заявке."
        rows = attachments.attachments(session, request_id)
        assert [(r.role, r.status, r.sha256, r.added_by) for r in rows] == [
            ("e_invoice", ScanStatus.STORED, hashlib.sha256(PDF).hexdigest(), INITIATOR)
        ]
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        assert request.history[-1].comment == "Прикреплён файл (Эл. версия счёта): счёт 45.pdf"


def test_unreachable_share_keeps_the_attachment_in_the_outbox_until_retry(
    tmp_path: Path, db: Database, parties: dict[str, int]
) -> None:
    request_id = to_status(db, parties, RequestStatus.PAID)
    share = tmp_path / "share"  # not there yet
    order = tmp_path / "платёжка.pdf"
    order.write_bytes(PDF + b"order")
    store = ScanStore(share, tmp_path / "outbox", owners=SCAN_OWNERS)
    with db.transaction() as session:
        result = attachments.attach(session, store, request_id, [order], "payment_order", login=ACCOUNTANT)
    assert result.pending == ["платёжка.pdf"]
    assert f"Общая папка недоступна: {share}" in result.message and "локальную очередь" in result.message
    with db.session() as session:
        row = session.scalars(select(Scan).where(Scan.payment_request_id == request_id)).one()
        assert row.status == ScanStatus.PENDING and Path(row.outbox_path or "").read_bytes() == PDF + b"order"
    share.mkdir()
    with db.transaction() as session:
        assert store.retry_outbox(session, user=ACCOUNTANT) == (1, 0)
    with db.session() as session:
        row = session.scalars(select(Scan).where(Scan.payment_request_id == request_id)).one()
        assert row.status == ScanStatus.STORED
        assert (share / (row.path or "")).read_bytes() == PDF + b"order"
        assert row.path.endswith("/Платёжное поручение.pdf")


def test_a_file_that_is_not_a_pdf_or_picture_is_refused(
    tmp_path: Path, db: Database, parties: dict[str, int]
) -> None:
    request_id = create(db, parties)
    text = tmp_path / "счёт.txt"
    text.write_text("не скан")
    with db.transaction() as session, pytest.raises(ValidationError, match="не является PDF"):
        attachments.attach(session, ScanStore(tmp_path, tmp_path / "outbox"), request_id, [text], "e_invoice")
