"""Operations of the payment-request screens (each takes a :class:`Database`).

The registry table is lazy: ``request_ids`` gives the ids of a filter in an order with the count
and sums of the same filter (one session, so a footer matches the rows), ``requests_by_id`` the
requests of a page, ``names_and_payers`` the labels a row shows instead of ids and logins.
The card gets the request with its route (``RouteRound`` rows of plain data), the budget item's
figures of the month, and after a submit or an approval the letters to the next approvers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.db import Database
from desktop.core.models import (
    Counterparty,
    Decision,
    OwnEntity,
    PaymentRequest,
    RequestApproval,
    RequestStatus,
    Scan,
)
from desktop.core.requests import (
    attachments,
    export,
    mailing,
    permissions,
    queries,
    routes,
    validation,
    workflow,
)
from desktop.core.requests.mailing import Letter
from desktop.core.scans.store import AttachResult, ScanStore


def request_ids(
    database: Database,
    flt: queries.RequestFilter,
    login: str,
    today: dt.date,
    order_key: str = "number",
    descending: bool = True,
) -> tuple[list[int], queries.Totals]:
    with database.session() as session:
        ids = list(session.scalars(queries.select_ids(flt, login, today, order_key, descending)))
        return ids, queries.totals(session, flt, login, today)


def requests_by_id(database: Database, ids: Sequence[int]) -> list[PaymentRequest]:
    """The requests of ``ids`` (detached), in that order."""
    with database.session() as session:
        return queries.load(session, ids)


def names_and_payers(database: Database) -> tuple[dict[str, str], dict[int, str]]:
    """Logins → user names, and own entity ids → short names."""
    with database.session() as session:
        names = permissions.user_names(session)
        entities = {i: n for i, n in session.execute(select(OwnEntity.id, OwnEntity.short_name))}
    return names, entities


def user_role(database: Database, login: str) -> str | None:
    with database.session() as session:
        return permissions.user_role(session, login)


def export_orders(
    database: Database,
    out: Path,
    *,
    own_entity_id: int | None = None,
    login: str | None = None,
    today: dt.date | None = None,
) -> export.ExportResult:
    """The approved requests of one own entity not exported yet, as payment orders, marked exported."""
    with database.transaction() as session:
        return export.export_orders(session, out, own_entity_id=own_entity_id, login=login, today=today)


@dataclass(frozen=True)
class RouteStep:
    """One step of a request's route as the card lists it."""

    stage: int
    approver: str  # the approver's name; empty: any approver
    title: str  # «Финансовый директор»
    decision: Decision | None  # None: not decided (yet)
    decided_by: str  # the name of who decided
    decided_at: dt.datetime | None
    comment: str
    waiting: bool  # the request waits for this step now


@dataclass(frozen=True)
class RouteRound:
    """The steps of one submit of a request (a return for revision ends a round)."""

    number: int
    steps: list[RouteStep]


def route_rounds(request: PaymentRequest, names: dict[str, str]) -> list[RouteRound]:
    """Every round of the request's route, the current one first."""
    waiting = {id(s) for s in routes.pending(request)}
    by_round: dict[int, list[RequestApproval]] = {}
    for step in sorted(request.steps, key=lambda s: (s.round, s.stage, s.id or 0)):
        by_round.setdefault(step.round, []).append(step)
    return [
        RouteRound(
            number,
            [
                RouteStep(
                    stage=s.stage,
                    approver=names.get(s.approver_login, s.approver_login) if s.approver_login else "",
                    title=s.title,
                    decision=s.decision,
                    decided_by=names.get(s.decided_by, s.decided_by) if s.decided_by else "",
                    decided_at=s.decided_at,
                    comment=s.comment,
                    waiting=id(s) in waiting,
                )
                for s in steps
            ],
        )
        for number, steps in sorted(by_round.items(), reverse=True)
    ]


@dataclass(frozen=True)
class RequestCard:
    """A request (detached, its history loaded), its attachments, the names of the people, what
    the user may do with it, its route (current round first) and whom it waits for."""

    request: PaymentRequest
    attachments: list[Scan]
    names: dict[str, str]
    allowed: dict[permissions.Action, str | None]
    route: list[RouteRound]
    waiting: str  # «этап 2 из 2: Волков Сергей Николаевич (Финансовый директор)»; empty: none


def request_card(database: Database, request_id: int, login: str) -> RequestCard | None:
    with database.session() as session:
        request = session.get(
            PaymentRequest,
            request_id,
            options=[
                selectinload(PaymentRequest.history),
                selectinload(PaymentRequest.steps),
                selectinload(PaymentRequest.budget_item),
                selectinload(PaymentRequest.cost_centre),
            ],
        )
        if request is None:
            return None
        names = permissions.user_names(session)
        waiting = routes.waiting_for(request, names)
        return RequestCard(
            request,
            attachments.attachments(session, request_id),
            names,
            _allowed(session, request, login, waiting),
            route_rounds(request, names),
            waiting,
        )


_DECISIONS = (permissions.Action.APPROVE, permissions.Action.REJECT, permissions.Action.RETURN)


def _allowed(
    session: Session, request: PaymentRequest, login: str, waiting: str
) -> dict[permissions.Action, str | None]:
    """``permissions.allowed_actions``, and on approval a decision only for the waiting step's
    approver, as the database's function decides (``permissions`` lets an admin off the route
    through, and the step then finds no step of his to record)."""
    allowed = permissions.allowed_actions(session, request, login)
    if (
        request.status == RequestStatus.APPROVAL
        and routes.step_of(request, login, permissions.user_role(session, login)) is None
    ):
        for action in _DECISIONS:
            if allowed[action] is None:
                allowed[action] = f"Заявка № {request.number} сейчас ждёт не вас: {waiting}."
    return allowed


def budget_figures(
    database: Database, budget_item_id: int | None, today: dt.date, request_id: int | None
) -> routes.BudgetFigures | None:
    """What the budget item has paid and has approved this month, this request left out."""
    with database.session() as session:
        exclude = [request_id] if request_id is not None else []
        return routes.budget_figures(session, budget_item_id, today, exclude=exclude)


def directories_in_use(database: Database) -> validation.DirectoryCheck:
    """Which of the budget item and the cost centre a new request must choose (their directory has
    active entries)."""
    with database.session() as session:
        return validation.directory_check(session, None, None)


def counterparty_requisites(database: Database, counterparty_id: int) -> validation.Requisites | None:
    """The bank requisites a request copies from a counterparty's card (None when it is gone)."""
    with database.session() as session:
        party = session.get(Counterparty, counterparty_id)
        return validation.requisites_of(party) if party is not None else None


def save_request(
    database: Database,
    request_id: int | None,
    values: validation.RequestInput,
    *,
    login: str,
    today: dt.date,
    submit_comment: str | None = None,
) -> tuple[int, list[Letter]]:
    """Create or update a request (and send it for approval when ``submit_comment`` is given); its
    id and the letters to its first approvers (none for a draft)."""
    with database.transaction() as session:
        if request_id is None:
            request_id = workflow.create_request(session, values, login=login, today=today).id
        else:
            workflow.update_request(session, request_id, values, login=login)
        letters: list[Letter] = []
        if submit_comment is not None:
            request = workflow.submit(session, request_id, login=login, comment=submit_comment)
            letters = mailing.letters_to_approvers(session, request)
        return request_id, letters


def move_request(
    database: Database,
    request_id: int,
    action: permissions.Action,
    *,
    login: str,
    comment: str,
    paid_on: dt.date,
) -> list[Letter]:
    """Approve, reject, return or pay a request (``workflow.transition``); the letters to the
    approvers of a stage that starts waiting (after an approval that completed its stage)."""
    with database.transaction() as session:
        pending = {s.id for s in routes.pending(workflow.get_request(session, request_id))}
        request = workflow.transition(
            session, request_id, action, login=login, comment=comment, paid_on=paid_on
        )
        if action != permissions.Action.APPROVE or {s.id for s in routes.pending(request)} & pending:
            return []  # no new stage waits (another approver of this stage has yet to decide)
        return mailing.letters_to_approvers(session, request)


def comment_request(database: Database, request_id: int, comment: str, *, login: str) -> None:
    with database.transaction() as session:
        workflow.add_comment(session, request_id, comment, login=login)


def attach_to_request(
    database: Database, store: ScanStore, request_id: int, files: Sequence[Path], role: str, *, login: str
) -> AttachResult:
    """An e-invoice or a payment order attached like a scan."""
    with database.transaction() as session:
        return attachments.attach(session, store, request_id, files, role, login=login)
