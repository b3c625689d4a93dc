"""Advance счета-фактуры: which receipts on prepayment invoices need one, issuing them in the
счёт-фактура sequence with the calculated VAT, once, and by a closing run when overdue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.core.books import advances
from desktop.core.books.offsets import offset_advances
from desktop.core.closing import plan as closing
from desktop.core.common import numbering
from desktop.core.common.events import history
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.models import Document, DocumentKind
from tests.factories.advances import advance_world, prepay_invoice, receive
from tests.factories.logins import People


def _advance_sfs(database: Database) -> list[Document]:
    with database.session() as session:
        docs = list(
            session.scalars(
                select(Document).where(Document.kind == DocumentKind.ADVANCE_SF).order_by(Document.id)
            )
        )
        for doc in docs:
            _ = doc.lines, doc.payment, doc.basis
        return docs


def test_a_receipt_on_a_full_prepayment_invoice_gets_one_advance_sf_with_the_calculated_vat(
    any_db: Database,
) -> None:
    world = advance_world(any_db)
    allocation = receive(any_db, world.invoices["full-2026-11"], dt.date(2026, 11, 3), "10000.00", "457")
    with any_db.session() as session:
        due = advances.to_issue(session, dt.date(2026, 11, 5))
        last_sf = numbering.peek(session, world.entity_id, "sf", 2026)  # the October UPD took one
    assert [(a.allocation_id, a.due, a.needed, a.issued) for a in due] == [
        (allocation, dt.date(2026, 11, 8), True, False)
    ]
    assert due[0].amount == Decimal("10000.00") and due[0].contract == "АВ-2026/1"

    result, made = advances.issue(any_db, dt.date(2026, 11, 5), user="buh.ivanova")
    assert result.refusals == [] and len(result.document_ids) == len(made) == 1
    [sf] = _advance_sfs(any_db)
    assert sf.date == dt.date(2026, 11, 5)  # issued on the day, within the five days
    assert sf.seq == last_sf + 1 and sf.number == str(last_sf + 1)  # the entity's «sf» sequence
    assert (sf.stage, sf.period, sf.period_start, sf.period_end) == (
        "prepay",
        "2026-11",
        dt.date(2026, 11, 1),
        dt.date(2026, 11, 30),
    )
    assert sf.basis_id == world.invoices["full-2026-11"] and sf.payment is not None
    assert (sf.payment.number, sf.payment.date) == ("457", dt.date(2026, 11, 3))
    assert sf.basis is not None and sf.basis.kind == "invoice" and sf.contract_id == world.full
    # 10 000,00 over the invoice's two lines (12 200,00 and 2 440,00), the last one takes the rest.
    lines = sorted(sf.lines, key=lambda ln: ln.position)
    assert [(ln.name, ln.vat_rate, ln.amount_total, ln.amount_vat, ln.amount_net) for ln in lines] == [
        (
            "Абонентское обслуживание компьютерной техники",
            "22/122",
            Decimal("8333.33"),
            Decimal("1502.73"),
            Decimal("6830.60"),
        ),
        (
            "Размещение сервера в дата-центре",
            "22/122",
            Decimal("1666.67"),
            Decimal("300.55"),
            Decimal("1366.12"),
        ),
    ]
    assert all(ln.quantity == 1 and ln.price == ln.amount_net for ln in lines)
    assert (sf.amount_total, sf.amount_vat) == (Decimal("10000.00"), Decimal("1803.28"))
    with any_db.session() as session:
        assert [e.action for e in history(session, "document", sf.id)] == ["create"]
        # The November act offsets it (line 5б).
        assert [d.id for d in offset_advances(session, world.full, "2026-11", dt.date(2026, 11, 30))] == [
            sf.id
        ]

    # Issuing again issues nothing: it is not due any more.
    again, _ = advances.issue(any_db, dt.date(2026, 11, 6))
    assert again.document_ids == [] and again.refusals == []
    with any_db.session() as session:
        [row] = advances.advances(session)
        assert (row.sf_number, row.sf_date, row.to_issue()) == (sf.number, sf.date, False)


def test_the_seventy_percent_invoice_of_a_70_30_contract_likewise(sqlite_db: Database) -> None:
    world = advance_world(sqlite_db)
    receive(sqlite_db, world.invoices["seventy-2026-11"], dt.date(2026, 11, 10))
    result, _ = advances.issue(sqlite_db, dt.date(2026, 11, 12))
    assert result.refusals == []
    [sf] = _advance_sfs(sqlite_db)
    assert sf.date == dt.date(2026, 11, 12) and sf.contract_id == world.seventy
    assert [(ln.vat_rate, ln.amount_total, ln.amount_vat) for ln in sf.lines] == [
        ("22/122", Decimal("17080.00"), Decimal("3080.00"))
    ]


def test_no_advance_sf_when_the_sale_follows_within_five_days_or_came_first_or_without_vat(
    sqlite_db: Database,
) -> None:
    world = advance_world(sqlite_db)
    receive(sqlite_db, world.invoices["full-2026-11"], dt.date(2026, 11, 26))  # the act of 30.11: 4 days
    receive(sqlite_db, world.invoices["free-2026-11"], dt.date(2026, 11, 3))  # the entity pays no VAT
    with sqlite_db.session() as session:
        rows = advances.advances(session)
        assert [(r.contract, r.needed) for r in rows] == [("АВ-2026/1", False)]
        assert advances.to_issue(session, dt.date(2026, 12, 1)) == []
    # Paid after the November sale was issued (dated 30.11): the payment of a sale, no advance.
    with sqlite_db.session() as session:
        plan = closing.plan(session, "2026-11", today=dt.date(2026, 12, 1))
    closing.execute(sqlite_db, plan, today=dt.date(2026, 12, 1))
    receive(sqlite_db, world.invoices["seventy-2026-11"], dt.date(2026, 12, 1))
    with sqlite_db.session() as session:
        assert all(r.period != "2026-11" or r.contract != "АВ-2026/2" for r in advances.advances(session))
    assert advances.same_quarter(dt.date(2026, 12, 29), dt.date(2026, 12, 31))
    assert not advances.same_quarter(dt.date(2026, 12, 29), dt.date(2027, 1, 2))


def test_a_closing_run_issues_the_overdue_ones_dated_the_fifth_day(any_db: Database) -> None:
    world = advance_world(any_db)
    receive(any_db, world.invoices["full-2026-11"], dt.date(2026, 11, 3), number="11")
    with any_db.session() as session:
        plan = closing.plan(session, "2026-11", today=dt.date(2026, 12, 3))
    result = closing.execute(any_db, plan, user="buh.ivanova", today=dt.date(2026, 12, 3))
    assert result.errors == []
    assert result.documents[DocumentKind.ADVANCE_SF] == 1
    # Now the December invoices exist (dated 30.11); a receipt of 01.12 is overdue on 10.12: the
    # next closing run issues it after its own documents.
    receive(any_db, prepay_invoice(any_db, world.seventy, "2026-12"), dt.date(2026, 12, 1), number="12")
    with any_db.session() as session:
        plan = closing.plan(session, "2026-11", today=dt.date(2026, 12, 10))
    again = closing.execute(any_db, plan, user="buh.ivanova", today=dt.date(2026, 12, 10))
    assert again.errors == [] and again.documents[DocumentKind.ADVANCE_SF] == 1
    assert again.document_ids and again.skipped_existing > 0
    sfs = _advance_sfs(any_db)
    assert [(d.payment.number, d.date) for d in sfs if d.payment] == [
        ("11", dt.date(2026, 11, 8)),  # before the November UPD of 30.11: numbered before it
        ("12", dt.date(2026, 12, 6)),
    ]
    with any_db.session() as session:
        upd_nov = session.scalar(
            select(Document).where(
                Document.kind == "upd", Document.period == "2026-11", Document.current.is_(True)
            )
        )
        assert upd_nov is not None and sfs[0].seq < upd_nov.seq
        assert advances.to_issue(session, dt.date(2026, 12, 10)) == []


def test_a_later_sf_refuses_the_number_and_the_others_go_on(sqlite_db: Database) -> None:
    world = advance_world(sqlite_db, close=("2026-10", "2026-11"), today=dt.date(2026, 12, 1))
    receive(sqlite_db, world.invoices["full-2026-11"], dt.date(2026, 11, 2), number="31")  # too late now
    receive(sqlite_db, world.invoices["full-2026-12"], dt.date(2026, 12, 1), number="32")
    result, made = advances.issue(sqlite_db, dt.date(2026, 12, 2))
    assert [d.date for d in made] == [dt.date(2026, 12, 2)]
    [refusal] = result.refusals
    assert "платёж № 31 от 02.11.2026" in refusal and "нумеруются в порядке дат" in refusal


def test_a_manager_is_refused_in_russian_and_an_accountant_issues(pg_people: People) -> None:
    owner = pg_people.owner
    world = advance_world(owner)
    receive(owner, world.invoices["full-2026-11"], dt.date(2026, 11, 3))
    pg_people.add("manager", "manager", "Смирнов Алексей Игоревич")
    pg_people.add("buh", "accountant", "Иванова Ольга Петровна")
    with pytest.raises(UserError) as refused:
        advances.issue(pg_people.db("manager"), dt.date(2026, 11, 4))
    assert "бухгалтер или администратор" in refused.value.message and "менеджер" in refused.value.message
    with owner.session() as session:
        assert session.scalar(select(func.count(Document.id)).where(Document.kind == "sf_advance")) == 0
    result, _ = advances.issue(pg_people.db("buh"), dt.date(2026, 11, 4))
    assert len(result.document_ids) == 1
    [sf] = _advance_sfs(owner)
    assert sf.created_by == pg_people.login("buh")


def test_the_advance_rates() -> None:
    assert [advances.advance_rate(r) for r in ("22%", "20%", "10%", "5%", "7%", "без НДС", "0%")] == [
        "22/122",
        "20/120",
        "10/110",
        "5/105",
        "7/107",
        "без НДС",
        "0%",
    ]
