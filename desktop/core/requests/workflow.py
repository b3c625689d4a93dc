"""Outgoing payment requests (заявки на оплату): drafts, approval, export, attachments, settlement.

A request is created as a draft by anyone (its initiator) with every required field checked:
what we pay for, contractor, amount, currency, pay-by date, the contractor's requisites (checked
by the same rules as the counterparty directory) and a payment purpose that mentions VAT. It then
goes Черновик → На согласовании → Согласован к оплате → Оплачен, or Отказано; the approver may
return it for revision (back to draft) with a comment. Who may do what depends on the role:

- the initiator (any role) edits and submits own drafts;
- an approver (or an admin) approves, rejects and returns requests on approval;
- an accountant (or an admin) exports approved requests as payment orders, marks them paid, and
  may return an approved request for revision.

Every transition and comment is a ``RequestEvent`` (who, when, from, to, comment). Approved requests
are written as payment orders in 1CClientBankExchange for the bank client; an imported statement
with the outgoing payment marks the request paid (``settle_outgoing``). The workflow:
docs/domain.md, «Payment requests».
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from desktop.core.bank.orders import (
    PURPOSE_LIMIT,
    BankDetails,
    PartyDetails,
    PaymentOrder,
    payment_purpose,
    save_payment_orders,
    vat_phrase,
    write_payment_orders,
)
from desktop.core.common import labels, numbering
from desktop.core.common.catalog import NO_VAT, round_money
from desktop.core.common.events import current_login, log_event
from desktop.core.common.identifiers import check_account, check_bik, check_corr_account, check_inn, check_kpp
from desktop.core.common.money import MONEY, parse_decimal
from desktop.core.common.safe_names import safe_file_name, safe_name
from desktop.core.errors import UserError, ValidationError
from desktop.core.models import (
    BankPayment,
    Counterparty,
    OwnEntity,
    PaymentDirection,
    PaymentRequest,
    PaymentStatus,
    RequestEvent,
    RequestStatus,
    Role,
    Scan,
    ScanRole,
    User,
    _now,
)
from desktop.core.scans.store import EXTENSIONS, AttachResult, ScanStore

NUMBER_KIND = "request"  # numbering kind: gap-free per own entity and year
CURRENCIES = ("RUB", "USD", "EUR", "CNY")
VAT_RATES = ("22%", "20%", "10%", "7%", "5%", "0%", NO_VAT)
ATTACHMENT_ROLES: dict[str, str] = {role.value: title for role, title in labels.SCAN_ROLE_TITLES.items()}
SHARE_FOLDER = "Заявки на оплату"
MAX_AMOUNT = MONEY.limit

STATUS_TITLES = labels.REQUEST_STATUS_TITLES
ROLE_TITLES = {role: title.lower() for role, title in labels.ROLE_TITLES.items()}  # inside a sentence
FIELD_TITLES = {
    "own_entity_id": "Плательщик (наше юрлицо)",
    "subject": "За что платим",
    "contractor_name": "Подрядчик",
    "amount": "Сумма счёта",
    "currency": "Валюта",
    "vat_rate": "НДС",
    "pay_by": "Оплатить до",
    "contractor_inn": "ИНН",
    "contractor_kpp": "КПП",
    "contractor_bank_name": "Банк",
    "contractor_bik": "БИК банка",
    "contractor_account": "Р/с",
    "contractor_corr_account": "К/с",
    "purpose": "Назначение платежа",
    "comment": "Комментарий",
}
TEXT_FIELDS = (
    "subject",
    "contractor_name",
    "contractor_inn",
    "contractor_kpp",
    "contractor_bank_name",
    "contractor_bik",
    "contractor_account",
    "contractor_corr_account",
    "purpose",
)
REQUISITES = {  # request field ← counterparty field
    "contractor_name": "short_name",
    "contractor_inn": "inn",
    "contractor_kpp": "kpp",
    "contractor_bank_name": "bank_name",
    "contractor_bik": "bik",
    "contractor_account": "account",
    "contractor_corr_account": "corr_account",
}

# «заявка № 12», «по заявке N12», «заявки №12»
_REQUEST_REF = re.compile(r"заявк[а-яё]*\s*(?:№|N|#)?\s*(\d{1,9})", re.IGNORECASE)
# «В т.ч. НДС (22%) 1 234.56 руб.»
_VAT_IN_PURPOSE = re.compile(
    r"НДС\s*\(\s*(\d{1,2})\s*%\s*\)\s*(\d[\d \u00a0]*(?:[.,]\d{1,2})?)", re.IGNORECASE
)
_NO_VAT_IN_PURPOSE = re.compile(r"без\s+(?:налога\s*\(\s*)?НДС|НДС\s+не\s+облагается", re.IGNORECASE)


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
# action: (statuses it starts from, status it leads to or None, roles allowed besides the rules below)
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
_TO = {
    Action.SUBMIT: RequestStatus.APPROVAL,
    Action.APPROVE: RequestStatus.APPROVED,
    Action.REJECT: RequestStatus.REJECTED,
    Action.RETURN: RequestStatus.DRAFT,
    Action.PAY: RequestStatus.PAID,
}
COMMENT_REQUIRED = (Action.REJECT, Action.RETURN)


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


def _require(
    session: Session, request: PaymentRequest, action: Action, login: str, role: Any = _UNKNOWN
) -> None:
    reason = refusal(session, request, action, login, role)
    if reason is not None:
        raise WorkflowError(reason, field="status")


# --- requisites and validation ----------------------------------------------------------


@dataclass
class RequestInput:
    """What the card (or a caller) gives to create or update a draft."""

    own_entity_id: int | None = None
    subject: str = ""
    counterparty_id: int | None = None
    contractor_name: str = ""
    contractor_inn: str = ""
    contractor_kpp: str = ""
    contractor_bank_name: str = ""
    contractor_bik: str = ""
    contractor_account: str = ""
    contractor_corr_account: str = ""
    amount: Decimal | str | None = None
    currency: str = "RUB"
    vat_rate: str = "22%"
    purpose: str = ""
    pay_by: dt.date | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_request(cls, request: PaymentRequest) -> RequestInput:
        names = set(cls.__dataclass_fields__)
        return cls(**{name: getattr(request, name) for name in names})


class RequestValidationError(ValidationError):
    """A request with wrong fields: ``errors`` maps each field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]) -> None:
        lines = [f"{FIELD_TITLES.get(name, name)}: {message}" for name, message in errors.items()]
        super().__init__("Заявка заполнена с ошибками:\n" + "\n".join(lines), field=next(iter(errors), None))
        self.errors = errors


def parse_amount(value: Decimal | str | None) -> Decimal | None:
    """«12 345,60» → Decimal("12345.60"); None when it is not a number."""
    if value is None:
        return None
    try:
        return parse_decimal(value)  # the one number parser (NaN, infinity, exponents refused)
    except ValueError:
        return None


def vat_amount(amount: Decimal, rate: str) -> tuple[int | None, Decimal | None]:
    """(rate in percent, VAT included in ``amount``) or (None, None) without VAT."""
    if rate == NO_VAT:
        return None, None
    percent = int(Decimal(rate.rstrip("%")))
    return percent, round_money(amount * percent / (100 + percent))


def suggested_purpose(subject: str, amount: Decimal | str | None, rate: str, currency: str = "RUB") -> str:
    """The purpose a bank expects: what for, then «В т.ч. НДС (22%) 1 234.56 руб.» or «НДС не облагается»
    (the VAT sum in the request's currency when it is not roubles)."""
    value = parse_amount(amount)
    subject = " ".join(subject.split()).rstrip(".")
    if value is None or value <= 0 or rate not in VAT_RATES or not subject:
        return ""
    percent, vat = vat_amount(value, rate)
    if subject.lower().startswith(("за ", "по ")):
        text = payment_purpose("", subject, percent, vat)
    else:
        text = f"{subject}. {vat_phrase(percent, vat)}"
    currency = (currency or "RUB").strip().upper()
    if currency not in ("RUB", "") and text.endswith(" руб."):
        text = text[: -len("руб.")] + currency
    return text


def purpose_problem(purpose: str, amount: Decimal | None, rate: str) -> str | None:
    """What is wrong with a purpose: empty, too long, no VAT mention, a VAT sum that contradicts the amount."""
    text = " ".join(purpose.split())
    if not text:
        return "обязательное поле"
    if len(text) > PURPOSE_LIMIT:
        return f"{len(text)} символов, банк примет не больше {PURPOSE_LIMIT} — сократите"
    if "ндс" not in text.lower():
        return "укажите НДС: «В т.ч. НДС (22%) … руб.» или «НДС не облагается»"
    stated = _VAT_IN_PURPOSE.search(text)
    if rate == NO_VAT:
        if stated:
            return "в назначении указан НДС, а в заявке — без НДС"
        return None
    if _NO_VAT_IN_PURPOSE.search(text) and not stated:
        return f"в назначении «без НДС», а в заявке ставка {rate}"
    if stated and amount is not None and rate in VAT_RATES:
        percent, vat = vat_amount(amount, rate)
        if int(stated.group(1)) != percent:
            return f"в назначении НДС {stated.group(1)}%, а в заявке ставка {rate}"
        said = parse_amount(stated.group(2))
        if said is not None and vat is not None and said != vat:
            return f"в назначении НДС {said}, а от суммы {amount} по ставке {rate} выходит {vat}"
    return None


def requisites_errors(values: dict[str, Any]) -> dict[str, str]:
    """The contractor's requisites by the directory's rules (INN, KPP, BIK, account keys)."""
    errors: dict[str, str] = {}
    inn = str(values.get("contractor_inn") or "").strip()
    kpp = str(values.get("contractor_kpp") or "").strip().upper()
    bik = str(values.get("contractor_bik") or "").strip()
    account = str(values.get("contractor_account") or "").strip()
    corr = str(values.get("contractor_corr_account") or "").strip()
    if (problem := check_inn(inn)) is not None:
        errors["contractor_inn"] = problem
    if kpp and kpp != "0":
        if len(inn) == 12:
            errors["contractor_kpp"] = "у ИП и физического лица нет КПП"
        elif (problem := check_kpp(kpp)) is not None:
            errors["contractor_kpp"] = problem
    if (problem := check_bik(bik)) is not None:
        errors["contractor_bik"] = problem
    if (problem := check_account(account, bik)) is not None:
        errors["contractor_account"] = problem
    if corr and (problem := check_corr_account(corr, bik)) is not None:
        errors["contractor_corr_account"] = problem
    if not str(values.get("contractor_bank_name") or "").strip():
        errors["contractor_bank_name"] = "обязательное поле (без банка платёжное поручение не примут)"
    return errors


def request_errors(values: dict[str, Any], *, today: dt.date | None = None) -> dict[str, str]:
    """Every problem of a request, field by field (empty when it can be saved). ``today`` given:
    a pay-by date in the past is refused (new requests)."""
    errors: dict[str, str] = {}
    if not values.get("own_entity_id"):
        errors["own_entity_id"] = "выберите, с какого юрлица платим"
    if not str(values.get("subject") or "").strip():
        errors["subject"] = "обязательное поле"
    if not str(values.get("contractor_name") or "").strip():
        errors["contractor_name"] = "обязательное поле"
    raw_amount = values.get("amount")
    amount = parse_amount(raw_amount)
    if raw_amount in (None, "") or (isinstance(raw_amount, str) and not raw_amount.strip()):
        errors["amount"] = "обязательное поле"
    elif amount is None:
        errors["amount"] = f"«{raw_amount}» — не число"
    elif amount <= 0:
        errors["amount"] = "сумма должна быть больше нуля"
    elif amount != amount.quantize(Decimal("0.01")):
        errors["amount"] = "не больше двух знаков после запятой (копейки)"
    elif amount > MAX_AMOUNT:
        errors["amount"] = "слишком большая сумма"
    currency = str(values.get("currency") or "").strip().upper()
    if not currency:
        errors["currency"] = "обязательное поле"
    elif currency not in CURRENCIES:
        errors["currency"] = f"валюта «{currency}» не поддерживается (можно: {', '.join(CURRENCIES)})"
    rate = str(values.get("vat_rate") or "")
    if rate not in VAT_RATES:
        errors["vat_rate"] = f"ставка «{rate}» неизвестна (можно: {', '.join(VAT_RATES)})"
    pay_by = values.get("pay_by")
    if not isinstance(pay_by, dt.date):
        errors["pay_by"] = "обязательное поле"
    elif today is not None and pay_by < today:
        errors["pay_by"] = f"дата {pay_by:%d.%m.%Y} уже прошла"
    errors.update(requisites_errors(values))
    if (problem := purpose_problem(str(values.get("purpose") or ""), amount, rate)) is not None:
        errors["purpose"] = problem
    return errors


def requisites_of(counterparty: Counterparty) -> dict[str, str]:
    """The contractor fields a counterparty card fills in."""
    return {name: str(getattr(counterparty, source) or "") for name, source in REQUISITES.items()}


def _clean(values: RequestInput, session: Session) -> dict[str, Any]:
    data = values.as_dict()
    for name in TEXT_FIELDS:
        data[name] = " ".join(str(data.get(name) or "").split())
    for name in ("contractor_kpp",):
        data[name] = data[name].upper()
    data["currency"] = str(data.get("currency") or "").strip().upper()
    if data.get("counterparty_id"):
        party = session.get(Counterparty, data["counterparty_id"])
        if party is None:
            raise ValidationError(
                f"Контрагент #{data['counterparty_id']} не найден.", field="counterparty_id"
            )
        for name, value in requisites_of(party).items():
            if not data.get(name):
                data[name] = value
    amount = parse_amount(data.get("amount"))
    if not data["purpose"] and amount is not None and data.get("vat_rate") in VAT_RATES:
        data["purpose"] = suggested_purpose(data["subject"], amount, str(data["vat_rate"]), data["currency"])
    if data["contractor_kpp"] == "0":
        data["contractor_kpp"] = ""
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal | dt.date):
        return str(value)
    return value


def _event(request: PaymentRequest, login: str, old: str | None, new: str | None, comment: str = "") -> None:
    request.history.append(
        RequestEvent(at=_now(), user_login=login, from_status=old, to_status=new, comment=comment.strip())
    )


def create_request(
    session: Session, values: RequestInput, *, login: str | None = None, today: dt.date | None = None
) -> PaymentRequest:
    """A new draft with its gap-free number (per own entity and year), or every wrong field listed."""
    login = login or current_login()
    today = today or dt.date.today()
    data = _clean(values, session)
    errors = request_errors(data, today=today)
    entity = session.get(OwnEntity, data["own_entity_id"]) if data.get("own_entity_id") else None
    if data.get("own_entity_id") and entity is None:
        errors["own_entity_id"] = "юрлицо не найдено"
    if errors:
        raise RequestValidationError(errors)
    assert entity is not None
    seq = numbering.take(session, entity.id, NUMBER_KIND, today.year)
    data["amount"] = parse_amount(data["amount"])
    request = PaymentRequest(
        year=today.year,
        seq=seq,
        number=str(seq),
        status=RequestStatus.DRAFT,
        initiator=login,
        **data,
    )
    session.add(request)
    _event(request, login, None, RequestStatus.DRAFT, "Заявка создана")
    session.flush()
    log_event(session, "payment_request", request.id, "create", {"number": request.number}, user=login)
    return request


def update_request(
    session: Session, request_id: int, values: RequestInput, *, login: str | None = None
) -> PaymentRequest:
    """Change a draft (its author or an admin); a purpose that was the suggested one follows the new sums."""
    login = login or current_login()
    request = get_request(session, request_id)
    _require(session, request, Action.EDIT, login)
    if values.own_entity_id is not None and values.own_entity_id != request.own_entity_id:
        raise RequestValidationError(
            {
                "own_entity_id": "у созданной заявки плательщика не меняют (номер дан этим юрлицом) — создайте новую"
            }
        )
    old_suggestion = suggested_purpose(request.subject, request.amount, request.vat_rate, request.currency)
    if " ".join(values.purpose.split()) == old_suggestion:
        values = RequestInput(**{**values.as_dict(), "purpose": ""})  # regenerate for the new sums
    data = _clean(values, session)
    data["own_entity_id"] = request.own_entity_id
    errors = request_errors(data)
    if errors:
        raise RequestValidationError(errors)
    data["amount"] = parse_amount(data["amount"])
    changes: dict[str, list[Any]] = {}
    for name, value in data.items():
        old = getattr(request, name)
        if (old if old is not None else "") != (value if value is not None else ""):
            changes[name] = [_plain(old), _plain(value)]
            setattr(request, name, value)
    if changes:
        titles = ", ".join(FIELD_TITLES.get(n, n) for n in changes if n != "counterparty_id")
        _event(request, login, None, None, f"Изменено: {titles}" if titles else "Изменён контрагент")
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
    _require(session, request, action, login)
    if action in COMMENT_REQUIRED and not comment.strip():
        what = "отказа" if action == Action.REJECT else "возврата на доработку"
        raise ValidationError(f"Напишите комментарий: причина {what} обязательна.", field="comment")
    if action == Action.SUBMIT:
        errors = request_errors({**RequestInput.from_request(request).as_dict()})
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
    _event(request, login, old, new, comment)
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
    _event(request, login, None, None, comment)
    session.flush()
    return request.history[-1]


# --- registry queries ------------------------------------------------------------------------


def week_end(today: dt.date) -> dt.date:
    """The Sunday of ``today``'s week."""
    return today + dt.timedelta(days=6 - today.weekday())


PRESETS = ("mine", "to_approve", "due_this_week")


@dataclass
class RequestFilter:
    """The registry's filter; ``preset`` is one of the built-in saved filters (``PRESETS``)."""

    statuses: list[str] = field(default_factory=list)
    own_entity_id: int | None = None
    own_entity_ids: list[int] = field(default_factory=list)  # several own entities (empty: no limit)
    search: str = ""
    preset: str | None = None  # mine | to_approve | due_this_week

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RequestFilter:
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})


_ORDER = {
    "number": (PaymentRequest.year, PaymentRequest.seq),
    "status": (PaymentRequest.status,),
    "pay_by": (PaymentRequest.pay_by,),
    "contractor": (PaymentRequest.contractor_name,),
    "subject": (PaymentRequest.subject,),
    "amount": (PaymentRequest.amount,),
    "entity": (PaymentRequest.own_entity_id,),
    "initiator": (PaymentRequest.initiator,),
    "created": (PaymentRequest.created_at,),
}


def where(flt: RequestFilter, login: str, today: dt.date) -> list[Any]:
    """The SQL conditions of a filter for the user ``login`` on ``today``."""
    conditions: list[Any] = []
    if flt.statuses:
        conditions.append(PaymentRequest.status.in_(flt.statuses))
    if flt.own_entity_id is not None:
        conditions.append(PaymentRequest.own_entity_id == flt.own_entity_id)
    if flt.own_entity_ids:
        conditions.append(PaymentRequest.own_entity_id.in_(flt.own_entity_ids))
    if flt.preset == "mine":
        conditions.append(PaymentRequest.initiator == login)
    elif flt.preset == "to_approve":
        conditions.append(PaymentRequest.status == RequestStatus.APPROVAL)
    elif flt.preset == "due_this_week":
        # Overdue ones are due too: everything open with a pay-by date up to this Sunday.
        conditions.append(PaymentRequest.status.in_((RequestStatus.APPROVAL, RequestStatus.APPROVED)))
        conditions.append(PaymentRequest.pay_by <= week_end(today))
    text = " ".join(flt.search.split()).lower()
    if text:
        like = f"%{text}%"
        conditions.append(
            or_(
                func.lower(PaymentRequest.number).like(like),
                func.lower(PaymentRequest.contractor_name).like(like),
                PaymentRequest.contractor_inn.like(like),
                func.lower(PaymentRequest.subject).like(like),
                func.lower(PaymentRequest.purpose).like(like),
            )
        )
    return conditions


def select_ids(
    flt: RequestFilter, login: str, today: dt.date, order_key: str = "number", descending: bool = True
) -> Select[Any]:
    columns = _ORDER.get(order_key, _ORDER["number"])
    order = [c.desc() if descending else c.asc() for c in columns]
    return select(PaymentRequest.id).where(*where(flt, login, today)).order_by(*order, PaymentRequest.id)


def load(session: Session, ids: Sequence[int]) -> list[PaymentRequest]:
    if not ids:
        return []
    found = {r.id: r for r in session.scalars(select(PaymentRequest).where(PaymentRequest.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


@dataclass
class Totals:
    count: int
    by_currency: dict[str, Decimal]


def totals(session: Session, flt: RequestFilter, login: str, today: dt.date) -> Totals:
    """Count and sums (per currency) of the filtered requests."""
    rows = session.execute(
        select(PaymentRequest.currency, func.count(PaymentRequest.id), func.sum(PaymentRequest.amount))
        .where(*where(flt, login, today))
        .group_by(PaymentRequest.currency)
        .order_by(PaymentRequest.currency)
    ).all()
    return Totals(
        count=sum(int(n) for _c, n, _s in rows),
        by_currency={str(c): Decimal(s or 0).quantize(Decimal("0.01")) for c, _n, s in rows},
    )


# --- export as payment orders ----------------------------------------------------------------------


def order_number(request: PaymentRequest) -> str:
    """The number of the payment order written for a request: its sequence number, digits only.

    Banks refuse order numbers ending in «000» (docs/domain.md, «Payment-order export»), so such a
    number gets a trailing 1.
    """
    number = str(request.seq % 1_000_000)
    if number.endswith("000"):
        number = (number + "1")[-6:]
    return number


@dataclass
class ExportResult:
    path: Path
    entity: str  # short name
    entity_inn: str
    account: str
    requests: list[str]  # numbers
    total: Decimal

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "entity": self.entity,
            "entity_inn": self.entity_inn,
            "account": self.account,
            "orders": len(self.requests),
            "requests": self.requests,
            "total": f"{self.total:.2f}",
        }


def exportable(
    session: Session, own_entity_id: int | None = None, *, include_exported: bool = False
) -> list[PaymentRequest]:
    """Approved rouble requests not yet exported (or all approved with ``include_exported``), by pay-by date."""
    stmt = select(PaymentRequest).where(
        PaymentRequest.status == RequestStatus.APPROVED, PaymentRequest.currency == "RUB"
    )
    if own_entity_id is not None:
        stmt = stmt.where(PaymentRequest.own_entity_id == own_entity_id)
    if not include_exported:
        stmt = stmt.where(PaymentRequest.exported_at.is_(None))
    return list(
        session.scalars(stmt.order_by(PaymentRequest.pay_by, PaymentRequest.year, PaymentRequest.seq))
    )


def export_orders(
    session: Session,
    out: Path,
    *,
    own_entity_id: int | None = None,
    request_ids: Sequence[int] | None = None,
    include_exported: bool = False,
    login: str | None = None,
    today: dt.date | None = None,
    created: dt.datetime | None = None,
) -> ExportResult:
    """Write approved requests of one own entity as payment orders (1CClientBankExchange, cp1251)
    and mark them exported. Everything is checked before the file is written; nothing is marked
    when it cannot be written."""
    login = login or current_login()
    today = today or dt.date.today()
    if request_ids is not None:
        requests = load(session, list(request_ids))
        for request in requests:
            if request.status != RequestStatus.APPROVED:
                raise WorkflowError(
                    f"Заявка № {request.number} в статусе «{STATUS_TITLES[RequestStatus(request.status)]}»: "
                    "выгружаются только согласованные к оплате."
                )
            if request.currency != "RUB":
                raise ValidationError(
                    f"Заявка № {request.number} в валюте {request.currency}: платёжным поручением в рублях "
                    "её не оплатить — нужно валютное поручение."
                )
    else:
        requests = exportable(session, own_entity_id, include_exported=include_exported)
    if not requests:
        raise ValidationError("Нет согласованных к оплате заявок (в рублях), которые ещё не выгружены.")
    entities = sorted({r.own_entity_id for r in requests})
    if len(entities) > 1:
        names = ", ".join(
            f"{e.short_name} (ИНН {e.inn})"
            for e in session.scalars(select(OwnEntity).where(OwnEntity.id.in_(entities)))
        )
        raise ValidationError(
            f"Согласованные заявки есть у нескольких юрлиц: {names}. Один файл — один счёт плательщика: "
            "выберите юрлицо-плательщика (в фильтре «Юрлицо» на вкладке или --entity ИНН в командной строке)."
        )
    role = user_role(session, login)
    for request in requests:
        _require(session, request, Action.EXPORT, login, role)
    entity = requests[0].own_entity
    account = entity.primary_account
    if account is None:
        raise ValidationError(
            f"У юрлица «{entity.short_name}» нет расчётного счёта: добавьте его в карточке юрлица."
        )
    sender = PartyDetails(entity.short_name, entity.inn, entity.kpp or "")
    bank = BankDetails(account.account, account.bik, account.corr_account, account.bank_name)
    orders = [
        PaymentOrder(
            number=order_number(r),
            date=today,
            amount=r.amount,
            payee=PartyDetails(r.contractor_name, r.contractor_inn, r.contractor_kpp),
            payee_bank=BankDetails(
                r.contractor_account, r.contractor_bik, r.contractor_corr_account, r.contractor_bank_name
            ),
            purpose=r.purpose,
        )
        for r in requests
    ]
    data = write_payment_orders(orders, sender, bank, today, today, created=created)
    path = save_payment_orders(Path(out), data)
    now = _now()
    for request, order in zip(requests, orders, strict=True):
        request.exported_at = now
        _event(
            request,
            login,
            None,
            None,
            f"Выгружено платёжное поручение № {order.number} от {today:%d.%m.%Y} в файл «{path.name}»",
        )
    session.flush()
    log_event(
        session,
        "payment_request",
        None,
        "export",
        {"file": str(path), "requests": [r.number for r in requests]},
        user=login,
    )
    return ExportResult(
        path=path,
        entity=entity.short_name,
        entity_inn=entity.inn,
        account=account.account,
        requests=[r.number for r in requests],
        total=sum((r.amount for r in requests), Decimal("0.00")),
    )


# --- attachments -----------------------------------------------------------------------------------


def attachment_path(request: PaymentRequest, role: str, kind_ext: str) -> Path:
    """``Заявки на оплату/<year>/<entity>/№ <n> <contractor>/<Эл. версия счёта>.<ext>`` on the share."""
    folder = safe_name(f"№ {request.number} {request.contractor_name}")
    return Path(
        SHARE_FOLDER,
        str(request.year),
        safe_name(request.own_entity.short_name),
        folder,
        safe_file_name(ATTACHMENT_ROLES[role], kind_ext),
    )


def attach(
    session: Session,
    store: ScanStore,
    request_id: int,
    files: Sequence[Path],
    role: str,
    *,
    login: str | None = None,
) -> AttachResult:
    """Attach an e-invoice or a payment order like a scan: checked by content, copied atomically
    to the share and hashed, or queued in the outbox (with the reason in ``message``)."""
    login = login or current_login()
    if role not in ATTACHMENT_ROLES:
        raise ValidationError(f"Неизвестный вид вложения «{role}».")
    request = get_request(session, request_id)
    _require(session, request, Action.ATTACH, login)
    checked = store.check_files(files)
    known = set(session.scalars(select(Scan.sha256).where(Scan.payment_request_id == request.id)))

    def link(row: Scan) -> None:
        row.payment_request_id = request.id
        row.role = ScanRole(role)
        _event(request, login, None, None, f"Прикреплён файл ({ATTACHMENT_ROLES[role]}): {row.original_name}")

    result, problem = store.store_files(
        session,
        checked,
        known,
        lambda kind: attachment_path(request, role, EXTENSIONS[kind]),
        link,
        user=login,
    )
    if result.pending:
        result.message = (
            f"{problem}\nФайл сохранён в локальную очередь ({store.outbox}) и будет отправлен на общую папку "
            "автоматически."
        )
    elif result.duplicates and not result.stored:
        result.message = "Этот файл уже прикреплён к заявке."
    return result


def attachments(session: Session, request_id: int) -> list[Scan]:
    return list(session.scalars(select(Scan).where(Scan.payment_request_id == request_id).order_by(Scan.id)))


# --- settlement by an imported statement --------------------------------------------------------------


def request_refs(purpose: str) -> set[str]:
    """Request numbers quoted in a payment purpose («по заявке № 12»)."""
    return {match.group(1).lstrip("0") for match in _REQUEST_REF.finditer(purpose or "")}


def settle_outgoing(session: Session, payment: BankPayment) -> PaymentRequest | None:
    """Mark paid the approved request an imported outgoing payment pays, or return None.

    A request qualifies when it is approved (exported or not) — or marked paid by hand without a
    payment behind it yet — for the same payer entity, payee INN, payee account and amount. Among
    several, the one whose number the purpose quotes wins, then an exported one whose order number
    the payment carries, then one already marked paid by hand, then an exported one, then the one
    due first. The request, its history and the payment change in the caller's transaction; the
    event is written by the user who imported the statement.
    """
    if payment.direction != PaymentDirection.OUTGOING:
        return None
    query = select(PaymentRequest).where(
        PaymentRequest.status.in_((RequestStatus.APPROVED, RequestStatus.PAID)),
        PaymentRequest.payment_id.is_(None),
        PaymentRequest.contractor_inn == (payment.payee_inn or "").strip(),
        PaymentRequest.contractor_account == (payment.payee_account or "").strip(),
        PaymentRequest.amount == payment.amount,
    )
    if payment.own_entity_id is not None:
        query = query.where(PaymentRequest.own_entity_id == payment.own_entity_id)
    candidates = list(session.scalars(query.order_by(PaymentRequest.pay_by, PaymentRequest.id)))
    if not candidates:
        return None
    chosen = _choose(candidates, payment)
    login = payment.imported_by or current_login()
    previous = chosen.status
    what = f"п/п № {payment.number or '—'} от {payment.date:%d.%m.%Y}"
    chosen.paid_at = payment.date
    chosen.payment = payment
    if payment.id is not None:
        chosen.payment_id = payment.id
    if previous == RequestStatus.PAID:
        _event(chosen, login, None, None, f"Платёж из выписки: {what}")
    else:
        chosen.status = RequestStatus.PAID
        _event(chosen, login, previous, RequestStatus.PAID, f"Оплачено по выписке: {what}")
    payment.status = PaymentStatus.ALLOCATED
    payment.allocated_amount = payment.amount
    if payment.counterparty_id is None and chosen.counterparty_id is not None:
        payment.counterparty_id = chosen.counterparty_id
    session.flush()
    log_event(
        session,
        "payment_request",
        chosen.id,
        "paid",
        {"payment_id": payment.id, "date": payment.date, "amount": payment.amount},
        user=login,
    )
    return chosen


def _choose(candidates: list[PaymentRequest], payment: BankPayment) -> PaymentRequest:
    quoted = request_refs(payment.purpose)
    by_quote = [r for r in candidates if r.number.lstrip("0") in quoted]
    if by_quote:
        return by_quote[0]
    number = (payment.number or "").strip().lstrip("0")
    by_order = [r for r in candidates if r.exported_at is not None and order_number(r).lstrip("0") == number]
    if by_order:
        return by_order[0]
    by_hand = [r for r in candidates if r.status == RequestStatus.PAID]
    exported = [r for r in candidates if r.exported_at is not None]
    return (by_hand or exported or candidates)[0]
