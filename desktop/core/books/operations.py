"""The export to 1С:Бухгалтерия: a month's objects as one EnterpriseData file (docs/domain.md, «EnterpriseData export»).

What a period holds, by the date of each document (the date that counts in the books):

* sales — the current acts and UPDs dated in the month; when a contract's month has both an act
  and a UPD (the package «акт, счёт и УПД»), they are one sale and the UPD is exported;
* invoices for payment — the current invoices dated in the month;
* issued счета-фактуры — what the functions of :data:`ISSUED_INVOICE_SOURCES` find: the UPDs
  with status 1 among the sales, the separate счета-фактуры of the acts among them, and the
  advance счета-фактуры on the period's receipts;
* incoming bank payments dated in the month, on an account of the chosen entities, not marked
  «не оплата клиента».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.books.enterprisedata import (
    DEFAULT_FORMAT,
    ExportSet,
    InvoiceKind,
    IssuedInvoice,
    build_message,
    namespace,
)
from desktop.core.common.files import write_file
from desktop.core.common.periods import period_bounds
from desktop.core.db import Database
from desktop.core.errors import ValidationError
from desktop.core.models import (
    BankAccount,
    BankPayment,
    Document,
    DocumentKind,
    DocumentStage,
    OwnEntity,
    PaymentAllocation,
    PaymentDirection,
    PaymentStatus,
    Service,
)

IssuedInvoiceSource = Callable[[Session, ExportSet], list[IssuedInvoice]]


@dataclass(frozen=True)
class ExportSummary:
    """What one export wrote: the file, the period, the format and the objects by type."""

    path: Path
    period: str
    format: str
    entities: list[str]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "period": self.period,
            "format": self.format,
            "entities": self.entities,
            "counts": self.counts,
            "total": self.total,
        }


def upd_invoices(session: Session, data: ExportSet) -> list[IssuedInvoice]:
    """The счёт-фактура inside each UPD with status 1 among the sales (Decree 1137: СЧФДОП)."""
    out = []
    for doc in data.sales:
        if doc.kind != DocumentKind.UPD or doc.upd_status != 1:
            continue
        out.append(
            _issued(
                doc,
                InvoiceKind.SALE,
                doc,
                doc.sent_at.date() if doc.sent_at else (doc.date if doc.signed else None),
            )
        )
    return out


def _issued(
    doc: Document, kind: InvoiceKind, basis: Document | BankPayment, issued_on: dt.date | None
) -> IssuedInvoice:
    """The счёт-фактура ``doc`` as the export carries it, on ``basis`` (its sale, or the receipt)."""
    return IssuedInvoice(
        table="documents",
        row_id=doc.id,
        kind=kind,
        number=doc.number,
        date=doc.date,
        entity=doc.own_entity,
        counterparty=doc.counterparty,
        contract=doc.contract,
        total=doc.amount_total,
        vat=doc.amount_vat,
        vat_rate=_single_rate(doc),
        basis=basis,
        issued_on=issued_on,
        electronic=doc.sent_via == "edo",
    )


def _single_rate(doc: Document) -> str:
    rates = sorted({line.vat_rate for line in doc.lines})
    return rates[0] if len(rates) == 1 else max(rates)


def _issued_on(doc: Document) -> dt.date | None:
    """When the счёт-фактура was handed to the buyer: sent, or (on paper) dated when it was made."""
    return doc.sent_at.date() if doc.sent_at else None


def separate_invoices(session: Session, data: ExportSet) -> list[IssuedInvoice]:
    """The separate счета-фактуры issued with the acts among the sales (kind SF of the same contract
    and period as the act, dated with it): each on its act as the sale."""
    acts = {(d.contract_id, d.period): d for d in data.sales if d.kind == DocumentKind.ACT}
    if not acts:
        return []
    out = []
    contract_ids = sorted({key[0] for key in acts})
    for start in range(0, len(contract_ids), 900):
        for doc in session.scalars(
            select(Document)
            .where(
                Document.kind == DocumentKind.SF,
                Document.current.is_(True),
                Document.contract_id.in_(contract_ids[start : start + 900]),
                Document.period.in_(sorted({key[1] for key in acts})),
            )
            .options(
                selectinload(Document.lines),
                selectinload(Document.own_entity),
                selectinload(Document.counterparty),
                selectinload(Document.contract),
            )
            .order_by(Document.date, Document.seq)
        ):
            act = acts.get((doc.contract_id, doc.period))
            if act is None:
                continue
            out.append(_issued(doc, InvoiceKind.SALE, act, _issued_on(doc)))
    return out


def advance_invoices(session: Session, data: ExportSet) -> list[IssuedInvoice]:
    """The advance счета-фактуры issued on the receipts among the period's payments (kind
    ADVANCE_SF, ``payment`` = the receipt): ВидСчетаФактуры «НаАванс», the receipt as the basis.
    An advance счёт-фактура goes with the month of its receipt (it is dated within 5 days of it)."""
    payments = {p.id: p for p in data.payments}
    if not payments:
        return []
    out = []
    ids = sorted(payments)
    for start in range(0, len(ids), 900):
        for doc in session.scalars(
            select(Document)
            .where(
                Document.kind == DocumentKind.ADVANCE_SF,
                Document.current.is_(True),
                Document.payment_id.in_(ids[start : start + 900]),
            )
            .options(
                selectinload(Document.lines),
                selectinload(Document.own_entity),
                selectinload(Document.counterparty),
                selectinload(Document.contract),
            )
            .order_by(Document.date, Document.seq)
        ):
            assert doc.payment_id is not None
            out.append(_issued(doc, InvoiceKind.ADVANCE, payments[doc.payment_id], _issued_on(doc)))
    return out


# Where the issued счета-фактуры of a period come from; each source gets the period's sales and
# payments already chosen and returns the invoices it issued on them (a sale's or an advance one).
ISSUED_INVOICE_SOURCES: tuple[IssuedInvoiceSource, ...] = (upd_invoices, separate_invoices, advance_invoices)


def _entity_ids(session: Session, inns: Sequence[str]) -> tuple[list[int], list[str]]:
    rows = session.execute(select(OwnEntity.id, OwnEntity.inn).order_by(OwnEntity.id)).all()
    if not inns:
        return [r.id for r in rows], [r.inn for r in rows]
    known = {r.inn: r.id for r in rows}
    missing = [inn for inn in inns if inn not in known]
    if missing:
        raise ValidationError(f"Своё юрлицо с ИНН {', '.join(missing)} не найдено.", field="entity")
    return [known[inn] for inn in inns], list(inns)


def _first_versions(session: Session) -> dict[int, int]:
    """Each replacing document → the id of the first version of its chain."""
    rows = session.execute(select(Document.id, Document.replaces_id).where(Document.replaces_id.is_not(None)))
    parent = {doc_id: replaced for doc_id, replaced in rows if replaced is not None}
    out = {}
    for doc_id in parent:
        root = doc_id
        while root in parent:
            root = parent[root]
        out[doc_id] = root
    return out


def collect(session: Session, period: str, entity_ids: Sequence[int]) -> ExportSet:
    """The period's objects of the entities ``entity_ids`` (see the module's docstring)."""
    start, end = period_bounds(period)
    documents = list(
        session.scalars(
            select(Document)
            .where(
                Document.current.is_(True),
                Document.own_entity_id.in_(entity_ids),
                Document.date >= start,
                Document.date <= end,
            )
            .options(
                selectinload(Document.lines),
                selectinload(Document.own_entity).selectinload(OwnEntity.bank_accounts),
                selectinload(Document.counterparty),
                selectinload(Document.contract),
            )
            .order_by(Document.date, Document.kind, Document.number, Document.id)
        )
    )
    upd_keys = {(d.contract_id, d.period) for d in documents if d.kind == DocumentKind.UPD}
    sales = [
        d
        for d in documents
        if d.kind == DocumentKind.UPD
        or (d.kind == DocumentKind.ACT and (d.contract_id, d.period) not in upd_keys)
    ]
    invoices = [d for d in documents if d.kind == DocumentKind.INVOICE]
    full_invoices = {
        (d.contract_id, d.period): d for d in invoices if d.stage in (DocumentStage.FULL, DocumentStage.FINAL)
    }
    payments = list(
        session.scalars(
            select(BankPayment)
            .where(
                BankPayment.direction == PaymentDirection.INCOMING,
                BankPayment.status != PaymentStatus.IGNORED,
                BankPayment.own_entity_id.in_(entity_ids),
                BankPayment.date >= start,
                BankPayment.date <= end,
            )
            .options(
                selectinload(BankPayment.own_entity),
                selectinload(BankPayment.counterparty),
                selectinload(BankPayment.allocations)
                .selectinload(PaymentAllocation.document)
                .options(
                    selectinload(Document.contract),
                    selectinload(Document.own_entity),
                ),
            )
            .order_by(BankPayment.date, BankPayment.id)
        )
    )
    data = ExportSet(
        sales=sales,
        invoices=invoices,
        payments=payments,
        services=list(session.scalars(select(Service).order_by(Service.id))),
        bank_accounts=list(session.scalars(select(BankAccount).order_by(BankAccount.id))),
        first_versions=_first_versions(session),
        payment_invoices={
            d.id: full_invoices[(d.contract_id, d.period)]
            for d in sales
            if (d.contract_id, d.period) in full_invoices
        },
    )
    for source in ISSUED_INVOICE_SOURCES:
        data.issued.extend(source(session, data))
    return data


def export_1c(
    database: Database,
    period: str,
    entity_inns: Sequence[str],
    version: str,
    out: Path,
    *,
    created: dt.datetime | None = None,
) -> ExportSummary:
    """Write the period's EnterpriseData message to ``out`` atomically; returns what it holds.

    ``entity_inns`` empty: every own entity. Raises ``ValidationError`` for a malformed period, an
    unknown format or INN, and when the period has nothing to export (no file is written then).
    """
    version = version or DEFAULT_FORMAT
    namespace(version)  # refuses an unknown format before anything is read
    period_bounds(period)
    with database.session() as session:
        entity_ids, inns = _entity_ids(session, entity_inns)
        data = collect(session, period, entity_ids)
        if not (data.sales or data.invoices or data.payments or data.issued):
            raise ValidationError(
                f"За период {period} нечего выгружать в 1С: нет актов, УПД, счетов и поступлений"
                + (f" юрлиц с ИНН {', '.join(inns)}." if entity_inns else "."),
                field="period",
            )
        payload, counts = build_message(data, version, created or dt.datetime.now())
    write_file(Path(out), payload)  # atomic: 1C never reads half a file
    return ExportSummary(path=Path(out), period=period, format=version, entities=inns, counts=counts)


def export_entities(database: Database) -> list[tuple[str, str]]:
    """(INN, short name) of every own entity by name: what the export window offers to choose."""
    with database.session() as session:
        rows = session.execute(select(OwnEntity.inn, OwnEntity.short_name).order_by(OwnEntity.short_name))
        return [(inn, name) for inn, name in rows]
