"""The payment requests as plain rows for the command line (``aktdesk payments list``) and one step
of one request taken as the connected user (``aktdesk payments approve ID``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.core.common.labels import REQUEST_STATUS_TITLES
from desktop.core.common.money import format_money
from desktop.core.db import Database
from desktop.core.errors import ValidationError
from desktop.core.models import PaymentRequest, RequestStatus
from desktop.core.requests import queries, routes
from desktop.core.requests.permissions import Action, user_names
from desktop.core.requests.workflow import transition

STEPS = {"submit": Action.SUBMIT, "approve": Action.APPROVE, "reject": Action.REJECT, "return": Action.RETURN}


@dataclass(frozen=True)
class RequestRow:
    id: int
    number: str
    year: int
    entity: str
    contractor: str
    contractor_inn: str
    subject: str
    amount: str  # "150000.00": exact, for scripts
    amount_text: str  # "150 000,00"
    currency: str
    pay_by: dt.date
    status: str
    status_title: str
    initiator: str
    approver: str | None
    waiting: str  # «этап 2 из 2: Сидорова Е. (Финансовый директор)», empty when it waits for nobody
    waiting_for: list[str]  # the logins of the steps waiting now
    budget_item: str | None
    cost_centre: str | None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["pay_by"] = self.pay_by.isoformat()
        data.pop("amount_text")
        return data


def _row(request: PaymentRequest, names: dict[str, str]) -> RequestRow:
    status = RequestStatus(request.status)
    return RequestRow(
        id=request.id,
        number=request.number,
        year=request.year,
        entity=request.own_entity.short_name,
        contractor=request.contractor_name,
        contractor_inn=request.contractor_inn,
        subject=request.subject,
        amount=f"{request.amount:.2f}",
        amount_text=format_money(request.amount, group=" "),
        currency=request.currency,
        pay_by=request.pay_by,
        status=status.value,
        status_title=REQUEST_STATUS_TITLES[status],
        initiator=request.initiator,
        approver=request.approver,
        waiting=routes.waiting_for(request, names),
        waiting_for=[s.approver_login or "" for s in routes.pending(request)],
        budget_item=f"{request.budget_item.code} {request.budget_item.name}" if request.budget_item else None,
        cost_centre=request.cost_centre.name if request.cost_centre else None,
    )


def _loaded() -> Any:
    return select(PaymentRequest).options(
        selectinload(PaymentRequest.own_entity),
        selectinload(PaymentRequest.steps),
        selectinload(PaymentRequest.budget_item),
        selectinload(PaymentRequest.cost_centre),
    )


def request_rows(database: Database, *, status: str | None = None, waiting: bool = False) -> list[RequestRow]:
    """The requests, newest first: of one status, or (``waiting``) those waiting for the user's step."""
    with database.session() as session:
        query = _loaded().order_by(
            PaymentRequest.year.desc(), PaymentRequest.seq.desc(), PaymentRequest.id.desc()
        )
        if status:
            query = query.where(PaymentRequest.status == RequestStatus(status))
        if waiting:  # the window's «Ждут моего согласования», the same SQL
            query = query.where(queries.waiting_for_login(database.login))
        names = user_names(session)
        return [_row(r, names) for r in session.scalars(query)]


def request_row(database: Database, request_id: int) -> RequestRow:
    with database.session() as session:
        request = session.scalars(_loaded().where(PaymentRequest.id == request_id)).one_or_none()
        if request is None:
            raise ValidationError(
                f"Заявки с id {request_id} нет в базе («aktdesk payments list» покажет все)."
            )
        return _row(request, user_names(session))


def take_step(database: Database, request_id: int, step: str, comment: str = "") -> None:
    """One step (submit, approve, reject, return) of one request, as the database's user."""
    request_row(database, request_id)  # a clear message for an id that does not exist
    with database.transaction() as session:
        transition(session, request_id, STEPS[step], comment=comment)
