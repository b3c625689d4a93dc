"""Issuing the due advance счета-фактуры with their files (DOCX, PDF, XML), outside a month closing:
the «Авансы» window's button, the window's start-up and ``aktdesk books advances --issue``.

The rows come from :func:`advances.issue`; their files are written by the closing's own
:class:`~desktop.core.closing.files.FileWriter` (the same forms, names and folders).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from desktop.core.books import advances
from desktop.core.books.advances import IssueResult
from desktop.core.closing.files import FileWriter
from desktop.core.closing.plan import ClosingResult
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.jobs import CancelToken, Progress, no_progress


def issue_with_files(
    database: Database,
    today: dt.date,
    out_dir: Path | None,
    *,
    allocation_ids: Sequence[int] | None = None,
    overdue_only: bool = False,
    pdf: bool = True,
    pdf_converter: str = "auto",
    user: str | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> IssueResult:
    """Issue what is due (see :func:`advances.issue`) and, with ``out_dir``, write the files of what
    was made; a file that could not be written is reported with the refusals (the row stays, the
    next closing of its period writes it)."""
    result, made = advances.issue(
        database,
        today,
        allocation_ids=allocation_ids,
        overdue_only=overdue_only,
        user=user,
        progress=progress,
        cancel=cancel,
    )
    if out_dir is None or not made:
        return result
    files = FileWriter(database, out_dir, pdf=pdf, pdf_converter=pdf_converter, cancel=cancel)
    outcome = ClosingResult(made[0].period)
    try:
        files.add(made)
        files.finish(outcome, complete_period=False, progress=progress)
    finally:
        files.close()
    result.refusals.extend(f"Файлы документа: {error.message}" for error in outcome.errors)
    return result


def list_advances(database: Database, where: advances.AdvanceFilter | None = None) -> list[advances.Advance]:
    """The rows of «Авансы» (``advances.advances``)."""
    with database.session() as session:
        return advances.advances(session, where or advances.AdvanceFilter())


def may_issue(database: Database) -> bool:
    """The person may issue advance счета-фактуры (everyone on SQLite; accountants and
    administrators on PostgreSQL)."""
    with database.session() as session:
        try:
            advances.check_may_issue(session)
        except UserError:
            return False
    return True
