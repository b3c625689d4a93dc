"""Month closing: the plan warns, execution is idempotent, 70/30 adds up, re-closing replaces unsent documents."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.core.closing import plan as closing
from desktop.core.common import numbering
from desktop.core.common.events import history
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.jobs import CancelToken
from desktop.core.models import Contract, ContractLine, Document, WorkOrder
from tests.factories.closing import SAME_NUMBER, repair, same_number_one_failing

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def month_db(sqlite_db: Database) -> Database:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=60, seed=5, today=TODAY)
    return sqlite_db


def _plan(database: Database, period: str = "2026-10") -> closing.ClosingPlan:
    with database.session() as session:
        return closing.plan(session, period)


def test_plan_writes_nothing_and_explains_every_contract(month_db: Database) -> None:
    with month_db.transaction() as session:
        draft = session.scalars(select(Contract).where(Contract.status == "active").limit(1)).first()
        draft.status = "draft"
    result = _plan(month_db)
    with month_db.session() as session:
        assert session.scalar(select(func.count(Document.id))) == 0
    reasons = Counter(row.skip_reason for row in result.rows)
    assert reasons[None] > 20
    assert any(r and r.startswith("Квартальный договор") for r in reasons)
    assert reasons["Черновик договора"] == 1
    issuing = result.issuing()
    assert all(row.total == row.net + row.vat for row in issuing)
    assert all(row.documents for row in issuing)


def test_plan_warns_about_a_variable_contract_without_work_orders(month_db: Database) -> None:
    with month_db.transaction() as session:
        contract = session.scalars(
            select(Contract).where(Contract.kind == "variable", Contract.status == "active").limit(1)
        ).first()
        start, end = dt.date(2026, 10, 1), dt.date(2026, 10, 31)
        for order in session.scalars(
            select(WorkOrder).where(
                WorkOrder.contract_id == contract.id, WorkOrder.date >= start, WorkOrder.date <= end
            )
        ):
            session.delete(order)
        number = contract.number
    row = next(r for r in _plan(month_db).rows if r.contract_number == number)
    assert row.skip_reason == "Нет заказ-нарядов за период" and not row.will_issue


def test_executing_twice_creates_nothing_new(month_db: Database) -> None:
    first = closing.execute(month_db, _plan(month_db), user="buh.ivanova")
    assert first.errors == [] and sum(first.documents.values()) > 50
    with month_db.session() as session:
        count = session.scalar(select(func.count(Document.id)))
        numbers = session.execute(
            select(Document.own_entity_id, Document.kind, Document.year, Document.seq)
        ).all()
    assert len(set(numbers)) == count
    again_plan = _plan(month_db)
    assert not again_plan.issuing()  # everything already issued
    assert any("Уже есть акт" in w for row in again_plan.rows for w in row.warnings)
    second = closing.execute(month_db, again_plan)
    assert sum(second.documents.values()) == 0 and second.skipped_existing == count
    with month_db.session() as session:
        assert session.scalar(select(func.count(Document.id))) == count


def test_numbers_are_gap_free_per_entity_and_kind(month_db: Database) -> None:
    closing.execute(month_db, _plan(month_db))
    with month_db.session() as session:
        rows = session.execute(
            select(Document.own_entity_id, Document.kind, Document.upd_status, Document.seq)
        ).all()
    groups: dict[tuple[int, str], list[int]] = {}
    for entity, kind, status, seq in rows:  # счета-фактуры and UPDs of status 1 share one sequence
        groups.setdefault((entity, numbering.sequence_of(kind, status)), []).append(seq)
    for seqs in groups.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))


def test_document_totals_are_sums_of_rounded_lines(month_db: Database) -> None:
    closing.execute(month_db, _plan(month_db))
    with month_db.session() as session:
        for document in session.scalars(select(Document)):
            assert document.amount_total == sum(line.amount_total for line in document.lines)
            assert document.amount_vat == sum(line.amount_vat for line in document.lines)
            assert document.amount_net + document.amount_vat == document.amount_total


def test_prepayment_contracts_get_next_periods_invoice(month_db: Database) -> None:
    closing.execute(month_db, _plan(month_db))
    with month_db.session() as session:
        contract = session.scalars(
            select(Contract)
            .join(Document, Document.contract_id == Contract.id)
            .where(
                Contract.payment_terms == "prepay100",
                Contract.kind == "fixed",
                Contract.periodicity == "month",
            )
            .limit(1)
        ).first()
        assert contract is not None
        docs = {
            (d.kind, d.stage, d.period)
            for d in session.scalars(select(Document).where(Document.contract_id == contract.id))
        }
    assert ("invoice", "prepay", "2026-11") in docs
    assert ("invoice", "full", "2026-10") not in docs


def test_seventy_thirty_invoices_add_up_to_the_act(month_db: Database) -> None:
    closing.execute(month_db, _plan(month_db, "2026-09"))  # issues the 70% advance for October
    closing.execute(month_db, _plan(month_db, "2026-10"))  # the act and the 30% for October
    with month_db.session() as session:
        checked = 0
        for contract in session.scalars(
            select(Contract).where(Contract.payment_terms == "prepay70", Contract.kind == "fixed")
        ):
            docs = {
                (d.kind, d.stage): d
                for d in session.scalars(
                    select(Document).where(Document.contract_id == contract.id, Document.period == "2026-10")
                )
            }
            if ("invoice", "prepay") in docs and ("invoice", "final") in docs and ("act", "full") in docs:
                act = docs[("act", "full")]
                pre, final = docs[("invoice", "prepay")], docs[("invoice", "final")]
                assert pre.amount_total + final.amount_total == act.amount_total
                checked += 1
        assert checked >= 1


def test_cancel_stops_between_contracts_and_a_rerun_completes(month_db: Database) -> None:
    token = CancelToken()
    seen: list[int] = []

    def progress(done: int, total: int, text: str) -> None:
        seen.append(done)
        if done == 5:
            token.cancel()

    plan = _plan(month_db)
    partial = closing.execute(month_db, plan, progress=progress, cancel=token)
    assert partial.cancelled and 0 < partial.contracts < len(plan.issuing())
    rest = closing.execute(month_db, _plan(month_db))
    assert rest.contracts + partial.contracts >= len(plan.issuing())
    with month_db.session() as session:
        keys = session.execute(
            select(Document.contract_id, Document.kind, Document.stage, Document.period)
        ).all()
    assert len(keys) == len(set(keys))


def test_reclosing_after_a_correction_replaces_unsent_documents_and_keeps_history(month_db: Database) -> None:
    closing.execute(month_db, _plan(month_db))
    with month_db.transaction() as session:
        act = session.scalars(
            select(Document)
            .join(Contract)
            .where(Document.kind == "act", Contract.kind == "fixed", Contract.periodicity == "month")
            .limit(1)
        ).first()
        contract_id, number, old_total = act.contract_id, act.number, act.amount_total
        line = session.scalars(select(ContractLine).where(ContractLine.contract_id == contract_id)).first()
        line.price = line.price + Decimal("1000.00")
    result = closing.reclose_contract(month_db, contract_id, "2026-10")
    assert result.errors == [] and result.documents["act"] == 1
    with month_db.session() as session:
        versions = list(
            session.scalars(
                select(Document)
                .where(
                    Document.contract_id == contract_id, Document.kind == "act", Document.period == "2026-10"
                )
                .order_by(Document.version)
            )
        )
        assert [v.version for v in versions] == [1, 2]
        assert versions[0].current is None and versions[0].status == "replaced"
        assert versions[1].current and versions[1].number == number and versions[1].amount_total > old_total
        assert versions[1].replaces_id == versions[0].id
        assert [e.action for e in history(session, "document", versions[1].id)] == ["replace"]


def test_signed_documents_are_never_replaced(month_db: Database) -> None:
    closing.execute(month_db, _plan(month_db))
    with month_db.transaction() as session:
        act = session.scalars(select(Document).where(Document.kind == "act").limit(1)).first()
        act.signed = True
        contract_id = act.contract_id
    result = closing.reclose_contract(month_db, contract_id, "2026-10")
    assert result.documents["act"] == 0
    with month_db.session() as session:
        assert (
            session.scalar(
                select(func.count(Document.id)).where(
                    Document.contract_id == contract_id, Document.kind == "act"
                )
            )
            == 1
        )


def test_a_failed_contract_is_named_by_its_id_and_retrying_it_leaves_its_namesake_alone(
    month_db: Database,
) -> None:
    """Two own entities each have a contract «Д-1»; one fails. The error carries that contract's id,
    and closing the failed ids again touches that contract only."""
    broken = same_number_one_failing(month_db, "2026-10")
    result = closing.execute(month_db, _plan(month_db))
    assert [(e.contract, e.contract_id) for e in result.errors] == [(SAME_NUMBER, broken.fails)]
    assert "0,00 после округления" in result.errors[0].message
    assert result.as_dict()["errors"] == [{"contract": SAME_NUMBER, "message": result.errors[0].message}]
    with month_db.session() as session:
        made = set(session.scalars(select(Document.contract_id).where(Document.period == "2026-10")))
    assert broken.closes in made and broken.fails not in made

    repair(month_db, broken)
    failed = [e.contract_id for e in result.errors if e.contract_id is not None]
    again = closing.execute(month_db, _plan(month_db), only=failed)
    assert again.errors == [] and again.planned == again.contracts == 1 and again.skipped_existing == 0
    with month_db.session() as session:
        made_again = set(
            session.scalars(select(Document.contract_id).where(Document.id.in_(again.document_ids)))
        )
    assert made_again == {broken.fails}
