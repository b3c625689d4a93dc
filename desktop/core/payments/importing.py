"""Importing bank statements into the database: each payment stored once, receipts matched to invoices.

Every file is read and checked whole before anything is written; a malformed one imports nothing
and is reported with its line and reason while the other files go on. Each accepted file is one
transaction. Payments are keyed by their fingerprint, so overlapping statements and re-imported
files add nothing twice. Receipts are matched to the open invoices of the receiving entity
(``payments.matching.match_payment``) and applied only when the match is unambiguous; our own outgoing
payments are handed to the payment requests (``requests.settlement.settle_outgoing``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.bank import (
    PAYMENT_ORDER,
    BankDocument,
    BankFileError,
    Statement,
    direction,
    document_kind,
    fingerprint,
    legacy_fingerprint,
    new_documents,
    normal_kind,
    parse_statement,
    warning_fields,
)
from desktop.core.bank.orders import PROGRAM
from desktop.core.common.events import log_event
from desktop.core.common.money import format_money
from desktop.core.db import Database
from desktop.core.errors import UserError, os_error_text
from desktop.core.jobs import CancelToken, Progress, no_progress
from desktop.core.models import BankAccount, BankPayment, Counterparty, PaymentDirection, PaymentStatus
from desktop.core.payments.allocation import apply_match, match_open, open_documents
from desktop.core.payments.closed import notify_closed
from desktop.core.payments.matching import OpenInvoice
from desktop.core.requests.settlement import settle_outgoing

log = logging.getLogger(__name__)
ZERO = Decimal("0.00")
CHUNK = 500
SENDER = "Отправитель"


@dataclass
class ImportReport:
    """What an import did: the counts of ``aktdesk bank import --json`` plus warnings for people."""

    files: int = 0  # files imported (rejected ones are in ``errors``)
    documents: int = 0  # documents in the imported files, repeats included
    incoming: int = 0  # new receipts stored
    outgoing: int = 0  # new outgoing payments stored
    total_incoming: Decimal = ZERO
    matched: int = 0  # new receipts applied to invoices automatically
    unallocated: int = 0  # new receipts left for a person to assign
    duplicates: int = 0  # documents already stored (overlapping statements, a file imported again)
    errors: list[BankFileError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    payment_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, other: ImportReport) -> None:
        for name in ("files", "documents", "incoming", "outgoing", "matched", "unallocated", "duplicates"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.total_incoming += other.total_incoming
        self.errors += other.errors
        self.warnings += other.warnings
        self.payment_ids += other.payment_ids

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "documents": self.documents,
            "incoming": self.incoming,
            "outgoing": self.outgoing,
            "total_incoming": f"{self.total_incoming:.2f}",
            "matched": self.matched,
            "unallocated": self.unallocated,
            "duplicates": self.duplicates,
            "errors": [{"file": e.file, "line": e.line, "message": e.reason} for e in self.errors],
            "warnings": [warning_fields(w) for w in self.warnings],
        }

    def summary(self, warnings: int = 0) -> str:
        """The result in Russian, a line per figure, for the window and the terminal; with the first
        ``warnings`` warnings (a skipped document, balances that do not add up)."""
        lines = [
            f"Загружено файлов: {self.files}; документов в них: {self.documents}",
            f"Новых поступлений: {self.incoming} на {format_money(self.total_incoming)} руб.; "
            f"списаний: {self.outgoing}",
            f"Разнесено автоматически: {self.matched}; не разнесено: {self.unallocated}",
            f"Уже загружены раньше (повторы): {self.duplicates}",
        ]
        for error in self.errors:
            lines.append(f"Файл не загружен — {error.message}")
        shown = self.warnings[:warnings]
        if shown:
            lines.append("Предупреждения:")
            lines += [f"— {text}" for text in shown]
            if len(self.warnings) > len(shown):
                lines.append(f"… и ещё {len(self.warnings) - len(shown)}")
        return "\n".join(lines)


def own_accounts(session: Session) -> dict[str, int]:
    """Settlement account → own entity id."""
    return {row[0]: row[1] for row in session.execute(select(BankAccount.account, BankAccount.own_entity_id))}


def _known(session: Session, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), CHUNK):
        chunk = list(keys[start : start + CHUNK])
        found.update(
            session.scalars(select(BankPayment.fingerprint).where(BankPayment.fingerprint.in_(chunk)))
        )
    return found


class _Counterparties:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.cache: dict[tuple[str, str], int | None] = {}

    def find(self, inn: str, kpp: str) -> int | None:
        inn, kpp = inn.strip(), kpp.strip()
        if not inn or inn == "0":
            return None
        key = (inn, kpp)
        if key not in self.cache:
            rows = [
                (row[0], row[1], row[2])
                for row in self.session.execute(
                    select(Counterparty.id, Counterparty.kpp, Counterparty.is_active)
                    .where(Counterparty.inn == inn)
                    .order_by(Counterparty.id)
                )
            ]
            chosen = next((r[0] for r in rows if kpp and r[1] == kpp), None)
            if chosen is None:
                chosen = next((r[0] for r in rows if r[2]), rows[0][0] if rows else None)
            self.cache[key] = chosen
        return self.cache[key]


def _payment(
    doc: BankDocument, key: str, incoming: bool, entity_id: int, source: str, user: str
) -> BankPayment:
    own = doc.payee if incoming else doc.payer
    return BankPayment(
        fingerprint=key,
        direction=PaymentDirection.INCOMING if incoming else PaymentDirection.OUTGOING,
        own_entity_id=entity_id,
        own_account=(own.account or own.settlement_account)[:20],
        doc_kind=(doc.doc_type or "Платежное поручение")[:50],
        number=doc.number[:20],
        date=doc.date,
        amount=doc.amount,
        payer_name=(doc.payer.name or doc.payer.printed)[:500],
        payer_inn=doc.payer.inn.strip()[:12],
        payer_kpp=doc.payer.kpp.strip()[:9],
        payer_account=(doc.payer.account or doc.payer.settlement_account)[:20],
        payer_bik=doc.payer.bik[:9],
        payee_name=(doc.payee.name or doc.payee.printed)[:500],
        payee_inn=doc.payee.inn.strip()[:12],
        payee_kpp=doc.payee.kpp.strip()[:9],
        payee_account=(doc.payee.account or doc.payee.settlement_account)[:20],
        payee_bik=doc.payee.bik[:9],
        purpose=doc.purpose,
        status=PaymentStatus.UNALLOCATED,
        allocated_amount=ZERO,
        source_file=source[:1000],
        imported_by=user,
    )


def store_statement(
    session: Session, statement: Statement, source: str, accounts: dict[str, int], user: str
) -> ImportReport:
    """Store one parsed statement in the caller's transaction; returns its counts."""
    report = ImportReport(files=1, documents=len(statement.documents))
    report.warnings += statement.warnings
    keys = [fingerprint(d) for d in statement.documents]
    fresh, repeated = new_documents(statement.documents, _known(session, keys))
    fresh, stored_before = _without_legacy_repeats(session, fresh)
    report.duplicates = len(repeated) + stored_before
    _refuse_foreign(statement, accounts)
    counterparties = _Counterparties(session)
    candidates: dict[int, tuple[dict[int, OpenInvoice], set[int]]] = {}
    touched: list[int] = []
    name = statement.file_name
    for doc in fresh:
        where = f"Файл «{name}», строка {doc.line}, п/п № {doc.number or '—'}"
        kind = direction(doc, accounts)
        if kind == "internal":
            report.warnings.append(f"{where}: перевод между своими счетами — не загружается")
            continue
        if kind == "foreign":
            report.warnings.append(
                f"{where}: ни счёт плательщика {doc.payer.account or '—'}, ни счёт получателя "
                f"{doc.payee.account or '—'} не указан в карточках своих юрлиц — документ пропущен"
            )
            continue
        if doc.amount <= 0:
            report.warnings.append(f"{where}: сумма {doc.amount} не больше нуля — документ пропущен")
            continue
        incoming = kind == "incoming"
        own = doc.payee if incoming else doc.payer
        entity_id = accounts[(own.account or own.settlement_account).strip()]
        payment = _payment(doc, fingerprint(doc), incoming, entity_id, source, user)
        other = doc.payer if incoming else doc.payee
        payment.counterparty_id = counterparties.find(other.inn, other.kpp)
        session.add(payment)
        session.flush()
        report.payment_ids.append(payment.id)
        if not incoming:
            report.outgoing += 1
            settle_outgoing(session, payment)  # the payment requests mark paid the one it pays
            continue
        report.incoming += 1
        report.total_incoming += doc.amount
        if entity_id not in candidates:
            candidates[entity_id] = open_documents(session, entity_id)
        open_now, upds = candidates[entity_id]
        result = match_open(doc.amount, doc.purpose, doc.payer.inn, doc.payer.kpp, open_now, upds)
        paid = apply_match(session, payment, result, user)
        if paid:
            report.matched += 1
            touched += paid
            for allocation in result.allocations:
                invoice = open_now[allocation.invoice_id]
                left = invoice.outstanding - allocation.amount
                if left > 0:
                    open_now[invoice.id] = OpenInvoice(
                        invoice.id, invoice.number, invoice.date, invoice.inn, invoice.kpp, left
                    )
                else:
                    del open_now[invoice.id]
        else:
            report.unallocated += 1
    notify_closed(session, touched, user=user)
    log_event(
        session,
        "bank_statement",
        None,
        "import",
        {
            "file": source,
            **{k: v for k, v in report.as_dict().items() if k not in ("files", "errors", "warnings")},
        },
        user=user,
    )
    return report


def _without_legacy_repeats(session: Session, fresh: list[BankDocument]) -> tuple[list[BankDocument], int]:
    """Leave out the bank orders and other non-payment-order documents stored before their kind was
    part of the key (``bank.fingerprint``): the same key without the kind, stored with the same kind."""
    others = [d for d in fresh if document_kind(d) != PAYMENT_ORDER]
    if not others:
        return fresh, 0
    legacy = {legacy_fingerprint(d): d for d in others}
    stored: set[tuple[str, str]] = set()
    keys = list(legacy)
    for start in range(0, len(keys), CHUNK):
        for key, kind in session.execute(
            select(BankPayment.fingerprint, BankPayment.doc_kind).where(
                BankPayment.fingerprint.in_(keys[start : start + CHUNK])
            )
        ):
            stored.add((key, normal_kind(kind)))
    kept = [
        d
        for d in fresh
        if document_kind(d) == PAYMENT_ORDER or (legacy_fingerprint(d), document_kind(d)) not in stored
    ]
    return kept, len(fresh) - len(kept)


def _refuse_foreign(statement: Statement, accounts: dict[str, int]) -> None:
    """A statement none of whose documents is to or from an own account is of an account the
    program does not know: refuse it by name instead of skipping every document silently."""
    if not statement.documents or any(direction(d, accounts) != "foreign" for d in statement.documents):
        return
    shown = list(dict.fromkeys(a.account for a in statement.accounts if a.account)) or list(
        dict.fromkeys(a for a in statement.header_accounts if a)
    )
    line = statement.accounts[0].line if statement.accounts else 1
    what = f"счёт выписки {', '.join(shown)}" if shown else "счёт выписки"
    raise BankFileError(
        statement.file_name,
        line,
        f"ни один документ выписки не относится к счетам своих юрлиц: {what} не указан в карточке "
        "ни одного своего юрлица. Добавьте этот счёт в карточку своего юрлица (Справочники → Свои "
        "юрлица → Банковские счета) и загрузите выписку снова",
    )


def _refuse_own_orders(statement: Statement, data: bytes) -> None:
    """Our own payment-order export is not a statement: importing it would mark requests paid
    before the bank has paid them."""
    if statement.header.get(SENDER, "").strip() != PROGRAM:
        return
    text = data.decode(statement.encoding, errors="replace")
    line = next(
        (
            n
            for n, row in enumerate(text.splitlines(), start=1)
            if row.lstrip("\ufeff").startswith(SENDER + "=")
        ),
        1,
    )
    raise BankFileError(
        statement.file_name,
        line,
        f"это платёжные поручения, выгруженные из {PROGRAM} для банк-клиента, а не выписка банка; "
        "загрузите выписку, когда банк проведёт платежи",
    )


def import_statements(
    database: Database,
    paths: Iterable[Path | str],
    user: str | None = None,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    read: Callable[[Path], bytes] = Path.read_bytes,
) -> ImportReport:
    """Import statement files, each in its own transaction; a rejected file stops nothing else."""
    user = database.acting(user)
    files = [Path(p) for p in paths]
    report = ImportReport()
    for index, path in enumerate(files):
        if cancel is not None:
            cancel.raise_if_cancelled()
        progress(index, len(files), path.name)
        try:
            data = read(path)
            statement = parse_statement(data, path.name)
            _refuse_own_orders(statement, data)
        except OSError as error:
            report.errors.append(BankFileError(path.name, 0, f"файл не читается: {os_error_text(error)}"))
            continue
        except BankFileError as error:
            report.errors.append(error)
            continue
        for attempt in (1, 2):
            try:
                with database.transaction() as session:
                    part = store_statement(session, statement, str(path), own_accounts(session), user)
                break
            except IntegrityError:
                # Someone imported an overlapping statement at the same moment: read it again,
                # now their payments are known and count as repeats.
                if attempt == 2:
                    raise
                log.info("Statement %s raced with another import; retrying", path)
            except BankFileError as error:
                part = ImportReport()
                part.errors.append(error)
                break
            except UserError as error:
                part = ImportReport()
                part.errors.append(BankFileError(path.name, 0, error.message))
                break
        report.add(part)
    progress(len(files), len(files), "")
    return report
