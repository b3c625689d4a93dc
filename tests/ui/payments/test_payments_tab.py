"""The Payments tab: a statement dropped from Explorer is imported on a worker thread, invoices show what is
paid, unallocated receipts are grouped by region and manager and assigned by hand; the notifications button."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from desktop.core.common.events import current_login
from desktop.core.db import Database
from desktop.core.models import BankAccount, Contract, Counterparty, Document, User
from desktop.core.payments import NO_CLIENT
from desktop.ui.notifications.dialog import NotificationsDialog
from desktop.ui.payments.allocate_dialog import AMOUNT_COLUMN, AllocateDialog
from desktop.ui.payments.tab import PaymentsTab
from tests.factories import make_document
from tests.factories.payments import STRANGER_ACCOUNT, STRANGER_INN, Pay, statement, write_statement
from tests.ui.user import (
    answering,
    click,
    drop_files,
    edit_cell,
    open_tab,
    press,
    reply,
    top_dialog,
    type_text,
)


class Invoices:
    """Three clients of one own entity with an October invoice each (and the first client's act)."""

    def __init__(self, database: Database) -> None:
        with database.transaction() as session:
            contracts = list(
                session.scalars(select(Contract).where(Contract.status == "active").order_by(Contract.id))
            )
            first = contracts[0]
            same_entity = [c for c in contracts if c.own_entity_id == first.own_entity_id]
            chosen: list[Contract] = []
            for contract in same_entity:
                if contract.counterparty_id not in {c.counterparty_id for c in chosen}:
                    chosen.append(contract)
                if len(chosen) == 3:
                    break
            self.contract_ids = [c.id for c in chosen]
            self.act_id = make_document(session, chosen[0], "act", "2026-10").id
            self.invoice_ids = [make_document(session, c, "invoice", "2026-10").id for c in chosen]
            self.account = session.scalars(
                select(BankAccount.account).where(BankAccount.own_entity_id == first.own_entity_id)
            ).first()
            self.clients = [session.get(Counterparty, c.counterparty_id) for c in chosen]
            self.invoices = [session.get(Document, i) for i in self.invoice_ids]

    def pay(self, index: int, number: str, amount: str, purpose: str) -> Pay:
        client = self.clients[index]
        assert client is not None and self.account is not None
        return Pay(
            number,
            "10.11.2026",
            amount,
            purpose,
            client.inn,
            client.account or "40702810000000000011",
            client.short_name.replace("«", '"').replace("»", '"'),
            own_account=self.account,
        )

    def ref(self, index: int) -> str:
        invoice = self.invoices[index]
        assert invoice is not None
        return f"№ {invoice.number} от {invoice.date:%d.%m.%Y}"


@pytest.fixture
def invoices(demo_db: Database) -> Invoices:
    return Invoices(demo_db)


@pytest.fixture
def tab(
    qtbot: Any, demo_db: Database, invoices: Invoices, russian: None, monkeypatch: pytest.MonkeyPatch
) -> PaymentsTab:
    from desktop.config import load_settings
    from desktop.ui.main_window import MainWindow

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    window = MainWindow(load_settings(), demo_db)
    qtbot.addWidget(window)
    window.resize(1300, 860)
    window.show()
    qtbot.waitExposed(window)
    widget = open_tab(qtbot, window.tabs, "Платежи")
    assert isinstance(widget, PaymentsTab)
    return widget


def _click_payment(qtbot: Any, tab: PaymentsTab, payment_id: int) -> None:
    queue = tab.queue
    items = [
        queue.topLevelItem(g).child(c)
        for g in range(queue.topLevelItemCount())
        for c in range(queue.topLevelItem(g).childCount())
    ]
    [item] = [i for i in items if i.data(0, Qt.ItemDataRole.UserRole) == payment_id]
    queue.scrollToItem(item)
    qtbot.mouseClick(queue.viewport(), Qt.MouseButton.LeftButton, pos=queue.visualItemRect(item).center())
    assert queue.current_payment_id() == payment_id


def _assign(qtbot: Any, tab: PaymentsTab, payment_id: int) -> AllocateDialog:
    """Select the payment in the queue, «Разнести по счетам…»."""
    _click_payment(qtbot, tab, payment_id)
    click(qtbot, tab.assign_button)
    return top_dialog(AllocateDialog)


def _amount(qtbot: Any, dialog: AllocateDialog, document_id: int, text: str) -> None:
    row = dialog.row_of(document_id)
    assert row is not None
    edit_cell(qtbot, dialog.table, row, AMOUNT_COLUMN, text)


def _statement(tmp_path: Path, invoices: Invoices) -> Path:
    total = invoices.invoices[0].amount_total  # type: ignore[union-attr]
    pays = [
        invoices.pay(0, "101", f"{total:.2f}", f"Оплата по счету {invoices.ref(0)} за услуги"),
        invoices.pay(1, "102", "5000.00", f"Частичная оплата счета {invoices.ref(1)}"),
        invoices.pay(2, "103", "12977.00", "Оплата за услуги октября"),
        Pay(
            "104",
            "10.11.2026",
            "1500.00",
            "Оплата за ООО Лютик",
            STRANGER_INN,
            STRANGER_ACCOUNT,
            "ИП Сидоров",
            own_account=invoices.account or "",
        ),
    ]
    return write_statement(tmp_path / "kl_to_1c.txt", statement(pays))


def _paid_text(tab: PaymentsTab, document_id: int) -> str:
    row = tab.model.row_of(document_id)
    assert row is not None
    column = [c.key for c in tab.model.columns].index("paid")
    return tab.model.index(row, column).data()


def _imported(qtbot: Any, tab: PaymentsTab, files: list[Path]) -> None:
    drop_files(tab, files)
    assert tab.task is not None
    qtbot.waitUntil(lambda: tab.last_report is not None, timeout=30000)


def test_dropped_statement_marks_invoices_and_fills_the_unallocated_queue(
    qtbot: Any, tab: PaymentsTab, invoices: Invoices, tmp_path: Path
) -> None:
    _imported(qtbot, tab, [_statement(tmp_path, invoices)])

    report = tab.last_report
    assert report is not None and (report.incoming, report.matched, report.unallocated) == (4, 2, 2)
    assert tab.summary.isVisible() and "Разнесено автоматически: 2; не разнесено: 2" in tab.summary.text()
    assert _paid_text(tab, invoices.invoice_ids[0]) == "оплачен"
    assert _paid_text(tab, invoices.invoice_ids[1]) == "частично: 5\xa0000,00"
    assert _paid_text(tab, invoices.invoice_ids[2]) == "не оплачен"
    third = invoices.clients[2]
    assert third is not None
    with tab.database.session() as session:  # type: ignore[union-attr]
        manager = session.get(User, third.manager_id).full_name  # type: ignore[union-attr, arg-type]
    assert tab.queue.groups() == [f"{third.region} — {manager}", NO_CLIENT]
    assert tab.queue.total == 2

    # the payments behind the selected invoice
    tab.view.selectRow(tab.model.row_of(invoices.invoice_ids[1]))  # type: ignore[arg-type]
    assert tab.behind.rowCount() == 1
    assert [tab.behind.item(0, c).text() for c in (1, 4)] == ["102", "5\xa0000,00"]
    assert tab.behind.item(0, 5).text().startswith("по номеру и дате счёта")

    # the same file again: nothing new
    tab.last_report = None
    _imported(qtbot, tab, [_statement(tmp_path, invoices)])
    assert tab.last_report is not None and (tab.last_report.incoming, tab.last_report.duplicates) == (0, 4)
    assert tab.queue.total == 2


def test_a_payment_is_assigned_by_hand_in_the_dialog_with_an_overpayment_confirmed(
    qtbot: Any, tab: PaymentsTab, invoices: Invoices, tmp_path: Path
) -> None:
    _imported(qtbot, tab, [_statement(tmp_path, invoices)])
    payment_id = tab.queue.payment_ids(0)[0]  # 12 977.00 «for the services of October» from the third client
    asked: list[str] = []

    dialog = _assign(qtbot, tab, payment_id)

    assert dialog.row_of(invoices.invoice_ids[2]) == 0  # the payer's own invoice first, suggested in full
    assert dialog.table.item(0, 7).text() == "12\xa0200,00"
    _amount(qtbot, dialog, invoices.invoice_ids[2], "12 977,00")
    assert "12\xa0977,00" in dialog.total.text()
    with answering(qtbot, reply(qtbot, QMessageBox.StandardButton.Yes, asked), QMessageBox):
        press(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Ok)
    assert asked and "переплата 777,00" in asked[0]  # asked before the overpayment was saved
    assert dialog.result() == dialog.DialogCode.Accepted
    assert tab.queue.groups() == [NO_CLIENT]
    assert _paid_text(tab, invoices.invoice_ids[2]) == "оплачен"

    # a third party pays for a client: found by the invoice number and assigned in part
    stranger = tab.queue.payment_ids(0)[0]
    dialog = _assign(qtbot, tab, stranger)
    type_text(dialog.search, invoices.invoices[1].number)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: dialog.row_of(invoices.invoice_ids[1]) is not None, timeout=10000)
    _amount(qtbot, dialog, invoices.invoice_ids[1], "1 500,00")
    press(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Ok)
    assert len(asked) == 1 and dialog.result() == dialog.DialogCode.Accepted
    assert tab.queue.total == 0
    assert _paid_text(tab, invoices.invoice_ids[1]) == "частично: 6\xa0500,00"


def test_notifications_button_counts_the_users_closed_deals_and_marks_them_read(
    qtbot: Any, main_window: Any, invoices: Invoices, tmp_path: Path
) -> None:
    database = main_window.database
    with database.transaction() as session:
        me = session.scalars(select(User).where(User.login == current_login())).one()
        session.get(Contract, invoices.contract_ids[0]).manager_id = me.id  # type: ignore[union-attr]
        session.get(Document, invoices.act_id).signed = True  # type: ignore[union-attr]
    button = main_window.notifications
    before = int(button.text().rsplit(" ", 1)[1])  # the demo's document requests already told this user

    _imported(qtbot, main_window.payments_tab, [_statement(tmp_path, invoices)])

    assert button.text() == f"Уведомления: {before + 1}"
    click(qtbot, button)
    dialog = top_dialog(NotificationsDialog)
    assert dialog.list.count() == before + 1 and "Сделка закрыта" in dialog.list.item(0).text()
    assert dialog.list.item(0).font().bold()
    assert button.text() == "Уведомления: 0"
