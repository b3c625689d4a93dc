"""Prices with more decimals than kept are refused, never rounded; a line that rounds to 0,00 stops its
contract for every form (no act, no invoice, no UPD) — through `aktdesk import` and `close-month`."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from desktop.core.db import open_database
from desktop.core.models import Contract, Document
from tests.factories.cli import cli, contracts_file, demo, xlsx


def test_long_prices_are_refused_and_a_zero_line_issues_no_form(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'prices.sqlite'}"
    entity, client = demo(url)
    row = [entity, "", "01.01.2026", client, "", "постоплата", "акт, счет, упд", "", "шт", "", ""]

    def line(number: str, kind: str, service: str, quantity: str, price: str) -> list[object]:
        values = list(row)
        values[1], values[4], values[7], values[9], values[10] = number, kind, service, quantity, price
        return values

    path = contracts_file(
        tmp_path / "contracts.xlsx",
        [
            line("Ц-1", "фиксированный", "Услуга А", "3", "100,555"),
            line("Ц-2", "фиксированный", "Услуга Б", "3", "0,005"),
            line("Ц-3", "фиксированный", "Услуга В", "0,001", "1,00"),
            line("Ц-4", "по факту", "Замер", "1", "1,00"),
            line("Ц-5", "по факту", "Выезд", "1", "0,01"),
        ],
    )
    done = cli(url, "import", "contracts", str(path), "--json")
    assert done.returncode == 1, done.stdout + done.stderr
    result = json.loads(done.stdout)
    errors = {e["row"]: (e["column"], e["message"].replace("\u00a0", " ")) for e in result["errors"]}
    assert errors[2] == (
        "Цена",
        "100,555 — цена указывается с точностью до копейки (2 знака после запятой); программа не округляет молча",
    )
    assert errors[3][0] == "Цена" and errors[3][1].startswith(
        "0,005 — цена указывается с точностью до копейки"
    )
    assert errors[4][1] == (
        "Строка 1: сумма 0,001 × 1,00 округляется до 0,00 — документ на нулевую сумму не выставляется."
    )
    assert set(errors) == {2, 3, 4} and result["imported"] == 2

    orders = xlsx(
        tmp_path / "orders.xlsx",
        ["ИНН юрлица", "Номер договора", "Дата", "Услуга", "Количество", "№ заявки"],
        [
            [entity, "Ц-4", "15.10.2026", "Замер", "0,001", "З-1"],
            [entity, "Ц-5", "15.10.2026", "Выезд", "3", "З-2"],
        ],
    )
    done = cli(url, "import", "work-orders", str(orders), "--json")
    assert done.returncode == 0, done.stdout + done.stderr

    done = cli(url, "close-month", "--period", "2026-10", "--entity", entity, "--no-files", "--json")
    assert done.returncode == 1, done.stdout + done.stderr
    closing = json.loads(done.stdout)
    assert [(e["contract"], e["message"]) for e in closing["errors"]] == [
        (
            "Ц-4",
            "Строка «Замер»: 0,001 × 1,00 = 0,00 после округления до копеек — документы на нулевую сумму"
            " не выставляются (ни акт, ни счёт, ни УПД); исправьте количество или цену",
        )
    ]
    database = open_database(url)
    with database.session() as session:
        by_contract = {
            number: sorted(
                session.execute(
                    select(Document.kind, Document.amount_net).join(Contract).where(Contract.number == number)
                ).all()
            )
            for number in ("Ц-4", "Ц-5")
        }
    database.dispose()
    assert by_contract["Ц-4"] == []  # neither the act, nor the invoice, nor the UPD
    assert by_contract["Ц-5"] == [
        ("act", Decimal("0.03")),
        ("invoice", Decimal("0.03")),
        ("upd", Decimal("0.03")),
    ]
