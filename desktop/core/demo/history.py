"""A past for the demo database: the last complete months closed and a bank statement imported.

``fill_demo`` makes directories, contracts and work orders only; a program opened on it would show
an empty registry, payments tab and overview. ``add_demo_history`` does what an accountant would
have done in the past months, through the program's own paths: the real month closing with its
files (DOCX, PDF when a converter is there, UPD XML), then a bank statement of the clients'
payments stored and matched like an imported one — most invoices of the older month paid, some
partly, fewer of the last month, and a few receipts nobody can match (for the unallocated list).
Acts stay unsigned: they are signed by their scans, which only a person can bring.

A demo is filled once and completely: ``plan_history`` records (in the transaction that fills the
directories and contracts) that a past is due and for which day; ``add_demo_history`` records it
done in the transaction that stores the statement. A fill cancelled or killed after the first
transaction leaves the plan without its completion (``pending_history``): the next start runs
``add_demo_history`` again for the same day, which closes what is not closed, writes the missing
files and stores the statement — a resumed demo is the demo a run without a cancel makes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.bank.statement import BankDocument, Party, Statement
from desktop.core.books.advance_run import issue_with_files
from desktop.core.closing import plan as closing
from desktop.core.closing.files import FileWriter
from desktop.core.common.events import log_event
from desktop.core.common.periods import last_periods, next_period, period_title
from desktop.core.db import Database
from desktop.core.errors import Cancelled
from desktop.core.jobs import CancelToken, Progress, no_progress, stage_progress
from desktop.core.models import BankAccount, Counterparty, Document, DocumentKind, DocumentStage, Event
from desktop.core.payments.importing import ImportReport, own_accounts, store_statement

USER = "demo"
STATEMENT_NAME = "Демо-выписка.txt"
HISTORY_PLANNED = "history_planned"
HISTORY_DONE = "history_done"


def history_steps(months: int) -> int:
    """The stages of the demo's past, as the progress dialog counts them: each month's closing,
    the bank statement, the overdue advance счета-фактуры."""
    return months + 2


@dataclass(frozen=True)
class PlannedHistory:
    today: dt.date
    months: int = 2
    seed: int = 1


def plan_history(session: Session, today: dt.date, *, months: int = 2, seed: int = 1) -> None:
    """Record, in the caller's transaction (the one filling the demo), that the demo gets a past."""
    log_event(
        session, "demo", None, HISTORY_PLANNED, {"today": today, "months": months, "seed": seed}, user=USER
    )


def pending_history(session: Session) -> PlannedHistory | None:
    """The demo's past when it was planned and not completed (a fill cancelled or killed midway)."""
    actions = {
        action: details
        for action, details in session.execute(
            select(Event.action, Event.details).where(
                Event.object_type == "demo", Event.action.in_((HISTORY_PLANNED, HISTORY_DONE))
            )
        )
    }
    if HISTORY_PLANNED not in actions or HISTORY_DONE in actions:
        return None
    details = json.loads(actions[HISTORY_PLANNED] or "{}")
    return PlannedHistory(
        dt.date.fromisoformat(details["today"]), int(details.get("months", 2)), int(details.get("seed", 1))
    )


@dataclass
class DemoHistory:
    periods: list[str] = field(default_factory=list)
    documents: int = 0
    pdf: int = 0
    xml: int = 0
    errors: list[closing.ClosingError] = field(default_factory=list)
    payments: ImportReport | None = None
    advances: int = 0  # advance счета-фактуры issued on the statement's prepayments

    def as_dict(self) -> dict[str, Any]:
        return {
            "periods": self.periods,
            "documents": self.documents,
            "pdf": self.pdf,
            "xml": self.xml,
            "errors": [error.as_dict() for error in self.errors],
            "payments": self.payments.as_dict() if self.payments is not None else None,
            "advances": self.advances,
        }


def past_periods(today: dt.date, months: int) -> list[str]:
    """The ``months`` complete months before ``today``'s, oldest first: ``["2026-09", "2026-10"]``."""
    return last_periods(today, months + 1)[:-1]


def add_demo_history(
    database: Database,
    out_dir: Path,
    *,
    today: dt.date | None = None,
    months: int = 2,
    pdf: bool = True,
    pdf_converter: str = "auto",
    seed: int = 1,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    first_step: int = 1,
    steps: int | None = None,
) -> DemoHistory:
    """Close the last ``months`` complete months with their files, then pay part of the invoices.

    ``progress`` hears each stage as «Шаг N из M. …» (``history_steps``; ``first_step`` and ``steps``
    when the demo's fill is a stage before them).

    Cancelled: raises ``Cancelled`` after the current contract and the files in flight; nothing of
    the statement is stored, and running it again (same ``today``) completes the demo.
    """
    today = today or dt.date.today()
    history = DemoHistory(periods=past_periods(today, months))
    steps = steps or first_step - 1 + history_steps(months)

    def stage(number: int, name: str) -> Progress:
        return stage_progress(progress, first_step + number, steps, name)

    for index, period in enumerate(history.periods):
        # Made before the plan (LibreOffice and the workers start meanwhile); the next month's run
        # takes them over running (keep_pools).
        files = FileWriter(
            database, out_dir, pdf=pdf, pdf_converter=pdf_converter, cancel=cancel, keep_pools=True
        )
        try:
            closing_stage = stage(index, f"Закрытие: {period_title(period)}")
            closing_stage(0, 0, "проверка договоров")  # a stage without a count yet: only its name is shown
            with database.session() as session:
                plan = closing.plan(session, period)
            files.expect(plan.documents_to_issue())
            result = _close(database, plan, files, closing_stage, cancel)
        finally:
            files.close()
        if result.cancelled:
            raise Cancelled()
        history.documents += sum(result.documents.values())
        history.pdf += result.pdf
        history.xml += result.xml
        history.errors += result.errors
    if cancel is not None:
        cancel.raise_if_cancelled()
    stage(len(history.periods), "Выписка банка")(0, 0, "")
    with database.transaction() as session:
        statement = demo_statement(session, history.periods, today, seed)
        history.payments = store_statement(session, statement, STATEMENT_NAME, own_accounts(session), USER)
        log_event(session, "demo", None, HISTORY_DONE, {"periods": history.periods}, user=USER)
    # The advance счета-фактуры whose five days are over, as the accountant issued them (with their
    # files); the recent ones stay due, for «Бухгалтерия → Авансы».
    advances_stage = stage(len(history.periods) + 1, "Авансовые счета-фактуры")
    advances_stage(0, 0, "")
    issued = issue_with_files(
        database,
        today,
        out_dir,
        overdue_only=True,
        pdf=pdf,
        pdf_converter=pdf_converter,
        user=USER,
        progress=advances_stage,
    )
    history.documents += len(issued.document_ids)
    history.advances = len(issued.document_ids)
    history.errors += [closing.ClosingError(closing.RUN, message) for message in issued.refusals]
    return history


def _close(
    database: Database,
    plan: closing.ClosingPlan,
    files: FileWriter,
    progress: Progress,
    cancel: CancelToken | None,
) -> closing.ClosingResult:
    """One month of the history closed with its files: its contracts, then its files and PDFs."""
    result = closing.execute(
        database, plan, progress=progress, cancel=cancel, user=USER, after_contract=files.add
    )
    files.finish(result, progress=progress)
    return result


def demo_statement(session: Session, periods: list[str], today: dt.date, seed: int = 1) -> Statement:
    """Incoming payments for invoices of ``periods`` (older ones paid more often), and a few that
    name no invoice, as a bank would list them."""
    rng = random.Random(seed)
    invoices = list(
        session.scalars(
            select(Document)
            .where(
                Document.kind == DocumentKind.INVOICE,
                Document.current.is_(True),
                Document.period.in_(periods),
            )
            .options(selectinload(Document.counterparty))
            .order_by(Document.id)
        )
    )
    accounts = {
        a.own_entity_id: a.account
        for a in session.scalars(select(BankAccount).order_by(BankAccount.is_primary, BankAccount.id))
    }
    documents: list[BankDocument] = []

    def add(amount: Decimal, payer: Counterparty, own_entity_id: int, purpose: str, day: dt.date) -> None:
        documents.append(
            BankDocument(
                doc_type="Платежное поручение",
                line=len(documents) + 1,
                number=str(rng.randint(100, 9999)),
                date=day,
                amount=amount,
                payer=Party(
                    name=payer.short_name, inn=payer.inn, kpp=payer.kpp or "", account=payer.account or ""
                ),
                payee=Party(account=accounts.get(own_entity_id, "")),
                date_debited=None,
                date_credited=day,
                purpose=purpose,
                payment_kind="01",
            )
        )

    last = periods[-1]
    for invoice in invoices:
        share = 0.4 if invoice.period == last else 0.85  # the older month is mostly paid
        roll = rng.random()
        if roll >= share + 0.07 or invoice.counterparty is None or invoice.own_entity_id not in accounts:
            continue
        amount = invoice.amount_total if roll < share else (invoice.amount_total / 2).quantize(Decimal("1"))
        if invoice.stage == DocumentStage.PREPAY:
            # A prepayment for a month the demo has closed came in its last days: its sale followed
            # within five days, so it needed no advance счёт-фактура (docs/domain.md, «Advances»).
            day = max(invoice.date, invoice.period_end - dt.timedelta(days=rng.randint(0, 4)))
        else:
            day = invoice.date + dt.timedelta(days=rng.randint(3, 25))
        day = min(today, day)
        vat = f"В т.ч. НДС {invoice.amount_vat:.2f} руб." if invoice.amount_vat else "НДС не облагается"
        add(
            amount,
            invoice.counterparty,
            invoice.own_entity_id,
            f"Оплата по счету № {invoice.number} от {invoice.date:%d.%m.%Y} за услуги. {vat}",
            day,
        )
    # Prepayments for the month under way: advances, each with its счёт-фактура due within five days.
    ahead = session.scalars(
        select(Document)
        .where(
            Document.kind == DocumentKind.INVOICE,
            Document.stage == DocumentStage.PREPAY,
            Document.current.is_(True),
            Document.period == next_period(last),
        )
        .options(selectinload(Document.counterparty))
        .order_by(Document.id)
    )
    for invoice in ahead:
        if rng.random() >= 0.7 or invoice.counterparty is None or invoice.own_entity_id not in accounts:
            continue
        day = min(today, invoice.date + dt.timedelta(days=rng.randint(1, 12)))
        vat = f"В т.ч. НДС {invoice.amount_vat:.2f} руб." if invoice.amount_vat else "НДС не облагается"
        add(
            invoice.amount_total,
            invoice.counterparty,
            invoice.own_entity_id,
            f"Предоплата по счету № {invoice.number} от {invoice.date:%d.%m.%Y} за услуги. {vat}",
            day,
        )
    # Receipts that name no invoice: the unallocated list has something to assign.
    clients = [i.counterparty for i in invoices[:3] if i.counterparty is not None]
    for index, client in enumerate(clients):
        own = invoices[index].own_entity_id
        add(
            Decimal(5000 * (index + 1)),
            client,
            own,
            "Оплата за услуги по договору",
            today - dt.timedelta(days=index),
        )
    return Statement(
        file_name=STATEMENT_NAME,
        encoding="cp1251",
        header={"ВерсияФормата": "1.03", "Кодировка": "Windows", "Отправитель": "Демо-банк"},
        header_accounts=sorted(set(accounts.values())),
        accounts=[],
        documents=documents,
    )
