"""Document requests on PostgreSQL, each person in their own window under their own login: the manager's
standard request is completed by the program under the manager's login (the one document a manager's
login may write, migration 0010), and the accountant's «Отклонить…» tells the manager why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QInputDialog
from sqlalchemy import select

from desktop.core.demo.data import fill_demo
from desktop.core.models import DocRequest, Document, DocumentKind
from tests.factories import TODAY
from tests.factories.logins import People
from tests.ui.doc_requests.desk import (
    Desk,
    centre,
    client_and_service,
    new_request,
    requests_tab,
    send,
    unread,
)
from tests.ui.user import answering, click, click_cell, open_tab, text_entered, top_dialog


def test_a_managers_login_gets_its_standard_request_and_hears_of_a_rejection(
    qtbot: Any, pg_people: People, tmp_path: Path, russian: None
) -> None:
    with pg_people.owner.transaction() as session:
        fill_demo(session, clients=12, seed=7, today=TODAY)
    pg_people.add("man", "manager", "Смирнов Алексей Игоревич")
    pg_people.add("buh", "accountant", "Иванова Мария Петровна")
    desk = Desk(qtbot, "", tmp_path / "out")
    client, entity, service, region = client_and_service(pg_people.owner)
    manager = desk.window_on(pg_people.db("man"))
    tab = requests_tab(qtbot, manager)

    card = new_request(qtbot, tab, client, entity, service, region, ["contract", "invoice"])
    told = send(qtbot, card)
    assert told.startswith("Документы готовы"), told
    with pg_people.owner.session() as session:
        request = session.get(DocRequest, card.request_id)
        assert request is not None and request.initiator == pg_people.login("man")
        invoice = session.scalars(
            select(Document).where(
                Document.contract_id == request.contract_id, Document.kind == DocumentKind.INVOICE
            )
        ).one()
        assert invoice.created_by == pg_people.login("man")  # made under the manager's own login
    card.close()

    card = new_request(qtbot, tab, client, entity, service, region, ["contract", "act"])
    assert send(qtbot, card) == "Отправлен в очередь бухгалтерии."
    request_id = card.request_id
    card.close()
    before = unread(manager)

    accountant = desk.window_on(pg_people.db("buh"))
    queue = requests_tab(qtbot, accountant)
    row = queue.row_of(request_id)  # type: ignore[arg-type]
    assert row is not None and queue.rows[row].initiator_name == "Смирнов Алексей Игоревич"
    click_cell(qtbot, queue.table, row, 0, double=True)
    work = top_dialog(type(card))
    with answering(
        qtbot, text_entered("Акт делается закрытием месяца, отдельный запрос не нужен"), QInputDialog
    ):
        click(qtbot, work.reject_button)  # «Отклонить…»
    assert "Отклонён" in work.heading.text()
    assert work.waiting.text() == "Отклонён: Акт делается закрытием месяца, отдельный запрос не нужен"

    open_tab(qtbot, manager.tabs, "Договоры")  # the manager's window checks again when a tab is shown
    assert unread(manager) == before + 1
    assert centre(qtbot, manager)[0].endswith(
        "отклонён: Акт делается закрытием месяца, отдельный запрос не нужен"
    )
