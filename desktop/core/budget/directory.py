"""The budget directories a payment request is charged to: cash-flow budget items (статьи ДДС) and
cost centres (ЦФО), each a code, a name and whether it is still in use.

A code is unique within its directory (compared without case and surrounding spaces). An entry is
never deleted — requests keep pointing to it — but deactivated: it leaves the choices of new
requests. Accountants and admins keep the directories (on PostgreSQL the database grants only them
the writes). docs/domain.md, «Approval routes».
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.common.choices import Choice
from desktop.core.common.events import log_event
from desktop.core.errors import ValidationError
from desktop.core.models import BudgetItem, CostCentre, Role
from desktop.core.requests.permissions import ROLE_TITLES, user_role

CODE_LIMIT = 20
NAME_LIMIT = 200
FIELD_TITLES = {"code": "Код", "name": "Наименование"}
KEEPERS = (Role.ACCOUNTANT, Role.ADMIN)  # who keeps the directories


class Kind(StrEnum):
    ITEMS = "budget_items"  # статьи ДДС
    CENTRES = "cost_centres"  # ЦФО


Entry = BudgetItem | CostCentre
MODELS: dict[Kind, type[BudgetItem] | type[CostCentre]] = {Kind.ITEMS: BudgetItem, Kind.CENTRES: CostCentre}
# how the directory is named in a sentence: «уже есть в справочнике статей ДДС»
DIRECTORY_NAMES = {Kind.ITEMS: "статей ДДС", Kind.CENTRES: "ЦФО"}
EVENT_TYPES = {Kind.ITEMS: "budget_item", Kind.CENTRES: "cost_centre"}


@dataclass
class EntryInput:
    code: str = ""
    name: str = ""
    is_active: bool = True


class EntryFieldsError(ValidationError):
    """Every wrong field of an entry: ``errors`` maps the field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(
            "; ".join(f"{FIELD_TITLES.get(k, k)}: {v}" for k, v in errors.items()), field=next(iter(errors))
        )
        self.errors = errors


def may_keep(session: Session, login: str) -> bool:
    """Whether ``login`` may change the directories (an accountant or an admin)."""
    return user_role(session, login) in KEEPERS


def keeper_refusal(session: Session, login: str) -> str | None:
    """Why ``login`` may not change the directories (None when it may)."""
    role = user_role(session, login)
    if role in KEEPERS:
        return None
    title = ROLE_TITLES.get(Role(role), role) if role in set(Role) else "не задана"
    return f"Статьи ДДС и ЦФО ведут бухгалтер или администратор; ваша роль — {title}."


def list_entries(session: Session, kind: Kind) -> list[Entry]:
    """Every entry of the directory, the active ones first, by code."""
    model = MODELS[kind]
    return list(session.scalars(select(model).order_by(model.is_active.desc(), model.code)))


def choices(session: Session, kind: Kind, *, keep: int | None = None) -> list[Choice]:
    """The active entries for a dropdown («01.01 Аренда»), by code; ``keep``: an inactive one still
    shown (the entry a stored request points to)."""
    model = MODELS[kind]
    stmt = select(model.id, model.code, model.name, model.is_active).order_by(model.code)
    return [
        Choice(entry_id, f"{code} {name}" if active else f"{code} {name} (не действует)")
        for entry_id, code, name, active in session.execute(stmt)
        if active or entry_id == keep
    ]


def entry_errors(session: Session, kind: Kind, values: EntryInput, entry_id: int | None) -> dict[str, str]:
    model = MODELS[kind]
    errors: dict[str, str] = {}
    code = values.code.strip()
    if not code:
        errors["code"] = "обязательное поле"
    elif len(code) > CODE_LIMIT:
        errors["code"] = f"не длиннее {CODE_LIMIT} символов"
    else:
        taken = session.execute(
            select(model.code, model.name).where(
                func.lower(model.code) == code.lower(), model.id != (entry_id or 0)
            )
        ).first()
        if taken is not None:
            errors["code"] = (
                f"код «{taken.code}» уже есть в справочнике {DIRECTORY_NAMES[kind]} («{taken.name}»)"
            )
    name = " ".join(values.name.split())
    if not name:
        errors["name"] = "обязательное поле"
    elif len(name) > NAME_LIMIT:
        errors["name"] = f"не длиннее {NAME_LIMIT} символов"
    return errors


def save_entry(
    session: Session, kind: Kind, values: EntryInput, entry_id: int | None = None, *, login: str
) -> Entry:
    """Create or change an entry (an accountant or an admin); every wrong field reported at once."""
    refusal = keeper_refusal(session, login)
    if refusal is not None:
        raise ValidationError(refusal, field="code")
    errors = entry_errors(session, kind, values, entry_id)
    if errors:
        raise EntryFieldsError(errors)
    entry: Entry | None = None
    if entry_id is not None:
        entry = session.get(BudgetItem, entry_id) if kind == Kind.ITEMS else session.get(CostCentre, entry_id)
        if entry is None:
            raise ValidationError("Запись справочника не найдена: её удалили.", field="code")
    if entry is None:
        entry = BudgetItem() if kind == Kind.ITEMS else CostCentre()
        session.add(entry)
    before = {"code": entry.code, "name": entry.name, "is_active": entry.is_active}
    entry.code = values.code.strip()
    entry.name = " ".join(values.name.split())
    entry.is_active = values.is_active
    session.flush()
    changes = {k: [v, getattr(entry, k)] for k, v in before.items() if v != getattr(entry, k)}
    action = "create" if entry_id is None else "update"
    log_event(session, EVENT_TYPES[kind], entry.id, action, changes, user=login)
    return entry
