"""Demo data with a history for the overview: closed months, signed and paid documents, bank payments, requests.

The demo filler makes contracts only; this closes three months with the real closing (documents
in the database, no files), fails one contract's closing, signs and pays part of the documents,
and adds incoming payments and payment requests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import delete, select, update

from desktop.core.closing import plan as closing
from desktop.core.db import Database
from desktop.core.models import (
    BankPayment,
    Counterparty,
    Document,
    OwnEntity,
    PaymentRequest,
    RequestApproval,
    RequestEvent,
)

TODAY = dt.date(2026, 11, 22)
CLOSED_PERIODS = ("2026-08", "2026-09", "2026-10")
FAILING_PERIOD = "2026-10"


def close_months(
    database: Database, periods: tuple[str, ...] = CLOSED_PERIODS, failing: str = FAILING_PERIOD
) -> int:
    """Close ``periods``; in ``failing`` the first due contract fails (its plan row is broken)."""
    failed_contract = 0
    for period in periods:
        with database.session() as session:
            plan = closing.plan(session, period)
        if period == failing:
            row = plan.issuing()[0]
            row.documents = [dataclasses.replace(d, lines=(None,)) for d in row.documents]
            failed_contract = row.contract_id
        result = closing.execute(database, plan, user="test")
        assert result.contracts > 0
    return failed_contract


def add_history(database: Database, today: dt.date = TODAY) -> None:
    """Signed and paid documents with various dates, incoming payments, payment requests."""
    with database.transaction() as session:
        ids = list(session.scalars(select(Document.id).order_by(Document.id)))
        signed = [i for i in ids if i % 3 == 0]
        session.execute(update(Document).where(Document.id.in_(signed)).values(signed=True))
        paid = [i for i in ids if i % 4 == 0]
        session.execute(
            update(Document).where(Document.id.in_(paid)).values(paid_amount=Document.amount_total)
        )
        partial = [i for i in ids if i % 4 == 1]
        # Half of each, whole roubles (computed in Python: SQL division of the exact columns is refused).
        for document in session.scalars(select(Document).where(Document.id.in_(partial))):
            document.paid_amount = (document.amount_total / 2).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        session.flush()
        # Older documents for the 61–90 and 90+ buckets.
        old = [i for i in ids if i % 7 == 0]
        session.execute(
            update(Document).where(Document.id.in_(old)).values(date=today - dt.timedelta(days=100))
        )
        older = [i for i in ids if i % 7 == 1]
        session.execute(
            update(Document).where(Document.id.in_(older)).values(date=today - dt.timedelta(days=75))
        )

        entity = session.scalars(select(OwnEntity).order_by(OwnEntity.id)).first()
        assert entity is not None
        parties = list(session.scalars(select(Counterparty).order_by(Counterparty.id).limit(6)))
        for index, (status, allocated) in enumerate(
            (("unallocated", "0"), ("partial", "4000.00"), ("allocated", "10000.00"), ("unallocated", "0"))
        ):
            party = parties[index]
            session.add(
                BankPayment(
                    fingerprint=f"overview-test-{index}",
                    direction="in",
                    own_entity_id=entity.id,
                    own_account="40702810200000012345",
                    number=str(100 + index),
                    date=today - dt.timedelta(days=index),
                    amount=Decimal("10000.00"),
                    payer_name=party.short_name,
                    payer_inn=party.inn,
                    counterparty_id=party.id if index != 3 else None,
                    status=status,
                    allocated_amount=Decimal(allocated),
                )
            )
        # The figures below are counted by hand: only this data's requests, not the demo's.
        session.execute(delete(RequestEvent))
        session.execute(delete(RequestApproval))
        session.execute(delete(PaymentRequest))
        for index, (status, days) in enumerate(
            (("approval", 2), ("approval", 20), ("approved", -1), ("draft", 1), ("paid", 0), ("approval", 4))
        ):
            session.add(
                PaymentRequest(
                    own_entity_id=entity.id,
                    year=today.year,
                    seq=1000 + index,  # after the demo data's own requests
                    number=f"З-{1000 + index}",
                    subject="Аренда офиса",
                    contractor_name=parties[5].short_name,
                    contractor_inn=parties[5].inn,
                    contractor_account="40702810200000012345",
                    amount=Decimal("1500.00") * (index + 1),
                    purpose="Оплата аренды",
                    pay_by=today + dt.timedelta(days=days),
                    status=status,
                    initiator="buh.ivanova" if index % 2 else "m.smirnov",
                    # submitted ones went through a route of one step any approver takes (no rule)
                    route_round=0 if status == "draft" else 1,
                    steps=[]
                    if status == "draft"
                    else [
                        RequestApproval(
                            round=1,
                            stage=1,
                            approver_login=None,
                            title="Согласующий",
                            comment="",
                            decision=None if status == "approval" else "approved",
                        )
                    ],
                )
            )


def overview_history(database: Database, today: dt.date = TODAY) -> int:
    failed = close_months(database)
    add_history(database, today)
    return failed
