"""Operations of the sending dialogs (each takes a :class:`Database`): plan the messages, send nothing."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.db import Database
from desktop.core.sending.delivery import Outgoing
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
