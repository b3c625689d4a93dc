"""A document request as JSON (``aktdesk docs-request create FILE.json`` / ``show ID --json``).

In::

    {"client": {"inn": "7701234567", "kpp": "770101001"},      // or the full requisites of a new one
     "entity": "7700000000",                                  // the own entity's INN
     "region": "Москва",
     "documents": ["contract", "invoice"],                    // contract, invoice, act, upd, copies
     "template": "services", "payment": "100%",               // 100%, 70/30 or postpay
     "contract": "АС-2026/3",                                 // an existing contract (acts, UPDs, copies)
     "contract_date": "2026-12-02", "invoice_date": "2026-12-02",
     "valid_from": "2026-12-01", "valid_to": "2027-11-30",
     "facsimile": false,
     "lines": [{"service": "Абонентское обслуживание", "quantity": "1", "price": "15000.00"}],
     "comment": "…"}

A new client's requisites (``kind``, ``short_name``, ``full_name``, ``inn``, ``kpp``, ``ogrn``,
``legal_address``, ``director_name``, ``emails``, ``bank_name``, ``bik``, ``account``, …) are checked as
in the directory and the card is created with the request. Every wrong key is named in Russian.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.common.labels import DOC_REQUEST_STATE_TITLES
from desktop.core.doc_requests.validation import RequestError, RequestInput, RequestLine
from desktop.core.errors import ValidationError
from desktop.core.models import (
    Contract,
    Counterparty,
    DocRequest,
    DocRequestState,
    OwnEntity,
    PaymentTerms,
    Service,
)
from desktop.core.parties.directory import FIELD_TITLES as PARTY_FIELDS
from desktop.core.parties.directory import RequisitesError, save_counterparty

PAYMENTS = {
    "100%": PaymentTerms.PREPAY_100,
    "100": PaymentTerms.PREPAY_100,
    "70/30": PaymentTerms.PREPAY_70_30,
    "postpay": PaymentTerms.POSTPAY,
    "постоплата": PaymentTerms.POSTPAY,
    **{terms.value: terms for terms in PaymentTerms},
}
PAYMENT_NAMES = {
    PaymentTerms.PREPAY_100: "100%",
    PaymentTerms.PREPAY_70_30: "70/30",
    PaymentTerms.POSTPAY: "postpay",
}


def read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as error:
        raise ValidationError(f"Файл {path} не найден.") from error
    except OSError as error:
        raise ValidationError(f"Файл {path} не читается: {error.strerror or error}.") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        where = f" (строка {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        raise ValidationError(f"Файл {path}: это не JSON в UTF-8{where}.") from error
    if not isinstance(data, dict):
        raise ValidationError(f"Файл {path}: ожидается объект JSON с полями запроса.")
    return data


def _date(data: dict[str, Any], key: str, errors: dict[str, str]) -> dt.date | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    errors[key] = f"«{value}» — не дата (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ)"
    return None


def _number(value: Any, what: str, index: int, errors: dict[str, str]) -> Decimal | None:
    try:
        number = Decimal(str(value).replace(" ", "").replace(",", "."))
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite():
        errors[f"line:{index}"] = f"Строка {index}: {what} «{value}» — не число"
        return None
    return number


def _client(session: Session, value: Any, errors: dict[str, str], user: str | None) -> int | None:
    if value in (None, ""):
        return None
    if not isinstance(value, dict) or not value.get("inn"):
        errors["counterparty"] = "укажите объект с ИНН (и КПП) клиента или его полные реквизиты"
        return None
    inn, kpp = str(value["inn"]).strip(), str(value.get("kpp") or "").strip()
    stmt = select(Counterparty).where(Counterparty.inn == inn)
    if kpp:
        stmt = stmt.where(Counterparty.kpp == kpp)
    found = session.scalars(stmt.order_by(Counterparty.id)).first()
    if found is not None:
        return found.id
    if not value.get("short_name"):
        errors["counterparty"] = (
            f"клиента с ИНН {inn}"
            + (f" и КПП {kpp}" if kpp else "")
            + (" нет в справочнике — укажите его полные реквизиты (short_name, legal_address, …)")
        )
        return None
    try:
        saved = save_counterparty(
            session, {k: ("" if v is None else str(v)) for k, v in value.items()}, user=user
        )
    except RequisitesError as error:
        text = "; ".join(f"{PARTY_FIELDS.get(k, k)} — {v}" for k, v in error.errors.items())
        errors["counterparty"] = f"реквизиты нового клиента: {text}"
        return None
    except ValidationError as error:
        errors["counterparty"] = error.message
        return None
    return saved.counterparty.id


def _service(session: Session, value: Any) -> Service | None:
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        return session.get(Service, int(value))
    name = str(value or "").strip()
    return session.scalars(select(Service).where(Service.name == name).limit(1)).first()


def parse(session: Session, data: dict[str, Any], *, user: str | None = None) -> RequestInput:
    """The request the JSON describes; ``RequestError`` naming every wrong key."""
    errors: dict[str, str] = {}
    known = {
        "client", "entity", "region", "documents", "template", "payment", "contract", "contract_date",
        "invoice_date", "valid_from", "valid_to", "facsimile", "lines", "comment",
    }  # fmt: skip
    unknown = sorted(set(data) - known)
    if unknown:
        errors["wanted"] = "неизвестные поля: " + ", ".join(unknown)
    request = RequestInput(
        region=str(data.get("region") or "").strip(), comment=str(data.get("comment") or "")
    )
    request.counterparty_id = _client(session, data.get("client"), errors, user)
    if data.get("entity"):
        inn = str(data["entity"]).strip()
        request.own_entity_id = session.scalar(select(OwnEntity.id).where(OwnEntity.inn == inn))
        if request.own_entity_id is None:
            errors["own_entity"] = f"своего юрлица с ИНН {inn} нет в справочнике"
    documents = data.get("documents") or []
    if not isinstance(documents, list):
        errors["wanted"] = 'ожидается список, например ["contract", "invoice"]'
        documents = []
    request.wanted = tuple(str(d).strip() for d in documents)
    request.template = str(data.get("template") or "").strip()
    payment = str(data.get("payment") or "100%").strip().lower()
    if payment not in PAYMENTS:
        errors["payment_terms"] = f"«{data.get('payment')}» — укажите 100%, 70/30 или postpay"
    else:
        request.payment_terms = PAYMENTS[payment]
    if data.get("contract"):
        number = str(data["contract"]).strip()
        stmt = select(Contract.id).where(Contract.number == number)
        if request.own_entity_id is not None:
            stmt = stmt.where(Contract.own_entity_id == request.own_entity_id)
        request.contract_id = session.scalar(stmt.limit(1))
        if request.contract_id is None:
            errors["contract"] = f"договора № {number} нет"
    for key in ("contract_date", "invoice_date", "valid_from", "valid_to"):
        setattr(request, key, _date(data, key, errors))
    request.facsimile_allowed = bool(data.get("facsimile"))
    lines = data.get("lines") or []
    if not isinstance(lines, list):
        errors["lines"] = "ожидается список строк с полями service, quantity, price"
        lines = []
    for index, item in enumerate(lines, start=1):
        if not isinstance(item, dict):
            errors[f"line:{index}"] = f"Строка {index}: ожидается объект с полями service, quantity, price"
            continue
        service = _service(session, item.get("service"))
        if service is None:
            errors[f"line:{index}"] = f"Строка {index}: услуги «{item.get('service')}» нет в каталоге"
            continue
        quantity = _number(item.get("quantity", 1), "количество", index, errors)
        price = _number(item.get("price"), "цена", index, errors)
        if quantity is not None and price is not None:
            request.lines.append(RequestLine(service.id, quantity, price))
    if errors:
        raise RequestError(errors, "Запрос в файле заполнен с ошибками")
    return request


def as_json(request: DocRequest) -> dict[str, Any]:
    """``show ID --json``: the request, its history and the documents made with their files."""
    party, entity = request.counterparty, request.own_entity
    return {
        "id": request.id,
        "state": request.state,
        "state_title": DOC_REQUEST_STATE_TITLES[DocRequestState(request.state)],
        "initiator": request.initiator,
        "assignee": request.assignee,
        "client": None
        if party is None
        else {"inn": party.inn, "kpp": party.kpp or "", "name": party.short_name},
        "entity": None if entity is None else {"inn": entity.inn, "name": entity.short_name},
        "region": request.region,
        "documents": [w for w in request.wanted.split(",") if w],
        "template": request.template,
        "payment": PAYMENT_NAMES.get(PaymentTerms(request.payment_terms), request.payment_terms),
        "contract": request.contract.number if request.contract is not None else None,
        "contract_date": request.contract_date,
        "invoice_date": request.invoice_date,
        "valid_from": request.valid_from,
        "valid_to": request.valid_to,
        "facsimile": request.facsimile_allowed,
        "number_pending": request.number_pending,
        "comment": request.comment,
        "reject_reason": request.reject_reason,
        "lines": [
            {"service": line.service.name, "quantity": str(line.quantity), "price": str(line.price)}
            for line in request.lines
        ],
        "made": [
            {
                "what": row.what,
                "title": row.title,
                "file": row.path,
                "format": Path(row.path).suffix.lstrip("."),
                "with_stamp": row.with_stamp,
                "document_id": row.document_id,
                "contract_id": row.contract_id,
            }
            for row in request.made
        ],
        "history": [
            {
                "at": event.at,
                "login": event.user_login,
                "from": event.from_state,
                "to": event.to_state,
                "comment": event.comment,
            }
            for event in request.history
        ],
    }
