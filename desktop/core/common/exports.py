"""Export of registry rows to .xlsx (typed cells, frozen header, autofilter) and .csv (UTF-8 BOM, ';').

Accountants open these in Excel: dates are real dates, amounts real numbers with two decimals,
identifiers (INN, accounts) text so that leading zeros survive. Files are written atomically.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from desktop.core.common.files import Content, as_text, file_error, write_atomic
from desktop.core.common.money import format_money
from desktop.core.errors import StorageError

KINDS = ("text", "date", "datetime", "money", "int", "bool")


@dataclass(frozen=True)
class ExportColumn:
    title: str
    kind: str = "text"  # one of KINDS
    width: int | None = None
    number_format: str | None = None  # an .xlsx cell format instead of the kind's own


def _write(path: Path, content: Content) -> None:
    try:
        write_atomic(path, content)
    except OSError as error:
        if isinstance(error, PermissionError) and path.exists():
            raise StorageError(
                f"Файл {path} занят другой программой (открыт в Excel?). Закройте его и повторите."
            ) from error
        raise file_error(path, error) from error


def write_workbook(path: Path, workbook: Any) -> None:
    """Save an openpyxl workbook atomically, a locked or unwritable file said in Russian."""
    _write(Path(path), workbook.save)


def _csv_value(column: ExportColumn, value: Any) -> str:
    if value is None:
        return ""
    if column.kind == "date" and isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if column.kind == "datetime" and isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if column.kind == "money":
        return format_money(Decimal(value), group="")
    if column.kind == "bool":
        return "да" if value else "нет"
    return str(value)


def export_csv(path: Path, columns: Sequence[ExportColumn], rows: Iterable[Sequence[Any]]) -> int:
    """Write a CSV for Excel: UTF-8 with BOM, ';' separators, Russian number and date formats."""
    count = 0

    def write(text: TextIO) -> None:
        nonlocal count
        writer = csv.writer(text, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([c.title for c in columns])
        for row in rows:
            writer.writerow([_csv_value(c, v) for c, v in zip(columns, row, strict=True)])
            count += 1

    _write(Path(path), as_text(write, "utf-8-sig"))
    return count


def export_xlsx(
    path: Path, columns: Sequence[ExportColumn], rows: Iterable[Sequence[Any]], sheet_title: str = "Реестр"
) -> int:
    """Write an .xlsx with typed cells, a bold frozen header, an autofilter and sensible widths."""
    # deferred: openpyxl is heavy, loaded only when an .xlsx is written
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title[:31]
    sheet.append([c.title for c in columns])
    header_fill = PatternFill("solid", fgColor="DCE6F1")
    for index in range(1, len(columns) + 1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    widths = [max(10, len(c.title) + 2) for c in columns]
    count = 0
    for row in rows:
        count += 1
        out: list[Any] = []
        for index, (column, value) in enumerate(zip(columns, row, strict=True)):
            if column.kind == "money" and value is not None:
                value = Decimal(value).quantize(Decimal("0.01"))
            elif column.kind == "datetime" and isinstance(value, dt.datetime):
                value = value.replace(tzinfo=None)
            elif column.kind == "bool":
                value = "да" if value else "нет"
            out.append(value)
            shown = len(_csv_value(column, value)) if value is not None else 0
            widths[index] = max(widths[index], min(60, shown + 2))
        sheet.append(out)
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=count + 1, column=index)
            if column.number_format:
                cell.number_format = column.number_format
            elif column.kind == "money":
                cell.number_format = "#,##0.00"
            elif column.kind == "date":
                cell.number_format = "DD.MM.YYYY"
            elif column.kind == "datetime":
                cell.number_format = "DD.MM.YYYY HH:MM"
            elif column.kind == "text":
                cell.number_format = "@"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width or widths[index - 1]
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    write_workbook(path, workbook)
    return count


def export_rows(
    path: Path, columns: Sequence[ExportColumn], rows: Iterable[Sequence[Any]], **kwargs: Any
) -> int:
    """Export by the file's extension: .xlsx or .csv."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return export_csv(path, columns, rows)
    if suffix == ".xlsx":
        return export_xlsx(path, columns, rows, **kwargs)
    raise StorageError(f"Неизвестный формат файла {Path(path).name}: выберите .xlsx или .csv")
