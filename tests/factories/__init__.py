"""Small builders for tests that need documents before the month closing has made any, and the demo's
today (``TODAY``) the tests fill the demo with."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.closing import (
    plan as closing_plan,
)  # not «closing»: the submodule tests.factories.closing takes that name
from desktop.core.closing.files import FileWriter
from desktop.core.common import numbering
from desktop.core.db import Database, open_database
from desktop.core.demo.data import fill_demo
from desktop.core.models import Contract, Counterparty, Document, DocumentLine

TODAY = dt.date(2026, 11, 22)  # the demo's today: October 2026 is the last whole month, the one to close


def make_document(
    session: Session,
    contract: Contract,
    kind: str = "act",
    period: str = "2026-10",
    amount: Decimal = Decimal("12200.00"),
    vat: Decimal = Decimal("2200.00"),
    stage: str = "full",
) -> Document:
    year, month = (int(x) for x in period.split("-"))
    start = dt.date(year, month, 1)
    end = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
    seq = numbering.take(session, contract.own_entity_id, kind, end.year)
    document = Document(
        kind=kind,
        stage=stage,
        own_entity_id=contract.own_entity_id,
        counterparty_id=contract.counterparty_id,
        contract_id=contract.id,
        period=period,
        period_start=start,
        period_end=end,
        year=end.year,
        seq=seq,
        number=str(seq),
        date=end,
        amount_net=amount - vat,
        amount_vat=vat,
        amount_total=amount,
        lines=[
            DocumentLine(
                position=1,
                name="Абонентское обслуживание",
                unit_code="362",
                unit_name="мес",
                quantity=Decimal(1),
                price=amount - vat,
                amount_net=amount - vat,
                vat_rate="22%",
                amount_vat=vat,
                amount_total=amount,
            )
        ],
    )
    session.add(document)
    session.flush()
    return document


def first_contract(session: Session, **where: object) -> Contract:
    stmt = select(Contract)
    for name, value in where.items():
        stmt = stmt.where(getattr(Contract, name) == value)
    contract = session.scalars(stmt.order_by(Contract.id).limit(1)).first()
    assert contract is not None
    return contract


@contextmanager
def copy_of(database_file: Path, folder: Path) -> Iterator[Database]:
    """An open copy of a prepared SQLite database: a module fixture builds it once, each test
    changes its own copy."""
    shutil.copyfile(database_file, folder / "db.sqlite")
    database = open_database(f"sqlite:///{folder / 'db.sqlite'}")
    try:
        yield database
    finally:
        database.dispose()


def closed_month_file(
    folder: Path,
    emails: Callable[[Counterparty], str],
    *,
    period: str = "2026-10",
    clients: int = 4,
    seed: int = 5,
    today: dt.date = dt.date(2026, 11, 22),
) -> Path:
    """A SQLite database in ``folder`` with ``period`` closed: demo clients (their document
    e-mails given by ``emails``), every document with its DOCX, PDF (LibreOffice) and UPD XML
    under ``folder / "out"``. Built once by a module fixture; tests work on a ``copy_of`` it."""
    database = open_database(f"sqlite:///{folder / 'closed.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=clients, seed=seed, today=today)
        for client in session.scalars(select(Counterparty).order_by(Counterparty.id)):
            client.emails = emails(client)
    with database.session() as session:
        plan = closing_plan.plan(session, period)
    writer = FileWriter(database, folder / "out", pdf=True)
    try:
        result = closing_plan.execute(database, plan, after_contract=writer.add)
        writer.finish(result)
    finally:
        writer.close()
    # Every document needs its PDF for the packages (LibreOffice under load is the usual suspect).
    assert result.errors == [] and result.pdf == sum(result.documents.values()), result.as_dict()
    database.dispose()
    return folder / "closed.sqlite"
