"""What a person does with the window, for the UI tests: click a button, open a tab, pick a menu
item, type (Cyrillic too), choose in a combo box, answer the dialog that pops up.

A test reaches a button's behaviour through these, never by calling the slot behind it: the
signal's own arguments (``clicked(bool)``, ``triggered(bool)``…) then go where Qt sends them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
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
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QRadioButton,
    QTabWidget,
    QWidget,
)

W = TypeVar("W", bound=QWidget)
LEFT = Qt.MouseButton.LeftButton


def _plain(text: str) -> str:
    return text.replace("&", "")


def click(qtbot: Any, button: QAbstractButton) -> None:
    """A left click on a button the person can see and press."""
    window = button.window()
    assert button.isVisibleTo(window) and window.isVisible(), f"«{button.text()}» is not on screen"
    assert button.isEnabled(), f"«{button.text()}» is disabled"
    if isinstance(button, QCheckBox | QRadioButton):  # on its box and text, not on the empty space after
        hint = button.sizeHint()
        qtbot.mouseClick(
            button, LEFT, pos=QPoint(min(button.width(), hint.width()) // 2, button.height() // 2)
        )
    else:
        qtbot.mouseClick(button, LEFT)


def press(qtbot: Any, buttons: QDialogButtonBox | QMessageBox, which: Any) -> None:
    """A click on a standard button (Ok, Save, Yes…) of a button box or a message box."""
    button = buttons.button(which)
    assert button is not None, f"no {which} button"
    click(qtbot, button)


def open_tab(qtbot: Any, tabs: QTabWidget, title: str) -> QWidget:
    """A click on the tab with this title."""
    bar = tabs.tabBar()
    titles = [_plain(tabs.tabText(i)) for i in range(tabs.count())]
    assert title in titles, f"no tab «{title}» in {titles}"
    index = titles.index(title)
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index
    return tabs.widget(index)


def menu_action(window: QMainWindow, *path: str) -> QAction:
    """The menu item at ``path`` (menu titles, then the item's text, without the «&»)."""
    actions = window.menuBar().actions()
    found: QAction | None = None
    for depth, title in enumerate(path):
        found = next((a for a in actions if _plain(a.text()) == title), None)
        assert found is not None, f"no menu item «{title}» in {[_plain(a.text()) for a in actions]}"
        if depth < len(path) - 1:
            menu = found.menu()
            assert isinstance(menu, QMenu), f"«{title}» is not a menu"
            actions = menu.actions()
    assert found is not None
    return found


def trigger(window: QMainWindow, *path: str) -> None:
    """The person picks a menu item."""
    action = menu_action(window, *path)
    assert action.isEnabled(), f"«{path[-1]}» is disabled"
    action.trigger()


def type_text(widget: QWidget, text: str) -> None:
    """Typing, key by key, as a keyboard with a Russian layout does (QTest types ASCII only)."""
    widget.setFocus()
    for char in text:
        key, typed = (Qt.Key.Key_Return, "\r") if char == "\n" else (Qt.Key.Key_unknown, char)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, typed))


def clear_and_type(qtbot: Any, widget: QWidget, text: str) -> None:
    """Select everything in a field (Ctrl+A) and type over it."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(widget, text)


def choose(
    qtbot: Any, combo: QComboBox, *, text: str | None = None, data: Any = None, taken: bool = True
) -> None:
    """Open the combo box's list with a click, walk to the item with this text (or data) with the
    arrow keys and press Enter (a click in the list right after it opened is ignored by Qt)."""
    index = combo.findText(text) if text is not None else combo.findData(data)
    assert index >= 0, f"no item {text if text is not None else data!r} in the list"
    assert combo.isEnabled() and combo.isVisibleTo(combo.window())
    if combo.isEditable():  # the text field takes the click: press the arrow at the right
        qtbot.mouseClick(combo, LEFT, pos=QPoint(combo.width() - 8, combo.height() // 2))
    else:
        qtbot.mouseClick(combo, LEFT)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=5000)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    for _ in range(index):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=5000)
    if taken:  # (unless the program refuses the choice, e.g. after a question answered No)
        assert combo.currentIndex() == index, combo.currentText()


def click_cell(qtbot: Any, view: QAbstractItemView, row: int, column: int, *, double: bool = False) -> None:
    """A click (or a double click) on a cell of a table or list."""
    index = view.model().index(row, column)
    view.scrollTo(index)
    point: QPoint = view.visualRect(index).intersected(view.viewport().rect()).center()
    qtbot.mouseClick(view.viewport(), LEFT, pos=point)
    if double:
        qtbot.mouseDClick(view.viewport(), LEFT, pos=point)


def toggle_check(qtbot: Any, view: QAbstractItemView, row: int, column: int = 0) -> None:
    """Tick or untick a row's check box: click the row, press Space."""
    click_cell(qtbot, view, row, column)
    qtbot.keyClick(view, Qt.Key.Key_Space)


@contextmanager
def answering(
    qtbot: Any, handle: Callable[[Any], None], kind: type[QWidget] = QDialog, *, timeout: int = 20000
) -> Iterator[None]:
    """Inside the block a modal dialog of ``kind`` pops up (a question, a file dialog, an input
    box); ``handle(dialog)`` answers it as the person would. Fails when none came."""
    answered: list[QWidget] = []

    def look() -> None:
        widget = QApplication.activeModalWidget()
        if answered:
            if widget is answered[0] and widget.isVisible():
                # The answer did not take (a file dialog still loading its folder keeps its own
                # default): answer again, or the modal loop would wait for ever.
                handle(widget)
            else:
                timer.stop()
            return
        if isinstance(widget, kind) and widget.isVisible():
            answered.append(widget)
            handle(widget)

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(look)
    timer.start()
    try:
        yield
        qtbot.waitUntil(lambda: bool(answered), timeout=timeout)
    finally:
        timer.stop()


def reply(
    qtbot: Any, which: QMessageBox.StandardButton, seen: list[str] | None = None
) -> Callable[[Any], None]:
    """An answer for ``answering``: press ``which`` in the message box (its text goes to ``seen``)."""

    def handle(box: QMessageBox) -> None:
        if seen is not None:
            seen.append(box.text())
        press(qtbot, box, which)

    return handle


def file_chosen(path: Any) -> Callable[[Any], None]:
    """An answer for ``answering`` with ``kind=QFileDialog``: the file or folder typed, then Enter."""

    def handle(dialog: QFileDialog) -> None:
        # Typed into the file-name box, as a person does: selectFile() on a dialog whose folder is
        # still loading can lose to the dialog's own default name, chosen when the folder arrives.
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        if edit is not None and dialog.fileMode() != QFileDialog.FileMode.Directory:
            edit.setText(str(path))
        else:
            dialog.selectFile(str(path))
        dialog.accept()

    return handle


def number_entered(value: int) -> Callable[[Any], None]:
    """An answer for ``answering`` with ``kind=QInputDialog``: the number, then OK."""

    def handle(dialog: QInputDialog) -> None:
        dialog.setIntValue(value)
        dialog.accept()

    return handle


def top_dialog(kind: type[W]) -> W:
    """The dialog of ``kind`` the person sees now (opened by a click)."""
    modal = QApplication.activeModalWidget()
    if isinstance(modal, kind):
        return modal
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert len(shown) == 1, f"{len(shown)} windows {kind.__name__} on screen"
    return shown[0]


@contextmanager
def error_dialogs() -> Iterator[list[str]]:
    """Inside the block, the «Что-то пошло не так» box (a bug reached the person) is recorded and
    closed instead of waiting for a click forever; the test asserts the list stays empty."""
    seen: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.icon() == QMessageBox.Icon.Critical and box.isVisible():
            seen.append(f"{box.text()} {box.informativeText()}")
            box.done(0)

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(look)
    timer.start()
    try:
        yield seen
    finally:
        timer.stop()


def edit_cell(qtbot: Any, view: QAbstractItemView, row: int, column: int, text: str) -> None:
    """Click a cell, F2, select what is there, type the new text, Enter."""
    click_cell(qtbot, view, row, column)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.state() == QAbstractItemView.State.EditingState, "the cell did not open an editor"
    editors = [w for w in view.viewport().findChildren(QWidget) if w.isVisible() and w.hasFocus()]
    editors = editors or [w for w in view.viewport().findChildren(QWidget) if w.isVisible()]
    assert editors, "the cell did not open an editor"
    editor = editors[-1]
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    type_text(editor, text + "\n")  # Enter commits the cell (queued by the delegate)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=5000)


def click_link(qtbot: Any, label: QWidget, followed: Callable[[], bool]) -> None:
    """Click the link in a label. Qt does not say where it is: click along the text, from its end
    (where the link usually stands), until ``followed()`` says the link did its work."""
    for y in range(label.height() - 3, 0, -4):
        for x in range(label.width() - 3, 0, -8):
            qtbot.mouseClick(label, LEFT, pos=QPoint(x, y))
            if followed():
                return
    raise AssertionError(f"no link to click in «{getattr(label, 'text', lambda: '')()}»")


def open_contract_card(qtbot: Any, window: QMainWindow, contract_id: int) -> Any:
    """«Договоры»: a double click on the contract's row opens its card."""
    from desktop.ui.contracts.card import ContractCard

    tab: Any = open_tab(qtbot, window.findChild(QTabWidget, "mainTabs"), "Договоры")
    qtbot.waitUntil(lambda: not tab.model.busy and tab.model.row_of(contract_id) is not None, timeout=10000)
    click_cell(qtbot, tab.view, tab.model.row_of(contract_id), 0, double=True)
    card = top_dialog(ContractCard)
    assert card.contract_id == contract_id
    return card


def text_entered(value: str) -> Callable[[Any], None]:
    """An answer for ``answering`` with ``kind=QInputDialog``: the text typed, then OK."""

    def handle(dialog: QInputDialog) -> None:
        line = dialog.findChild(QLineEdit)
        assert line is not None
        type_text(line, value)
        dialog.accept()

    return handle


def in_settings(qtbot: Any, main_window: Any, fill: Callable[[Any], None]) -> list[Any]:
    """Файл → Настройки…: ``fill(dialog)`` types the values and presses OK; when the dialog stays
    open (a value was refused), its error text is kept and Cancel pressed. Returns what was seen."""
    seen: list[Any] = []

    from desktop.ui.settings.dialog import SettingsDialog

    def handle(dialog: SettingsDialog) -> None:
        seen.append(dialog)
        fill(dialog)
        press(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Ok)
        if dialog.isVisible():
            seen.append(dialog.error.text())
            press(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Cancel)

    with answering(qtbot, handle, SettingsDialog):
        trigger(main_window, "Файл", "Настройки…")
    return seen


def _click_in_chart(qtbot: Any, view: Any, chart_point: Any) -> None:
    point = view.mapFromScene(view.chart().mapToScene(chart_point))
    assert view.viewport().rect().contains(point), f"{point} is outside the chart"
    qtbot.mouseClick(view.viewport(), LEFT, pos=point)


def click_bar(qtbot: Any, view: Any, set_number: int, index: int) -> None:
    """A click in the middle of bar ``index`` of the chart's set ``set_number`` (stacked or not,
    vertical or horizontal)."""
    from PySide6.QtCharts import QHorizontalBarSeries, QStackedBarSeries
    from PySide6.QtCore import QPointF

    chart = view.chart()
    [series] = chart.series()
    sets = series.barSets()
    value = sets[set_number].at(index)
    assert value > 0, "an empty bar cannot be clicked"
    below = sum(s.at(index) for s in sets[:set_number]) if isinstance(series, QStackedBarSeries) else 0.0
    middle = below + value / 2
    where = QPointF(middle, index) if isinstance(series, QHorizontalBarSeries) else QPointF(index, middle)
    _click_in_chart(qtbot, view, chart.mapToPosition(where, series))


def click_slice(qtbot: Any, view: Any, number: int) -> None:
    """A click half-way out along the middle of slice ``number`` of the chart's pie."""
    import math

    from PySide6.QtCore import QPointF

    chart = view.chart()
    [series] = chart.series()
    pie_slice = series.slices()[number]
    area = chart.plotArea()
    radius = series.pieSize() * min(area.width(), area.height()) / 2
    center = QPointF(
        area.left() + area.width() * series.horizontalPosition(),
        area.top() + area.height() * series.verticalPosition(),
    )
    angle = math.radians(pie_slice.startAngle() + pie_slice.angleSpan() / 2)  # clockwise from 12 o'clock
    _click_in_chart(
        qtbot,
        view,
        QPointF(center.x() + radius * 0.6 * math.sin(angle), center.y() - radius * 0.6 * math.cos(angle)),
    )


def drop_files(widget: QWidget, files: list[Any]) -> None:
    """Drag files from Explorer and drop them on the middle of ``widget``."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    point = QPoint(widget.width() // 2, widget.height() // 2)
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, actions, mime, buttons, keys)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted() and enter.dropAction() == Qt.DropAction.CopyAction
    move = QDragMoveEvent(point, actions, mime, buttons, keys)
    QApplication.sendEvent(widget, move)
    assert move.isAccepted()
    drop = QDropEvent(QPointF(point), actions, mime, buttons, keys)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()
