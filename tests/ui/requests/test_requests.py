"""The payment-request card and registry tab, driven as a user would: create in the card, submit, approve
as the approver, see the history; errors at the fields; buttons a role may not press are disabled with the
reason; the registry's views, totals and export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox
from sqlalchemy import select

from desktop.config import load_settings
from desktop.core.bank import read_statement_files
from desktop.core.db import Database
from desktop.core.models import Counterparty, OwnEntity, PaymentRequest, RequestStatus
from desktop.core.requests import workflow
from desktop.core.requests.permissions import Action
from desktop.ui.requests.card import RequestCard
from desktop.ui.requests.tab import RequestsTab
from tests.factories.requests import (
    ACCOUNTANT,
    APPROVER,
    INITIATOR,
    PDF,
    TODAY,
    draft_input,
    setup_parties,
)
from tests.ui.user import answering, choose, click, file_chosen, text_entered, type_text


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text))
    return shown


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    with sqlite_db.transaction() as session:
        setup_parties(session)
    return sqlite_db


def ids(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {
            "entity": session.scalars(select(OwnEntity.id).order_by(OwnEntity.id)).first() or 0,
            "contractor": session.scalars(
                select(Counterparty.id).where(Counterparty.short_name == "ООО «Связьком»")
            ).one(),
        }


def type_in(edit: Any, text: str) -> None:
    """Typing into a field, key by key (Cyrillic too)."""
    type_text(edit, text)


def card_as(qtbot: Any, db: Database, login: str, request_id: int | None = None) -> RequestCard:
    card = RequestCard(db, request_id, login=login, settings=load_settings(), today=TODAY)
    qtbot.addWidget(card)
    card.show()
    return card


def test_create_in_the_card_submit_approve_as_the_approver_and_see_the_history(
    qtbot: Any, db: Database, russian: None, warnings: list[str]
) -> None:
    known = ids(db)
    card = card_as(qtbot, db, INITIATOR)
    assert card.windowTitle() == "Новая заявка на оплату"
    choose(qtbot, card.entity, data=known["entity"])
    type_in(card.edits["subject"], "за услуги связи по счёту № 45 от 02.11.2026")
    choose(qtbot, card.counterparty, data=known["contractor"])
    assert card.edits["contractor_name"].text() == "ООО «Связьком»"
    assert (
        len(card.edits["contractor_account"].text()) == 20
        and card.edits["contractor_bik"].text() == "044525974"
    )
    qtbot.keyClicks(card.edits["amount"], "12 200,00")
    assert card.purpose.toPlainText() == (
        "Оплата за услуги связи по счёту № 45 от 02.11.2026. В т.ч. НДС (22%) 2 200.00 руб."
    )
    assert card.purpose_count.text() == f"{len(card.purpose.toPlainText())} из 210 символов"
    assert not any(label.isVisible() for label in card.errors.values())
    assert not card.buttons[Action.APPROVE].isEnabled()

    qtbot.mouseClick(card.buttons[Action.SUBMIT], Qt.MouseButton.LeftButton)
    assert warnings == []
    assert card.request_id is not None
    with db.session() as session:
        request = session.get(PaymentRequest, card.request_id)
        assert request is not None
        assert (request.status, request.initiator, request.number, request.amount) == (
            RequestStatus.APPROVAL,
            INITIATOR,
            "1",
            Decimal("12200.00"),
        )
    assert "На согласовании" in card.status_label.text()
    approve = card.buttons[Action.APPROVE]
    assert not approve.isEnabled()
    assert "Согласовать заявку не может её автор" in approve.toolTip()
    assert not card.save_button.isEnabled() and "На согласовании" in card.save_button.toolTip()

    approver_card = card_as(qtbot, db, APPROVER, card.request_id)
    assert approver_card.windowTitle().startswith("Заявка на оплату № 1 от ")
    assert approver_card.buttons[Action.APPROVE].isEnabled()
    assert not approver_card.buttons[Action.PAY].isEnabled()
    assert "только заявку в статусе «Согласован к оплате»" in approver_card.buttons[Action.PAY].toolTip()
    assert approver_card.edits["subject"].isReadOnly()
    type_text(approver_card.comment, "Согласовано, платим в пятницу")
    qtbot.mouseClick(approver_card.buttons[Action.APPROVE], Qt.MouseButton.LeftButton)
    assert warnings == []
    assert "Согласован к оплате" in approver_card.status_label.text()
    history = approver_card.history.toPlainText()
    assert "Волков Сергей Николаевич: На согласовании → Согласован к оплате" in history
    assert "Согласовано, платим в пятницу" in history
    assert "Смирнов Алексей Игоревич: Черновик → На согласовании" in history
    assert history.index("Волков") < history.index("Черновик → На согласовании")  # newest first
    assert approver_card.comment.toPlainText() == ""

    accountant_card = card_as(qtbot, db, ACCOUNTANT, card.request_id)
    assert accountant_card.buttons[Action.PAY].isEnabled()
    assert accountant_card.buttons[Action.RETURN].isEnabled()
    qtbot.mouseClick(accountant_card.buttons[Action.RETURN], Qt.MouseButton.LeftButton)  # no comment
    assert warnings == ["Напишите комментарий: причина возврата на доработку обязательна."]
    assert accountant_card.errors["comment"].isVisible()
    with db.session() as session:
        request = session.get(PaymentRequest, card.request_id)
        assert (
            request is not None and request.status == RequestStatus.APPROVED and request.approver == APPROVER
        )


def test_errors_are_shown_at_their_fields_and_nothing_is_saved(
    qtbot: Any, db: Database, russian: None, warnings: list[str]
) -> None:
    card = card_as(qtbot, db, INITIATOR)
    qtbot.keyClicks(card.edits["contractor_inn"], "7707083894")
    assert card.errors["contractor_inn"].isVisible()
    assert card.errors["contractor_inn"].text() == "неверная контрольная сумма ИНН"
    assert not card.errors["subject"].isVisible()  # not reached yet: no shouting
    qtbot.mouseClick(card.save_button, Qt.MouseButton.LeftButton)
    assert warnings and warnings[0].startswith("Заявка заполнена с ошибками:")
    for name in ("own_entity_id", "subject", "contractor_name", "amount", "contractor_account", "purpose"):
        assert card.errors[name].isVisible(), name
    assert card.errors["amount"].text() == "обязательное поле"
    with db.session() as session:
        assert session.scalars(select(PaymentRequest)).first() is None
    assert card.request_id is None


def test_a_file_dropped_on_the_card_is_attached_to_the_request(
    qtbot: Any,
    db: Database,
    russian: None,
    warnings: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setenv("AKTDESK_SHARE_ROOT", str(share))
    with db.transaction() as session:
        entity = session.get(OwnEntity, ids(db)["entity"])
        contractor = session.get(Counterparty, ids(db)["contractor"])
        request_id = workflow.create_request(
            session, draft_input({"entity": entity, "contractor": contractor}), login=INITIATOR, today=TODAY
        ).id
    invoice = tmp_path / "счёт 45.pdf"
    invoice.write_bytes(PDF)
    card = card_as(qtbot, db, INITIATOR, request_id)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(invoice))])
    point = QPointF(card.width() / 2, card.height() / 2)
    enter = QDragEnterEvent(
        point.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(card, enter)
    assert enter.isAccepted() and enter.dropAction() == Qt.DropAction.CopyAction
    drop = QDropEvent(
        point,
        Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(card, drop)
    with qtbot.waitSignal(card.last_task.finished, timeout=10000):
        pass
    assert invoice.exists()  # copied, never moved
    assert warnings == []
    assert card.attachments.count() == 1
    assert card.attachments.item(0).text() == "Эл. версия счёта: счёт 45.pdf"
    assert (share / card.last_attach.stored[0]).read_bytes() == PDF
    assert "Прикреплён файл (Эл. версия счёта): счёт 45.pdf" in card.history.toPlainText()


def _approved(db: Database, count: int) -> list[int]:
    made = []
    with db.transaction() as session:
        entity = session.get(OwnEntity, ids(db)["entity"])
        contractor = session.get(Counterparty, ids(db)["contractor"])
        parties = {"entity": entity, "contractor": contractor}
        for n in range(count):
            request = workflow.create_request(
                session,
                draft_input(
                    parties, amount=Decimal(f"{1000 + n}.50"), pay_by=TODAY + dt.timedelta(days=2 + 7 * n)
                ),
                login=INITIATOR,
                today=TODAY,
            )
            workflow.submit(session, request.id, login=INITIATOR)
            if n:
                workflow.approve(session, request.id, login=APPROVER)
            made.append(request.id)
    return made


def test_registry_views_totals_and_export_of_approved_requests(
    qtbot: Any, qtmodeltester: Any, db: Database, russian: None, warnings: list[str], tmp_path: Path
) -> None:
    made = _approved(db, 3)  # the first waits for approval, the other two are approved
    tab = RequestsTab(db, settings=load_settings(), login=APPROVER, today=TODAY)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    qtbot.waitExposed(tab)
    qtmodeltester.check(tab.model)
    assert tab.model.rowCount() == 3
    assert tab.footer.text() == "Заявок: 3   Сумма: 3\xa0004,50 ₽"
    choose(qtbot, tab.view_combo, data="to_approve")
    assert tab.model.ids() == [made[0]]
    assert tab.model.data(tab.model.index(0, 2)) == "На согласовании"
    choose(qtbot, tab.view_combo, data="due_this_week")
    assert set(tab.model.ids()) == {made[0]}  # due on Wednesday; the others next weeks
    choose(qtbot, tab.view_combo, text=tab.view_combo.itemText(0))
    choose(qtbot, tab.status, data="approved")
    assert set(tab.model.ids()) == set(made[1:])
    assert tab.footer.text() == "Заявок: 2   Сумма: 2\xa0004,00 ₽"
    with answering(qtbot, text_entered("Согласованные"), QInputDialog):
        click(qtbot, tab.saved.save_button)
    choose(qtbot, tab.status, text=tab.status.itemText(0))  # every status again
    assert tab.model.rowCount() == 3
    choose(qtbot, tab.saved.combo, text="Согласованные")
    assert set(tab.model.ids()) == set(made[1:]) and tab.status.currentData() == "approved"

    assert not tab.export_button.isEnabled()
    assert tab.export_button.toolTip() == "Выгружает платёжные поручения только бухгалтер или администратор."
    tab.login = ACCOUNTANT
    tab.reload()
    assert tab.export_button.isEnabled()
    out = tmp_path / "платёжки.txt"
    with answering(qtbot, file_chosen(out), QFileDialog):
        click(qtbot, tab.export_button)
    qtbot.waitUntil(lambda: getattr(tab, "last_export", None) is not None, timeout=10000)
    assert tab.last_export.requests == ["2", "3"]
    files = read_statement_files([out])
    assert not files.errors, (files.errors, tab.last_export.path, sorted(p.name for p in tmp_path.iterdir()))
    [statement] = files.statements
    assert [d.amount for d in statement.documents] == [Decimal("1001.50"), Decimal("1002.50")]
    assert tab.model.data(tab.model.index(0, 2)).endswith("выгружено")


def test_the_tab_follows_payments_in_the_main_window(qtbot: Any, db: Database, russian: None) -> None:
    from desktop.ui.main_window import MainWindow

    window = MainWindow(load_settings(), db)
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles.index("За&явки на оплату") == titles.index("Пл&атежи") + 1


def test_an_attachment_waits_in_the_queue_when_the_share_is_down(
    qtbot: Any,
    db: Database,
    russian: None,
    warnings: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    share = tmp_path / "share-that-is-down"
    monkeypatch.setenv("AKTDESK_SHARE_ROOT", str(share))
    [request_id] = _approved(db, 1)
    order = tmp_path / "платёжка.pdf"
    order.write_bytes(PDF + b"order")
    card = card_as(qtbot, db, ACCOUNTANT, request_id)
    with answering(qtbot, file_chosen(order), QFileDialog):
        click(qtbot, card.attach_order)  # «Прикрепить платёжное поручение…»
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert len(warnings) == 1
    assert f"Общая папка недоступна: {share}" in warnings[0] and "локальную очередь" in warnings[0]
    assert card.attachments.item(0).text() == "Платёжное поручение: платёжка.pdf — ждёт в очереди"
