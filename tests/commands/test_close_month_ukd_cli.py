"""`aktdesk close-month` after an agreement changed a sent UPD: the dry run counts the УКД and names the
difference, the run issues it and says so, a second run issues nothing."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from desktop.core.db import open_database
from desktop.core.demo.data import fill_demo
from desktop.core.models import DocumentSet
from tests.factories import TODAY
from tests.factories.cli import cli
from tests.factories.corrections import (
    PERIOD,
    agree_price,
    close,
    documents_of,
    first_line,
    pick_contract,
    send,
)


def test_close_month_issues_the_ukd_of_a_sent_upd(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'aktdesk.sqlite'}"
    database = open_database(url)
    with database.transaction() as session:
        fill_demo(session, clients=4, seed=5, today=TODAY)
    contract_id = pick_contract(database, vat=True, documents=DocumentSet.UPD)
    out = tmp_path / "out"
    assert close(database, None, out, pdf=False).errors == []
    send(database, contract_id)
    (upd,) = documents_of(database, contract_id, "upd")
    _line, _quantity, price = first_line(database, contract_id)
    agree_price(database, contract_id, price + Decimal("1000.00"))
    database.dispose()

    dry = cli(url, "close-month", "--period", PERIOD, "--dry-run", "--json", "--out", str(out))
    assert dry.returncode == 0, dry.stderr
    summary = json.loads(dry.stdout)
    assert summary["documents"]["ukd"] == 1 and sum(summary["documents"].values()) == 1
    assert any(
        w["message"].startswith(f"УКД к УПД № {upd.number} от 31.10.2026") for w in summary["warnings"]
    )

    run = cli(url, "close-month", "--period", PERIOD, "--no-pdf", "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert "УКД 1" in run.stdout
    database = open_database(url)
    (ukd,) = documents_of(database, contract_id, "ukd")
    assert ukd.basis_id == upd.id and ukd.docx_path and Path(ukd.docx_path).is_file()
    database.dispose()

    again = cli(url, "close-month", "--period", PERIOD, "--dry-run", "--json", "--out", str(out))
    assert json.loads(again.stdout)["documents"]["ukd"] == 0
