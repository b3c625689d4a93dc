"""The notification centre, as the user meets it: the status-bar button opens the user's
notifications newest first with when and what, the unread ones in bold (then read); «Открыть» on a
closed deal shows its act in the registry with its card, a double click on a payment request opens
the request's card, Enter on a notification whose object is gone says so."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import delete, select

from desktop.core.models import BudgetItem, Contract, CostCentre, Notification
from desktop.core.requests import workflow
from desktop.core.requests.validation import RequestInput
from desktop.ui.notifications.dialog import NotificationsDialog
from desktop.ui.registry.card import DocumentCard
from desktop.ui.requests.card import RequestCard
from tests.factories import TODAY, make_document
from tests.ui.user import answering, click, click_cell, reply, top_dialog


def _utc(minutes_ago: int) -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0) - dt.timedelta(minutes=minutes_ago)


def _shown(at: dt.datetime) -> str:
    """How the centre writes a stored UTC moment: the local date and time."""
    return f"{at.replace(tzinfo=dt.UTC).astimezone():%d.%m.%Y %H:%M}"


def test_the_centre_lists_newest_first_and_opens_the_act_and_the_request(
    qtbot: Any, main_window: Any
) -> None:
    database = main_window.database
    me = database.login
    with database.transaction() as session:
        session.execute(delete(Notification))  # the demo's own notices: this test's list only
        contract = session.scalars(
            select(Contract).where(Contract.status == "active").order_by(Contract.id)
        ).first()
        assert contract is not None
        act = make_document(session, contract, "act")
        act.signed = True
        request = workflow.create_request(
            session,
            RequestInput(
                own_entity_id=contract.own_entity_id,
                subject="за услуги связи по счёту № 45 от 02.11.2026",
                counterparty_id=contract.counterparty_id,
                amount=Decimal("12200.00"),
                currency="RUB",
                vat_rate="22%",
                pay_by=TODAY + dt.timedelta(days=3),
                budget_item_id=session.scalars(select(BudgetItem.id).order_by(BudgetItem.id)).first(),
                cost_centre_id=session.scalars(select(CostCentre.id).order_by(CostCentre.id)).first(),
            ),
            login=me,
            today=TODAY,
        )
        times = {"old": _utc(60 * 48), "closed": _utc(60), "gone": _utc(20), "request": _utc(5)}
        session.add_all(
            [
                Notification(user_login=me, text="Прочитанное давно", at=times["old"], read_at=_utc(60 * 47)),
                Notification(
                    user_login=me,
                    text=f"Сделка закрыта: акт № {act.number}",
                    object_type="closed",
                    object_id=act.id,
                    at=times["closed"],
                ),
                Notification(
                    user_login=me,
                    text="Акт, которого больше нет",
                    object_type="closed",
                    object_id=act.id + 1000,
                    at=times["gone"],
                ),
                Notification(
                    user_login=me,
                    text=f"Заявка № {request.number} ждёт согласования",
                    object_type="payment_request",
                    object_id=request.id,
                    at=times["request"],
                ),
                Notification(user_login="someone.else", text="Чужое", at=times["request"]),
            ]
        )
        act_id, request_id = act.id, request.id
    button = main_window.notifications
    button.refresh()  # as the minute's poll does
    assert button.text() == "Уведомления: 3" and button.font().bold()

    click(qtbot, button)
    centre = top_dialog(NotificationsDialog)
    assert centre.objectName() == "notificationsDialog"
    rows = [centre.list.item(i) for i in range(centre.list.count())]
    assert [row.text() for row in rows] == [
        f"{_shown(times['request'])}  Заявка № {request.number} ждёт согласования",
        f"{_shown(times['gone'])}  Акт, которого больше нет",
        f"{_shown(times['closed'])}  Сделка закрыта: акт № {act.number}",
        f"{_shown(times['old'])}  Прочитанное давно",
    ]
    assert [row.font().bold() for row in rows] == [True, True, True, False]
    assert button.text() == "Уведомления: 0" and not button.font().bold()  # read on opening

    click_cell(qtbot, centre.list, 2, 0)
    click(qtbot, centre.open_button)
    assert not centre.isVisible()
    assert main_window.tabs.currentWidget() is main_window.registry_tab
    qtbot.waitUntil(lambda: isinstance(_modal(), DocumentCard), timeout=10000)
    card = top_dialog(DocumentCard)
    assert card.document_id == act_id
    assert main_window.registry_tab.view.current_id() == act_id
    card.close()

    click(qtbot, button)
    centre = top_dialog(NotificationsDialog)
    assert not any(centre.list.item(i).font().bold() for i in range(centre.list.count()))
    click_cell(qtbot, centre.list, 0, 0, double=True)
    assert not centre.isVisible()
    assert main_window.tabs.currentWidget() is main_window.requests_tab
    request_card = top_dialog(RequestCard)
    assert request_card.request_id == request_id
    request_card.close()

    click(qtbot, button)
    centre = top_dialog(NotificationsDialog)
    click_cell(qtbot, centre.list, 1, 0)
    seen: list[str] = []
    with answering(qtbot, reply(qtbot, QMessageBox.StandardButton.Ok, seen), QMessageBox):
        qtbot.keyClick(centre.list, Qt.Key.Key_Return)
    assert seen == ["Объект уведомления не найден"]
    assert centre.isVisible()  # nothing was opened: the centre stays
    centre.close()


def _modal() -> Any:
    return QApplication.activeModalWidget()
