"""A route with two thresholds, end to end in the window on SQLite, each person in their own window
(the database's login is theirs): the admin makes the rules in «Справочники → Маршруты
согласования», the initiator creates and submits a request of 150 000 ₽ charged to a budget item
and a cost centre, the head of department approves stage 1 from «Ждут моего согласования», the
financial director stage 2; the next approver gets an e-mail at each stage."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox
from sqlalchemy import select

from desktop.config import Settings, SmtpSettings, load_settings
from desktop.core.budget import directory
from desktop.core.budget.directory import EntryInput, Kind
from desktop.core.db import Database, open_database
from desktop.core.models import (
    ApprovalRule,
    BudgetItem,
    CostCentre,
    Counterparty,
    OwnEntity,
    PaymentRequest,
    RequestStatus,
    User,
)
from desktop.core.requests import workflow
from desktop.core.requests.permissions import Action
from desktop.ui.budget.routes_dialog import ApprovalRoutesDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.requests.card import RequestCard
from desktop.ui.requests.tab import RequestsTab
from tests.factories.requests import ADMIN, APPROVER, INITIATOR, TODAY, draft_input, setup_parties
from tests.factories.smtp_server import SmtpServer
from tests.ui.user import (
    answering,
    choose,
    click,
    click_cell,
    open_tab,
    reply,
    top_dialog,
    trigger,
    type_text,
)

HEAD, DIRECTOR = "ruk.petrov", "dir.orlov"
HEAD_NAME, FINDIR_NAME = "Петров Иван Сергеевич", "Волков Сергей Николаевич"


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    smtp = SmtpServer().start()
    yield smtp
    smtp.stop()


class Office:
    """One SQLite file, a window per person: the program acts as the login it was opened with."""

    def __init__(self, qtbot: Any, url: str, settings: Settings) -> None:
        self.qtbot, self.url, self.settings = qtbot, url, settings
        self.databases: list[Database] = []

    def window(self, login: str) -> MainWindow:
        database = open_database(self.url, login=login)
        self.databases.append(database)
        window = MainWindow(self.settings, database)
        self.qtbot.addWidget(window)
        window.show()
        self.qtbot.waitExposed(window)
        return window


@pytest.fixture
def office(qtbot: Any, sqlite_url: str, russian: None, server: SmtpServer) -> Iterator[Office]:
    setup = open_database(sqlite_url)
    with setup.transaction() as session:
        parties = setup_parties(session)
        session.add(User(login=HEAD, full_name=HEAD_NAME, role="approver", email="petrov@aktdesk.test"))
        session.add(User(login=DIRECTOR, full_name="Орлов Игорь Олегович", role="approver"))
        findir = session.scalars(select(User).where(User.login == APPROVER)).one()
        findir.email = "volkov@aktdesk.test"
        directory.save_entry(session, Kind.ITEMS, EntryInput("03.01", "Подрядчики"), login=ADMIN)
        directory.save_entry(session, Kind.CENTRES, EntryInput("ИТ", "ИТ-отдел"), login=ADMIN)
        assert parties["entity"].short_name == "ООО «АктСервис»"
    setup.dispose()
    settings = load_settings()
    settings.smtp = SmtpSettings(
        host="127.0.0.1", port=server.port, security="none", sender="buh@aktdesk.test"
    )
    found = Office(qtbot, sqlite_url, settings)
    yield found
    for database in found.databases:
        database.dispose()


def add_rule(
    qtbot: Any, dialog: ApprovalRoutesDialog, amount: str, stage: int, login: str, title: str
) -> None:
    click(qtbot, dialog.new_button)
    if amount:
        type_text(dialog.amount, amount)
    choose(qtbot, dialog.stage, data=stage)
    choose(qtbot, dialog.approver, data=login)
    type_text(dialog.title, title)
    click(qtbot, dialog.save_button)


def column(tab: RequestsTab, key: str) -> int:
    return [c.key for c in tab.model.columns].index(key)


def waiting_for_me(qtbot: Any, window: MainWindow) -> RequestsTab:
    tab = open_tab(qtbot, window.tabs, "Заявки на оплату")
    assert isinstance(tab, RequestsTab)
    choose(qtbot, tab.view_combo, text="Ждут моего согласования")
    return tab


def open_first(qtbot: Any, tab: RequestsTab) -> RequestCard:
    click_cell(qtbot, tab.view, 0, 0, double=True)
    card = top_dialog(RequestCard)
    qtbot.waitExposed(card)
    return card


def shown(label: QLabel) -> str:
    """What a label with rich text reads."""
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def route_lines(card: RequestCard) -> list[list[str]]:
    """The route section as the person reads it: each step's cells (comments are lines under them)."""
    lines = []
    for index in range(card.route.topLevelItemCount()):
        item = card.route.topLevelItem(index)
        assert item is not None
        lines.append([item.text(c) for c in range(card.route.columnCount())])
    return lines


def test_a_route_with_two_thresholds_end_to_end_in_the_window(
    qtbot: Any, office: Office, server: SmtpServer
) -> None:
    # The admin makes the route of ООО «АктСервис»: the head for every amount, the financial
    # director above 100 000, the director above 1 000 000.
    admin = office.window(ADMIN)
    trigger(admin, "Справочники", "Маршруты согласования…")
    routes = top_dialog(ApprovalRoutesDialog)
    choose(qtbot, routes.entity, text="ООО «АктСервис»")
    assert routes.save_button.isEnabled()
    click(qtbot, routes.save_button)  # nothing chosen yet: said at the fields
    assert routes.errors["approver_login"].text() == "выберите пользователя из списка"
    assert routes.errors["title"].isVisible()
    add_rule(qtbot, routes, "", 1, HEAD, "Руководитель отдела")
    add_rule(qtbot, routes, "100 000", 2, APPROVER, "Финансовый директор")
    add_rule(qtbot, routes, "1 000 000", 3, DIRECTOR, "Директор")
    assert not any(label.isVisible() for label in routes.errors.values())
    assert routes.table.rowCount() == 3
    assert [routes.table.item(2, c).text() for c in range(5)] == [  # type: ignore[union-attr]
        "3",
        "Любая",
        "1\xa0000\xa0000,00",
        "Орлов Игорь Олегович",
        "Директор",
    ]
    type_text(routes.preview_amount, "150 000")
    assert routes.preview.text() == (
        f"Заявка на 150 000,00 ₽ пройдёт: 1) Руководитель отдела ({HEAD_NAME}); "
        f"2) Финансовый директор ({FINDIR_NAME})"
    )
    routes.accept()
    with office.databases[0].session() as session:
        assert [
            (r.stage, r.amount_above, r.approver_login) for r in session.scalars(select(ApprovalRule))
        ] == [
            (1, 0, HEAD),
            (2, 100000, APPROVER),
            (3, 1000000, DIRECTOR),
        ]

    # The initiator creates the request in the card: without a budget item it is not accepted.
    initiator = office.window(INITIATOR)
    tab = open_tab(qtbot, initiator.tabs, "Заявки на оплату")
    assert isinstance(tab, RequestsTab) and tab.login == INITIATOR
    click(qtbot, tab.new_button)
    card = top_dialog(RequestCard)
    choose(qtbot, card.entity, text="ООО «АктСервис»")
    type_text(card.edits["subject"], "за внедрение CRM по счёту № 77 от 20.11.2026")
    choose(qtbot, card.counterparty, text=card.counterparty.itemText(1))
    qtbot.keyClicks(card.edits["amount"], "150 000,00")
    assert card.route_hint.text() == (
        f"Заявка на 150 000,00 ₽ пройдёт: 1) Руководитель отдела ({HEAD_NAME}); "
        f"2) Финансовый директор ({FINDIR_NAME})"
    )
    seen: list[str] = []
    with answering(qtbot, reply(qtbot, QMessageBox.StandardButton.Ok, seen), QMessageBox):
        click(qtbot, card.buttons[Action.SUBMIT])
    assert "Статья ДДС: выберите статью из справочника" in seen[0] and "ЦФО: выберите ЦФО" in seen[0]
    assert card.errors["budget_item_id"].text() == "выберите статью из справочника"
    assert card.request_id is None
    choose(qtbot, card.budget_item, text="03.01 Подрядчики")
    choose(qtbot, card.cost_centre, text="ИТ ИТ-отдел")
    assert not card.errors["budget_item_id"].isVisible()
    click(qtbot, card.buttons[Action.SUBMIT])
    request_id = card.request_id
    assert request_id is not None
    assert f"На согласовании — этап 1 из 2: {HEAD_NAME} (Руководитель отдела)" in shown(card.status_label)
    assert route_lines(card) == [
        ["1", HEAD_NAME, "Руководитель отдела", "ждёт", ""],
        ["2", FINDIR_NAME, "Финансовый директор", "в очереди", ""],
    ]
    qtbot.waitUntil(lambda: card.last_mail is not None, timeout=10000)
    assert card.mail_status.text() == "Письмо согласующим отправлено: petrov@aktdesk.test"
    assert [m.rcpt_tos for m in server.recorder.messages] == [["petrov@aktdesk.test"]]
    assert "ждёт вашего согласования (этап 1)" in server.recorder.messages[0].body()
    click(qtbot, card.close_button)

    # The head sees it waiting for his step, with the budget item's month, and approves stage 1.
    head = office.window(HEAD)
    head_tab = waiting_for_me(qtbot, head)
    assert head_tab.model.ids() == [request_id]
    waiting = head_tab.model.data(head_tab.model.index(0, column(head_tab, "waiting")))
    assert waiting == f"этап 1 из 2: {HEAD_NAME} (Руководитель отдела)"
    assert head_tab.model.data(head_tab.model.index(0, column(head_tab, "budget_item"))) == "03.01 Подрядчики"
    head_card = open_first(qtbot, head_tab)
    assert head_card.budget_line.isVisible()
    assert head_card.budget_line.text().startswith("По статье «03.01 Подрядчики» в ")
    assert head_card.budget_line.text().endswith("оплачено 0,00 ₽, согласовано к оплате 0,00 ₽")
    type_text(head_card.comment, "Внедрение в плане отдела")
    click(qtbot, head_card.buttons[Action.APPROVE])
    assert f"На согласовании — этап 2 из 2: {FINDIR_NAME} (Финансовый директор)" in shown(
        head_card.status_label
    )
    qtbot.waitUntil(lambda: head_card.last_mail is not None, timeout=10000)
    assert [m.rcpt_tos for m in server.recorder.messages][-1] == ["volkov@aktdesk.test"]
    click(qtbot, head_card.close_button)
    assert head_tab.model.ids() == []  # his step is taken: nothing waits for him now

    # The financial director sees it now and approves: approved for payment.
    findir = office.window(APPROVER)
    findir_tab = waiting_for_me(qtbot, findir)
    assert findir_tab.model.ids() == [request_id]
    findir_card = open_first(qtbot, findir_tab)
    assert not head_card.isVisible() and findir_card.request_id == request_id
    click(qtbot, findir_card.buttons[Action.APPROVE])
    assert "Согласован к оплате" in shown(findir_card.status_label)
    assert "этап" not in shown(findir_card.status_label)
    history = findir_card.history.toPlainText()
    assert f"{HEAD_NAME}: На согласовании → На согласовании" in history
    assert "Согласовано: этап 1 из 2 (Руководитель отдела). Внедрение в плане отдела" in history
    assert f"{FINDIR_NAME}: На согласовании → Согласован к оплате" in history
    assert "Согласовано: этап 2 из 2 (Финансовый директор)" in history
    lines = route_lines(findir_card)
    assert [line[:4] for line in lines] == [
        ["1", HEAD_NAME, "Руководитель отдела", "согласовано"],
        ["2", FINDIR_NAME, "Финансовый директор", "согласовано"],
    ]
    assert all(line[4] for line in lines)  # when each decided
    comment = findir_card.route.topLevelItem(0).child(0)  # type: ignore[union-attr]
    assert comment is not None and comment.text(0) == "«Внедрение в плане отдела»"
    assert findir_tab.model.ids() == []
    with office.databases[0].session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        assert (request.status, request.approver) == (RequestStatus.APPROVED, APPROVER)
        assert [(s.stage, s.decided_by) for s in request.steps] == [(1, HEAD), (2, APPROVER)]


def two_rules(database: Database) -> None:
    with database.transaction() as session:
        entity = session.scalars(select(OwnEntity).where(OwnEntity.short_name == "ООО «АктСервис»")).one()
        session.add_all(
            [
                ApprovalRule(
                    own_entity_id=entity.id, stage=1, approver_login=HEAD, title="Руководитель отдела"
                ),
                ApprovalRule(
                    own_entity_id=entity.id,
                    stage=2,
                    approver_login=APPROVER,
                    title="Финансовый директор",
                    amount_above=Decimal("100000"),
                ),
            ]
        )


def draft(database: Database, amount: str = "150000.00") -> int:
    with database.transaction() as session:
        entity = session.scalars(select(OwnEntity).where(OwnEntity.short_name == "ООО «АктСервис»")).one()
        party = session.scalars(select(Counterparty).where(Counterparty.short_name == "ООО «Связьком»")).one()
        item = session.scalars(select(BudgetItem)).one()
        centre = session.scalars(select(CostCentre)).one()
        values = draft_input(
            {"entity": entity, "contractor": party},
            amount=Decimal(amount),
            budget_item_id=item.id,
            cost_centre_id=centre.id,
        )
        return workflow.create_request(session, values, login=INITIATOR, today=TODAY).id


def card_of(qtbot: Any, office: Office, login: str, request_id: int | None) -> RequestCard:
    database = open_database(office.url, login=login)
    office.databases.append(database)
    card = RequestCard(database, request_id, settings=office.settings, today=TODAY)
    qtbot.addWidget(card)
    card.show()
    qtbot.waitExposed(card)
    return card


def test_a_refused_letter_is_a_line_in_the_card_and_the_approval_stands(
    qtbot: Any, office: Office, server: SmtpServer
) -> None:
    database = open_database(office.url, login=ADMIN)
    office.databases.append(database)
    two_rules(database)
    request_id = draft(database)
    server.recorder.refuse["petrov@aktdesk.test"] = "550 5.1.1 Mailbox unavailable"
    card = card_of(qtbot, office, INITIATOR, request_id)
    assert card.login == INITIATOR  # the database's login
    click(qtbot, card.buttons[Action.SUBMIT])
    qtbot.waitUntil(lambda: card.last_mail is not None, timeout=10000)
    assert card.mail_status.text().startswith("Письмо согласующим не отправлено: petrov@aktdesk.test: ")
    assert "550 5.1.1 Mailbox unavailable" in card.mail_status.text()
    assert "этап 1 из 2" in shown(card.status_label)
    with database.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None and request.status == RequestStatus.APPROVAL


def test_a_returned_and_resubmitted_request_folds_its_first_round(qtbot: Any, office: Office) -> None:
    database = open_database(office.url, login=ADMIN)
    office.databases.append(database)
    two_rules(database)
    request_id = draft(database)
    with database.transaction() as session:
        workflow.submit(session, request_id, login=INITIATOR)
        workflow.approve(session, request_id, login=HEAD)
        workflow.return_for_revision(session, request_id, login=APPROVER, comment="Приложите счёт")
        workflow.submit(session, request_id, login=INITIATOR, comment="Счёт приложен")
    card = card_of(qtbot, office, HEAD, request_id)
    assert "этап 1 из 2" in shown(card.status_label)
    assert route_lines(card) == [
        ["1", HEAD_NAME, "Руководитель отдела", "ждёт", ""],
        ["2", FINDIR_NAME, "Финансовый директор", "в очереди", ""],
        ["Предыдущие круги", "", "", "", ""],
    ]
    folder = card.route.topLevelItem(2)
    assert folder is not None and not folder.isExpanded()
    height = card.route.height()
    card.route.setFocus()
    card.route.setCurrentItem(folder)
    qtbot.keyClick(card.route, Qt.Key.Key_Right)  # unfold
    assert folder.isExpanded() and card.route.height() > height
    first = folder.child(0)
    assert first is not None and first.text(0) == "Круг 1"
    steps = [first.child(i) for i in range(first.childCount())]
    assert [[s.text(c) for c in range(4)] for s in steps if s is not None] == [
        ["1", HEAD_NAME, "Руководитель отдела", "согласовано"],
        ["2", FINDIR_NAME, "Финансовый директор", "возвращено"],
    ]
    returned = steps[1]
    assert returned is not None and returned.child(0) is not None
    assert returned.child(0).text(0) == "«Приложите счёт»"  # type: ignore[union-attr]


def test_the_demo_request_on_its_second_step_waits_for_the_financial_director_not_the_admin(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    with demo_db.session() as session:
        request = session.scalars(
            select(PaymentRequest).where(PaymentRequest.subject.like("Аренда офиса%"))
        ).one()
        request_id = request.id
        assert [(s.stage, s.approver_login, s.decision) for s in request.steps] == [
            (1, "ruk.sidorov", "approved"),
            (2, "fin.director", None),
        ]
    tab = open_tab(qtbot, main_window.tabs, "Заявки на оплату")
    assert isinstance(tab, RequestsTab)
    row = tab.model.row_of(request_id)
    assert row is not None
    assert tab.model.data(tab.model.index(row, column(tab, "waiting"))) == (
        f"этап 2 из 2: {FINDIR_NAME} (Финансовый директор)"
    )
    click_cell(qtbot, tab.view, row, 0, double=True)
    card = top_dialog(RequestCard)
    assert f"На согласовании — этап 2 из 2: {FINDIR_NAME} (Финансовый директор)" in shown(card.status_label)
    assert [line[:4] for line in route_lines(card)] == [
        ["1", "Сидоров Павел Андреевич", "Руководитель отдела", "согласовано"],
        ["2", FINDIR_NAME, "Финансовый директор", "ждёт"],
    ]
    assert card.budget_item.currentText() == "01.01 Аренда"
    assert card.budget_line.text().startswith("По статье «01.01 Аренда» в ")
    # The administrator is not on this route: the step is the financial director's.
    approve = card.buttons[Action.APPROVE]
    assert not approve.isEnabled()
    assert (
        approve.toolTip()
        == f"Заявка № 1 сейчас ждёт не вас: этап 2 из 2: {FINDIR_NAME} (Финансовый директор)."
    )
    choose(qtbot, tab.view_combo, text="Ждут моего согласования")
    assert tab.model.ids() == []  # nothing waits for the admin
