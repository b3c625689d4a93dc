"""The overview: what needs attention this month, computed by SQL aggregates (GROUP BY, no row loops).

Every figure carries the filter that lists its rows: a ``RegistryFilter`` for documents (the
registry shows the same count and amounts, since both use ``registry.apply_filter``), a
``ContractFilter`` for expiring contracts (the contracts tab's filter), or the period for the
closing tab. A manager sees only his clients; the chosen own entity narrows everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, String, and_, case, exists, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from desktop.core.closing.plan import CLOSE_FAILED
from desktop.core.common.periods import last_periods, period_bounds, quarter_bounds, year_bounds
from desktop.core.contracts import registry as contract_registry
from desktop.core.contracts.registry import ContractFilter
from desktop.core.models import (
    SIGNABLE_KINDS,
    Agreement,
    BankPayment,
    Contract,
    ContractKind,
    ContractLine,
    ContractStatus,
    Counterparty,
    Document,
    DocumentKind,
    Event,
    OwnEntity,
    PaymentDirection,
    PaymentRequest,
    PaymentStatus,
    Periodicity,
    RequestStatus,
    Role,
    User,
    WorkOrder,
)
from desktop.core.registry import queries as registry
from desktop.core.registry.queries import RegistryFilter
from desktop.core.requests import queries as payment_requests
from desktop.core.requests.queries import RequestFilter

KOPECK = Decimal("0.01")
# (key, first day of age, last day of age or None)
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-30", 0, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    ("90+", 91, None),
)
TOP_CLIENTS = 10
EXPIRING_DAYS = (30, 60)


@dataclass(frozen=True)
class Scope:
    """Whose figures: the chosen own entities (none chosen: all); a manager's clients; who approves."""

    own_entity_ids: tuple[int, ...] = ()
    manager_id: int | None = None
    login: str = ""
    can_approve: bool = False

    def entity_fields(self) -> dict[str, Any]:
        """The own-entity part of the lists' filters: one entity as the lists' own choice, several as a set."""
        if len(self.own_entity_ids) == 1:
            return {"own_entity_id": self.own_entity_ids[0]}
        return {"own_entity_ids": list(self.own_entity_ids)} if self.own_entity_ids else {}

    def registry_filter(self, **values: Any) -> RegistryFilter:
        return RegistryFilter(manager_id=self.manager_id, **self.entity_fields(), **values)


def scope_for(session: Session, login: str, own_entity_ids: Sequence[int] = ()) -> Scope:
    """The scope of the person at the keyboard: a manager sees his clients, an approver approves."""
    user = session.scalars(select(User).where(User.login == login)).first()
    role = user.role if user is not None else None
    return Scope(
        own_entity_ids=tuple(sorted(set(own_entity_ids))),
        manager_id=user.id if user is not None and role == Role.MANAGER else None,
        login=login,
        can_approve=role in (Role.APPROVER, Role.ADMIN),
    )


@dataclass(frozen=True)
class Figure:
    """One number of the overview and where its rows are listed.

    ``target``: "registry" (``registry`` filter), "contracts" (``contracts`` filter), "closing"
    (``period``), "requests" (``requests`` filter) or "payments" (the tab is opened).
    """

    key: str
    count: int
    amount: Decimal = Decimal("0.00")
    name: str = ""  # the manager's or client's name of a bar
    target: str = "registry"
    registry: RegistryFilter | None = None
    contracts: ContractFilter | None = None
    requests: RequestFilter | None = None
    period: str | None = None


@dataclass(frozen=True)
class ClosingMonth:
    period: str
    closed: Figure
    not_closed: Figure
    failed: Figure

    @property
    def due(self) -> int:
        return self.closed.count + self.not_closed.count + self.failed.count


@dataclass
class Overview:
    today: dt.date
    scope: Scope
    closing: list[ClosingMonth] = field(default_factory=list)
    unsigned: Figure = field(default_factory=lambda: Figure("unsigned", 0))
    unsigned_by_age: list[Figure] = field(default_factory=list)
    unsigned_by_manager: list[Figure] = field(default_factory=list)
    receivables: Figure = field(default_factory=lambda: Figure("receivables", 0))
    receivables_by_age: list[Figure] = field(default_factory=list)
    receivables_top: list[Figure] = field(default_factory=list)
    unallocated: Figure = field(default_factory=lambda: Figure("unallocated", 0, target="payments"))
    requests_approval: Figure = field(
        default_factory=lambda: Figure("requests_approval", 0, target="requests")
    )
    requests_due: Figure = field(default_factory=lambda: Figure("requests_due", 0, target="requests"))
    expiring: list[Figure] = field(default_factory=list)

    def counters(self) -> list[Figure]:
        """The headline counters, in the order the tab shows them."""
        return [
            self.unsigned,
            self.receivables,
            self.unallocated,
            self.requests_approval,
            self.requests_due,
            *self.expiring,
        ]


def _money(value: Any) -> Decimal:
    return Decimal(value or 0).quantize(KOPECK)


def _documents(*columns: Any) -> Any:
    """The registry's FROM clause (documents with client, entity and manager) around ``columns``."""
    return (
        select(*columns)
        .select_from(Document)
        .join(Counterparty, Counterparty.id == Document.counterparty_id)
        .join(OwnEntity, OwnEntity.id == Document.own_entity_id)
        .outerjoin(User, User.id == Counterparty.manager_id)
        .where(Document.current.is_(True))
    )


def _age_bounds(today: dt.date, first: int, last: int | None) -> tuple[str | None, str | None]:
    """Document dates of an age bucket as the registry's date_from/date_to; future dates count as 0 days."""
    date_from = None if last is None else (today - dt.timedelta(days=last)).isoformat()
    date_to = None if first == 0 else (today - dt.timedelta(days=first)).isoformat()
    return date_from, date_to


def _age_case(today: dt.date) -> Any:
    whens = [
        (Document.date >= today - dt.timedelta(days=last), key)
        for key, _first, last in AGE_BUCKETS
        if last is not None
    ]
    return case(*whens, else_=AGE_BUCKETS[-1][0])


def _by_age(session: Session, today: dt.date, flt: RegistryFilter, unpaid: bool, prefix: str) -> list[Figure]:
    """The figures by age of the document date; amounts as the registry's totals count them (each
    sale once in a bucket): the amount to pay, or with ``unpaid`` what is still unpaid."""
    found = registry.grouped_totals(session, flt, _age_case(today))
    figures = []
    for key, first, last in AGE_BUCKETS:
        count, amount, owed = found.get((key,), (0, Decimal(0), Decimal(0)))
        date_from, date_to = _age_bounds(today, first, last)
        figures.append(
            Figure(
                f"{prefix}.{key}",
                int(count),
                _money(owed if unpaid else amount),
                name=key,
                registry=replace(flt, date_from=date_from, date_to=date_to),
            )
        )
    return figures


def _total(session: Session, buckets: list[Figure], flt: RegistryFilter, key: str, unpaid: bool) -> Figure:
    """The whole of the age buckets: every document (an undated one too) falls in exactly one; the
    amount is the registry's total, where a sale whose act and UPD are of different ages counts once."""
    count = sum(f.count for f in buckets)
    _count, amount, owed = registry.totals(session, flt)
    return Figure(key, count, _money(owed if unpaid else amount), registry=flt)


def _by_manager(session: Session, flt: RegistryFilter, unpaid: bool, prefix: str) -> list[Figure]:
    found = registry.grouped_totals(session, flt, Counterparty.manager_id, User.full_name)
    rows = [
        (manager_id, name, count, owed if unpaid else amount)
        for (manager_id, name), (count, amount, owed) in found.items()
    ]
    rows.sort(key=lambda r: (-(r[3] or 0), r[1] or ""))
    return [
        Figure(
            f"{prefix}.manager",
            int(count),
            _money(total),
            name=name or "",
            registry=replace(flt, manager_id=manager_id)
            if manager_id is not None
            else replace(flt, no_manager=True),
        )
        for manager_id, name, count, total in rows
    ]


def _top_clients(session: Session, flt: RegistryFilter, amount: Any, prefix: str) -> list[Figure]:
    total = func.sum(amount)
    stmt = (
        registry.apply_filter(
            _documents(Counterparty.id, Counterparty.short_name, func.count(Document.id), total), flt
        )
        .group_by(Counterparty.id, Counterparty.short_name)
        .order_by(total.desc(), Counterparty.short_name, Counterparty.id)
        .limit(TOP_CLIENTS)
    )
    return [
        Figure(
            f"{prefix}.client",
            int(count),
            _money(sum_),
            name=name,
            registry=replace(flt, counterparty_id=party_id),
        )
        for party_id, name, count, sum_ in session.execute(stmt)
    ]


# --- closing status per month -------------------------------------------------------------


def _months(periods: list[str]) -> Any:
    """The months as a small constant table: bounds of the month, its quarter and its year."""
    selects = []
    for period in periods:
        (m_start, m_end), (q_start, q_end), (y_start, y_end) = (
            bounds(period) for bounds in (period_bounds, quarter_bounds, year_bounds)
        )
        selects.append(
            select(
                literal(period, String).label("period"),
                literal(m_start, Date).label("m_start"),
                literal(m_end, Date).label("m_end"),
                literal(q_start, Date).label("q_start"),
                literal(q_end, Date).label("q_end"),
                literal(y_start, Date).label("y_start"),
                literal(y_end, Date).label("y_end"),
            )
        )
    return union_all(*selects).cte("months")


def _closing(session: Session, scope: Scope, periods: list[str]) -> list[ClosingMonth]:
    """Per month: contracts due a document (as ``closing.plan`` decides) that have one, failed, or neither.

    Due, as in ``contracts.billing_due``: not a draft or suspended, in force in the month; quarterly
    contracts in the quarter's last month and yearly ones in December (or in the month they end);
    variable contracts only with work orders in the billing period.
    """
    months = _months(periods)
    ends = (
        select(Agreement.contract_id, func.min(Agreement.ends_contract_on).label("ends_on"))
        .where(Agreement.ends_contract_on.is_not(None))
        .group_by(Agreement.contract_id)
        .subquery("ends")
    )
    end = case(
        (ends.c.ends_on.is_(None), Contract.valid_to),
        (Contract.valid_to.is_(None), ends.c.ends_on),
        (ends.c.ends_on < Contract.valid_to, ends.c.ends_on),
        else_=Contract.valid_to,
    )
    m = months.c
    cover_start = case(
        (Contract.periodicity == Periodicity.QUARTER, m.q_start),
        (Contract.periodicity == Periodicity.YEAR, m.y_start),
        else_=m.m_start,
    )
    cover_end = case(
        (Contract.periodicity == Periodicity.QUARTER, m.q_end),
        (Contract.periodicity == Periodicity.YEAR, m.y_end),
        else_=m.m_end,
    )
    ends_here = and_(end.is_not(None), end >= m.m_start, end <= m.m_end)
    bills_this_month = or_(
        Contract.periodicity.not_in(("quarter", "year")),
        and_(Contract.periodicity == Periodicity.QUARTER, or_(m.m_end == m.q_end, ends_here)),
        and_(Contract.periodicity == Periodicity.YEAR, or_(m.m_end == m.y_end, ends_here)),
    )
    has_work = exists().where(
        WorkOrder.contract_id == Contract.id, WorkOrder.date >= cover_start, WorkOrder.date <= cover_end
    )
    has_lines = exists().where(ContractLine.contract_id == Contract.id)
    has_document = exists().where(
        Document.contract_id == Contract.id,
        Document.period == m.period,
        Document.kind.in_(SIGNABLE_KINDS),
        Document.current.is_(True),
    )
    failed = exists().where(
        Event.object_type == "contract",
        Event.object_id == Contract.id,
        Event.action == CLOSE_FAILED,
        Event.details.like(literal('%"period": "', String) + m.period + literal('"%', String)),
    )
    state = case((has_document, "closed"), (failed, "failed"), else_="open").label("state")
    stmt = (
        select(m.period, state, func.count())
        .select_from(Contract)
        .join(months, literal(True))
        .join(Counterparty, Counterparty.id == Contract.counterparty_id)
        .outerjoin(ends, ends.c.contract_id == Contract.id)
        .where(
            Contract.status.not_in((ContractStatus.DRAFT, ContractStatus.SUSPENDED)),
            or_(end.is_(None), end >= m.m_start),
            Contract.valid_from <= cover_end,
            bills_this_month,
            case((Contract.kind == ContractKind.VARIABLE, has_work), else_=has_lines),
        )
        .group_by(m.period, state)
    )
    if scope.own_entity_ids:
        stmt = stmt.where(Contract.own_entity_id.in_(scope.own_entity_ids))
    if scope.manager_id is not None:
        stmt = stmt.where(Counterparty.manager_id == scope.manager_id)
    found = {(period, state_): int(count) for period, state_, count in session.execute(stmt)}
    result = []
    for period in periods:
        result.append(
            ClosingMonth(
                period,
                closed=Figure(
                    "closing.closed",
                    found.get((period, "closed"), 0),
                    name=period,
                    registry=scope.registry_filter(
                        kinds=list(SIGNABLE_KINDS), period_from=period, period_to=period
                    ),
                ),
                not_closed=Figure(
                    "closing.open",
                    found.get((period, "open"), 0),
                    name=period,
                    target="closing",
                    period=period,
                ),
                failed=Figure(
                    "closing.failed",
                    found.get((period, "failed"), 0),
                    name=period,
                    target="closing",
                    period=period,
                ),
            )
        )
    return result


# --- payments, requests, contracts ------------------------------------------------------------


def _unallocated(session: Session, scope: Scope) -> Figure:
    open_amount = BankPayment.amount - BankPayment.allocated_amount
    stmt = (
        select(func.count(BankPayment.id), func.sum(open_amount))
        .select_from(BankPayment)
        .outerjoin(Counterparty, Counterparty.id == BankPayment.counterparty_id)
        .where(
            BankPayment.direction == PaymentDirection.INCOMING,
            BankPayment.status.in_((PaymentStatus.UNALLOCATED, PaymentStatus.PARTIAL)),
        )
    )
    if scope.own_entity_ids:
        stmt = stmt.where(BankPayment.own_entity_id.in_(scope.own_entity_ids))
    if scope.manager_id is not None:
        stmt = stmt.where(Counterparty.manager_id == scope.manager_id)
    count, total = session.execute(stmt).one()
    return Figure("unallocated", int(count), _money(total), target="payments")


def _requests(session: Session, scope: Scope, flt: RequestFilter, today: dt.date, key: str) -> Figure:
    stmt = select(func.count(PaymentRequest.id), func.sum(PaymentRequest.amount)).where(
        *payment_requests.where(flt, scope.login, today)
    )
    count, total = session.execute(stmt).one()
    return Figure(key, int(count), _money(total), target="requests", requests=flt)


def _expiring(session: Session, scope: Scope, days: int, today: dt.date) -> Figure:
    flt = ContractFilter(manager_id=scope.manager_id, expiring_within_days=days, **scope.entity_fields())
    monthly = contract_registry.monthly_amounts()
    base: Any = (
        select(
            func.count(Contract.id),
            func.sum(contract_registry.amount_expr(monthly)),
        )
        .select_from(Contract)
        .join(Counterparty, Counterparty.id == Contract.counterparty_id)
        .join(OwnEntity, OwnEntity.id == Contract.own_entity_id)
        .outerjoin(monthly, monthly.c.contract_id == Contract.id)
    )
    stmt = contract_registry.apply_filter(base, flt, today)
    count, total = session.execute(stmt).one()
    return Figure(f"expiring.{days}", int(count), _money(total), target="contracts", contracts=flt)


# --- all together ---------------------------------------------------------------------------


def unsigned_filter(scope: Scope) -> RegistryFilter:
    return scope.registry_filter(kinds=list(SIGNABLE_KINDS), signed=False)


def receivables_filter(scope: Scope) -> RegistryFilter:
    return scope.registry_filter(kinds=[DocumentKind.INVOICE], paid="not_paid")


def compute(session: Session, scope: Scope, today: dt.date | None = None, months: int = 12) -> Overview:
    """Every figure of the overview for ``scope`` on ``today``."""
    today = today or dt.date.today()
    view = Overview(today=today, scope=scope)
    view.closing = _closing(session, scope, last_periods(today, months))

    unsigned = unsigned_filter(scope)
    view.unsigned_by_age = _by_age(session, today, unsigned, False, "unsigned")
    view.unsigned = _total(session, view.unsigned_by_age, unsigned, "unsigned", False)
    view.unsigned_by_manager = _by_manager(session, unsigned, False, "unsigned")

    receivable = receivables_filter(scope)
    unpaid = Document.amount_total - Document.paid_amount
    view.receivables_by_age = _by_age(session, today, receivable, True, "receivables")
    view.receivables = _total(session, view.receivables_by_age, receivable, "receivables", True)
    view.receivables_top = _top_clients(session, receivable, unpaid, "receivables")
    view.unallocated = _unallocated(session, scope)

    entity = scope.entity_fields()
    if scope.can_approve:
        to_approve = RequestFilter(preset="to_approve", **entity)
        view.requests_approval = _requests(session, scope, to_approve, today, "requests_approval")
    else:  # nothing waits for this user's approval: show his own requests on approval
        mine = RequestFilter(statuses=[RequestStatus.APPROVAL.value], preset="mine", **entity)
        view.requests_approval = _requests(session, scope, mine, today, "requests_mine")
    due = RequestFilter(preset="due_this_week", **entity)
    view.requests_due = _requests(session, scope, due, today, "requests_due")
    view.expiring = [_expiring(session, scope, days, today) for days in EXPIRING_DAYS]
    return view
