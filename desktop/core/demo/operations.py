"""Operations of the window on the demo database (each takes a :class:`Database`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from desktop.core.db import Database
from desktop.core.demo import history as demo_history
from desktop.core.demo.data import DemoSummary, fill_demo
from desktop.core.jobs import CancelToken, Progress, no_progress, stage_progress
from desktop.core.models import Contract

HISTORY_MONTHS = 2  # the complete months the first start of the demo closes


def database_is_empty(database: Database) -> bool:
    """No contract yet: the demo is filled on its first start."""
    with database.session() as session:
        return not session.scalar(select(func.count(Contract.id)))


def history_pending(database: Database) -> bool:
    """The demo's past was planned and not completed (a first fill cancelled or killed midway)."""
    with database.session() as session:
        return demo_history.pending_history(session) is not None


def fill_demo_database(
    database: Database,
    out: Path,
    *,
    clients: int = 200,
    seed: int = 1,
    history: bool = False,
    resume: bool = False,
    pdf_converter: str = "auto",
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> DemoSummary | None:
    """Demo directories and contracts; with ``history`` also the last two months closed (their files
    into ``out``) and a bank statement matched. ``resume`` completes the past of a demo whose first
    fill was cancelled or killed. The summary of the fill (None when only resumed)."""
    summary = None
    filling = 0 if resume else 1  # the directories and contracts: the first stage of a demo with a past
    if not resume:  # one transaction: cancelled, it leaves the database empty
        fill_progress = progress
        if history:
            steps = filling + demo_history.history_steps(HISTORY_MONTHS)
            fill_progress = stage_progress(progress, 1, steps, "Справочники и договоры")
        with database.transaction() as session:
            summary = fill_demo(session, clients=clients, seed=seed, progress=fill_progress, cancel=cancel)
            if history:
                demo_history.plan_history(session, dt.date.today(), months=HISTORY_MONTHS, seed=seed)
    if history:
        with database.session() as session:
            planned = demo_history.pending_history(session)
        if planned is not None:
            demo_history.add_demo_history(
                database,
                out,
                today=planned.today,
                months=planned.months,
                seed=planned.seed,
                pdf_converter=pdf_converter,
                progress=progress,
                cancel=cancel,
                first_step=filling + 1,
                steps=filling + demo_history.history_steps(planned.months),
            )
    return summary
