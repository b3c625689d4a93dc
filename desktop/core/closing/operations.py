"""Operations of the month-closing screen (each takes a :class:`Database`).

The run itself (``plan.execute``) already takes the database: one transaction per contract.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.closing.plan import ClosingPlan, plan
from desktop.core.db import Database
from desktop.core.jobs import CancelToken, Progress, no_progress


def preview(
    database: Database,
    period: str,
    *,
    own_entity_ids: Sequence[int] | None = None,
    manager_id: int | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ClosingPlan:
    """The dry run of closing ``period``: what it would issue and the warnings. Writes nothing."""
    with database.session() as session:
        return plan(
            session,
            period,
            own_entity_ids=own_entity_ids,
            manager_id=manager_id,
            progress=progress,
            cancel=cancel,
        )
