"""The calls of the «Запросы документов» tab and of ``aktdesk docs-request`` (each takes a
``Database`` and returns plain data or detached rows)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from desktop.core.common.formats import format_date
from desktop.core.contracts.editing import ContractInput, ContractTemplate, templates_for
from desktop.core.db import Database
from desktop.core.doc_requests import attachments, issuing, queries, validation, workflow
from desktop.core.doc_requests.validation import RequestInput
from desktop.core.errors import UserError, unexpected_error_text
from desktop.core.models import (
    Contract,
    Counterparty,
    DocRequest,
    DocRequestState,
    OwnEntity,
    ScanStatus,
    Service,
)
from desktop.core.scans.store import AttachResult, ScanStore

log = logging.getLogger(__name__)


@dataclass
class Sent:
    """What sending a request did: its state, the files of a standard one, or why they were not made."""

    request_id: int
    state: str
    standard: bool
    files: list[Path] = field(default_factory=list)
    problem: str = ""  # a standard request the program could not complete (it waits in the queue)


@dataclass(frozen=True)
class FormChoices:
    regions: list[str]
    entities: list[tuple[int, str]]
    templates: list[tuple[str, str]]
    services: list[tuple[int, str]]
    contracts: list[tuple[int, str]]


def form_choices(
    database: Database, region: str = "", entity_id: int | None = None, counterparty_id: int | None = None
) -> FormChoices:
    """What the form offers: the regions, the entities of the region, the contract forms allowed for
    the entity and the client's kind, the services the entity sells, the client's contracts."""
    with database.session() as session:
        entities = validation.entities_for(session, region)
        entity = session.get(OwnEntity, entity_id) if entity_id else None
        party = session.get(Counterparty, counterparty_id) if counterparty_id else None
        templates: list[ContractTemplate] = templates_for(entity, party) if entity and party else []
        sold = validation.sold_by(session, entity.id) if entity is not None else None
        services = [
            (s.id, s.name)
            for s in session.scalars(
                select(Service).where(Service.is_active.is_(True)).order_by(Service.name)
            )
            if sold is None or s.id in sold
        ]
        contracts: list[tuple[int, str]] = []
        if party is not None:
            stmt = select(Contract).where(Contract.counterparty_id == party.id).order_by(Contract.date.desc())
            if entity is not None:
                stmt = stmt.where(Contract.own_entity_id == entity.id)
            contracts = [(c.id, f"№ {c.number} от {format_date(c.date)}") for c in session.scalars(stmt)]
        return FormChoices(
            regions=validation.regions(session),
            entities=[(e.id, e.short_name) for e in entities],
            templates=[(t.code, t.title) for t in templates],
            services=services,
            contracts=contracts,
        )


def problems(database: Database, data: RequestInput) -> tuple[dict[str, str], dict[str, str]]:
    """What is wrong in what is filled in (``validation.field_errors``, shown at the field) and what
    is still missing before the request can be sent (``validation.missing``)."""
    with database.session() as session:
        return validation.field_errors(session, data), validation.missing(session, data)


def load(database: Database, request_id: int) -> DocRequest:
    """The request with its lines, history and files (detached)."""
    with database.session() as session:
        request = workflow.get_request(session, request_id)
        _ = request.contract
        return request


def request_input(database: Database, request_id: int) -> RequestInput:
    with database.session() as session:
        return workflow.as_input(workflow.get_request(session, request_id))


def save(database: Database, data: RequestInput, request_id: int | None = None) -> int:
    with database.transaction() as session:
        return workflow.save_draft(session, data, request_id).id


def list_rows(
    database: Database, view: str, login: str, state: str | None = None, search: str = ""
) -> list[queries.RequestRow]:
    with database.session() as session:
        return queries.rows(session, view, login=login, state=state, search=search)


def _complete_standard(
    database: Database, request_id: int, out_dir: Path, pdf_converter: str | None, sent: Sent
) -> None:
    try:
        issued = issuing.issue_standard(database, request_id, out_dir, pdf_converter=pdf_converter)
    except UserError as error:
        sent.problem = error.message
    except OSError as error:
        sent.problem = unexpected_error_text(error)
    else:
        sent.files, sent.state = issued.files, DocRequestState.READY
        return
    log.warning("document request %s not completed by the program: %s", request_id, sent.problem)
    with database.transaction() as session:
        request = workflow.get_request(session, request_id)
        workflow.record(
            request, database.acting(), None, None, f"Документы не сформированы автоматически: {sent.problem}"
        )
        for accountant in workflow.accountants(session):
            workflow.tell(
                session,
                accountant,
                f"{workflow.title(request)}: не сформирован автоматически — {sent.problem}",
                request,
            )


def send(database: Database, request_id: int, out_dir: Path, *, pdf_converter: str | None = "auto") -> Sent:
    """Send a draft; a standard one is completed at once (its files in ``out_dir``); one that could
    not be completed stays «Отправлен» in the queue with the reason in its history."""
    with database.transaction() as session:
        request = workflow.send(session, request_id)
        standard = validation.is_standard(session, workflow.as_input(request))
        pending = request.number_pending
    sent = Sent(request_id, DocRequestState.SENT, standard)
    if standard and not pending:
        _complete_standard(database, request_id, out_dir, pdf_converter, sent)
    return sent


def take(database: Database, request_id: int) -> None:
    with database.transaction() as session:
        workflow.take(session, request_id)


def reject(database: Database, request_id: int, reason: str) -> None:
    with database.transaction() as session:
        workflow.reject(session, request_id, reason)


def approve_number(
    database: Database, request_id: int, out_dir: Path, *, pdf_converter: str | None = "auto"
) -> Sent:
    """The accountant approves the contract number; the standard request is then completed."""
    with database.transaction() as session:
        request = workflow.approve_number(session, request_id)
        state = request.state
    if state == DocRequestState.IN_WORK:  # taken first: back to the state the program completes from
        with database.transaction() as session:
            request = workflow.get_request(session, request_id)
            request.state = DocRequestState.SENT
            workflow.record(request, database.acting(), DocRequestState.IN_WORK, DocRequestState.SENT)
    sent = Sent(request_id, DocRequestState.SENT, True)
    _complete_standard(database, request_id, out_dir, pdf_converter, sent)
    return sent


def complete(database: Database, request_id: int) -> None:
    with database.transaction() as session:
        workflow.complete(session, request_id)


def contract_input(database: Database, request_id: int) -> ContractInput:
    """The contract wizard filled from the request («Подготовить»)."""
    with database.session() as session:
        return issuing.contract_input(session, workflow.get_request(session, request_id))


def may_work_queue(database: Database, login: str) -> bool:
    with database.session() as session:
        return workflow.may_work_queue(session, login)


def attach(database: Database, store: ScanStore, request_id: int, files: list[Path]) -> AttachResult:
    """Files attached to the request, filed on the share like scans (or queued in the outbox)."""
    with database.transaction() as session:
        return attachments.attach(session, store, request_id, files)


@dataclass(frozen=True)
class Attachment:
    name: str
    path: str  # on the share (relative to its root) or, while queued, the outbox copy
    stored: bool


def attached(database: Database, request_id: int) -> list[Attachment]:
    with database.session() as session:
        out = []
        for scan in attachments.attachments(session, request_id):
            stored = scan.status == ScanStatus.STORED
            out.append(
                Attachment(scan.original_name, (scan.path if stored else scan.outbox_path) or "", stored)
            )
        return out


prepare = issuing.prepare  # «Подготовить»: the queue's step, see there
