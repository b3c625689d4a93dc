"""Own legal entities and counterparties: cards that are always right, saved with their history.

``save_counterparty`` validates every requisite (checksums, formats, the rules of the party's
kind), refuses a card with errors as a whole (nothing half-saved), warns about a duplicate
INN+KPP, and writes the change to the event log with the changed fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.common.choices import Choice
from desktop.core.common.events import log_event
from desktop.core.common.identifiers import check_account, check_bik, check_corr_account, validate_requisites
from desktop.core.contracts.editing import format_contract_number
from desktop.core.errors import ValidationError
from desktop.core.models import BankAccount, Counterparty, OwnEntity, PartyKind, VatRegime

COUNTERPARTY_FIELDS = (
    "kind",
    "short_name",
    "full_name",
    "inn",
    "kpp",
    "ogrn",
    "legal_address",
    "postal_address",
    "bank_name",
    "bik",
    "account",
    "corr_account",
    "director_name",
    "director_position",
    "director_basis",
    "emails",
    "phone",
    "region",
    "edo_id",
    "manager_id",
)

FIELD_TITLES = {
    "kind": "Вид",
    "short_name": "Краткое наименование",
    "full_name": "Полное наименование",
    "inn": "ИНН",
    "kpp": "КПП",
    "ogrn": "ОГРН",
    "legal_address": "Юридический адрес",
    "postal_address": "Почтовый адрес",
    "bank_name": "Банк",
    "bik": "БИК",
    "account": "Расчётный счёт",
    "corr_account": "Корреспондентский счёт",
    "emails": "E-mail",
}


class RequisitesError(ValidationError):
    """A card with invalid requisites: ``errors`` maps each field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]) -> None:
        lines = [f"{FIELD_TITLES.get(name, name)}: {message}" for name, message in errors.items()]
        super().__init__(
            "Реквизиты заполнены с ошибками:\n" + "\n".join(lines), field=next(iter(errors), None)
        )
        self.errors = errors


class DuplicateCounterpartyError(ValidationError):
    """A card with the INN+KPP of an existing one; ``duplicate_of`` is the id to link to."""

    def __init__(self, message: str, duplicate_of: int) -> None:
        super().__init__(message, field="inn")
        self.duplicate_of = duplicate_of


@dataclass
class SaveResult:
    counterparty: Counterparty
    created: bool
    warnings: list[str] = field(default_factory=list)
    duplicate_of: int | None = None


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    return value


def normalise_emails(text: str | None) -> str:
    parts = [p.strip() for p in (text or "").replace(",", ";").replace(" ", ";").split(";")]
    return "; ".join(p for p in parts if p)


def check_emails(text: str | None) -> str | None:
    for address in normalise_emails(text).split("; "):
        if address and ("@" not in address or address.startswith("@") or "." not in address.split("@")[-1]):
            return f"неверный адрес «{address}»"
    return None


def counterparty_errors(values: dict[str, Any]) -> dict[str, str]:
    """Every problem of a counterparty card, field by field (empty when the card is right)."""
    errors: dict[str, str] = {}
    kind = values.get("kind") or PartyKind.LEGAL
    if kind not in {k.value for k in PartyKind}:
        errors["kind"] = f"неизвестный вид контрагента «{kind}»"
        return errors
    if not values.get("short_name"):
        errors["short_name"] = "обязательное поле"
    errors.update(
        validate_requisites(
            kind,
            values.get("inn") or "",
            values.get("kpp") or "",
            values.get("ogrn") or "",
            values.get("bik") or "",
            values.get("account") or "",
            values.get("corr_account") or "",
        )
    )
    email_error = check_emails(values.get("emails"))
    if email_error:
        errors["emails"] = email_error
    return errors


def find_duplicate(
    session: Session, inn: str, kpp: str | None, exclude_id: int | None = None
) -> Counterparty | None:
    """Another card with the same INN and KPP (KPP empty matches empty)."""
    stmt = select(Counterparty).where(Counterparty.inn == inn)
    stmt = stmt.where(Counterparty.kpp.is_(None) if not kpp else Counterparty.kpp == kpp)
    if exclude_id is not None:
        stmt = stmt.where(Counterparty.id != exclude_id)
    return session.scalars(stmt.limit(1)).first()


def save_counterparty(
    session: Session,
    values: dict[str, Any],
    counterparty_id: int | None = None,
    *,
    allow_duplicate: bool = False,
    user: str | None = None,
) -> SaveResult:
    """Create or update a counterparty card; raise ``RequisitesError`` listing every wrong field."""
    values = {k: _clean(v) for k, v in values.items() if k in COUNTERPARTY_FIELDS}
    values["emails"] = normalise_emails(values.get("emails"))
    values.setdefault("kind", PartyKind.LEGAL.value)
    if values.get("short_name") and not values.get("full_name"):
        values["full_name"] = values["short_name"]
    errors = counterparty_errors(values)
    if errors:
        raise RequisitesError(errors)
    if values["kind"] != PartyKind.LEGAL:
        values["kpp"] = None
    result_warnings: list[str] = []
    duplicate = find_duplicate(session, values["inn"], values.get("kpp"), counterparty_id)
    if duplicate is not None:
        message = (
            f"Контрагент с ИНН {values['inn']}"
            + (f" и КПП {values['kpp']}" if values.get("kpp") else "")
            + f" уже есть: «{duplicate.short_name}»."
        )
        if not allow_duplicate:
            raise DuplicateCounterpartyError(message, duplicate.id)
        result_warnings.append(message)
    if counterparty_id is None:
        party = Counterparty(**values)
        session.add(party)
        session.flush()
        log_event(
            session, "counterparty", party.id, "create", {k: v for k, v in values.items() if v}, user=user
        )
        return SaveResult(party, True, result_warnings, duplicate.id if duplicate else None)
    existing = session.get(Counterparty, counterparty_id)
    if existing is None:
        raise ValidationError(f"Контрагент #{counterparty_id} не найден.")
    changes = {}
    for name, value in values.items():
        old = getattr(existing, name)
        if (old or None) != (value or None):
            changes[name] = [old, value]
            setattr(existing, name, value)
    if changes:
        log_event(session, "counterparty", existing.id, "update", changes, user=user)
    return SaveResult(existing, False, result_warnings, duplicate.id if duplicate else None)


def own_entities(session: Session, region: str | None = None) -> list[OwnEntity]:
    """Active own entities, those of a region first when given."""
    stmt = select(OwnEntity).where(OwnEntity.is_active.is_(True)).order_by(OwnEntity.short_name)
    if region:
        stmt = stmt.where(OwnEntity.region == region)
    return list(session.scalars(stmt))


def own_entity_choices(session: Session, *, active_only: bool = False) -> list[Choice]:
    """Own entities for a dropdown, by name: every one by default (closed ones too: their documents
    stay in the lists), only the active ones where a new thing is made."""
    stmt = select(OwnEntity.id, OwnEntity.short_name).order_by(OwnEntity.short_name)
    if active_only:
        stmt = stmt.where(OwnEntity.is_active.is_(True))
    return [Choice(entity_id, name) for entity_id, name in session.execute(stmt)]


# --- own legal entities -----------------------------------------------------------

OWN_ENTITY_FIELDS = (
    "short_name",
    "full_name",
    "inn",
    "kpp",
    "ogrn",
    "legal_address",
    "postal_address",
    "region",
    "vat_regime",
    "doc_prefix",
    "contract_number_pattern",
    "director_name",
    "director_position",
    "director_basis",
    "accountant_name",
    "email",
    "phone",
    "edo_id",
    "stamp_image",
    "facsimile_image",
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass
class AccountInput:
    bank_name: str
    bik: str
    account: str
    corr_account: str
    is_primary: bool = False


def check_png(path: str | None) -> str | None:
    """A stamp or facsimile must be a readable PNG (checked by content, not by extension)."""
    if not path:
        return None
    file = Path(path)
    try:
        head = file.read_bytes()[:8]
    except OSError:
        return f"файл не найден или не читается: {file}"
    if head != PNG_SIGNATURE:
        return f"файл {file.name} не является изображением PNG"
    return None


def own_entity_errors(values: dict[str, Any], accounts: list[AccountInput]) -> dict[str, str]:
    kind = PartyKind.ENTREPRENEUR if len(values.get("inn") or "") == 12 else PartyKind.LEGAL
    errors = {
        k: v
        for k, v in validate_requisites(
            kind, values.get("inn") or "", values.get("kpp") or "", values.get("ogrn") or ""
        ).items()
    }
    for name in ("short_name", "full_name", "director_name"):
        if not values.get(name):
            errors[name] = "обязательное поле"
    if values.get("vat_regime") not in {r.value for r in VatRegime}:
        errors["vat_regime"] = "выберите режим НДС"
    try:
        format_contract_number(
            values.get("contract_number_pattern") or "", values.get("doc_prefix") or "", 2026, 1
        )
    except ValidationError as error:
        errors["contract_number_pattern"] = error.message
    for name in ("stamp_image", "facsimile_image"):
        if (problem := check_png(values.get(name))) is not None:
            errors[name] = problem
    if not accounts:
        errors["accounts"] = "добавьте хотя бы один расчётный счёт"
    for index, account in enumerate(accounts, start=1):
        problem = (
            check_bik(account.bik)
            or check_account(account.account, account.bik)
            or check_corr_account(account.corr_account, account.bik)
        )
        if problem:
            errors[f"account{index}"] = f"счёт {index}: {problem}"
    return errors


def save_own_entity(
    session: Session,
    values: dict[str, Any],
    accounts: list[AccountInput],
    entity_id: int | None = None,
    *,
    user: str | None = None,
) -> OwnEntity:
    """Create or update an own legal entity with its bank accounts; refused whole when anything is wrong."""
    values = {k: _clean(v) for k, v in values.items() if k in OWN_ENTITY_FIELDS}
    for name in (
        "legal_address",
        "postal_address",
        "region",
        "doc_prefix",
        "director_position",
        "director_basis",
        "accountant_name",
    ):
        values[name] = values.get(name) or ""
    values["contract_number_pattern"] = values.get("contract_number_pattern") or "{prefix}-{year}/{seq}"
    if values.get("short_name") and not values.get("full_name"):
        values["full_name"] = values["short_name"]
    errors = own_entity_errors(values, accounts)
    if errors:
        raise RequisitesError(errors)
    if not any(a.is_primary for a in accounts):
        accounts[0].is_primary = True
    if entity_id is None:
        entity = OwnEntity(**values)
        session.add(entity)
        changes: dict[str, Any] = {k: v for k, v in values.items() if v}
    else:
        found = session.get(OwnEntity, entity_id)
        if found is None:
            raise ValidationError(f"Юрлицо #{entity_id} не найдено.")
        entity = found
        changes = {}
        for name, value in values.items():
            if (getattr(entity, name) or None) != (value or None):
                changes[name] = [getattr(entity, name), value]
                setattr(entity, name, value)
    existing = {a.account: a for a in entity.bank_accounts}
    kept = []
    for item in accounts:
        account = existing.get(item.account) or BankAccount(account=item.account)
        account.bank_name, account.bik = item.bank_name, item.bik
        account.corr_account, account.is_primary = item.corr_account, item.is_primary
        kept.append(account)
    if {a.account for a in kept} != set(existing):
        changes["accounts"] = [sorted(existing), sorted(a.account for a in kept)]
    entity.bank_accounts = kept
    session.flush()
    if changes:
        log_event(
            session, "own_entity", entity.id, "create" if entity_id is None else "update", changes, user=user
        )
    return entity
