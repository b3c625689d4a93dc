"""Outgoing payment requests (заявки на оплату) from draft to paid: creating and editing drafts, the
transitions, the comment thread.

A request is created as a draft by anyone (its initiator) with every field checked (``validation``).
It then goes Черновик → На согласовании → Согласован к оплате → Оплачен, or Отказано; the approver may
return it for revision (back to draft) with a comment. Who may take which step: ``permissions``.
Every transition and comment is a ``RequestEvent`` (who, when, from, to, comment). The workflow:
docs/domain.md, «Payment requests».
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from desktop.core.common import numbering
from desktop.core.common.events import acting_login, log_event
from desktop.core.db import call_function
from desktop.core.errors import ValidationError
from desktop.core.models import Decision, OwnEntity, PaymentRequest, RequestEvent, RequestStatus, _now
from desktop.core.requests import notices, routes
from desktop.core.requests.permissions import Action, require, user_role
from desktop.core.requests.validation import (
    FIELD_TITLES,
    RequestInput,
    RequestValidationError,
    cleaned,
    parse_amount,
    request_errors,
    suggested_purpose,
)

NUMBER_KIND = "request"  # numbering kind: gap-free per own entity and year
_TO = {  # action: the status it leads to
    Action.SUBMIT: RequestStatus.APPROVAL,
    Action.APPROVE: RequestStatus.APPROVED,
    Action.REJECT: RequestStatus.REJECTED,
    Action.RETURN: RequestStatus.DRAFT,
    Action.PAY: RequestStatus.PAID,
}
COMMENT_REQUIRED = (Action.REJECT, Action.RETURN)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal | dt.date):
        return str(value)
    return value


def record_event(
    request: PaymentRequest, login: str, old: str | None, new: str | None, comment: str = ""
) -> None:
    """A line of the request's history: a transition (``old`` → ``new``) or, with both None, a comment."""
    request.history.append(
        RequestEvent(at=_now(), user_login=login, from_status=old, to_status=new, comment=comment.strip())
    )


def create_request(
    session: Session, values: RequestInput, *, login: str | None = None, today: dt.date | None = None
) -> PaymentRequest:
    """A new draft with its gap-free number (per own entity and year), or every wrong field listed."""
    login = acting_login(session, login)
    today = today or dt.date.today()
    values = cleaned(session, values)
    errors = request_errors(values, today=today)
    entity = session.get(OwnEntity, values.own_entity_id) if values.own_entity_id else None
    if values.own_entity_id and entity is None:
        errors["own_entity_id"] = "юрлицо не найдено"
    if errors:
        raise RequestValidationError(errors)
    assert entity is not None
    seq = numbering.take(session, entity.id, NUMBER_KIND, today.year)
    data = values.as_dict()
    data["amount"] = parse_amount(values.amount)
    request = PaymentRequest(
        year=today.year,
        seq=seq,
        number=str(seq),
        status=RequestStatus.DRAFT,
        initiator=login,
        **data,
    )
    session.add(request)
    record_event(request, login, None, RequestStatus.DRAFT, "Заявка создана")
    session.flush()
    log_event(session, "payment_request", request.id, "create", {"number": request.number}, user=login)
    return request


def update_request(
    session: Session, request_id: int, values: RequestInput, *, login: str | None = None
) -> PaymentRequest:
    """Change a draft (its author or an admin); a purpose that was the suggested one follows the new sums."""
    login = acting_login(session, login)
    request = get_request(session, request_id)
    require(session, request, Action.EDIT, login)
    if values.own_entity_id is not None and values.own_entity_id != request.own_entity_id:
        raise RequestValidationError(
            {
                "own_entity_id": "у созданной заявки плательщика не меняют (номер дан этим юрлицом) — создайте новую"
            }
        )
    old_suggestion = suggested_purpose(request.subject, request.amount, request.vat_rate, request.currency)
    if " ".join(values.purpose.split()) == old_suggestion:
        values = RequestInput(**{**values.as_dict(), "purpose": ""})  # regenerate for the new sums
    values = cleaned(session, values)
    values.own_entity_id = request.own_entity_id
    errors = request_errors(values)
    if errors:
        raise RequestValidationError(errors)
    data = values.as_dict()
    data["amount"] = parse_amount(values.amount)
    changes: dict[str, list[Any]] = {}
    for name, value in data.items():
        old = getattr(request, name)
        if (old if old is not None else "") != (value if value is not None else ""):
            changes[name] = [_plain(old), _plain(value)]
            setattr(request, name, value)
    if changes:
        titles = ", ".join(FIELD_TITLES.get(n, n) for n in changes if n != "counterparty_id")
        record_event(request, login, None, None, f"Изменено: {titles}" if titles else "Изменён контрагент")
        log_event(session, "payment_request", request.id, "update", changes, user=login)
    session.flush()
    return request


def get_request(session: Session, request_id: int) -> PaymentRequest:
    """The request, its row locked until the transaction ends (PostgreSQL; SQLite writers are serial):
    two people pressing Approve and Reject at once cannot both pass the status check."""
    request = session.get(PaymentRequest, request_id, with_for_update=True)
    if request is None:
        raise ValidationError(f"Заявка #{request_id} не найдена.")
    return request


# --- transitions ----------------------------------------------------------------------------


def transition(
    session: Session,
    request_id: int,
    action: Action,
    *,
    login: str | None = None,
    comment: str = "",
    paid_on: dt.date | None = None,
) -> PaymentRequest:
    """Move a request (submit, approve, reject, return, pay), refused with who may do it when not allowed.

    The same checks run twice on PostgreSQL: here, to say why before anything is tried, and in the
    database's ``aktdesk_request_transition``, which alone may change the status there."""
    login = acting_login(session, login)
    if action not in _TO:
        raise ValueError(f"{action} is not a transition")
    request = get_request(session, request_id)
    require(session, request, action, login)
    if action in COMMENT_REQUIRED and not comment.strip():
        what = "отказа" if action == Action.REJECT else "возврата на доработку"
        raise ValidationError(f"Напишите комментарий: причина {what} обязательна.", field="comment")
    if action == Action.SUBMIT:
        errors = request_errors(RequestInput.from_request(request))
        if errors:
            raise RequestValidationError(errors)
    old = request.status
    apply(session, request, action, login, comment, paid_on=paid_on)
    log_event(
        session, "payment_request", request.id, str(action), {"status": [old, request.status]}, user=login
    )
    return request


def apply(
    session: Session,
    request: PaymentRequest,
    action: str,
    login: str,
    comment: str,
    *,
    paid_on: dt.date | None = None,
    payment_id: int | None = None,
) -> None:
    """Take a checked step: on PostgreSQL by the database's function (which checks it again), on
    SQLite here. ``action``: an ``Action`` of ``_TO``, ``export`` (the payment order is written) or
    ``settle`` (paid by the bank payment ``payment_id``)."""
    if session.info.get("enforced"):
        session.flush()
        call_function(
            session,
            "SELECT aktdesk_request_transition(:id, :action, :comment, :paid_on, :payment_id, :as_login)",
            {
                "id": request.id,
                "action": str(action),
                "comment": comment,
                "paid_on": paid_on,
                "payment_id": payment_id,
                "as_login": login if session.info.get("owner") else None,  # the owner acts for someone
            },
        )
        session.refresh(request)
        for name in ("history", "steps"):
            session.expire(request, [name])
        return
    now = _now()
    old = request.status
    if action == "export":
        request.exported_at = now
        record_event(request, login, None, None, comment)
        session.flush()
        return
    if action == "settle":
        request.paid_at = paid_on
        request.payment_id = payment_id
        request.status = RequestStatus.PAID
        if old == RequestStatus.PAID:
            record_event(request, login, None, None, comment)
        else:
            record_event(request, login, old, RequestStatus.PAID, comment)
        session.flush()
        return
    new = _TO[Action(action)]
    stage_starts = action == Action.SUBMIT  # a stage starts waiting: its approvers are told
    if action == Action.SUBMIT:
        request.approver = None
        routes.start_round(session, request)
    elif action == Action.APPROVE:
        step = routes.step_of(request, login, user_role(session, login))
        assert step is not None  # require() found it
        routes.decide(step, Decision.APPROVED, login, comment, now)
        if len(routes.round_steps(request)) > 1:  # a route of several steps: say which one
            note = f"Согласовано: этап {step.stage} из {routes.stage_count(request)}"
            if step.title:
                note += f" ({step.title})"
            comment = f"{note}. {comment.strip()}" if comment.strip() else note
        if any(s.decision is None for s in routes.round_steps(request)):
            new = RequestStatus.APPROVAL
            stage_starts = not any(
                s.decision is None and s.stage == step.stage for s in routes.round_steps(request)
            )
        else:
            request.approver = login
    elif action in (Action.REJECT, Action.RETURN):
        decision = Decision.REJECTED if action == Action.REJECT else Decision.RETURNED
        routes.close_round(request, decision, login, comment, now, role=user_role(session, login))
        request.approver = login if action == Action.REJECT else None
        if action == Action.RETURN:
            request.exported_at = None
    elif action == Action.PAY:
        request.paid_at = paid_on or dt.date.today()
    request.status = new
    record_event(request, login, old, new, comment)
    session.flush()
    told = routes.next_approvers(request) if stage_starts else []
    notices.tell(session, request, new, told, login, comment.strip())


def submit(
    session: Session, request_id: int, *, login: str | None = None, comment: str = ""
) -> PaymentRequest:
    return transition(session, request_id, Action.SUBMIT, login=login, comment=comment)


def approve(
    session: Session, request_id: int, *, login: str | None = None, comment: str = ""
) -> PaymentRequest:
    return transition(session, request_id, Action.APPROVE, login=login, comment=comment)


def reject(
    session: Session, request_id: int, *, login: str | None = None, comment: str = ""
) -> PaymentRequest:
    return transition(session, request_id, Action.REJECT, login=login, comment=comment)


def return_for_revision(
    session: Session, request_id: int, *, login: str | None = None, comment: str = ""
) -> PaymentRequest:
    return transition(session, request_id, Action.RETURN, login=login, comment=comment)


def mark_paid(
    session: Session,
    request_id: int,
    *,
    login: str | None = None,
    comment: str = "",
    paid_on: dt.date | None = None,
) -> PaymentRequest:
    return transition(session, request_id, Action.PAY, login=login, comment=comment, paid_on=paid_on)


def add_comment(session: Session, request_id: int, comment: str, *, login: str | None = None) -> RequestEvent:
    """A comment in the request's thread (anyone may write one)."""
    login = acting_login(session, login)
    if not comment.strip():
        raise ValidationError("Комментарий пустой.", field="comment")
    request = get_request(session, request_id)
    record_event(request, login, None, None, comment)
    session.flush()
    return request.history[-1]
