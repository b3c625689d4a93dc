"""The filtered log to .xlsx: read back, each entry a row with a real moment on the local clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.core.audit import operations
from desktop.core.audit.queries import AuditFilter
from desktop.core.db import Database
from desktop.core.errors import Cancelled
from desktop.core.jobs import CancelToken
from tests.factories.audit import log_entry, sample_log

HEADER = ["Когда", "Кто", "Объект", "№/id", "Действие", "Что изменилось"]


def test_the_filtered_entries_are_written_newest_first(
    any_db: Database, moscow_clock: None, tmp_path: Path
) -> None:
    mine = sample_log(any_db)
    long_text = "Здравствуйте! " + "Направляем закрывающие документы за месяц. " * 10
    log_entry(
        any_db, dt.datetime(2026, 12, 3, 8, 0, 0), "buh.ivanova", "mail_templates", "package",
        "update", {"source": ["Старый текст", long_text]},
    )  # fmt: skip
    out = tmp_path / "Журнал изменений.xlsx"
    steps: list[tuple[int, int]] = []
    count = operations.export_log(
        any_db, out, AuditFilter(login="buh.ivanova"), progress=lambda d, t, _x: steps.append((d, t))
    )
    sheet = load_workbook(out).active
    assert sheet is not None and sheet.title == "Журнал изменений"
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert count == len(rows) - 1 and steps[-1] == (count, count)
    template = rows[1]
    assert template[1:5] == ("Иванова А. (buh.ivanova)", "Шаблон письма", "Письмо с документами", "Изменение")
    assert template[5] == f"Текст шаблона: Старый текст → {long_text.strip()}"  # whole, not shortened
    ours = [row for row in rows[1:] if row[2] != "Пользователь"]  # (the triggers may log the users too)
    assert [row[0] for row in ours] == [
        dt.datetime(2026, 12, 3, 11, 0),
        dt.datetime(2026, 12, 1, 12, 30),
        dt.datetime(2026, 12, 1, 12, 0),
        dt.datetime(2026, 11, 30, 23, 59, 59),  # UTC 20:59:59, shown on the local clock with seconds
    ]
    party = f"ООО «Ромашка», id {mine['party']}"
    assert [row[3] for row in ours] == ["Письмо с документами", party, "01.02 Аренда офиса, id 3", party]
    assert ours[1][5] == "Телефон: — → +7 495 000-00-00"
    assert sheet.cell(row=2, column=1).number_format == "DD.MM.YYYY HH:MM:SS"
    assert all(row[1] == "Иванова А. (buh.ivanova)" for row in rows[1:])


def test_an_empty_log_gives_the_header_only(sqlite_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "пусто.xlsx"
    assert operations.export_log(sqlite_db, out, AuditFilter(login="nobody")) == 0
    sheet = load_workbook(out).active
    assert sheet is not None
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [HEADER]


def test_cancel_stops_the_export_and_leaves_no_file(sqlite_db: Database, tmp_path: Path) -> None:
    sample_log(sqlite_db)
    token = CancelToken()
    token.cancel()
    out = tmp_path / "отменено.xlsx"
    with pytest.raises(Cancelled):
        operations.export_log(sqlite_db, out, AuditFilter(), cancel=token)
    assert not out.exists()
