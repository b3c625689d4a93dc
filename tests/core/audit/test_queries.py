"""The viewer's lists: the filter (period on the local clock, person, object, action, text), the
order (newest first), the rows in words and the drop-downs' choices — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop.core.audit import operations
from desktop.core.audit.queries import AuditFilter
from desktop.core.db import Database
from tests.factories.audit import sample_log


@pytest.fixture
def entries(any_db: Database, moscow_clock: None) -> dict[str, int]:
    return sample_log(any_db)


def found(db: Database, mine: dict[str, int], **values: Any) -> list[str]:
    """The names of our entries a filter finds, in the order shown (the triggers may add others)."""
    by_id = {v: k for k, v in mine.items() if k != "party"}
    ids, total = operations.entry_ids(db, AuditFilter(**values))
    assert total == len(ids)
    return [by_id[i] for i in ids if i in by_id]


def test_the_newest_entry_comes_first(any_db: Database, entries: dict[str, int]) -> None:
    assert found(any_db, entries) == ["deleted", "phone", "item", "approved", "renamed"]
    ids, _ = operations.entry_ids(any_db, AuditFilter(), "at", descending=False)
    mine = {entries[name]: name for name in ("renamed", "approved", "item", "phone", "deleted")}
    assert [mine[i] for i in ids if i in mine] == ["renamed", "approved", "item", "phone", "deleted"]
    ids, _ = operations.entry_ids(any_db, AuditFilter(), "who", descending=False)
    assert [mine[i] for i in ids if i in mine] == ["renamed", "item", "phone", "deleted", "approved"]


def test_the_period_is_of_local_days_both_ends_included(any_db: Database, entries: dict[str, int]) -> None:
    first = dt.date(2026, 12, 1)
    assert found(any_db, entries, date_from=first, date_to=first) == ["phone", "item", "approved"]
    assert found(any_db, entries, date_to=dt.date(2026, 11, 30)) == ["renamed"]
    assert found(any_db, entries, date_from=dt.date(2026, 12, 2)) == ["deleted"]


def test_person_object_and_action_filters(any_db: Database, entries: dict[str, int]) -> None:
    assert found(any_db, entries, login="m.petrov") == ["approved"]
    assert found(any_db, entries, table="counterparties") == ["phone", "renamed"]
    assert found(any_db, entries, action="delete") == ["deleted"]
    assert found(any_db, entries, login="buh.ivanova", action="insert") == ["item"]


def test_the_search_finds_values_titles_and_the_names_of_the_rows(
    any_db: Database, entries: dict[str, int]
) -> None:
    db = any_db
    # In the change itself, any case, Cyrillic too; and every change of the row named so.
    assert found(db, entries, search="РОМАШКА-СТАРАЯ") == ["renamed"]
    assert found(db, entries, search="ромашка") == ["phone", "renamed"]
    assert found(db, entries, search="  д-99 ") == ["deleted"]
    # By the title of a stored status, of a column, of the kind of object.
    assert found(db, entries, search="согласован к") == ["approved"]
    assert found(db, entries, search="телефон") == ["phone"]
    assert found(db, entries, search="статья") == ["item"]
    # By the row's key; a wildcard typed is a character, not a wildcard.
    assert found(db, entries, search="17") == ["approved"]
    assert found(db, entries, search="%") == []


def test_a_row_says_who_what_and_what_changed(any_db: Database, entries: dict[str, int]) -> None:
    rows = operations.entries_by_id(any_db, list(entries.values()))
    approved = rows[entries["approved"]]
    assert approved.who == "Петров М. (m.petrov)"
    assert (approved.object, approved.reference, approved.action_title) == (
        "Заявка на оплату",
        "17",
        "Изменение",
    )
    assert approved.summary == (
        "Сумма заявки: 10\u00a0000,00 → 12\u00a0500,00; Статус: На согласовании → Согласован к оплате"
    )
    assert approved.at == dt.datetime(2026, 11, 30, 21, 0, 0)
    phone = rows[entries["phone"]]
    assert phone.reference == f"ООО «Ромашка», id {entries['party']}"  # the row as it is now
    assert phone.who == "Иванова А. (buh.ivanova)"
    deleted = rows[entries["deleted"]]
    assert deleted.who == "ghost.user"  # no such user: the login
    assert deleted.reference == "Д-99, id 99"  # the row is gone: its name from the entry
    assert deleted.summary == "Контрагент: ООО «Ромашка»; Номер: Д-99; Статус договора: Действует"
    assert rows[entries["item"]].details == "Код: 01.02\nНаименование: Аренда офиса"


def test_the_drop_downs_offer_the_people_of_the_log_and_every_kind_of_object(
    any_db: Database, entries: dict[str, int]
) -> None:
    choices = operations.filter_choices(any_db)
    people = dict(choices.people)
    assert people["buh.ivanova"] == "Иванова А. (buh.ivanova)"
    assert people["ghost.user"] == "ghost.user"
    objects = dict(choices.objects)
    assert objects["contracts"] == "Договор" and objects["payment_requests"] == "Заявка на оплату"
    assert objects["request_approvals"] == "Шаг согласования" and objects["mail_templates"] == "Шаблон письма"
