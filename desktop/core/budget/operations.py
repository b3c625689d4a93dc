"""Operations of the budget screens (each takes a :class:`Database`): the directories of budget items
and cost centres, the approval routes, and the choices the request card offers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from desktop.core.budget import directory, rules
from desktop.core.budget.directory import EntryInput, Kind
from desktop.core.budget.rules import RuleInput
from desktop.core.common.labels import ROLE_TITLES
from desktop.core.db import Database
from desktop.core.models import Role, User


@dataclass(frozen=True)
class EntryRow:
    id: int
    code: str
    name: str
    is_active: bool


def entries(database: Database, kind: Kind) -> tuple[list[EntryRow], str | None]:
    """The directory's entries, and why the connected user may not change them (None: may)."""
    with database.session() as session:
        rows = [EntryRow(e.id, e.code, e.name, e.is_active) for e in directory.list_entries(session, kind)]
        return rows, directory.keeper_refusal(session, database.login)


def save_entry(database: Database, kind: Kind, values: EntryInput, entry_id: int | None) -> int:
    """Create or change an entry in one transaction; its id."""
    with database.transaction() as session:
        return directory.save_entry(session, kind, values, entry_id, login=database.login).id


def entry_choices(database: Database, kind: Kind, *, keep: int | None = None) -> list[tuple[int, str]]:
    """(id, «код наименование») of the active entries by code (and ``keep``, even closed)."""
    with database.session() as session:
        return [(c.id, c.title) for c in directory.choices(session, kind, keep=keep)]


@dataclass(frozen=True)
class RuleRow:
    id: int
    budget_item_id: int | None
    budget_item: str  # «01.01 Аренда»; empty: every item
    amount_above: Decimal
    stage: int
    approver_login: str
    approver: str  # the user's name
    title: str


def rules_of(database: Database, own_entity_id: int) -> tuple[list[RuleRow], str | None]:
    """The rules of an own entity in the order of the route, and why the connected user may not
    change them (None for an admin)."""
    with database.session() as session:
        names = {login: name for login, name in session.execute(select(User.login, User.full_name))}
        rows = [
            RuleRow(
                id=r.id,
                budget_item_id=r.budget_item_id,
                budget_item=f"{r.budget_item.code} {r.budget_item.name}" if r.budget_item else "",
                amount_above=r.amount_above,
                stage=r.stage,
                approver_login=r.approver_login,
                approver=names.get(r.approver_login, r.approver_login),
                title=r.title,
            )
            for r in rules.list_rules(session, own_entity_id)
        ]
        return rows, rules.routes_refusal(session, database.login)


def save_rule(database: Database, values: RuleInput, rule_id: int | None) -> int:
    """Create or change a rule in one transaction; its id."""
    with database.transaction() as session:
        return rules.save_rule(session, values, rule_id, login=database.login).id


def delete_rule(database: Database, rule_id: int) -> None:
    with database.transaction() as session:
        rules.delete_rule(session, rule_id, login=database.login)


def approver_choices(database: Database) -> list[tuple[str, str]]:
    """(login, «name — role») of the active users who may be put on a route: approvers and admins
    first, then everyone else (a department head may be a manager), by name."""
    with database.session() as session:
        users = session.execute(
            select(User.login, User.full_name, User.role)
            .where(User.is_active.is_(True))
            .order_by(User.full_name)
        ).all()
    first = [u for u in users if u.role in (Role.APPROVER, Role.ADMIN)]
    rest = [u for u in users if u.role not in (Role.APPROVER, Role.ADMIN)]
    return [
        (u.login, f"{u.full_name} — {ROLE_TITLES.get(Role(u.role), u.role).lower()}") for u in first + rest
    ]


def route_preview(
    database: Database,
    own_entity_id: int | None,
    budget_item_id: int | None,
    amount: Decimal | str,
    initiator: str = "",
) -> str:
    """The route a request of this payer, item and amount would take (``rules.route_preview``)."""
    with database.session() as session:
        return rules.route_preview(session, own_entity_id, budget_item_id, amount, initiator)
