"""Scans dropped onto an act in the main window: unreadable PDFs are refused as the inbox refuses
them, and a page whose id QR names another act is filed only after the person confirms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from desktop.config import load_settings
from desktop.core.db import Database
from desktop.core.documents.context import ID_QR_PREFIX
from desktop.core.models import Contract, Document
from tests.factories import make_document
from tests.factories.pdf import FAKE_PDF, encrypted_pdf, truncated_pdf, write
from tests.factories.scan_inbox import qr_page, save_pdf


@pytest.fixture
def window(
    qtbot: Any, demo_db: Database, russian: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Any:
    from desktop.ui.main_window import MainWindow

    with demo_db.transaction() as session:
        contracts = list(
            session.scalars(select(Contract).where(Contract.status == "active").order_by(Contract.id))
        )[:3]
        for contract in contracts:
            make_document(session, contract, "act", "2026-10")
    (tmp_path / "share").mkdir()
    monkeypatch.setenv("AKTDESK_SHARE_ROOT", str(tmp_path / "share"))
    main = MainWindow(load_settings(), demo_db)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    bar = main.tabs.tabBar()
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(main.tabs.indexOf(main.registry_tab)).center()
    )
    tab = main.registry_tab
    tab.kind.setCurrentIndex(tab.kind.findText("Акты"))
    qtbot.waitUntil(lambda: not tab.model.busy and tab.model.rowCount() == 3, timeout=10000)
    return main


def _drop(tab: Any, row: int, files: list[Path]) -> None:
    """What Explorer sends when files are dragged onto a row of the registry."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    viewport = tab.view.viewport()
    point = QPointF(tab.view.visualRect(tab.model.index(row, 4)).center())
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    for event in (
        QDragEnterEvent(
            point.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        ),
        QDragMoveEvent(
            point.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        ),
        QDropEvent(point, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
    ):
        QApplication.sendEvent(viewport, event)
        assert event.isAccepted()


def _signed(database: Database, document_id: int) -> bool:
    with database.session() as session:
        return bool(session.get(Document, document_id).signed)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("с паролем.pdf", encrypted_pdf(), "защищён паролем"),
        ("обрезан.pdf", truncated_pdf(), "повреждён или обрезан"),
        ("только заголовок.pdf", FAKE_PDF, "повреждён или обрезан"),
    ],
)
def test_an_unreadable_pdf_dropped_on_an_act_is_refused_with_its_name(
    qtbot: Any,
    window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    data: bytes,
    reason: str,
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: warnings.append(text))
    tab = window.registry_tab
    document_id = tab.model.row_id(0)
    _drop(tab, 0, [write(tmp_path / name, data)])
    qtbot.waitUntil(lambda: bool(warnings), timeout=20000)
    assert f"PDF «{name}»" in warnings[0] and reason in warnings[0]
    assert not any((tmp_path / "share").rglob("*")) and not _signed(window.database, document_id)


def test_a_page_naming_another_act_is_filed_only_after_the_person_confirms(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = window.registry_tab
    target, other = tab.model.row_id(0), tab.model.row_id(1)
    with window.database.session() as session:
        other_number = session.get(Document, other).number
    scan = save_pdf([qr_page(f"{ID_QR_PREFIX}{other}")], tmp_path / "скан.pdf")
    questions: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(_parent: Any, _title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        questions.append(text)
        return answers[len(questions) - 1]

    monkeypatch.setattr(QMessageBox, "question", question)
    _drop(tab, 0, [scan])
    qtbot.waitUntil(lambda: len(questions) == 1, timeout=20000)
    assert f"QR-код другого документа — Акт № {other_number} от" in questions[0]
    assert "Всё равно прикрепить к документу Акт №" in questions[0]
    qtbot.waitUntil(lambda: not tab.model.busy, timeout=10000)
    assert not any((tmp_path / "share").rglob("*.pdf")) and not _signed(window.database, target)

    _drop(tab, tab.model.row_of(target), [scan])
    qtbot.waitUntil(lambda: hasattr(tab, "last_attach"), timeout=20000)
    assert len(questions) == 2 and tab.last_attach.stored
    assert _signed(window.database, target) and not _signed(window.database, other)
    assert len(list((tmp_path / "share").rglob("*.pdf"))) == 1
