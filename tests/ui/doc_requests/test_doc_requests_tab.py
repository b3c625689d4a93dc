"""The «Запросы документов» tab, driven by clicks in the real main window: a manager's standard request
gets its contract and invoice (DOCX and PDF) at once and a notification, the bank statement paying that
invoice tells the manager; a non-standard one goes through the accountant's queue (taken, prepared in
the contract wizard filled from the request, «Готово»); a request whose client lacks a requisite
cannot be sent and says what is missing. Each person has their own window on the same SQLite file."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox, QWizard
from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.doc_requests.validation import is_standard
from desktop.core.doc_requests.workflow import as_input
from desktop.core.models import (
    BankAccount,
    Contract,
    Counterparty,
    DocRequest,
    DocRequestFile,
    Document,
    DocumentKind,
    EntityService,
    Notification,
    OwnEntity,
    Service,
)
from desktop.ui.contracts.wizard import ContractWizard
from desktop.ui.doc_requests.card import DocRequestCard
from desktop.ui.notifications.dialog import NotificationsDialog
from tests.factories import make_document
from tests.factories.payments import Pay, statement, write_statement
from tests.factories.pdf import one_page_pdf, write
from tests.ui.doc_requests.desk import (
    ACCOUNTANT,
    MANAGER,
    REGION,
    Desk,
    centre,
    client_and_service,
    new_request,
    requests_tab,
    send,
    unread,
)
from tests.ui.user import (
    answering,
    choose,
    click,
    click_cell,
    drop_files,
    edit_cell,
    file_chosen,
    open_tab,
    reply,
    top_dialog,
    type_text,
)


@pytest.fixture
def desk(qtbot: Any, demo_db: Database, tmp_path: Path, russian: None) -> Iterator[Desk]:
    desk = Desk(qtbot, demo_db.engine.url.render_as_string(hide_password=False), tmp_path / "out")
    yield desk
    for database in desk.databases:
        database.dispose()


def test_a_managers_standard_request_comes_back_ready_and_the_paid_invoice_is_told(
    qtbot: Any, desk: Desk, demo_db: Database, tmp_path: Path
) -> None:
    client, entity, service, region = client_and_service(demo_db)
    manager = desk.window(MANAGER)
    tab = requests_tab(qtbot, manager)
    assert tab.view_combo.currentData() == "mine"  # a manager starts with their own requests
    before = unread(manager)

    card = new_request(qtbot, tab, client, entity, service, region, ["contract", "invoice"])
    assert card.send_button.isEnabled(), card.send_button.toolTip()
    assert card.form.missing.text() == ""
    told = send(qtbot, card)

    assert told.startswith("Документы готовы"), told
    assert "Готово" in card.heading.text()
    with demo_db.session() as session:
        request = session.scalars(select(DocRequest).order_by(DocRequest.id.desc())).first()
        assert request is not None and request.initiator == MANAGER and request.state == "ready"
        assert is_standard(session, as_input(request))
        files = list(session.scalars(select(DocRequestFile).where(DocRequestFile.request_id == request.id)))
        invoice = session.scalars(
            select(Document).where(
                Document.contract_id == request.contract_id, Document.kind == DocumentKind.INVOICE
            )
        ).one()
        request_id, invoice_number, invoice_date, total = (
            request.id,
            invoice.number,
            invoice.date,
            invoice.amount_total,
        )
        account = session.scalars(
            select(BankAccount.account).where(BankAccount.own_entity_id == entity)
        ).first()
        party = session.get(Counterparty, client)
        assert party is not None and account is not None
    pdfs = sorted(Path(f.path).name for f in files if f.path.endswith(".pdf"))
    assert [name.split()[0] for name in pdfs] == ["Договор", "Счёт"]
    for made in files:
        assert Path(made.path).read_bytes()[:4] in (b"%PDF", b"PK\x03\x04"), made.path
    assert card.files.count() == len(files) == 4  # contract and invoice, DOCX and PDF
    card.close()

    # the manager is told, and the tab says what the request now waits for
    assert unread(manager) == before + 1
    texts = centre(qtbot, manager)
    assert f"Запрос № {request_id} (" in texts[0] and "документы готовы — Договор №" in texts[0]
    # «Открыть» on it: the request's card with the contract's and the invoice's files
    click(qtbot, manager.notifications)
    notes = top_dialog(NotificationsDialog)
    click_cell(qtbot, notes.list, 0, 0)
    click(qtbot, notes.open_button)
    opened = top_dialog(DocRequestCard)
    assert opened.request_id == request_id and manager.tabs.currentWidget() is tab
    shown = [opened.files.item(i).text() for i in range(opened.files.count())]
    assert sum(text.endswith(".pdf") for text in shown) == 2, shown
    opened.close()
    row = tab.row_of(request_id)
    assert row is not None and tab.rows[row].waiting == "ждёт оригиналов, ждёт оплаты"

    # the accountant drops the bank statement paying the invoice on the Payments tab of their window
    accountant = desk.window(ACCOUNTANT)
    payments = open_tab(qtbot, accountant.tabs, "Платежи")
    pay = Pay(
        "501",
        f"{invoice_date:%d.%m.%Y}",
        f"{total:.2f}",
        f"Оплата по счету № {invoice_number} от {invoice_date:%d.%m.%Y}",
        party.inn,
        party.account or "40702810000000000011",
        party.short_name.replace("«", '"').replace("»", '"'),
        own_account=account,
        own_inn=party.inn,
    )
    with demo_db.session() as session:
        own = session.get(OwnEntity, entity)
        assert own is not None
        pay.own_inn = own.inn
    drop_files(payments, [write_statement(tmp_path / "kl_to_1c.txt", statement([pay]))])
    qtbot.waitUntil(lambda: payments.last_report is not None, timeout=30000)  # type: ignore[attr-defined]
    assert payments.last_report.matched == 1  # type: ignore[attr-defined]

    # the manager sees it at the next check (here: the next tab they open)
    open_tab(qtbot, manager.tabs, "Договоры")
    assert unread(manager) == 1
    assert "клиент оплатил счёт" in centre(qtbot, manager)[0]
    requests_tab(qtbot, manager)
    row = tab.row_of(request_id)
    assert row is not None and tab.rows[row].waiting == "ждёт оригиналов"


def test_a_non_standard_request_goes_through_the_accountants_queue(
    qtbot: Any, desk: Desk, demo_db: Database
) -> None:
    client, entity, service, region = client_and_service(demo_db)
    manager = desk.window(MANAGER)
    card = new_request(
        qtbot, requests_tab(qtbot, manager), client, entity, service, region, ["contract", "act"]
    )
    card.form.comment.setFocus()
    type_text(card.form.comment, "Акт нужен сразу после подписания договора")
    told = send(qtbot, card)
    assert told == "Отправлен в очередь бухгалтерии.", told
    assert "Отправлен" in card.heading.text()
    card.close()
    with demo_db.session() as session:
        request = session.scalars(select(DocRequest).order_by(DocRequest.id.desc())).first()
        assert request is not None and request.state == "sent" and request.contract_id is None
        request_id = request.id

    # the accountant: the queue is their first view, the request opens with a double click
    accountant = desk.window(ACCOUNTANT)
    queue = requests_tab(qtbot, accountant)
    assert queue.view_combo.currentData() == "queue"
    row = queue.row_of(request_id)
    assert row is not None
    click_cell(qtbot, queue.table, row, 2, double=True)
    work = top_dialog(DocRequestCard)
    assert work.request_id == request_id and not work.send_button.isVisible()
    assert not work.form.client.isEnabled()  # what the manager asked for is not the accountant's to edit
    click(qtbot, work.take_button)
    assert "В работе" in work.heading.text()
    assert not work.ready_button.isEnabled()  # nothing prepared yet

    # «Подготовить…»: the contract wizard comes filled from the request
    click(qtbot, work.prepare_button)
    wizard = top_dialog(ContractWizard)
    assert wizard.parties_page.client.currentData() == client
    assert wizard.parties_page.entity.currentData() == entity
    seen: list[str] = []
    with answering(qtbot, reply(qtbot, QMessageBox.StandardButton.Ok, seen), QMessageBox, timeout=120000):
        for _step in range(3):
            click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
        assert wizard.lines_page.table.rowCount() == 1
        click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert seen[0].startswith("Подготовлено файлов: 2"), seen  # the contract, DOCX and PDF
    assert work.ready_button.isEnabled()
    click(qtbot, work.ready_button)
    assert "Готово" in work.heading.text()

    with demo_db.session() as session:
        request = session.get(DocRequest, request_id)
        assert request is not None and request.state == "ready" and request.assignee == ACCOUNTANT
        contract = session.get(Contract, request.contract_id)
        assert contract is not None and contract.counterparty_id == client
        assert [line.service_id for line in contract.lines] == [service]
        told_manager = session.scalars(
            select(Notification.text)
            .where(Notification.user_login == MANAGER)
            .order_by(Notification.id.desc())
        ).first()
    assert told_manager is not None and "документы готовы" in told_manager
    open_tab(qtbot, manager.tabs, "Договоры")
    newest = centre(qtbot, manager)[0]
    assert f"Запрос № {request_id} (" in newest and "документы готовы" in newest


def test_a_request_whose_client_lacks_a_requisite_cannot_be_sent(
    qtbot: Any, desk: Desk, demo_db: Database
) -> None:
    client, entity, service, region = client_and_service(demo_db)
    with demo_db.transaction() as session:
        party = session.get(Counterparty, client)
        assert party is not None
        party.legal_address = ""
        name = party.short_name
        services_of = session.get(Service, service)
        assert services_of is not None
    manager = desk.window(MANAGER)
    tab = requests_tab(qtbot, manager)
    card = new_request(qtbot, tab, client, entity, service, region, ["contract", "invoice"])

    assert not card.send_button.isEnabled()
    assert f"Клиент: «{name}»: не указан юридический адрес" in card.form.missing.text()
    assert "не указан юридический адрес" in card.send_button.toolTip()
    qtbot.mouseClick(card.send_button, Qt.MouseButton.LeftButton)  # pressed anyway: nothing happens
    assert card.task is None
    click(qtbot, card.save_button)  # the draft is kept to finish later
    assert "Запрос документов №" in card.heading.text()
    with demo_db.session() as session:
        request = session.scalars(select(DocRequest).order_by(DocRequest.id.desc())).first()
        assert request is not None and request.state == "draft" and request.counterparty_id == client
        assert not list(
            session.scalars(select(DocRequestFile).where(DocRequestFile.request_id == request.id))
        )


def test_files_attached_to_a_request_go_to_its_folder_on_the_share_or_wait_in_the_outbox(
    qtbot: Any, desk: Desk, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setenv("AKTDESK_SHARE_ROOT", str(share))
    client, entity, service, region = client_and_service(demo_db)
    manager = desk.window(MANAGER)
    card = new_request(
        qtbot, requests_tab(qtbot, manager), client, entity, service, region, ["contract", "invoice"]
    )
    assert not card.attach.isEnabled()  # a request not saved yet has no folder
    click(qtbot, card.save_button)
    card_file = write(tmp_path / "Карточка клиента.pdf", one_page_pdf())
    with answering(qtbot, file_chosen(card_file), QFileDialog):
        click(qtbot, card.attach)  # «Прикрепить файл…»
    qtbot.waitUntil(lambda: card.files.count() == 1, timeout=20000)
    with demo_db.session() as session:
        request = session.scalars(select(DocRequest).order_by(DocRequest.id.desc())).first()
        assert request is not None
        party = session.get(Counterparty, client)
        assert party is not None
        folder = (
            share / "Запросы документов" / str(request.created_at.year) / f"№ {request.id} {party.short_name}"
        )
    assert (folder / "Карточка клиента.pdf").read_bytes() == card_file.read_bytes()
    assert card.files.item(0).text() == "Вложение: Карточка клиента.pdf"
    assert "Прикреплён файл: Карточка клиента.pdf" in card.history.item(card.history.count() - 1).text()

    # a file dragged from Explorer onto the card is attached the same way
    scan = write(tmp_path / "Письмо клиента.pdf", one_page_pdf("Письмо"))
    drop_files(card, [scan])
    qtbot.waitUntil(lambda: card.files.count() == 2, timeout=20000)
    assert (folder / "Письмо клиента.pdf").read_bytes() == scan.read_bytes()

    # the share goes away: the next file waits in the outbox, and the card says so
    shutil.rmtree(share)
    share.write_text("not a folder any more")
    signed = write(tmp_path / "Реквизиты.pdf", one_page_pdf("Реквизиты"))
    warned: list[str] = []
    with (
        answering(qtbot, reply(qtbot, QMessageBox.StandardButton.Ok, warned), QMessageBox),
        answering(qtbot, file_chosen(signed), QFileDialog),
    ):
        click(qtbot, card.attach)
    assert "локальную очередь" in warned[0]
    assert card.files.item(2).text() == "Вложение: Реквизиты.pdf (ждёт отправки на общую папку)"


def test_the_form_offers_what_fits_the_entity_and_the_client_and_refuses_the_rest_at_the_field(
    qtbot: Any, desk: Desk, demo_db: Database
) -> None:
    with demo_db.transaction() as session:
        moscow, other = (
            session.scalars(select(OwnEntity).where(OwnEntity.region == REGION)).one(),
            session.scalars(
                select(OwnEntity).where(OwnEntity.region != REGION).order_by(OwnEntity.id)
            ).first(),
        )
        assert other is not None
        person = session.scalars(select(Counterparty).where(Counterparty.kind == "person")).first()
        company = session.scalars(select(Counterparty).where(Counterparty.kind == "legal")).first()
        assert person is not None and company is not None
        sold, unsold = list(
            session.scalars(select(Service).where(Service.is_active.is_(True)).order_by(Service.id))
        )[:2]
        session.add(
            EntityService(own_entity_id=moscow.id, service_id=sold.id)
        )  # Moscow sells one service only
        ids = moscow.id, other.id, person.id, company.id, sold.id, unsold.id
        moscow_name, other_region, unsold_name = moscow.short_name, other.region, unsold.name
    moscow_id, other_id, person_id, company_id, sold_id, unsold_id = ids
    manager = desk.window(MANAGER)
    click(qtbot, requests_tab(qtbot, manager).new_button)
    form = top_dialog(DocRequestCard).form

    # a region offers only its entities
    choose(qtbot, form.region, text=REGION)
    assert [form.entity.itemData(i) for i in range(1, form.entity.count())] == [moscow_id]
    choose(qtbot, form.region, text=other_region)
    assert moscow_id not in [form.entity.itemData(i) for i in range(form.entity.count())]

    # a person gets the individual-client form, a company the others
    click(qtbot, form.wants["contract"])
    choose(qtbot, form.entity, data=other_id)
    choose(qtbot, form.client, data=person_id)
    assert [form.template.itemText(i) for i in range(1, form.template.count())] == [
        "Договор оказания услуг физическому лицу"
    ]
    choose(qtbot, form.client, data=company_id)
    offered = [form.template.itemText(i) for i in range(1, form.template.count())]
    assert "Договор оказания услуг физическому лицу" not in offered and len(offered) == 2

    # a service the entity does not sell: not offered, and refused at the line when the entity changes
    click(qtbot, form.add_line_button)
    choose(qtbot, form.lines.cellWidget(0, 0), data=unsold_id)  # type: ignore[arg-type]
    edit_cell(qtbot, form.lines, 0, 2, "1 000,00")
    assert not form.errors["lines"].isVisible()
    choose(qtbot, form.region, text="Любой регион")
    choose(qtbot, form.entity, data=moscow_id)
    line = form.lines.cellWidget(0, 0)
    assert isinstance(line, QComboBox)
    assert [line.itemData(i) for i in range(1, line.count())] == [sold_id, unsold_id]
    assert line.currentText() == "(не продаётся этим юрлицом)"
    assert form.errors["lines"].isVisible()
    assert form.errors["lines"].text() == f"Строка 1: «{moscow_name}» не оказывает услугу «{unsold_name}»"
    assert not top_dialog(DocRequestCard).send_button.isEnabled()
    edit_cell(qtbot, form.lines, 0, 2, "десять")
    assert "Строка 1:" in form.errors["lines"].text() and "цена" in form.errors["lines"].text()


def test_a_contract_number_waits_for_the_accountants_approval_then_the_documents_are_made(
    qtbot: Any, desk: Desk, demo_db: Database
) -> None:
    client, entity, service, region = client_and_service(demo_db)
    with demo_db.transaction() as session:
        own = session.get(OwnEntity, entity)
        assert own is not None
        own.contract_number_approval = True
    manager = desk.window(MANAGER)
    card = new_request(
        qtbot, requests_tab(qtbot, manager), client, entity, service, region, ["contract", "invoice"]
    )
    assert send(qtbot, card) == "Отправлен в очередь бухгалтерии."
    assert card.waiting.text() == "Номер договора ждёт утверждения бухгалтером."
    request_id = card.request_id
    card.close()
    with demo_db.session() as session:
        request = session.get(DocRequest, request_id)
        assert request is not None and request.number_pending and request.contract_id is None

    accountant = desk.window(ACCOUNTANT)
    queue = requests_tab(qtbot, accountant)
    row = queue.row_of(request_id)  # type: ignore[arg-type]
    assert row is not None and queue.rows[row].waiting == "номер договора ждёт утверждения"
    click_cell(qtbot, queue.table, row, 0, double=True)
    work = top_dialog(DocRequestCard)
    seen: list[str] = []
    with answering(qtbot, reply(qtbot, QMessageBox.StandardButton.Ok, seen), QMessageBox, timeout=120000):
        click(qtbot, work.approve_button)  # «Утвердить номер»
    assert seen[0].startswith("Документы готовы"), seen
    assert "Готово" in work.heading.text() and not work.approve_button.isVisible()
    with demo_db.session() as session:
        request = session.get(DocRequest, request_id)
        assert request is not None and not request.number_pending and request.state == "ready"
        contract = session.get(Contract, request.contract_id)
        assert contract is not None and contract.own_entity_id == entity


def test_a_request_on_an_existing_contract_is_prepared_from_its_documents(
    qtbot: Any, desk: Desk, demo_db: Database, tmp_path: Path
) -> None:
    # the demo's request of m.kozlova: the act of an existing contract and copies of its signed scans
    with demo_db.transaction() as session:
        request = session.scalars(select(DocRequest).where(DocRequest.wanted == "act,copies")).one()
        contract = session.get(Contract, request.contract_id)
        assert contract is not None and request.state == "sent"
        act = make_document(session, contract, "act", "2026-10")
        act.pdf_path = str(write(tmp_path / "out" / "Акт.pdf", one_page_pdf("Акт")))
        request_id, act_number, author = request.id, act.number, request.initiator
    accountant = desk.window(ACCOUNTANT)
    queue = requests_tab(qtbot, accountant)
    row = queue.row_of(request_id)
    assert row is not None
    click_cell(qtbot, queue.table, row, 0, double=True)
    work = top_dialog(DocRequestCard)
    seen: list[str] = []
    with answering(qtbot, reply(qtbot, QMessageBox.StandardButton.Ok, seen), QMessageBox, timeout=60000):
        click(
            qtbot, work.prepare_button
        )  # no wizard: the contract exists; a sent request is taken on the way
    assert seen == ["Подготовлено файлов: 1. Проверьте их и нажмите «Готово»."]
    assert "В работе" in work.heading.text()
    assert work.files.item(0).text() == f"Акт № {act_number} от 31.10.2026 — Акт.pdf"
    click(qtbot, work.ready_button)
    assert "Готово" in work.heading.text()
    with demo_db.session() as session:
        told = session.scalars(
            select(Notification.text)
            .where(Notification.user_login == author)
            .order_by(Notification.id.desc())
        ).first()
    assert told is not None and f"Акт № {act_number} от 31.10.2026" in told


def test_the_notification_of_a_request_deleted_since_says_so(
    qtbot: Any, desk: Desk, demo_db: Database
) -> None:
    manager = desk.window(MANAGER)
    with demo_db.transaction() as session:
        session.add(
            Notification(
                user_login=MANAGER,
                text="Запрос № 999: документы готовы",
                object_type="doc_request",
                object_id=999,
            )
        )
    open_tab(qtbot, manager.tabs, "Договоры")
    click(qtbot, manager.notifications)
    notes = top_dialog(NotificationsDialog)
    click_cell(qtbot, notes.list, 0, 0)
    seen: list[str] = []
    with answering(qtbot, reply(qtbot, QMessageBox.StandardButton.Ok, seen), QMessageBox):
        click(qtbot, notes.open_button)
    assert seen == ["Объект уведомления не найден"]
    assert notes.isVisible() and not [w for w in manager.findChildren(DocRequestCard) if w.isVisible()]
    assert manager.tabs.currentWidget() is not manager.doc_requests_tab  # nothing to show there
