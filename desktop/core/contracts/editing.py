"""Creating and changing contracts: required fields, numbering, templates, agreements, history.

Numbers follow the own entity's pattern (``{prefix}-{year}/{seq}``, with ``{seq:03d}`` style
formats allowed); they are unique per own entity — the database enforces it, and a typed
number is checked at once with ``number_taken``. Every change is written to the event log.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from desktop.core.common import numbering
from desktop.core.common.catalog import entity_regime_on, round_money
from desktop.core.common.events import log_event
from desktop.core.common.money import PRICE, QUANTITY, check_decimal, format_money, format_quantity
from desktop.core.common.resources import resource_path
from desktop.core.contracts.terms import terms_on
from desktop.core.errors import ValidationError
from desktop.core.models import (
    Agreement,
    AgreementAction,
    AgreementChange,
    Contract,
    ContractKind,
    ContractLine,
    ContractStatus,
    Counterparty,
    DocumentSet,
    OwnEntity,
    PaymentTerms,
    Periodicity,
    Service,
    VatRegime,
)


@dataclass(frozen=True)
class ContractTemplate:
    """A kind of contract: its print form and to whom it may be offered."""

    code: str
    title: str
    form: str
    party_kinds: tuple[str, ...]
    entity_inns: tuple[str, ...] = ()  # empty: every own entity
    regions: tuple[str, ...] = ()  # empty: every region

    def allowed_for(self, entity: OwnEntity, party: Counterparty) -> bool:
        if party.kind not in self.party_kinds:
            return False
        if self.entity_inns and entity.inn not in self.entity_inns:
            return False
        return not (self.regions and entity.region not in self.regions)


def load_templates() -> list[ContractTemplate]:
    """The contract templates from ``forms/contract_templates.json`` (editable, no code change)."""
    path = resource_path("forms", "contract_templates.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        ContractTemplate(
            code=item["code"],
            title=item["title"],
            form=item.get("form", "contract.docx"),
            party_kinds=tuple(item.get("party_kinds", ("legal", "entrepreneur", "person"))),
            entity_inns=tuple(item.get("entity_inns", ())),
            regions=tuple(item.get("regions", ())),
        )
        for item in data["templates"]
    ]


def templates_for(entity: OwnEntity, party: Counterparty) -> list[ContractTemplate]:
    return [t for t in load_templates() if t.allowed_for(entity, party)]


def format_contract_number(pattern: str, prefix: str, year: int, seq: int) -> str:
    try:
        return pattern.format(prefix=prefix, year=year, seq=seq, yy=year % 100)
    except (KeyError, ValueError, IndexError) as error:
        raise ValidationError(
            f"Неверный шаблон номера договора «{pattern}»: {error}", field="number"
        ) from error


def next_contract_number(session: Session, entity: OwnEntity, year: int) -> str:
    """Take the next number of the entity's contract sequence (inside the creating transaction)."""
    while True:
        seq = numbering.take(session, entity.id, "contract", year)
        number = format_contract_number(entity.contract_number_pattern, entity.doc_prefix, year, seq)
        if not number_taken(session, entity.id, number):
            return number  # a number typed by hand earlier may already use this seq: skip it


def number_taken(session: Session, own_entity_id: int, number: str, exclude_id: int | None = None) -> bool:
    stmt = select(Contract.id).where(
        Contract.own_entity_id == own_entity_id, Contract.number == number.strip()
    )
    if exclude_id is not None:
        stmt = stmt.where(Contract.id != exclude_id)
    return session.scalar(stmt.limit(1)) is not None


@dataclass
class LineInput:
    service_id: int
    price: Decimal
    quantity: Decimal = Decimal(1)
    description: str | None = None
    vat_rate: str | None = None


@dataclass
class ContractInput:
    """What the wizard or an import provides for a new contract."""

    own_entity_id: int | None = None
    counterparty_id: int | None = None
    template: str = "services"
    number: str = ""  # empty: take the next from the entity's pattern
    date: dt.date | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    kind: str = ContractKind.FIXED
    periodicity: str = Periodicity.MONTH
    payment_terms: str = PaymentTerms.POSTPAY
    postpay_days: int = 10
    documents: str = DocumentSet.ACT_INVOICE
    detail_appendix: bool = False
    price_includes_vat: bool = False
    facsimile_allowed: bool = False
    # The buyer does not pay VAT and agreed in writing not to receive счета-фактуры (art. 169 p. 3 sub. 1).
    sf_waived: bool = False
    sf_waiver_basis: str = ""
    subject: str = ""
    status: str = ContractStatus.ACTIVE
    manager_id: int | None = None
    previous_id: int | None = None
    lines: list[LineInput] = field(default_factory=list)


STEP_PARTIES, STEP_TEMPLATE, STEP_DATES, STEP_LINES = range(4)


def step_errors(session: Session, data: ContractInput, step: int) -> dict[str, str]:
    """What blocks a wizard step (field → reason); also the full check before saving."""
    errors: dict[str, str] = {}
    if step >= STEP_PARTIES:
        if data.own_entity_id is None:
            errors["own_entity"] = "Выберите своё юрлицо."
        if data.counterparty_id is None:
            errors["counterparty"] = "Выберите клиента."
        else:
            party = session.get(Counterparty, data.counterparty_id)
            if party is None:
                errors["counterparty"] = "Клиент не найден."
            elif not party.is_active:
                errors["counterparty"] = f"Клиент «{party.short_name}» неактивен."
    if step >= STEP_TEMPLATE and not errors:
        entity = session.get(OwnEntity, data.own_entity_id)
        party = session.get(Counterparty, data.counterparty_id)
        assert entity is not None and party is not None
        allowed = {t.code for t in templates_for(entity, party)}
        if data.template not in allowed:
            errors["template"] = "Этот шаблон договора не разрешён для выбранного юрлица и вида клиента."
        if data.number.strip() and number_taken(session, entity.id, data.number):
            errors["number"] = f"Номер {data.number.strip()} уже занят у «{entity.short_name}»."
    if step >= STEP_DATES:
        if data.date is None:
            errors["date"] = "Укажите дату договора."
        if data.valid_from is None:
            errors["valid_from"] = "Укажите начало действия."
        if data.valid_from and data.valid_to and data.valid_to < data.valid_from:
            errors["valid_to"] = "Окончание действия раньше начала."
        if data.payment_terms == PaymentTerms.POSTPAY and not (0 <= data.postpay_days <= 365):
            errors["postpay_days"] = "Отсрочка должна быть от 0 до 365 дней."
        if problem := sf_waiver_problem(data.sf_waived, data.sf_waiver_basis):
            errors["sf_waiver_basis"] = problem
    if step >= STEP_LINES:
        if not data.lines:
            errors["lines"] = "Добавьте хотя бы одну услугу."
        for index, line in enumerate(data.lines, start=1):
            if session.get(Service, line.service_id) is None:
                errors[f"line{index}"] = f"Строка {index}: услуга не найдена в каталоге."
            elif problem := line_value_problem(line.price, line.quantity):
                errors[f"line{index}"] = f"Строка {index}: {problem}."
            elif line.price <= 0:
                errors[f"line{index}"] = f"Строка {index}: цена должна быть больше нуля."
            elif data.kind == ContractKind.FIXED and line.quantity <= 0:
                errors[f"line{index}"] = f"Строка {index}: количество должно быть больше нуля."
            elif data.kind == ContractKind.FIXED and round_money(line.quantity * line.price) == 0:
                errors[f"line{index}"] = (
                    f"Строка {index}: сумма {format_quantity(line.quantity)} × {format_money(line.price)}"
                    " округляется до 0,00 — документ на нулевую сумму не выставляется."
                )
    return errors


SF_WAIVER_BASIS_MAX = 200  # Contract.sf_waiver_basis


def sf_waiver_problem(waived: bool, basis: str) -> str | None:
    """What is wrong with the buyer's waiver of счета-фактуры: it needs the written agreement named."""
    if not waived:
        return None
    if not basis.strip():
        return (
            "Основание отказа от счетов-фактур: укажите письменное согласие покупателя "
            "(например, «Соглашение от 10.01.2026»)."
        )
    if len(basis.strip()) > SF_WAIVER_BASIS_MAX:
        return f"Основание отказа от счетов-фактур: не длиннее {SF_WAIVER_BASIS_MAX} символов."
    return None


def line_value_problem(price: Decimal | None, quantity: Decimal | None) -> str | None:
    """What is wrong with a typed price or quantity (NaN, infinity, too many decimals or digits), or None."""
    for value, kind, title in ((price, PRICE, "цена"), (quantity, QUANTITY, "количество")):
        if value is None:
            continue
        try:
            check_decimal(value, kind, title)
        except ValueError as error:
            return str(error)
    return None


def entity_pays_vat(entity: OwnEntity, day: dt.date) -> bool:
    """Whether the own entity pays VAT on ``day`` (only then can a buyer waive счета-фактуры)."""
    return entity_regime_on(entity, day) != VatRegime.NO_VAT


def create_contract(session: Session, data: ContractInput, *, user: str | None = None) -> Contract:
    """Validate everything and create the contract with its lines, in the caller's transaction."""
    errors = step_errors(session, data, STEP_LINES)
    if errors:
        raise ValidationError("\n".join(errors.values()), field=next(iter(errors)))
    entity = session.get(OwnEntity, data.own_entity_id)
    assert entity is not None and data.date is not None and data.valid_from is not None
    number = data.number.strip() or next_contract_number(session, entity, data.date.year)
    contract = Contract(
        own_entity_id=entity.id,
        counterparty_id=data.counterparty_id,
        number=number,
        date=data.date,
        subject=data.subject,
        template=data.template,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
        kind=data.kind,
        periodicity=data.periodicity,
        payment_terms=data.payment_terms,
        postpay_days=data.postpay_days,
        documents=data.documents,
        detail_appendix=data.detail_appendix,
        price_includes_vat=data.price_includes_vat,
        facsimile_allowed=data.facsimile_allowed,
        sf_waived=data.sf_waived and entity_pays_vat(entity, data.valid_from),
        sf_waiver_basis=data.sf_waiver_basis.strip()
        if data.sf_waived and entity_pays_vat(entity, data.valid_from)
        else "",
        status=data.status,
        manager_id=data.manager_id,
        previous_id=data.previous_id,
        lines=[
            ContractLine(
                position=i,
                service_id=line.service_id,
                description=line.description,
                quantity=line.quantity,
                price=line.price,
                vat_rate=line.vat_rate,
            )
            for i, line in enumerate(data.lines, start=1)
        ],
    )
    session.add(contract)
    try:
        session.flush()
    except IntegrityError as error:
        raise ValidationError(
            f"Номер договора {number} уже занят у «{entity.short_name}».", field="number"
        ) from error
    log_event(
        session,
        "contract",
        contract.id,
        "create",
        {"number": number, "counterparty_id": data.counterparty_id, "lines": len(data.lines)},
        user=user,
    )
    return contract


def input_from_previous(session: Session, previous_id: int, year: int) -> ContractInput:
    """A new contract for ``year`` based on last year's one: same parties, terms and lines."""
    old = session.scalar(
        select(Contract).where(Contract.id == previous_id).options(selectinload(Contract.lines))
    )
    if old is None:
        raise ValidationError(f"Договор #{previous_id} не найден.")
    start = dt.date(year, 1, 1)
    # Prices as they stand at the end of the old contract (agreements applied).
    last_day = old.valid_to or dt.date(year - 1, 12, 31)
    terms = terms_on(old, min(last_day, dt.date(year - 1, 12, 31)))
    lines = [
        LineInput(service_id=t.service_id, price=t.price, quantity=t.quantity, vat_rate=t.vat_rate)
        for t in terms
        if t.service_id is not None
    ] or [
        LineInput(service_id=ln.service_id, price=ln.price, quantity=ln.quantity, description=ln.description)
        for ln in old.lines
    ]
    return ContractInput(
        own_entity_id=old.own_entity_id,
        counterparty_id=old.counterparty_id,
        template=old.template,
        date=start,
        valid_from=start,
        valid_to=dt.date(year, 12, 31),
        kind=old.kind,
        periodicity=old.periodicity,
        payment_terms=old.payment_terms,
        postpay_days=old.postpay_days,
        documents=old.documents,
        detail_appendix=old.detail_appendix,
        price_includes_vat=old.price_includes_vat,
        facsimile_allowed=old.facsimile_allowed,
        sf_waived=old.sf_waived,
        sf_waiver_basis=old.sf_waiver_basis,
        subject=old.subject,
        manager_id=old.manager_id,
        previous_id=old.id,
        lines=lines,
    )


@dataclass
class ChangeInput:
    action: str
    contract_line_id: int | None = None
    service_id: int | None = None
    price: Decimal | None = None
    quantity: Decimal | None = None


def add_agreement(
    session: Session,
    contract_id: int,
    number: str,
    date: dt.date,
    effective_date: dt.date,
    changes: list[ChangeInput],
    *,
    description: str = "",
    ends_contract_on: dt.date | None = None,
    user: str | None = None,
) -> Agreement:
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise ValidationError(f"Договор #{contract_id} не найден.")
    if not number.strip():
        raise ValidationError("Укажите номер соглашения.", field="number")
    if not changes and ends_contract_on is None:
        raise ValidationError("Соглашение ничего не меняет: добавьте изменение или дату окончания.")
    line_ids = {line.id for line in contract.lines}
    for index, change in enumerate(changes, start=1):
        if change.action not in {a.value for a in AgreementAction}:
            raise ValidationError(f"Изменение {index}: неизвестное действие «{change.action}».")
        if (
            change.action in (AgreementAction.CHANGE, AgreementAction.REMOVE)
            and change.contract_line_id not in line_ids
        ):
            raise ValidationError(f"Изменение {index}: строка спецификации не из этого договора.")
        if change.action == AgreementAction.ADD and (change.service_id is None or not change.price):
            raise ValidationError(f"Изменение {index}: для новой строки нужны услуга и цена.")
        if problem := line_value_problem(change.price, change.quantity):
            raise ValidationError(f"Изменение {index}: {problem}.")
        if change.price is not None and change.price <= 0:
            raise ValidationError(f"Изменение {index}: цена должна быть больше нуля.")
    agreement = Agreement(
        contract_id=contract.id,
        number=number.strip(),
        date=date,
        effective_date=effective_date,
        ends_contract_on=ends_contract_on,
        description=description,
        changes=[
            AgreementChange(
                action=c.action,
                contract_line_id=c.contract_line_id,
                service_id=c.service_id,
                price=c.price,
                quantity=c.quantity,
            )
            for c in changes
        ],
    )
    session.add(agreement)
    try:
        session.flush()
    except IntegrityError as error:
        raise ValidationError(
            f"Соглашение № {number} уже есть у договора {contract.number}.", field="number"
        ) from error
    log_event(
        session,
        "contract",
        contract.id,
        "agreement",
        {"number": number, "effective_date": effective_date, "changes": len(changes)},
        user=user,
    )
    return agreement


CONTRACT_EDITABLE = (
    "subject",
    "valid_to",
    "status",
    "payment_terms",
    "postpay_days",
    "documents",
    "detail_appendix",
    "facsimile_allowed",
    "manager_id",
    "acceptance_days",
    "number",
    "sf_waived",
    "sf_waiver_basis",
)


def update_contract(
    session: Session, contract_id: int, values: dict[str, Any], *, user: str | None = None
) -> Contract:
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise ValidationError(f"Договор #{contract_id} не найден.")
    if "number" in values and number_taken(session, contract.own_entity_id, values["number"], contract.id):
        raise ValidationError(f"Номер {values['number']} уже занят.", field="number")
    changes = {}
    for name, value in values.items():
        if name not in CONTRACT_EDITABLE:
            raise ValidationError(f"Поле «{name}» нельзя изменить здесь.")
        old = getattr(contract, name)
        if old != value:
            changes[name] = [old, value]
            setattr(contract, name, value)
    if problem := sf_waiver_problem(contract.sf_waived, contract.sf_waiver_basis or ""):
        raise ValidationError(problem, field="sf_waiver_basis")
    if changes:
        session.flush()
        log_event(session, "contract", contract.id, "update", changes, user=user)
    return contract
