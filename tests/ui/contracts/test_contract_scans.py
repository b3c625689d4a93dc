"""Signed contract scans in the contracts tab: real files dropped on a row or the card land on the (temp) share."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import select

from desktop.config import Settings
from desktop.core.db import Database
from desktop.core.models import Contract, Scan
from desktop.ui.contracts.tab import ContractsTab
from tests.ui.user import click, open_contract_card, open_tab

PDF = b"%PDF-1.4\n% signed contract\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0" + b"\x10" * 80


@pytest.fixture
def share(tmp_path: Path) -> Path:
    (tmp_path / "share").mkdir()
    return tmp_path / "share"


@pytest.fixture
def tab(
    qtbot: Any, demo_db: Database, share: Path, russian: None, monkeypatch: pytest.MonkeyPatch
) -> ContractsTab:
    from desktop.ui.main_window import MainWindow

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window = MainWindow(Settings(share_root=str(share)), demo_db)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    widget = open_tab(qtbot, window.tabs, "Договоры")
    assert isinstance(widget, ContractsTab)
    qtbot.waitUntil(lambda: not widget.model.busy, timeout=10000)
    return widget


def _mime(files: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    return mime


def _drop_on(widget: QWidget, point: QPoint, files: list[Path], *, move_first: bool = True) -> None:
    mime = _mime(files)
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, actions, mime, buttons, keys)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    if move_first:
        move = QDragMoveEvent(point, actions, mime, buttons, keys)
        QApplication.sendEvent(widget, move)
        assert move.dropAction() == Qt.DropAction.CopyAction  # copied, never moved
    QApplication.sendEvent(widget, QDropEvent(QPointF(point), actions, mime, buttons, keys))


def _row_point(tab: ContractsTab, row: int) -> QPoint:
    return tab.view.visualRect(tab.model.index(row, 2)).center()


def _scan_column(tab: ContractsTab) -> int:
    return [c.key for c in tab.model.columns].index("scan")


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "incoming" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_dropping_a_signed_contract_on_its_row_files_it_on_the_share(
    qtbot: Any, tab: ContractsTab, share: Path, tmp_path: Path
) -> None:
    contract_id = tab.model.row_id(0)
    assert tab.model.headerData(_scan_column(tab), Qt.Orientation.Horizontal) == "Подписанный скан"
    assert tab.model.index(0, _scan_column(tab)).data() == "нет"
    source = _file(tmp_path, "договор со всеми подписями.pdf", PDF)
    _drop_on(tab.view.viewport(), _row_point(tab, 0), [source])
    assert "Копировать в" in tab.hint.text() and "Договоры" in tab.hint.text()
    qtbot.waitUntil(lambda: hasattr(tab, "last_attach"), timeout=10000)
    assert tab.last_attach.ok and len(tab.last_attach.stored) == 1
    with tab.database.session() as session:
        contract = session.get(Contract, contract_id)
        stored = share / contract.scan_path
        number = contract.number.replace("/", "-")
        assert stored.name == f"{number} от {contract.date:%d.%m.%Y}.pdf"
        assert stored.parent.parent == share / "Договоры"
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == contract.scan_sha256
    assert source.exists()
    assert tab.model.index(tab.model.row_of(contract_id), _scan_column(tab)).data() == "да"


def test_unreachable_share_queues_the_scan_and_the_retry_button_files_it(
    qtbot: Any, tab: ContractsTab, share: Path, tmp_path: Path
) -> None:
    share.rmdir()  # the server went away
    contract_id = tab.model.row_id(1)
    _drop_on(tab.view.viewport(), _row_point(tab, 1), [_file(tmp_path, "scan.pdf", PDF)])
    qtbot.waitUntil(lambda: hasattr(tab, "last_attach"), timeout=10000)
    assert not tab.last_attach.ok and "недоступна" in tab.last_attach.message
    column = _scan_column(tab)
    assert tab.model.index(tab.model.row_of(contract_id), column).data() == "в очереди"
    with tab.database.session() as session:
        assert session.get(Contract, contract_id).scan_path is None  # not marked
    assert tab.outbox_button.isEnabled() and "(1)" in tab.outbox_button.text()

    share.mkdir()  # it is back
    click(qtbot, tab.outbox_button)
    with qtbot.waitSignal(tab.last_task.finished, timeout=10000):
        pass
    qtbot.waitUntil(lambda: not tab.model.busy, timeout=10000)
    assert tab.model.index(tab.model.row_of(contract_id), column).data() == "да"
    with tab.database.session() as session:
        contract = session.get(Contract, contract_id)
        assert (share / contract.scan_path).read_bytes() == PDF
    assert not tab.outbox_button.isEnabled()


def test_the_card_takes_dropped_scans_and_lists_them(
    qtbot: Any, demo_db: Database, share: Path, tmp_path: Path, russian: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    with demo_db.session() as session:
        contract_id = session.scalar(select(Contract.id).order_by(Contract.id).limit(1))
    from desktop.ui.main_window import MainWindow

    window = MainWindow(Settings(share_root=str(share)), demo_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    card = open_contract_card(qtbot, window, contract_id)
    qtbot.waitExposed(card)
    assert card.scans.count() == 0 and card.scan_state.text().startswith("Подписанный скан: нет")
    changed: list[bool] = []
    card.changed.connect(lambda: changed.append(True))
    _drop_on(
        card,
        QPoint(40, 40),
        [_file(tmp_path, "p1.pdf", PDF), _file(tmp_path, "p2.jpg", JPEG)],
        move_first=False,
    )
    qtbot.waitUntil(lambda: hasattr(card, "last_attach"), timeout=10000)
    assert card.tabs.currentWidget() is card.scans_tab  # the dropped scans are in sight
    assert changed and card.scans.count() == 2
    assert card.scan_state.text() == "Подписанный скан: да"
    assert card.scans.item(0).text().startswith("p1.pdf — Договоры/")
    path = card.current_scan_file()  # what "Open scan" hands to the system viewer
    assert path is not None and path.read_bytes() == PDF and share in path.parents
    with demo_db.session() as session:
        assert len(list(session.scalars(select(Scan).where(Scan.contract_id == contract_id)))) == 2
    assert "скан" in card.history.toPlainText()
