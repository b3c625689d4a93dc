"""«What changed» in words: titles of tables and columns, stored values as a person reads them."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from desktop.core.audit import describe, titles
from desktop.core.audit.describe import Context

NAMES = {"buh.ivanova": "Иванова Анна Сергеевна", "petrov": "Петров"}


def text(table: str, action: str, changes: dict[str, list[Any]], **context: Any) -> str:
    found = describe.describe_changes(
        table, action, describe.parse_changes(json.dumps(changes)), Context(**context)
    )
    return describe.change_text(action, found)


def test_a_status_change_reads_with_the_russian_titles_of_the_statuses() -> None:
    assert (
        text("payment_requests", "update", {"status": ["approval", "approved"]})
        == "Статус: На согласовании → Согласован к оплате"
    )
    assert text("contracts", "update", {"status": ["active", "suspended"]}) == (
        "Статус договора: Действует → Приостановлен"
    )
    assert text("users", "update", {"role": ["manager", "admin"], "is_active": [1, 0]}) == (
        "Роль: Менеджер → Администратор; Работает: да → нет"
    )
    # A moment that moved within its second reads the same: left out beside the real change.
    stamped = {
        "status": ["draft", "approval"],
        "updated_at": ["2026-12-01 07:05:09.1", "2026-12-01 07:05:09.9"],
    }
    assert text("payment_requests", "update", stamped) == "Статус: Черновик → На согласовании"
    # Enumerations common.labels has no titles for yet have their own.
    assert text("documents", "update", {"status": ["issued", "signed"]}) == (
        "Статус документа: Выставлен → Подписан"
    )


def test_money_is_exact_on_both_databases_and_shown_the_russian_way() -> None:
    # SQLite's triggers write decimal text (its integers of kopecks scaled back); PostgreSQL a number.
    on_sqlite = text("payment_requests", "update", {"amount": ["1234.50", "1000000.00"]})
    stored_pg = describe.parse_changes('{"amount": [1234.50, 1000000.00]}')
    assert stored_pg["amount"] == (Decimal("1234.50"), Decimal("1000000.00"))  # never a float
    shown_pg = describe.change_text(
        "update",
        describe.describe_changes("payment_requests", "update", stored_pg, Context()),
    )
    assert on_sqlite == shown_pg == "Сумма заявки: 1\u00a0234,50 → 1\u00a0000\u00a0000,00"
    # The label of the model's column names the amount (models' info["label"]).
    assert titles.column_title("documents", "amount_total") == "Сумма документа"


def test_dates_moments_and_booleans_read_as_a_person_writes_them(moscow_clock: None) -> None:
    assert text("payment_requests", "update", {"pay_by": ["2026-12-01", "2026-12-15"]}) == (
        "Оплатить до: 01.12.2026 → 15.12.2026"
    )
    # Moments are stored in UTC and shown on the local clock, to the second.
    assert text("documents", "update", {"signed_at": [None, "2026-12-01 07:05:09.123456"]}) == (
        "Когда подписан: — → 01.12.2026 10:05:09"
    )
    assert text("documents", "update", {"signed_at": [None, "2026-12-01T07:05:09+00:00"]}) == (
        "Когда подписан: — → 01.12.2026 10:05:09"
    )
    assert text("documents", "update", {"signed": [False, True]}) == ("Подписан: нет → да")


def test_people_are_named_with_their_login_and_references_by_the_row_they_point_to() -> None:
    assert describe.person("buh.ivanova", NAMES) == "Иванова А. (buh.ivanova)"
    assert describe.person("petrov", NAMES) == "Петров (petrov)"
    assert describe.person("stranger", NAMES) == "stranger"
    assert text("payment_requests", "update", {"approver": [None, "buh.ivanova"]}, names=NAMES) == (
        "Кто согласовал: — → Иванова А. (buh.ivanova)"
    )
    labels = {("counterparties", "5"): "ООО «Ромашка»"}
    assert text("contracts", "update", {"counterparty_id": [5, 7]}, labels=labels) == (
        "Контрагент: ООО «Ромашка» → id 7"
    )


def test_a_new_row_lists_what_it_got_and_a_deleted_one_what_it_had() -> None:
    created = {"id": [None, 3], "code": [None, "01.02"], "name": [None, "Аренда"], "is_active": [None, 1]}
    assert text("budget_items", "insert", created) == "Код: 01.02; Наименование: Аренда; Активен: да"
    deleted = {"id": [3, None], "code": ["01.02", None], "name": ["Аренда", None]}
    assert text("budget_items", "delete", deleted) == "Код: 01.02; Наименование: Аренда"
    # Columns come in the model's order, whatever order the database wrote them in (jsonb sorts keys).
    assert text("users", "update", {"role": ["manager", "admin"], "full_name": ["А", "Б"]}) == (
        "ФИО: А → Б; Роль: Менеджер → Администратор"
    )


def test_long_values_are_shortened_on_one_line_and_whole_in_the_details() -> None:
    source = "Здравствуйте!\n\n" + "Направляем документы. " * 20
    found = describe.describe_changes(
        "mail_templates", "update", {"source": ("Старый текст", source)}, Context()
    )
    short = describe.change_text("update", found)
    assert short.startswith("Текст шаблона: Старый текст → Здравствуйте! Направляем документы.")
    assert short.endswith("…") and len(short) < 120
    whole = describe.change_text("update", found, limit=None, sep="\n")
    assert whole.count("Направляем документы.") == 20


@pytest.mark.parametrize("stored", ["", "not json", "[1, 2]", "null"])
def test_a_change_that_is_not_an_object_reads_as_no_change(stored: str) -> None:
    assert describe.parse_changes(stored) == {}
    assert describe.change_text("update", []) == "—"


def test_every_audited_table_and_its_columns_have_russian_titles() -> None:
    from desktop.core.models import Base

    untitled = [
        f"{table}.{column.name}"
        for table in titles.AUDITED_TABLES
        for column in Base.metadata.tables[table].columns
        if titles.column_title(table, column.name) == column.name
    ]
    assert untitled == []
    assert [t for t in Base.metadata.tables if titles.table_title(t) == t] == []
    # The object's name: «Акт № 12», «Иванова А. (buh.ivanova)».
    assert describe.row_label("documents", {"kind": "act", "number": "12"}) == "Акт № 12"
    assert describe.row_label("payment_requests", {"number": "8"}) == "№ 8"
    assert (
        describe.row_label("users", {"login": "buh.ivanova", "full_name": "Иванова Анна"})
        == "Иванова А. (buh.ivanova)"
    )
    assert describe.row_label("mail_templates", {"purpose": "reminder"}) == "Напоминание об оплате"
