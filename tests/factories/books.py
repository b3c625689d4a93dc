"""Счета-фактуры of the kinds other parts of the app issue (separate, advance, УКД), written straight
into the database for the sales-ledger tests: numbered from the real sequences (``take_for``), with
lines whose sums add up and, for a УКД, the «before» values (no tests here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from desktop.core.common import numbering
from desktop.core.db import open_database
from desktop.core.models import BankPayment, Contract, Document, DocumentKind, DocumentLine, OwnEntity

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Line:
    rate: str  # "22%", "20%", "22/122"
    net: Decimal
    vat: Decimal

    @property
    def total(self) -> Decimal:
        return self.net + self.vat


def line(rate: str, net: str, vat: str) -> Line:
    return Line(rate, Decimal(net), Decimal(vat))


def vat_contract(session: Session, inn: str) -> Contract:
    """The first contract of the own entity with INN ``inn``."""
    contract = session.scalars(
        select(Contract).join(Contract.own_entity).where(OwnEntity.inn == inn).order_by(Contract.id).limit(1)
    ).first()
    assert contract is not None
    return contract


def receipt(session: Session, contract: Contract, number: str, day: dt.date, amount: Decimal) -> BankPayment:
    """An incoming payment of the contract's client on the entity's account."""
    party = contract.counterparty
    payment = BankPayment(
        fingerprint=f"ledger-{number}-{day.isoformat()}",
        direction="in",
        own_entity_id=contract.own_entity_id,
        own_account="40702810200000012345",
        number=number,
        date=day,
        amount=amount,
        payer_name=party.short_name,
        payer_inn=party.inn,
        counterparty_id=party.id,
    )
    session.add(payment)
    session.flush()
    return payment


def document(
    session: Session,
    contract: Contract,
    kind: DocumentKind,
    day: dt.date,
    lines: list[Line],
    *,
    period: str | None = None,
    stage: str = "full",
    basis: Document | None = None,
    payment: BankPayment | None = None,
    before: list[Line] | None = None,
) -> Document:
    """A current document of ``kind`` dated ``day`` for ``contract``; ``before``: a УКД's line А."""
    period = period or f"{day:%Y-%m}"
    year, month = (int(x) for x in period.split("-"))
    start = dt.date(year, month, 1)
    end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    seq = numbering.take_for(session, contract.own_entity_id, kind, day.year, day)
    rows = []
    for position, item in enumerate(lines, start=1):
        old = before[position - 1] if before else None
        rows.append(
            DocumentLine(
                position=position,
                name="Абонентское обслуживание",
                unit_code="362",
                unit_name="мес",
                quantity=Decimal(1),
                price=item.net,
                amount_net=item.net,
                vat_rate=item.rate,
                amount_vat=item.vat,
                amount_total=item.total,
                quantity_before=Decimal(1) if old else None,
                price_before=old.net if old else None,
                amount_net_before=old.net if old else None,
                amount_vat_before=old.vat if old else None,
                amount_total_before=old.total if old else None,
            )
        )
    doc = Document(
        kind=kind,
        stage=stage,
        own_entity_id=contract.own_entity_id,
        counterparty_id=contract.counterparty_id,
        contract_id=contract.id,
        period=period,
        period_start=start,
        period_end=end,
        year=day.year,
        seq=seq,
        number=str(seq),
        date=day,
        amount_net=sum((x.net for x in lines), ZERO),
        amount_vat=sum((x.vat for x in lines), ZERO),
        amount_total=sum((x.total for x in lines), ZERO),
        basis_id=basis.id if basis else None,
        payment_id=payment.id if payment else None,
        lines=rows,
    )
    session.add(doc)
    session.flush()
    return doc


@dataclass(frozen=True)
class Quarter4:
    """What ``fourth_quarter`` made: the ids of the books' documents."""

    entity_inn: str
    upd_ids: list[int]  # the closed month's счета-фактуры: UPDs with status 1 and separate ones
    advance_id: int
    receipt: str  # «71 от 03.11.2026»
    sale_id: int
    increase_id: int
    decrease_id: int


def fourth_quarter(session: Session, entity_inn: str) -> Quarter4:
    """On top of a closed October 2026 (its счета-фактуры: UPDs with status 1 and separate ones): a prepayment of December's service
    received on 03.11.2026 with its advance счёт-фактура (22/122), December's separate счёт-фактура
    (a 22 % line and a 20 % line) offsetting it, a УКД raising an October UPD by 1 220,00 and a
    second one lowering it by 610,00."""
    upds = list(
        session.scalars(
            select(Document)
            .join(Document.own_entity)
            .where(
                OwnEntity.inn == entity_inn,
                or_(
                    and_(Document.kind == DocumentKind.UPD, Document.upd_status == 1),
                    Document.kind == DocumentKind.SF,
                ),
            )
            .order_by(Document.kind.desc(), Document.id)  # the UPDs first: the УКД corrects one
        )
    )
    assert upds, "the closed month made no счёт-фактура"
    contract = vat_contract(session, entity_inn)
    invoice = document(session, contract, DocumentKind.INVOICE, dt.date(2026, 11, 2), [line("22%", "10000.00", "2200.00")],
                       period="2026-12", stage="prepay")  # fmt: skip
    paid = receipt(session, contract, "71", dt.date(2026, 11, 3), Decimal("12200.00"))
    advance = document(session, contract, DocumentKind.ADVANCE_SF, dt.date(2026, 11, 5),
                       [line("22/122", "10000.00", "2200.00")], period="2026-12", stage="prepay",
                       basis=invoice, payment=paid)  # fmt: skip
    upd = upds[0]
    old = [Line(x.vat_rate, x.amount_net, x.amount_vat) for x in sorted(upd.lines, key=lambda x: x.position)]
    first = old[0]
    raised = [Line(first.rate, first.net + Decimal("1000.00"), first.vat + Decimal("220.00")), *old[1:]]
    increase = document(session, upd.contract, DocumentKind.UKD, dt.date(2026, 11, 20), raised, period=upd.period,
                        basis=upd, before=old)  # fmt: skip
    lowered = [
        Line(first.rate, raised[0].net - Decimal("500.00"), raised[0].vat - Decimal("110.00")),
        *old[1:],
    ]
    decrease = document(session, upd.contract, DocumentKind.UKD, dt.date(2026, 11, 25), lowered, period=upd.period,
                        basis=increase, before=raised)  # fmt: skip
    sale = document(session, contract, DocumentKind.SF, dt.date(2026, 12, 31),
                    [line("22%", "10000.00", "2200.00"), line("20%", "1000.00", "200.00")], period="2026-12")  # fmt: skip
    return Quarter4(
        entity_inn=entity_inn,
        upd_ids=[u.id for u in upds if u.date >= dt.date(2026, 10, 1)],
        advance_id=advance.id,
        receipt="71 от 03.11.2026",
        sale_id=sale.id,
        increase_id=increase.id,
        decrease_id=decrease.id,
    )


def closed_fourth_quarter(folder: Path) -> tuple[str, Quarter4]:
    """A demo database in ``folder`` with October 2026 closed by `aktdesk close-month` and
    ``fourth_quarter`` on top; (its URL, what was made)."""
    from tests.factories.cli import cli, demo

    url = f"sqlite:///{folder / 'db.sqlite'}"
    entity_inn, _client = demo(url)
    closed = cli(url, "close-month", "--period", "2026-10", "--no-files", "--json")
    assert closed.returncode == 0, closed.stderr
    database = open_database(url)
    with database.transaction() as session:
        made = fourth_quarter(session, entity_inn)
    database.dispose()
    return url, made


def read_ledger(path: object, sheet: int = 0) -> tuple[list[dict[str, object]], dict[str, object]]:
    """The rows and the «Всего» row of a written sales ledger, each cell by its column number."""
    from openpyxl import load_workbook

    from desktop.core.books.sales_ledger_xlsx import HEADER_ROW

    book = load_workbook(path)  # type: ignore[arg-type]
    page = book.worksheets[sheet]
    codes = [c.value for c in page[HEADER_ROW + 2]]
    rows = []
    for cells in page.iter_rows(min_row=HEADER_ROW + 3, values_only=True):
        row = {str(code): value for code, value in zip(codes, cells, strict=False) if code is not None}
        if row.get("1") == "Всего":
            return rows, row
        rows.append(row)
    raise AssertionError("no «Всего» row")


def money(value: object) -> Decimal:
    """A money cell read back as the exact amount (an empty one: 0)."""
    if value is None:
        return ZERO
    assert isinstance(value, int | float), value
    return Decimal(str(value)).quantize(Decimal("0.01"))
