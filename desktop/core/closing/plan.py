"""Month closing: the plan (a dry run that writes nothing) and its execution, one transaction per contract.

``plan()`` lists, for every contract of the period, the lines, amounts, documents to issue and the
warnings an accountant must see (no work orders, a price changed by an agreement, an expiring
contract, missing requisites, documents that already exist, a client without e-mail).

``execute()`` creates the documents: per contract, in its own transaction, the contract row is
locked (PostgreSQL ``FOR UPDATE``; SQLite runs writers one at a time), existing documents are
looked up by their key (contract, period, kind, stage) and only the missing ones are created,
each with a gap-free number taken in that transaction. Running a period again creates nothing
new; a run killed half-way is completed by the next one; two users closing the same period at
once close each contract once. A failing contract is reported and the others go on; Cancel
stops after the current contract; a failure of the database itself (``db.DatabaseError``: busy,
gone, damaged) stops the run with its message, and the next run closes the rest.

A sale already sent or signed is never replaced: when the terms of its period now give other
lines (an agreement changed a price or a quantity), the plan adds a УКД on it with the difference
(``plan_correction``; ``corrections`` holds the state and the positions) and ``execute`` issues it
(``issue_correction``), once per change.

Payment schemes: post-payment — act (or UPD) and invoice for the period, the invoice due N days
after the act; 100% prepayment — the act for the period and the invoice for the *next* period;
70/30 — the act, the final 30% invoice for the period and the 70% advance invoice for the next.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desktop.core.books import advances
from desktop.core.closing import corrections
from desktop.core.common import numbering
from desktop.core.common.catalog import NO_VAT as NO_VAT_RATE
from desktop.core.common.catalog import entity_regime_on, line_amounts
from desktop.core.common.events import log_event, log_events
from desktop.core.common.formats import format_date
from desktop.core.common.labels import KIND_NOUNS
from desktop.core.common.money import format_money, format_quantity
from desktop.core.common.periods import next_period, period_bounds, period_of
from desktop.core.common.workdays import next_working_day, term_end
from desktop.core.contracts.terms import (
    PeriodLine,
    billing_due,
    billing_period,
    correcting_agreement,
    period_lines,
)
from desktop.core.db import Database, DatabaseError, call_function
from desktop.core.errors import Cancelled, UserError, ValidationError, unexpected_error_text
from desktop.core.jobs import CancelToken, Progress, no_progress
from desktop.core.models import (
    Agreement,
    AgreementChange,
    Contract,
    ContractKind,
    ContractLine,
    ContractStatus,
    Document,
    DocumentKind,
    DocumentLine,
    DocumentSet,
    DocumentStage,
    DocumentStatus,
    OwnEntity,
    PaymentTerms,
    Service,
    Unit,
    VatRegime,
    WorkOrder,
)

KOPECK = Decimal("0.01")
PREPAY_SHARE = Decimal("0.70")
NOT_VALID = "Договор не действует в этом периоде"
ACT, INVOICE, UPD = DocumentKind.ACT, DocumentKind.INVOICE, DocumentKind.UPD
SF, UKD = DocumentKind.SF, DocumentKind.UKD
# A корректировочный счёт-фактура is issued within 5 calendar days of the agreement (Tax Code art. 168 p. 3).
CORRECTION_DAYS = dt.timedelta(days=5)
FULL, PREPAY, FINAL = DocumentStage.FULL, DocumentStage.PREPAY, DocumentStage.FINAL


@dataclass(frozen=True)
class PlannedCorrection:
    """A УКД the closing will issue: the document corrected, the state it corrects and the difference."""

    target_id: int  # the sale document corrected (UPD, separate счёт-фактура or act)
    basis_id: int  # the state corrected: the target, or the latest УКД already issued on it
    target_title: str  # «УПД № 12 от 30.11.2026»
    positions: tuple[corrections.Position, ...]
    text: str  # the preview line


@dataclass(frozen=True)
class PlannedDocument:
    kind: DocumentKind
    stage: DocumentStage
    period: str  # the service period the document is for
    start: dt.date
    end: dt.date
    date: dt.date
    due_date: dt.date | None
    lines: tuple[PeriodLine, ...]
    share: Decimal = Decimal(1)  # 0.70 / 0.30 of the lines' amounts for 70/30 invoices
    existing_number: str | None = None  # a current document already issued for this key
    existing_locked: bool = False  # signed or sent: never replaced
    # A УКД (kind UKD): what it corrects and the changed positions, as the preview shows them.
    # ``lines`` are then the sale's lines by the terms now (the values «after»).
    correction: PlannedCorrection | None = None

    @property
    def key(self) -> tuple[DocumentKind, DocumentStage, str]:
        return (self.kind, self.stage, self.period)


@dataclass
class PlanRow:
    contract_id: int
    contract_number: str
    client: str
    client_inn: str
    entity: str
    entity_id: int
    counterparty_id: int
    manager_id: int | None
    kind: ContractKind
    lines: list[PeriodLine]
    net: Decimal
    vat: Decimal
    total: Decimal
    documents: list[PlannedDocument]
    warnings: list[str] = field(default_factory=list)
    skip_reason: str | None = None
    excluded: bool = False
    regime: str = ""
    includes_vat: bool = False
    prefix: str = ""

    @property
    def to_issue(self) -> list[PlannedDocument]:
        return [d for d in self.documents if d.existing_number is None]

    @property
    def will_issue(self) -> bool:
        return not self.excluded and self.skip_reason is None and bool(self.to_issue)


@dataclass
class ClosingPlan:
    period: str
    start: dt.date
    end: dt.date
    rows: list[PlanRow]
    # Periods out of order: a later period of the same own entity already has documents, or the
    # month has not ended (documents dated in the future). The window asks before closing, the
    # command line refuses without --allow-out-of-order.
    order_warnings: list[str] = field(default_factory=list)

    def issuing(self) -> list[PlanRow]:
        return [r for r in self.rows if r.will_issue]

    def documents_to_issue(self) -> int:
        return sum(len(r.to_issue) for r in self.issuing())


@dataclass(frozen=True)
class ClosingError:
    """What went wrong in a closing: for a contract (its id and number) or for the run (``contract_id`` None)."""

    contract: (
        str  # the contract's number as printed; «—» for the run itself (the PDF converter, a merged PDF)
    )
    message: str
    contract_id: int | None = None

    def as_dict(self) -> dict[str, str]:
        """The shape printed by ``aktdesk close-month --json``."""
        return {"contract": self.contract, "message": self.message}


RUN = "—"  # ClosingError.contract of an error that is no contract's


def _no_documents() -> dict[DocumentKind, int]:
    return dict.fromkeys(DocumentKind, 0)


@dataclass
class ClosingResult:
    period: str
    contracts: int = 0
    documents: dict[DocumentKind, int] = field(default_factory=_no_documents)
    pdf: int = 0
    xml: int = 0
    skipped_existing: int = 0
    errors: list[ClosingError] = field(default_factory=list)
    output: str = ""
    document_ids: list[int] = field(default_factory=list)
    cancelled: bool = False
    totals: dict[str, dict[str, str]] = field(default_factory=dict)  # entity → rate → total
    print_files: list[str] = field(default_factory=list)  # merged PDFs for printing, if asked
    planned: int = 0  # contracts the run was to close
    without_files: int = 0  # documents made whose files a cancel left for the next run

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "contracts": self.contracts,
            "documents": {kind.value: count for kind, count in self.documents.items()},
            "pdf": self.pdf,
            "xml": self.xml,
            "skipped_existing": self.skipped_existing,
            "errors": [error.as_dict() for error in self.errors],
            "output": self.output,
            "cancelled": self.cancelled,
            "totals": self.totals,
            "print_files": list(self.print_files),
        }


# --- loading -------------------------------------------------------------------------


def _contract_options() -> list[Any]:
    return [
        selectinload(Contract.lines).selectinload(ContractLine.service).selectinload(Service.unit),
        selectinload(Contract.agreements)
        .selectinload(Agreement.changes)
        .selectinload(AgreementChange.service),
        selectinload(Contract.own_entity).selectinload(OwnEntity.vat_history),
        selectinload(Contract.own_entity).selectinload(OwnEntity.bank_accounts),
        selectinload(Contract.counterparty),
    ]


def load_contracts(
    session: Session,
    start: dt.date,
    end: dt.date,
    own_entity_ids: Sequence[int] | None = None,
    manager_id: int | None = None,
    counterparty_id: int | None = None,
    contract_ids: Sequence[int] | None = None,
) -> list[Contract]:
    """Contracts that may bill in the period: not drafts, valid at some day of it."""
    stmt = (
        select(Contract)
        .where(
            Contract.valid_from <= end,
            (Contract.valid_to.is_(None)) | (Contract.valid_to >= start - dt.timedelta(days=366)),
        )
        .options(*_contract_options())
        .order_by(Contract.own_entity_id, Contract.id)
    )
    if own_entity_ids:
        stmt = stmt.where(Contract.own_entity_id.in_(list(own_entity_ids)))
    if manager_id is not None:
        stmt = stmt.where(Contract.manager_id == manager_id)
    if counterparty_id is not None:
        stmt = stmt.where(Contract.counterparty_id == counterparty_id)
    if contract_ids is not None:
        stmt = stmt.where(Contract.id.in_(list(contract_ids)))
    return list(session.scalars(stmt))


def load_work_orders(
    session: Session, contract_ids: Sequence[int], start: dt.date, end: dt.date
) -> dict[int, list[WorkOrder]]:
    orders: dict[int, list[WorkOrder]] = {}
    for start_index in range(0, len(contract_ids), 900):
        chunk = list(contract_ids[start_index : start_index + 900])
        for order in session.scalars(
            select(WorkOrder)
            .where(WorkOrder.contract_id.in_(chunk), WorkOrder.date >= start, WorkOrder.date <= end)
            .options(selectinload(WorkOrder.service).selectinload(Service.unit))
        ):
            orders.setdefault(order.contract_id, []).append(order)
    return orders


DocumentKey = tuple[int, DocumentKind, DocumentStage, str]  # contract id, kind, stage, period


def existing_documents(
    session: Session, contract_ids: Sequence[int], periods: Sequence[str]
) -> dict[DocumentKey, Document]:
    found: dict[DocumentKey, Document] = {}
    for start_index in range(0, len(contract_ids), 900):
        chunk = list(contract_ids[start_index : start_index + 900])
        for doc in session.scalars(
            select(Document).where(
                Document.contract_id.in_(chunk),
                Document.period.in_(list(periods)),
                Document.current.is_(True),
                Document.kind != UKD,  # many per period, keyed by their basis (corrections)
            )
        ):
            found[(doc.contract_id, doc.kind, doc.stage, doc.period)] = doc
    return found


# --- planning ---------------------------------------------------------------------------


def _kinds(contract: Contract) -> list[DocumentKind]:
    return {
        DocumentSet.ACT_INVOICE: [ACT, INVOICE],
        DocumentSet.UPD: [UPD],
        DocumentSet.ACT_INVOICE_UPD: [ACT, INVOICE, UPD],
    }.get(contract.documents, [ACT, INVOICE])


def _sf_needed(contract: Contract, day: dt.date, lines: Sequence[PeriodLine]) -> bool:
    """Whether the sale dated ``day`` needs a separate счёт-фактура next to its act, the buyer's
    waiver aside: the seller pays VAT on that day, the package has no UPD (a UPD status 1 is the
    счёт-фактура itself) and some line is taxed (an exempt sale has none, art. 169 p. 3 sub. 1)."""
    kinds = _kinds(contract)
    if UPD in kinds or ACT not in kinds:
        return False
    if entity_regime_on(contract.own_entity, day) == VatRegime.NO_VAT:
        return False
    return any(line.vat_rate != NO_VAT_RATE for line in lines)


def sf_due(contract: Contract, day: dt.date, lines: Sequence[PeriodLine]) -> bool:
    """Whether the closing issues a separate счёт-фактура (docs/domain.md, «Счета-фактуры»): one is
    needed and the buyer (not a VAT payer) did not agree in writing to go without (art. 169 p. 3 sub. 1)."""
    return _sf_needed(contract, day, lines) and not contract.sf_waived


def sf_waiver_warning(contract: Contract) -> str:
    """The preview's note for a contract whose buyer waived счета-фактуры."""
    basis = (contract.sf_waiver_basis or "").strip() or "основание не указано"
    return f"Счёт-фактура не выставляется: покупатель не плательщик НДС, согласие — {basis}"


def plan_documents(
    contract: Contract, period: str, lines: list[PeriodLine], next_lines: list[PeriodLine]
) -> list[PlannedDocument]:
    start, end = billing_period(contract, period)
    kinds = _kinds(contract)
    docs: list[PlannedDocument] = []
    for kind in kinds:
        if kind in (ACT, UPD):
            docs.append(PlannedDocument(kind, FULL, period, start, end, end, None, tuple(lines)))
    if sf_due(contract, end, lines):  # issued with the act and dated with it, the act's lines
        docs.append(PlannedDocument(SF, FULL, period, start, end, end, None, tuple(lines)))
    terms = contract.payment_terms
    wants_invoice = INVOICE in kinds or terms != PaymentTerms.POSTPAY
    if not wants_invoice:
        return docs
    if terms == PaymentTerms.POSTPAY or contract.kind == ContractKind.VARIABLE:
        due = term_end(end, contract.postpay_days, contract.postpay_banking_days)
        docs.append(PlannedDocument(INVOICE, FULL, period, start, end, end, due, tuple(lines)))
        return docs
    following = next_period(period_of(end))
    next_start, next_end = billing_period(contract, following)
    if terms == PaymentTerms.PREPAY_70_30:
        docs.append(
            PlannedDocument(
                INVOICE,
                FINAL,
                period,
                start,
                end,
                end,
                term_end(end, contract.postpay_days, contract.postpay_banking_days),
                tuple(lines),
                Decimal(1) - PREPAY_SHARE,
            )
        )
        share = PREPAY_SHARE
    else:
        share = Decimal(1)
    if next_lines:
        docs.append(
            PlannedDocument(
                INVOICE,
                PREPAY,
                period_of(next_start),
                next_start,
                next_end,
                end,
                next_working_day(
                    next_start
                ),  # due before the period starts: 01.01 moves to the first working day
                tuple(next_lines),
                share,
            )
        )
    return docs


def empty_row(contract: Contract) -> PlanRow:
    """A contract's row with nothing planned yet (its client, entity and manager)."""
    party, entity = contract.counterparty, contract.own_entity
    return PlanRow(
        contract_id=contract.id,
        contract_number=contract.number,
        client=party.short_name,
        client_inn=party.inn,
        entity=entity.short_name,
        entity_id=entity.id,
        counterparty_id=party.id,
        manager_id=contract.manager_id,
        kind=contract.kind,
        lines=[],
        net=Decimal("0.00"),
        vat=Decimal("0.00"),
        total=Decimal("0.00"),
        documents=[],
    )


def plan_row(
    contract: Contract,
    period: str,
    work: Sequence[WorkOrder],
    existing: dict[DocumentKey, Document],
    chains: dict[int, list[Document]] | None = None,
    today: dt.date | None = None,
) -> PlanRow:
    """One contract's row of the plan. ``chains`` (``corrections.load_chains``) holds, for each
    sent or signed sale document of ``existing``, its lines loaded and the УКД issued on it."""
    party = contract.counterparty
    entity = contract.own_entity
    row = empty_row(contract)
    if contract.status in (ContractStatus.DRAFT, ContractStatus.SUSPENDED):
        row.skip_reason = {
            ContractStatus.DRAFT: "Черновик договора",
            ContractStatus.SUSPENDED: "Договор приостановлен",
        }[contract.status]
        return row
    due, reason = billing_due(contract, period)
    if not due:
        row.skip_reason = reason
        return row
    start, end = billing_period(contract, period)
    try:
        row.lines = period_lines(contract, start, end, work)
    except UserError as error:
        row.skip_reason = error.message
        return row
    if contract.kind == ContractKind.VARIABLE and not work:
        row.skip_reason = "Нет заказ-нарядов за период"
        row.warnings.append("Договор по факту без заказ-нарядов за период: документы не формируются")
        return row
    if not row.lines:
        row.skip_reason = NOT_VALID
        return row
    for line in row.lines:
        if line.total == 0:
            row.warnings.append(zero_line_message(line))
    row.net = sum((line.net for line in row.lines), Decimal("0.00"))
    row.vat = sum((line.vat for line in row.lines), Decimal("0.00"))
    row.total = sum((line.total for line in row.lines), Decimal("0.00"))
    next_lines: list[PeriodLine] = []
    if contract.payment_terms != PaymentTerms.POSTPAY and contract.kind == ContractKind.FIXED:
        following = next_period(period_of(end))
        next_start, next_end = billing_period(contract, following)
        try:
            next_lines = period_lines(contract, next_start, next_end)
        except UserError:
            next_lines = []
    row.documents = plan_documents(contract, period, row.lines, next_lines)
    row.regime = entity_regime_on(entity, end)
    row.includes_vat = contract.price_includes_vat
    row.prefix = entity.doc_prefix
    # Warnings an accountant must see before closing.
    for line in row.lines:
        changed_here = line.agreement is not None and start <= line.agreement.effective_date <= end
        if changed_here or line.prorated:
            note = f": {line.note}" if line.note else ""
            row.warnings.append(f"Цена изменена доп. соглашением ({line.period_label}){note}")
    valid_to = contract.valid_to
    if valid_to is not None and valid_to < end:
        row.warnings.append(f"Договор истёк {valid_to:%d.%m.%Y}")
    elif valid_to is not None and valid_to <= end + dt.timedelta(days=30):
        row.warnings.append(f"Договор истекает {valid_to:%d.%m.%Y}")
    if not party.emails:
        row.warnings.append("У клиента нет e-mail для документов")
    if not party.legal_address:
        row.warnings.append("У клиента не указан адрес (нужен для УПД)")
    if entity.primary_account is None:
        row.warnings.append("У юрлица нет расчётного счёта (нужен для счёта)")
    if UPD in _kinds(contract) and entity_regime_on(entity, end) != VatRegime.NO_VAT:
        if not entity.accountant_name:
            row.warnings.append("У юрлица не указан главный бухгалтер (подпись УПД)")
    if contract.sf_waived and _sf_needed(contract, end, row.lines):
        row.warnings.append(sf_waiver_warning(contract))
    planned = []
    for doc in row.documents:
        found = existing.get((contract.id, doc.kind, doc.stage, doc.period))
        if found is not None:
            locked = found.signed or found.sent_at is not None
            state = "подписан" if found.signed else ("отправлен" if found.sent_at else "не отправлен")
            row.warnings.append(
                f"Уже есть {KIND_NOUNS[doc.kind]} № {found.number} за {doc.period} ({state})"
                + (" — не заменяется" if locked else "")
            )
            doc = PlannedDocument(
                **{**doc.__dict__, "existing_number": found.number, "existing_locked": locked}
            )
        planned.append(doc)
    row.documents = planned
    ukd = plan_correction(row, contract, period, existing, chains or {}, today or dt.date.today())
    if ukd is not None and ukd.correction is not None:
        row.documents.append(ukd)
        row.warnings.append(ukd.correction.text)
        agreement = correcting_agreement(contract, ukd.start, ukd.end, ukd.date)
        if agreement is not None and ukd.date > agreement.date + CORRECTION_DAYS:
            row.warnings.append(
                f"УКД выставляется не позднее 5 календарных дней с даты соглашения № {agreement.number} "
                f"от {format_date(agreement.date)} (до {format_date(agreement.date + CORRECTION_DAYS)}),"
                f" а будет датирован {format_date(ukd.date)}"
            )
    return row


def plan_correction(
    row: PlanRow,
    contract: Contract,
    period: str,
    existing: dict[DocumentKey, Document],
    chains: dict[int, list[Document]],
    today: dt.date,
) -> PlannedDocument | None:
    """A УКД when the sale of the period was sent or signed and the terms now give other lines.

    The sale's lines by the terms are computed as the closing computes them (``_document_lines``)
    and compared with its current state (its lines, corrected by the УКД already issued on it).
    Dated today (the day it is issued), never before the sale.
    """
    sale = next((d for d in row.documents if d.kind in (ACT, UPD) and d.stage == FULL), None)
    if sale is None:
        return None
    documents = [existing.get((contract.id, kind, FULL, sale.period)) for kind in (ACT, UPD, SF)]
    found = [d for d in documents if d is not None]
    target = corrections.target_of(found)
    if target is None or target.id not in chains or not any(corrections.is_locked(d) for d in found):
        return None
    chain = chains[target.id]
    state = corrections.state_of(target, chain, row.includes_vat)
    try:
        new_lines = _document_lines(sale, row.includes_vat, {})
    except ValidationError:
        return None  # a line rounding to 0,00: the row's warning says it, nothing is issued
    positions = corrections.changes(state, new_lines, row.includes_vat)
    if not positions:
        return None
    new_total = sum((ln.amount_total for ln in new_lines), Decimal("0.00"))
    correction = PlannedCorrection(
        target_id=target.id,
        basis_id=(chain[-1] if chain else target).id,
        target_title=corrections.document_title(target),
        positions=tuple(positions),
        text=corrections.preview_text(target, state, new_total, positions),
    )
    return PlannedDocument(
        UKD,
        FULL,
        sale.period,
        sale.start,
        sale.end,
        max(today, target.date),
        None,
        sale.lines,
        correction=correction,
    )


def plan(
    session: Session,
    period: str,
    own_entity_ids: Sequence[int] | None = None,
    manager_id: int | None = None,
    counterparty_id: int | None = None,
    contract_ids: Sequence[int] | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    today: dt.date | None = None,
) -> ClosingPlan:
    """The dry run: what closing ``period`` ("YYYY-MM") would issue, and the warnings. Writes nothing."""
    start, end = period_bounds(period)
    contracts = load_contracts(session, start, end, own_entity_ids, manager_id, counterparty_id, contract_ids)
    ids = [c.id for c in contracts]
    # Quarterly/yearly contracts bill for their whole period: load their work orders widely.
    work = load_work_orders(session, ids, start - dt.timedelta(days=366), end)
    periods = {period, next_period(period)}
    for contract in contracts:
        periods.add(period_of(billing_period(contract, period)[0]))
    existing = existing_documents(session, ids, sorted(periods | {next_period(p) for p in periods}))
    chains = corrections.load_chains(session, corrections.locked_sales(existing.values()))
    today = today or dt.date.today()
    rows = []
    for index, contract in enumerate(contracts):
        if cancel is not None and index % 50 == 0:
            cancel.raise_if_cancelled()
        b_start, b_end = billing_period(contract, period)
        orders = [o for o in work.get(contract.id, []) if b_start <= o.date <= b_end]
        row = plan_row(contract, period, orders, existing, chains, today)
        if row.skip_reason != NOT_VALID:  # contracts not in force at all in the period are not listed
            rows.append(row)
        progress(index + 1, len(contracts), contract.counterparty.short_name)
    result = ClosingPlan(period, start, end, rows)
    # Only documents dated in the period can go out of order: a УКД is dated the day it is issued.
    dated_in_period = {r.entity_id for r in result.issuing() if any(d.kind != UKD for d in r.to_issue)}
    result.order_warnings = order_warnings(session, period, sorted(dated_in_period), today)
    return result


def order_warnings(session: Session, period: str, own_entity_ids: Sequence[int], today: dt.date) -> list[str]:
    """Why closing ``period`` for these own entities now would put documents out of order.

    Documents are numbered in the order they are made, so closing a month after a later one
    makes счета-фактуры whose numbers grow while their dates go back; a month that has not ended
    yet gets documents dated in the future. Empty when nothing is wrong (or nothing is issued).
    """
    if not own_entity_ids:
        return []
    _start, end = period_bounds(period)
    found = []
    if end >= today:
        found.append(
            f"Месяц {period} ещё не закончился (сегодня {format_date(today)}): документы будут датированы "
            f"{format_date(end)}"
            + (", это дата в будущем." if end > today else ", а услуги месяца ещё оказываются.")
        )
    later = session.execute(
        select(OwnEntity.short_name, func.max(Document.date))
        .join(OwnEntity, OwnEntity.id == Document.own_entity_id)
        .where(
            Document.own_entity_id.in_(list(own_entity_ids)),
            Document.current.is_(True),
            Document.status != DocumentStatus.CANCELLED,
            Document.kind != UKD,  # dated the day it is issued, numbered in a sequence of its own
            Document.date > end,
        )
        .group_by(OwnEntity.short_name)
        .order_by(OwnEntity.short_name)
    )
    for entity, last in later:
        found.append(
            f"У юрлица {entity} уже есть документы более позднего периода {last:%Y-%m} "
            f"(от {format_date(last)}): счета-фактуры нумеруются в порядке дат, поэтому договоры этого юрлица "
            "со счетами-фактурами и УПД со статусом 1 за этот период не закроются, а номера актов и счетов "
            "пойдут в обратном порядке."
        )
    return found


# --- execution ------------------------------------------------------------------------------


def _scaled(
    line: PeriodLine, share: Decimal, includes_vat: bool
) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(price, net, vat, total) of a line for a 70/30 invoice part, rounded per line."""
    if share == 1:
        return line.price, line.net, line.vat, line.total
    amount = (line.amount * share).quantize(KOPECK, rounding=ROUND_HALF_UP)
    net, vat, total = line_amounts(Decimal(1), amount, line.vat_rate, includes_vat)
    return amount, net, vat, total


def zero_line_message(line: PeriodLine) -> str:
    """Why a line whose amount rounds to 0,00 stops its contract: no act, invoice or UPD for nothing."""
    return (
        f"Строка «{line.name}»: {format_quantity(line.quantity)} × {format_money(line.price)} = 0,00 после"
        " округления до копеек — документы на нулевую сумму не выставляются (ни акт, ни счёт, ни УПД);"
        " исправьте количество или цену"
    )


def replace_document(session: Session, old: Document) -> None:
    """Take a document neither signed nor sent out of the current set (a corrected one follows); on
    PostgreSQL the database does it, checking the caller may (accountants and admins)."""
    if session.info.get("enforced"):
        session.flush()
        call_function(session, "SELECT aktdesk_document_replace(:id)", {"id": old.id})
        session.refresh(old)
        return
    old.current = None
    old.status = DocumentStatus.REPLACED
    session.flush()


def _document_lines(
    planned: PlannedDocument, includes_vat: bool, units: dict[str, str]
) -> list[DocumentLine]:
    out = []
    prefix = {PREPAY: "Предоплата", FINAL: "Окончательный расчёт"}.get(planned.stage)
    for position, line in enumerate(planned.lines, start=1):
        price, net, vat, total = _scaled(line, planned.share, includes_vat)
        if total == 0:
            raise ValidationError(zero_line_message(line))
        name = line.name
        if line.prorated or len({(pl.name) for pl in planned.lines}) != len(planned.lines):
            name = f"{line.name} ({line.period_label})"
        if prefix:
            name = f"{prefix} {int(planned.share * 100)}%: {name}"
        quantity = line.quantity if planned.share == 1 else Decimal(1)
        out.append(
            DocumentLine(
                position=position,
                name=name,
                unit_code=line.unit_code or None,
                unit_name=units.get(line.unit_code or ""),
                quantity=quantity,
                price=price,
                amount_net=net,
                vat_rate=line.vat_rate,
                amount_vat=vat,
                amount_total=total,
                period_from=line.period_from,
                period_to=line.period_to,
            )
        )
    return out


def _subtract_advance(document: Document, planned: PlannedDocument, advance: Document | None) -> None:
    """The 30% invoice is the period's full amount minus its 70% advance invoice, line by line,
    so the two always add up to the act exactly (when the advance was issued for the same lines)."""
    if advance is None or len(advance.lines) != len(planned.lines):
        return
    for line, full, pre in zip(
        document.lines, planned.lines, sorted(advance.lines, key=lambda ln: ln.position), strict=True
    ):
        line.amount_net = full.net - pre.amount_net
        line.amount_vat = full.vat - pre.amount_vat
        line.amount_total = full.total - pre.amount_total
        line.price = line.amount_net
    document.amount_net = sum((ln.amount_net for ln in document.lines), Decimal("0.00"))
    document.amount_vat = sum((ln.amount_vat for ln in document.lines), Decimal("0.00"))
    document.amount_total = sum((ln.amount_total for ln in document.lines), Decimal("0.00"))


def _units(session: Session) -> dict[str, str]:
    return {code: short for code, short in session.execute(select(Unit.code, Unit.short_name))}


def issue_row(
    session: Session,
    row: PlanRow,
    *,
    user: str,
    units: dict[str, str],
    regime: str,
    includes_vat: bool,
    prefix: str,
    replace: bool = False,
) -> tuple[list[Document], int]:
    """Issue the planned documents of one contract that do not exist yet (in the caller's transaction).

    The contract row is locked first, so a second user closing the same contract waits here and
    then finds the documents made. With ``replace`` the existing documents that are neither signed
    nor sent are replaced by new versions that keep their numbers (the history keeps the old ones).
    """
    stmt = select(Contract.id).where(Contract.id == row.contract_id)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    if session.scalar(stmt) is None:
        raise UserError(f"Договор {row.contract_number} не найден.")
    keys = {(d.kind, d.stage, d.period) for d in row.documents}
    existing = {
        (doc.kind, doc.stage, doc.period): doc
        for doc in session.scalars(
            select(Document).where(
                Document.contract_id == row.contract_id,
                Document.period.in_({k[2] for k in keys}),
                Document.current.is_(True),
            )
        )
    }
    created: list[Document] = []
    skipped = 0
    # One flush for the contract's new documents (and one for their events, at the commit) instead
    # of one per document and per number taken: the flushes were most of the closing's database time.
    unflushed: list[tuple[Document, PlannedDocument, bool]] = []
    # A sale sent or signed is corrected by a УКД: its unsent act or UPD is not replaced then either.
    correcting = any(d.kind == UKD for d in row.documents)
    for planned in row.documents:
        if planned.kind == UKD:
            session.flush()  # a correction reads what the database holds
            correction = issue_correction(
                session, row, planned, user=user, units=units, regime=regime, prefix=prefix
            )
            if correction is None:
                skipped += 1
            else:
                created.append(correction)
            continue
        old = existing.get(planned.key)
        locked = old is not None and (old.signed or old.sent_at is not None)
        if old is not None and (not replace or locked or (correcting and planned.kind in (ACT, UPD))):
            skipped += 1
            continue
        lines = _document_lines(planned, includes_vat, units)
        year = planned.date.year
        upd_status = (2 if regime == VatRegime.NO_VAT else 1) if planned.kind == UPD else None
        if old is not None:
            replace_document(session, old)
            seq, number, version = old.seq, old.number, old.version + 1
        else:
            if unflushed and numbering.in_invoice_sequence(planned.kind, upd_status):
                session.flush()  # the order-of-dates check of the sequence sees this contract's too
            with session.no_autoflush:
                seq = numbering.take_for(session, row.entity_id, planned.kind, year, planned.date, upd_status)
            number = numbering.format_number(prefix, seq)
            version = 1
        document = Document(
            kind=planned.kind,
            stage=planned.stage,
            own_entity_id=row.entity_id,
            counterparty_id=row.counterparty_id,
            contract_id=row.contract_id,
            period=planned.period,
            period_start=planned.start,
            period_end=planned.end,
            year=year,
            seq=seq,
            number=number,
            date=planned.date,
            due_date=planned.due_date,
            upd_status=upd_status,
            amount_net=sum((ln.amount_net for ln in lines), Decimal("0.00")),
            amount_vat=sum((ln.amount_vat for ln in lines), Decimal("0.00")),
            amount_total=sum((ln.amount_total for ln in lines), Decimal("0.00")),
            version=version,
            replaces_id=old.id if old is not None else None,
            created_by=user,
            lines=lines,
        )
        if planned.stage == FINAL:
            _subtract_advance(document, planned, existing.get((INVOICE, PREPAY, planned.period)))
        session.add(document)
        unflushed.append((document, planned, old is not None))
        created.append(document)
    session.flush()
    log_events(
        session,
        "document",
        [
            (
                document.id,
                "replace" if replaced else "create",
                {
                    "number": document.number,
                    "period": planned.period,
                    "total": document.amount_total,
                    "contract": row.contract_number,
                },
            )
            for document, planned, replaced in unflushed
        ],
        user=user,
    )
    return created, skipped


def issue_correction(
    session: Session,
    row: PlanRow,
    planned: PlannedDocument,
    *,
    user: str,
    units: dict[str, str],
    regime: str,
    prefix: str,
) -> Document | None:
    """Issue the planned УКД (in the caller's transaction, the contract row locked), or None when
    it is no longer needed: the sale's state is read again here, so a rerun, or a second user
    closing at the same time, issues no second УКД for the same change.

    The УКД's lines hold the values after the change and before it (``*_before``); its amounts
    are the difference, after − before (negative for a decrease).
    """
    sales = list(
        session.scalars(
            select(Document).where(
                Document.contract_id == row.contract_id,
                Document.period == planned.period,
                Document.stage == FULL,
                Document.kind.in_((ACT, UPD, SF)),
                Document.current.is_(True),
            )
        )
    )
    target = corrections.target_of(sales)
    if target is None or not any(corrections.is_locked(d) for d in sales):
        return None
    chain = corrections.chain_for(session, target)
    state = corrections.state_of(target, chain, row.includes_vat)
    positions = corrections.changes(
        state, _document_lines(planned, row.includes_vat, units), row.includes_vat
    )
    if not positions:
        return None
    lines = corrections.correction_lines(positions, target.period_start, target.period_end)
    net, vat, total = corrections.difference(positions)
    date = max(planned.date, target.date)
    seq = numbering.take_for(session, row.entity_id, UKD, date.year, date)
    number = numbering.format_number(prefix, seq)
    basis = chain[-1] if chain else target
    document = Document(
        kind=UKD,
        stage=FULL,
        own_entity_id=row.entity_id,
        counterparty_id=row.counterparty_id,
        contract_id=row.contract_id,
        period=target.period,
        period_start=target.period_start,
        period_end=target.period_end,
        year=date.year,
        seq=seq,
        number=number,
        date=date,
        upd_status=2 if regime == VatRegime.NO_VAT else 1,
        amount_net=net,
        amount_vat=vat,
        amount_total=total,
        basis_id=basis.id,
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
            "number": number,
            "period": target.period,
            "total": total,
            "contract": row.contract_number,
            "basis": corrections.document_title(basis),
        },
        user=user,
    )
    return document


def reclose_contract(
    database: Database,
    contract_id: int,
    period: str,
    *,
    user: str | None = None,
) -> ClosingResult:
    """Close one contract again after its terms were corrected: unsent, unsigned documents get a new version."""
    with database.session() as session:
        closing_plan = plan(session, period, contract_ids=[contract_id])
    return execute(database, closing_plan, user=user, replace=True)


CLOSE_FAILED = "close_failed"


def _record_failure(database: Database, contract_id: int, period: str, message: str, user: str) -> None:
    """Log a failed contract (the overview counts them per month) in a transaction of its own."""
    try:
        with database.transaction() as session:
            log_event(
                session,
                "contract",
                contract_id,
                CLOSE_FAILED,
                {"period": period, "message": message},
                user=user,
            )
    except Exception:  # the database itself failing must not hide the contract's own error
        pass


def execute(
    database: Database,
    closing_plan: ClosingPlan,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    user: str | None = None,
    after_contract: Callable[[list[Document]], None] | None = None,
    only: Sequence[int] | None = None,
    replace: bool = False,
    today: dt.date | None = None,
) -> ClosingResult:
    """Create the documents of the plan's rows (not excluded), one transaction per contract; then the
    advance счета-фактуры whose five days are over (``issue_overdue_advances``)."""
    user = database.acting(user)
    result = ClosingResult(closing_plan.period)
    rows = [r for r in closing_plan.rows if not r.excluded and r.skip_reason is None]
    if only is not None:
        wanted = set(only)
        rows = [r for r in rows if r.contract_id in wanted]
    total = result.planned = len(rows)
    sums: dict[str, dict[str, Decimal]] = {}
    with database.session() as session:
        units = _units(session)
    today = today or dt.date.today()
    if rows:  # the overdue advances dated in or before the period: numbered before its sales
        issue_overdue_advances(database, result, today, user, after_contract, (None, closing_plan.end))
    for index, row in enumerate(rows):
        if cancel is not None and cancel.cancelled:
            result.cancelled = True
            break
        progress(index, total, row.client)
        try:
            with database.transaction() as session:
                created, skipped = issue_row(
                    session,
                    row,
                    user=user,
                    units=units,
                    regime=row.regime,
                    includes_vat=row.includes_vat,
                    prefix=row.prefix,
                    replace=replace,
                )
                for document in created:
                    result.documents[document.kind] += 1
                    result.document_ids.append(document.id)
                    if document.kind in (ACT, UPD) and document.stage == FULL:
                        rates = sums.setdefault(row.entity, {})
                        for line in document.lines:
                            rates[line.vat_rate] = rates.get(line.vat_rate, Decimal(0)) + line.amount_total
            result.skipped_existing += skipped
            result.contracts += 1
            if after_contract is not None and created:
                after_contract(created)
        except Cancelled:
            result.cancelled = True
            break
        except DatabaseError:  # the database itself failed (busy, gone, damaged): not this contract's fault
            raise
        except UserError as error:
            result.errors.append(ClosingError(row.contract_number, error.message, row.contract_id))
            _record_failure(database, row.contract_id, closing_plan.period, error.message, user)
        except Exception as error:  # a bug in one contract must not stop the month
            message = unexpected_error_text(error)  # an OS error in Russian, with its file
            result.errors.append(ClosingError(row.contract_number, message, row.contract_id))
            _record_failure(database, row.contract_id, closing_plan.period, message, user)
    if rows and not result.cancelled:  # the later ones after the period's sales dated at its end
        issue_overdue_advances(database, result, today, user, after_contract, (closing_plan.end, None))
    progress(result.contracts + len(result.errors), total, "")
    result.totals = {
        entity: {rate: f"{amount:.2f}" for rate, amount in rates.items()} for entity, rates in sums.items()
    }
    return result


def issue_overdue_advances(
    database: Database,
    result: ClosingResult,
    today: dt.date,
    user: str,
    after_contract: Callable[[list[Document]], None] | None,
    dated: tuple[dt.date | None, dt.date | None],
) -> None:
    """The advance счета-фактуры not issued within their five days, issued by a closing run and dated
    the last lawful day: those dated up to the period's end before its documents, the later ones
    after them (so that the month's sales dated at its end are numbered first: the счёт-фактура
    sequence is chronological). Their files go with the run's (``after_contract``)."""
    try:
        issued, made = advances.issue(database, today, overdue_only=True, dated=dated, user=user)
    except UserError as error:
        result.errors.append(ClosingError(RUN, error.message))
        return
    for document in made:
        result.documents[document.kind] += 1
        result.document_ids.append(document.id)
    result.errors.extend(ClosingError(RUN, message) for message in issued.refusals)
    if after_contract is not None and made:
        after_contract(made)


def dry_run_summary(closing_plan: ClosingPlan) -> dict[str, Any]:
    """What ``execute`` would make, in the shape of its JSON summary (nothing is written)."""
    documents = _no_documents()
    existing = 0
    for row in closing_plan.rows:
        if row.skip_reason is not None or row.excluded:
            continue
        for doc in row.documents:
            if doc.existing_number is None:
                documents[doc.kind] += 1
            else:
                existing += 1
    return {
        "period": closing_plan.period,
        "dry_run": True,
        "contracts": len(closing_plan.issuing()),
        "documents": {kind.value: count for kind, count in documents.items()},
        "pdf": 0,
        "xml": 0,
        "skipped_existing": existing,
        "errors": [],
        "warnings": [
            {"contract": row.contract_number, "message": warning}
            for row in closing_plan.rows
            for warning in row.warnings
        ],
    }
