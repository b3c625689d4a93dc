"""`aktdesk --demo COMMAND` works on the demo database, and the demo's documents stay in its own folder."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from desktop.config import Settings, default_sqlite_path, demo_output_dir, demo_sqlite_path, save_settings
from desktop.core.demo.history import past_periods


def _aktdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=600
    )


def test_demo_close_month_writes_into_the_demo_folder_not_the_real_one(tmp_path: Path) -> None:
    real_documents = tmp_path / "Документы бухгалтерии"
    real_documents.mkdir()
    save_settings(Settings(output_dir=str(real_documents)))

    filled = _aktdesk("--demo", "demo", "--clients", "8", "--seed", "4", "--json")
    assert filled.returncode == 0, filled.stderr
    assert demo_sqlite_path().is_file()
    assert not default_sqlite_path().exists()  # the real database is not touched

    period = past_periods(dt.date.today(), 1)[0]
    closed = _aktdesk("--demo", "close-month", "--period", period, "--no-pdf", "--json")
    assert closed.returncode == 0, closed.stderr
    result = json.loads(closed.stdout)
    assert sum(result["documents"].values()) > 0 and result["errors"] == []
    assert Path(result["output"]) == demo_output_dir()
    written = [p for p in demo_output_dir().rglob("*") if p.is_file()]
    assert any(p.suffix == ".docx" for p in written) and any(p.suffix == ".xml" for p in written)
    assert list(real_documents.iterdir()) == []
    assert not default_sqlite_path().exists()


def test_demo_and_database_together_are_refused_in_russian(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'other.sqlite'}"
    before = _aktdesk("--demo", "--database", url, "migrate")
    assert before.returncode == 2 and "не может быть использован вместе" in before.stderr
    after = _aktdesk("--demo", "migrate", "--database", url)
    assert after.returncode == 2 and "--demo и --database" in after.stderr
    assert not (tmp_path / "other.sqlite").exists()
