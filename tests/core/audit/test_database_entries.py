"""What the database's own triggers write (migration 0007), read back in words: on SQLite and on
PostgreSQL the same text, money exact, the person who acted and the row named."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from desktop.core.audit import operations
from desktop.core.audit.queries import AuditFilter, AuditRow
from desktop.core.db import Database
from desktop.core.models import ApprovalRule, BudgetItem, Counterparty, OwnEntity, PartyKind


def _rows(db: Database, **values: Any) -> list[AuditRow]:
    """The entries of a filter, newest first, in words."""
    ids, _ = operations.entry_ids(db, AuditFilter(**values))
    found = operations.entries_by_id(db, ids)
    return [found[i] for i in ids]


def test_a_card_created_changed_and_deleted_reads_as_the_person_did_it(any_db: Database) -> None:
    db = any_db
    with db.transaction() as session:
        party = Counterparty(
            kind=PartyKind.LEGAL, short_name="ООО «Вектор»", full_name="ООО «Вектор»", inn="7702345678"
        )
        session.add(party)
        session.flush()
        party_id = party.id
    with db.transaction() as session:
        party = session.get(Counterparty, party_id)
        assert party is not None
        party.kind = PartyKind.ENTREPRENEUR
        party.phone = "+7 495 123-45-67"
        party.is_active = False
    with db.transaction() as session:
        session.delete(session.get(Counterparty, party_id))

    deleted, changed, created = _rows(db, table="counterparties", search=str(party_id))[:3]
    assert {row.login for row in (deleted, changed, created)} == {db.login}  # who the database knows
    assert [r.action_title for r in (created, changed, deleted)] == ["Создание", "Изменение", "Удаление"]
    assert changed.summary == "Тип контрагента: Юрлицо → ИП; Телефон: — → +7 495 123-45-67; Активен: да → нет"
    assert created.summary.startswith("Тип контрагента: Юрлицо; Краткое наименование: ООО «Вектор»;")
    assert "Активен: да" in created.summary
    # The row is gone: its name comes from what the deletion recorded.
    assert deleted.reference == f"ООО «Вектор», id {party_id}"
    assert "Телефон: +7 495 123-45-67" in deleted.summary


def test_money_and_references_read_the_same_on_both_databases(any_db: Database) -> None:
    db = any_db
    with db.transaction() as session:
        entity = OwnEntity(short_name="ООО «АктСервис»", full_name="ООО «АктСервис»", inn="7700000001")
        item = BudgetItem(code="02.01", name="Подрядчики")
        session.add_all([entity, item])
        session.flush()
        rule = ApprovalRule(
            own_entity_id=entity.id,
            budget_item_id=item.id,
            amount_above=Decimal("150000.50"),
            approver_login="fin.director",
            title="Финансовый директор",
        )
        session.add(rule)
        session.flush()
        rule_id = rule.id
    with db.transaction() as session:
        found = session.scalars(select(ApprovalRule).where(ApprovalRule.id == rule_id)).one()
        found.amount_above = Decimal("-0.05")

    changed, created = _rows(db, table="approval_rules")[:2]
    assert changed.summary == "Сумма свыше: 150\u00a0000,50 → -0,05"
    assert created.reference == f"Финансовый директор, id {rule_id}"
    assert (
        "Юрлицо: ООО «АктСервис»; Статья ДДС: 02.01 Подрядчики; Сумма свыше: 150\u00a0000,50"
        in created.summary
    )
    assert "Согласующий: fin.director" in created.summary
