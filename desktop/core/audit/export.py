"""The filtered audit log to .xlsx (``common.exports``): one row per entry, the moment a real date
and time on the local clock, «what changed» whole."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop.core.audit import describe, queries
from desktop.core.common.exports import ExportColumn, export_xlsx
from desktop.core.jobs import CancelToken, Progress, no_progress

PAGE = 1000  # entries read at a time
CELL_LIMIT = 32000  # Excel keeps at most 32 767 characters in a cell

EXPORT_COLUMNS = (
    ExportColumn("Когда", "datetime", width=20, number_format="DD.MM.YYYY HH:MM:SS"),
    ExportColumn("Кто", width=32),
    ExportColumn("Объект", width=22),
    ExportColumn("№/id", width=28),
    ExportColumn("Действие", width=12),
    ExportColumn("Что изменилось", width=100),
)
SHEET_TITLE = "Журнал изменений"


def export_values(row: queries.AuditRow) -> tuple[Any, ...]:
    changes = describe.change_text(row.action, list(row.changes), limit=None)
    if len(changes) > CELL_LIMIT:
        changes = changes[: CELL_LIMIT - 1] + "…"
    return (
        describe.local_moment(row.at),
        row.who,
        row.object,
        row.reference,
        row.action_title,
        changes,
    )


def export_log(
    session: Session,
    path: Path,
    flt: queries.AuditFilter,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> int:
    """Write the entries of ``flt``, newest first, to the .xlsx ``path`` (atomically); their count."""
    ids = list(session.scalars(queries.select_ids(flt)))
    total = len(ids)

    def values() -> Iterator[tuple[Any, ...]]:
        for start in range(0, total, PAGE):
            if cancel is not None:
                cancel.raise_if_cancelled()
            page = ids[start : start + PAGE]
            loaded = queries.rows(session, page)
            for entry_id in page:
                if entry_id in loaded:
                    yield export_values(loaded[entry_id])
            progress(min(start + PAGE, total), total, "Запись журнала изменений")

    return export_xlsx(path, EXPORT_COLUMNS, values(), sheet_title=SHEET_TITLE)
