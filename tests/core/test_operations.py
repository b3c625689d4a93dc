"""The screens' core operations: each opens its own session, returns plain data or detached rows
that stay readable after the session is closed, and agrees with the queries it wraps."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desktop.core.contracts import operations as contract_operations
from desktop.core.contracts.registry import ContractFilter
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.demo.operations import database_is_empty, history_pending
from desktop.core.models import Contract, Counterparty, OwnEntity, User
from desktop.core.parties import operations as party_operations
from desktop.core.registry import operations as registry_operations
from desktop.core.registry.queries import RegistryFilter, filtered_ids, totals
from desktop.core.users.operations import object_history, user_by_login, user_choices


@pytest.fixture
def demo(sqlite_db: Database) -> Database:
    assert database_is_empty(sqlite_db)
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=6, seed=3, today=dt.date(2026, 11, 22))
    return sqlite_db


def test_choices_for_the_dropdowns_are_sorted_by_name(demo: Database) -> None:
    entities = party_operations.entity_choices(demo)
    assert [name for _i, name in entities] == sorted(name for _i, name in entities) and entities
    managers = user_choices(demo, managers_only=True)
    with demo.session() as session:
        expected = session.scalar(select(func.count(User.id)).where(User.role == "manager"))
        active_entities = session.scalar(
            select(func.count(OwnEntity.id)).where(OwnEntity.is_active.is_(True))
        )
    assert len(managers) == expected
    assert len(party_operations.entity_choices(demo, active_only=True)) == active_entities


def test_counterparty_search_and_rows(demo: Database) -> None:
    with demo.session() as session:
        party = session.scalars(select(Counterparty).order_by(Counterparty.id)).first()
    assert party is not None
    ids = party_operations.counterparty_ids(demo, party.inn, "name", False)
    assert party.id in ids
    row = party_operations.counterparty_rows(demo, ids)[party.id]
    assert row[:2] == (party.short_name, party.inn)


def test_registry_ids_come_with_the_totals_of_the_same_filter(demo: Database) -> None:
    flt = RegistryFilter()
    ids, summary = registry_operations.document_ids(demo, flt, totals=True)
    with demo.session() as session:
        assert ids == filtered_ids(session, flt)
        assert summary == totals(session, flt)
    payable, none = registry_operations.document_ids(demo, flt, payable_only=True)
    assert none is None and set(payable) <= set(ids)


def test_a_contract_is_read_whole_and_stays_readable(demo: Database) -> None:
    ids = contract_operations.contract_ids(demo, ContractFilter(), "number", False)
    contract = contract_operations.get_contract(demo, ids[0])
    assert isinstance(contract, Contract)
    assert contract.counterparty.short_name and contract.own_entity.short_name  # loaded, detached
    rows = contract_operations.contract_rows(demo, ids[:3])
    assert set(rows) == set(ids[:3]) and all(len(r) == 10 for r in rows.values())
    assert contract_operations.get_contract(demo, -1) is None


def test_history_and_people(demo: Database) -> None:
    assert user_by_login(demo, "nobody-here") is None
    ids = party_operations.counterparty_ids(demo, "", "name", False)
    history = object_history(demo, "counterparty", ids[0])
    assert isinstance(history.names, dict)
    assert not history_pending(demo) and not database_is_empty(demo)
