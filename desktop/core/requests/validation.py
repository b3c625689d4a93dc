"""The fields of a payment request and their checks, before anything is saved.

Every required field is checked: what we pay for, contractor, amount, currency, pay-by date, the
contractor's requisites (by the same rules as the counterparty directory) and a payment purpose
that mentions VAT and fits the bank's limit (``PURPOSE_LIMIT``, shown by the card). The purpose
the bank expects is suggested from the subject, the amount and the VAT rate. The budget item
(статья ДДС) and the cost centre (ЦФО) are required once their directory has an active entry, and
must be active entries of it (``directory_check``, which reads the database). The rules:
docs/domain.md, «Payment requests» and «Approval routes».
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from desktop.core.bank.orders import PURPOSE_LIMIT as BANK_PURPOSE_LIMIT
from desktop.core.bank.orders import payment_purpose, vat_phrase
from desktop.core.common.catalog import NO_VAT, round_money
from desktop.core.common.identifiers import check_account, check_bik, check_corr_account, check_inn, check_kpp
from desktop.core.common.money import MONEY, parse_decimal
from desktop.core.errors import ValidationError
from desktop.core.models import BudgetItem, CostCentre, Counterparty, PaymentRequest

PURPOSE_LIMIT = BANK_PURPOSE_LIMIT  # the most characters of a purpose: the payment-order format's limit
CURRENCIES = ("RUB", "USD", "EUR", "CNY")
VAT_RATES = ("22%", "20%", "10%", "7%", "5%", "0%", NO_VAT)
MAX_AMOUNT = MONEY.limit
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
    "budget_item_id": "Статья ДДС",
    "cost_centre_id": "ЦФО",
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

# «В т.ч. НДС (22%) 1 234.56 руб.»
_VAT_IN_PURPOSE = re.compile(
    r"НДС\s*\(\s*(\d{1,2})\s*%\s*\)\s*(\d[\d \u00a0]*(?:[.,]\d{1,2})?)", re.IGNORECASE
)
_NO_VAT_IN_PURPOSE = re.compile(r"без\s+(?:налога\s*\(\s*)?НДС|НДС\s+не\s+облагается", re.IGNORECASE)

# field: (its directory's model, what to choose, «choose another» in the word's gender)
DIRECTORIES: dict[str, tuple[type[BudgetItem] | type[CostCentre], str, str]] = {
    "budget_item_id": (BudgetItem, "выберите статью из справочника", "выберите другую"),
    "cost_centre_id": (CostCentre, "выберите ЦФО из справочника", "выберите другой"),
}


@dataclass(frozen=True)
class DirectoryCheck:
    """What the database says of a request's budget item and cost centre: the fields whose
    directory has active entries (so the request must choose one), and what is wrong with a chosen
    entry (gone, or no longer active)."""

    required: frozenset[str] = frozenset()
    problems: tuple[tuple[str, str], ...] = ()


def directory_check(
    session: Session, budget_item_id: int | None, cost_centre_id: int | None
) -> DirectoryCheck:
    """The budget item and cost centre of a request against their directories."""
    required: set[str] = set()
    problems: list[tuple[str, str]] = []
    for name, chosen in (("budget_item_id", budget_item_id), ("cost_centre_id", cost_centre_id)):
        model, _choose, another = DIRECTORIES[name]
        if session.scalar(select(func.count(model.id)).where(model.is_active.is_(True))):
            required.add(name)
        if chosen is None:
            continue
        entry = session.execute(
            select(model.code, model.name, model.is_active).where(model.id == chosen)
        ).first()
        if entry is None:
            problems.append((name, f"записи #{chosen} нет в справочнике (удалена) — {another}"))
        elif not entry.is_active:
            problems.append((name, f"«{entry.code} {entry.name}» больше не действует — {another}"))
    return DirectoryCheck(frozenset(required), tuple(problems))


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
    budget_item_id: int | None = None
    cost_centre_id: int | None = None
    # Set by ``cleaned`` and ``from_request``, which see the database; not a field of the request.
    directories: DirectoryCheck | None = field(default=None, compare=False, repr=False)

    def as_dict(self) -> dict[str, Any]:
        """The request's fields (what is stored), without the directories' check."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "directories"}

    @classmethod
    def from_request(cls, request: PaymentRequest) -> RequestInput:
        """The fields of a stored request, its budget item and cost centre checked in its session."""
        names = {f.name for f in fields(cls)} - {"directories"}
        values = cls(**{name: getattr(request, name) for name in names})
        session = object_session(request)
        if session is not None:
            values.directories = directory_check(session, values.budget_item_id, values.cost_centre_id)
        return values


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


def requisites_errors(values: RequestInput) -> dict[str, str]:
    """The contractor's requisites by the directory's rules (INN, KPP, BIK, account keys)."""
    errors: dict[str, str] = {}
    inn = str(values.contractor_inn or "").strip()
    kpp = str(values.contractor_kpp or "").strip().upper()
    bik = str(values.contractor_bik or "").strip()
    account = str(values.contractor_account or "").strip()
    corr = str(values.contractor_corr_account or "").strip()
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
    if not str(values.contractor_bank_name or "").strip():
        errors["contractor_bank_name"] = "обязательное поле (без банка платёжное поручение не примут)"
    return errors


def request_errors(values: RequestInput, *, today: dt.date | None = None) -> dict[str, str]:
    """Every problem of a request, field by field (empty when it can be saved). ``today`` given:
    a pay-by date in the past is refused (new requests)."""
    errors: dict[str, str] = {}
    if not values.own_entity_id:
        errors["own_entity_id"] = "выберите, с какого юрлица платим"
    if not str(values.subject or "").strip():
        errors["subject"] = "обязательное поле"
    if not str(values.contractor_name or "").strip():
        errors["contractor_name"] = "обязательное поле"
    raw_amount = values.amount
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
    currency = str(values.currency or "").strip().upper()
    if not currency:
        errors["currency"] = "обязательное поле"
    elif currency not in CURRENCIES:
        errors["currency"] = f"валюта «{currency}» не поддерживается (можно: {', '.join(CURRENCIES)})"
    rate = str(values.vat_rate or "")
    if rate not in VAT_RATES:
        errors["vat_rate"] = f"ставка «{rate}» неизвестна (можно: {', '.join(VAT_RATES)})"
    pay_by = values.pay_by
    if not isinstance(pay_by, dt.date):
        errors["pay_by"] = "обязательное поле"
    elif today is not None and pay_by < today:
        errors["pay_by"] = f"дата {pay_by:%d.%m.%Y} уже прошла"
    errors.update(requisites_errors(values))
    if (problem := purpose_problem(str(values.purpose or ""), amount, rate)) is not None:
        errors["purpose"] = problem
    errors.update(directory_errors(values))
    return errors


def directory_errors(values: RequestInput) -> dict[str, str]:
    """The budget item and the cost centre: chosen when their directory has active entries, and
    active entries of it (as ``values.directories`` found them; unchecked input passes)."""
    check = values.directories
    if check is None:
        return {}
    errors: dict[str, str] = {}
    for name in DIRECTORIES:
        if name in check.required and getattr(values, name) is None:
            errors[name] = DIRECTORIES[name][1]
    errors.update(dict(check.problems))
    return errors


@dataclass(frozen=True)
class Requisites:
    """The contractor fields a counterparty card fills in, named as the request's fields."""

    contractor_name: str = ""
    contractor_inn: str = ""
    contractor_kpp: str = ""
    contractor_bank_name: str = ""
    contractor_bik: str = ""
    contractor_account: str = ""
    contractor_corr_account: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def requisites_of(counterparty: Counterparty) -> Requisites:
    """The contractor fields a counterparty card fills in."""
    return Requisites(
        **{name: str(getattr(counterparty, source) or "") for name, source in REQUISITES.items()}
    )


def cleaned(session: Session, values: RequestInput) -> RequestInput:
    """The input as it is stored: spaces collapsed, KPP and currency upper-case (KPP «0»: none), empty
    requisites filled from the chosen counterparty, an empty purpose suggested from the sums."""
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
        for name, value in requisites_of(party).as_dict().items():
            if not data.get(name):
                data[name] = value
    amount = parse_amount(data.get("amount"))
    if not data["purpose"] and amount is not None and data.get("vat_rate") in VAT_RATES:
        data["purpose"] = suggested_purpose(data["subject"], amount, str(data["vat_rate"]), data["currency"])
    if data["contractor_kpp"] == "0":
        data["contractor_kpp"] = ""
    for name in DIRECTORIES:
        data[name] = data.get(name) or None  # an empty choice of a combo box: none
    result = RequestInput(**data)
    result.directories = directory_check(session, result.budget_item_id, result.cost_centre_id)
    return result
