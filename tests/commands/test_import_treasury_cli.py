"""`aktdesk import counterparties` with treasury requisites, a BIK not beginning with 0, an INN with spaces."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from desktop.core.db import open_database
from desktop.core.models import Counterparty

HEADERS = ["Наименование", "ИНН", "КПП", "Банк", "БИК", "Расчётный счёт", "Корреспондентский счёт"]
TOFK = "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области г. Тула"
ROWS = [
    # row 2: a state-funded client paying through the treasury
    [
        "ГБУ ТО «Школа № 7»",
        "7107083891",
        "710701001",
        TOFK,
        "017003983",
        "03224643707010006600",
        "40102810445370000059",
    ],
    # row 3: a BIK that does not begin with 0
    [
        "ООО «Девятка»",
        "7707083893",
        "773601001",
        "Банк",
        "144525225",
        "40702810200000012345",
        "30101810400000000225",
    ],
    # row 4: an INN written with spaces (a legal entity's, with its KPP)
    ["ООО «Пробелы»", "7707 083 893", "773601001", "", "", "", ""],
    # row 5: the single treasury account with a bank's BIK
    [
        "ООО «Путаница»",
        "7707083893",
        "773601002",
        "ПАО Сбербанк",
        "044525225",
        "40702810200000012345",
        "40102810445370000059",
    ],
]


def test_import_accepts_treasury_requisites_and_names_each_mistake_once(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append(row)
    path = tmp_path / "clients.xlsx"
    book.save(path)
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, "import", "counterparties", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr  # rows were rejected
    summary = json.loads(done.stdout)
    assert (summary["imported"], summary["rejected"]) == (1, 3)
    by_row: dict[int, list[tuple[str, str]]] = {}
    for error in summary["errors"]:
        by_row.setdefault(error["row"], []).append((error["column"], error["message"]))
    assert 2 not in by_row
    assert by_row[3] == [
        (
            "БИК",
            "БИК должен начинаться с 0 (российские банки — 04…, органы Федерального казначейства — 00…, 01…, 02…)",
        )
    ]
    assert by_row[4] == [
        ("ИНН", "ИНН записан с пробелами: укажите только цифры")
    ]  # one message, no «нет КПП»
    assert len(by_row[5]) == 1 and by_row[5][0][0] == "Корреспондентский счёт"
    assert "единый казначейский счёт" in by_row[5][0][1]
    database = open_database(url)
    try:
        with database.session() as session:
            school = session.scalar(select(Counterparty).where(Counterparty.inn == "7107083891"))
            assert school is not None
            assert (school.bik, school.account, school.corr_account) == (
                "017003983",
                "03224643707010006600",
                "40102810445370000059",
            )
    finally:
        database.dispose()
