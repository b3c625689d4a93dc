"""close-month refuses a period out of order (a later period has documents, or the month has not
ended) with exit status 2 and a Russian message, unless --allow-out-of-order is given."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from desktop.core.common.formats import format_date
from desktop.core.common.periods import period_bounds
from desktop.core.db import open_database
from desktop.core.demo.data import fill_demo
from desktop.core.models import Document


def _close(url: str, period: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, "close-month", "--period", period, *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _count(url: str, period: str) -> int:
    database = open_database(url)
    with database.session() as session:
        found = session.scalar(select(func.count(Document.id)).where(Document.period == period)) or 0
    database.dispose()
    return found


def test_an_earlier_period_after_a_later_one_is_refused_unless_allowed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'order.sqlite'}"
    database = open_database(url)
    with database.transaction() as session:
        fill_demo(session, clients=12, seed=3, today=dt.date(2026, 11, 22))
    database.dispose()
    later = _close(url, "2026-10", "--no-files", "--json")
    assert later.returncode == 0, later.stderr
    assert json.loads(later.stdout)["documents"]["invoice"] > 0

    refused = _close(url, "2026-09", "--no-files", "--json")
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "Traceback" not in refused.stderr
    assert "более позднего периода 2026-10" in refused.stderr and "--allow-out-of-order" in refused.stderr
    assert "счетов-фактур" in refused.stderr
    assert _count(url, "2026-09") == 0  # nothing made

    dry = _close(url, "2026-09", "--dry-run", "--json")
    assert dry.returncode == 0 and any("2026-10" in w for w in json.loads(dry.stdout)["order_warnings"])

    allowed = _close(url, "2026-09", "--no-files", "--json", "--allow-out-of-order")
    # The entities without VAT close; a VAT payer's September счета-фактуры (separate or UPD status 1)
    # cannot be numbered after October's: those contracts fail with the reason (exit status 1).
    summary = json.loads(allowed.stdout)
    assert allowed.returncode in (0, 1), allowed.stderr
    assert (allowed.returncode == 1) == bool(summary["errors"])
    assert all("нумеруются в порядке дат" in e["message"] for e in summary["errors"])
    assert sum(summary["documents"].values()) > 0
    assert _count(url, "2026-09") > 0


def test_a_month_that_has_not_ended_is_refused_naming_its_end(tmp_path: Path) -> None:
    today = dt.date.today()
    period = f"{today:%Y-%m}"
    end = period_bounds(period)[1]
    url = f"sqlite:///{tmp_path / 'future.sqlite'}"
    database = open_database(url)
    with database.transaction() as session:
        fill_demo(session, clients=8, seed=4, today=today)
    database.dispose()

    refused = _close(url, period, "--no-files")
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert f"Месяц {period} ещё не закончился" in refused.stderr and format_date(end) in refused.stderr
    assert _count(url, period) == 0

    allowed = _close(url, period, "--no-files", "--json", "--allow-out-of-order")
    assert allowed.returncode == 0, allowed.stderr
    assert _count(url, period) > 0
