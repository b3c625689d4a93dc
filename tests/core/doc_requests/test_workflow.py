"""A document request from draft to closed on one SQLite file: the checks at the field and before
sending, a standard request completed by the program, the accountants' queue, the number approval,
and the author told of the signed originals and the payment."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.contracts.scans import attach as attach_contract_scan
from desktop.core.db import Database, open_database
from desktop.core.doc_requests import operations, workflow
from desktop.core.doc_requests.validation import RequestError, RequestLine
from desktop.core.models import (
    Contract,
    Counterparty,
    DocRequest,
    Document,
    DocumentKind,
    DocumentStage,
    EntityService,
    Notification,
    OwnEntity,
    VatRegime,
)
from desktop.core.payments.importing import import_statements
from desktop.core.scans.store import ScanStore
from tests.factories.doc_requests import MONTHLY_FEE, TODAY, setup, standard_input
from tests.factories.payments import Pay, statement, write_statement
from tests.factories.requests import ACCOUNTANT, INITIATOR, OTHER_MANAGER


@pytest.fixture
def ids(sqlite_db: Database) -> dict[str, int]:
    with sqlite_db.transaction() as session:
        return setup(session)


def _draft(db: Database, ids: dict[str, int], login: str = INITIATOR, **changes: object) -> int:
    with db.transaction() as session:
        return workflow.save_draft(session, standard_input(ids, **changes), login=login, today=TODAY).id


def _notes(db: Database, login: str) -> list[str]:
    with db.session() as session:
        return list(
            session.scalars(
                select(Notification.text).where(Notification.user_login == login).order_by(Notification.id)
            )
        )


def _as(db: Database, login: str) -> Database:
    """The same SQLite file opened as ``login`` (as ``aktdesk --login`` does)."""
    return open_database(db.url.render_as_string(hide_password=False), login=login)


def _send(db: Database, request_id: int, out: Path, login: str = INITIATOR) -> operations.Sent:
    person = _as(db, login)
    try:
        return operations.send(person, request_id, out, pdf_converter=None)
    finally:
        person.dispose()


def _send_to_unreachable_folder(
    db: Database, ids: dict[str, int], tmp_path: Path
) -> tuple[int, operations.Sent]:
    """A new request sent while its documents folder lies under a regular file (a share gone)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a regular file where the documents folder should be")
    request_id = _draft(db, ids)
    return request_id, _send(db, request_id, blocker / "docs")


def test_a_standard_request_gets_its_contract_and_invoice_at_once(
    sqlite_db: Database, ids: dict[str, int], tmp_path: Path
) -> None:
    request_id = _draft(sqlite_db, ids, payment_terms="prepay70")
    sent = _send(sqlite_db, request_id, tmp_path)
    assert sent.standard and sent.state == "ready" and sent.problem == ""
    with sqlite_db.session() as session:
        request = workflow.get_request(session, request_id)
        contract = session.get(Contract, request.contract_id)
        assert contract is not None and contract.number.startswith(contract.own_entity.doc_prefix)
        invoice = session.scalars(select(Document).where(Document.contract_id == contract.id)).one()
        # the 70% advance of December: the closing of December then issues the act and the 30%
        assert (invoice.kind, invoice.stage, invoice.period) == (
            DocumentKind.INVOICE,
            DocumentStage.PREPAY,
            "2026-12",
        )
        assert invoice.amount_net == (MONTHLY_FEE * Decimal("0.70")).quantize(Decimal("0.01"))
        assert invoice.docx_path and Path(invoice.docx_path).is_file()
        assert request.state == "ready"
        assert {(row.what, Path(row.path).suffix) for row in request.made} == {
            ("contract", ".docx"),
            ("invoice", ".docx"),
        }
        assert all(Path(row.path).is_file() for row in request.made)
        assert [e.to_state for e in request.history] == ["draft", "sent", "ready"]
    notes = _notes(sqlite_db, INITIATOR)
    assert len(notes) == 1 and f"Запрос № {request_id}" in notes[0] and "документы готовы" in notes[0]
    assert f"Договор № {contract.number}" in notes[0] and f"Счёт № {invoice.number}" in notes[0]


def test_a_request_missing_a_requisite_cannot_be_sent_and_says_what_is_missing(
    sqlite_db: Database, ids: dict[str, int], tmp_path: Path
) -> None:
    with sqlite_db.transaction() as session:
        client = session.get(Counterparty, ids["client"])
        assert client is not None
        client.legal_address = ""
    request_id = _draft(sqlite_db, ids, invoice_date=None)
    with pytest.raises(RequestError) as refused:
        _send(sqlite_db, request_id, tmp_path)
    assert refused.value.errors == {
        "counterparty": "«ООО «Связьком»»: не указан юридический адрес",
        "invoice_date": "не указана",
    }
    assert (
        "Запрос нельзя отправить" in refused.value.message
        and "Дата счёта: не указана" in refused.value.message
    )
    with sqlite_db.session() as session:
        request = session.get(DocRequest, request_id)
        assert request is not None and request.state == "draft" and request.contract_id is None
        assert session.scalars(select(Contract)).all() == []


def test_a_service_the_entity_does_not_sell_or_whose_vat_does_not_fit_is_refused_at_the_field(
    sqlite_db: Database, ids: dict[str, int]
) -> None:
    with sqlite_db.transaction() as session:
        session.add(EntityService(own_entity_id=ids["entity"], service_id=ids["service_usn"]))
    with pytest.raises(RequestError) as refused:
        _draft(sqlite_db, ids)
    assert refused.value.errors == {
        "line:1": "Строка 1: «ООО «АктСервис»» не оказывает услугу «Абонентское обслуживание 1С»"
    }
    with pytest.raises(RequestError) as refused:
        _draft(sqlite_db, ids, lines=[RequestLine(ids["service_usn"], Decimal(1), Decimal("1000.00"))])
    assert "ставка НДС услуги «Консультация по УСН» (5%) не подходит режиму" in refused.value.errors["line:1"]
    with sqlite_db.transaction() as session:
        entity = session.get(OwnEntity, ids["entity"])
        assert entity is not None
        entity.vat_regime = VatRegime.USN5
    assert _draft(sqlite_db, ids, lines=[RequestLine(ids["service_usn"], Decimal(1), Decimal("1000.00"))]) > 0


def test_only_the_forms_for_the_client_kind_and_the_entities_of_the_region_are_offered(
    sqlite_db: Database, ids: dict[str, int]
) -> None:
    for_person = operations.form_choices(sqlite_db, "", ids["entity"], ids["person"])
    assert [code for code, _title in for_person.templates] == ["person"]
    for_company = operations.form_choices(sqlite_db, "", ids["entity"], ids["client"])
    assert "person" not in [code for code, _title in for_company.templates]
    with sqlite_db.transaction() as session:
        for key, region in (("entity", "Москва"), ("entity2", "Санкт-Петербург")):
            entity = session.get(OwnEntity, ids[key])
            assert entity is not None
            entity.region = region
    choices = operations.form_choices(sqlite_db, "Санкт-Петербург")
    assert choices.regions == ["Москва", "Санкт-Петербург"]
    assert [name for _id, name in choices.entities] == ["ООО «АктСервис СПб»"]
    with pytest.raises(RequestError) as refused:
        _draft(sqlite_db, ids, region="Санкт-Петербург")
    assert refused.value.errors["own_entity"] == "«ООО «АктСервис»» не работает в регионе «Санкт-Петербург»"
    with pytest.raises(RequestError) as refused:
        _draft(sqlite_db, ids, counterparty_id=ids["person"])
    assert "форма «services» не предлагается" in refused.value.errors["template"]


def test_a_non_standard_request_goes_through_the_accountants_queue(
    sqlite_db: Database, ids: dict[str, int], tmp_path: Path
) -> None:
    first = _draft(sqlite_db, ids)
    _send(sqlite_db, first, tmp_path)
    with sqlite_db.session() as session:
        contract_id = session.scalars(select(DocRequest.contract_id).where(DocRequest.id == first)).one()
    request_id = _draft(sqlite_db, ids, wanted=("act",), contract_id=contract_id, template="", lines=[])
    sent = _send(sqlite_db, request_id, tmp_path)
    assert (sent.standard, sent.state) == (False, "sent")
    assert any("новый запрос в очереди" in text for text in _notes(sqlite_db, ACCOUNTANT))
    with (
        pytest.raises(workflow.StepRefused, match="может бухгалтер или администратор"),
        sqlite_db.session() as s,
    ):
        workflow.take(s, request_id, login=OTHER_MANAGER)  # a manager may not take it
    with sqlite_db.transaction() as session:
        workflow.take(session, request_id, login=ACCOUNTANT)
    with pytest.raises(workflow.StepRefused, match="нет ни одного документа"), sqlite_db.session() as s:
        workflow.complete(s, request_id, login=ACCOUNTANT)  # nothing made yet: «Готово» refused
    with sqlite_db.transaction() as session:
        request = workflow.get_request(session, request_id)
        workflow.link(session, request, "act", "Акт № АС-7 от 31.12.2026", str(tmp_path / "act.pdf"))
    with sqlite_db.transaction() as session:
        workflow.complete(session, request_id, login=ACCOUNTANT)
    with sqlite_db.session() as session:
        request = workflow.get_request(session, request_id)
        assert request.state == "ready" and request.assignee == ACCOUNTANT
        assert [(e.from_state, e.to_state, e.user_login) for e in request.history][1:] == [
            ("draft", "sent", INITIATOR),
            ("sent", "in_work", ACCOUNTANT),
            ("in_work", "ready", ACCOUNTANT),
        ]
    assert (
        _notes(sqlite_db, INITIATOR)[-1]
        == f"Запрос № {request_id} (ООО «Связьком»): документы готовы — Акт № АС-7 от 31.12.2026."
    )


def test_a_rejection_needs_its_reason_and_the_author_hears_it(
    sqlite_db: Database, ids: dict[str, int], tmp_path: Path
) -> None:
    request_id = _draft(sqlite_db, ids, wanted=("copies",), template="", contract_id=None)
    with pytest.raises(RequestError, match="Договор: укажите договор"):
        _send(sqlite_db, request_id, tmp_path)
    with sqlite_db.transaction() as session:
        workflow.save_draft(
            session, standard_input(ids, wanted=("contract", "act")), request_id, login=INITIATOR
        )
    _send(sqlite_db, request_id, tmp_path)
    with sqlite_db.transaction() as session, pytest.raises(RequestError, match="укажите причину"):
        workflow.reject(session, request_id, "  ", login=ACCOUNTANT)
    with sqlite_db.transaction() as session:
        workflow.reject(
            session, request_id, "Акт по новому договору выставит закрытие месяца", login=ACCOUNTANT
        )
    with sqlite_db.session() as session:
        request = session.get(DocRequest, request_id)
        assert request is not None and request.state == "rejected"
    assert _notes(sqlite_db, INITIATOR)[-1].endswith(
        "отклонён: Акт по новому договору выставит закрытие месяца"
    )


def test_an_entity_that_approves_numbers_makes_the_request_wait_for_the_accountant(
    sqlite_db: Database, ids: dict[str, int], tmp_path: Path
) -> None:
    with sqlite_db.transaction() as session:
        entity = session.get(OwnEntity, ids["entity"])
        assert entity is not None
        entity.contract_number_approval = True
    request_id = _draft(sqlite_db, ids)
    sent = _send(sqlite_db, request_id, tmp_path)
    assert (sent.standard, sent.state) == (True, "sent")
    with sqlite_db.session() as session:
        assert session.scalars(select(Contract)).all() == []  # no number taken before the approval
    assert any("утвердить номер договора" in text for text in _notes(sqlite_db, ACCOUNTANT))
    accountant = _as(sqlite_db, ACCOUNTANT)
    done = operations.approve_number(accountant, request_id, tmp_path, pdf_converter=None)
    accountant.dispose()
    assert done.state == "ready" and done.problem == ""
    with sqlite_db.session() as session:
        request = workflow.get_request(session, request_id)
        assert request.contract_id is not None and not request.number_pending
        assert "Номер договора утверждён" in [e.comment for e in request.history]


def test_files_that_cannot_be_written_leave_the_request_in_the_queue_and_a_second_try_makes_nothing_twice(
    sqlite_db: Database, ids: dict[str, int], tmp_path: Path
) -> None:
    request_id, sent = _send_to_unreachable_folder(sqlite_db, ids, tmp_path)
    assert sent.state == "sent" and sent.problem
    with sqlite_db.session() as session:
        request = workflow.get_request(session, request_id)
        assert request.state == "sent" and request.contract_id is not None and request.made == []
        assert "Документы не сформированы автоматически" in request.history[-1].comment
    sqlite_db.login = INITIATOR
    try:
        from desktop.core.doc_requests import issuing

        issuing.issue_standard(sqlite_db, request_id, tmp_path / "docs", pdf_converter=None)
    finally:
        sqlite_db.login = None
    with sqlite_db.session() as session:
        assert len(session.scalars(select(Contract)).all()) == 1
        assert len(session.scalars(select(Document)).all()) == 1
        assert workflow.get_request(session, request_id).state == "ready"


def test_the_author_hears_of_the_signed_contract_and_the_payment_and_the_request_closes(
    sqlite_db: Database, ids: dict[str, int], tmp_path: Path
) -> None:
    request_id = _draft(sqlite_db, ids)
    _send(sqlite_db, request_id, tmp_path / "docs")
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    store = ScanStore(share_root=tmp_path / "share", outbox=tmp_path / "outbox")
    (tmp_path / "share").mkdir()
    with sqlite_db.transaction() as session:
        request = workflow.get_request(session, request_id)
        contract = session.get(Contract, request.contract_id)
        assert contract is not None
        attach_contract_scan(session, store, contract, [scan], user=ACCOUNTANT)
    assert _notes(sqlite_db, INITIATOR)[-1] == (
        f"Запрос № {request_id} (ООО «Связьком»): прикреплён подписанный договор № {contract.number} "
        f"от {TODAY:%d.%m.%Y}."
    )
    with sqlite_db.session() as session:
        assert session.get(DocRequest, request_id).state == "ready"  # type: ignore[union-attr]
        invoice = session.scalars(select(Document)).one()
        client = session.get(Counterparty, ids["client"])
        entity = session.get(OwnEntity, ids["entity"])
        assert client is not None and entity is not None and entity.primary_account is not None
        pay = Pay(
            number="412",
            date=f"{TODAY:%d.%m.%Y}",
            amount=f"{invoice.amount_total:.2f}",
            purpose=f"Оплата по счёту № {invoice.number} от {TODAY:%d.%m.%Y} за услуги",
            payer_inn=client.inn,
            payer_account=client.account or "",
            payer_name=client.short_name,
            own_account=entity.primary_account.account,
            own_inn=entity.inn,
        )
    path = write_statement(tmp_path / "kl_to_1c.txt", statement([pay]))
    report = import_statements(sqlite_db, [path], user=ACCOUNTANT)  # the bank statement matches it
    assert report.errors == []
    notes = _notes(sqlite_db, INITIATOR)
    assert (
        notes[-2]
        == f"Запрос № {request_id} (ООО «Связьком»): клиент оплатил счёт № {invoice.number} от {TODAY:%d.%m.%Y}."
    )
    assert notes[-1] == f"Запрос № {request_id} (ООО «Связьком») закрыт: оригиналы подписаны, клиент оплатил."
    with sqlite_db.session() as session:
        request = workflow.get_request(session, request_id)
        assert (
            request.state == "closed" and request.history[-1].comment == "Оригиналы подписаны, клиент оплатил"
        )


def test_the_accountant_prepares_the_files_a_failed_sending_could_not_write_without_making_anything_twice(
    sqlite_db: Database, ids: dict[str, int], tmp_path: Path
) -> None:
    request_id, sent = _send_to_unreachable_folder(sqlite_db, ids, tmp_path)
    assert sent.problem
    accountant = open_database(sqlite_db.url, login=ACCOUNTANT)
    try:
        files = operations.prepare(accountant, request_id, None, tmp_path / "docs", pdf_converter=None)
        operations.complete(accountant, request_id)
    finally:
        accountant.dispose()
    assert sorted(p.name.split()[0] for p in files) == ["Договор", "Счёт"]
    assert all(p.is_file() for p in files)
    with sqlite_db.session() as session:
        assert len(session.scalars(select(Contract)).all()) == 1
        assert len(session.scalars(select(Document)).all()) == 1
        request = workflow.get_request(session, request_id)
        assert request.state == "ready" and request.assignee == ACCOUNTANT
        assert sorted(f.what for f in request.made) == ["contract", "invoice"]
