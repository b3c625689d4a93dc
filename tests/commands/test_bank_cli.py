"""`aktdesk bank import` end to end: the JSON summary, a rejected file, the exit status, a repeated import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.db import Database
from tests.factories.payments import (
    LUTIK_ACCOUNT,
    LUTIK_INN,
    Pay,
    invoice_ref,
    statement,
    world,
    write_statement,
)

KEYS = [
    "files",
    "documents",
    "incoming",
    "outgoing",
    "total_incoming",
    "matched",
    "unallocated",
    "duplicates",
    "errors",
    "warnings",
]


def _url(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


def _files(database: Database, tmp_path: Path) -> tuple[Path, Path]:
    with database.transaction() as session:
        w = world(session)
        sep = invoice_ref(session, w.docs["inv_sep"])
    good = write_statement(
        tmp_path / "kl_to_1c.txt",
        statement(
            [
                Pay("11", "05.10.2026", "12200.00", f"Оплата по счету {sep} за услуги"),
                Pay(
                    "12",
                    "06.10.2026",
                    "100.45",
                    "Оплата по договору",
                    LUTIK_INN,
                    LUTIK_ACCOUNT,
                    'ООО "Лютик"',
                ),
                Pay("3", "07.10.2026", "5000.00", "Аренда за октябрь", incoming=False),
            ]
        ),
    )
    cut = statement([Pay("13", "08.10.2026", "1.00", "Оплата")])[:-3]
    bad = write_statement(tmp_path / "cut.txt", cut)
    return good, bad


def test_import_prints_the_summary_as_json_and_fails_when_a_file_was_rejected(
    any_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad = _files(any_db, tmp_path)

    code = main(["--database", _url(any_db), "bank", "import", str(good), str(bad), "--json"])

    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert list(data) == KEYS
    assert {k: v for k, v in data.items() if k not in ("errors", "warnings")} == {
        "files": 1,
        "documents": 3,
        "incoming": 2,
        "outgoing": 1,
        "total_incoming": "12300.45",
        "matched": 1,
        "unallocated": 1,
        "duplicates": 0,
    }
    assert [(e["file"], e["line"]) for e in data["errors"]] == [("cut.txt", 47)]
    assert "КонецФайла" in data["errors"][0]["message"]

    again = main(["--database", _url(any_db), "bank", "import", str(good), "--json"])

    data = json.loads(capsys.readouterr().out)
    assert again == 0
    assert (data["incoming"], data["duplicates"], data["errors"]) == (0, 3, [])


def test_import_as_a_separate_process_prints_a_russian_summary(sqlite_db: Database, tmp_path: Path) -> None:
    good, _bad = _files(sqlite_db, tmp_path)

    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--database", _url(sqlite_db), "bank", "import", str(good)],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert "Новых поступлений: 2 на 12\xa0300,45 руб.; списаний: 1" in done.stdout
    assert "Разнесено автоматически: 1; не разнесено: 1" in done.stdout
