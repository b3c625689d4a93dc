"""Mail templates edited in the program: stored in the database for every user, checked before saving.

A stored template replaces the file of ``forms/mail`` (``compose.load_template``); deleting it
("restore the default") brings the file back. A template is saved only when it parses, uses no
name outside the letter context (checked on the whole text, not only on the branches a sample
letter takes) and renders a real letter of the database, when there is one to try.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import meta
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from desktop.core.errors import TemplateError
from desktop.core.models import SIGNABLE_KINDS, Document, MailTemplateText
from desktop.core.sending.compose import (
    TEMPLATES,
    MailTemplate,
    mail_environment,
    parse_template,
    read_template_file,
)

PURPOSE_TITLES = {"package": "Пакет документов", "reminder": "Напоминание о неподписанных актах"}

# The top-level names of ``letters.letter_context`` (documented in forms/mail/README.md).
CONTEXT_NAMES = frozenset(
    {
        "client",
        "entity",
        "entities",
        "period",
        "period_text",
        "documents",
        "totals",
        "attachments",
        "attached",
        "sender_name",
        "today",
    }
)


@dataclass(frozen=True)
class TemplateText:
    purpose: str
    source: str
    edited: bool  # stored in the database (else the file of forms/mail)
    updated_by: str = ""
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class SampleLetter:
    """A real client's letter to try templates on: its context, read from the database once."""

    client: str = ""
    context: Mapping[str, Any] | None = None
    note: str = ""  # why there is none, e.g. "no documents to try it on"


@dataclass(frozen=True)
class Sample:
    """A template rendered on a sample letter: its subject and body, or why there is none."""

    subject: str
    body: str
    client: str = ""
    note: str = ""


class _Capture:
    """A renderer that keeps the context a planner gives it (the letter's real context)."""

    def __init__(self) -> None:
        self.contexts: list[Mapping[str, Any]] = []

    def render(self, context: Mapping[str, Any]) -> tuple[str, str]:
        self.contexts.append(context)
        return "", ""


def stored_source(session: Session, purpose: str) -> str | None:
    row = session.get(MailTemplateText, purpose)
    return row.source if row is not None else None


def template_text(session: Session, purpose: str) -> TemplateText:
    """What the program sends with now: the edited template, or the file."""
    row = session.get(MailTemplateText, purpose)
    if row is not None:
        return TemplateText(purpose, row.source, True, row.updated_by, row.updated_at)
    return TemplateText(purpose, read_template_file(purpose), False)


def _display_name(purpose: str) -> str:
    return PURPOSE_TITLES.get(purpose, TEMPLATES[purpose])


def check_template(purpose: str, source: str) -> MailTemplate:
    """Compiled, or a ``TemplateError`` that names the template and the unknown name or bad line."""
    if purpose not in TEMPLATES:
        raise TemplateError(f"Неизвестный шаблон письма «{purpose}».")
    name = _display_name(purpose)
    if not source.strip():
        raise TemplateError(f"Шаблон письма «{name}» пуст: нужна строка «Тема: …» и текст письма.")
    template = parse_template(name, source)
    first, _, rest = source.partition("\n")
    env = mail_environment()
    unknown: set[str] = set()
    for part in (first, rest):
        try:
            unknown |= meta.find_undeclared_variables(env.parse(part)) - CONTEXT_NAMES
        except jinja2.TemplateSyntaxError:  # already reported by parse_template
            pass
    if unknown:
        listed = ", ".join(f"«{n}»" for n in sorted(unknown))
        raise TemplateError(
            f"Шаблон письма «{name}»: неизвестное имя {listed}. "
            f"Можно: {', '.join(sorted(CONTEXT_NAMES))} (описание — в forms/mail/README.md)."
        )
    return template


def sample_letter(session: Session, purpose: str) -> SampleLetter:
    """The letter the planners would write to a real client: the latest closed period's first client
    (packages) or the client with the latest unsigned act (reminders)."""
    from desktop.core.sending.packages import PackageOptions, plan_packages
    from desktop.core.sending.reminders import ReminderOptions, plan_reminders

    capture = _Capture()
    if purpose == "package":
        period = session.scalar(  # the last closed month (not the advance invoices of the next one)
            select(func.max(Document.period)).where(
                Document.current.is_(True), Document.kind.in_(SIGNABLE_KINDS)
            )
        )
        if period is None:
            return SampleLetter(note="В базе нет документов: пример письма показать не на чем.")
        client_id = session.scalar(
            select(Document.counterparty_id)
            .where(Document.current.is_(True), Document.period == period)
            .order_by(Document.id)
            .limit(1)
        )
        messages = plan_packages(
            session,
            period,
            options=PackageOptions(resend=True),
            counterparty_ids=[client_id] if client_id is not None else None,
            template=capture,
        )
    else:
        unsigned = (Document.current.is_(True), Document.signed.is_(False), Document.kind.in_(SIGNABLE_KINDS))
        client_id = session.scalar(
            select(Document.counterparty_id)
            .where(*unsigned)
            .order_by(Document.date.desc(), Document.id.desc())
            .limit(1)
        )
        if client_id is None:
            return SampleLetter(note="В базе нет неподписанных актов: пример письма показать не на чем.")
        ids = session.scalars(
            select(Document.id).where(*unsigned, Document.counterparty_id == client_id)
        ).all()
        messages = plan_reminders(session, ids, options=ReminderOptions(resend=True), template=capture)
    if not messages or not capture.contexts:
        return SampleLetter(note="Пример письма показать не на чем.")
    return SampleLetter(messages[0].client, capture.contexts[0])


def render_sample(template: MailTemplate, letter: SampleLetter) -> Sample:
    """``template`` on ``letter`` (no database work: the editor does it at every pause in typing).
    Raises ``TemplateError`` like sending would."""
    if letter.context is None:
        return Sample("", "", note=letter.note)
    subject, body = template.render(letter.context)
    return Sample(subject, body, client=letter.client)


def try_on_sample(session: Session, purpose: str, template: MailTemplate) -> Sample:
    """``template`` rendered as the letter of a real client (``sample_letter``)."""
    return render_sample(template, sample_letter(session, purpose))


def save_template(session: Session, purpose: str, source: str, user: str) -> TemplateText:
    """Store ``source`` as ``purpose``'s template after checking it (nothing is stored when it fails).

    One ``INSERT … ON CONFLICT DO UPDATE``: two users saving at once both succeed, the later wins
    (as with ``numbering.take``)."""
    template = check_template(purpose, source)
    try_on_sample(session, purpose, template)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)  # UTC, as models._now
    module = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = MailTemplateText.__table__
    values = {"source": source, "updated_by": user, "updated_at": now}
    session.execute(
        module.insert(table)
        .values(purpose=purpose, **values)
        .on_conflict_do_update(index_elements=[table.c.purpose], set_=values)
    )
    session.expire_all()
    return TemplateText(purpose, source, True, user, now)


def reset_template(session: Session, purpose: str) -> None:
    """Back to the file of ``forms/mail``."""
    row = session.get(MailTemplateText, purpose)
    if row is not None:
        session.delete(row)
        session.flush()
