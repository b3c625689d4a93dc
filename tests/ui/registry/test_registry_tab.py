"""The acts registry tab: real files dropped onto rows land on the (temporary) share; filters; export."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from sqlalchemy import select

from desktop.config import Settings
from desktop.core.db import Database
from desktop.core.models import Contract, Document
from desktop.ui.registry.tab import RegistryTab
from tests.factories import make_document
from tests.factories.pdf import one_page_pdf
from tests.ui.user import answering, choose, click, click_cell, file_chosen, open_tab

PDF = one_page_pdf("signed act")


@pytest.fixture
def documents(demo_db: Database) -> Database:
    with demo_db.transaction() as session:
        contracts = list(
            session.scalars(select(Contract).where(Contract.status == "active").order_by(Contract.id))
        )[:5]
        for index, contract in enumerate(contracts):
            make_document(session, contract, "act", "2026-10")
            invoice = make_document(session, contract, "invoice", "2026-10")
            invoice.paid_amount = invoice.amount_total if index % 2 else Decimal(0)
    return demo_db


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text))
    return shown


@pytest.fixture
def tab(qtbot: Any, documents: Database, tmp_path: Path, russian: None, warnings: list[str]) -> RegistryTab:
    from desktop.ui.main_window import MainWindow

    settings = Settings(share_root=str(tmp_path / "share"))
    (tmp_path / "share").mkdir()
    window = MainWindow(settings, documents)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    widget = open_tab(qtbot, window.tabs, "Реестр актов")
    assert isinstance(widget, RegistryTab)
    _wait_rows(qtbot, widget)
    return widget


def _wait_rows(qtbot: Any, tab: RegistryTab) -> None:
    """The id query runs on a worker thread: wait until the rows of the latest request are in."""
    qtbot.waitUntil(lambda: not tab.model.busy, timeout=10000)


def _drop(tab: RegistryTab, row: int, files: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    viewport = tab.view.viewport()
    point = QPointF(tab.view.visualRect(tab.model.index(row, 4)).center())
    enter = QDragEnterEvent(
        point.toPoint(),
        Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(
        point.toPoint(),
        Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, move)
    assert move.dropAction() == Qt.DropAction.CopyAction
    drop = QDropEvent(
        point,
        Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, drop)


def _act_row(qtbot: Any, tab: RegistryTab) -> tuple[int, int]:
    choose(qtbot, tab.kind, text="Акты")
    _wait_rows(qtbot, tab)
    return 0, tab.model.row_id(0)


def test_dropping_files_onto_an_act_row_files_them_on_the_share(
    qtbot: Any, tab: RegistryTab, tmp_path: Path
) -> None:
    row, document_id = _act_row(qtbot, tab)
    scan = tmp_path / "скан акта.pdf"
    scan.write_bytes(PDF)
    image = tmp_path / "page2.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x01" * 50)
    _drop(tab, row, [scan, image])
    assert "Копировать в" in tab.hint.text() or tab.hint.isHidden()
    qtbot.waitUntil(lambda: hasattr(tab, "last_attach"), timeout=10000)
    assert tab.last_attach.ok and len(tab.last_attach.stored) == 2
    with tab.database.session() as session:
        document = session.get(Document, document_id)
        assert document.signed and document.scan_path.startswith("Акты выполненных работ/2026/")
        stored = tmp_path / "share" / document.scan_path
        assert (
            hashlib.sha256(stored.read_bytes()).hexdigest()
            == document.scan_sha256
            == hashlib.sha256(PDF).hexdigest()
        )
        assert stored.name == f"{document.number} от {document.date:%d.%m.%Y}.pdf"
    assert scan.exists()  # copied, not moved
    new_row = tab.model.row_of(document_id)
    assert tab.model.index(new_row, 8).data().startswith("да")


def test_unreachable_share_keeps_the_scan_queued_and_the_act_unsigned(
    qtbot: Any, tab: RegistryTab, tmp_path: Path, warnings: list[str]
) -> None:
    (tmp_path / "share").rmdir()  # the server went away
    row, document_id = _act_row(qtbot, tab)
    scan = tmp_path / "a.pdf"
    scan.write_bytes(PDF)
    _drop(tab, row, [scan])
    qtbot.waitUntil(lambda: hasattr(tab, "last_attach"), timeout=10000)
    assert not tab.last_attach.ok and "недоступна" in tab.last_attach.message
    with tab.database.session() as session:
        assert not session.get(Document, document_id).signed
    assert tab.outbox_button.isEnabled() and "(1)" in tab.outbox_button.text()
    assert tab.model.index(tab.model.row_of(document_id), 9).data() == "в очереди"

    (tmp_path / "share").mkdir()  # it is back
    warnings.clear()
    click(qtbot, tab.outbox_button)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert warnings == ["Отправлено на общую папку: 1; осталось в очереди: 0"]
    with tab.database.session() as session:
        document = session.get(Document, document_id)
        assert document.signed and (tmp_path / "share" / document.scan_path).read_bytes() == PDF
    assert not tab.outbox_button.isEnabled()


def test_a_non_scan_file_is_refused_with_its_name(
    qtbot: Any, tab: RegistryTab, tmp_path: Path, warnings: list[str]
) -> None:
    row, document_id = _act_row(qtbot, tab)
    bad = tmp_path / "report.pdf"
    bad.write_text("not really a pdf")
    click_cell(qtbot, tab.view, row, 1)
    with answering(qtbot, file_chosen(bad), QFileDialog):
        click(qtbot, tab.attach_button)  # «Прикрепить скан…»
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert "report.pdf" in warnings[0] and "не является PDF" in warnings[0]
    with tab.database.session() as session:
        assert not session.get(Document, document_id).signed


def test_filters_footer_and_export_of_unpaid_invoices(
    qtbot: Any, qtmodeltester: Any, tab: RegistryTab, tmp_path: Path
) -> None:
    qtmodeltester.check(tab.model)
    choose(qtbot, tab.kind, text="Счета")
    choose(qtbot, tab.paid, text="Не оплачены полностью")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=10000)
    assert tab.kind.currentText() == "Счета" and tab.paid.currentText() == "Не оплачены полностью"
    rows = tab.model.rowCount()
    assert rows == 3
    assert f"Документов: {rows}" in tab.footer.text() and "Не оплачено: 36" in tab.footer.text()
    out = tmp_path / "unpaid.xlsx"
    with answering(qtbot, file_chosen(out), QFileDialog):
        click(qtbot, tab.export_button)
    # The export runs on a worker: the file and the message come when it has ended (an earlier
    # export of this test may have left the same message).
    qtbot.waitUntil(
        lambda: out.exists() and tab.window().statusBar().currentMessage() == "Выгружено строк: 3",
        timeout=30000,
    )
    sheet = load_workbook(out).active
    numbers = [r[1].value for r in sheet.iter_rows(min_row=2)]
    assert numbers == [tab.model.index(r, 1).data() for r in range(rows)]
