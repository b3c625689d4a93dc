"""Approval routes: which people approve a payment request, in which order, and whose turn it is.

The route of a request is planned when it is submitted, from its payer's ``ApprovalRule`` rows
(docs/domain.md, «Approval routes»): every rule whose ``amount_above`` is below the request's
amount and whose budget item is the request's or none. Rules of one ``stage`` run in parallel (each
approver decides), a later stage waits for the earlier one. A step whose approver is the initiator
is left out (nobody approves their own request); a payer with no rule — or a route left empty —
gets one step that any approver may take. Each submit is a new ``round``: a request returned for
revision starts its route again.

The same rules run inside PostgreSQL (``aktdesk_request_transition``, migration 0007), where they
are enforced; on SQLite (one user) this module is the only check. Keep both in step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.core.models import (
    ApprovalRule,
    BudgetItem,
    Decision,
    PaymentRequest,
    RequestApproval,
    RequestStatus,
    Role,
)

ANY_APPROVER = "Согласующий"  # the title of the step any approver may take


@dataclass(frozen=True)
class PlannedStep:
    stage: int
    approver_login: str | None  # None: any approver
    title: str


def plan_route(session: Session, request: PaymentRequest) -> list[PlannedStep]:
    """The steps the request goes through when submitted now (stages renumbered 1, 2, …)."""
    rules = session.scalars(
        select(ApprovalRule)
        .where(
            ApprovalRule.own_entity_id == request.own_entity_id,
            or_(ApprovalRule.budget_item_id.is_(None), ApprovalRule.budget_item_id == request.budget_item_id),
            ApprovalRule.amount_above < request.amount,
        )
        .order_by(ApprovalRule.stage, ApprovalRule.id)
    )
    steps: list[PlannedStep] = []
    seen: set[str] = set()
    stages: dict[int, int] = {}
    for rule in rules:
        if rule.approver_login == request.initiator or rule.approver_login in seen:
            continue
        seen.add(rule.approver_login)
        stage = stages.setdefault(rule.stage, len(stages) + 1)
        steps.append(PlannedStep(stage, rule.approver_login, rule.title))
    return steps or [PlannedStep(1, None, ANY_APPROVER)]


def start_round(session: Session, request: PaymentRequest) -> list[RequestApproval]:
    """A new round of the request's route (at submit): its steps, none decided yet."""
    request.route_round = (request.route_round or 0) + 1
    steps = [
        RequestApproval(
            round=request.route_round,
            stage=s.stage,
            approver_login=s.approver_login,
            title=s.title,
            comment="",
        )
        for s in plan_route(session, request)
    ]
    request.steps.extend(steps)
    return steps


def round_steps(request: PaymentRequest) -> list[RequestApproval]:
    """The steps of the request's current round, by stage."""
    return sorted(
        (s for s in request.steps if s.round == request.route_round), key=lambda s: (s.stage, s.id or 0)
    )


def pending(request: PaymentRequest) -> list[RequestApproval]:
    """The undecided steps of the earliest stage not yet through (empty when none is waiting)."""
    if request.status != RequestStatus.APPROVAL:
        return []
    open_steps = [s for s in round_steps(request) if s.decision is None]
    if not open_steps:
        return []
    stage = min(s.stage for s in open_steps)
    return [s for s in open_steps if s.stage == stage]


def stage_count(request: PaymentRequest) -> int:
    return max((s.stage for s in round_steps(request)), default=0)


def may_take(step: RequestApproval, login: str, role: str | None) -> bool:
    """Whether ``login`` (of ``role``) is the approver of ``step``."""
    if step.approver_login is None:
        return role in (Role.APPROVER, Role.ADMIN)
    return step.approver_login == login


def step_of(request: PaymentRequest, login: str, role: str | None) -> RequestApproval | None:
    """The waiting step ``login`` may decide now, if any (never on their own request)."""
    if request.initiator == login:
        return None
    return next((s for s in pending(request) if may_take(s, login, role)), None)


def on_route(request: PaymentRequest, login: str, role: str | None) -> bool:
    """Whether ``login`` approves some step of the current round (may reject or return it later)."""
    return request.initiator != login and any(may_take(s, login, role) for s in round_steps(request))


def decide(step: RequestApproval, decision: Decision, login: str, comment: str, at: dt.datetime) -> None:
    step.decision = decision
    step.decided_by = login
    step.decided_at = at
    step.comment = comment.strip()


def close_round(
    request: PaymentRequest,
    decision: Decision,
    login: str,
    comment: str,
    at: dt.datetime,
    *,
    role: str | None,
) -> None:
    """A rejection or return on approval is the waiting step's decision (after approval the steps
    are all decided: the request's history records it)."""
    mine = step_of(request, login, role)
    if mine is not None:
        decide(mine, decision, login, comment, at)


def waiting_for(request: PaymentRequest, names: dict[str, str]) -> str:
    """«этап 2 из 3: Петров П. (Финансовый директор)» — who the request waits for, for the card."""
    steps = pending(request)
    if not steps:
        return ""
    people = ", ".join(
        f"{names.get(s.approver_login, s.approver_login)} ({s.title})" if s.approver_login else s.title
        for s in steps
    )
    return f"этап {steps[0].stage} из {stage_count(request)}: {people}"


def next_approvers(request: PaymentRequest) -> list[str]:
    """The logins the request now waits for (None-steps are for every approver: not listed)."""
    return [s.approver_login for s in pending(request) if s.approver_login]


def waiting_request_ids(session: Session, login: str, role: str | None) -> list[int]:
    """The requests waiting for ``login``'s step now (the «to approve» view)."""
    rows = session.scalars(
        select(PaymentRequest)
        .join(RequestApproval, RequestApproval.request_id == PaymentRequest.id)
        .where(
            PaymentRequest.status == RequestStatus.APPROVAL,
            RequestApproval.round == PaymentRequest.route_round,
            RequestApproval.decision.is_(None),
            PaymentRequest.initiator != login,
            or_(
                RequestApproval.approver_login == login,
                RequestApproval.approver_login.is_(None) & (role in (Role.APPROVER, Role.ADMIN)),
            ),
        )
        .distinct()
    )
    return [r.id for r in rows if step_of(r, login, role) is not None]


@dataclass(frozen=True)
class BudgetFigures:
    """What a budget item has spent (paid) and has approved (not yet paid) in the month."""

    item: str
    month: str
    paid: Decimal
    approved: Decimal


def budget_figures(
    session: Session, budget_item_id: int | None, today: dt.date, *, exclude: Sequence[int] = ()
) -> BudgetFigures | None:
    """The month's paid and approved sums of one budget item (the approver's view), ``exclude``: this request."""
    if budget_item_id is None:
        return None
    item = session.get(BudgetItem, budget_item_id)
    if item is None:
        return None
    start = today.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    base = select(func.coalesce(func.sum(PaymentRequest.amount), 0)).where(
        PaymentRequest.budget_item_id == budget_item_id, PaymentRequest.id.not_in(list(exclude) or [0])
    )
    paid = session.scalar(
        base.where(
            PaymentRequest.status == RequestStatus.PAID,
            PaymentRequest.paid_at >= start,
            PaymentRequest.paid_at < end,
        )
    )
    approved = session.scalar(
        base.where(
            PaymentRequest.status == RequestStatus.APPROVED,
            PaymentRequest.pay_by >= start,
            PaymentRequest.pay_by < end,
        )
    )
    return BudgetFigures(
        item=f"{item.code} {item.name}".strip(),
        month=start.strftime("%m.%Y"),
        paid=Decimal(paid or 0),
        approved=Decimal(approved or 0),
    )
