"""Views stay current: documents made elsewhere (the command line on the same database) appear when
a tab is shown and on F5; the closing tab's detail follows the period shown; the queued-scans
counter counts this workstation's queue, and that queue is sent when the program starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import func, select

from desktop.config import Settings
from desktop.core.db import Database
from desktop.core.models import Document, OwnEntity, Scan, ScanStatus


def _cli(url: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def _close(url: str, period: str, out: Path) -> None:
    result = _cli(url, "close-month", "--period", period, "--no-pdf", "--out", str(out))
    assert result.returncode == 0, result.stderr


def _show_tab(qtbot: Any, window: Any, tab: Any) -> None:
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(window.tabs.indexOf(tab)).center())
    assert window.tabs.currentWidget() is tab


def _count(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count(Document.id)).where(Document.current.is_(True))) or 0


def _window(qtbot: Any, database: Database, settings: Settings) -> Any:
    from desktop.ui.main_window import MainWindow

    window = MainWindow(settings, database)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_documents_closed_by_the_command_line_appear_on_f5_and_when_the_tab_is_shown(
    qtbot: Any, demo_db: Database, tmp_path: Path, russian: None
) -> None:
    url = f"sqlite:///{demo_db.url.database}"
    window = _window(qtbot, demo_db, Settings(output_dir=str(tmp_path / "out")))
    registry = window.registry_tab
    _show_tab(qtbot, window, registry)
    qtbot.waitUntil(lambda: not registry.model.busy, timeout=20000)
    assert registry.model.rowCount() == 0

    _close(url, "2026-09", tmp_path / "out")  # the CLI, while the window is open
    september = _count(demo_db)
    assert september > 0
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not registry.model.busy and registry.model.rowCount() == september, timeout=20000)
    assert "2026-09" in [registry.period_from.itemData(i) for i in range(registry.period_from.count())]

    _show_tab(qtbot, window, window.contracts_tab)
    _close(url, "2026-10", tmp_path / "out")
    both = _count(demo_db)
    assert both > september
    _show_tab(qtbot, window, registry)
    qtbot.waitUntil(lambda: not registry.model.busy and registry.model.rowCount() == both, timeout=20000)


def test_the_closing_detail_follows_the_period_shown(
    qtbot: Any, demo_db: Database, tmp_path: Path, russian: None
) -> None:
    window = _window(qtbot, demo_db, Settings(output_dir=str(tmp_path / "out")))
    tab = window.closing_tab
    _show_tab(qtbot, window, tab)
    tab.period.setCurrentIndex(tab.period.findData("2026-10"))
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.close_button.isEnabled(), timeout=30000)
    row = next(i for i, r in enumerate(tab.model.rows) if r.lines)
    rect = tab.view.visualRect(tab.model.index(row, 1))
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    shown = tab.model.rows[row]
    assert shown.contract_number in tab.detail.toPlainText()

    tab.period.setCurrentIndex(tab.period.findData("2026-09"))  # another period: not this preview's detail
    assert tab.detail.toPlainText().strip() == ""
    assert not tab.close_button.isEnabled()
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.close_button.isEnabled(), timeout=30000)
    assert tab.model.plan is not None and tab.model.plan.period == "2026-09"
    assert shown.contract_number not in tab.detail.toPlainText()


def _scan(path: Path) -> Path:
    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).text((50, 50), "Подписанный акт", fill="black")
    image.save(path, "PDF")
    return path


def test_the_queue_counter_counts_this_workstation_and_the_queue_is_sent_on_start(
    qtbot: Any, demo_db: Database, tmp_path: Path, russian: None
) -> None:
    url = f"sqlite:///{demo_db.url.database}"
    _close(url, "2026-10", tmp_path / "out")
    with demo_db.session() as session:
        act, inn = session.execute(
            select(Document.number, OwnEntity.inn)
            .join(OwnEntity, OwnEntity.id == Document.own_entity_id)
            .where(Document.kind == "act")
            .limit(1)
        ).one()
    share = tmp_path / "share"  # not there yet: the share is unreachable
    attached = _cli(
        url,
        "scans",
        "attach",
        "--act",
        act,
        "--entity",
        inn,
        str(_scan(tmp_path / "scan.pdf")),
        env={"AKTDESK_SHARE_ROOT": str(share)},
    )
    assert attached.returncode == 3, attached.stderr  # queued in this workstation's outbox
    with demo_db.transaction() as session:  # another workstation queued a scan in ITS outbox
        mine = session.scalars(select(Scan).where(Scan.status == ScanStatus.PENDING)).one()
        other = Scan(
            document_id=mine.document_id,
            kind=mine.kind,
            path=mine.path,
            sha256="0" * 64,
            size=10,
            status=ScanStatus.PENDING,
            original_name="x.pdf",
            outbox_path=str(tmp_path / "other-workstation" / "outbox" / "x.pdf"),
            added_by="someone.else",
        )
        session.add(other)
        session.flush()
        other_id = other.id

    share.mkdir()  # the share is back; the program starts
    window = _window(qtbot, demo_db, Settings(output_dir=str(tmp_path / "out"), share_root=str(share)))
    registry = window.registry_tab
    button: QPushButton = registry.outbox_button
    qtbot.waitUntil(lambda: registry.pending_scans == 0, timeout=30000)
    assert button.text() == "Отправить очередь сканов (0)" and not button.isEnabled()
    with demo_db.session() as session:
        statuses = {i: s for i, s in session.execute(select(Scan.id, Scan.status)).all()}
        signed = session.scalars(
            select(Document.signed)
            .join(OwnEntity, OwnEntity.id == Document.own_entity_id)
            .where(Document.number == act, Document.kind == "act", OwnEntity.inn == inn)
        ).first()
        assert session.get(Scan, other_id).last_error is None  # not touched: it is not in this outbox
    assert statuses[other_id] == ScanStatus.PENDING
    assert [s for i, s in statuses.items() if i != other_id] == [ScanStatus.STORED]
    assert signed
    assert list(share.rglob("*.pdf"))
