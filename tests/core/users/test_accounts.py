"""Users and roles: validation, admin-only editing, and the last administrator cannot be lost."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.core.common.choices import Choice
from desktop.core.db import Database
from desktop.core.errors import ValidationError
from desktop.core.models import Event, OwnEntity, User
from desktop.core.parties.directory import own_entity_choices
from desktop.core.users.accounts import UserFieldsError, UserInput, manager_choices, save_user


def test_the_first_user_may_be_created_by_anyone_then_only_an_admin_edits(any_db: Database) -> None:
    with any_db.transaction() as session:
        admin = save_user(session, UserInput("boss", "Иванов И.И.", "admin"), by="boss")
        admin_id = admin.id
    with any_db.transaction() as session:
        save_user(session, UserInput("m.petrov", "Петров П.П.", "manager", "petrov@example.ru"), by="boss")
    with pytest.raises(ValidationError, match="только администратор"), any_db.transaction() as session:
        save_user(session, UserInput("m.petrov2", "Петров П.П.", "admin"), by="m.petrov")
    with any_db.session() as session:
        assert {u.login for u in session.scalars(select(User))} == {"boss", "m.petrov"}
        events = session.scalars(select(Event).where(Event.object_type == "user")).all()
        assert {e.object_id for e in events} >= {admin_id}


def test_every_wrong_field_is_named_and_nothing_is_saved(any_db: Database) -> None:
    with any_db.transaction() as session:
        save_user(session, UserInput("boss", "Иванов И.И.", "admin"), by="boss")
    with pytest.raises(UserFieldsError) as caught, any_db.transaction() as session:
        save_user(session, UserInput("BOSS", " ", "chief", "not-an-address"), by="boss")
    assert set(caught.value.errors) == {"login", "full_name", "role", "email"}
    assert "уже есть" in caught.value.errors["login"]  # logins are compared without case
    with any_db.session() as session:
        assert session.scalar(select(User).where(User.login == "BOSS")) is None


def test_the_last_active_administrator_cannot_be_demoted_or_disabled(any_db: Database) -> None:
    with any_db.transaction() as session:
        boss_id = save_user(session, UserInput("boss", "Иванов И.И.", "admin"), by="boss").id
    for change in (
        UserInput("boss", "Иванов И.И.", "manager"),
        UserInput("boss", "Иванов И.И.", "admin", is_active=False),
    ):
        with pytest.raises(ValidationError, match="последний администратор"), any_db.transaction() as session:
            save_user(session, change, boss_id, by="boss")
    with any_db.transaction() as session:
        save_user(session, UserInput("deputy", "Сидорова А.А.", "admin"), by="boss")
        save_user(session, UserInput("boss", "Иванов И.И.", "approver"), boss_id, by="boss")
    with any_db.session() as session:
        boss = session.get(User, boss_id)
        assert boss is not None and boss.role == "approver"


def test_dropdowns_offer_managers_and_own_entities_by_name(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        session.add_all(
            [
                User(login="z", full_name="Яковлев Я.Я.", role="manager"),
                User(login="a", full_name="Антонов А.А.", role="manager", is_active=False),
                User(login="b", full_name="Борисова Б.Б.", role="accountant"),
                OwnEntity(short_name="ООО «Юг»", full_name="ООО «Юг»", inn="7707083893"),
                OwnEntity(
                    short_name="ООО «Альфа»", full_name="ООО «Альфа»", inn="7736207543", is_active=False
                ),
            ]
        )
    with sqlite_db.session() as session:
        assert [c.title for c in manager_choices(session)] == ["Антонов А.А.", "Яковлев Я.Я."]
        assert [c.title for c in manager_choices(session, any_role=True, active_only=True)] == [
            "Борисова Б.Б.",
            "Яковлев Я.Я.",
        ]
        entities = own_entity_choices(session)
        assert [c.title for c in entities] == ["ООО «Альфа»", "ООО «Юг»"]
        assert all(isinstance(c, Choice) and isinstance(c.id, int) for c in entities)
        assert [c.title for c in own_entity_choices(session, active_only=True)] == ["ООО «Юг»"]
