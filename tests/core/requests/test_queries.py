"""The tab's lists: the built-in views (my requests, to approve, due this week), status, entity and search
filters, and the totals per currency."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from desktop.core.db import Database
from desktop.core.models import PaymentRequest, RequestStatus
from desktop.core.requests import queries
from tests.factories.requests import INITIATOR, OTHER_MANAGER, TODAY, create, to_status


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
        assert ids(preset="to_approve") == {theirs}
        assert ids(preset="due_this_week") == {theirs, due_sunday}
        assert ids(statuses=["approved"]) == {due_later, due_sunday}
        assert ids(search="связьком") == {mine_draft, theirs, due_later, due_sunday, paid}
        assert ids(own_entity_id=parties["entity2"]) == set()
        totals = queries.totals(session, queries.RequestFilter(statuses=["approved"]), INITIATOR, TODAY)
        assert totals.count == 2 and totals.by_currency == {"RUB": Decimal("12300.00")}
