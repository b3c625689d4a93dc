"""A current act or UPD found by its number, as the command line names it."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.errors import ValidationError
from desktop.core.registry.lookup import find_document
from tests.factories import first_contract, make_document


def test_the_act_wins_over_a_upd_of_the_same_number_unless_the_kind_says_otherwise(
    sqlite_db: Database,
) -> None:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=3, seed=2, today=dt.date(2026, 11, 22))
        contract = first_contract(session, status="active")
        act = make_document(session, contract, "act")
        upd = make_document(session, contract, "upd")  # numbered separately: the same number
        assert act.number == upd.number
        assert find_document(session, act.number).id == act.id
        assert find_document(session, act.number, kind="upd").id == upd.id
        assert find_document(session, act.number, year=act.year).id == act.id
        with pytest.raises(ValidationError, match="Акт № НЕТ-1 не найден"):
            find_document(session, "НЕТ-1")
        with pytest.raises(ValidationError, match="не найден"):
            find_document(session, act.number, year=act.year + 1)
