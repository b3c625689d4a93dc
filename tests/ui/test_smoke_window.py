"""A smoke test of the whole window, as a person would try it on a demo database with a past.

The database is what ``aktdesk --demo`` makes (``fill_demo`` and ``add_demo_history``: two closed
months with their files, a matched bank statement), built once per test session and copied for
each test. The test opens every tab, clicks every enabled button of the tab and of every dialog
that opens (and of the dialogs those open), opens the first row of every table, and triggers every
menu item. Mail goes to a local SMTP server, the share is a temporary folder, file dialogs answer
with prepared files, confirmations are answered «Да». It fails on an unhandled exception (pytest-qt
catches those raised in Qt callbacks), on the «Что-то пошло не так» dialog and on a Qt warning
(``qt_log_level_fail``).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QToolButton,
    QTreeView,
    QWidget,
)
from sqlalchemy import func, select

from desktop.config import Settings, SmtpSettings, load_settings, save_settings
from desktop.core.contracts.importing import write_counterparty_template
from desktop.core.db import open_database
from desktop.core.demo.data import fill_demo
from desktop.core.demo.history import add_demo_history
from desktop.core.models import Document
from tests.factories.pdf import one_page_pdf, write
from tests.factories.smtp_server import SmtpServer

BANK_SAMPLE = Path(__file__).parents[1] / "data" / "bank" / "statement_cp1251_two_accounts.txt"
CLIENTS = 6
MAX_ITEMS = 8  # of a drop-down
MAX_DEPTH = 3  # a dialog opened from a dialog opened from a tab
CLOSING = {"Закрыть", "Отмена", "Close", "Cancel"}  # pressed last: they end the dialog  # fmt: skip


@pytest.fixture(scope="session")
def demo_past(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database with its past, as the first ``aktdesk --demo`` start makes it (once)."""
    root = tmp_path_factory.mktemp("demo-past")
    database = open_database(f"sqlite:///{root / 'demo.sqlite'}")
    today = dt.date.today()
    with database.transaction() as session:
        fill_demo(session, clients=CLIENTS, seed=1, today=today)
    history = add_demo_history(database, root / "documents", today=today, pdf_converter="libreoffice")
    database.dispose()
    assert not history.errors and history.pdf > 0, history.errors
    return root


class Answers:
    """What the patched dialogs were asked, and the prepared files they answer with."""

    def __init__(self, folder: Path, database_file: Path) -> None:
        self.folder = folder
        self.database_file = database_file
        self.messages: list[tuple[str, str]] = []
        self.unexpected: list[BaseException] = []
        self.opened_urls: list[str] = []
        self.saved: list[Path] = []
        self.scan = write(folder / "in" / "скан акта.pdf", one_page_pdf("signed"))
        self.table = write_counterparty_template(folder / "in" / "Контрагенты.xlsx")
        self.statement = folder / "in" / BANK_SAMPLE.name
        shutil.copy(BANK_SAMPLE, self.statement)
        self.stamp = folder / "in" / "печать.png"
        from PIL import Image

        Image.new("RGBA", (120, 120), (20, 40, 160, 200)).save(self.stamp)
        self.count = 0

    def open_file(
        self, _parent: Any = None, _caption: str = "", _dir: str = "", filter: str = "", *a: Any, **k: Any
    ) -> Any:
        return (str(self._file_for(filter)), "")

    def open_files(
        self, _parent: Any = None, _caption: str = "", _dir: str = "", filter: str = "", *a: Any, **k: Any
    ) -> Any:
        return ([str(self._file_for(filter))], "")

    def _file_for(self, filter: str) -> Path:
        text = filter.lower()
        if "*.png" in text and "*.pdf" not in text:
            return self.stamp
        if "*.txt" in text:
            return self.statement
        if "*.xlsx" in text or "*.csv" in text:
            return self.table
        return self.scan

    def save_file(
        self,
        _parent: Any = None,
        _caption: str = "",
        directory: str = "",
        filter: str = "",
        *a: Any,
        **k: Any,
    ) -> Any:
        if "sqlite" in filter.lower():
            return (str(self.database_file), "")  # the settings' «…»: keep the database we work on
        self.count += 1
        match = re.search(r"\*(\.\w+)", filter)
        suffix = Path(directory).suffix or (match.group(1) if match else ".xlsx")
        path = self.folder / "out" / f"{self.count}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.saved.append(path)
        return (str(path), "")

    def folder_choice(self, *a: Any, **k: Any) -> str:
        self.count += 1
        path = self.folder / "dirs" / str(self.count)
        path.mkdir(parents=True)
        shutil.copy(self.scan, path / self.scan.name)
        return str(path)

    def message(self, kind: str) -> Callable[..., Any]:
        def answer(_parent: Any = None, title: str = "", text: str = "", *a: Any, **k: Any) -> Any:
            self.messages.append((kind, f"{title}: {text}"))
            return QMessageBox.StandardButton.Yes if kind == "question" else QMessageBox.StandardButton.Ok

        return answer


@pytest.fixture
def answers(tmp_path: Path, demo_past: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Answers]:
    shutil.copytree(demo_past, tmp_path / "demo")
    result = Answers(tmp_path, tmp_path / "demo" / "demo.sqlite")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", result.open_file)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", result.open_files)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", result.save_file)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", result.folder_choice)
    for kind in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, result.message(kind))
    monkeypatch.setattr(QMessageBox, "about", result.message("about"))
    monkeypatch.setattr(QInputDialog, "getInt", lambda _p, _t, _l, value=0, *a, **k: (2, True))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Смоук-фильтр", True))
    monkeypatch.setattr(QInputDialog, "getItem", lambda _p, _t, _l, items, *a, **k: (items[0], True))
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: result.opened_urls.append(url.toString()) or True
    )

    import desktop.ui.errors

    def unexpected(_parent: Any, error: BaseException) -> None:
        result.unexpected.append(error)

    monkeypatch.setattr(desktop.ui.errors, "show_unexpected_error", unexpected)
    yield result


class Crawler:
    def __init__(self, qtbot: Any, answers: Answers) -> None:
        self.qtbot = qtbot
        self.answers = answers
        self.seen_dialogs: set[str] = set()
        self.seen_titles: set[str] = set()
        self.clicked: list[str] = []
        from desktop.ui import tasks

        # Tasks of earlier tests are not waited for: one whose window was destroyed before its
        # finished signal arrived stays in the set, marked running, for the rest of the session.
        self.earlier = set(tasks._running)

    def idle(self) -> None:
        from desktop.ui import tasks

        def quiet() -> bool:
            return not any(task.running for task in list(tasks._running) if task not in self.earlier)

        def wait() -> None:
            try:
                self.qtbot.waitUntil(quiet, timeout=120000)
            except Exception as error:  # say which task never ended
                names = [
                    t._thread.objectName() for t in tasks._running if t.running and t not in self.earlier
                ]
                raise AssertionError(f"tasks still running after 120 s: {names}") from error

        wait()
        QApplication.processEvents()
        wait()

    def dialogs(self) -> list[QDialog]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and not isinstance(w, QProgressDialog)
        ]

    def buttons(self, root: QWidget) -> tuple[list[QAbstractButton], list[QAbstractButton]]:
        """The push and tool buttons of ``root``'s own window: those that work, then those that end it."""
        own = [
            b
            for b in root.findChildren(QAbstractButton)
            if isinstance(b, (QPushButton, QToolButton, QCheckBox)) and b.window() is root.window()
        ]
        boxed = [b for b in own if isinstance(b.parent(), QDialogButtonBox)]
        closing = [
            b
            for b in own
            if (b in boxed and b.parent().buttonRole(b) == QDialogButtonBox.ButtonRole.RejectRole)
            or b.text().replace("&", "") in CLOSING
        ]
        working = [b for b in own if b not in boxed and b not in closing]
        return working + [b for b in boxed if b not in closing], closing

    def click(self, button: QAbstractButton, depth: int) -> None:
        before = set(self.dialogs())
        self.clicked.append(f"{type(button.window()).__name__}: {button.text() or button.objectName()}")
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.idle()
        self.handle_new(before, depth)

    def handle_new(self, before: set[QDialog], depth: int) -> None:
        for dialog in self.dialogs():
            if dialog in before:
                continue
            name = type(dialog).__name__
            key = f"{name}: {dialog.windowTitle()}"
            if depth < MAX_DEPTH and (key not in self.seen_titles or isinstance(dialog, QMessageBox)):
                self.seen_dialogs.add(name)
                self.seen_titles.add(key)
                self.crawl(dialog, depth + 1)
            if dialog.isVisible():
                dialog.reject()
                self.idle()

    def open_rows(self, root: QWidget, depth: int) -> None:
        """Select the first row of each table (buttons act on it) and open it (a card)."""
        for view in self.views(root):
            rect = view.visualRect(view.model().index(0, 0))
            self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            self.idle()
            before = set(self.dialogs())
            self.qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            self.idle()
            self.handle_new(before, depth)
            if view.model().rowCount(QModelIndex()):
                self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
                self.idle()

    def select_rows(self, root: QWidget) -> None:
        """The first row of each table chosen again (a button may have removed the chosen one)."""
        for view in self.views(root):
            index = view.model().index(0, 0)
            while view.model().rowCount(index) > 0:  # a tree: its first leaf (a payment of a payer)
                if isinstance(view, QTreeView):
                    view.expand(index)
                index = view.model().index(0, 0, index)
            view.setCurrentIndex(index)

    def views(self, root: QWidget) -> list[QAbstractItemView]:
        return [
            view
            for view in root.findChildren(QAbstractItemView)
            if view.window() is root.window()
            and view.isVisible()
            and view.model() is not None
            and view.model().rowCount(QModelIndex()) > 0
            and not view.visualRect(view.model().index(0, 0)).isEmpty()
        ]

    def press(self, root: QWidget, buttons: list[QAbstractButton], depth: int) -> None:
        for button in buttons:
            if not root.isVisible():
                return  # a button closed the dialog
            if button.isVisible() and button.isEnabled():
                self.select_rows(root)
                if button.isEnabled():
                    self.click(button, depth)

    def choose_items(self, root: QWidget, depth: int) -> None:
        """Every item of each drop-down of a tab chosen with the keyboard (a filter, «Несколько…»),
        then the first one again."""
        for combo in root.findChildren(QComboBox):
            if combo.window() is not root.window() or not combo.isVisible() or not combo.isEnabled():
                continue
            if combo.isEditable():
                continue
            start = combo.currentIndex()
            for _ in range(min(combo.count(), MAX_ITEMS) - 1):
                before = set(self.dialogs())
                self.qtbot.keyClick(combo, Qt.Key.Key_Down)
                self.idle()
                self.handle_new(before, depth)
            self.clicked.append(f"{type(combo.window()).__name__}: {combo.objectName()} ×{combo.count()}")
            while combo.currentIndex() > start and combo.isEnabled():
                self.qtbot.keyClick(combo, Qt.Key.Key_Up)
                self.idle()

    def crawl(self, root: QWidget, depth: int) -> None:
        if depth == 0:
            self.choose_items(root, depth)
        self.open_rows(root, depth)
        working, closing = self.buttons(root)
        self.press(root, working, depth)
        for tabs in root.findChildren(QTabWidget):  # the pages of a card, one after another
            if tabs.window() is root.window() and tabs.isVisible():
                for index in range(tabs.count()):
                    if not root.isVisible():
                        return
                    tabs.setCurrentIndex(index)
                    self.idle()
                    self.press(root, self.buttons(tabs.widget(index))[0], depth)
        self.press(root, closing, depth)


@pytest.mark.slow
@pytest.mark.soffice
def test_every_tab_dialog_and_button_of_the_window_works(
    qtbot: Any, answers: Answers, tmp_path: Path, russian: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.main_window import MainWindow

    server = SmtpServer().start()
    share = tmp_path / "share"
    share.mkdir()
    settings = Settings(
        share_root=str(share),
        output_dir=str(tmp_path / "demo" / "documents"),
        pdf_converter="libreoffice",
        smtp=SmtpSettings(host="127.0.0.1", port=server.port, security="none", sender="buh@aktdesk.test"),
    )
    save_settings(settings)
    crawler = Crawler(qtbot, answers)

    def fake_exec(dialog: QDialog) -> int:
        """A modal dialog is shown and crawled like the others, then left with Cancel if still open."""
        before = set(crawler.dialogs())
        dialog.show()
        crawler.idle()
        if type(dialog).__name__ not in crawler.seen_dialogs:
            crawler.seen_dialogs.add(type(dialog).__name__)
            crawler.seen_titles.add(f"{type(dialog).__name__}: {dialog.windowTitle()}")
            crawler.crawl(dialog, 1)
        if dialog.isVisible():
            dialog.reject()
        crawler.handle_new(before | {dialog}, MAX_DEPTH)
        return int(dialog.result())

    def fake_box_exec(box: QMessageBox) -> int:
        """A message box built by hand is read and answered like the static ones (Yes when asked)."""
        answers.messages.append(("box", f"{box.windowTitle()}: {box.text()}"))
        yes = box.button(QMessageBox.StandardButton.Yes)
        return int(
            (QMessageBox.StandardButton.Yes if yes is not None else QMessageBox.StandardButton.Ok).value
        )

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "exec", fake_box_exec)
    try:
        database = open_database(f"sqlite:///{answers.database_file}")
        window = MainWindow(load_settings(), database)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        crawler.idle()

        bar = window.tabs.tabBar()
        for index in range(window.tabs.count()):
            qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
            crawler.idle()
            assert window.tabs.currentIndex() == index
            tab = window.tabs.widget(index)
            if tab is window.closing_tab:  # the month in progress: the closed ones have nothing to do
                tab.period.setCurrentIndex(tab.period.findData(dt.date.today().strftime("%Y-%m")))
            crawler.crawl(tab, 0)
            for dialog in crawler.dialogs():
                dialog.reject()
            crawler.idle()

        crawler.crawl(window.statusBar(), 0)  # the notifications button
        before = set(crawler.dialogs())
        for menu_action in window.menuBar().actions():
            menu = menu_action.menu()
            for action in menu.actions() if menu is not None else []:
                if action.isSeparator() or not action.isEnabled() or action.text() in ("В&ыход", "E&xit"):
                    continue
                crawler.clicked.append(f"menu: {action.text()}")
                action.trigger()
                crawler.idle()
                crawler.handle_new(before, 0)
        crawler.idle()
        qtbot.waitUntil(lambda: not QApplication.activeModalWidget(), timeout=10000)
    finally:
        server.stop()

    assert not answers.unexpected, answers.unexpected
    # What the person saw: every dialog was reached, the month closed, mail went out, files written.
    reached = {
        "ContractCard", "AgreementDialog", "WorkOrdersDialog", "ImportDialog", "ContractWizard",
        "SendDialog", "EdoExportDialog", "DocumentCard", "InboxDialog", "RemindDialog",
        "AllocateDialog", "RequestCard", "NotificationsDialog", "SettingsDialog",
        "CounterpartiesDialog", "CounterpartyCard", "OwnEntitiesDialog", "OwnEntityCard",
        "UsersDialog", "MailTemplatesDialog", "DispatchLogDialog", "EntityPicker", "AuditDialog",
        "ExportDialog",
    }  # fmt: skip
    assert reached <= crawler.seen_dialogs, reached - crawler.seen_dialogs
    assert len(crawler.clicked) > 80, crawler.clicked
    with database.session() as session:
        period = dt.date.today().strftime("%Y-%m")
        made = session.scalar(select(func.count(Document.id)).where(Document.period == period))
    assert made, "the month was not closed"
    assert server.messages, answers.messages
    assert any(p.exists() and p.stat().st_size for p in answers.saved), answers.saved
    assert any(share.rglob("*.pdf")), "no scan reached the share"
