"""Users and roles on SQLite (a single-user file: rows naming OS logins, no logins of a server):
validation, admin-only editing, and the last administrator cannot be lost."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.core.common.choices import Choice
from desktop.core.db import Database
from desktop.core.errors import ValidationError
from desktop.core.models import Event, OwnEntity, User
from desktop.core.parties.directory import own_entity_choices
from desktop.core.users.accounts import UserFieldsError, UserInput, manager_choices, save_user
from desktop.core.users.operations import set_user_active, set_user_password, users_to_edit


def test_the_first_user_may_be_created_by_anyone_then_only_an_admin_edits(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        admin = save_user(session, UserInput("boss", "Иванов И.И.", "admin"), by="boss")
        admin_id = admin.id
    with sqlite_db.transaction() as session:
        save_user(session, UserInput("m.petrov", "Петров П.П.", "manager", "petrov@example.ru"), by="boss")
    with pytest.raises(ValidationError, match="только администратор"), sqlite_db.transaction() as session:
        save_user(session, UserInput("m.petrov2", "Петров П.П.", "admin"), by="m.petrov")
    with sqlite_db.session() as session:
        assert {u.login for u in session.scalars(select(User))} == {"boss", "m.petrov"}
        events = session.scalars(select(Event).where(Event.object_type == "user")).all()
        assert {e.object_id for e in events} >= {admin_id}
        assert {e.user_login for e in events} == {"boss"}


def test_the_database_user_is_who_edits(sqlite_db: Database) -> None:
    """On SQLite the program's user is the OS login (or the one a command was given): that one
    must be the administrator; a password is not asked for and not kept."""
    boss = Database(sqlite_db.engine, login="boss")
    clerk = Database(sqlite_db.engine, login="clerk")
    with boss.transaction() as session:
        save_user(session, UserInput("boss", "Иванов И.И.", "admin", password="не нужен"))
        save_user(session, UserInput("clerk", "Петрова П.П.", "accountant"))
    assert users_to_edit(boss)[1] and not users_to_edit(clerk)[1]
    with pytest.raises(ValidationError, match="только администратор"):
        set_user_active(clerk, "boss", False)
    assert not set_user_active(boss, "clerk", False).is_active
    with pytest.raises(ValidationError, match="однопользовательская"):
        set_user_password(boss, "clerk", "новый-пароль")
    with pytest.raises(ValidationError, match="нет в списке"):
        set_user_active(boss, "nobody", True)


def test_every_wrong_field_is_named_and_nothing_is_saved(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        save_user(session, UserInput("boss", "Иванов И.И.", "admin"), by="boss")
    with pytest.raises(UserFieldsError) as caught, sqlite_db.transaction() as session:
        save_user(session, UserInput("BOSS", " ", "chief", "not-an-address"), by="boss")
    assert set(caught.value.errors) == {"login", "full_name", "role", "email"}
    assert "уже есть" in caught.value.errors["login"]  # logins are compared without case
    with sqlite_db.session() as session:
        assert session.scalar(select(User).where(User.login == "BOSS")) is None


def test_the_last_active_administrator_cannot_be_demoted_or_disabled(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        boss_id = save_user(session, UserInput("boss", "Иванов И.И.", "admin"), by="boss").id
    for change in (
        UserInput("boss", "Иванов И.И.", "manager"),
        UserInput("boss", "Иванов И.И.", "admin", is_active=False),
    ):
        with (
            pytest.raises(ValidationError, match="последний администратор"),
            sqlite_db.transaction() as session,
        ):
            save_user(session, change, boss_id, by="boss")
    with sqlite_db.transaction() as session:
        save_user(session, UserInput("deputy", "Сидорова А.А.", "admin"), by="boss")
        save_user(session, UserInput("boss", "Иванов И.И.", "approver"), boss_id, by="boss")
    with sqlite_db.session() as session:
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
