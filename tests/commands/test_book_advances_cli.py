"""`aktdesk books advances` in a child process: the list of advances as JSON, issuing the due ones
once, and the refusals in Russian."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from desktop.core.common import numbering
from desktop.core.db import open_database
from desktop.core.models import INVOICE_SEQUENCE
from tests.factories.advances import ENTITY_INN, advance_world, receive
from tests.factories.cli import cli


def test_books_advances_lists_and_issues_what_is_due(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    database = open_database(url)
    world = advance_world(database)
    receive(database, world.invoices["full-2026-11"], dt.date(2026, 11, 3), number="457")
    receive(database, world.invoices["free-2026-11"], dt.date(2026, 11, 3), number="458")  # no VAT: none
    with database.session() as session:  # the next number of the entity's счёт-фактура sequence
        number = str(numbering.peek(session, world.entity_id, INVOICE_SEQUENCE, 2026) + 1)
    database.dispose()

    listed = cli(url, "books", "advances", "--date", "2026-11-05", "--json")
    assert listed.returncode == 0, listed.stderr
    [row] = json.loads(listed.stdout)["advances"]
    assert row["payment"]["number"] == "457" and row["amount"] == "14640.00"
    assert (row["due"], row["overdue"], row["advance_sf"], row["offset_by"]) == (
        "2026-11-08",
        False,
        None,
        None,
    )

    issued = cli(url, "books", "advances", "--issue", "--date", "2026-11-05", "--no-files", "--json")
    assert issued.returncode == 0, issued.stderr
    summary = json.loads(issued.stdout)
    assert summary["issued"] == 1 and summary["refusals"] == []

    text = cli(url, "books", "advances", "--date", "2026-11-05", "--entity", ENTITY_INN)
    assert text.returncode == 0, text.stderr
    assert f"СФ на аванс № {number} от 05.11.2026" in text.stdout and "не зачтён" in text.stdout
    again = cli(url, "books", "advances", "--issue", "--date", "2026-11-06", "--no-files", "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["issued"] == 0

    listed = cli(url, "books", "advances", "--json", "--date", "2026-11-06")
    [row] = json.loads(listed.stdout)["advances"]
    assert row["advance_sf"]["number"] == number and row["advance_sf"]["date"] == "2026-11-05"


def test_books_advances_refuses_in_russian(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    database = open_database(url)
    advance_world(database)
    database.dispose()
    bad_date = cli(url, "books", "advances", "--date", "05.11.2026")
    assert bad_date.returncode == 2 and "ГГГГ-ММ-ДД" in bad_date.stderr
    unknown = cli(url, "books", "advances", "--entity", "0000000000")
    assert unknown.returncode == 2 and "ИНН 0000000000 не найдено" in unknown.stderr
    assert "Traceback" not in bad_date.stderr + unknown.stderr
