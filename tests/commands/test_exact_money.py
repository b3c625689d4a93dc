"""Money is exact on SQLite and PostgreSQL: at the columns' limits, in sums and order, after a migration;
an amount over a column's size is refused with the field and its limit, never a raw database error."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.db import Database, make_engine, open_database
from desktop.core.demo.data import fill_demo
from desktop.core.errors import ValidationError
from desktop.core.models import BankPayment, Contract, Document
from desktop.core.registry import queries as registry
from tests.factories import TODAY, first_contract, make_document
from tests.factories.cli import cli, contracts_file, demo

LIMIT = Decimal("9999999999999999.99")  # NUMERIC(18, 2)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'money.sqlite'}"
    else:
        yield request.getfixturevalue("pg_url")


def test_the_largest_price_times_999_is_billed_to_the_kopeck(db_url: str, tmp_path: Path) -> None:
    entity, client = demo(db_url)
    path = contracts_file(
        tmp_path / "contracts.xlsx",
        [[entity, "БОЛЬШОЙ-1", "01.01.2026", client, "фиксированный", "постоплата", "акт, счет, упд",
          "Поставка очень большая", "шт", "999", "999999999999,99"]],
    )  # fmt: skip
    done = cli(db_url, "import", "contracts", str(path), "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    out = tmp_path / "out"
    done = cli(
        db_url,
        "close-month",
        "--period",
        "2026-10",
        "--entity",
        entity,
        "--no-pdf",
        "--out",
        str(out),
        "--json",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["errors"] == []
    database = open_database(db_url)
    with database.session() as session:
        documents = session.scalars(
            select(Document).join(Contract).where(Contract.number == "БОЛЬШОЙ-1")
        ).all()
        assert sorted(d.kind for d in documents) == ["act", "invoice", "upd"]
        for document in documents:
            assert document.amount_net == Decimal("998999999999990.01")
            assert document.amount_total == document.amount_net + document.amount_vat
            assert document.lines[0].price == Decimal("999999999999.99")
        upd = next(d for d in documents if d.kind == "upd")
        assert upd.xml_path
        xml_path = Path(upd.xml_path)
    database.dispose()
    if not xml_path.is_absolute():
        xml_path = out / xml_path
    items = list(ET.parse(xml_path).getroot().iter("СведТов"))
    assert [(i.get("ЦенаТов"), i.get("КолТов"), i.get("СтТовБезНДС")) for i in items] == [
        ("999999999999.99", "999", "998999999999990.01")
    ]


def test_an_amount_over_the_column_is_refused_naming_the_field_and_its_limit(
    db_url: str, tmp_path: Path
) -> None:
    entity, client = demo(db_url)
    path = contracts_file(
        tmp_path / "contracts.xlsx",
        [[entity, "СЛИШКОМ-1", "01.01.2026", client, "фиксированный", "постоплата", "акт и счет",
          "Поставка за пределом", "шт", "10", str(LIMIT)]],
    )  # fmt: skip
    done = cli(db_url, "import", "contracts", str(path), "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    done = cli(db_url, "close-month", "--period", "2026-10", "--entity", entity, "--no-files", "--json")
    assert done.returncode == 1, done.stdout + done.stderr
    errors = json.loads(done.stdout)["errors"]
    assert [e["contract"] for e in errors] == ["СЛИШКОМ-1"]
    message = errors[0]["message"].replace("\u00a0", " ")
    assert "слишком большое число (не более 9 999 999 999 999 999,99)" in message
    assert message.split(":")[0] in ("Сумма строки без НДС", "Сумма документа без НДС")
    for raw in ("numeric", "overflow", "SQL", "Traceback", "INSERT"):
        assert raw not in message and raw not in done.stderr
    database = open_database(db_url)
    with database.session() as session:
        assert (
            session.scalars(select(Document).join(Contract).where(Contract.number == "СЛИШКОМ-1")).all() == []
        )
    database.dispose()


def test_amounts_at_the_limit_are_stored_summed_and_sorted_exactly(any_db: Database) -> None:
    with any_db.transaction() as session:
        fill_demo(session, clients=2, seed=3, today=TODAY)
        contract = first_contract(session)
        amounts = [
            LIMIT,
            Decimal("0.01"),
            Decimal("9.50"),
            Decimal("10.00"),
            Decimal("100.00"),
            Decimal("0.10"),
        ]
        ids = [
            # invoices: the registry's totals sum what is to be paid (an act counts through its sale)
            make_document(session, contract, "invoice", f"2020-0{n}", a, Decimal("0.00")).id
            for n, a in enumerate(amounts, start=1)
        ]
    flt = registry.RegistryFilter(period_from="2020-01", period_to="2020-06")
    with any_db.session() as session:
        assert [session.get(Document, i).amount_total for i in ids] == amounts  # type: ignore[union-attr]
        count, total, unpaid = registry.totals(session, flt)
        assert (count, total, unpaid) == (6, Decimal("10000000000000119.60"), Decimal("10000000000000119.60"))
        ordered = list(session.scalars(registry.select_ids(flt, "amount", descending=False)))
    assert [amounts[ids.index(i)] for i in ordered] == sorted(amounts)


def test_over_the_limit_or_more_decimals_is_refused_before_the_database(any_db: Database) -> None:
    cases = [
        (LIMIT + Decimal("0.01"), "Сумма платежа: 10 000 000 000 000 000,00 — слишком большое число (не более 9 999 999 999 999 999,99)"),
        (Decimal("0.005"), "Сумма платежа: 0,005 — сумма указывается с точностью до копейки (2 знака после запятой)"),
        (Decimal("NaN"), "Сумма платежа: не число: «NaN»"),
    ]  # fmt: skip
    for amount, message in cases:
        with pytest.raises(ValidationError) as caught, any_db.transaction() as session:
            session.add(
                BankPayment(
                    fingerprint=f"x{amount}", direction="in", own_account="1" * 20, date=TODAY, amount=amount
                )
            )
        assert caught.value.message.replace("\u00a0", " ").startswith(message)
    with any_db.session() as session:
        assert session.scalars(select(BankPayment)).all() == []


def test_the_migration_converts_an_existing_sqlite_file_to_exact_kopecks(tmp_path: Path) -> None:
    from alembic import command

    from desktop.core.db import alembic_config

    path = tmp_path / "old.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    cfg = alembic_config(engine.url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
    values = ["0.29", "1234567.89", "0.10", "70000000000.07", "12200.00"]
    with engine.begin() as conn:
        for n, value in enumerate(values):
            # What SQLite kept before: a REAL (NUMERIC affinity).
            conn.exec_driver_sql(
                "INSERT INTO bank_payments (fingerprint, direction, own_account, doc_kind, number, date, amount,"
                " payer_name, payer_inn, payer_kpp, payer_account, payer_bik, payee_name, payee_inn, payee_kpp,"
                " payee_account, payee_bik, purpose, status, allocated_amount, source_file, imported_at, imported_by)"
                f" VALUES ('f{n}', 'in', '{'1' * 20}', '', '', '2026-10-01', {float(value)!r}, '', '', '', '', '', '',"
                " '', '', '', '', '', 'unallocated', 0.0, '', '2026-10-01 00:00:00', '')"
            )
        assert (
            conn.exec_driver_sql("SELECT typeof(amount) FROM bank_payments").scalars().all()[:4]
            == ["real"] * 4
        )
    engine.dispose()
    database = open_database(f"sqlite:///{path}")
    with database.session() as session:
        stored = [p.amount for p in session.scalars(select(BankPayment).order_by(BankPayment.fingerprint))]
        assert stored == [Decimal(v) for v in values]
        assert all(p.allocated_amount == Decimal("0.00") for p in session.scalars(select(BankPayment)))
    with database.engine.connect() as conn:
        raw = conn.exec_driver_sql(
            "SELECT typeof(amount), amount FROM bank_payments ORDER BY fingerprint"
        ).all()
    assert raw == [("integer", int(Decimal(v) * 100)) for v in values]
    database.dispose()
