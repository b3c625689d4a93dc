"""Russian everywhere: no English left in the window and its dialogs, Qt's own dialogs in Russian,
people by name, «ФИО» only for people, sums with ₽, round chart axes and none on an empty chart."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCharts import QValueAxis
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from sqlalchemy import select

from desktop.config import load_settings
from desktop.core.common.events import log_event
from desktop.core.db import Database
from desktop.core.models import Contract, Counterparty, PartyKind, User

# Latin words that are names, not English: formats, products, units of the program's own notation.
ALLOWED = {
    "AktDesk",
    "SQLite",
    "PostgreSQL",
    "PDF",
    "DOCX",
    "XML",
    "Excel",
    "SMTP",
    "STARTTLS",
    "SSL",
    "TLS",
    "QR",
    "E",
    "e",
    "mail",
    "xlsx",
    "csv",
    "txt",
    "kl_to_1c",
    "ID",
    "Microsoft",
    "Word",
    "LibreOffice",
    "English",
    "MS",
    "docx2pdf",
    "UTF",
    "Jinja",
    "URL",
    "SHA",
    "EDO",
}


def _texts(root: QWidget) -> list[str]:
    """Every text a person can read in ``root``: labels, buttons, fields, lists, headers, tabs, tips."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and isinstance(widget.model(), QAbstractTableModel):
            model = widget.model()
            texts += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in range(model.columnCount(QModelIndex()))
            ]
        texts.append(widget.toolTip())
        texts.append(widget.windowTitle() if widget.isWindow() else "")
    return texts


def english(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        plain = re.sub(r"<[^>]+>", " ", text)  # rich text tags
        plain = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|Имена:.*", " ", plain, flags=re.S)  # names of mail templates
        plain = re.sub(r"\S*[/\\]\S*|\S+@\S+|\S+\.(sqlite|xlsx|pdf|txt|csv|docx)\b", " ", plain)  # paths
        for word in re.findall(r"(?<![\w])[A-Za-z][A-Za-z0-9_]*", plain.replace("&", "")):
            if word not in ALLOWED:
                found.append(f"{word!r} in {text[:80]!r}")
    return found


def test_no_english_in_the_window_and_the_dialogs_of_its_menus(qtbot: Any, main_window: Any) -> None:
    window = main_window
    leftovers: list[str] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        leftovers += english(_texts(window.tabs.currentWidget()))
    menus = [action.menu() for action in window.menuBar().actions()]
    leftovers += english([a.text() for menu in menus for a in menu.actions()])
    leftovers += english([a.text() for a in window.menuBar().actions()])
    directories = next(a.menu() for a in window.menuBar().actions() if a.text() == "С&правочники")
    for action in directories.actions():  # Справочники: each opens its dialog
        action.trigger()
        dialog = QApplication.activeModalWidget() or next(
            d for d in window.findChildren(QDialog) if d.isVisible()
        )
        qtbot.waitExposed(dialog)
        leftovers += english(_texts(dialog))
        dialog.reject()
    assert leftovers == [], "\n".join(leftovers)


def test_qt_own_dialogs_speak_russian(qtbot: Any, russian: None) -> None:
    dialog = QFileDialog(None, "Выберите файл", "", "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "&Папка:" in labels and "&Тип файлов:" in labels and "&Имя файла:" in labels
    assert english(_texts(dialog)) == []
    box = QMessageBox(QMessageBox.Icon.Question, "AktDesk", "Удалить?")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert {b.text().replace("&", "") for b in box.buttons()} == {"Да", "Нет"}
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    assert {b.text() for b in buttons.buttons()} == {"Сохранить", "Отмена"}


def test_a_legal_entity_has_a_full_name_and_a_person_an_fio(
    qtbot: Any, demo_db: Database, russian: None
) -> None:
    from desktop.ui.parties.card import CounterpartyCard

    with demo_db.session() as session:
        legal = session.scalars(select(Counterparty.id).where(Counterparty.kind == PartyKind.LEGAL)).first()
    card = CounterpartyCard(demo_db, legal)
    qtbot.addWidget(card)
    card.show()
    assert card.full_name_label.text() == "Полное наименование"
    card.kind.setFocus()
    qtbot.keyClick(card.kind, Qt.Key.Key_End)  # «Физическое лицо»
    assert card.kind.currentData() == PartyKind.PERSON.value
    assert card.full_name_label.text() == "ФИО"


def test_histories_name_the_people(qtbot: Any, demo_db: Database, russian: None) -> None:
    from desktop.ui.contracts.card import ContractCard

    with demo_db.transaction() as session:
        session.add(User(login="m.ivanova", full_name="Иванова Мария Петровна", role="accountant"))
        contract_id = session.scalars(select(Contract.id)).first()
        log_event(session, "contract", contract_id, "update", {"Цена": ["100", "120"]}, user="m.ivanova")
    card = ContractCard(demo_db, contract_id, None, settings=load_settings())
    qtbot.addWidget(card)
    history = card.history.toPlainText()
    assert "Иванова Мария Петровна" in history and "m.ivanova" not in history


def test_registry_footer_sums_carry_the_rouble_sign(qtbot: Any, main_window: Any) -> None:
    tab = main_window.registry_tab
    main_window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.summary is not None, timeout=20000)
    footer = tab.footer.text()
    assert re.search(r"Сумма: \d[\d\xa0 ]*,\d\d ₽", footer), footer
    assert re.search(r"Не оплачено: \d[\d\xa0 ]*,\d\d ₽", footer), footer


def _value_axes(tab: Any) -> list[QValueAxis]:
    charts = [
        tab.closing_chart,
        tab.unsigned_age_chart,
        tab.unsigned_manager_chart,
        tab.receivables_age_chart,
    ]
    return [axis for chart in charts for axis in chart.chart().axes() if isinstance(axis, QValueAxis)]


def test_chart_axes_are_round_and_an_empty_chart_has_no_ticks(
    qtbot: Any, sqlite_db: Database, demo_db: Database, russian: None
) -> None:
    from desktop.ui.main_window import MainWindow

    for database, empty in ((sqlite_db, True), (demo_db, False)):
        window = MainWindow(load_settings(), database)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.overview_tab.refreshed, timeout=20000):
            window.show()
            window.tabs.setCurrentWidget(window.overview_tab)
        axes = _value_axes(window.overview_tab)
        assert len(axes) >= 3
        for axis in axes:
            if empty:
                assert not axis.labelsVisible() and not axis.isGridLineVisible()
                continue
            step, top = axis.tickInterval(), axis.max()
            mantissa = step / 10 ** int(f"{step:e}".split("e")[1])
            assert round(mantissa, 6) in (1, 2, 2.5, 5), (step, top)
            assert abs(top / step - round(top / step)) < 1e-9, (step, top)
        window.close()


def test_the_windows_build_bundles_qt_russian_texts_where_the_app_looks_for_them() -> None:
    """A frozen Qt may not know its translations folder: build.spec copies qtbase_ru.qm into
    resources/i18n/qt, the folder install_translators falls back to."""
    import inspect
    from pathlib import Path

    from desktop.core.common.resources import resource_path
    from desktop.ui import app

    spec = (resource_path() / "build.spec").read_text(encoding="utf-8")
    assert '"qtbase_ru.qm"' in spec and '"resources/i18n/qt")' in spec
    assert 'resource_path("resources", "i18n", "qt")' in inspect.getsource(app.install_translators)
    from PySide6.QtCore import QLibraryInfo

    assert (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / "qtbase_ru.qm").is_file()
