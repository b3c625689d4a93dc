"""Payment requests from draft to paid: requisites from the counterparty, gap-free numbers, editing a draft,
the transitions with who and comments in the history, on SQLite and PostgreSQL, and two people at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.errors import ValidationError
from desktop.core.models import Counterparty, OwnEntity, PaymentRequest, RequestStatus
from desktop.core.requests import queries, validation, workflow
from desktop.core.requests.permissions import Action, WorkflowError
from desktop.core.requests.validation import RequestValidationError
from tests.factories.logins import People
from tests.factories.requests import (
    ACCOUNTANT,
    APPROVER,
    INITIATOR,
    TODAY,
    Actors,
    act,
    connection,
    create,
    draft_input,
    people_parties,
    to_status,
)


def test_new_request_takes_requisites_from_the_counterparty_and_a_purpose_with_vat(
    db: Database, parties: dict[str, int]
) -> None:
    request_id = create(db, parties)
    with db.session() as session:
        request = session.get(PaymentRequest, request_id)
        contractor = session.get(Counterparty, parties["contractor"])
        assert request is not None and contractor is not None
        assert request.status == RequestStatus.DRAFT
        assert request.initiator == INITIATOR
        assert (request.year, request.seq, request.number) == (2026, 1, "1")
        assert request.contractor_name == "ООО «Связьком»"
        assert (
            request.contractor_inn,
            request.contractor_kpp,
            request.contractor_bik,
            request.contractor_account,
            request.contractor_corr_account,
            request.contractor_bank_name,
        ) == (
            contractor.inn,
            contractor.kpp,
            contractor.bik,
            contractor.account,
            contractor.corr_account,
            contractor.bank_name,
        )
        assert request.amount == Decimal("12200.00")
        assert request.purpose == (
            "Оплата за услуги связи по счёту № 45 от 02.11.2026. В т.ч. НДС (22%) 2 200.00 руб."
        )
        assert [(e.user_login, e.from_status, e.to_status) for e in request.history] == [
            (INITIATOR, None, RequestStatus.DRAFT)
        ]


def test_numbers_are_gap_free_per_own_entity_and_year(db: Database, parties: dict[str, int]) -> None:
    first = create(db, parties)
    with pytest.raises(RequestValidationError):
        create(db, parties, amount=None)  # a refused request takes no number
    second = create(db, parties)
    other_entity = create(db, parties, own_entity_id=parties["entity2"])
    with db.transaction() as session:
        objects = {
            k: session.get(OwnEntity if k.startswith("entity") else Counterparty, v)
            for k, v in parties.items()
        }
        next_year = workflow.create_request(
            session,
            draft_input(objects, pay_by=dt.date(2027, 1, 20)),
            login=INITIATOR,
            today=dt.date(2027, 1, 11),
        ).id
    with db.session() as session:
        numbers = {r.id: (r.own_entity_id, r.year, r.number) for r in session.scalars(select(PaymentRequest))}
    assert numbers[first] == (parties["entity"], 2026, "1")
    assert numbers[second] == (parties["entity"], 2026, "2")
    assert numbers[other_entity] == (parties["entity2"], 2026, "1")
    assert numbers[next_year] == (parties["entity"], 2027, "1")


def test_editing_a_draft_updates_the_suggested_purpose_and_records_what_changed(
    db: Database, parties: dict[str, int]
) -> None:
    request_id = create(db, parties)
    with db.transaction() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        values = replace(validation.RequestInput.from_request(request), amount="24 400,00")
        workflow.update_request(session, request_id, values, login=INITIATOR)
    with db.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        assert request.amount == Decimal("24400.00")
        assert request.purpose.endswith("В т.ч. НДС (22%) 4 400.00 руб.")
        assert request.history[-1].comment == "Изменено: Сумма счёта, Назначение платежа"
        values = replace(validation.RequestInput.from_request(request), own_entity_id=parties["entity2"])
    with db.transaction() as session, pytest.raises(RequestValidationError) as caught:
        workflow.update_request(session, request_id, values, login=INITIATOR)
    assert "плательщика не меняют" in caught.value.errors["own_entity_id"]


def test_full_path_with_a_return_for_revision_is_recorded_with_who_and_comments(
    db: Database, parties: dict[str, int]
) -> None:
    request_id = create(db, parties)
    act(db, request_id, Action.SUBMIT, INITIATOR)
    act(db, request_id, Action.RETURN, APPROVER, "Приложите счёт")
    act(db, request_id, Action.SUBMIT, INITIATOR, "Счёт приложен")
    with db.transaction() as session:
        workflow.add_comment(session, request_id, "Срочно, до пятницы", login=INITIATOR)
    act(db, request_id, Action.APPROVE, APPROVER, "Согласовано")
    act(db, request_id, Action.PAY, ACCOUNTANT)
    with db.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        assert request.status == RequestStatus.PAID
        assert request.approver == APPROVER
        assert request.paid_at == TODAY
        assert [(e.user_login, e.from_status, e.to_status, e.comment) for e in request.history] == [
            (INITIATOR, None, "draft", "Заявка создана"),
            (INITIATOR, "draft", "approval", ""),
            (APPROVER, "approval", "draft", "Приложите счёт"),
            (INITIATOR, "draft", "approval", "Счёт приложен"),
            (INITIATOR, None, None, "Срочно, до пятницы"),
            (APPROVER, "approval", "approved", "Согласовано"),
            (ACCOUNTANT, "approved", "paid", ""),
        ]
        assert all(e.at is not None for e in request.history)


def test_rejection_and_return_need_a_comment(db: Database, parties: dict[str, int]) -> None:
    request_id = to_status(db, parties, RequestStatus.APPROVAL)
    for action in (Action.REJECT, Action.RETURN):
        with pytest.raises(ValidationError, match="комментарий") as caught:
            act(db, request_id, action, APPROVER, "   ")
        assert caught.value.field == "comment"
    act(db, request_id, Action.REJECT, APPROVER, "Дорого, ищите другого подрядчика")
    with db.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        assert request.status == RequestStatus.REJECTED and request.approver == APPROVER
        assert request.history[-1].comment == "Дорого, ищите другого подрядчика"


def test_submitting_rechecks_the_fields(db: Database, parties: dict[str, int]) -> None:
    request_id = create(db, parties)
    with db.transaction() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        request.contractor_account = "40702810000000000001"  # e.g. changed in the database by hand
    with pytest.raises(RequestValidationError) as caught:
        act(db, request_id, Action.SUBMIT, INITIATOR)
    assert "contractor_account" in caught.value.errors


def test_numbers_workflow_and_queries_on_sqlite_and_postgresql(actors: tuple[Actors, dict[str, int]]) -> None:
    who, parties = actors
    first = to_status(who, parties, RequestStatus.PAID)
    second = to_status(who, parties, RequestStatus.APPROVAL)
    with pytest.raises(WorkflowError):
        act(who, second, Action.PAY, ACCOUNTANT)
    act(who, second, Action.RETURN, APPROVER, "Уточните сумму")
    db, _ = connection(who, INITIATOR)
    initiator = db.login if isinstance(who, People) else INITIATOR
    with db.session() as session:
        requests = {r.id: r for r in session.scalars(select(PaymentRequest))}
        assert (requests[first].number, requests[second].number) == ("1", "2")
        assert requests[first].status == RequestStatus.PAID and requests[second].status == RequestStatus.DRAFT
        assert [e.to_status for e in requests[second].history] == ["draft", "approval", "draft"]
        assert requests[second].history[-1].comment == "Уточните сумму"
        mine = set(
            session.scalars(
                queries.select_ids(queries.RequestFilter(preset="mine", search="СВЯЗЬКОМ"), initiator, TODAY)
            )
        )
        assert mine == {first, second}
        totals = queries.totals(session, queries.RequestFilter(), initiator, TODAY)
        assert totals.count == 2 and totals.by_currency == {"RUB": Decimal("24400.00")}


def test_two_people_taking_the_same_step_at_once_record_it_once(pg_people: People) -> None:
    """The first approval holds the request's row; the second waits, then finds it approved already."""
    import threading

    parties = people_parties(pg_people)
    pg_people.add("deputy", "approver", "Заместитель")
    request_id = to_status(pg_people, parties, RequestStatus.APPROVAL)
    first_has_lock = threading.Event()
    release_first = threading.Event()
    outcome: dict[str, object] = {}

    def first() -> None:
        with pg_people.db(APPROVER).transaction() as session:
            workflow.approve(session, request_id, comment="первый")
            first_has_lock.set()
            release_first.wait(10)

    def second() -> None:
        first_has_lock.wait(10)
        try:
            with pg_people.db("deputy").transaction() as session:
                workflow.approve(session, request_id, comment="второй")
            outcome["second"] = "approved"
        except WorkflowError as error:
            outcome["second"] = error.message

    pg_people.db("deputy")  # connected before the race starts
    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_has_lock.wait(10)
    threads[1].join(1)  # the second waits on the row lock while the first is open
    assert threads[1].is_alive()
    release_first.set()
    for thread in threads:
        thread.join(20)
    assert "в статусе «Согласован к оплате»" in str(outcome["second"])
    with pg_people.owner.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None and request.approver == pg_people.login(APPROVER)
        assert [e.comment for e in request.history if e.to_status == RequestStatus.APPROVED] == ["первый"]
