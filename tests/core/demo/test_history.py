"""The demo's past: the last complete months closed with their files and a bank statement matched,
so the registry, payments and overview of a fresh demo show what they are for."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from desktop.core.books import advances
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.demo.history import add_demo_history, past_periods
from desktop.core.models import BankPayment, Document, PaymentAllocation
from desktop.core.overview import queries as overview
from desktop.core.registry.queries import RegistryFilter, filtered_ids

TODAY = dt.date(2026, 11, 30)


def test_past_periods_are_the_complete_months_before_today() -> None:
    assert past_periods(TODAY, 2) == ["2026-09", "2026-10"]
    assert past_periods(dt.date(2027, 1, 5), 3) == ["2026-10", "2026-11", "2026-12"]


def test_the_demo_history_closes_two_months_with_files_and_pays_part_of_the_invoices(
    sqlite_db: Database, tmp_path: Path
) -> None:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=25, seed=3, today=TODAY)
    history = add_demo_history(sqlite_db, tmp_path / "out", today=TODAY, pdf=False)
    assert history.errors == [] and history.periods == ["2026-09", "2026-10"]
    report = history.payments
    assert report is not None and report.errors == [] and report.duplicates == 0
    with sqlite_db.session() as session:
        documents = list(session.scalars(select(Document).where(Document.current.is_(True))))
        assert len(documents) == history.documents > 0
        assert {d.period for d in documents if d.kind == "act"} == {"2026-09", "2026-10"}
        assert all(d.docx_path and Path(d.docx_path).is_file() for d in documents)
        assert any(d.kind == "sf_advance" for d in documents)  # the demo's prepayments of the month under way
        assert all(d.xml_path and Path(d.xml_path).is_file() for d in documents if d.kind == "upd")

        # Paid through the real matching: each paid amount has its allocations behind it.
        allocated = dict(
            session.execute(
                select(PaymentAllocation.document_id, func.sum(PaymentAllocation.amount)).group_by(
                    PaymentAllocation.document_id
                )
            ).all()
        )
        assert allocated and all(
            d.paid_amount == Decimal(allocated.get(d.id, 0)) for d in documents if d.kind == "invoice"
        )
        invoices = [d for d in documents if d.kind == "invoice"]
        paid = {
            p: [d for d in invoices if d.period == p and d.paid_amount >= d.amount_total]
            for p in history.periods
        }
        assert len(paid["2026-09"]) > len(paid["2026-10"]) > 0  # the older month is mostly paid
        assert any(0 < d.paid_amount < d.amount_total for d in invoices)  # and some partly
        assert report.matched == report.incoming - report.unallocated and report.unallocated >= 3
        unallocated = session.scalar(
            select(func.count(BankPayment.id)).where(BankPayment.status == "unallocated")
        )
        assert unallocated == report.unallocated

        # The overview of the fresh demo has figures, and the registry agrees with them.
        view = overview.compute(session, overview.Scope(), TODAY)
        assert view.unsigned.count == len(
            filtered_ids(session, RegistryFilter(kinds=["act", "upd"], signed=False))
        )
        assert view.receivables.count > 0 and view.unallocated.count == report.unallocated
        assert [m.due for m in view.closing][-3:-1] == [
            len({d.contract_id for d in documents if d.period == p and d.kind in ("act", "upd")})
            for p in history.periods
        ]

    # Prepayments for the month under way came in: their advance счета-фактуры are issued, each
    # dated within five days of its receipt (here: the fifth day, the demo's today being later).
    with sqlite_db.session() as session:
        rows = advances.advances(session)
        issued = [r for r in rows if r.issued]
        assert history.advances == len(issued) > 0
        assert all(r.sf_date == r.payment_date + dt.timedelta(days=5) for r in issued)
        assert advances.to_issue(session, TODAY, overdue_only=True) == []
        assert all(r.needed for r in rows if r.period == "2026-11")  # the November sale is a month away

    # Twice is not twice: the months are closed, the statement is known.
    again = add_demo_history(sqlite_db, tmp_path / "out", today=TODAY, pdf=False)
    assert (
        again.documents == 0 and again.payments is not None and again.payments.duplicates == report.documents
    )
