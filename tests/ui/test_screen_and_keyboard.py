"""The window fits a 1280 × 720 screen and works from the keyboard (Ctrl+Tab, Alt mnemonics, Tab order)."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)


def _tab_widgets(tab: QWidget) -> list[QWidget]:
    """The visible buttons, combos, fields and labels of a tab's toolbars (not inside a table or chart)."""
    found = []
    for widget in tab.findChildren(QWidget):
        if not isinstance(widget, (QAbstractButton, QComboBox, QLineEdit)) or not widget.isVisible():
            continue
        parent = widget.parentWidget()
        inside_view = False
        while parent is not None and parent is not tab:
            if isinstance(parent, (QAbstractScrollArea, QComboBox)):
                inside_view = True
            parent = parent.parentWidget()
        if not inside_view:
            found.append(widget)
    return found


def _rect_in(widget: QWidget, tab: QWidget) -> QRect:
    return QRect(widget.mapTo(tab, QPoint(0, 0)), widget.size())


def test_every_toolbar_fits_1280x720_without_cut_or_overlapping_buttons(qtbot: Any, main_window: Any) -> None:
    window = main_window
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280 and window.height() == 720)
    problems = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        tab = window.tabs.currentWidget()
        QApplication.processEvents()
        name = window.tabs.tabText(index)
        widgets = _tab_widgets(tab)
        assert len(widgets) >= 2, name
        for widget in widgets:
            rect = _rect_in(widget, tab)
            label = widget.text() if isinstance(widget, QAbstractButton) else widget.objectName()
            if not tab.rect().contains(rect):
                problems.append(f"{name}: «{label}» {rect} is outside the tab {tab.rect()}")
            if (
                isinstance(widget, (QAbstractButton, QComboBox))
                and widget.width() < widget.sizeHint().width()
            ):
                problems.append(f"{name}: «{label}» is cut: {widget.width()} < {widget.sizeHint().width()}")
        for i, first in enumerate(widgets):
            for second in widgets[i + 1 :]:
                if first.isAncestorOf(second) or second.isAncestorOf(first):
                    continue
                if _rect_in(first, tab).intersects(_rect_in(second, tab)):
                    problems.append(
                        f"{name}: {first.objectName() or first} overlaps {second.objectName() or second}"
                    )
    assert problems == []
    assert window.minimumSizeHint().width() <= 1280


def test_ctrl_tab_and_ctrl_shift_tab_switch_tabs_wherever_the_focus_is(qtbot: Any, main_window: Any) -> None:
    tabs = main_window.tabs
    tabs.setCurrentWidget(main_window.registry_tab)
    search = main_window.registry_tab.search
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClick(search, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentWidget() is main_window.payments_tab
    table = main_window.payments_tab.findChild(QAbstractItemView)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentWidget() is main_window.requests_tab
    qtbot.keyClick(QApplication.focusWidget() or tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentWidget() is main_window.doc_requests_tab  # the last one
    qtbot.keyClick(QApplication.focusWidget() or tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 0  # round to the first
    focus = QApplication.focusWidget() or tabs
    qtbot.keyClick(
        focus, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert tabs.currentWidget() is main_window.doc_requests_tab


def _mnemonic(text: str) -> str | None:
    position = text.replace("&&", "").find("&")
    return text.replace("&&", "")[position + 1].lower() if position >= 0 else None


def test_tabs_and_main_buttons_have_unique_russian_alt_shortcuts(qtbot: Any, main_window: Any) -> None:
    window = main_window
    menus = [_mnemonic(action.text()) for action in window.menuBar().actions()]
    tab_keys = [_mnemonic(window.tabs.tabText(i)) for i in range(window.tabs.count())]
    assert None not in tab_keys and all("а" <= key <= "я" for key in tab_keys)  # type: ignore[operator]
    main_buttons = {
        window.closing_tab: [
            "preview_button",
            "close_button",
            "retry_button",
            "send_button",
            "cancel_button",
        ],
        window.registry_tab: ["attach_button", "inbox_button", "remind_button", "export_button"],
        window.contracts_tab: ["new_button", "import_button", "export_button", "attach_button"],
        window.payments_tab: ["import_button", "assign_button"],
        window.requests_tab: ["new_button", "open_button", "export_button"],
        window.doc_requests_tab: ["new_button", "open_button"],
    }
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        tab = window.tabs.currentWidget()
        for name in main_buttons.get(tab, []):
            assert _mnemonic(getattr(tab, name).text()) is not None, f"{name} has no Alt shortcut"
        keys = [*menus, *tab_keys]
        keys += [_mnemonic(b.text()) for b in tab.findChildren(QAbstractButton) if b.isVisible()]
        keys += [
            _mnemonic(label.text())
            for label in tab.findChildren(QLabel)
            if label.isVisible() and label.buddy()
        ]
        duplicates = [key for key, n in Counter(k for k in keys if k).items() if n > 1]
        assert duplicates == [], f"{window.tabs.tabText(index)}: the same Alt letter twice: {duplicates}"
    # Alt + the letter really presses the button: «&Закрыть месяц» is Alt+З on the closing tab.
    window.tabs.setCurrentWidget(window.closing_tab)
    assert window.closing_tab.close_button.text() == "&Закрыть месяц"
    window.tabs.setCurrentIndex(0)
    _alt(window, "р")
    assert window.tabs.currentWidget() is window.registry_tab
    with qtbot.waitSignal(window.registry_tab.remind_button.clicked, timeout=2000):
        _alt(window.registry_tab, "н")  # «&Напомнить клиентам…»


def _alt(widget: QWidget, letter: str) -> None:
    """Alt + a Russian letter as a Russian keyboard sends it (Qt's key of a Cyrillic letter is its code point)."""
    key = Qt.Key(ord(letter.upper()))
    for action in (QTest.KeyAction.Press, QTest.KeyAction.Release):
        QTest.sendKeyEvent(action, widget, key, letter, Qt.KeyboardModifier.AltModifier)


def test_tab_goes_through_each_tab_in_reading_order(qtbot: Any, main_window: Any) -> None:
    window = main_window
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        tab = window.tabs.currentWidget()
        QApplication.processEvents()
        first = tab.nextInFocusChain()
        while first is not tab and not (
            first.isVisible() and first.isEnabled() and first.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            first = first.nextInFocusChain()
        first.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(first.hasFocus)
        seen: list[QWidget] = [first]
        for _ in range(40):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            focus = QApplication.focusWidget()
            if focus is None or focus in seen or not tab.isAncestorOf(focus):
                break
            seen.append(focus)
        assert len(seen) >= 3, window.tabs.tabText(index)
        for before, after in itertools.pairwise(seen):
            a, b = _rect_in(before, tab), _rect_in(after, tab)
            above = b.bottom() < a.top()
            same_row_left = b.top() <= a.bottom() and a.top() <= b.bottom() and b.right() < a.left()
            assert not (above or same_row_left), (
                f"{window.tabs.tabText(index)}: Tab goes back from {before.objectName() or before} {a}"
                f" to {after.objectName() or after} {b}"
            )


SCREEN_SCRIPT = r"""
import json, sys
from PySide6.QtWidgets import QApplication
from desktop.ui.app import open_main_window
app = QApplication(sys.argv)
window = open_main_window(database=sys.argv[1], language="ru")
app.processEvents()
frame, screen = window.frameGeometry(), window.screen().availableGeometry()
opened = window.geometry().getRect()
if len(sys.argv) > 2:  # the person moves and resizes the window before closing it
    x, y, w, h = map(int, sys.argv[2].split(","))
    window.setGeometry(x, y, w, h)
    app.processEvents()
print(json.dumps({"frame": frame.getRect(), "opened": opened, "geometry": window.geometry().getRect(),
                  "screen": screen.getRect()}))
window.close()
from desktop.ui.tasks import wait_for_all
wait_for_all()
app.processEvents()
wait_for_all()
sys.stdout.flush()
import os
os._exit(0)  # the state is saved; leave without tearing down Qt objects of the jobs
"""


def _start(tmp_path: Path, url: str, *geometry: str) -> dict[str, Any]:
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "laptop",
                        "x": 0,
                        "y": 0,
                        "width": 1280,
                        "height": 720,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run(
        [sys.executable, "-c", SCREEN_SCRIPT, url, *geometry],
        capture_output=True,
        text=True,
        env=env,
        timeout=170,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_window_opens_within_a_1280x720_screen_and_comes_back_where_it_was(
    tmp_path: Path, demo_db: Any
) -> None:
    url = demo_db.engine.url.render_as_string(hide_password=False)
    first = _start(tmp_path, url, "40,30,1100,600")
    x, y, width, height = first["frame"]
    sx, sy, swidth, sheight = first["screen"]
    assert sx <= x and sy <= y and x + width <= sx + swidth and y + height <= sy + sheight, first
    assert first["geometry"] == [40, 30, 1100, 600]
    again = _start(tmp_path, url)
    assert again["opened"] == [40, 30, 1100, 600]  # restored from the last session


def test_columns_take_the_width_of_their_content(qtbot: Any, main_window: Any) -> None:
    window = main_window
    window.resize(1280, 720)
    for tab in (window.requests_tab, window.contracts_tab):
        window.tabs.setCurrentWidget(tab)
        view, model = tab.view, tab.view.lazy_model()
        qtbot.waitUntil(lambda m=model: not m.busy and m.rowCount() > 0, timeout=20000)
        QApplication.processEvents()
        for column in range(model.columnCount() - 1):
            content = max(view.sizeHintForColumn(column), view.horizontalHeader().sectionSizeHint(column))
            width = view.columnWidth(column)
            assert width >= min(content, 420), (  # 420: the widest a column grows by itself
                f"{tab.objectName()}: column «{model.headerData(column, Qt.Orientation.Horizontal)}» "
                f"is {width} px for {content} px of text"
            )
