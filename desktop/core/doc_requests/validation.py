"""What a document request says, and its checks: the field errors shown at once (an entity not working
in the region, a template not offered for the client, a service the entity does not sell or whose
VAT does not fit its regime) and what a request needs before it can be sent.

A request is *standard* when it asks for a new contract (and its invoice for payment) from a template
of the entity allowed for this client: the program then makes the documents itself
(``issuing``); anything else goes to the accountants' queue. docs/domain.md, «Document requests».
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.common.catalog import NO_VAT, entity_regime_on, general_rate_on, regime_rate
from desktop.core.common.labels import DOC_REQUEST_WANTED_TITLES
from desktop.core.contracts.editing import line_value_problem, templates_for
from desktop.core.errors import ValidationError
from desktop.core.models import (
    Contract,
    Counterparty,
    EntityService,
    OwnEntity,
    PaymentTerms,
    Service,
    VatRegime,
)

WANTED = tuple(DOC_REQUEST_WANTED_TITLES)  # contract, invoice, act, upd, copies
STANDARD = frozenset({"contract", "invoice"})  # what the program makes by itself
FIELD_TITLES = {
    "counterparty": "Клиент",
    "own_entity": "Юрлицо",
    "region": "Регион",
    "wanted": "Что нужно",
    "template": "Форма договора",
    "contract": "Договор",
    "payment_terms": "Оплата",
    "contract_date": "Дата договора",
    "invoice_date": "Дата счёта",
    "valid_from": "Начало оказания услуг",
    "valid_to": "Окончание оказания услуг",
    "lines": "Услуги",
    "comment": "Комментарий",
    "reject_reason": "Причина отклонения",
}
PAYMENT_CHOICES = (PaymentTerms.PREPAY_100, PaymentTerms.PREPAY_70_30, PaymentTerms.POSTPAY)


@dataclass
class RequestLine:
    service_id: int
    quantity: Decimal
    price: Decimal


@dataclass
class RequestInput:
    """A request as the form or a JSON file gives it (ids of the directory's rows)."""

    own_entity_id: int | None = None
    counterparty_id: int | None = None
    region: str = ""
    wanted: tuple[str, ...] = ()
    template: str = ""
    contract_id: int | None = None  # an existing contract (for acts, UPDs, copies, an invoice)
    payment_terms: str = PaymentTerms.PREPAY_100
    contract_date: dt.date | None = None
    invoice_date: dt.date | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    facsimile_allowed: bool = False  # the contract allows a facsimile: copies with the stamp too
    comment: str = ""
    lines: list[RequestLine] = field(default_factory=list)


class RequestError(ValidationError):
    """A request that cannot be saved or sent: ``errors`` maps each field to what is wrong or missing."""

    def __init__(self, errors: dict[str, str], heading: str = "Запрос заполнен с ошибками") -> None:
        super().__init__(heading + ":\n" + "\n".join(describe(errors)), field=next(iter(errors), None))
        self.errors = errors


def describe(errors: dict[str, str]) -> list[str]:
    """«Клиент: не указан юридический адрес» — each error with its field's title."""
    out = []
    for name, message in errors.items():
        base = name.split(":", 1)[0]
        title = FIELD_TITLES.get(base, base)
        out.append(message if name.startswith("line:") else f"{title}: {message}")
    return out


def regions(session: Session) -> list[str]:
    """The regions the own entities work in (for the form's choice)."""
    found = session.scalars(
        select(OwnEntity.region).where(OwnEntity.is_active.is_(True), OwnEntity.region != "").distinct()
    )
    return sorted(set(found))


def entities_for(session: Session, region: str) -> list[OwnEntity]:
    """The active own entities offered for a region (every one when no region is chosen)."""
    stmt = select(OwnEntity).where(OwnEntity.is_active.is_(True)).order_by(OwnEntity.short_name)
    if region:
        stmt = stmt.where(OwnEntity.region == region)
    return list(session.scalars(stmt))


def sold_by(session: Session, entity_id: int) -> set[int] | None:
    """The services the entity sells; None when it lists none (it sells the whole catalogue)."""
    ids = set(
        session.scalars(select(EntityService.service_id).where(EntityService.own_entity_id == entity_id))
    )
    return ids or None


def service_problem(session: Session, entity: OwnEntity, service: Service, day: dt.date) -> str | None:
    """Why the entity cannot sell this service in a request dated ``day`` (None: it can)."""
    sold = sold_by(session, entity.id)
    if sold is not None and service.id not in sold:
        return f"«{entity.short_name}» не оказывает услугу «{service.name}»"
    rate = service.vat_rate
    if not rate:
        return None
    regime = entity_regime_on(entity, day)
    if regime == VatRegime.NO_VAT:
        if rate != NO_VAT:
            return f"услуга «{service.name}» облагается НДС {rate}, а «{entity.short_name}» работает без НДС"
        return None
    allowed = {regime_rate(regime, day), NO_VAT}
    if regime == VatRegime.VAT22:
        allowed |= {general_rate_on(day), "10%", "0%"}
    if rate not in allowed and not (rate in ("20%", "22%") and general_rate_on(day) in allowed):
        return (
            f"ставка НДС услуги «{service.name}» ({rate}) не подходит режиму «{entity.short_name}» "
            f"(НДС {regime_rate(regime, day)})"
        )
    return None


def field_errors(session: Session, data: RequestInput, today: dt.date | None = None) -> dict[str, str]:
    """What is wrong in what is filled in (missing fields are not errors here: see ``missing``)."""
    errors: dict[str, str] = {}
    day = data.invoice_date or data.contract_date or today or dt.date.today()
    entity = session.get(OwnEntity, data.own_entity_id) if data.own_entity_id else None
    party = session.get(Counterparty, data.counterparty_id) if data.counterparty_id else None
    if data.own_entity_id and entity is None:
        errors["own_entity"] = "юрлицо не найдено"
    elif entity is not None:
        if not entity.is_active:
            errors["own_entity"] = f"«{entity.short_name}» не работает"
        elif data.region and entity.region != data.region:
            errors["own_entity"] = f"«{entity.short_name}» не работает в регионе «{data.region}»"
    if data.counterparty_id and party is None:
        errors["counterparty"] = "клиент не найден"
    elif party is not None and not party.is_active:
        errors["counterparty"] = f"клиент «{party.short_name}» неактивен"
    unknown = [w for w in data.wanted if w not in WANTED]
    if unknown:
        errors["wanted"] = "неизвестный документ «" + "», «".join(unknown) + "»"
    if data.payment_terms not in PAYMENT_CHOICES:
        errors["payment_terms"] = f"неизвестный порядок оплаты «{data.payment_terms}»"
    if data.template and entity is not None and party is not None and "own_entity" not in errors:
        allowed = {t.code: t for t in templates_for(entity, party)}
        if data.template not in allowed:
            errors["template"] = (
                f"форма «{data.template}» не предлагается для «{entity.short_name}» и клиента «{party.short_name}»"
            )
    if data.contract_id is not None:
        contract = session.get(Contract, data.contract_id)
        if contract is None:
            errors["contract"] = "договор не найден"
        elif party is not None and contract.counterparty_id != party.id:
            errors["contract"] = f"договор № {contract.number} заключён с другим клиентом"
        elif entity is not None and contract.own_entity_id != entity.id:
            errors["contract"] = f"договор № {contract.number} заключён другим юрлицом"
    if data.valid_from and data.valid_to and data.valid_to < data.valid_from:
        errors["valid_to"] = "раньше начала"
    for index, line in enumerate(data.lines, start=1):
        key = f"line:{index}"
        service = session.get(Service, line.service_id)
        if service is None:
            errors[key] = f"Строка {index}: услуга не найдена в каталоге"
        elif not service.is_active:
            errors[key] = f"Строка {index}: услуга «{service.name}» больше не оказывается"
        elif problem := line_value_problem(line.price, line.quantity):
            errors[key] = f"Строка {index}: {problem}"
        elif line.price <= 0 or line.quantity <= 0:
            errors[key] = f"Строка {index}: цена и количество должны быть больше нуля"
        elif entity is not None and (problem := service_problem(session, entity, service, day)):
            errors[key] = f"Строка {index}: {problem}"
    return errors


def _party_gaps(party: Counterparty, wanted: set[str]) -> list[str]:
    """The client's requisites the documents print and the card lacks."""
    gaps = []
    if not party.legal_address:
        gaps.append("не указан юридический адрес")
    if party.kind == "legal" and not party.kpp:
        gaps.append("не указан КПП")
    if "contract" in wanted and party.kind == "legal" and not (party.director_name or "").strip():
        gaps.append("не указан руководитель (подписывает договор)")
    return gaps


def missing(session: Session, data: RequestInput) -> dict[str, str]:
    """What the request lacks to be sent (field → what is missing); empty when it can go."""
    out: dict[str, str] = {}
    wanted = set(data.wanted)
    entity = session.get(OwnEntity, data.own_entity_id) if data.own_entity_id else None
    party = session.get(Counterparty, data.counterparty_id) if data.counterparty_id else None
    if party is None:
        out["counterparty"] = "не выбран"
    else:
        gaps = _party_gaps(party, wanted)
        if gaps:
            out["counterparty"] = f"«{party.short_name}»: " + ", ".join(gaps)
    if entity is None:
        out["own_entity"] = "не выбрано"
    elif "invoice" in wanted and entity.primary_account is None:
        out["own_entity"] = f"у «{entity.short_name}» нет расчётного счёта (нужен для счёта)"
    if not wanted:
        out["wanted"] = "отметьте хотя бы один документ"
    if "contract" in wanted:
        if not data.template:
            out["template"] = "не выбрана"
        if data.contract_date is None:
            out["contract_date"] = "не указана"
        if data.valid_from is None:
            out["valid_from"] = "не указано"
    elif wanted and data.contract_id is None:
        out["contract"] = "укажите договор, по которому нужны документы, или отметьте «Договор»"
    if "invoice" in wanted and data.invoice_date is None:
        out["invoice_date"] = "не указана"
    if wanted & {"contract", "invoice"} and not data.lines:
        out["lines"] = "добавьте хотя бы одну услугу"
    return out


def send_errors(session: Session, data: RequestInput, today: dt.date | None = None) -> dict[str, str]:
    """Every reason the request cannot be sent now: wrong fields, then missing ones."""
    return {**field_errors(session, data, today), **missing(session, data)}


def is_standard(session: Session, data: RequestInput) -> bool:
    """The program can make the documents itself: a new contract (with its invoice) from a template,
    and nothing else asked for."""
    wanted = set(data.wanted)
    return "contract" in wanted and wanted <= STANDARD and data.contract_id is None and bool(data.template)
