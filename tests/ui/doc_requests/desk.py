"""What the document request tests share: each person's window on the same database, a new request
filled by clicks, «Отправить» with the message it ends with, the notification centre's texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop.config import load_settings
from desktop.core.db import Database, open_database
from desktop.core.models import BankAccount, Contract, ContractStatus, Counterparty, OwnEntity
from desktop.ui.doc_requests.card import DocRequestCard
from desktop.ui.doc_requests.tab import DocRequestsTab
from desktop.ui.notifications.dialog import NotificationsDialog
from tests.ui.user import answering, choose, click, edit_cell, open_tab, reply, top_dialog

MANAGER, ACCOUNTANT = "m.smirnov", "buh.ivanova"  # the demo's people
REGION = "Москва"  # theirs: the contract wizard offers a user the entities of their region


class Desk:
    """Windows of several people on the demo file, each with its own login (as on their own PCs)."""

    def __init__(self, qtbot: Any, url: str, out: Path) -> None:
        self.qtbot, self.url, self.out = qtbot, url, out
        self.databases: list[Database] = []

    def window(self, login: str) -> Any:
        database = open_database(self.url, login=login)
        self.databases.append(database)
        return self.window_on(database)

    def window_on(self, database: Database) -> Any:
        """The main window of a person on their own connection (a PostgreSQL login of theirs)."""
        from desktop.ui.main_window import MainWindow  # deferred: the window after the test's Qt setup

        settings = load_settings()
        settings.output_dir = str(self.out)
        window = MainWindow(settings, database)
        self.qtbot.addWidget(window)
        window.resize(1300, 860)
        window.show()
        self.qtbot.waitExposed(window)
        return window


def client_and_service(database: Database) -> tuple[int, int, int, str]:
    """A company client with a contract of a Moscow entity that has a bank account; a service it sells."""
    with database.session() as session:
        contract = session.scalars(
            select(Contract)
            .join(Counterparty, Counterparty.id == Contract.counterparty_id)
            .join(BankAccount, BankAccount.own_entity_id == Contract.own_entity_id)
            .join(OwnEntity, OwnEntity.id == Contract.own_entity_id)
            .where(Contract.status == ContractStatus.ACTIVE, Counterparty.kind == "legal")
            .where(OwnEntity.region == REGION)
            .order_by(Contract.id)
            .limit(1)
        ).one()
        entity = session.get(OwnEntity, contract.own_entity_id)
        assert entity is not None
        return contract.counterparty_id, entity.id, contract.lines[0].service_id, entity.region


def requests_tab(qtbot: Any, window: Any) -> DocRequestsTab:
    tab = open_tab(qtbot, window.tabs, "Запросы документов")
    assert isinstance(tab, DocRequestsTab)
    return tab


def new_request(
    qtbot: Any, tab: DocRequestsTab, client: int, entity: int, service: int, region: str, wanted: list[str]
) -> DocRequestCard:
    """«Новый запрос…», then the region, the entity, the client, what is wanted, one service at 45 000,00."""
    click(qtbot, tab.new_button)
    card = top_dialog(DocRequestCard)
    form = card.form
    choose(qtbot, form.region, text=region)
    choose(qtbot, form.entity, data=entity)
    choose(qtbot, form.client, data=client)
    for key in wanted:
        click(qtbot, form.wants[key])
    if form.template.isEnabled() and form.template.currentData() is None:
        choose(qtbot, form.template, text=form.template.itemText(1))
    click(qtbot, form.add_line_button)
    choose(qtbot, form.lines.cellWidget(0, 0), data=service)  # type: ignore[arg-type]
    edit_cell(qtbot, form.lines, 0, 2, "45 000,00")
    return card


def send(qtbot: Any, card: DocRequestCard) -> str:
    """«Отправить»; the message shown when the work is done."""
    seen: list[str] = []
    with answering(qtbot, reply(qtbot, QMessageBox.StandardButton.Ok, seen), QMessageBox, timeout=120000):
        click(qtbot, card.send_button)
    assert card.task is not None
    qtbot.waitUntil(lambda: not card.task.running, timeout=120000)  # type: ignore[union-attr]
    return seen[0]


def unread(window: Any) -> int:
    return int(window.notifications.text().rsplit(" ", 1)[1])


def centre(qtbot: Any, window: Any) -> list[str]:
    """Click «Уведомления: N»: the texts of the centre's list (the newest first)."""
    click(qtbot, window.notifications)
    dialog = top_dialog(NotificationsDialog)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    dialog.close()
    return texts
