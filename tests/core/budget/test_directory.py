"""Budget items and cost centres: a unique code named in the message, every wrong field at once, only
an accountant or an admin keeps them, a closed entry leaves the choices of new requests."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop.core.budget import directory
from desktop.core.budget.directory import EntryFieldsError, EntryInput, Kind
from desktop.core.db import Database
from desktop.core.errors import ValidationError
from desktop.core.models import BudgetItem, CostCentre, Event
from tests.factories.requests import ACCOUNTANT, ADMIN, INITIATOR, setup_parties


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    with sqlite_db.transaction() as session:
        setup_parties(session)
    return sqlite_db


def test_an_accountant_adds_items_and_a_taken_code_is_named_with_its_entry(db: Database) -> None:
    with db.transaction() as session:
        rent = directory.save_entry(
            session, Kind.ITEMS, EntryInput(" 01.01 ", " Аренда  офиса "), login=ACCOUNTANT
        )
        assert (rent.code, rent.name, rent.is_active) == ("01.01", "Аренда офиса", True)
        directory.save_entry(session, Kind.ITEMS, EntryInput("02.03", "Связь и интернет"), login=ACCOUNTANT)
    with pytest.raises(EntryFieldsError) as caught, db.transaction() as session:
        directory.save_entry(session, Kind.ITEMS, EntryInput("01.01", "  "), login=ACCOUNTANT)
    assert caught.value.errors == {
        "code": "код «01.01» уже есть в справочнике статей ДДС («Аренда офиса»)",
        "name": "обязательное поле",
    }
    assert caught.value.message == (
        "Код: код «01.01» уже есть в справочнике статей ДДС («Аренда офиса»); Наименование: обязательное поле"
    )
    # The same code in the other directory is another entry; codes differ in case only: taken.
    with db.transaction() as session:
        directory.save_entry(session, Kind.CENTRES, EntryInput("01.01", "Отдел продаж"), login=ADMIN)
    with pytest.raises(EntryFieldsError, match="уже есть в справочнике ЦФО"), db.transaction() as session:
        directory.save_entry(session, Kind.CENTRES, EntryInput("ит", "ИТ"), login=ADMIN)
        directory.save_entry(session, Kind.CENTRES, EntryInput("ИТ", "ИТ-отдел"), login=ADMIN)
    with db.session() as session:
        assert session.scalar(select(func.count(BudgetItem.id))) == 2
        assert session.scalars(select(CostCentre.code)).all() == ["01.01"]
        assert session.scalar(select(func.count(Event.id)).where(Event.object_type == "budget_item")) == 2


def test_too_long_fields_are_refused_and_the_own_code_may_stay(db: Database) -> None:
    with db.transaction() as session:
        item_id = directory.save_entry(session, Kind.ITEMS, EntryInput("03.01", "Подрядчики"), login=ADMIN).id
    with pytest.raises(EntryFieldsError) as caught, db.transaction() as session:
        directory.save_entry(session, Kind.ITEMS, EntryInput("9" * 21, "Я" * 201), login=ADMIN)
    assert caught.value.errors == {"code": "не длиннее 20 символов", "name": "не длиннее 200 символов"}
    with db.transaction() as session:  # its own code is not «taken»
        directory.save_entry(
            session, Kind.ITEMS, EntryInput("03.01", "Подрядчики и субподряд"), item_id, login=ADMIN
        )
    with db.session() as session:
        item = session.get(BudgetItem, item_id)
        assert item is not None and item.name == "Подрядчики и субподряд"


def test_a_manager_may_not_change_the_directories(db: Database) -> None:
    with pytest.raises(ValidationError) as caught, db.transaction() as session:
        directory.save_entry(session, Kind.ITEMS, EntryInput("01.01", "Аренда"), login=INITIATOR)
    assert caught.value.message == "Статьи ДДС и ЦФО ведут бухгалтер или администратор; ваша роль — менеджер."
    with db.session() as session:
        assert session.scalar(select(func.count(BudgetItem.id))) == 0


def test_a_closed_entry_leaves_the_choices_but_stays_where_it_is_used(db: Database) -> None:
    with db.transaction() as session:
        rent = directory.save_entry(session, Kind.ITEMS, EntryInput("01.01", "Аренда"), login=ACCOUNTANT)
        directory.save_entry(session, Kind.ITEMS, EntryInput("02.03", "Связь"), login=ACCOUNTANT)
        directory.save_entry(
            session, Kind.ITEMS, EntryInput("01.01", "Аренда", is_active=False), rent.id, login=ACCOUNTANT
        )
        assert [c.title for c in directory.choices(session, Kind.ITEMS)] == ["02.03 Связь"]
        assert [c.title for c in directory.choices(session, Kind.ITEMS, keep=rent.id)] == [
            "01.01 Аренда (не действует)",
            "02.03 Связь",
        ]
        assert [e.code for e in directory.list_entries(session, Kind.ITEMS)] == ["02.03", "01.01"]
