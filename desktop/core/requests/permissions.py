"""Who may do what to a payment request, and when: the actions, the statuses each starts from, the roles.

- the initiator (any role) edits and submits own drafts;
- the approvers of its route (``routes``), stage after stage, approve it; the approver of the
  waiting step may also reject it or return it for revision; nobody decides on their own request;
- an accountant (or an admin) exports approved requests as payment orders, marks them paid, and
  may return an approved request for revision;
- comments and attachments: everyone.

``refusal`` says why an action is not allowed (the card shows it on the disabled button) and
``require`` raises it. With no users recorded at all (a one-person install) everyone is admin.
The workflow: docs/domain.md, «Payment requests».
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.common import labels
from desktop.core.errors import UserError
from desktop.core.models import PaymentRequest, RequestStatus, Role, User
from desktop.core.requests import routes

STATUS_TITLES = labels.REQUEST_STATUS_TITLES
ROLE_TITLES = {role: title.lower() for role, title in labels.ROLE_TITLES.items()}  # inside a sentence


class Action(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"  # draft → approval
    APPROVE = "approve"  # approval → approved
    REJECT = "reject"  # approval/approved → rejected
    RETURN = "return"  # approval/approved → draft, for revision
    PAY = "pay"  # approved → paid
    EXPORT = "export"  # approved: payment order written
    COMMENT = "comment"
    ATTACH = "attach"


ACTION_TITLES = {
    Action.EDIT: "изменить",
    Action.SUBMIT: "отправить на согласование",
    Action.APPROVE: "согласовать к оплате",
    Action.REJECT: "отказать",
    Action.RETURN: "вернуть на доработку",
    Action.PAY: "отметить оплаченной",
    Action.EXPORT: "выгрузить в банк",
    Action.COMMENT: "комментировать",
    Action.ATTACH: "прикрепить файл",
}
# action: the statuses it starts from (the roles allowed to take it: ``refusal``)
_FROM: dict[Action, tuple[str, ...]] = {
    Action.EDIT: (RequestStatus.DRAFT,),
    Action.SUBMIT: (RequestStatus.DRAFT,),
    Action.APPROVE: (RequestStatus.APPROVAL,),
    Action.REJECT: (RequestStatus.APPROVAL, RequestStatus.APPROVED),
    Action.RETURN: (RequestStatus.APPROVAL, RequestStatus.APPROVED),
    Action.PAY: (RequestStatus.APPROVED,),
    Action.EXPORT: (RequestStatus.APPROVED,),
    Action.COMMENT: tuple(RequestStatus),
    Action.ATTACH: tuple(RequestStatus),
}


class WorkflowError(UserError):
    """A transition the request's status or the user's role does not allow; says who may do it."""


# --- who is who ----------------------------------------------------------------------


def user_role(session: Session, login: str) -> str | None:
    """The role of a login. With no users recorded at all (a one-person install) everyone is admin."""
    role = session.scalar(select(User.role).where(User.login == login, User.is_active.is_(True)))
    if role is not None:
        return str(role)
    if session.scalar(select(func.count(User.id)).where(User.is_active.is_(True))) == 0:
        return Role.ADMIN.value
    return None


def user_names(session: Session) -> dict[str, str]:
    return {login: name for login, name in session.execute(select(User.login, User.full_name))}


def _role_title(role: str | None) -> str:
    return ROLE_TITLES.get(Role(role), role) if role in set(Role) else "не задана"


_UNKNOWN = object()


def refusal(
    session: Session, request: PaymentRequest, action: Action, login: str, role: Any = _UNKNOWN
) -> str | None:
    """Why ``login`` may not do ``action`` on ``request`` now (None when it may); ``role`` when known."""
    status = request.status
    if status not in _FROM[action]:
        allowed = ", ".join(f"«{STATUS_TITLES[RequestStatus(s)]}»" for s in _FROM[action])
        return (
            f"Заявка № {request.number} в статусе «{STATUS_TITLES[RequestStatus(status)]}»: "
            f"{ACTION_TITLES[action]} можно только заявку в статусе {allowed}."
        )
    if role is _UNKNOWN:
        role = user_role(session, login)
    if action in (Action.APPROVE, Action.REJECT, Action.RETURN):  # the route's, for admins too
        return _decision_refusal(session, request, action, login, role)
    if role == Role.ADMIN:
        return None
    own = request.initiator == login
    if action in (Action.EDIT, Action.SUBMIT):
        if own:
            return None
        author = (
            session.scalar(select(User.full_name).where(User.login == request.initiator)) or request.initiator
        )
        return f"{ACTION_TITLES[action].capitalize()} черновик может только его автор ({author}) или администратор."
    if action in (Action.PAY, Action.EXPORT):
        if role == Role.ACCOUNTANT:
            return None
        what = "Отметить оплату" if action == Action.PAY else "Выгрузить платёжные поручения"
        return f"{what} может только бухгалтер или администратор; ваша роль — {_role_title(role)}."
    return None  # comments and attachments: everyone


_DECIDE = {
    Action.APPROVE: "Согласовать заявку",
    Action.REJECT: "Отказать по заявке",
    Action.RETURN: "Вернуть заявку на доработку",
}


def _decision_refusal(
    session: Session, request: PaymentRequest, action: Action, login: str, role: Any
) -> str | None:
    """Approve, reject, return: the approver of the waiting step of the route (``routes``); a
    request already approved may be rejected or returned by an approver of its route, or returned
    by an accountant."""
    what = _DECIDE[action]
    if request.initiator == login and not (action == Action.RETURN and role == Role.ACCOUNTANT):
        return f"{what} не может её автор: свою заявку согласуют другие."
    if request.status == RequestStatus.APPROVED:
        if routes.on_route(request, login, role):
            return None
        if action == Action.RETURN and role == Role.ACCOUNTANT:
            return None
        if action == Action.RETURN:
            return (
                "Вернуть на доработку согласованную заявку может согласующий по её маршруту, бухгалтер "
                f"или администратор; ваша роль — {_role_title(role)}."
            )
        return f"{what} может согласующий по её маршруту; ваша роль — {_role_title(role)}."
    if routes.step_of(request, login, role) is not None:
        return None
    waiting = routes.waiting_for(request, user_names(session))
    if role not in (Role.APPROVER, Role.ADMIN) and not any(
        s.approver_login == login for s in routes.round_steps(request)
    ):
        return f"{what} может только согласующий; ваша роль — {_role_title(role)}. Заявка ждёт: {waiting}."
    return f"Заявка № {request.number} сейчас ждёт не вас: {waiting}."


def allowed_actions(session: Session, request: PaymentRequest, login: str) -> dict[Action, str | None]:
    """Every action with None (allowed) or the reason it is not (for disabled buttons' tooltips)."""
    role = user_role(session, login)
    return {action: refusal(session, request, action, login, role) for action in Action}


def require(
    session: Session, request: PaymentRequest, action: Action, login: str, role: Any = _UNKNOWN
) -> None:
    """Raise ``WorkflowError`` with the reason when ``login`` may not do ``action`` on ``request`` now."""
    reason = refusal(session, request, action, login, role)
    if reason is not None:
        raise WorkflowError(reason, field="status")
