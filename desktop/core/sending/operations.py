"""Operations of the sending dialogs (each takes a :class:`Database`): plan the messages, send nothing."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.db import Database
from desktop.core.sending.compose import Outgoing
from desktop.core.sending.editing import (
    SampleLetter,
    TemplateText,
    reset_template,
    sample_letter,
    save_template,
    template_text,
)
from desktop.core.sending.log import LogRow, dispatch_log
from desktop.core.sending.packages import PackageOptions, plan_packages
from desktop.core.sending.reminders import ReminderOptions, plan_reminders


def plan_package_messages(
    database: Database, period: str, options: PackageOptions, counterparty_ids: Sequence[int] | None = None
) -> list[Outgoing]:
    """The closing documents of ``period`` to send, a message per client (all, or some)."""
    with database.session() as session:
        return plan_packages(session, period, options=options, counterparty_ids=counterparty_ids)


def plan_reminder_messages(
    database: Database,
    document_ids: Sequence[int],
    options: ReminderOptions,
    counterparty_ids: Sequence[int] | None = None,
) -> list[Outgoing]:
    """The reminders of unsigned documents, a message per client (all, or those of some clients)."""
    with database.session() as session:
        planned = plan_reminders(session, document_ids, options=options)
    if counterparty_ids is not None:
        planned = [m for m in planned if m.counterparty_id in counterparty_ids]
    return planned


def mail_template(
    database: Database, purpose: str, *, with_sample: bool
) -> tuple[TemplateText, SampleLetter | None]:
    """The template the program sends with now and, when asked, the letter it writes to a real client."""
    with database.session() as session:
        text = template_text(session, purpose)
        return text, sample_letter(session, purpose) if with_sample else None


def save_mail_template(database: Database, purpose: str, source: str, user: str) -> None:
    with database.transaction() as session:
        save_template(session, purpose, source, user)


def reset_mail_template(database: Database, purpose: str) -> None:
    """Back to the file of ``forms/mail``."""
    with database.transaction() as session:
        reset_template(session, purpose)


def sending_log(database: Database, *, period: str | None = None, failed_only: bool = False) -> list[LogRow]:
    with database.session() as session:
        return dispatch_log(session, period=period, failed_only=failed_only)
