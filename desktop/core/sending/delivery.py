"""Sending planned messages one by one and recording each in the sending log (``Dispatch``).

A message is sent, then recorded in its own transaction: the ``Dispatch`` (when, who, to whom,
subject, attachments with SHA-256, the server's reply or the error), its documents, and on
success ``Document.sent_at``/``sent_via`` with an event in each document's history. A failed
message is recorded as ``failed`` with its reason and stays unsent, so running again (or
**Повторить**) sends exactly the failed ones. After a failure to reach the server at all (DNS,
refused, TLS, login) the remaining messages are not tried again one by one: they fail with
the same reason at once, instead of 200 time-outs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.common.events import log_event
from desktop.core.db import Database
from desktop.core.errors import StorageError
from desktop.core.jobs import CancelToken, Progress, no_progress
from desktop.core.models import (
    Dispatch,
    DispatchDocument,
    DispatchStatus,
    Document,
    DocumentStatus,
)
from desktop.core.sending.compose import Attachment, Outgoing, build_message, read_attachment, test_message
from desktop.core.sending.log import PURPOSE_RU
from desktop.core.sending.transport import SendError, SmtpConfig, SmtpSession, check_config

CONNECTION_KINDS = frozenset({"config", "dns", "refused", "timeout", "tls", "auth"})


@dataclass
class Outcome:
    """What happened to one planned message."""

    outgoing: Outgoing
    status: str  # "sent" | "failed" | "skipped"
    reason: str = ""
    reply: str = ""
    kind: str = ""  # SendError.kind of a failure
    attachments: list[dict[str, Any]] = field(default_factory=list)
    dispatch_id: int | None = None

    @property
    def retryable(self) -> bool:
        return self.status == "failed"

    def as_dict(self) -> dict[str, Any]:
        o = self.outgoing
        return {
            "client": o.client,
            "inn": o.inn,
            "period": o.period,
            "purpose": o.purpose,
            "recipients": o.recipients,
            "subject": o.subject,
            "documents": o.documents_text,
            "status": self.status,
            "reason": self.reason,
            "reply": self.reply,
            "attachments": self.attachments or [{"name": name} for _p, name in o.files],
            "dispatch_id": self.dispatch_id,
        }


@dataclass
class SendReport:
    purpose: str
    period: str | None
    outcomes: list[Outcome] = field(default_factory=list)
    cancelled: bool = False
    dry_run: bool = False

    def of(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def sent(self) -> list[Outcome]:
        return self.of("sent")

    @property
    def failed(self) -> list[Outcome]:
        return self.of("failed")

    @property
    def skipped(self) -> list[Outcome]:
        return self.of("skipped")

    def as_dict(self) -> dict[str, Any]:
        return {
            "purpose": self.purpose,
            "period": self.period,
            "dry_run": self.dry_run,
            "planned": len(self.outcomes) if self.dry_run else None,
            "sent": len(self.sent),
            "failed": len(self.failed),
            "skipped": len(self.skipped),
            "cancelled": self.cancelled,
            "messages": [o.as_dict() for o in self.outcomes],
        }


def skip_outcome(message: Outgoing) -> Outcome | None:
    """The outcome of a message that is not to be sent at all, or None."""
    if message.problem:
        return Outcome(message, "skipped", reason=message.problem)
    if message.already_sent is not None:
        return Outcome(
            message,
            "skipped",
            reason=f"уже отправлено {message.already_sent:%d.%m.%Y %H:%M}; повторная отправка — отдельной командой",
        )
    return None


def sent_since_planned(database: Database, message: Outgoing) -> dt.datetime | None:
    """When a message of the same purpose carrying these documents was sent to the client after planning."""
    with database.session() as session:
        at: dt.datetime | None = session.scalar(
            select(func.max(Dispatch.at))
            .join(DispatchDocument, DispatchDocument.dispatch_id == Dispatch.id)
            .where(
                Dispatch.counterparty_id == message.counterparty_id,
                Dispatch.purpose == message.purpose,
                Dispatch.channel == "email",
                Dispatch.status == DispatchStatus.SENT,
                Dispatch.at >= message.planned_at,
                DispatchDocument.document_id.in_(message.document_ids),
            )
        )
    return at


def dry_run_report(purpose: str, period: str | None, messages: list[Outgoing]) -> SendReport:
    report = SendReport(purpose, period, dry_run=True)
    for message in messages:
        report.outcomes.append(skip_outcome(message) or Outcome(message, "planned"))
    return report


def _record(
    session: Session,
    message: Outgoing,
    outcome: Outcome,
    *,
    user: str,
    at: dt.datetime,
    channel: str = "email",
) -> Dispatch:
    dispatch = Dispatch(
        at=at,
        user_login=user,
        channel=channel,
        purpose=message.purpose,
        counterparty_id=message.counterparty_id,
        period=message.period,
        recipients="; ".join(message.recipients)[:1000],
        subject=message.subject[:500],
        status=DispatchStatus.SENT if outcome.status == "sent" else DispatchStatus.FAILED,
        server_reply=outcome.reply[:1000],
        error=outcome.reason[:1000] if outcome.status == "failed" else None,
        attachments=json.dumps(outcome.attachments, ensure_ascii=False),
    )
    dispatch.documents = [DispatchDocument(document_id=i) for i in message.document_ids]
    session.add(dispatch)
    session.flush()
    if outcome.status == "sent":
        documents = session.scalars(select(Document).where(Document.id.in_(message.document_ids)))
        for document in documents:
            document.sent_at = at
            document.sent_via = channel
            if document.status == DocumentStatus.ISSUED:
                document.status = DocumentStatus.SENT
            log_event(
                session,
                "document",
                document.id,
                "sent",
                {
                    "канал": "ЭДО" if channel == "edo" else "e-mail",
                    "что": PURPOSE_RU.get(message.purpose, message.purpose),
                    "кому": "; ".join(message.recipients),
                },
                user=user,
            )
    return dispatch


def record_dispatch(
    database: Database,
    message: Outgoing,
    outcome: Outcome,
    *,
    user: str | None = None,
    channel: str = "email",
    now: Callable[[], dt.datetime] | None = None,
) -> int:
    """Record one sent or failed message in its own transaction; returns the Dispatch id."""
    at = (now or _now)()
    with database.transaction() as session:
        dispatch = _record(session, message, outcome, user=database.acting(user), at=at, channel=channel)
        return dispatch.id


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def send_messages(
    database: Database,
    messages: list[Outgoing],
    config: SmtpConfig,
    *,
    purpose: str,
    period: str | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    user: str | None = None,
) -> SendReport:
    """Send each message that is not skipped; every attempt is recorded. Cancel stops between messages.

    Settings that cannot work (no server, no sender, no saved password) raise ``SendError``
    before anything is tried or recorded.
    """
    if any(skip_outcome(m) is None for m in messages):
        check_config(config)
    report = SendReport(purpose, period)
    total = len(messages)
    connection_failure: SendError | None = None
    with SmtpSession(config) as smtp:
        for done, message in enumerate(messages):
            if cancel is not None and cancel.cancelled:
                report.cancelled = True
                break
            progress(done, total, message.client)
            skipped = skip_outcome(message)
            if skipped is None and not message.resend:
                # Someone else (another window, another user) may have sent it since the plan was made.
                message.already_sent = sent_since_planned(database, message)
                skipped = skip_outcome(message)
            if skipped is not None:
                report.outcomes.append(skipped)
                continue
            outcome = Outcome(message, "failed")
            try:
                attachments: list[Attachment] = [read_attachment(path, name) for path, name in message.files]
                outcome.attachments = [a.as_dict() for a in attachments]
                if connection_failure is not None:
                    raise connection_failure
                email = build_message(config, message.recipients, message.subject, message.body, attachments)
                outcome.reply = smtp.send(email, message.recipients)
                outcome.status = "sent"
            except SendError as error:
                outcome.reason, outcome.reply, outcome.kind = error.message, error.reply, error.kind
                if error.kind in CONNECTION_KINDS:
                    connection_failure = error
            except StorageError as error:
                outcome.reason, outcome.kind = error.message, "file"
            outcome.dispatch_id = record_dispatch(database, message, outcome, user=user)
            report.outcomes.append(outcome)
        else:
            progress(total, total, "")
    return report


def send_test_message(config: SmtpConfig, to: str | None = None) -> str:
    """Connect, log in and send a short test message (to the sender itself by default); returns the reply."""
    recipient = (to or config.sender_address()).strip()
    message = test_message(config, recipient)
    with SmtpSession(config) as session:
        return session.send(message, [recipient])
