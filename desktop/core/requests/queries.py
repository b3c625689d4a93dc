"""The lists of the payment-requests tab: the filter (with the built-in views: my requests, waiting
for my approval, due this week), its SQL conditions, the sorted ids of a page, the rows, and the
totals per currency.

«Waiting for my approval» (``to_approve``) is the rule of ``routes.step_of`` written as SQL: a
request on approval, not the user's own, with an undecided step of its current round at the
earliest undecided stage that is the user's (or any approver's, when the user approves).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from desktop.core.models import BudgetItem, PaymentRequest, RequestApproval, RequestStatus, Role, User


def week_end(today: dt.date) -> dt.date:
    """The Sunday of ``today``'s week."""
    return today + dt.timedelta(days=6 - today.weekday())


PRESETS = ("mine", "to_approve", "due_this_week")


@dataclass
class RequestFilter:
    """The registry's filter; ``preset`` is one of the built-in saved filters (``PRESETS``)."""

    statuses: list[str] = field(default_factory=list)
    own_entity_id: int | None = None
    own_entity_ids: list[int] = field(default_factory=list)  # several own entities (empty: no limit)
    search: str = ""
    preset: str | None = None  # mine | to_approve | due_this_week

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RequestFilter:
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})


_ORDER = {
    "number": (PaymentRequest.year, PaymentRequest.seq),
    "status": (PaymentRequest.status,),
    "pay_by": (PaymentRequest.pay_by,),
    "contractor": (PaymentRequest.contractor_name,),
    "subject": (PaymentRequest.subject,),
    "amount": (PaymentRequest.amount,),
    "entity": (PaymentRequest.own_entity_id,),
    "initiator": (PaymentRequest.initiator,),
    "created": (PaymentRequest.created_at,),
    "budget_item": (
        select(BudgetItem.code).where(BudgetItem.id == PaymentRequest.budget_item_id).scalar_subquery(),
    ),
}


def approves(login: str) -> ColumnElement[bool]:
    """Whether ``login`` takes the steps of any approver (``permissions.user_role`` in SQL: an active
    approver or admin, or anyone while no active user is recorded)."""
    return or_(
        exists().where(
            User.login == login, User.is_active.is_(True), User.role.in_((Role.APPROVER, Role.ADMIN))
        ),
        ~exists().where(User.is_active.is_(True)),
    )


def waiting_for_login(login: str) -> ColumnElement[bool]:
    """Requests whose waiting step is ``login``'s now (``routes.step_of`` in SQL)."""
    step, earlier = aliased(RequestApproval), aliased(RequestApproval)
    waiting_stage = (
        select(func.min(earlier.stage))
        .where(
            earlier.request_id == PaymentRequest.id,
            earlier.round == PaymentRequest.route_round,
            earlier.decision.is_(None),
        )
        .correlate(PaymentRequest)  # the request of the outer query (not a second copy of the table)
        .scalar_subquery()
    )
    mine = exists().where(
        step.request_id == PaymentRequest.id,
        step.round == PaymentRequest.route_round,
        step.decision.is_(None),
        step.stage == waiting_stage,
        or_(step.approver_login == login, and_(step.approver_login.is_(None), approves(login))),
    )
    return and_(PaymentRequest.status == RequestStatus.APPROVAL, PaymentRequest.initiator != login, mine)


def where(flt: RequestFilter, login: str, today: dt.date) -> list[Any]:
    """The SQL conditions of a filter for the user ``login`` on ``today``."""
    conditions: list[Any] = []
    if flt.statuses:
        conditions.append(PaymentRequest.status.in_(flt.statuses))
    if flt.own_entity_id is not None:
        conditions.append(PaymentRequest.own_entity_id == flt.own_entity_id)
    if flt.own_entity_ids:
        conditions.append(PaymentRequest.own_entity_id.in_(flt.own_entity_ids))
    if flt.preset == "mine":
        conditions.append(PaymentRequest.initiator == login)
    elif flt.preset == "to_approve":
        conditions.append(waiting_for_login(login))
    elif flt.preset == "due_this_week":
        # Overdue ones are due too: everything open with a pay-by date up to this Sunday.
        conditions.append(PaymentRequest.status.in_((RequestStatus.APPROVAL, RequestStatus.APPROVED)))
        conditions.append(PaymentRequest.pay_by <= week_end(today))
    text = " ".join(flt.search.split()).lower()
    if text:
        like = f"%{text}%"
        conditions.append(
            or_(
                func.lower(PaymentRequest.number).like(like),
                func.lower(PaymentRequest.contractor_name).like(like),
                PaymentRequest.contractor_inn.like(like),
                func.lower(PaymentRequest.subject).like(like),
                func.lower(PaymentRequest.purpose).like(like),
            )
        )
    return conditions


def select_ids(
    flt: RequestFilter, login: str, today: dt.date, order_key: str = "number", descending: bool = True
) -> Select[Any]:
    columns = _ORDER.get(order_key, _ORDER["number"])
    order = [c.desc() if descending else c.asc() for c in columns]
    return select(PaymentRequest.id).where(*where(flt, login, today)).order_by(*order, PaymentRequest.id)


def load(session: Session, ids: Sequence[int]) -> list[PaymentRequest]:
    """The requests of ``ids`` in that order, with their route's steps and budget item loaded."""
    if not ids:
        return []
    found = {
        r.id: r
        for r in session.scalars(
            select(PaymentRequest)
            .where(PaymentRequest.id.in_(ids))
            .options(selectinload(PaymentRequest.steps), selectinload(PaymentRequest.budget_item))
        )
    }
    return [found[i] for i in ids if i in found]


@dataclass
class Totals:
    count: int
    by_currency: dict[str, Decimal]


def totals(session: Session, flt: RequestFilter, login: str, today: dt.date) -> Totals:
    """Count and sums (per currency) of the filtered requests."""
    rows = session.execute(
        select(PaymentRequest.currency, func.count(PaymentRequest.id), func.sum(PaymentRequest.amount))
        .where(*where(flt, login, today))
        .group_by(PaymentRequest.currency)
        .order_by(PaymentRequest.currency)
    ).all()
    return Totals(
        count=sum(int(n) for _c, n, _s in rows),
        by_currency={str(c): Decimal(s or 0).quantize(Decimal("0.01")) for c, _n, s in rows},
    )
