"""Who hears of a payment request's step: the approvers of a stage that starts waiting, and the
initiator when the request is approved, rejected or returned.

On SQLite these notifications are written here; on PostgreSQL ``aktdesk_request_transition``
(migration 0007) writes the same rows with the same texts. The e-mail to the next approvers, when a
mail server is configured: ``mailing``.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from desktop.core.common.labels import REQUEST_STATUS_TITLES
from desktop.core.common.money import format_money
from desktop.core.models import Notification, PaymentRequest, RequestStatus, _now
from desktop.core.requests import routes

OBJECT_TYPE = "payment_request"


def amount_text(request: PaymentRequest) -> str:
    """«150 000,00» (the database's function writes the same)."""
    return format_money(request.amount, group=" ")


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
