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
from desktop.core.common.events import current_login, log_event
from desktop.core.errors import ValidationError
from desktop.core.models import OwnEntity, PaymentRequest, RequestEvent, RequestStatus, _now
from desktop.core.requests.permissions import Action, require
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
    login = login or current_login()
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
    login = login or current_login()
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
    """Move a request (submit, approve, reject, return, pay), refused with who may do it when not allowed."""
    login = login or current_login()
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
    new = _TO[action]
    request.status = new
    if action in (Action.APPROVE, Action.REJECT):
        request.approver = login
    if action == Action.RETURN:
        request.approver = None
        request.exported_at = None
    if action == Action.PAY:
        request.paid_at = paid_on or dt.date.today()
    record_event(request, login, old, new, comment)
    session.flush()
    log_event(session, "payment_request", request.id, str(action), {"status": [old, new]}, user=login)
    return request


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
    login = login or current_login()
    if not comment.strip():
        raise ValidationError("Комментарий пустой.", field="comment")
    request = get_request(session, request_id)
    record_event(request, login, None, None, comment)
    session.flush()
    return request.history[-1]
