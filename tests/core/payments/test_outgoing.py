"""Outgoing payments in a bank statement settle their approved payment requests; our own export is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.models import BankPayment, PaymentRequest, RequestStatus
from desktop.core.payments import import_statements
from desktop.core.requests import export
from tests.factories.payments import Pay, statement, write_statement
from tests.factories.requests import ACCOUNTANT, TODAY, setup_parties, to_status


@pytest.fixture
def approved(sqlite_db: Database) -> tuple[Database, int]:
    with sqlite_db.transaction() as session:
        parties = {k: v.id for k, v in setup_parties(session).items()}
    return sqlite_db, to_status(sqlite_db, parties, RequestStatus.APPROVED)


def _bank_statement(database: Database, request_id: int, tmp_path: Path) -> Path:
    with database.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        account = request.own_entity.primary_account
        assert account is not None
        paid = Pay(
            "77",
            "25.11.2026",
            f"{request.amount:.2f}",
            request.purpose,
            request.contractor_inn,
            request.contractor_account,
            request.contractor_name.replace("«", '"').replace("»", '"'),
            incoming=False,
            own_account=account.account,
            own_inn=request.own_entity.inn,
        )
    return write_statement(tmp_path / "kl_to_1c.txt", statement([paid]))


def test_the_statement_with_our_outgoing_payment_marks_the_approved_request_paid(
    approved: tuple[Database, int], tmp_path: Path
) -> None:
    database, request_id = approved

    report = import_statements(database, [_bank_statement(database, request_id, tmp_path)], user=ACCOUNTANT)

    assert (report.outgoing, report.incoming, report.errors) == (1, 0, [])
    with database.session() as session:
        request = session.get(PaymentRequest, request_id)
        payment = session.scalars(select(BankPayment)).one()
        assert request is not None
        assert (request.status, request.payment_id) == (RequestStatus.PAID, payment.id)
        assert request.history[-1].user_login == ACCOUNTANT


def test_our_own_payment_order_export_is_not_taken_for_a_statement(
    approved: tuple[Database, int], tmp_path: Path
) -> None:
    database, request_id = approved
    orders = tmp_path / "orders.txt"
    with database.transaction() as session:
        export.export_orders(session, orders, request_ids=[request_id], login=ACCOUNTANT, today=TODAY)
    lines = orders.read_bytes().decode("cp1251").splitlines()

    report = import_statements(database, [orders])

    assert [(e.file, e.line) for e in report.errors] == [
        ("orders.txt", lines.index("Отправитель=AktDesk") + 1)
    ]
    assert "не выписка банка" in report.errors[0].reason
    with database.session() as session:
        assert session.scalars(select(BankPayment)).first() is None
        status: Any = session.scalar(select(PaymentRequest.status).where(PaymentRequest.id == request_id))
    assert status == RequestStatus.APPROVED
