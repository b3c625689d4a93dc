"""Operations of the overview screen (each takes a :class:`Database`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from desktop.core.db import Database
from desktop.core.overview.queries import Overview, compute, scope_for


def compute_overview(
    database: Database, login: str, own_entity_ids: Sequence[int] = (), today: dt.date | None = None
) -> Overview:
    """The figures of the overview as the user sees them (a manager: their clients only)."""
    with database.session() as session:
        return compute(session, scope_for(session, login, own_entity_ids), today)
