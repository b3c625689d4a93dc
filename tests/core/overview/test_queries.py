"""The overview's figures equal what the registry, the contracts tab and the closing plan show for the same filter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.core.closing import plan as closing
from desktop.core.common.periods import last_periods
from desktop.core.contracts import registry as contract_registry
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.models import BankPayment, Contract, Counterparty, Document, OwnEntity, PaymentRequest, User
from desktop.core.overview import queries as overview
from desktop.core.overview.queries import Figure, Scope
from desktop.core.registry import queries as registry
from desktop.core.requests import queries as payment_requests
from tests.factories.overview import CLOSED_PERIODS, FAILING_PERIOD, TODAY, overview_history


@pytest.fixture
def history(any_db: Database) -> Iterator[tuple[Database, int]]:
    with any_db.transaction() as session:
        fill_demo(session, clients=40, seed=7, today=TODAY)
    failed = overview_history(any_db)
    yield any_db, failed


def _document_figures(view: overview.Overview) -> list[Figure]:
    return [
        view.unsigned,
        *view.unsigned_by_age,
        *view.unsigned_by_manager,
        view.receivables,
        *view.receivables_by_age,
        *view.receivables_top,
    ]


def _assert_registry_agrees(database: Database, view: overview.Overview) -> None:
    with database.session() as session:
        for figure in _document_figures(view):
            assert figure.registry is not None
            count, total, unpaid = registry.totals(session, figure.registry)
            assert figure.count == count == len(registry.filtered_ids(session, figure.registry)), figure.key
            expected = unpaid if figure.key.startswith("receivables") else total
            assert figure.amount == expected, (figure.key, figure.name)


def test_document_figures_equal_the_registry_with_the_same_filter(history: tuple[Database, int]) -> None:
    database, _failed = history
    with database.session() as session:
        view = overview.compute(session, Scope(), TODAY)
    assert view.unsigned.count > 0 and view.receivables.count > 0
    _assert_registry_agrees(database, view)
    # Buckets and bars split the totals without losing or doubling a document.
    for parts, whole in (
        (view.unsigned_by_age, view.unsigned),
        (view.unsigned_by_manager, view.unsigned),
        (view.receivables_by_age, view.receivables),
    ):
        assert sum(f.count for f in parts) == whole.count
        amounts = sum((f.amount for f in parts), Decimal(0))
        if parts is view.unsigned_by_age:
            # A sale whose act and UPD have different dates (an early termination's act) is
            # unsigned in both ages; the whole counts it once, as the registry does.
            assert amounts >= whole.amount
        else:
            assert amounts == whole.amount
    assert [f.name for f in view.unsigned_by_age] == ["0-30", "31-60", "61-90", "90+"]
    assert all(f.count for f in view.unsigned_by_age), "the demo history fills every age bucket"
    # Top clients: at most ten, the largest debt first.
    amounts = [f.amount for f in view.receivables_top]
    assert 0 < len(amounts) <= 10 and amounts == sorted(amounts, reverse=True)


def test_age_buckets_follow_the_document_date(history: tuple[Database, int]) -> None:
    database, _failed = history
    with database.session() as session:
        view = overview.compute(session, Scope(), TODAY)
        for figure in view.unsigned_by_age:
            assert figure.registry is not None
            ids = registry.filtered_ids(session, figure.registry)
            ages = {
                (TODAY - d).days for d in session.scalars(select(Document.date).where(Document.id.in_(ids)))
            }
            low, high = {"0-30": (-31, 30), "31-60": (31, 60), "61-90": (61, 90), "90+": (91, 10_000)}[
                figure.name
            ]
            assert ages and all(low <= a <= high for a in ages), (figure.name, ages)


def test_closing_status_per_month_matches_the_closing_plan(history: tuple[Database, int]) -> None:
    database, failed_contract = history
    with database.session() as session:
        view = overview.compute(session, Scope(), TODAY)
        months = {m.period: m for m in view.closing}
        assert list(months) == last_periods(TODAY)
        assert list(months)[-1] == "2026-11"
        for period in (*CLOSED_PERIODS, "2026-07", "2026-11"):
            plan = closing.plan(session, period)
            due = [r for r in plan.rows if r.skip_reason is None]
            closed = {
                r.contract_id
                for r in due
                if any(d.kind in ("act", "upd") and d.existing_number is not None for d in r.documents)
            }
            month = months[period]
            assert month.due == len(due), period
            assert month.closed.count == len(closed), period
            assert month.failed.count == (1 if period == FAILING_PERIOD else 0), period
            # The closed bar lists the acts/UPDs of those contracts in the registry.
            assert month.closed.registry is not None
            ids = registry.filtered_ids(session, month.closed.registry)
            listed = set(session.scalars(select(Document.contract_id).where(Document.id.in_(ids))))
            assert listed == closed
            assert month.not_closed.target == "closing" and month.not_closed.period == period
        assert months["2026-09"].not_closed.count == 0 and months["2026-09"].closed.count > 0
        assert months["2026-07"].closed.count == 0 and months["2026-07"].not_closed.count > 0
        assert failed_contract not in {
            c
            for c in session.scalars(
                select(Document.contract_id).where(
                    Document.period == FAILING_PERIOD, Document.kind.in_(("act", "upd"))
                )
            )
        }


def test_a_manager_sees_only_his_clients(history: tuple[Database, int]) -> None:
    database, _failed = history
    with database.session() as session:
        everyone = overview.compute(session, Scope(), TODAY)
        manager = session.scalars(select(User).where(User.login == "m.smirnov")).one()
        scope = overview.scope_for(session, "m.smirnov")
        assert scope.manager_id == manager.id and not scope.can_approve
        mine = overview.compute(session, scope, TODAY)
    assert 0 < mine.unsigned.count < everyone.unsigned.count
    bar = next(f for f in everyone.unsigned_by_manager if f.name == manager.full_name)
    assert (bar.count, bar.amount) == (mine.unsigned.count, mine.unsigned.amount)
    assert [f.name for f in mine.unsigned_by_manager] == [manager.full_name]
    assert sum(m.due for m in mine.closing) < sum(m.due for m in everyone.closing)
    _assert_registry_agrees(database, mine)


def test_own_entity_narrows_every_figure(history: tuple[Database, int]) -> None:
    database, _failed = history
    with database.session() as session:
        entity_id = session.scalar(select(func.min(Document.own_entity_id)))
        view = overview.compute(session, Scope(own_entity_ids=(entity_id,)), TODAY)
        assert view.unsigned.registry is not None and view.unsigned.registry.own_entity_id == entity_id
        everyone = overview.compute(session, Scope(), TODAY)
    assert 0 < view.unsigned.count < everyone.unsigned.count
    _assert_registry_agrees(database, view)


def test_several_own_entities_count_together_and_lead_to_the_same_lists(
    history: tuple[Database, int],
) -> None:
    database, _failed = history
    with database.session() as session:
        ids = sorted(session.scalars(select(OwnEntity.id)))
        assert len(ids) == 3
        two = overview.scope_for(session, "buh.ivanova", ids[:2])
        both = overview.compute(session, two, TODAY)
        alone = [overview.compute(session, Scope(own_entity_ids=(i,)), TODAY) for i in ids]
        everyone = overview.compute(session, Scope(), TODAY)
        # Two entities: the sum of each alone, less than all three.
        for key in ("unsigned", "receivables", "unallocated"):
            figure = getattr(both, key)
            assert figure.count == sum(getattr(v, key).count for v in alone[:2]), key
            assert figure.amount == sum((getattr(v, key).amount for v in alone[:2]), Decimal(0)), key
        assert both.unsigned.count < everyone.unsigned.count
        assert [m.due for m in both.closing] == [
            a.due + b.due for a, b in zip(alone[0].closing, alone[1].closing, strict=True)
        ]
        # The lists behind the figures carry the same two entities.
        assert both.unsigned.registry is not None and both.unsigned.registry.own_entity_ids == ids[:2]
        assert all(f.contracts is not None and f.contracts.own_entity_ids == ids[:2] for f in both.expiring)
        assert both.requests_due.requests is not None and both.requests_due.requests.own_entity_ids == ids[:2]
        due = session.scalar(
            select(func.count(PaymentRequest.id)).where(
                *payment_requests.where(both.requests_due.requests, "buh.ivanova", TODAY)
            )
        )
        assert both.requests_due.count == due
    _assert_registry_agrees(database, both)


def test_expiring_contracts_equal_the_contracts_tab_filter(history: tuple[Database, int]) -> None:
    database, _failed = history
    with database.session() as session:
        view = overview.compute(session, Scope(), TODAY)
        assert [f.key for f in view.expiring] == ["expiring.30", "expiring.60"]
        rows = session.execute(select(Contract.valid_to, Contract.own_entity_id)).all()
        for figure, days in zip(view.expiring, (30, 60), strict=True):
            assert figure.contracts is not None and figure.target == "contracts"
            assert figure.contracts.expiring_within_days == days
            expected = [
                v for v, _e in rows if v is not None and TODAY <= v <= TODAY + dt.timedelta(days=days)
            ]
            assert figure.count == len(expected)
            # The contracts tab's query with the figure's filter lists the same contracts.
            ids = session.scalars(
                contract_registry.apply_filter(
                    select(Contract.id)
                    .join(Counterparty, Counterparty.id == Contract.counterparty_id)
                    .join(OwnEntity, OwnEntity.id == Contract.own_entity_id),
                    figure.contracts,
                    TODAY,
                )
            ).all()
            assert len(ids) == figure.count
    assert 0 < view.expiring[0].count < view.expiring[1].count


def _requests(session: Any, *where: Any) -> tuple[int, Decimal]:
    count, total = session.execute(
        select(func.count(PaymentRequest.id), func.sum(PaymentRequest.amount)).where(*where)
    ).one()
    return int(count), Decimal(total or 0).quantize(Decimal("0.01"))


def test_payments_and_requests(history: tuple[Database, int]) -> None:
    database, _failed = history
    with database.session() as session:
        approver = overview.compute(session, overview.scope_for(session, "fin.director"), TODAY)
        initiator = overview.compute(session, overview.scope_for(session, "m.smirnov"), TODAY)
        accountant = overview.compute(session, overview.scope_for(session, "buh.ivanova"), TODAY)
        open_amount = BankPayment.amount - BankPayment.allocated_amount
        unallocated = session.execute(
            select(func.count(BankPayment.id), func.sum(open_amount)).where(
                BankPayment.direction == "in", BankPayment.status.in_(("unallocated", "partial"))
            )
        ).one()
        on_approval = PaymentRequest.status == "approval"
        all_waiting = _requests(session, on_approval)
        smirnov = _requests(session, on_approval, PaymentRequest.initiator == "m.smirnov")
        ivanova = _requests(session, on_approval, PaymentRequest.initiator == "buh.ivanova")
        due = _requests(
            session,
            PaymentRequest.status.in_(("approval", "approved")),
            PaymentRequest.pay_by <= dt.date(2026, 11, 22),  # TODAY is a Sunday: the week ends today
        )
    # Incoming payments not (fully) allocated, with what is left of them (the history adds 26 000,00).
    assert (approver.unallocated.count, approver.unallocated.amount) == (
        int(unallocated[0]),
        Decimal(unallocated[1]).quantize(Decimal("0.01")),
    )
    assert approver.unallocated.count >= 3
    # The approver sees every request on approval; others see their own ones.
    assert approver.requests_approval.key == "requests_approval"
    assert (approver.requests_approval.count, approver.requests_approval.amount) == all_waiting
    assert initiator.requests_approval.key == "requests_mine"
    assert (initiator.requests_approval.count, initiator.requests_approval.amount) == smirnov
    assert (accountant.requests_approval.count, accountant.requests_approval.amount) == ivanova
    assert 0 < smirnov[0] < all_waiting[0] and ivanova[0] > 0
    # Due this week, overdue ones included (the approved request of the history is a day late).
    assert (approver.requests_due.count, approver.requests_due.amount) == due and due[0] > 0
    # Each request counter lists its requests in the requests registry with the same filter.
    with database.session() as session:
        for view, login in (
            (approver, "fin.director"),
            (initiator, "m.smirnov"),
            (accountant, "buh.ivanova"),
        ):
            for figure in (view.requests_approval, view.requests_due):
                assert figure.requests is not None and figure.target == "requests"
                found = payment_requests.totals(session, figure.requests, login, TODAY)
                assert (found.count, sum(found.by_currency.values(), Decimal(0))) == (
                    figure.count,
                    figure.amount,
                )
    # A manager's unallocated payments are those of his clients.
    assert initiator.unallocated.count <= approver.unallocated.count
