"""The acts registry as SQL: every current act, invoice and UPD with its signed / sent / paid / closed state.

Filters, sorting, counts and totals are computed by the database, so the registry stays smooth
with 100 000 documents; the window's model, the Excel export and the command line share these
queries, so a file holds exactly the rows the user sees.

*Closed* (docs/domain.md, «Signed and closed»): the act (or UPD) of a contract and period is signed
and its invoice (or the UPD, when no invoice is issued) is fully paid.
*Paid* is a state of the sale (contract, period), carried by its payable documents
(``payments.payable_clause``: the invoices, or the UPD of a UPD-only contract): an invoice shows its
own payment, an act (or the UPD of a contract that also issues invoices) shows the payment of its
sale's payable documents — in the window, in the filter and in the export alike. The totals count
every sale once: the payable documents shown, and for a sale shown only by its act or UPD, that
sale's payable documents; an act, its invoice and its UPD are never added together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.core.common.exports import ExportColumn
from desktop.core.common.labels import kind_title
from desktop.core.models import (
    SIGNABLE_KINDS,
    Counterparty,
    Document,
    DocumentKind,
    OwnEntity,
    Scan,
    ScanStatus,
    User,
)
from desktop.core.payments.allocation import payable_clause

PAY_RU = {"unpaid": "не оплачен", "partial": "частично", "paid": "оплачен"}


@dataclass
class RegistryFilter:
    kinds: list[str] = field(default_factory=list)
    period_from: str | None = None  # "YYYY-MM"
    period_to: str | None = None
    own_entity_id: int | None = None
    own_entity_ids: list[int] = field(default_factory=list)  # several own entities (empty: no limit)
    counterparty_id: int | None = None
    contract_id: int | None = None
    manager_id: int | None = None
    signed: bool | None = None
    sent: bool | None = None
    paid: str | None = None  # "unpaid" | "partial" | "paid" | "not_paid" (unpaid or partial)
    closed: bool | None = None
    scan_pending: bool | None = None
    search: str = ""
    date_from: str | None = None  # document date, ISO "YYYY-MM-DD" (the overview's age buckets)
    date_to: str | None = None
    no_manager: bool = False  # only clients without a manager

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RegistryFilter:
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})


def _sale_sums() -> tuple[Any, Any]:
    """(amount, paid) of the payable documents of this row's sale, as correlated subqueries."""
    payable = aliased(Document)
    same_sale = and_(
        payable.contract_id == Document.contract_id,
        payable.period == Document.period,
        payable_clause(payable),
    )
    amount = select(func.coalesce(func.sum(payable.amount_total), 0)).where(same_sale).scalar_subquery()
    paid = select(func.coalesce(func.sum(payable.paid_amount), 0)).where(same_sale).scalar_subquery()
    return amount, paid


def payable_amounts() -> tuple[Any, Any]:
    """(amount to pay, amount paid) behind a row: a payable document's own, else its sale's."""
    sale_amount, sale_paid = _sale_sums()
    own = payable_clause()
    return (
        case((own, Document.amount_total), else_=sale_amount),
        case((own, Document.paid_amount), else_=sale_paid),
    )


def pay_state() -> Any:
    """unpaid / partial / paid of a row's sale (an invoice: of itself)."""
    amount, paid = payable_amounts()
    return case((paid >= amount, "paid"), (paid > 0, "partial"), else_="unpaid")


def closed_expr() -> Any:
    """True when the (contract, period) of this row has a signed act/UPD and nothing left to pay.

    Every invoice counts: a 70/30 deal is closed only when both the 70% and the 30% invoices are
    paid. Without invoices (a UPD-only contract paid after the service) the UPD is what is paid.
    """
    other = aliased(Document)
    same = and_(
        other.contract_id == Document.contract_id,
        other.period == Document.period,
        other.current.is_(True),
    )
    # coalesce(): without statistics SQLite would search the whole ix_documents_signed for
    # every row (10 s for a screenful of 100 000 documents) instead of the (contract, period) key.
    signed = exists().where(
        same, other.kind.in_(SIGNABLE_KINDS), func.coalesce(other.signed, False).is_(True)
    )
    invoice = other.kind == DocumentKind.INVOICE
    unpaid_invoice = exists().where(same, invoice, other.paid_amount < other.amount_total)
    has_invoice = exists().where(same, invoice)
    upd_paid_only = exists().where(
        same, other.kind == DocumentKind.UPD, other.paid_amount >= other.amount_total
    )
    return and_(signed, or_(and_(has_invoice, ~unpaid_invoice), and_(~has_invoice, upd_paid_only)))


def pending_scan_expr() -> Any:
    return exists().where(Scan.document_id == Document.id, Scan.status == ScanStatus.PENDING)


def _base() -> Select[Any]:
    return (
        select(Document.id)
        .join(Counterparty, Counterparty.id == Document.counterparty_id)
        .join(OwnEntity, OwnEntity.id == Document.own_entity_id)
        .outerjoin(User, User.id == Counterparty.manager_id)
        .where(Document.current.is_(True))
    )


def apply_filter(stmt: Any, flt: RegistryFilter) -> Any:
    if flt.kinds:
        stmt = stmt.where(Document.kind.in_(flt.kinds))
    if flt.period_from:
        stmt = stmt.where(Document.period >= flt.period_from)
    if flt.period_to:
        stmt = stmt.where(Document.period <= flt.period_to)
    if flt.own_entity_id is not None:
        stmt = stmt.where(Document.own_entity_id == flt.own_entity_id)
    if flt.own_entity_ids:
        stmt = stmt.where(Document.own_entity_id.in_(flt.own_entity_ids))
    if flt.counterparty_id is not None:
        stmt = stmt.where(Document.counterparty_id == flt.counterparty_id)
    if flt.contract_id is not None:
        stmt = stmt.where(Document.contract_id == flt.contract_id)
    if flt.manager_id is not None:
        stmt = stmt.where(Counterparty.manager_id == flt.manager_id)
    if flt.no_manager:
        stmt = stmt.where(Counterparty.manager_id.is_(None))
    if flt.date_from:
        stmt = stmt.where(Document.date >= dt.date.fromisoformat(flt.date_from))
    if flt.date_to:
        stmt = stmt.where(Document.date <= dt.date.fromisoformat(flt.date_to))
    if flt.signed is not None:
        stmt = stmt.where(Document.signed.is_(flt.signed))
    if flt.sent is not None:
        stmt = stmt.where(Document.sent_at.is_not(None) if flt.sent else Document.sent_at.is_(None))
    if flt.paid == "not_paid":
        amount, paid = payable_amounts()
        stmt = stmt.where(paid < amount)
    elif flt.paid:
        stmt = stmt.where(pay_state() == flt.paid)
    if flt.closed is not None:
        stmt = stmt.where(closed_expr() if flt.closed else ~closed_expr())
    if flt.scan_pending is not None:
        stmt = stmt.where(pending_scan_expr() if flt.scan_pending else ~pending_scan_expr())
    if flt.search.strip():
        pattern = f"%{flt.search.strip()}%"
        stmt = stmt.where(
            or_(
                Document.number.ilike(pattern),
                Counterparty.short_name.ilike(pattern),
                Counterparty.inn.like(pattern),
                Counterparty.emails.ilike(pattern),
            )
        )
    return stmt


ORDER: dict[str, Callable[[], list[Any]]] = {
    "kind": lambda: [Document.kind],
    "number": lambda: [Document.own_entity_id, Document.year, Document.seq],
    "date": lambda: [Document.date, Document.seq],
    "period": lambda: [Document.period],
    "client": lambda: [Counterparty.short_name],
    "entity": lambda: [OwnEntity.short_name],
    "manager": lambda: [User.full_name],
    "amount": lambda: [Document.amount_total],
    "signed": lambda: [Document.signed, Document.signed_at],
    "scan": lambda: [pending_scan_expr(), Document.scan_path],
    "sent": lambda: [Document.sent_at],
    "paid": lambda: [pay_state()],
    "closed": lambda: [closed_expr()],
}


def select_ids(flt: RegistryFilter, order_key: str = "date", descending: bool = True) -> Select[Any]:
    keys = ORDER[order_key]()
    stmt: Select[Any] = apply_filter(_base(), flt)
    return stmt.order_by(*(k.desc() if descending else k.asc() for k in keys), Document.id)


def _joined(*columns: Any) -> Select[Any]:
    return (
        select(*columns)
        .select_from(Document)
        .join(Counterparty, Counterparty.id == Document.counterparty_id)
        .join(OwnEntity, OwnEntity.id == Document.own_entity_id)
        .outerjoin(User, User.id == Counterparty.manager_id)
        .where(Document.current.is_(True))
    )


def grouped_totals(
    session: Session, flt: RegistryFilter, *keys: Any
) -> dict[tuple[Any, ...], tuple[int, Decimal, Decimal]]:
    """(count, amount to pay, amount still unpaid) of the filtered rows by ``keys``, every sale
    counted once in each group.

    The amounts are those of the payable documents among a group's rows (invoices, the UPD of a
    UPD-only contract), plus, for a sale the group shows only by its act or UPD, the payable
    documents of that sale; an act, its invoice and its UPD are never added together.
    """
    labelled = [key.label(f"k{i}") for i, key in enumerate(keys)]
    own = payable_clause()
    out: dict[tuple[Any, ...], list[Any]] = {}

    def add(rows: Any, *, count: bool = False) -> None:
        for row in rows:
            key = tuple(row[: len(keys)])
            entry = out.setdefault(key, [0, Decimal(0), Decimal(0)])
            if count:
                entry[0] += int(row[-1] or 0)
            else:
                entry[1] += Decimal(row[-2] or 0)
                entry[2] += Decimal(row[-1] or 0)

    def grouped(stmt: Any) -> Any:
        return stmt.group_by(*keys) if keys else stmt

    add(session.execute(grouped(apply_filter(_joined(*labelled, func.count(Document.id)), flt))), count=True)
    if not out:
        return {}
    amount = func.sum(Document.amount_total)
    unpaid = func.sum(Document.amount_total - Document.paid_amount)
    add(session.execute(grouped(apply_filter(_joined(*labelled, amount, unpaid).where(own), flt))))
    sale_columns = (*labelled, Document.contract_id.label("contract_id"), Document.period.label("period"))
    with_payable = apply_filter(_joined(*sale_columns).where(own), flt)
    only_shown_by_act = (
        apply_filter(_joined(*sale_columns).where(~own), flt).except_(with_payable).subquery("only_act")
    )
    # Each (group, sale) appears once in only_act: join that sale's payable documents by the
    # (contract, period) key rather than summing every sale of the database first.
    payable = aliased(Document)
    group = [only_shown_by_act.c[f"k{i}"] for i in range(len(keys))]
    stmt = (
        select(
            *group,
            func.sum(payable.amount_total),
            func.sum(payable.amount_total - payable.paid_amount),
        )
        .select_from(only_shown_by_act)
        .join(
            payable,
            and_(
                payable.contract_id == only_shown_by_act.c.contract_id,
                payable.period == only_shown_by_act.c.period,
            ),
        )
        .where(payable_clause(payable))
    )
    add(session.execute(stmt.group_by(*group) if group else stmt))
    cent = Decimal("0.01")
    return {k: (v[0], v[1].quantize(cent), v[2].quantize(cent)) for k, v in out.items()}


def totals(session: Session, flt: RegistryFilter) -> tuple[int, Decimal, Decimal]:
    """(count, amount to pay, amount still unpaid) of the filtered rows, every sale counted once
    (``grouped_totals``)."""
    return grouped_totals(session, flt).get((), (0, Decimal("0.00"), Decimal("0.00")))


@dataclass(frozen=True)
class RegistryRow:
    id: int
    kind: DocumentKind
    number: str
    date: dt.date
    period: str
    client: str
    client_inn: str
    client_emails: str
    entity: str
    manager: str | None
    manager_email: str | None
    amount: Decimal
    signed: bool
    signed_at: dt.datetime | None
    signed_by: str | None
    scan: str  # "", "есть", "ожидает"
    sent_at: dt.datetime | None
    sent_via: str | None
    paid: str
    paid_amount: Decimal
    closed: bool


def load_rows(session: Session, ids: Sequence[int]) -> dict[int, RegistryRow]:
    rows = session.execute(
        select(
            Document.id,
            Document.kind,
            Document.number,
            Document.date,
            Document.period,
            Counterparty.short_name,
            Counterparty.inn,
            Counterparty.emails,
            OwnEntity.short_name,
            User.full_name,
            User.email,
            Document.amount_total,
            Document.signed,
            Document.signed_at,
            Document.signed_by,
            Document.scan_path,
            pending_scan_expr(),
            Document.sent_at,
            Document.sent_via,
            pay_state(),
            payable_amounts()[1],
            closed_expr(),
        )
        .join(Counterparty, Counterparty.id == Document.counterparty_id)
        .join(OwnEntity, OwnEntity.id == Document.own_entity_id)
        .outerjoin(User, User.id == Counterparty.manager_id)
        .where(Document.id.in_(ids))
    )
    out = {}
    for r in rows:
        scan = "ожидает" if r[16] else ("есть" if r[15] else "")
        out[r[0]] = RegistryRow(
            id=r[0],
            kind=r[1],
            number=r[2],
            date=r[3],
            period=r[4],
            client=r[5],
            client_inn=r[6],
            client_emails=r[7],
            entity=r[8],
            manager=r[9],
            manager_email=r[10],
            amount=Decimal(r[11]),
            signed=bool(r[12]),
            signed_at=r[13],
            signed_by=r[14],
            scan=scan,
            sent_at=r[17],
            sent_via=r[18],
            paid=r[19],
            paid_amount=Decimal(r[20]),
            closed=bool(r[21]),
        )
    return out


EXPORT_COLUMNS = (
    ExportColumn("Вид"),
    ExportColumn("Номер"),
    ExportColumn("Дата", "date"),
    ExportColumn("Период"),
    ExportColumn("Клиент", width=40),
    ExportColumn("ИНН клиента"),
    ExportColumn("E-mail клиента", width=36),
    ExportColumn("Юрлицо"),
    ExportColumn("Менеджер"),
    ExportColumn("E-mail менеджера"),
    ExportColumn("Сумма", "money"),
    ExportColumn("Подписан", "bool"),
    ExportColumn("Дата подписания", "datetime"),
    ExportColumn("Скан"),
    ExportColumn("Отправлен", "datetime"),
    ExportColumn("Оплата"),
    ExportColumn("Оплачено", "money"),
    ExportColumn("Закрыт", "bool"),
)


def export_values(row: RegistryRow) -> tuple[Any, ...]:
    return (
        kind_title(row.kind),
        row.number,
        row.date,
        row.period,
        row.client,
        row.client_inn,
        row.client_emails,
        row.entity,
        row.manager,
        row.manager_email,
        row.amount,
        row.signed,
        row.signed_at,
        row.scan,
        row.sent_at,
        PAY_RU.get(row.paid, row.paid),
        row.paid_amount,
        row.closed,
    )


def export_rows(session: Session, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """The export rows in the order of ``ids`` (the order on screen)."""
    loaded: dict[int, RegistryRow] = {}
    for start in range(0, len(ids), 1000):
        loaded.update(load_rows(session, ids[start : start + 1000]))
    return [export_values(loaded[i]) for i in ids if i in loaded]


def filtered_ids(
    session: Session, flt: RegistryFilter, order_key: str = "date", descending: bool = True
) -> list[int]:
    return list(session.scalars(select_ids(flt, order_key, descending)))
