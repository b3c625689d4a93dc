"""The main window: Russian tabs, the contracts registry on demo data, state kept between runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QProgressDialog
from sqlalchemy import func, select

from desktop.config import load_settings
from desktop.core.common.periods import period_title
from desktop.core.db import Database
from desktop.core.demo.history import past_periods
from desktop.core.models import Contract, Counterparty, Document
from desktop.ui.contracts.model import ContractsModel
from desktop.ui.tasks import wait_for_all
from tests.ui.user import answering, click_cell, number_entered, open_tab, trigger, type_text


def test_window_has_its_russian_tabs_and_names_the_database(main_window: Any) -> None:
    tabs = main_window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "&Обзор",
        "&Договоры",
        "Закрытие &месяца",
        "&Реестр актов",
        "Пл&атежи",
        "За&явки на оплату",
        "Запросы док&ументов",
    ]
    assert "SQLite" in main_window.db_label.text() and "demo.sqlite" in main_window.db_label.text()


def _loaded(qtbot: Any, model: Any) -> None:
    """The contracts' id query runs on a worker thread: wait for the rows of the latest request."""
    qtbot.waitUntil(lambda: not model.busy, timeout=10000)


def test_contracts_tab_lists_every_contract_of_the_database(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    model = main_window.contracts_tab.model
    _loaded(qtbot, model)
    with demo_db.session() as session:
        total = session.scalar(select(func.count(Contract.id)))
    assert model.rowCount() == total > 0
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:7] == ["Номер", "Дата", "Клиент", "Юрлицо", "Тип", "Сумма в месяц", "Статус"]
    assert main_window.contracts_tab.count.text() == f"Договоров: {total}"


def test_contracts_model_passes_the_model_tester(
    qtbot: Any, qtmodeltester: Any, demo_db: Database, russian: None
) -> None:
    model = ContractsModel(demo_db)
    model.refresh()
    _loaded(qtbot, model)
    qtmodeltester.check(model)
    model.sort(5, Qt.SortOrder.DescendingOrder)
    _loaded(qtbot, model)
    qtmodeltester.check(model)


def test_search_filters_by_client_name_case_insensitively(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    tab = main_window.contracts_tab
    with demo_db.session() as session:
        name = session.scalar(select(Counterparty.short_name).where(Counterparty.kind == "legal").limit(1))
        expected = session.scalar(
            select(func.count(Contract.id))
            .join(Counterparty)
            .where(Counterparty.short_name.ilike(f"%{name.split('«')[1][:5]}%"))
        )
    fragment = name.split("«")[1][:5].upper()  # «РОМАШ» finds «Ромашка»: Cyrillic case folding
    type_text(tab.search, fragment)
    qtbot.waitUntil(lambda: tab.model.rowCount() == expected, timeout=10000)
    for row in range(tab.model.rowCount()):
        client = tab.model.index(row, 2).data()
        assert fragment.lower() in client.lower()


def test_sorting_by_amount_orders_fixed_contracts_by_their_fee(qtbot: Any, main_window: Any) -> None:
    model = main_window.contracts_tab.model
    header = main_window.contracts_tab.view.horizontalHeader()
    while not (
        header.sortIndicatorSection() == 5 and header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    ):
        x = header.sectionViewportPosition(5) + header.sectionSize(5) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
        _loaded(qtbot, model)
    amounts = [model.index(r, 5).data(Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]
    fixed = [a for a in amounts if a is not None]
    assert fixed == sorted(fixed, reverse=True) and len(fixed) > 5
    assert amounts.index(None) == len(fixed)  # variable contracts ("по заказ-нарядам") last


def test_detail_pane_shows_the_selected_contract(qtbot: Any, main_window: Any) -> None:
    tab = main_window.contracts_tab
    _loaded(qtbot, tab.model)
    click_cell(qtbot, tab.view, 0, 0)
    number = tab.model.index(0, 0).data()
    client = tab.model.index(0, 2).data()
    html_text = tab.detail.toPlainText()
    assert f"Договор № {number}" in html_text
    assert client in html_text and "Спецификация" in html_text


def test_window_tab_and_columns_persist_between_runs(qtbot: Any, main_window: Any, demo_db: Database) -> None:
    from desktop.ui.main_window import MainWindow

    open_tab(qtbot, main_window.tabs, "Закрытие месяца")
    main_window.contracts_tab.view.setColumnWidth(2, 333)
    trigger(main_window, "Файл", "Выход")
    assert not main_window.isVisible()
    again = MainWindow(load_settings(), demo_db)
    qtbot.addWidget(again)
    assert again.tabs.currentIndex() == 2
    assert again.contracts_tab.view.columnWidth(2) == 333


def test_filling_demo_data_from_the_menu_runs_as_a_task(qtbot: Any, tmp_path: Any, russian: None) -> None:
    from desktop.core.db import open_database
    from desktop.ui.main_window import MainWindow

    database = open_database(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    window = MainWindow(load_settings(), database)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.contracts_tab.model.rowCount() == 0
    with answering(qtbot, number_entered(15), QInputDialog):
        trigger(window, "Файл", "Заполнить демо-данными…")
    qtbot.waitUntil(lambda: window.contracts_tab.model.rowCount() >= 15, timeout=60000)
    with database.session() as session:
        assert session.scalar(select(func.count(Counterparty.id))) >= 15
    wait_for_all()
    database.dispose()


def test_demo_start_fills_the_embedded_database_once(qtbot: Any, russian: None, tmp_path: Path) -> None:
    from desktop.config import Settings, demo_output_dir, demo_sqlite_path, save_settings
    from desktop.ui.app import open_main_window

    real_documents = tmp_path / "real documents"
    real_documents.mkdir()
    save_settings(Settings(output_dir=str(real_documents)))
    window = open_main_window(demo=True, language="ru")
    qtbot.addWidget(window)
    task = window.demo_task
    assert task is not None
    shown: list[tuple[bool, str]] = []  # (in the visible progress dialog, its text) at each update

    def seen(*_: Any) -> None:
        dialogs = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()
        ]
        shown.append((True, dialogs[0].labelText()) if dialogs else (False, task.text))

    task.progressed.connect(seen)
    with qtbot.waitSignal(task.finished, timeout=180000):
        pass
    assert task.error is None
    # The progress dialog names each stage, in order, counted from its own start.
    first, second = past_periods(dt.date.today(), 2)
    stages = [
        "Шаг 1 из 5. Справочники и договоры",
        f"Шаг 2 из 5. Закрытие: {period_title(first)}",
        f"Шаг 3 из 5. Закрытие: {period_title(second)}",
        "Шаг 4 из 5. Выписка банка",
        "Шаг 5 из 5. Авансовые счета-фактуры",
    ]
    starts = [next(i for i, (_, text) in enumerate(shown) if stage in text) for stage in stages]
    assert starts == sorted(starts), shown
    in_dialog = [text for visible, text in shown if visible]
    # While a month's PDFs are made the dialog says so, with how many are done.
    pdf_stage = [t for t in in_dialog if f"Закрытие: {period_title(second)}: Создание PDF" in t]
    assert pdf_stage and any(t.split("   ")[0].count(" / ") == 1 for t in pdf_stage), in_dialog
    assert any(stages[3] in t for t in in_dialog), in_dialog
    _loaded(qtbot, window.contracts_tab.model)
    assert window.contracts_tab.model.rowCount() >= 200
    assert demo_sqlite_path().exists()
    # The demo has a past: the last two months closed with their PDFs, part of the invoices paid.
    with window.database.session() as session:
        documents = list(session.scalars(select(Document).where(Document.current.is_(True))))
        assert {d.period for d in documents if d.kind == "act"} == set(past_periods(dt.date.today(), 2))
        assert all(d.pdf_path and Path(d.pdf_path).is_file() for d in documents)
        assert any(d.paid_amount > 0 for d in documents if d.kind == "invoice")
        # ... into the demo's own folder, never into the real documents folder of the settings.
        assert all(Path(d.pdf_path).is_relative_to(demo_output_dir()) for d in documents)
    assert list(real_documents.iterdir()) == []
    assert window.closing_tab.settings.effective_output_dir() == demo_output_dir()
    registry = window.registry_tab.model
    registry.refresh()
    qtbot.waitUntil(lambda: not registry.busy and registry.rowCount() > 0, timeout=20000)
    window.close()
    window.database.dispose()

    second = open_main_window(demo=True, language="ru")
    qtbot.addWidget(second)
    assert second.demo_task is None  # already filled: opens at once
    _loaded(qtbot, second.contracts_tab.model)
    assert second.contracts_tab.model.rowCount() == window.contracts_tab.model.rowCount()
    second.database.dispose()
