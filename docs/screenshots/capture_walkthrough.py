"""The walkthrough of issue 14's "Done when", done in the real window as a person does it (run under Xvfb):

    xvfb-run -a -s "-screen 0 1400x900x24" uv run python docs/screenshots/capture_walkthrough.py

A fresh temporary AKTDESK_HOME; the window opened the way ``aktdesk --demo`` opens it on its first
start (the demo fill with a past: two closed months, a matched statement, behind a progress dialog);
then, with real events only (mouse clicks on the buttons and tabs, the arrow keys in combo lists,
typing into fields, ``QAction.trigger`` for menu items):

1. «Закрытие месяца»: a month not closed yet, «Предпросмотр», «Закрыть месяц» (the out-of-order
   question answered «Да»), mid-run and at the end;
2. another month: «Закрыть месяц», then «Отмена» midway;
3. «Файл → Настройки…»: a new shared folder typed, OK;
4. «Реестр актов»: an act selected, «Прикрепить скан…» with a real PDF (the act's own PDF, as a scan
   of the printed act would be), the file checked in the new shared folder;
5. the unsigned acts filtered and exported, the .xlsx read back.

File dialogs are answered by replacing ``QFileDialog.getOpenFileNames`` / ``getSaveFileName``: the
native-or-Qt file dialog cannot be driven reliably under Xvfb. Each step saves
``walkthrough-NN-*.png`` here and prints what it saw; the run fails (exit 1) on the «Что-то пошло не
так» box, an unhandled exception or a Qt warning.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
HOME = Path(os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-walkthrough-")))

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, qInstallMessageHandler  # noqa: E402
from PySide6.QtGui import QGuiApplication, QIcon, QKeyEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QWidget,
)

LEFT = Qt.MouseButton.LeftButton
SEEN: list[str] = []  # what went wrong: «Что-то пошло не так», exceptions, Qt warnings
NOTES: list[str] = []


def note(text: str) -> None:
    NOTES.append(text)
    print(text, flush=True)


def settle(ms: int = 300) -> None:
    end = QTimer()
    end.setSingleShot(True)
    end.start(ms)
    while end.isActive():
        QApplication.processEvents()


def wait_until(condition: Callable[[], Any], timeout: float = 120, what: str = "") -> None:
    timer = QTimer()
    timer.setSingleShot(True)
    timer.start(int(timeout * 1000))
    while not condition():
        if not timer.isActive():
            raise SystemExit(f"timed out waiting for {what or condition}")
        QApplication.processEvents()
        QTest.qWait(20)


def shot(name: str, *extra: QWidget) -> Path:
    """The screen as the person sees it: the main window and the dialogs on top of it."""
    area = QRect(WINDOW.frameGeometry())
    for widget in extra:
        area = area.united(widget.frameGeometry())
    screen = QGuiApplication.primaryScreen()
    image = screen.grabWindow(0, area.x(), area.y(), area.width(), area.height())
    path = HERE / f"walkthrough-{name}.png"
    image.save(str(path))
    return path


def click(button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"«{button.text()}» cannot be pressed"
    QTest.mouseClick(button, LEFT)


def open_tab(tabs: QTabWidget, title: str) -> Any:
    titles = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    index = titles.index(title)
    QTest.mouseClick(tabs.tabBar(), LEFT, pos=tabs.tabBar().tabRect(index).center())
    assert tabs.currentIndex() == index
    return tabs.widget(index)


def choose(combo: QComboBox, text: str) -> None:
    """Open the list with a click, walk to the item with the arrow keys, Enter."""
    index = combo.findText(text)
    assert index >= 0, f"no «{text}» in {[combo.itemText(i) for i in range(combo.count())]}"
    QTest.mouseClick(combo, LEFT)
    view = combo.view()
    wait_until(view.isVisible, 5, "the combo list")
    QTest.keyClick(view, Qt.Key.Key_Home)
    for _ in range(index):
        QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Return)
    wait_until(lambda: not view.isVisible(), 5, "the combo list to close")
    assert combo.currentIndex() == index, combo.currentText()


def click_cell(view: QAbstractItemView, row: int, column: int) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())


def type_over(widget: QWidget, text: str) -> None:
    """Ctrl+A, Delete, then the text key by key (Cyrillic too, as a Russian keyboard layout sends it)."""
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(widget, Qt.Key.Key_Delete)
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


@contextmanager
def answering(kind: type[QWidget], handle: Callable[[Any], None]) -> Iterator[list[QWidget]]:
    """A modal dialog of ``kind`` pops up inside the block; ``handle`` answers it as the person would."""
    answered: list[QWidget] = []

    def look() -> None:
        widget = QApplication.activeModalWidget()
        if not answered and isinstance(widget, kind) and widget.isVisible():
            answered.append(widget)
            timer.stop()
            handle(widget)

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(look)
    timer.start()
    try:
        yield answered
    finally:
        timer.stop()


def watch_errors() -> QTimer:
    """The «Что-то пошло не так» box (or any critical box) is recorded and closed."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.icon() == QMessageBox.Icon.Critical and box.isVisible():
            shot(f"error-{len(SEEN) + 1}", box)
            SEEN.append(f"critical box: {box.text()} {box.informativeText()}")
            box.done(0)

    timer = QTimer()
    timer.setInterval(100)
    timer.timeout.connect(look)
    timer.start()
    return timer


def qt_messages(kind: Any, context: Any, message: str) -> None:
    from PySide6.QtCore import QtMsgType

    if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        SEEN.append(f"Qt: {message}")
    print(f"[qt] {message}", file=sys.stderr)


WINDOW: Any = None


def start_demo() -> Any:
    """What ``aktdesk --demo`` does (``run_gui``), without its event loop: we drive the loop here."""
    from desktop.core.common.resources import resource_path
    from desktop.logging_setup import setup_logging
    from desktop.ui.app import open_main_window
    from desktop.ui.common import gui_gc
    from desktop.ui.errors import install_excepthook

    global WINDOW
    setup_logging()
    app = QApplication(sys.argv)
    app.setApplicationName("AktDesk")
    app.setOrganizationName("AktDesk")
    app.setWindowIcon(QIcon(str(resource_path("resources", "icons", "aktdesk.png"))))
    gui_gc.install(app)
    install_excepthook()
    previous_hook = sys.excepthook

    def hook(*args: Any) -> None:
        SEEN.append(f"exception: {args[1]!r}")
        previous_hook(*args)

    sys.excepthook = hook
    qInstallMessageHandler(qt_messages)
    window = open_main_window(demo=True)
    window.move(0, 0)
    window.resize(1280, 760)
    WINDOW = window
    return app, window


def step_demo_fill(window: Any) -> None:
    task = window.demo_task
    assert task is not None, "a fresh --demo did not start the demo fill"

    def dialog() -> QProgressDialog | None:
        found = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()
        ]
        return found[0] if found else None

    wait_until(
        lambda: (d := dialog()) is not None and d.maximum() > 0 and d.value() > d.maximum() // 3,
        600,
        "the demo fill's progress dialog past a third",
    )
    progress = dialog()
    assert progress is not None
    settle(200)
    shot("01-demo-fill", progress)
    note(
        f"01 demo fill: the dialog «{progress.windowTitle()}» says «{progress.labelText()}», "
        f"{progress.value()} / {progress.maximum()}, button «{progress.findChild(QAbstractButton).text()}»"
    )
    wait_until(lambda: not task.running, 900, "the demo fill")
    settle(1000)
    note(f"   status bar after the fill: «{window.statusBar().currentMessage()}»")


def step_close_month(window: Any) -> None:
    tab = open_tab(window.tabs, "Закрытие месяца")
    periods = [tab.period.itemText(i) for i in range(tab.period.count())]
    note(f"02 closing tab, the period list: {periods[:4]}…, shown: «{tab.period.currentText()}»")
    from sqlalchemy import func, select

    from desktop.core.models import Document

    with window.database.session() as session:
        # a closed month has acts or UPD; December has only the advance invoices of prepaid contracts
        closed = sorted(
            set(session.scalars(select(Document.period).where(Document.kind.in_(["act", "upd"]))))
        )
        count = session.scalar(select(func.count(Document.id)))
        kinds = sorted(
            session.execute(
                select(Document.period, Document.kind, func.count()).group_by(Document.period, Document.kind)
            )
        )
    note(f"   documents in the database: {count}, periods closed: {closed}; by period and kind: {kinds}")
    first = next(
        tab.period.itemText(i) for i in range(tab.period.count()) if tab.period.itemData(i) not in closed
    )
    choose(tab.period, first)
    click(tab.preview_button)
    wait_until(lambda: tab.task is not None and not tab.task.running, 300, "the preview")
    settle(500)
    click_cell(tab.view, 0, 2)
    settle(300)
    shot("02-preview")
    note(
        f"02 preview of «{first}»: status «{tab.status.text()}»; warning shown: "
        f"{tab.order_warning.isVisible()} «{tab.order_warning.text()}»"
    )

    asked: list[str] = []

    def yes(box: QMessageBox) -> None:
        asked.append(box.text())
        settle(200)
        shot("03-out-of-order-question", box)
        click(box.button(QMessageBox.StandardButton.Yes))

    with answering(QMessageBox, yes):
        click(tab.close_button)
    note(f"03 the question after «Закрыть месяц»: {asked}")
    task = tab.task
    wait_until(
        lambda: not task.running or tab.progress.value() > tab.progress.maximum() // 3 > 0,
        900,
        "the closing past a third",
    )
    shot("04-closing-mid-run")
    note(
        f"04 mid-run: progress {tab.progress.value()} / {tab.progress.maximum()}, status «{tab.status.text()}», "
        f"«Отмена» enabled: {tab.cancel_button.isEnabled()}"
    )
    wait_until(lambda: not task.running, 1800, "the closing")
    wait_until(lambda: not tab.task.running, 300, "the refreshed preview")
    settle(1000)
    shot("05-closing-done")
    note(f"05 done: status «{tab.status.text()}»; summary «{tab.summary.toPlainText()}»")


def step_cancel(window: Any) -> None:
    tab = window.closing_tab
    from sqlalchemy import select

    from desktop.core.models import Document

    with window.database.session() as session:
        closed = set(session.scalars(select(Document.period).where(Document.kind.in_(["act", "upd"]))))
    second = next(
        tab.period.itemText(i) for i in range(tab.period.count()) if tab.period.itemData(i) not in closed
    )
    choose(tab.period, second)
    click(tab.preview_button)
    wait_until(lambda: not tab.task.running, 300, "the preview")
    settle(300)
    note(f"06 preview of «{second}»: «{tab.status.text()}»; warning «{tab.order_warning.text()}»")
    asked: list[str] = []

    def yes(box: QMessageBox) -> None:
        asked.append(box.text())
        click(box.button(QMessageBox.StandardButton.Yes))

    with answering(QMessageBox, yes):
        click(tab.close_button)
    note(f"   asked: {asked}")
    task = tab.task
    wait_until(
        lambda: not task.running or tab.progress.value() >= max(3, tab.progress.maximum() // 5),
        900,
        "the second closing under way",
    )
    at_cancel = tab.progress.value(), tab.progress.maximum()
    click(tab.cancel_button)
    settle(100)
    shot("06-cancelling")
    note(f"06 «Отмена» pressed at {at_cancel[0]} / {at_cancel[1]}: status «{tab.status.text()}»")
    wait_until(lambda: not task.running, 300, "the cancelled closing to stop")
    wait_until(lambda: not tab.task.running, 300, "the refreshed preview")
    settle(1000)
    shot("07-cancelled")
    with window.database.session() as session:
        made = len(list(session.scalars(select(Document.id).where(Document.period == tab.current_period))))
    note(
        f"06 after cancel: status «{tab.status.text()}»; summary «{tab.summary.toPlainText()}»; "
        f"documents of {tab.current_period} in the database: {made}"
    )


def step_settings(window: Any, share: Path) -> None:
    from desktop.ui.settings.dialog import SettingsDialog

    share.mkdir(parents=True, exist_ok=True)
    seen: list[str] = []

    def fill(dialog: SettingsDialog) -> None:
        seen.append(dialog.share_root.text())
        type_over(dialog.share_root, str(share))
        settle(300)
        shot("08-settings", dialog)
        click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    with answering(SettingsDialog, fill) as answered:
        window.settings_action.trigger()
    assert answered, "Файл → Настройки… opened no dialog"
    settle(300)
    note(
        f"07 settings: the share was «{seen[0]}», typed «{share}»; the window now has "
        f"«{window.settings.share_root}»; the dialog closed: {not answered[0].isVisible()}"
    )


def step_attach(window: Any, share: Path) -> None:

    from desktop.core.models import Document

    tab = open_tab(window.tabs, "Реестр актов")
    choose(tab.kind, "Акты")
    wait_until(lambda: not tab.model.busy and tab.model.rowCount() > 0, 60, "the acts")
    settle(300)
    click_cell(tab.view, 0, 1)
    document_id = tab.view.current_id()
    with window.database.session() as session:
        act = session.get(Document, document_id)
        number, pdf = act.number, act.pdf_path
    assert pdf and Path(pdf).is_file(), f"the act {number} has no PDF: {pdf}"
    scan = HOME / "скан акта.pdf"  # a scan of the printed act: its own PDF with its id QR code
    shutil.copyfile(pdf, scan)
    original = QFileDialog.getOpenFileNames
    QFileDialog.getOpenFileNames = staticmethod(lambda *a, **k: ([str(scan)], ""))  # type: ignore[method-assign]
    boxes: list[str] = []

    def answer(box: QMessageBox) -> None:
        boxes.append(box.text())
        settle(200)
        shot("09-scan-attached", box)
        click(box.button(QMessageBox.StandardButton.Ok) or box.buttons()[0])

    try:
        with answering(QMessageBox, answer):
            click(tab.attach_button)
            wait_until(lambda: hasattr(tab, "last_attach") or boxes, 60, "the scan filed")
            settle(500)
    finally:
        QFileDialog.getOpenFileNames = original  # type: ignore[method-assign]
    if not boxes:
        shot("09-scan-attached")
    files = [p for p in share.rglob("*") if p.is_file()]
    with window.database.session() as session:
        act = session.get(Document, document_id)
        status = act.status
    note(
        f"08 scan attached to act № {number}: messages {boxes}; files in the new share: "
        f"{[str(p.relative_to(share)) for p in files]}; the act's status now «{status}»; "
        f"the row says «{tab.model.index(tab.model.row_of(document_id), 0).data()}»"
    )
    assert files, "nothing landed in the new shared folder"


def step_export(window: Any) -> None:
    import openpyxl

    tab = window.registry_tab
    choose(tab.kind, "Акты")
    choose(tab.signed, "Неподписанные")
    wait_until(lambda: not tab.model.busy, 60, "the filter")
    settle(500)
    target = HOME / "Неподписанные акты.xlsx"
    original = QFileDialog.getSaveFileName
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(target), "Excel (*.xlsx)"))  # type: ignore[method-assign]
    try:
        click(tab.export_button)
        settle(300)
    finally:
        QFileDialog.getSaveFileName = original  # type: ignore[method-assign]
    shot("10-unsigned-exported")
    book = openpyxl.load_workbook(target, read_only=True)
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    note(
        f"09 unsigned acts: footer «{tab.footer.text()}», rows in the table {tab.model.rowCount()}; "
        f"status bar «{window.statusBar().currentMessage()}»; the .xlsx sheet «{sheet.title}», "
        f"{len(rows) - 1} rows, header {rows[0]}, first row {rows[1] if len(rows) > 1 else None}"
    )
    kinds = {r[rows[0].index("Вид")] for r in rows[1:]} if "Вид" in rows[0] else None
    note(f"   kinds in the export: {kinds}")


def main() -> int:
    app, window = start_demo()
    errors = watch_errors()
    step_demo_fill(window)
    step_close_month(window)
    step_cancel(window)
    share = HOME / "Общая папка" / "Сканы"
    step_settings(window, share)
    step_attach(window, share)
    step_export(window)
    errors.stop()
    note(f"data folder: {HOME}")
    for problem in SEEN:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    window.close()
    from desktop.ui.tasks import wait_for_all

    wait_for_all()
    del app
    return 1 if SEEN else 0


if __name__ == "__main__":
    sys.exit(main())
