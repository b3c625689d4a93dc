"""Contract numbers follow the entity's pattern and stay unique with two users creating contracts at once."""

from __future__ import annotations

import datetime as dt
import re
import threading
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.core.contracts.editing import ContractInput, LineInput, create_contract
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.errors import ValidationError
from desktop.core.models import Contract, Counterparty, OwnEntity, Service


def _base(database: Database) -> ContractInput:
    with database.transaction() as session:
        fill_demo(session, clients=3, seed=4, today=dt.date(2026, 11, 22))
    with database.session() as session:
        entity = session.scalar(select(OwnEntity).where(OwnEntity.vat_regime == "vat22"))
        party = session.scalar(select(Counterparty).where(Counterparty.kind == "legal").limit(1))
        service = session.scalar(select(Service.id).limit(1))
    return ContractInput(
        own_entity_id=entity.id,
        counterparty_id=party.id,
        template="services",
        date=dt.date(2027, 1, 10),
        valid_from=dt.date(2027, 1, 10),
        lines=[LineInput(service_id=service, price=Decimal("1000.00"))],
    )


def test_two_sessions_creating_contracts_at_once_get_unique_consecutive_numbers(any_db: Database) -> None:
    base = _base(any_db)
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(2)

    def user() -> None:
        try:
            barrier.wait()
            for _ in range(15):
                with any_db.transaction() as session:
                    contract = create_contract(
                        session, ContractInput(**{**base.__dict__, "lines": list(base.lines)})
                    )
                    number = contract.number
                with lock:
                    numbers.append(number)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=user) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(set(numbers)) == 30
    seqs = sorted(int(re.fullmatch(r"АС-2027/(\d+)", n).group(1)) for n in numbers)  # type: ignore[union-attr]
    assert seqs == list(range(1, 31))  # gap-free


def test_typed_number_that_is_taken_is_refused(any_db: Database) -> None:
    base = _base(any_db)
    with any_db.session() as session:
        taken = session.scalar(
            select(Contract.number).where(Contract.own_entity_id == base.own_entity_id).limit(1)
        )
    with pytest.raises(ValidationError) as error, any_db.transaction() as session:
        create_contract(session, ContractInput(**{**base.__dict__, "number": taken}))
    assert "уже занят" in error.value.message
