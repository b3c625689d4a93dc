"""Advances received: which receipts on prepayment invoices need a счёт-фактура на аванс, and issuing
them (Tax Code art. 168 p. 3, art. 169 p. 5.1; docs/domain.md, «Advances»).

A received advance is an allocation of an incoming bank payment to a current prepayment invoice
(the 100% invoice, or the 70% stage of a 70/30 contract) of an own entity paying VAT on the day of
the receipt. Its sale is the act or UPD of the invoice's period, dated at the period's end (known
before it exists: the invoice's ``period_end``). It needs an advance счёт-фактура unless

* the sale is dated on or before the receipt: the money pays a sale, it is no advance;
* the sale follows within five calendar days of the receipt in the same quarter (Минфин letters
  12.10.2011 № 03-07-14/99, 06.03.2009 № 03-07-15/39, 29.03.2021 № 03-07-14/22553).

It is due within five calendar days of the receipt and dated the day it is issued, never before
the receipt nor after the fifth day (an overdue one is dated the last lawful day). One current
advance счёт-фактура per (receipt, invoice); its number comes from the entity's chronological
счёт-фактура sequence (``numbering.take_for``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from desktop.core.common import numbering
from desktop.core.common.catalog import NO_VAT, entity_regime_on, round_money
from desktop.core.common.events import acting_login, log_event
from desktop.core.common.formats import format_date
from desktop.core.common.money import format_money
from desktop.core.db import Database, DatabaseError
from desktop.core.errors import Cancelled, UserError
from desktop.core.jobs import CancelToken, Progress, no_progress
from desktop.core.models import (
    SALE_KINDS,
    BankPayment,
    Document,
    DocumentKind,
    DocumentLine,
    DocumentStage,
    OwnEntity,
    PaymentAllocation,
    PaymentDirection,
    PaymentStatus,
    VatRegime,
)

# «Предоплата 70%: » that the closing puts before a prepayment invoice's line: the advance
# счёт-фактура names the services to be provided (Tax Code art. 169 p. 5.1 sub. 4).
PREPAY_PREFIX = re.compile(r"^Предоплата \d+%: ")
ADVANCE_DAYS = 5  # Tax Code art. 168 p. 3: within five calendar days of the receipt
ZERO = Decimal("0.00")
MAY_ISSUE = ("accountant", "admin")


def advance_rate(rate: str) -> str:
    """The calculated rate of an advance (Tax Code art. 164 p. 4): «22%» → «22/122», «10%» → «10/110»;
    a line without VAT stays «без НДС»."""
    value = rate.strip().rstrip("%").strip()
    if rate == NO_VAT or not value or not value.replace(".", "", 1).isdigit() or Decimal(value) == 0:
        return rate
    number = int(Decimal(value)) if Decimal(value) == int(Decimal(value)) else Decimal(value)
    return f"{number}/{100 + number}"


def rate_of(advance: str) -> Decimal:
    """r of «r/(100+r)» (0 for «без НДС» and «0%»)."""
    head = advance.split("/", 1)[0].rstrip("%").strip()
    try:
        return Decimal(head)
    except ArithmeticError:
        return Decimal(0)


def same_quarter(a: dt.date, b: dt.date) -> bool:
    return (a.year, (a.month - 1) // 3) == (b.year, (b.month - 1) // 3)


def lawful_last_day(receipt: dt.date) -> dt.date:
    return receipt + dt.timedelta(days=ADVANCE_DAYS)


def issue_date(receipt: dt.date, today: dt.date) -> dt.date:
    """The date of an advance счёт-фактура issued ``today``: today, but not before the receipt nor
    after its fifth day."""
    return max(receipt, min(today, lawful_last_day(receipt)))


@dataclass(frozen=True)
class Advance:
    """One received advance: a receipt's allocation to a prepayment invoice, and what became of it."""

    allocation_id: int
    payment_id: int
    invoice_id: int
    entity_id: int
    entity: str
    entity_inn: str
    client: str
    contract_id: int
    contract: str
    payment_number: str
    payment_date: dt.date
    amount: Decimal
    invoice_number: str
    invoice_date: dt.date
    period: str
    sale_date: dt.date  # the sale's date (the act/UPD of the period, or the period's end before it exists)
    needed: bool  # False: the sale follows within five days in the same quarter
    sf_id: int | None = None
    sf_number: str | None = None
    sf_date: dt.date | None = None
    sf_pdf: str | None = None
    sale_number: str | None = None  # the sale that offsets it, once issued

    @property
    def due(self) -> dt.date:
        return lawful_last_day(self.payment_date)

    @property
    def issued(self) -> bool:
        return self.sf_id is not None

    @property
    def offset(self) -> bool:
        return self.sale_number is not None

    def to_issue(self) -> bool:
        return self.needed and not self.issued

    def overdue(self, today: dt.date) -> bool:
        return self.to_issue() and self.due < today

    def due_today(self, today: dt.date) -> bool:
        return self.to_issue() and self.due == today

    def as_dict(self, today: dt.date) -> dict[str, Any]:
        return {
            "allocation_id": self.allocation_id,
            "entity": self.entity,
            "client": self.client,
            "contract": self.contract,
            "payment": {
                "id": self.payment_id,
                "number": self.payment_number,
                "date": self.payment_date.isoformat(),
            },
            "amount": f"{self.amount:.2f}",
            "invoice": {
                "id": self.invoice_id,
                "number": self.invoice_number,
                "date": self.invoice_date.isoformat(),
            },
            "period": self.period,
            "needed": self.needed,
            "due": self.due.isoformat(),
            "overdue": self.overdue(today),
            "advance_sf": (
                {
                    "id": self.sf_id,
                    "number": self.sf_number,
                    "date": self.sf_date.isoformat() if self.sf_date else None,
                }
                if self.sf_id is not None
                else None
            ),
            "offset_by": (
                {"number": self.sale_number, "date": self.sale_date.isoformat()} if self.sale_number else None
            ),
        }


@dataclass(frozen=True)
class AdvanceFilter:
    entity_ids: tuple[int, ...] = ()
    not_offset_only: bool = False
    to_issue_only: bool = False


def _received(session: Session, entity_ids: Sequence[int] = ()) -> list[PaymentAllocation]:
    stmt = (
        select(PaymentAllocation)
        .join(BankPayment, BankPayment.id == PaymentAllocation.payment_id)
        .join(Document, Document.id == PaymentAllocation.document_id)
        .where(
            BankPayment.direction == PaymentDirection.INCOMING,
            BankPayment.status != PaymentStatus.IGNORED,
            Document.kind == DocumentKind.INVOICE,
            Document.stage == DocumentStage.PREPAY,
            Document.current.is_(True),
            PaymentAllocation.amount > 0,
        )
        .options(
            selectinload(PaymentAllocation.payment),
            selectinload(PaymentAllocation.document).options(
                selectinload(Document.own_entity).selectinload(OwnEntity.vat_history),
                selectinload(Document.counterparty),
                selectinload(Document.contract),
                selectinload(Document.lines),
            ),
        )
        .order_by(BankPayment.date, BankPayment.id, PaymentAllocation.id)
    )
    if entity_ids:
        stmt = stmt.where(Document.own_entity_id.in_(list(entity_ids)))
    return list(session.scalars(stmt))


def _sales(session: Session, keys: set[tuple[int, str]]) -> dict[tuple[int, str], Document]:
    """The current sale (UPD before act) of each (contract, period)."""
    if not keys:
        return {}
    found: dict[tuple[int, str], Document] = {}
    contract_ids = sorted({k[0] for k in keys})
    for start in range(0, len(contract_ids), 900):
        for doc in session.scalars(
            select(Document).where(
                Document.contract_id.in_(contract_ids[start : start + 900]),
                Document.kind.in_(SALE_KINDS),
                Document.stage == DocumentStage.FULL,
                Document.current.is_(True),
            )
        ):
            key = (doc.contract_id, doc.period)
            if key in keys and (key not in found or doc.kind == DocumentKind.UPD):
                found[key] = doc
    return found


def _issued(session: Session, payment_ids: set[int]) -> dict[tuple[int, int], Document]:
    """The current advance счета-фактуры by (receipt, invoice)."""
    if not payment_ids:
        return {}
    ids = sorted(payment_ids)
    found = {}
    for start in range(0, len(ids), 900):
        for doc in session.scalars(
            select(Document).where(
                Document.kind == DocumentKind.ADVANCE_SF,
                Document.current.is_(True),
                Document.payment_id.in_(ids[start : start + 900]),
            )
        ):
            if doc.payment_id is not None and doc.basis_id is not None:
                found[(doc.payment_id, doc.basis_id)] = doc
    return found


def pays_vat(entity: OwnEntity, day: dt.date) -> bool:
    return entity_regime_on(entity, day) != VatRegime.NO_VAT


def advances(session: Session, where: AdvanceFilter | None = None) -> list[Advance]:
    """The received advances (see the module's docstring), oldest receipt first."""
    where = where or AdvanceFilter()
    allocations = [
        a for a in _received(session, where.entity_ids) if pays_vat(a.document.own_entity, a.payment.date)
    ]
    sales = _sales(session, {(a.document.contract_id, a.document.period) for a in allocations})
    issued = _issued(session, {a.payment_id for a in allocations})
    out = []
    for allocation in allocations:
        invoice, payment = allocation.document, allocation.payment
        sale = sales.get((invoice.contract_id, invoice.period))
        sale_date = sale.date if sale is not None else invoice.period_end
        if sale_date <= payment.date:
            continue  # a payment of a sale already made, no advance
        sf = issued.get((payment.id, invoice.id))
        needed = sf is not None or not (
            (sale_date - payment.date).days <= ADVANCE_DAYS and same_quarter(sale_date, payment.date)
        )
        row = Advance(
            allocation_id=allocation.id,
            payment_id=payment.id,
            invoice_id=invoice.id,
            entity_id=invoice.own_entity_id,
            entity=invoice.own_entity.short_name,
            entity_inn=invoice.own_entity.inn,
            client=invoice.counterparty.short_name,
            contract_id=invoice.contract_id,
            contract=invoice.contract.number,
            payment_number=payment.number,
            payment_date=payment.date,
            amount=Decimal(allocation.amount),
            invoice_number=invoice.number,
            invoice_date=invoice.date,
            period=invoice.period,
            sale_date=sale_date,
            needed=needed,
            sf_id=sf.id if sf is not None else None,
            sf_number=sf.number if sf is not None else None,
            sf_date=sf.date if sf is not None else None,
            sf_pdf=sf.pdf_path if sf is not None else None,
            sale_number=sale.number if sale is not None else None,
        )
        if where.not_offset_only and row.offset:
            continue
        if where.to_issue_only and not row.to_issue():
            continue
        out.append(row)
    return out


def to_issue(session: Session, today: dt.date, *, overdue_only: bool = False) -> list[Advance]:
    """The advances whose счёт-фактура is due and not issued (``overdue_only``: its five days are over)."""
    rows = advances(session, AdvanceFilter(to_issue_only=True))
    rows = [r for r in rows if r.payment_date <= today]
    return [r for r in rows if r.overdue(today)] if overdue_only else rows


def check_may_issue(session: Session) -> None:
    """On PostgreSQL only accountants and administrators issue documents: say so to the others."""
    if not session.info.get("enforced") or session.info.get("owner"):
        return
    role = session.scalar(text("SELECT aktdesk_role_of(session_user)"))
    if role in MAY_ISSUE:
        return
    title = session.scalar(text("SELECT aktdesk_role_title(:r)"), {"r": role}) if role else "нет в списке"
    raise UserError(
        f"Выставить счёт-фактуру на аванс может бухгалтер или администратор; ваша роль — {title}. "
        "Попросите бухгалтера выставить его."
    )


def spread(amount: Decimal, lines: Sequence[DocumentLine]) -> list[Decimal]:
    """``amount`` over ``lines`` in proportion to their totals, to the kopeck; the last takes the rest."""
    ordered = list(lines)
    total = sum((Decimal(line.amount_total) for line in ordered), ZERO)
    if not ordered:
        return []
    if total == 0:
        return [ZERO] * (len(ordered) - 1) + [amount]
    parts = [round_money(amount * Decimal(line.amount_total) / total) for line in ordered[:-1]]
    return [*parts, amount - sum(parts, ZERO)]


def advance_lines(amount: Decimal, invoice: Document) -> list[DocumentLine]:
    """The lines of an advance счёт-фактура: the invoice's services, the paid amount spread over them,
    VAT at the calculated rate (VAT = round(total × r / (100 + r)))."""
    source = sorted(invoice.lines, key=lambda ln: ln.position)
    out = []
    for position, (line, total) in enumerate(zip(source, spread(amount, source), strict=True), start=1):
        rate = advance_rate(line.vat_rate)
        r = rate_of(rate)
        vat = round_money(total * r / (100 + r)) if r else ZERO
        net = total - vat
        out.append(
            DocumentLine(
                position=position,
                name=PREPAY_PREFIX.sub("", line.name),
                unit_code=None,
                unit_name=None,
                quantity=Decimal(1),
                price=net,
                amount_net=net,
                vat_rate=rate,
                amount_vat=vat,
                amount_total=total,
                period_from=line.period_from,
                period_to=line.period_to,
            )
        )
    return out


def receipt_text(advance: Advance) -> str:
    return (
        f"платёж № {advance.payment_number or '—'} от {format_date(advance.payment_date)} на "
        f"{format_money(advance.amount)} руб. ({advance.client}, счёт № {advance.invoice_number})"
    )


def issue_one(
    session: Session, allocation_id: int, today: dt.date, *, user: str | None = None
) -> Document | None:
    """Issue the advance счёт-фактура of one allocation in the caller's transaction; None when it is
    not needed (any more) or already issued."""
    user = acting_login(session, user)
    allocation = session.get(PaymentAllocation, allocation_id)
    if allocation is None:
        return None
    invoice_stmt = select(Document).where(Document.id == allocation.document_id)
    if session.get_bind().dialect.name == "postgresql":
        invoice_stmt = invoice_stmt.with_for_update()  # two users issuing at once: one waits here
    invoice = session.scalar(invoice_stmt)
    if invoice is None:
        return None
    found = [
        a
        for a in advances(session, AdvanceFilter(entity_ids=(invoice.own_entity_id,)))
        if a.allocation_id == allocation_id
    ]
    if not found or not found[0].to_issue():
        return None
    advance = found[0]
    date = issue_date(advance.payment_date, today)
    seq = numbering.take_for(session, invoice.own_entity_id, DocumentKind.ADVANCE_SF, date.year, date)
    lines = advance_lines(advance.amount, invoice)
    document = Document(
        kind=DocumentKind.ADVANCE_SF,
        stage=DocumentStage.PREPAY,
        own_entity_id=invoice.own_entity_id,
        counterparty_id=invoice.counterparty_id,
        contract_id=invoice.contract_id,
        period=invoice.period,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        year=date.year,
        seq=seq,
        number=numbering.format_number(invoice.own_entity.doc_prefix, seq),
        date=date,
        amount_net=sum((ln.amount_net for ln in lines), ZERO),
        amount_vat=sum((ln.amount_vat for ln in lines), ZERO),
        amount_total=sum((ln.amount_total for ln in lines), ZERO),
        basis_id=invoice.id,
        payment_id=advance.payment_id,
        created_by=user,
        lines=lines,
    )
    session.add(document)
    session.flush()
    log_event(
        session,
        "document",
        document.id,
        "create",
        {
            "number": document.number,
            "kind": str(DocumentKind.ADVANCE_SF),
            "period": invoice.period,
            "total": document.amount_total,
            "contract": advance.contract,
            "invoice": invoice.number,
            "payment": f"{advance.payment_number} от {format_date(advance.payment_date)}",
        },
        user=user,
    )
    return document


@dataclass
class IssueResult:
    """What issuing did: the documents made (ids) and the refusals, in Russian, each naming its receipt."""

    document_ids: list[int]
    refusals: list[str]
    cancelled: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "issued": len(self.document_ids),
            "document_ids": self.document_ids,
            "refusals": self.refusals,
        }


def issue(
    database: Database,
    today: dt.date,
    *,
    allocation_ids: Sequence[int] | None = None,
    overdue_only: bool = False,
    dated: tuple[dt.date | None, dt.date | None] = (None, None),
    user: str | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> tuple[IssueResult, list[Document]]:
    """Issue the due advance счета-фактуры (those of ``allocation_ids``, or all; ``overdue_only``:
    only those past their five days), one transaction each: a refused one is reported and the others go on.

    ``dated`` (after, up to): only those whose date of issue falls after the first day and on or
    before the second. A manager is refused before anything is done. Returns the result and the documents made
    (detached, for their files)."""
    after, until = dated
    with database.session() as session:
        rows = [
            r
            for r in to_issue(session, today, overdue_only=overdue_only)
            if (allocation_ids is None or r.allocation_id in allocation_ids)
            and (after is None or issue_date(r.payment_date, today) > after)
            and (until is None or issue_date(r.payment_date, today) <= until)
        ]
        if rows:
            check_may_issue(session)
    result = IssueResult([], [])
    made: list[Document] = []
    for index, row in enumerate(rows):
        if cancel is not None and cancel.cancelled:
            result.cancelled = True
            break
        progress(index, len(rows), row.client)
        try:
            with database.transaction() as session:
                document = issue_one(session, row.allocation_id, today, user=user)
                if document is not None:
                    made.append(document)
        except Cancelled:
            result.cancelled = True
            break
        except UserError as error:
            result.refusals.append(
                f"Счёт-фактура на аванс на {receipt_text(row)} не выставлена: {error.message}"
            )
            continue
        except IntegrityError:  # issued at the same moment from another workstation
            continue
        except DatabaseError:
            raise
        if document is not None:
            result.document_ids.append(document.id)
    progress(len(rows), len(rows), "")
    return result, made
