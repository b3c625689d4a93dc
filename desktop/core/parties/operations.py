"""Operations of the screens on own entities and counterparties (each takes a :class:`Database`).

The directory's counterparty list is a lazy table: ``counterparty_ids`` gives the ids of a search
in an order, ``counterparty_rows`` the rows of a page of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from desktop.core.db import Database
from desktop.core.models import Counterparty, OwnEntity, User
from desktop.core.parties.directory import (
    AccountInput,
    SaveResult,
    own_entity_choices,
    save_counterparty,
    save_own_entity,
)


def entity_choices(database: Database, *, active_only: bool = False) -> list[tuple[int, str]]:
    """(id, short name) of the own entities by name (``directory.own_entity_choices``): every one
    (closed ones too, their documents stay in the lists) or the active ones only."""
    with database.session() as session:
        return [(c.id, c.title) for c in own_entity_choices(session, active_only=active_only)]


def counterparty_choices(database: Database) -> list[tuple[int, str, str]]:
    """(id, short name, INN) of the active counterparties by name."""
    with database.session() as session:
        return [
            (cid, name, inn)
            for cid, name, inn in session.execute(
                select(Counterparty.id, Counterparty.short_name, Counterparty.inn)
                .where(Counterparty.is_active.is_(True))
                .order_by(Counterparty.short_name)
            )
        ]


def get_counterparty(database: Database, counterparty_id: int) -> Counterparty | None:
    with database.session() as session:
        return session.get(Counterparty, counterparty_id)


def get_own_entity(database: Database, entity_id: int) -> OwnEntity | None:
    """An own entity with its bank accounts (detached)."""
    with database.session() as session:
        return session.scalar(
            select(OwnEntity).where(OwnEntity.id == entity_id).options(selectinload(OwnEntity.bank_accounts))
        )


def list_own_entities(database: Database) -> list[OwnEntity]:
    """Every own entity by name (detached)."""
    with database.session() as session:
        return list(session.scalars(select(OwnEntity).order_by(OwnEntity.short_name)))


def counterparty_ids(database: Database, search: str, order_key: str, descending: bool) -> list[int]:
    """The counterparties whose name or INN contains ``search``, in the order of a column."""
    order = {
        "name": Counterparty.short_name,
        "inn": Counterparty.inn,
        "kpp": Counterparty.kpp,
        "kind": Counterparty.kind,
        "emails": Counterparty.emails,
        "manager": User.full_name,
    }[order_key]
    stmt = select(Counterparty.id).outerjoin(User, User.id == Counterparty.manager_id)
    if search.strip():
        pattern = f"%{search.strip()}%"
        stmt = stmt.where(or_(Counterparty.short_name.ilike(pattern), Counterparty.inn.like(pattern)))
    with database.session() as session:
        return list(
            session.scalars(stmt.order_by(order.desc() if descending else order.asc(), Counterparty.id))
        )


def counterparty_rows(database: Database, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """id → (short name, INN, KPP, kind, e-mails, manager's name) of a page of counterparties."""
    with database.session() as session:
        rows = session.execute(
            select(
                Counterparty.id,
                Counterparty.short_name,
                Counterparty.inn,
                Counterparty.kpp,
                Counterparty.kind,
                Counterparty.emails,
                User.full_name,
            )
            .outerjoin(User, User.id == Counterparty.manager_id)
            .where(Counterparty.id.in_(ids))
        )
        return {row[0]: tuple(row[1:]) for row in rows}


def save_counterparty_card(
    database: Database, values: dict[str, Any], counterparty_id: int | None
) -> SaveResult:
    """Create or update a counterparty in one transaction (``save_counterparty``)."""
    with database.transaction() as session:
        return save_counterparty(session, values, counterparty_id)


def save_own_entity_card(
    database: Database, values: dict[str, Any], accounts: list[AccountInput], entity_id: int | None
) -> int:
    """Create or update an own entity with its bank accounts; its id."""
    with database.transaction() as session:
        return save_own_entity(session, values, accounts, entity_id).id
