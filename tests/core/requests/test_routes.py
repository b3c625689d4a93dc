"""Approval routes on SQLite (the program's rules) and on PostgreSQL (the database's own, as each
person's login): thresholds, stages in order and in parallel, a budget item's own rule, the
initiator never approving their own request, a return restarting the route, who is notified."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.core.models import BudgetItem, Decision, Notification, PaymentRequest, RequestStatus
from desktop.core.requests import routes
from desktop.core.requests.permissions import Action, WorkflowError
from tests.factories.requests import (
    ACCOUNTANT,
    ADMIN,
    APPROVER,
    INITIATOR,
    Actors,
    act,
    add_person,
    add_rule,
    create,
    owner_db,
    real_login,
)

HEAD, FINDIR, DIRECTOR = "head", "findir", "director"


def two_thresholds(actors: Actors, entity_id: int) -> None:
    """Up to 100 000 ₽ — the head of department; above — also the financial director; above
    1 000 000 ₽ — also the director (seed 003)."""
    add_person(actors, HEAD, "approver", "Петров Пётр Петрович")
    add_person(actors, FINDIR, "approver", "Сидорова Елена Викторовна")
    add_person(actors, DIRECTOR, "approver", "Орлов Игорь Олегович")
    add_rule(actors, entity_id, 1, HEAD, "Руководитель отдела")
    add_rule(actors, entity_id, 2, FINDIR, "Финансовый директор", above="100000")
    add_rule(actors, entity_id, 3, DIRECTOR, "Директор", above="1000000")


def load(actors: Actors, request_id: int) -> PaymentRequest:
    with owner_db(actors).session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        _ = request.steps, request.history
        return request


def steps(actors: Actors, request_id: int) -> list[tuple[int, int, str | None, str | None, str | None]]:
    """(round, stage, approver, decision, decided by) of every step."""
    request = load(actors, request_id)
    return [(s.round, s.stage, s.approver_login, s.decision, s.decided_by) for s in request.steps]


def notified(actors: Actors, request_id: int) -> list[str]:
    with owner_db(actors).session() as session:
        return list(
            session.scalars(
                select(Notification.user_login)
                .where(Notification.object_type == "payment_request", Notification.object_id == request_id)
                .order_by(Notification.id)
            )
        )


def test_a_route_with_two_thresholds_goes_stage_by_stage(actors: tuple[Actors, dict[str, int]]) -> None:
    who, parties = actors
    two_thresholds(who, parties["entity"])
    head, findir = real_login(who, HEAD), real_login(who, FINDIR)
    small = create(who, parties, amount=Decimal("90000.00"))
    large = create(who, parties, amount=Decimal("150000.00"))
    act(who, small, Action.SUBMIT, INITIATOR)
    act(who, large, Action.SUBMIT, INITIATOR)
    assert steps(who, small) == [(1, 1, head, None, None)]
    assert steps(who, large) == [(1, 1, head, None, None), (1, 2, findir, None, None)]
    assert notified(who, large) == [head]

    # stage 2 waits for stage 1: the financial director may not approve first
    with pytest.raises(WorkflowError) as caught:
        act(who, large, Action.APPROVE, FINDIR)
    assert "сейчас ждёт не вас" in caught.value.message
    # an approver who is not on the route is refused too, and so is an admin: a route names its people
    with pytest.raises(WorkflowError):
        act(who, large, Action.APPROVE, APPROVER)
    with pytest.raises(WorkflowError) as caught:
        act(who, large, Action.APPROVE, ADMIN)
    assert "сейчас ждёт не вас" in caught.value.message

    act(who, large, Action.APPROVE, HEAD, "Согласен")
    request = load(who, large)
    assert request.status == RequestStatus.APPROVAL
    assert routes.waiting_for(request, {findir: "Сидорова Е. В."}) == (
        "этап 2 из 2: Сидорова Е. В. (Финансовый директор)"
    )
    assert notified(who, large) == [head, findir]
    assert request.history[-1].comment == "Согласовано: этап 1 из 2 (Руководитель отдела). Согласен"

    act(who, large, Action.APPROVE, FINDIR)
    request = load(who, large)
    assert (request.status, request.approver) == (RequestStatus.APPROVED, findir)
    assert steps(who, large) == [(1, 1, head, "approved", head), (1, 2, findir, "approved", findir)]
    assert notified(who, large) == [head, findir, real_login(who, INITIATOR)]

    act(who, small, Action.APPROVE, HEAD)
    assert load(who, small).status == RequestStatus.APPROVED  # one step was its whole route


def test_parallel_approvers_of_one_stage_each_decide(actors: tuple[Actors, dict[str, int]]) -> None:
    who, parties = actors
    add_person(who, HEAD, "approver", "Петров Пётр Петрович")
    add_person(who, FINDIR, "approver", "Сидорова Елена Викторовна")
    add_rule(who, parties["entity"], 1, HEAD, "Руководитель отдела")
    add_rule(who, parties["entity"], 1, FINDIR, "Финансовый директор")
    request_id = create(who, parties)
    act(who, request_id, Action.SUBMIT, INITIATOR)
    assert sorted(notified(who, request_id)) == sorted([real_login(who, HEAD), real_login(who, FINDIR)])
    act(who, request_id, Action.APPROVE, FINDIR)  # either may go first
    assert load(who, request_id).status == RequestStatus.APPROVAL
    act(who, request_id, Action.APPROVE, HEAD)
    assert load(who, request_id).status == RequestStatus.APPROVED


def test_a_budget_items_own_rule_and_the_initiators_own_step(actors: tuple[Actors, dict[str, int]]) -> None:
    who, parties = actors
    with owner_db(who).transaction() as session:
        item, rent = BudgetItem(code="03.01", name="Подрядчики"), BudgetItem(code="01.01", name="Аренда")
        session.add_all([item, rent])
        session.flush()
        item_id, rent_id = item.id, rent.id
    add_person(who, HEAD, "approver", "Петров Пётр Петрович")
    add_rule(who, parties["entity"], 1, HEAD, "Руководитель отдела")
    add_rule(who, parties["entity"], 2, APPROVER, "Главный инженер", budget_item_id=item_id)

    plain = create(who, parties, budget_item_id=rent_id)  # the budget directory is in use: required
    contractors = create(who, parties, budget_item_id=item_id)
    act(who, plain, Action.SUBMIT, INITIATOR)
    act(who, contractors, Action.SUBMIT, INITIATOR)
    assert [s[2] for s in steps(who, plain)] == [real_login(who, HEAD)]
    assert [s[2] for s in steps(who, contractors)] == [real_login(who, HEAD), real_login(who, APPROVER)]

    # the head's own request leaves his step out: it goes to the next stage at once
    own = create(who, parties, login=HEAD, budget_item_id=item_id)
    act(who, own, Action.SUBMIT, HEAD)
    assert [(s[1], s[2]) for s in steps(who, own)] == [(1, real_login(who, APPROVER))]
    with pytest.raises(WorkflowError) as caught:
        act(who, own, Action.APPROVE, HEAD)
    assert "не может её автор" in caught.value.message


def test_a_return_restarts_the_route_and_a_rejection_ends_it(actors: tuple[Actors, dict[str, int]]) -> None:
    who, parties = actors
    two_thresholds(who, parties["entity"])
    head, findir = real_login(who, HEAD), real_login(who, FINDIR)
    request_id = create(who, parties, amount=Decimal("150000.00"))
    act(who, request_id, Action.SUBMIT, INITIATOR)
    act(who, request_id, Action.APPROVE, HEAD)
    with pytest.raises(WorkflowError):  # only the waiting step's approver returns it
        act(who, request_id, Action.RETURN, HEAD, "поздно")
    act(who, request_id, Action.RETURN, FINDIR, "Приложите счёт")
    request = load(who, request_id)
    assert (request.status, request.route_round) == (RequestStatus.DRAFT, 1)
    assert steps(who, request_id) == [(1, 1, head, "approved", head), (1, 2, findir, "returned", findir)]

    act(who, request_id, Action.SUBMIT, INITIATOR)  # the route starts again, from stage 1
    assert steps(who, request_id)[2:] == [(2, 1, head, None, None), (2, 2, findir, None, None)]
    act(who, request_id, Action.APPROVE, HEAD)
    act(who, request_id, Action.REJECT, FINDIR, "Нет бюджета")
    request = load(who, request_id)
    assert (request.status, request.approver) == (RequestStatus.REJECTED, findir)
    assert steps(who, request_id)[-1][3] == Decision.REJECTED
    assert [(e.from_status, e.to_status) for e in request.history] == [
        (None, "draft"),
        ("draft", "approval"),
        ("approval", "approval"),
        ("approval", "draft"),
        ("draft", "approval"),
        ("approval", "approval"),
        ("approval", "rejected"),
    ]
    with pytest.raises(WorkflowError):
        act(who, request_id, Action.PAY, ACCOUNTANT)
