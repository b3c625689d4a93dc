"""The sales ledger as an .xlsx laid out like the form of Decree 1137 appendix 5: a title block,
the two-row header with the column numbers, the rows, the «Всего» row; one sheet per own entity.

Money cells are numbers with two decimals (written from the exact ``Decimal``), the «номер и
дата» cells text with the date as ДД.ММ.ГГГГ, as on the form."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.core.books.sales_ledger import APP_CODES, COLUMNS, SalesLedger
from desktop.core.common.exports import write_workbook

KOPECKS = Decimal("0.01")
HEADER_ROW = 7  # the first header row; the column numbers are two rows below
WIDTHS = {
    "1": 5,
    "2": 9,
    "3а": 12,
    "4": 12,
    "6": 13,
    "9": 12,
    "10": 12,
    "3": 16,
    "5": 16,
    "7": 34,
    "8": 22,
    "11": 16,
    "11а": 18,
    "12": 16,
    "13б": 14,
    "19": 13,
}
LINE_HEIGHT = 11  # points per line of the 8-point text
NOTE = (
    "Графы 14б, 14в, 17б, 17в (ставки 5 % и 7 % при УСН) добавлены программой AktDesk; "
    "в утверждённой форме книги продаж их нет (см. раздел «Книга продаж» документации)."
)


def _sheet_title(name: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Книга продаж"
    base, index = title, 2
    while title in used:
        suffix = f" ({index})"
        title = base[: 31 - len(suffix)] + suffix
        index += 1
    used.add(title)
    return title


def _header(sheet: Any, styles: dict[str, Any]) -> None:
    from openpyxl.utils import get_column_letter  # deferred: openpyxl loads only to write a file

    top, bottom, numbers = HEADER_ROW, HEADER_ROW + 1, HEADER_ROW + 2
    index = 1
    while index <= len(COLUMNS):
        column = COLUMNS[index - 1]
        if column.group is None:
            sheet.cell(row=top, column=index, value=column.title)
            sheet.merge_cells(start_row=top, start_column=index, end_row=bottom, end_column=index)
            index += 1
            continue
        last = index
        while last < len(COLUMNS) and COLUMNS[last].group == column.group:
            last += 1
        sheet.cell(row=top, column=index, value=column.group)
        sheet.merge_cells(start_row=top, start_column=index, end_row=top, end_column=last)
        for position in range(index, last + 1):
            sheet.cell(row=bottom, column=position, value=COLUMNS[position - 1].title)
        index = last + 1
    for position, column in enumerate(COLUMNS, start=1):
        sheet.cell(row=numbers, column=position, value=column.code)
        for row in (top, bottom, numbers):
            cell = sheet.cell(row=row, column=position)
            cell.font = styles["header"] if row != numbers else styles["small"]
            cell.alignment = styles["center"]
            cell.border = styles["border"]
        sheet.column_dimensions[get_column_letter(position)].width = _width(column.code, column.money)
    sheet.row_dimensions[top].height = 60
    sheet.row_dimensions[bottom].height = 90


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, Side  # deferred: openpyxl loads only to write a file

    thin = Side(style="thin", color="000000")
    return {
        "title": Font(bold=True, size=14),
        "bold": Font(bold=True, size=9),
        "small": Font(size=8),
        "small_bold": Font(bold=True, size=8),
        "header": Font(bold=True, size=7),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "wrap": Alignment(vertical="top", wrap_text=True),
        "money": Alignment(horizontal="right", vertical="top"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
    }


def fill_sheet(sheet: Any, ledger: SalesLedger) -> None:
    """Lay ``ledger`` out on ``sheet`` (see the module's docstring)."""
    from openpyxl.utils import get_column_letter  # deferred: openpyxl loads only to write a file

    styles = _styles()
    last_letter = get_column_letter(len(COLUMNS))
    sheet["A1"] = "Книга продаж"
    sheet["A1"].font = styles["title"]
    sheet.merge_cells(f"A1:{last_letter}1")
    sheet["A1"].alignment = styles["center"]
    head = (
        ("Продавец", ledger.seller),
        (
            "Идентификационный номер и код причины постановки на учет налогоплательщика-продавца",
            ledger.inn_kpp,
        ),
        (
            "Продажа за период",
            f"{ledger.quarter.title} (с {ledger.quarter.start:%d.%m.%Y} по {ledger.quarter.end:%d.%m.%Y})",
        ),
    )
    for offset, (label, value) in enumerate(head):
        row = 3 + offset
        sheet.cell(row=row, column=1, value=f"{label}: {value}").font = styles["bold"]
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
    _header(sheet, styles)
    first = HEADER_ROW + 3
    for offset, book_row in enumerate(ledger.rows):
        _put_row(sheet, first + offset, book_row.values, styles)
    total_row = first + len(ledger.rows)
    totals: dict[str, object] = {"1": "Всего", **ledger.totals}
    totals.pop("13а", None)
    _put_row(sheet, total_row, totals, styles, bold=True)
    sheet.merge_cells(start_row=total_row, start_column=1, end_row=total_row, end_column=12)
    if any(ledger.total(code) for code in APP_CODES):
        note = sheet.cell(row=total_row + 2, column=1, value=NOTE)
        note.font = styles["small"]
    sheet.freeze_panes = f"D{first}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 2}"
    sheet.page_margins.left = sheet.page_margins.right = 0.3


def _width(code: str, money: bool) -> int:
    return WIDTHS.get(code, 11 if money else 10)


def _put_row(
    sheet: Any, row: int, values: dict[str, object], styles: dict[str, Any], *, bold: bool = False
) -> None:
    lines = 1
    for position, column in enumerate(COLUMNS, start=1):
        value = values.get(column.code)
        cell = sheet.cell(row=row, column=position)
        cell.border = styles["border"]
        cell.font = styles["small_bold"] if bold else styles["small"]
        if column.money:
            if isinstance(value, Decimal) and (value or bold):
                cell.value = value.quantize(KOPECKS)
                cell.number_format = "#,##0.00"
            cell.alignment = styles["money"]
        else:
            if value is not None:
                cell.value = value if isinstance(value, int) else str(value)
                if not isinstance(value, int):
                    cell.number_format = "@"
                    # a wrapped cell's lines: about 1.2 characters of 8-point text per unit of width
                    lines = max(lines, -(-len(str(value)) // int(_width(column.code, False) * 1.2)))
            cell.alignment = styles["center"] if column.code in ("1", "2") and not bold else styles["wrap"]
    sheet.row_dimensions[row].height = LINE_HEIGHT * lines + 2


def write_ledgers(path: Path, ledgers: Sequence[SalesLedger]) -> None:
    """Write ``ledgers`` to ``path``, one sheet each (named by the seller)."""
    # deferred: openpyxl is heavy, loaded only when a file is written
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    used: set[str] = set()
    for index, ledger in enumerate(ledgers):
        sheet = first if index == 0 else workbook.create_sheet()
        sheet.title = _sheet_title(ledger.short_name or ledger.seller, used)
        fill_sheet(sheet, ledger)
    write_workbook(path, workbook)
