"""A document request from draft to closed: saving drafts, sending, the accountants' queue (take,
reject with the reason, complete), the number approval, the history and who is told.

Черновик → Отправлен → В работе → Готово / Отклонён → Закрыт. The author edits and sends a draft; a
standard request is completed by the program at once (``issuing``); the rest wait in the queue,
where an accountant takes one («В работе»), prepares its documents and completes it, or rejects it
with the reason. Every step is a ``DocRequestEvent``; the author hears of the outcome
(``Notification`` with ``object_type`` «doc_request»). On PostgreSQL the database checks the same
rules (migration 0010). docs/domain.md, «Document requests».
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.common.events import acting_login, log_event
from desktop.core.common.labels import DOC_REQUEST_STATE_TITLES
from desktop.core.doc_requests.validation import (
    RequestError,
    RequestInput,
    RequestLine,
    field_errors,
    is_standard,
    send_errors,
)
from desktop.core.errors import UserError
from desktop.core.models import (
    DocRequest,
    DocRequestEvent,
    DocRequestFile,
    DocRequestLine,
    DocRequestState,
    Notification,
    OwnEntity,
    Role,
    User,
    _now,
)
from desktop.core.requests.permissions import user_role

OBJECT_TYPE = "doc_request"  # Notification.object_type / Event.object_type
DRAFT, SENT, IN_WORK = DocRequestState.DRAFT, DocRequestState.SENT, DocRequestState.IN_WORK
READY, REJECTED, CLOSED = DocRequestState.READY, DocRequestState.REJECTED, DocRequestState.CLOSED
BOOKS_ROLES = (Role.ACCOUNTANT.value, Role.ADMIN.value)


class StepRefused(UserError):
    """A step the request's state or the person's role does not allow; says who may take it."""


def title(request: DocRequest) -> str:
    """«Запрос № 12 (ООО «Ромашка»)»."""
    client = request.counterparty.short_name if request.counterparty is not None else "клиент не выбран"
    return f"Запрос № {request.id} ({client})"


def get_request(session: Session, request_id: int) -> DocRequest:
    request = session.scalars(
        select(DocRequest)
        .where(DocRequest.id == request_id)
        .options(
            selectinload(DocRequest.lines).selectinload(DocRequestLine.service),
            selectinload(DocRequest.history),
            selectinload(DocRequest.made),
            selectinload(DocRequest.counterparty),
            selectinload(DocRequest.own_entity),
        )
    ).first()
    if request is None:
        raise UserError(f"Запрос документов № {request_id} не найден.")
    return request


def as_input(request: DocRequest) -> RequestInput:
    """What the request says, as the form and the checks take it."""
    return RequestInput(
        own_entity_id=request.own_entity_id,
        counterparty_id=request.counterparty_id,
        region=request.region,
        wanted=tuple(w for w in request.wanted.split(",") if w),
        template=request.template,
        contract_id=request.contract_id if "contract" not in request.wanted.split(",") else None,
        payment_terms=request.payment_terms,
        contract_date=request.contract_date,
        invoice_date=request.invoice_date,
        valid_from=request.valid_from,
        valid_to=request.valid_to,
        facsimile_allowed=request.facsimile_allowed,
        comment=request.comment,
        lines=[RequestLine(line.service_id, line.quantity, line.price) for line in request.lines],
    )


def record(request: DocRequest, login: str, old: str | None, new: str | None, comment: str = "") -> None:
    """A line of the history: a step (``old`` → ``new``) or, with both None, a comment."""
    request.history.append(
        DocRequestEvent(at=_now(), user_login=login, from_state=old, to_state=new, comment=comment.strip())
    )


def tell(session: Session, login: str, text: str, request: DocRequest) -> None:
    """A notification about the request for one person."""
    session.add(
        Notification(user_login=login, text=text[:1000], object_type=OBJECT_TYPE, object_id=request.id)
    )


def accountants(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(User.login)
            .where(User.is_active.is_(True), User.role.in_(BOOKS_ROLES))
            .order_by(User.login)
        )
    )


def may_work_queue(session: Session, login: str) -> bool:
    """An accountant or an administrator (everyone in a one-person install without users)."""
    return user_role(session, login) in BOOKS_ROLES


def _require_books(session: Session, request: DocRequest, login: str, step: str) -> None:
    if not may_work_queue(session, login):
        raise StepRefused(f"{title(request)}: {step} может бухгалтер или администратор.")


def require_state(request: DocRequest, states: tuple[DocRequestState, ...], step: str) -> None:
    if request.state not in states:
        now = DOC_REQUEST_STATE_TITLES[DocRequestState(request.state)]
        raise StepRefused(f"{title(request)}: {step} нельзя — запрос в состоянии «{now}».")


def _write(request: DocRequest, data: RequestInput) -> None:
    request.own_entity_id = data.own_entity_id
    request.counterparty_id = data.counterparty_id
    request.region = data.region.strip()
    request.wanted = ",".join(data.wanted)
    request.template = data.template
    request.contract_id = data.contract_id
    request.payment_terms = data.payment_terms  # type: ignore[assignment]
    request.contract_date = data.contract_date
    request.invoice_date = data.invoice_date
    request.valid_from = data.valid_from
    request.valid_to = data.valid_to
    request.facsimile_allowed = data.facsimile_allowed
    request.comment = data.comment.strip()
    request.lines = [
        DocRequestLine(position=index, service_id=line.service_id, quantity=line.quantity, price=line.price)
        for index, line in enumerate(data.lines, start=1)
    ]


def save_draft(
    session: Session,
    data: RequestInput,
    request_id: int | None = None,
    *,
    login: str | None = None,
    today: dt.date | None = None,
) -> DocRequest:
    """Create or change a draft (its author's); a wrong field is refused, a missing one is not (yet)."""
    login = acting_login(session, login)
    errors = field_errors(session, data, today)
    if errors:
        raise RequestError(errors)
    if request_id is None:
        request = DocRequest(initiator=login, state=DRAFT)
        session.add(request)
        _write(request, data)
        record(request, login, None, DRAFT, "Запрос создан")
        session.flush()
        log_event(session, OBJECT_TYPE, request.id, "create", {"wanted": request.wanted}, user=login)
        return request
    request = get_request(session, request_id)
    if request.initiator != login and not may_work_queue(session, login):
        raise StepRefused(f"{title(request)}: менять его может только автор.")
    require_state(request, (DRAFT,), "изменить")
    _write(request, data)
    session.flush()
    return request


def send(
    session: Session, request_id: int, *, login: str | None = None, today: dt.date | None = None
) -> DocRequest:
    """Черновик → Отправлен, or every reason it cannot go (``RequestError``). A standard request whose
    entity approves contract numbers waits for that approval (``number_pending``); the rest of the
    queue is told to the accountants. The caller completes a standard one (``issuing``)."""
    login = acting_login(session, login)
    request = get_request(session, request_id)
    if request.initiator != login:
        raise StepRefused(f"{title(request)}: отправить его может только автор.")
    require_state(request, (DRAFT,), "отправить")
    data = as_input(request)
    errors = send_errors(session, data, today)
    if errors:
        raise RequestError(errors, "Запрос нельзя отправить")
    standard = is_standard(session, data)
    entity = session.get(OwnEntity, request.own_entity_id)
    request.number_pending = standard and entity is not None and entity.contract_number_approval
    request.state = SENT
    record(
        request,
        login,
        DRAFT,
        SENT,
        "Номер договора ждёт утверждения бухгалтером" if request.number_pending else "",
    )
    session.flush()
    if not standard or request.number_pending:
        what = "утвердить номер договора" if request.number_pending else "подготовить документы"
        for accountant in accountants(session):
            if accountant != login:
                tell(session, accountant, f"{title(request)}: новый запрос в очереди — {what}.", request)
    log_event(session, OBJECT_TYPE, request.id, "send", {"standard": standard}, user=login)
    return request


def take(session: Session, request_id: int, *, login: str | None = None) -> DocRequest:
    """Отправлен → В работе: the accountant who takes it is its assignee."""
    login = acting_login(session, login)
    request = get_request(session, request_id)
    _require_books(session, request, login, "взять запрос в работу")
    require_state(request, (SENT,), "взять в работу")
    request.state, request.assignee = IN_WORK, login
    record(request, login, SENT, IN_WORK)
    session.flush()
    return request


def approve_number(session: Session, request_id: int, *, login: str | None = None) -> DocRequest:
    """The accountant approves the contract number of a standard request: its documents may be made."""
    login = acting_login(session, login)
    request = get_request(session, request_id)
    _require_books(session, request, login, "утвердить номер договора")
    require_state(request, (SENT, IN_WORK), "утвердить номер")
    if not request.number_pending:
        raise StepRefused(f"{title(request)}: номер договора не ждёт утверждения.")
    request.number_pending = False
    record(request, login, None, None, "Номер договора утверждён")
    session.flush()
    return request


def reject(session: Session, request_id: int, reason: str, *, login: str | None = None) -> DocRequest:
    """Отправлен / В работе → Отклонён, with the reason the author is told."""
    login = acting_login(session, login)
    request = get_request(session, request_id)
    _require_books(session, request, login, "отклонить запрос")
    require_state(request, (SENT, IN_WORK), "отклонить")
    if not reason.strip():
        raise RequestError(
            {"reject_reason": "укажите причину — её увидит автор запроса"}, "Запрос не отклонён"
        )
    old = request.state
    request.state, request.reject_reason = REJECTED, reason.strip()
    request.assignee = request.assignee or login
    record(request, login, old, REJECTED, reason)
    tell(session, request.initiator, f"{title(request)} отклонён: {reason.strip()}", request)
    session.flush()
    return request


def link(
    session: Session,
    request: DocRequest,
    what: str,
    title_text: str,
    path: str,
    *,
    contract_id: int | None = None,
    document_id: int | None = None,
    with_stamp: bool = False,
) -> DocRequestFile:
    """A file made for the request (the contract's or a document's, DOCX or PDF)."""
    row = DocRequestFile(
        what=what,
        title=title_text,
        path=path,
        contract_id=contract_id,
        document_id=document_id,
        with_stamp=with_stamp,
    )
    request.made.append(row)
    return row


def made_titles(request: DocRequest) -> list[str]:
    return list(dict.fromkeys(row.title for row in request.made))


def complete(
    session: Session, request_id: int, *, login: str | None = None, by_program: bool = False
) -> DocRequest:
    """→ Готово: the documents made are linked; the author is told what is ready. ``by_program``: a
    standard request completed at its sending (the author's own step)."""
    login = acting_login(session, login)
    request = get_request(session, request_id)
    if by_program:
        require_state(request, (SENT,), "завершить")
    else:
        _require_books(session, request, login, "завершить запрос")
        require_state(request, (SENT, IN_WORK), "завершить")
    if not request.made:
        raise StepRefused(f"{title(request)}: нет ни одного документа — подготовьте их перед «Готово».")
    old = request.state
    request.state = READY
    request.assignee = request.assignee or (None if by_program else login)
    made = ", ".join(made_titles(request))
    record(request, login, old, READY, ("Сформировано автоматически: " if by_program else "Готово: ") + made)
    tell(session, request.initiator, f"{title(request)}: документы готовы — {made}.", request)
    session.flush()
    log_event(session, OBJECT_TYPE, request.id, "ready", {"made": made}, user=login)
    return request


def comment(session: Session, request_id: int, text: str, *, login: str | None = None) -> DocRequest:
    login = acting_login(session, login)
    request = get_request(session, request_id)
    if not text.strip():
        raise RequestError({"comment": "пустой комментарий"}, "Комментарий не добавлен")
    record(request, login, None, None, text)
    session.flush()
    return request
