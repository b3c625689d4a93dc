"""The documents of a standard request, made by the program at its sending: the contract (number under
the entity's rule) and the invoice for payment (100% or the 70% advance; a postpaid contract's
invoice for its first period), as DOCX and PDF, without the stamp and — where the contract allows a
facsimile — with it; the request is then «Готово» and its author told.

Two transactions: the contract and the invoice are made together (nothing half-saved), then the
files and the completion. A request whose files could not be written keeps its contract and invoice
(``DocRequest.contract_id``); running this again writes the files without making anything twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.closing.files import load_documents
from desktop.core.closing.plan import PREPAY_SHARE, PlannedDocument, PlanRow, empty_row, issue_row
from desktop.core.common.catalog import entity_regime_on
from desktop.core.common.formats import format_date
from desktop.core.common.labels import KIND_TITLES
from desktop.core.common.periods import period_of
from desktop.core.common.workdays import term_end
from desktop.core.contracts.editing import ContractInput, LineInput, create_contract
from desktop.core.contracts.printing import contract_path, load_for_print
from desktop.core.contracts.terms import billing_period, period_lines
from desktop.core.db import Database
from desktop.core.doc_requests import workflow
from desktop.core.doc_requests.validation import is_standard
from desktop.core.documents.context import ContextOptions, context_for, contract_context
from desktop.core.documents.paths import document_path
from desktop.core.documents.render import render_to_file
from desktop.core.errors import UserError
from desktop.core.models import (
    Contract,
    ContractKind,
    DocRequest,
    Document,
    DocumentKind,
    DocumentSet,
    DocumentStage,
    PaymentTerms,
    Scan,
    ScanStatus,
    Unit,
    User,
)

NO_STAMP = " без печати"


@dataclass
class Issued:
    """What a standard request got: the contract, the invoice, the files written."""

    request_id: int
    contract_id: int | None = None
    invoice_id: int | None = None
    files: list[Path] = field(default_factory=list)


def contract_input(session: Session, request: DocRequest) -> ContractInput:
    """The contract the request asks for: monthly, fixed fee, the request's services and dates."""
    manager = session.scalar(select(User.id).where(User.login == request.initiator))
    return ContractInput(
        own_entity_id=request.own_entity_id,
        counterparty_id=request.counterparty_id,
        template=request.template,
        date=request.contract_date,
        valid_from=request.valid_from,
        valid_to=request.valid_to,
        kind=ContractKind.FIXED,
        payment_terms=request.payment_terms,
        documents=DocumentSet.ACT_INVOICE,
        facsimile_allowed=request.facsimile_allowed,
        manager_id=manager,
        lines=[
            LineInput(service_id=line.service_id, price=line.price, quantity=line.quantity)
            for line in request.lines
        ],
    )


def _invoice_row(contract: Contract, day: dt.date) -> PlanRow:
    """The plan of the first invoice for payment: the period the services start in, 100% or 70%
    ahead (the closing of that period then issues the act and the 30%), or the period's invoice of a
    postpaid contract (the closing finds it made)."""
    period = period_of(contract.valid_from)
    start, end = billing_period(contract, period)
    lines = period_lines(contract, max(start, contract.valid_from), end)
    if not lines:
        raise UserError(
            f"Договор № {contract.number}: нет услуг на {format_date(contract.valid_from)} — счёт не выставлен."
        )
    terms = contract.payment_terms
    stage = DocumentStage.FULL if terms == PaymentTerms.POSTPAY else DocumentStage.PREPAY
    share = PREPAY_SHARE if terms == PaymentTerms.PREPAY_70_30 else Decimal(1)
    due = term_end(day, contract.postpay_days, contract.postpay_banking_days)
    planned = PlannedDocument(DocumentKind.INVOICE, stage, period, start, end, day, due, tuple(lines), share)
    entity = contract.own_entity
    row = empty_row(contract)
    row.lines, row.documents = lines, [planned]
    row.regime, row.includes_vat, row.prefix = (
        entity_regime_on(entity, day),
        contract.price_includes_vat,
        entity.doc_prefix,
    )
    return row


def make_documents(session: Session, request: DocRequest, user: str) -> tuple[Contract, Document | None]:
    """The contract and (when asked) its invoice, in the caller's transaction."""
    contract = create_contract(session, contract_input(session, request), user=user)
    request.contract_id = contract.id
    session.flush()
    return contract, make_invoice(session, request, contract.id, user)


def make_invoice(session: Session, request: DocRequest, contract_id: int, user: str) -> Document | None:
    """The request's invoice for payment on this contract (when asked for and not made yet)."""
    if "invoice" not in request.wanted.split(","):
        return None
    if (made := _invoice_of(session, contract_id)) is not None:
        return made
    contract = load_for_print(session, contract_id)
    assert request.invoice_date is not None
    row = _invoice_row(contract, request.invoice_date)
    units = {code: short for code, short in session.execute(select(Unit.code, Unit.short_name))}
    created, _skipped = issue_row(
        session,
        row,
        user=user,
        units=units,
        regime=row.regime,
        includes_vat=row.includes_vat,
        prefix=row.prefix,
    )
    return created[0] if created else None


def _invoice_of(session: Session, contract_id: int) -> Document | None:
    return session.scalars(
        select(Document)
        .where(
            Document.contract_id == contract_id,
            Document.kind == DocumentKind.INVOICE,
            Document.current.is_(True),
        )
        .order_by(Document.id)
        .limit(1)
    ).first()


def _variants(request: DocRequest) -> tuple[bool, ...]:
    """Without the stamp always; with it too where the contract allows a facsimile."""
    return (False, True) if request.facsimile_allowed else (False,)


def _no_stamp(path: Path) -> Path:
    return path.with_name(path.stem + NO_STAMP + path.suffix)


def write_files(
    session: Session, request: DocRequest, out_dir: Path, pdf_converter: str | None
) -> list[tuple[str, str, Path, bool, int | None]]:
    """Render the contract's and the invoice's DOCX (each variant) and convert them to PDF in one
    run of the converter; returns (what, title, file, with stamp, document id) of each file."""
    assert request.contract_id is not None
    contract = load_for_print(session, request.contract_id)
    contract_title = f"Договор № {contract.number} от {format_date(contract.date)}"
    planned: list[tuple[str, str, Path, bool, int | None]] = []
    for stamp in _variants(request):
        context = contract_context(contract, ContextOptions(with_stamp=stamp))
        target = contract_path(out_dir, contract, stamp, "docx")
        planned.append(("contract", contract_title, render_to_file("contract", context, target), stamp, None))
    invoice = _invoice_of(session, contract.id) if "invoice" in request.wanted.split(",") else None
    if invoice is not None:
        (invoice,) = load_documents(session, [invoice.id])
        invoice_title = (
            f"{KIND_TITLES[DocumentKind.INVOICE]} № {invoice.number} от {format_date(invoice.date)}"
        )
        registry_file = document_path(out_dir, invoice, "docx")  # the registry's copy: the last variant
        variants = _variants(request)
        for stamp in variants:
            target = _no_stamp(registry_file) if stamp != variants[-1] else registry_file
            context = context_for(DocumentKind.INVOICE, invoice, with_stamp=stamp)
            planned.append(
                ("invoice", invoice_title, render_to_file("invoice", context, target), stamp, invoice.id)
            )
        invoice.docx_path = str(registry_file)
        invoice.pdf_path = str(registry_file.with_suffix(".pdf")) if pdf_converter is not None else None
    files = list(planned)
    if pdf_converter is not None:
        # deferred: the PDF backends (psutil, pypdfium2) load only when a PDF is made
        from desktop.core.documents.pdf import detect_backend

        docx = [item[2] for item in planned]
        with detect_backend(pdf_converter) as backend:
            backend.convert(docx, [path.with_suffix(".pdf") for path in docx])
        files += [
            (what, text, path.with_suffix(".pdf"), stamp, doc) for what, text, path, stamp, doc in planned
        ]
    return files


def write_and_link(
    session: Session, request: DocRequest, out_dir: Path, pdf_converter: str | None
) -> list[Path]:
    """Write the contract's and the invoice's files (``write_files``) and link each to the request."""
    written = []
    for what, text, path, stamp, document_id in write_files(session, request, out_dir, pdf_converter):
        workflow.link(
            session,
            request,
            what,
            text,
            str(path),
            contract_id=request.contract_id if what == "contract" else None,
            document_id=document_id,
            with_stamp=stamp,
        )
        written.append(path)
    return written


def issue_standard(
    database: Database,
    request_id: int,
    out_dir: Path,
    *,
    pdf_converter: str | None = "auto",
    user: str | None = None,
) -> Issued:
    """Make a sent standard request's documents and files and complete it (see the module)."""
    user = database.acting(user)
    result = Issued(request_id)
    with database.transaction() as session:
        request = workflow.get_request(session, request_id)
        workflow.require_state(request, (workflow.SENT,), "сформировать документы")
        if not is_standard(session, workflow.as_input(request)):
            raise workflow.StepRefused(f"{workflow.title(request)}: не стандартный — его готовит бухгалтер.")
        if request.number_pending:
            raise workflow.StepRefused(
                f"{workflow.title(request)}: номер договора ждёт утверждения бухгалтером."
            )
        if request.contract_id is None:
            make_documents(session, request, user)
    with database.transaction() as session:
        request = workflow.get_request(session, request_id)
        assert request.contract_id is not None
        request.made.clear()
        session.flush()
        result.files = write_and_link(session, request, Path(out_dir), pdf_converter)
        session.flush()
        workflow.complete(session, request_id, login=user, by_program=True)
        result.contract_id = request.contract_id
        invoice = _invoice_of(session, request.contract_id)
        result.invoice_id = invoice.id if invoice is not None else None
    return result


def prepare(
    database: Database,
    request_id: int,
    contract_id: int | None,
    out_dir: Path,
    *,
    pdf_converter: str | None = "auto",
    share_root: str = "",
    user: str | None = None,
) -> list[Path]:
    """«Подготовить» of the queue: the contract the accountant made in the wizard (``contract_id``)
    becomes the request's, its invoice is made when asked for, and the contract's and the invoice's
    files are written and linked (also for the contract the program made at sending, when writing
    its files failed or the run was killed: nothing is made twice); for a request on an existing contract its latest act / UPD /
    invoice and the copies of its signed scans are linked. The request stays «В работе» until the
    accountant presses «Готово». Returns the files linked."""
    user = database.acting(user)
    with database.transaction() as session:
        request = workflow.get_request(session, request_id)
        workflow.require_state(request, (workflow.SENT, workflow.IN_WORK), "подготовить документы")
        if not workflow.may_work_queue(session, user):
            raise workflow.StepRefused(f"{workflow.title(request)}: готовит документы бухгалтер.")
        if request.state == workflow.SENT:
            workflow.take(session, request_id, login=user)
        if contract_id is not None:
            if session.get(Contract, contract_id) is None:
                raise UserError(f"Договор #{contract_id} не найден.")
            request.contract_id = contract_id
            session.flush()
        if request.contract_id is None:
            raise workflow.StepRefused(
                f"{workflow.title(request)}: укажите договор — создайте его в мастере или выберите в запросе."
            )
        # The request's own new contract: made in the wizard now, or by the program at sending when
        # its files could not be written then (a full folder, a killed run): its files are written here.
        new_contract = "contract" in request.wanted.split(",")
        if new_contract:
            make_invoice(session, request, request.contract_id, user)
    files: list[Path] = []
    with database.transaction() as session:
        request = workflow.get_request(session, request_id)
        if new_contract:
            files = write_and_link(session, request, Path(out_dir), pdf_converter)
        skip = {"invoice"} if new_contract else set()
        files += [Path(p) for p in link_existing(session, request, share_root, skip=skip)]
        workflow.record(request, user, None, None, f"Подготовлено файлов: {len(files)}")
    return files


def link_existing(
    session: Session, request: DocRequest, share_root: str, skip: set[str] | None = None
) -> list[str]:
    """The latest act / UPD / invoice asked for on the request's contract and the copies of its signed
    scans, linked to the request (``skip``: kinds already linked); returns their files."""
    linked: list[str] = []
    skip = skip or set()
    wanted = set(request.wanted.split(","))
    contract_id = request.contract_id
    if contract_id is None:
        return linked
    for kind, what in (
        (DocumentKind.ACT, "act"),
        (DocumentKind.UPD, "upd"),
        (DocumentKind.INVOICE, "invoice"),
    ):
        if what not in wanted or what in skip:
            continue
        document = session.scalars(
            select(Document)
            .where(Document.contract_id == contract_id, Document.kind == kind, Document.current.is_(True))
            .order_by(Document.date.desc(), Document.id.desc())
            .limit(1)
        ).first()
        if document is None:
            continue
        text = f"{KIND_TITLES[kind]} № {document.number} от {format_date(document.date)}"
        for path in (document.docx_path, document.pdf_path):
            if path:
                workflow.link(session, request, what, text, path, document_id=document.id, with_stamp=True)
                linked.append(path)
    if "copies" in wanted:
        documents = select(Document.id).where(Document.contract_id == contract_id)
        scans = session.scalars(
            select(Scan)
            .where(Scan.status == ScanStatus.STORED)
            .where((Scan.contract_id == contract_id) | Scan.document_id.in_(documents))
            .order_by(Scan.id)
        )
        for scan in scans:
            full = str(Path(share_root) / (scan.path or "")) if share_root else (scan.path or "")
            workflow.link(
                session, request, "copy", f"Копия: {scan.original_name}", full, document_id=scan.document_id
            )
            linked.append(full)
    return linked
