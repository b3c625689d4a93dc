"""The tab's lists: the built-in views (my requests, waiting for my approval, due this week), status,
entity and search filters, and the totals per currency; «waiting for my approval» is the route's
waiting step, the same as ``routes.waiting_request_ids``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from desktop.core.db import Database
from desktop.core.models import PaymentRequest, RequestStatus
from desktop.core.requests import queries, routes
from desktop.core.requests.permissions import Action, user_role
from tests.factories.requests import (
    ACCOUNTANT,
    ADMIN,
    APPROVER,
    INITIATOR,
    OTHER_MANAGER,
    TODAY,
    Actors,
    act,
    add_person,
    add_rule,
    create,
    owner_db,
    real_login,
    to_status,
)


def test_saved_filter_queries_my_requests_to_approve_due_this_week(
    db: Database, parties: dict[str, int]
) -> None:
    mine_draft = create(db, parties)
    theirs = to_status(db, parties, RequestStatus.APPROVAL)  # created by INITIATOR too, then re-owned
    with db.transaction() as session:
        request = session.get(PaymentRequest, theirs)
        assert request is not None
        request.initiator = OTHER_MANAGER
    due_later = to_status(db, parties, RequestStatus.APPROVED, pay_by=TODAY + dt.timedelta(days=20))
    due_sunday = to_status(
        db, parties, RequestStatus.APPROVED, pay_by=dt.date(2026, 11, 29), amount=Decimal("100.00")
    )
    paid = to_status(db, parties, RequestStatus.PAID)

    with db.session() as session:

        def ids(**values: Any) -> set[int]:
            flt = queries.RequestFilter(**values)
            return set(session.scalars(queries.select_ids(flt, INITIATOR, TODAY)))

        assert ids(preset="mine") == {mine_draft, due_later, due_sunday, paid}
        assert ids(preset="to_approve") == set()  # a manager is on no route (no rule: any approver)
        approver_sees = queries.RequestFilter(preset="to_approve")
        assert set(session.scalars(queries.select_ids(approver_sees, "fin.director", TODAY))) == {theirs}
        assert ids(preset="due_this_week") == {theirs, due_sunday}
        assert ids(statuses=["approved"]) == {due_later, due_sunday}
        assert ids(search="связьком") == {mine_draft, theirs, due_later, due_sunday, paid}
        assert ids(own_entity_id=parties["entity2"]) == set()
        totals = queries.totals(session, queries.RequestFilter(statuses=["approved"]), INITIATOR, TODAY)
        assert totals.count == 2 and totals.by_currency == {"RUB": Decimal("12300.00")}


def test_waiting_for_my_approval_is_the_routes_waiting_step(actors: tuple[Actors, dict[str, int]]) -> None:
    """Stage 1: the head (a manager by role) and the deputy in parallel; stage 2 above 100 000: the
    financial director. A payer with no rule waits for any approver (or admin)."""
    who, parties = actors
    entity = parties["entity"]
    add_person(who, "head", "manager", "Петров П. П.")
    add_person(who, "deputy", "approver", "Орлова О. О.")
    add_person(who, "findir", "approver", "Сидорова Е. В.")
    add_rule(who, entity, 1, "head", "Руководитель отдела")
    add_rule(who, entity, 1, "deputy", "Заместитель")
    add_rule(who, entity, 2, "findir", "Финансовый директор", above="100000")
    big = create(who, parties, amount=Decimal("150000.00"))
    small = create(who, parties, amount=Decimal("5000.00"))
    other_payer = create(who, parties, own_entity_id=parties["entity2"])  # no rule: any approver
    draft = create(who, parties)
    for request_id in (big, small, other_payer):
        act(who, request_id, Action.SUBMIT, INITIATOR)
    act(who, small, Action.APPROVE, "head")  # the deputy's step still waits

    people = ("head", "deputy", "findir", APPROVER, ADMIN, INITIATOR, ACCOUNTANT)

    def seen() -> dict[str, set[int]]:
        with owner_db(who).session() as session:
            found = {}
            for person in people:
                login = real_login(who, person)
                by_sql = set(
                    session.scalars(
                        queries.select_ids(queries.RequestFilter(preset="to_approve"), login, TODAY)
                    )
                )
                by_route = set(routes.waiting_request_ids(session, login, user_role(session, login)))
                assert by_sql == by_route, person
                found[person] = by_sql
            return found

    assert draft not in set().union(*seen().values())
    assert seen() == {
        "head": {big},
        "deputy": {big, small, other_payer},
        "findir": {other_payer},
        APPROVER: {other_payer},
        ADMIN: {other_payer},
        INITIATOR: set(),
        ACCOUNTANT: set(),
    }
    act(who, big, Action.APPROVE, "head")
    act(who, big, Action.APPROVE, "deputy")
    assert seen()["findir"] == {big, other_payer} and seen()["head"] == set()
