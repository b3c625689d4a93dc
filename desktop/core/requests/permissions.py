"""Who may do what to a payment request, and when: the actions, the statuses each starts from, the roles.

- the initiator (any role) edits and submits own drafts;
- an approver (or an admin) approves, rejects and returns requests on approval;
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
    if action in (Action.APPROVE,):
        if role == Role.APPROVER:
            return None
        return (
            f"Согласовать заявку может только согласующий (руководитель) или администратор; "
            f"ваша роль — {_role_title(role)}."
        )
    if action == Action.REJECT:
        if role == Role.APPROVER:
            return None
        return (
            f"Отказать по заявке может только согласующий или администратор; ваша роль — {_role_title(role)}."
        )
    if action == Action.RETURN:
        if role == Role.APPROVER or (role == Role.ACCOUNTANT and status == RequestStatus.APPROVED):
            return None
        if status == RequestStatus.APPROVAL:
            return (
                "Вернуть на доработку заявку на согласовании может только согласующий или администратор; "
                f"ваша роль — {_role_title(role)}."
            )
        return (
            "Вернуть на доработку согласованную заявку может согласующий, бухгалтер или администратор; "
            f"ваша роль — {_role_title(role)}."
        )
    if action in (Action.PAY, Action.EXPORT):
        if role == Role.ACCOUNTANT:
            return None
        what = "Отметить оплату" if action == Action.PAY else "Выгрузить платёжные поручения"
        return f"{what} может только бухгалтер или администратор; ваша роль — {_role_title(role)}."
    return None  # comments and attachments: everyone


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
