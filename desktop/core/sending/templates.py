"""Mail templates edited in the program: stored in the database for every user, checked before saving.

A stored template replaces the file of ``forms/mail`` (``compose.load_template``); deleting it
("restore the default") brings the file back. A template is saved only when it parses, uses no
name outside the letter context (checked on the whole text, not only on the branches a sample
letter takes) and renders a real letter of the database, when there is one to try.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import jinja2
from jinja2 import meta
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.errors import TemplateError
from desktop.core.models import Document, MailTemplateText
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
class Sample:
    """A template tried on a real letter: its subject and body, or why there is none."""

    subject: str
    body: str
    client: str = ""
    note: str = ""  # e.g. "no documents to try it on"


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


def try_on_sample(session: Session, purpose: str, template: MailTemplate) -> Sample:
    """``template`` rendered as the letter of a real client: the latest closed period's first client
    (packages) or a client with unsigned acts (reminders). Raises ``TemplateError`` like sending would."""
    from desktop.core.sending.packages import PackageOptions, plan_packages
    from desktop.core.sending.reminders import ReminderOptions, plan_reminders

    if purpose == "package":
        period = session.scalar(  # the last closed month (not the advance invoices of the next one)
            select(func.max(Document.period)).where(Document.current.is_(True), Document.kind.in_(("act", "upd")))
        )
        if period is None:
            return Sample("", "", note="В базе нет документов: пример письма показать не на чем.")
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
            template=template,
        )
    else:
        client_id = session.scalar(
            select(Document.counterparty_id)
            .where(Document.current.is_(True), Document.signed.is_(False), Document.kind.in_(("act", "upd")))
            .order_by(Document.date.desc(), Document.id.desc())
            .limit(1)
        )
        if client_id is None:
            return Sample("", "", note="В базе нет неподписанных актов: пример письма показать не на чем.")
        ids = session.scalars(
            select(Document.id).where(
                Document.current.is_(True),
                Document.signed.is_(False),
                Document.kind.in_(("act", "upd")),
                Document.counterparty_id == client_id,
            )
        ).all()
        messages = plan_reminders(session, ids, options=ReminderOptions(resend=True), template=template)
    if not messages:
        return Sample("", "", note="Пример письма показать не на чем.")
    return Sample(messages[0].subject, messages[0].body, client=messages[0].client)


def save_template(session: Session, purpose: str, source: str, user: str) -> MailTemplateText:
    """Store ``source`` as ``purpose``'s template after checking it (nothing is stored when it fails)."""
    template = check_template(purpose, source)
    try_on_sample(session, purpose, template)
    row = session.get(MailTemplateText, purpose)
    if row is None:
        row = MailTemplateText(purpose=purpose, source=source)
        session.add(row)
    row.source = source
    row.updated_by = user
    row.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)  # UTC, as models._now
    session.flush()
    return row


def reset_template(session: Session, purpose: str) -> None:
    """Back to the file of ``forms/mail``."""
    row = session.get(MailTemplateText, purpose)
    if row is not None:
        session.delete(row)
        session.flush()
