"""«Разобрать сканы»: a folder dropped on the dialog is filed act by act; unrecognised pages assigned by number."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QWidget
from sqlalchemy import select

from desktop.config import Settings
from desktop.core.closing import plan as closing
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.documents.context import ID_QR_PREFIX
from desktop.core.models import Document, Scan
from desktop.ui.scans.inbox_dialog import InboxDialog
from tests.factories.scan_inbox import blank_page, pdf_page_count, qr_page, save_pdf
from tests.ui.user import answering, click, file_chosen, open_tab, top_dialog, type_text

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def month(sqlite_db: Database) -> Database:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=3, seed=21, today=TODAY)
    with sqlite_db.session() as session:
        plan = closing.plan(session, "2026-10")
    closing.execute(sqlite_db, plan)
    return sqlite_db


def _acts(database: Database) -> list[tuple[int, str]]:
    with database.session() as session:
        return [
            (d.id, d.number)
            for d in session.scalars(select(Document).where(Document.kind == "act").order_by(Document.id))
        ]


def _open_inbox(qtbot: Any, database: Database, share: Path) -> InboxDialog:
    """«Реестр актов» of the main window → «Разобрать сканы…»."""
    from desktop.ui.main_window import MainWindow

    window = MainWindow(Settings(share_root=str(share)), database)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    tab = open_tab(qtbot, window.tabs, "Реестр актов")
    click(qtbot, tab.inbox_button)
    return top_dialog(InboxDialog)


def _drop(widget: QWidget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPointF(widget.rect().center())
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    enter = QDragEnterEvent(
        point.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted() and enter.dropAction() == Qt.DropAction.CopyAction
    drop = QDropEvent(point, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)


def _click_item(qtbot: Any, dialog: InboxDialog, row: int) -> None:
    item = dialog.unrecognised.item(row)
    rect = dialog.unrecognised.visualItemRect(item)
    qtbot.mouseClick(dialog.unrecognised.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert item.isSelected()


def test_a_dropped_folder_is_filed_and_an_unrecognised_page_is_assigned_by_number(
    qtbot: Any, month: Database, tmp_path: Path, russian: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.core.scans.inbox import find_signable

    with month.session() as session:  # B: an act whose number a UPD shares (another series)
        b, number_b = next((i, n) for i, n in _acts(month) if len(find_signable(session, n)) > 1)
    a = next(i for i, _ in _acts(month) if i != b)
    folder = tmp_path / "Сканы ноябрь"
    save_pdf(
        [
            qr_page(None, "an act whose QR was torn off"),
            qr_page(f"{ID_QR_PREFIX}{a}"),
            blank_page(),
            qr_page(None, "act A, page 2"),
        ],
        folder / "scan_0001.pdf",
    )
    source_bytes = (folder / "scan_0001.pdf").read_bytes()
    share = tmp_path / "share"
    share.mkdir()
    dialog = _open_inbox(qtbot, month, share)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Разобрать сканы"

    with qtbot.waitSignal(dialog.filed, timeout=60000):
        _drop(dialog, [folder])

    assert dialog.filed_list.topLevelItemCount() == 1
    row = dialog.filed_list.topLevelItem(0)
    assert row.text(0).startswith("Акт № ") and row.text(1) == "scan_0001.pdf: 2, 4"
    assert row.text(2).startswith("Акты выполненных работ/2026/")
    texts = [dialog.unrecognised.item(i).text() for i in range(dialog.unrecognised.count())]
    assert texts[0].startswith("scan_0001.pdf, стр. 1\nНет QR-кода документа")
    assert texts[1] == "scan_0001.pdf, стр. 3\nПустая страница"
    assert not dialog.unrecognised.item(0).icon().isNull()  # a thumbnail to see what the page is
    assert "страниц: 4" in dialog.summary.text() and "не распознано страниц: 2" in dialog.summary.text()
    with month.session() as session:
        assert session.get(Document, a).signed
    if os.environ.get("AKTDESK_SCREENSHOTS"):  # docs/screenshots/scan-inbox.png
        dialog.unrecognised.item(0).setSelected(True)
        dialog.number.setText(number_b)
        dialog.grab().save(str(Path(os.environ["AKTDESK_SCREENSHOTS"]) / "scan-inbox.png"))
        dialog.unrecognised.clearSelection()
        dialog.number.clear()

    # The first page is act B's: select it, type B's number. The act and the UPD share the
    # number, so the dialog asks which one; the act is chosen.
    asked: list[list[str]] = []

    def choose_the_act(box: QInputDialog) -> None:
        items = box.comboBoxItems()
        asked.append(items)
        box.setTextValue(next(i for i in items if i.startswith("Акт")))
        box.accept()

    _click_item(qtbot, dialog, 0)
    type_text(dialog.number, number_b)
    assert dialog.assign_button.isEnabled()
    with qtbot.waitSignal(dialog.filed, timeout=30000), answering(qtbot, choose_the_act, QInputDialog):
        click(qtbot, dialog.assign_button)

    assert asked and len(asked[0]) >= 2
    assert dialog.unrecognised.count() == 1  # the blank page is left
    assert dialog.filed_list.topLevelItemCount() == 2
    assert dialog.filed_list.topLevelItem(1).text(1) == "scan_0001.pdf: 1"
    with month.session() as session:
        document = session.get(Document, b)
        assert document is not None and document.signed
        assert pdf_page_count(share / document.scan_path) == 1
        assert len(list(session.scalars(select(Scan)))) == 2
    assert (folder / "scan_0001.pdf").read_bytes() == source_bytes  # the scan itself is untouched


def test_an_unknown_number_is_refused_with_the_number(
    qtbot: Any, month: Database, tmp_path: Path, russian: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    save_pdf([qr_page(None, "no QR")], tmp_path / "in" / "scan.pdf")
    (tmp_path / "share").mkdir()
    dialog = _open_inbox(qtbot, month, tmp_path / "share")
    with answering(qtbot, file_chosen(tmp_path / "in"), QFileDialog):
        click(qtbot, dialog.folder_button)  # «Папка…»
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    assert dialog.unrecognised.count() == 1 and dialog.filed_list.topLevelItemCount() == 0
    _click_item(qtbot, dialog, 0)
    type_text(dialog.number, "НЕТ-777")
    click(qtbot, dialog.assign_button)
    assert warnings == ["Нет акта или УПД с номером «НЕТ-777»."]
    assert dialog.unrecognised.count() == 1


def test_the_registry_opens_the_inbox_from_its_button_and_for_a_folder_dropped_below_the_rows(
    qtbot: Any, month: Database, tmp_path: Path, russian: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.registry.tab import RegistryTab

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    (tmp_path / "share").mkdir()
    from desktop.ui.main_window import MainWindow

    window = MainWindow(Settings(share_root=str(tmp_path / "share")), month)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    tab = open_tab(qtbot, window.tabs, "Реестр актов")
    assert isinstance(tab, RegistryTab)
    assert tab.inbox_button.text() == "Ра&зобрать сканы…"

    click(qtbot, tab.inbox_button)
    assert isinstance(tab.inbox_dialog, InboxDialog) and tab.inbox_dialog.isVisible()
    tab.inbox_dialog.close()

    (a, _), *_ = _acts(month)
    folder = tmp_path / "Сканы"
    save_pdf([qr_page(f"{ID_QR_PREFIX}{a}")], folder / "1.pdf")
    viewport = tab.view.viewport()
    qtbot.waitUntil(lambda: not tab.model.busy, timeout=10000)
    below = QPoint(20, viewport.height() - 5)  # under the last row
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(viewport, QDragEnterEvent(below, actions, mime, buttons, mods))
    assert tab.view.indexAt(below).row() < 0
    QApplication.sendEvent(viewport, QDropEvent(QPointF(below), actions, mime, buttons, mods))

    dialog = tab.inbox_dialog
    assert dialog.isVisible()
    assert dialog.task is not None
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60000)
    assert dialog.filed_list.topLevelItemCount() == 1
    with month.session() as session:
        assert session.get(Document, a).signed

    # A folder dropped onto a row is a stack too: it goes to the inbox, not onto that one act.
    second = tmp_path / "Ещё сканы"
    save_pdf([qr_page(None, "no QR")], second / "2.pdf")
    on_row = tab.view.visualRect(tab.model.index(0, 1)).center()
    QApplication.sendEvent(viewport, QDragEnterEvent(on_row, actions, mime, buttons, mods))
    mime_row = QMimeData()
    mime_row.setUrls([QUrl.fromLocalFile(str(second))])
    QApplication.sendEvent(viewport, QDropEvent(QPointF(on_row), actions, mime_row, buttons, mods))
    assert tab.inbox_dialog is not dialog
    qtbot.waitUntil(lambda: tab.inbox_dialog.report is not None, timeout=60000)
    assert tab.inbox_dialog.unrecognised.count() == 1
