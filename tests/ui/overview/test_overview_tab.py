"""The «Обзор» tab on demo data: counters equal the database, clicks open the matching list, the PDF report."""

from __future__ import annotations

import gc
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import func, select, update

from desktop.config import load_settings
from desktop.core.db import Database
from desktop.core.models import (
    BankPayment,
    Contract,
    Document,
    DocumentSet,
    OwnEntity,
    PaymentRequest,
    PaymentTerms,
    User,
)
from desktop.core.overview import queries as overview
from desktop.ui.common import fmt
from desktop.ui.common.entity_choice import EntityPicker
from desktop.ui.tasks import wait_for_all
from tests.factories.overview import TODAY, overview_history
from tests.ui.user import (
    answering,
    choose,
    click,
    click_bar,
    click_slice,
    file_chosen,
    press,
    toggle_check,
    top_dialog,
)


@pytest.fixture
def window(qtbot: Any, demo_db: Database, russian: None) -> Iterator[Any]:
    from desktop.ui.main_window import MainWindow

    overview_history(demo_db)
    main = MainWindow(load_settings(), demo_db)
    main.overview_tab.today = TODAY
    main.resize(1360, 860)
    with qtbot.waitSignal(main.overview_tab.refreshed, timeout=20000):
        main.show()
        main.tabs.setCurrentWidget(main.overview_tab)
    yield main
    # The window's Python garbage is collected here, on the GUI thread: a collection started by
    # the next test's worker threads must not be the one that deletes Qt objects.
    wait_for_all()
    main.close()
    main.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del main
    gc.collect()


def _sql(session: Any, *where: Any, amount: Any = Document.amount_total) -> tuple[int, Decimal]:
    count, total = session.execute(
        select(func.count(Document.id), func.sum(amount)).where(Document.current.is_(True), *where)
    ).one()
    return int(count), Decimal(total or 0).quantize(Decimal("0.01"))


def _unsigned_sales(session: Any) -> tuple[int, Decimal]:
    """Unsigned acts and UPDs, and what their sales are to be paid, each sale once: its invoices, or
    the UPD of a UPD-only post-paid contract (a prepaid sale whose advance invoice predates the
    history has nothing to pay)."""
    documents = list(session.scalars(select(Document).where(Document.current.is_(True))))
    unsigned = [d for d in documents if d.kind in ("act", "upd") and not d.signed]
    sales = {(d.contract_id, d.period) for d in unsigned}
    amount = Decimal(0)
    for contract_id, period in sales:
        sale = [d for d in documents if (d.contract_id, d.period) == (contract_id, period)]
        contract = session.get(Contract, contract_id)
        upd_only = (contract.documents, contract.payment_terms) == (DocumentSet.UPD, PaymentTerms.POSTPAY)
        payable = [d for d in sale if d.kind == "invoice"] or [
            d for d in sale if d.kind == "upd" and upd_only
        ]
        amount += sum((d.amount_total for d in payable), Decimal(0))
    return len(unsigned), amount.quantize(Decimal("0.01"))


def _registry_rows(qtbot: Any, window: Any, expected: int) -> None:
    model = window.registry_tab.model
    qtbot.waitUntil(lambda: not getattr(model, "busy", False) and model.rowCount() == expected, timeout=10000)


def test_overview_is_the_first_tab_and_its_counters_match_the_database(
    window: Any, demo_db: Database
) -> None:
    tab = window.overview_tab
    assert window.tabs.tabText(0) == "&Обзор" and window.tabs.currentWidget() is tab
    with demo_db.session() as session:
        unsigned = _unsigned_sales(session)
        receivable = _sql(
            session,
            Document.kind == "invoice",
            Document.paid_amount < Document.amount_total,
            amount=Document.amount_total - Document.paid_amount,
        )
    assert unsigned[0] > 0 and receivable[0] > 0
    counters = tab.counters
    assert counters["unsigned"].title.text() == "Не подписаны акты и УПД"
    assert (counters["unsigned"].count.text(), counters["unsigned"].amount.text()) == (
        str(unsigned[0]),
        f"{fmt.money(unsigned[1])} ₽",
    )
    assert (counters["receivables"].count.text(), counters["receivables"].amount.text()) == (
        str(receivable[0]),
        f"{fmt.money(receivable[1])} ₽",
    )
    with demo_db.session() as session:
        unallocated = session.execute(
            select(
                func.count(BankPayment.id), func.sum(BankPayment.amount - BankPayment.allocated_amount)
            ).where(BankPayment.direction == "in", BankPayment.status.in_(("unallocated", "partial")))
        ).one()
        waiting = session.scalar(
            select(func.count(PaymentRequest.id)).where(PaymentRequest.status == "approval")
        )
    assert counters["unallocated"].count.text() == str(unallocated[0])
    assert counters["unallocated"].amount.text() == f"{fmt.money(Decimal(unallocated[1]))} ₽"
    # The demo database makes the person at the keyboard its administrator: he approves requests.
    assert counters["requests"].title.text() == "Заявки ждут моего согласования"
    assert counters["requests"].count.text() == str(waiting)
    assert tab.scope_label.text() == "Все клиенты"
    # The charts show the same figures: one closing bar per month, ages, managers, top clients.
    closing_sets = tab.closing_chart.sets
    assert [s.label() for s, _f in closing_sets] == ["Закрыто", "Не закрыто", "Ошибка закрытия"]
    assert [s.count() for s, _f in closing_sets] == [12, 12, 12]
    failed_set, failed = closing_sets[2]
    assert [failed_set.at(i) for i in range(12)] == [float(f.count) for f in failed]
    assert sum(f.count for f in failed) == 1
    _age_set, ages = tab.unsigned_age_chart.sets[0]
    assert sum(f.count for f in ages) == unsigned[0]
    assert tab.closing_chart.chart().axes()[0].categories()[-1] == "ноя 2026"
    assert len(tab.receivables_top_chart.sets[0][1]) == 10


def test_clicking_a_counter_opens_the_registry_with_its_filter(qtbot: Any, window: Any) -> None:
    counter = window.overview_tab.counters["unsigned"]
    expected = int(counter.count.text())
    qtbot.mouseClick(counter, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.registry_tab
    _registry_rows(qtbot, window, expected)
    registry_tab = window.registry_tab
    assert registry_tab.kind.currentText() == "Акты и УПД"
    assert registry_tab.signed.currentText() == "Неподписанные"
    qtbot.waitUntil(lambda: registry_tab.footer.text().startswith(f"Документов: {expected} "), timeout=10000)


@pytest.mark.parametrize(
    "chart, index", [("unsigned_age_chart", 2), ("unsigned_manager_chart", 0), ("receivables_top_chart", 9)]
)
def test_clicking_a_bar_opens_the_registry_with_the_same_rows(
    qtbot: Any, window: Any, chart: str, index: int
) -> None:
    panel = getattr(window.overview_tab, chart)
    _bar_set, figures = panel.sets[0]
    figure = figures[index]
    assert figure.count > 0
    click_bar(qtbot, panel, 0, index)
    assert window.tabs.currentWidget() is window.registry_tab
    _registry_rows(qtbot, window, figure.count)
    qtbot.waitUntil(
        lambda: (
            f"{fmt.money(figure.amount)}" in window.registry_tab.footer.text()
            or f"Документов: {figure.count} " in window.registry_tab.footer.text()
        ),
        timeout=10000,
    )


def test_a_pie_slice_and_the_closing_bars_open_their_lists(qtbot: Any, window: Any) -> None:
    tab = window.overview_tab
    _pie_slice, figure = tab.receivables_age_chart.slices[3]  # over 90 days
    assert figure.count > 0
    click_slice(qtbot, tab.receivables_age_chart, 3)
    assert window.tabs.currentWidget() is window.registry_tab
    _registry_rows(qtbot, window, figure.count)

    window.tabs.setCurrentWidget(tab)
    _closed_set, closed = tab.closing_chart.sets[0]
    october = [f.name for f in closed].index("2026-10")
    click_bar(qtbot, tab.closing_chart, 0, october)
    assert window.tabs.currentWidget() is window.registry_tab
    assert window.registry_tab.period_from.currentData() == "2026-10"
    model = window.registry_tab.model
    qtbot.waitUntil(lambda: not getattr(model, "busy", False) and model.rowCount() >= closed[october].count)

    window.tabs.setCurrentWidget(tab)
    click_bar(qtbot, tab.closing_chart, 1, 11)  # November is not closed yet: the closing tab opens on it
    assert window.tabs.currentWidget() is window.closing_tab
    assert window.closing_tab.current_period == "2026-11"


def test_expiring_contracts_open_the_contracts_tab_filtered(qtbot: Any, window: Any) -> None:
    counter = window.overview_tab.counters["expiring.60"]
    qtbot.mouseClick(counter, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.contracts_tab
    assert window.contracts_tab.expiring.value() == 60


def test_the_unallocated_counter_opens_the_unallocated_list_on_its_first_payment(
    qtbot: Any, window: Any, demo_db: Database
) -> None:
    counter = window.overview_tab.counters["unallocated"]
    assert int(counter.count.text()) > 0
    qtbot.mouseClick(counter, Qt.MouseButton.LeftButton)
    payments_tab = window.tabs.currentWidget()
    assert payments_tab is window.payments_tab
    queue = payments_tab.queue
    assert queue.total == int(counter.count.text())
    assert queue.current_payment_id() == queue.payment_ids()[0]
    assert queue.hasFocus() or not window.isActiveWindow()


def test_the_overview_refreshes_when_shown_again_after_a_change(
    qtbot: Any, window: Any, demo_db: Database
) -> None:
    tab = window.overview_tab
    before = int(tab.counters["unsigned"].count.text())
    with demo_db.transaction() as session:
        first = session.scalar(
            select(func.min(Document.id)).where(Document.kind == "act", Document.signed.is_(False))
        )
        session.execute(update(Document).where(Document.id == first).values(signed=True))
    window.tabs.setCurrentWidget(window.registry_tab)
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        window.tabs.setCurrentWidget(tab)
    assert int(tab.counters["unsigned"].count.text()) == before - 1


def test_a_manager_sees_his_clients_only(qtbot: Any, window: Any, demo_db: Database) -> None:
    tab = window.overview_tab
    tab.set_database(Database(demo_db.engine, login="m.smirnov"))  # the tab as it starts for that manager
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        tab.reload()
    with demo_db.session() as session:
        name = session.scalar(select(User.full_name).where(User.login == "m.smirnov"))
        expected = overview.compute(session, overview.scope_for(session, "m.smirnov"), TODAY)
    assert tab.scope_label.text() == f"Клиенты менеджера: {name}"
    assert tab.counters["unsigned"].count.text() == str(expected.unsigned.count)
    assert tab.counters["requests"].title.text() == "Мои заявки на согласовании"
    assert [f.name for f in tab.unsigned_manager_chart.sets[0][1]] == [name]


def test_several_own_entities_chosen_in_the_overview_lead_to_the_registry_with_both(
    qtbot: Any, window: Any, demo_db: Database
) -> None:
    tab = window.overview_tab
    with demo_db.session() as session:
        entities = session.execute(
            select(OwnEntity.id, OwnEntity.short_name).order_by(OwnEntity.short_name)
        ).all()
        ids = sorted(i for i, _n in entities[:2])
        expected = overview.compute(session, overview.scope_for(session, tab.login, ids), TODAY)
    assert tab.entity.currentText() == "Все юрлица"
    names = [tab.entity.itemText(i) for i in range(tab.entity.count())]
    assert names == ["Все юрлица", *(n for _i, n in entities), "Несколько…"]

    # «Несколько…» opens the check list; Cancel keeps all entities.
    choose(qtbot, tab.entity, data="pick", taken=False)
    picker = top_dialog(EntityPicker)
    assert picker is tab.entity.picker and len(picker.checked()) == len(entities)
    press(qtbot, picker.buttons, picker.buttons.StandardButton.Cancel)
    assert tab.entity.currentText() == "Все юрлица" and tab.entity.chosen() == []

    choose(qtbot, tab.entity, data="pick", taken=False)
    picker = top_dialog(EntityPicker)
    for row in range(picker.list.count()):  # untick every entity
        toggle_check(qtbot, picker.list, row)
    assert picker.checked() == []
    assert not picker.buttons.button(picker.buttons.StandardButton.Ok).isEnabled()  # nothing ticked
    for row in range(picker.list.count()):
        if picker.list.item(row).data(Qt.ItemDataRole.UserRole) in ids:
            toggle_check(qtbot, picker.list, row)
    assert sorted(picker.checked()) == ids
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        press(qtbot, picker.buttons, picker.buttons.StandardButton.Ok)
    assert tab.entity.chosen() == ids
    assert tab.entity.currentText() == ", ".join(n for _i, n in entities[:2])
    assert tab.counters["unsigned"].count.text() == str(expected.unsigned.count)

    qtbot.mouseClick(tab.counters["unsigned"], Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.registry_tab
    assert window.registry_tab.entity.chosen() == ids
    assert window.registry_tab.entity.currentText() == tab.entity.currentText()
    _registry_rows(qtbot, window, expected.unsigned.count)


def test_the_pdf_report_is_one_page_with_the_figures(qtbot: Any, tmp_path: Path, window: Any) -> None:
    tab = window.overview_tab
    path = tmp_path / "отчёт" / "Обзор.pdf"
    path.parent.mkdir()
    with answering(qtbot, file_chosen(path), QFileDialog):
        click(qtbot, tab.pdf_button)  # «Экспорт в PDF…»
    assert path.is_file()
    assert len(pypdfium2.PdfDocument(str(path))) == 1
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "AktDesk: обзор на 22.11.2026" in flat
    assert "Закрытие месяца: договоры по месяцам" in flat
    assert "Дебиторская задолженность: топ-10 клиентов" in flat
    assert "Неподписанные акты и УПД по менеджерам" in flat
    amount = " ".join(tab.counters["unsigned"].amount.text().split())  # pdftotext turns NBSP into spaces
    assert amount in flat
