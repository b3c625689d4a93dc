"""Each role does its own month-end work on PostgreSQL under its own login, with no more rights than
its group's: the accountant closes the month and imports the bank statement, the manager files the
client's signed act, and what is not theirs is refused by the server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from desktop.core.models import Counterparty, Document, OwnEntity
from tests.factories.cli import cli, demo
from tests.factories.logins import People, psql
from tests.factories.payments import Pay, statement, write_statement
from tests.factories.pdf import one_page_pdf


def as_login(people: People, who: str) -> str:
    return make_url(people.url).set(username=people.login(who)).render_as_string(hide_password=False)


def test_the_accountant_closes_the_manager_files_the_signed_act(
    pg_people: People, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo(pg_people.url.render_as_string(hide_password=False))
    pg_people.add("buh", "accountant", "Иванова Мария Петровна")
    pg_people.add("man", "manager", "Смирнов Алексей Игоревич")
    pg_people.add("boss", "approver", "Волков Сергей Николаевич")
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setenv("AKTDESK_SHARE_ROOT", str(share))
    out = tmp_path / "out"

    # closing the month is the accountant's: a manager's login may not write documents
    refused = cli(
        as_login(pg_people, "man"), "close-month", "--period", "2026-10", "--no-pdf", "--out", str(out)
    )
    assert refused.returncode == 2
    assert "Документы выписывает бухгалтер" in refused.stderr  # the database's rule, in Russian
    assert "Traceback" not in refused.stderr and "permission denied" not in refused.stderr
    closed = cli(
        as_login(pg_people, "buh"),
        "close-month",
        "--period",
        "2026-10",
        "--no-pdf",
        "--out",
        str(out),
        "--json",
    )
    assert closed.returncode == 0, closed.stderr
    assert sum(json.loads(closed.stdout)["documents"].values()) >= 2

    with pg_people.owner.session() as session:
        act_id, act, inn = session.execute(
            select(Document.id, Document.number, OwnEntity.inn)
            .join(OwnEntity, OwnEntity.id == Document.own_entity_id)
            .where(Document.kind == "act")
            .limit(1)
        ).one()
        invoice = session.scalars(select(Document).where(Document.kind == "invoice").limit(1)).one()
        assert (invoice.created_by, invoice.status) == (pg_people.login("buh"), "issued")

    # the approver may not sign a document, not even through the database's function
    done = psql(pg_people.url, pg_people.login("boss"), f"SELECT aktdesk_document_sign({act_id}, 'x', 'y')")
    assert done.returncode != 0 and "ваша роль — согласующий" in done.stderr
    # nor may the manager set the signature by hand
    done = psql(
        pg_people.url, pg_people.login("man"), f"UPDATE documents SET signed = true WHERE id = {act_id}"
    )
    assert done.returncode != 0 and "42501" in done.stderr

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(one_page_pdf("signed act"))
    filed = cli(as_login(pg_people, "man"), "scans", "attach", "--act", act, "--entity", inn, str(scan))
    assert filed.returncode == 0, filed.stderr
    with pg_people.owner.session() as session:
        signed = session.get(Document, act_id)
        assert signed is not None
        assert (signed.signed, signed.signed_by) == (True, pg_people.login("man"))
    assert list(share.rglob("*.pdf"))

    # the bank statement is the accountant's: it marks the invoice paid
    with pg_people.owner.session() as session:
        entity = session.get(OwnEntity, invoice.own_entity_id)
        assert entity is not None and entity.primary_account is not None
        account, own_inn = entity.primary_account.account, entity.inn
        client = session.get(Counterparty, invoice.counterparty_id)
        assert client is not None
    pay = Pay(
        "77",
        "05.11.2026",
        f"{invoice.amount_total:.2f}",
        f"Оплата по счету № {invoice.number} от {invoice.date:%d.%m.%Y}",
        payer_inn=client.inn,
        payer_account=client.account or "40702810900000000001",
        payer_name=client.short_name,
        own_account=account,
        own_inn=own_inn,
    )
    path = write_statement(tmp_path / "kl_to_1c.txt", statement([pay]))
    imported = cli(as_login(pg_people, "buh"), "bank", "import", str(path), "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["matched"] == 1
    with pg_people.owner.session() as session:
        paid = session.get(Document, invoice.id)
        assert paid is not None and paid.paid_amount == invoice.amount_total
