"""Settings saved in Файл → Настройки are used by every open tab at once, without a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from desktop.config import load_settings
from desktop.core.db import Database
from desktop.core.models import Contract, Document
from desktop.ui.settings.dialog import SettingsDialog
from tests.factories import make_document
from tests.factories.pdf import one_page_pdf, write
from tests.ui.user import choose, clear_and_type, in_settings


@pytest.fixture
def window(qtbot: Any, demo_db: Database, russian: None) -> Any:
    """The main window on a database with one act; no share is set yet (a first start)."""
    from desktop.ui.main_window import MainWindow

    with demo_db.transaction() as session:
        contract = session.scalars(
            select(Contract).where(Contract.status == "active").order_by(Contract.id)
        ).first()
        make_document(session, contract, "act", "2026-10")
    main = MainWindow(load_settings(), demo_db)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def _save_settings(qtbot: Any, window: Any, share: Path, documents: Path) -> None:
    """Файл → Настройки, type the share and the documents folder, choose LibreOffice, press OK."""

    def fill(dialog: SettingsDialog) -> None:
        clear_and_type(qtbot, dialog.share_root, str(share))
        clear_and_type(qtbot, dialog.output_dir, str(documents))
        choose(qtbot, dialog.converter, data="libreoffice")

    seen = in_settings(qtbot, window, fill)
    assert len(seen) == 1 and seen[0].result_settings is not None, seen


def test_a_share_saved_in_settings_is_used_by_the_registry_at_once(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share, documents = tmp_path / "share", tmp_path / "documents"
    share.mkdir()
    documents.mkdir()
    _save_settings(qtbot, window, share, documents)

    bar = window.tabs.tabBar()
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(window.tabs.indexOf(window.registry_tab)).center()
    )
    tab = window.registry_tab
    qtbot.waitUntil(lambda: not tab.model.busy and tab.model.rowCount() > 0, timeout=10000)
    row = next(r for r in range(tab.model.rowCount()) if tab.model.index(r, 0).data() == "Акт")
    document_id = tab.model.row_id(row)
    qtbot.mouseClick(
        tab.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=tab.view.visualRect(tab.model.index(row, 2)).center(),
    )
    assert tab.view.current_id() == document_id

    scan = write(tmp_path / "скан.pdf", one_page_pdf("signed"))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(scan)], ""))
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: messages.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: messages.append(text))
    qtbot.mouseClick(tab.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hasattr(tab, "last_attach"), timeout=20000)

    assert tab.last_attach.ok and not messages, messages
    with window.database.session() as session:
        document = session.get(Document, document_id)
        assert document.signed
        assert (share / document.scan_path).read_bytes() == scan.read_bytes()
    # The other tabs took the new documents folder and converter too (the closing writes there).
    for holder in (window.contracts_tab, window.closing_tab, window.registry_tab, window.requests_tab):
        assert holder.settings.effective_output_dir() == documents
        assert holder.settings.pdf_converter == "libreoffice"


def test_settings_on_the_demo_keep_its_database_and_documents_folder(
    qtbot: Any, demo_db: Database, russian: None, tmp_path: Path
) -> None:
    """On --demo the dialog shows the demo's own database and folder, fixed; a saved share applies,
    and saving neither creates the real database file nor writes a documents folder for it."""
    from desktop.config import default_sqlite_path, demo_output_dir, demo_sqlite_path
    from desktop.ui.main_window import MainWindow

    window = MainWindow(load_settings(demo=True), demo_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    share = tmp_path / "share"
    share.mkdir()

    def fill(dialog: SettingsDialog) -> None:
        assert dialog.sqlite_path.text() == str(demo_sqlite_path()) and not dialog.sqlite_path.isEnabled()
        assert not dialog.output_dir.isEnabled()
        assert dialog.output_dir.placeholderText() == str(demo_output_dir())
        clear_and_type(qtbot, dialog.share_root, str(share))

    seen = in_settings(qtbot, window, fill)
    assert len(seen) == 1 and seen[0].result_settings is not None, seen
    assert window.settings.effective_share_root() == str(share)
    assert window.settings.effective_output_dir() == demo_output_dir()
    assert not default_sqlite_path().exists()  # the real database was not created by the check
    saved = load_settings()
    assert saved.share_root == str(share) and saved.output_dir == "" and not saved.demo
