"""Who hears of a payment request's step: the approvers of a stage that starts waiting, and the
initiator when the request is approved, rejected or returned.

On SQLite these notifications are written here; on PostgreSQL ``aktdesk_request_transition``
(migration 0007) writes the same rows with the same texts. The e-mail to the next approvers, when a
mail server is configured: ``letters_to_approvers``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.common.labels import REQUEST_STATUS_TITLES
from desktop.core.models import Notification, PaymentRequest, RequestStatus, User, _now
from desktop.core.requests import routes

OBJECT_TYPE = "payment_request"


def amount_text(request: PaymentRequest) -> str:
    """«150 000,00» (the database's function writes the same)."""
    units, cents = f"{request.amount:.2f}".split(".")
    groups = f"{int(units):,}".replace(",", " ")
    return f"{groups},{cents}"


def waiting_text(request: PaymentRequest, stage: int) -> str:
    return (
        f"Заявка № {request.number} на {amount_text(request)} ₽ ждёт вашего согласования "
        f"(этап {stage}): {request.subject}"
    )


def decided_text(request: PaymentRequest, status: RequestStatus, comment: str) -> str:
    text = f"Заявка № {request.number}: {REQUEST_STATUS_TITLES[status]}"
    return f"{text} — {comment}" if comment else text


def tell(
    session: Session,
    request: PaymentRequest,
    status: RequestStatus,
    approvers: Sequence[str],
    login: str,
    comment: str,
) -> None:
    """The notifications of one step (SQLite; on PostgreSQL the database writes them)."""
    now = _now()
    if approvers:
        stage = routes.pending(request)[0].stage
        for approver in dict.fromkeys(approvers):
            session.add(
                Notification(
                    user_login=approver,
                    at=now,
                    text=waiting_text(request, stage),
                    object_type=OBJECT_TYPE,
                    object_id=request.id,
                )
            )
    elif (
        status in (RequestStatus.APPROVED, RequestStatus.REJECTED, RequestStatus.DRAFT)
        and request.initiator != login
    ):
        session.add(
            Notification(
                user_login=request.initiator,
                at=now,
                text=decided_text(request, status, comment),
                object_type=OBJECT_TYPE,
                object_id=request.id,
            )
        )
    session.flush()


@dataclass(frozen=True)
class Letter:
    """An e-mail to one approver whose step is waiting."""

    to: str
    subject: str
    body: str


def letters_to_approvers(session: Session, request: PaymentRequest) -> list[Letter]:
    """The letters to the approvers the request now waits for, who have an e-mail address."""
    waiting = routes.pending(request)
    if not waiting:
        return []
    logins = [s.approver_login for s in waiting if s.approver_login]
    emails: dict[str, str | None] = dict(
        session.execute(
            select(User.login, User.email).where(User.login.in_(logins), User.is_active.is_(True))
        )
    )
    text = waiting_text(request, waiting[0].stage)
    return [
        Letter(
            to=str(emails[login]),
            subject=f"Заявка № {request.number} ждёт вашего согласования",
            body=f"{text}\n\nОткройте AktDesk: вкладка «Заявки на оплату», фильтр «Ждут моего согласования».",
        )
        for login in dict.fromkeys(logins)
        if emails.get(login)
    ]
