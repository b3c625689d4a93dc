"""Approval rules: every wrong field named, only an admin changes the routes (and on PostgreSQL the
database refuses the others itself), one approver once per route, the preview of a request's route."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select, text

from desktop.core.budget import directory, operations, rules
from desktop.core.budget.directory import EntryInput, Kind
from desktop.core.budget.rules import RuleFieldsError, RuleInput
from desktop.core.db import Database, DatabaseError
from desktop.core.errors import ValidationError
from desktop.core.models import ApprovalRule, User
from tests.factories.logins import People
from tests.factories.requests import ADMIN, APPROVER, INITIATOR, OTHER_MANAGER, people_parties, setup_parties

HEAD = "ruk.petrov"


@pytest.fixture
def parties(sqlite_db: Database) -> dict[str, Any]:
    with sqlite_db.transaction() as session:
        found = setup_parties(session)
        session.add(User(login=HEAD, full_name="Петров Иван Сергеевич", role="approver", is_active=True))
        rent = directory.save_entry(session, Kind.ITEMS, EntryInput("01.01", "Аренда"), login=ADMIN)
        return {"entity": found["entity"].id, "entity2": found["entity2"].id, "rent": rent.id}


def test_every_wrong_field_of_a_rule_is_named_and_nothing_is_saved(
    sqlite_db: Database, parties: dict[str, Any]
) -> None:
    bad = RuleInput(own_entity_id=None, amount_above="-5", stage=4, approver_login="nobody", title=" ")
    with pytest.raises(RuleFieldsError) as caught, sqlite_db.transaction() as session:
        rules.save_rule(session, bad, login=ADMIN)
    assert caught.value.errors == {
        "own_entity_id": "выберите юрлицо, чей маршрут это правило",
        "amount_above": "сумма не может быть отрицательной (0 — любая сумма)",
        "stage": "этап 1, 2 или 3",
        "approver_login": "выберите пользователя из списка",
        "title": "укажите, кто он на маршруте, например «Руководитель отдела»",
    }
    assert caught.value.message.startswith("Юрлицо: выберите юрлицо")
    assert "Сумма свыше: сумма не может быть отрицательной" in caught.value.message
    with pytest.raises(RuleFieldsError) as caught, sqlite_db.transaction() as session:
        rules.save_rule(
            session,
            RuleInput(parties["entity"], None, "сто тысяч", 1, APPROVER, "Финансовый директор"),
            login=ADMIN,
        )
    assert caught.value.errors["amount_above"].startswith("не число: «сто тысяч»")
    with sqlite_db.session() as session:
        assert session.scalar(select(func.count(ApprovalRule.id))) == 0


def test_only_an_admin_changes_the_routes(sqlite_db: Database, parties: dict[str, Any]) -> None:
    rule = RuleInput(parties["entity"], None, "0", 1, HEAD, "Руководитель отдела")
    for login, role in ((INITIATOR, "менеджер"), (APPROVER, "согласующий")):
        with pytest.raises(ValidationError) as caught, sqlite_db.transaction() as session:
            rules.save_rule(session, rule, login=login)
        assert (
            caught.value.message == f"Маршруты согласования меняет только администратор; ваша роль — {role}."
        )
    with sqlite_db.transaction() as session:
        rule_id = rules.save_rule(session, rule, login=ADMIN).id
    with pytest.raises(ValidationError, match="только администратор"), sqlite_db.transaction() as session:
        rules.delete_rule(session, rule_id, login=APPROVER)
    with sqlite_db.transaction() as session:
        rules.delete_rule(session, rule_id, login=ADMIN)
    with sqlite_db.session() as session:
        assert session.scalar(select(func.count(ApprovalRule.id))) == 0


def test_one_approver_is_asked_once_per_route(sqlite_db: Database, parties: dict[str, Any]) -> None:
    with sqlite_db.transaction() as session:
        rules.save_rule(
            session, RuleInput(parties["entity"], None, "0", 1, HEAD, "Руководитель отдела"), login=ADMIN
        )
        # Another entity's route, or another approver: fine.
        rules.save_rule(
            session, RuleInput(parties["entity2"], None, "0", 1, HEAD, "Руководитель"), login=ADMIN
        )
    with pytest.raises(RuleFieldsError) as caught, sqlite_db.transaction() as session:
        rules.save_rule(
            session,
            RuleInput(parties["entity"], parties["rent"], "500 000", 3, HEAD, "Руководитель"),
            login=ADMIN,
        )
    assert caught.value.errors == {
        "approver_login": "Петров Иван Сергеевич уже на маршруте этого юрлица (этап 1, любая статья) — "
        "второй раз по одной заявке его не спросят"
    }


def test_the_preview_says_the_route_of_an_amount(sqlite_db: Database, parties: dict[str, Any]) -> None:
    entity = parties["entity"]
    with sqlite_db.transaction() as session:
        for values in (
            RuleInput(entity, None, "0", 1, HEAD, "Руководитель отдела"),
            RuleInput(entity, None, "100 000", 2, APPROVER, "Финансовый директор"),
            RuleInput(entity, None, "1 000 000", 3, ADMIN, "Директор"),
            RuleInput(entity, parties["rent"], "0", 1, OTHER_MANAGER, "Офис-менеджер"),
        ):
            rules.save_rule(session, values, login=ADMIN)
    preview = lambda item, amount: operations.route_preview(sqlite_db, entity, item, amount)  # noqa: E731
    assert preview(None, "150 000") == (
        "Заявка на 150 000,00 ₽ пройдёт: 1) Руководитель отдела (Петров Иван Сергеевич); "
        "2) Финансовый директор (Волков Сергей Николаевич)"
    )
    assert preview(None, "100 000") == (  # «above»: exactly the threshold stays below it
        "Заявка на 100 000,00 ₽ пройдёт: 1) Руководитель отдела (Петров Иван Сергеевич)"
    )
    assert preview(parties["rent"], Decimal("2000000")) == (
        "Заявка на 2 000 000,00 ₽ пройдёт: 1) Руководитель отдела (Петров Иван Сергеевич) и Офис-менеджер "
        "(Козлова Анна Дмитриевна); 2) Финансовый директор (Волков Сергей Николаевич); "
        "3) Директор (Администратор AktDesk)"
    )
    assert operations.route_preview(sqlite_db, parties["entity2"], None, "10") == (
        "Заявка на 10,00 ₽ пройдёт: 1) любой согласующий"
    )
    assert preview(None, "") == "Введите сумму заявки, чтобы увидеть её маршрут."
    assert preview(None, "abc").startswith("Сумма заявки: не число: «abc»")
    assert operations.route_preview(sqlite_db, None, None, "10") == "Выберите юрлицо, чтобы увидеть маршрут."
    rows, refusal = operations.rules_of(sqlite_db, entity)
    assert (
        refusal == "Маршруты согласования меняет только администратор; ваша роль — не задана."
    )  # the OS login
    assert [(r.stage, r.title, r.budget_item) for r in rows] == [
        (1, "Руководитель отдела", ""),
        (1, "Офис-менеджер", "01.01 Аренда"),
        (2, "Финансовый директор", ""),
        (3, "Директор", ""),
    ]


@pytest.mark.pg
def test_on_postgresql_the_admins_login_keeps_the_routes_and_the_database_refuses_others(
    pg_people: People,
) -> None:
    parties = people_parties(pg_people)
    admin, approver = pg_people.db(ADMIN), pg_people.db(APPROVER)
    rule = RuleInput(parties["entity"], None, "0", 1, pg_people.login(APPROVER), "Финансовый директор")
    rule_id = operations.save_rule(admin, rule, None)
    rows, refusal = operations.rules_of(approver, parties["entity"])
    assert [r.id for r in rows] == [rule_id]  # everyone reads the routes
    assert refusal == "Маршруты согласования меняет только администратор; ваша роль — согласующий."
    with pytest.raises(ValidationError, match="только администратор"):
        operations.delete_rule(approver, rule_id)
    with pytest.raises(DatabaseError, match="нет прав") as refused, approver.transaction() as session:
        session.execute(text("DELETE FROM approval_rules"))
    assert "permission denied" in str(refused.value.__cause__)
    assert [r.id for r in operations.rules_of(admin, parties["entity"])[0]] == [rule_id]
    # The directories: an accountant's or admin's, refused to others by the database too.
    item_id = operations.save_entry(admin, Kind.ITEMS, EntryInput("01.01", "Аренда"), None)
    assert operations.entry_choices(approver, Kind.ITEMS) == [(item_id, "01.01 Аренда")]
    with pytest.raises(DatabaseError, match="нет прав") as refused, approver.transaction() as session:
        session.execute(text("UPDATE budget_items SET name = 'x'"))
    assert "permission denied" in str(refused.value.__cause__)
