"""Any list of the desk as an Excel workbook: ``ReportData`` and ``write_excel``.

A report streams its rows (a million orders never sit in memory at once) and adds up its
total columns as they go by, so the totals row is the sum of exactly the rows written.
Money travels as integer fen and becomes yuan only here, as a ``Decimal`` (fen ÷ 100 is
exact in decimal, never a float). The workbook is written in openpyxl's write-only mode:
rows go to disk as they come, header and widths first, the filter range last.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from jiazheng_desk.services.errors import DomainError

Kind = Literal["text", "int", "yuan", "date", "datetime"]

YUAN_FORMAT = "¥#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
INT_FORMAT = "#,##0"
# an Excel sheet holds 1,048,576 rows: the header and the totals row need two of them
MAX_DATA_ROWS = 1_048_574
_FORMATS: dict[str, str] = {
    "yuan": YUAN_FORMAT,
    "date": DATE_FORMAT,
    "datetime": DATETIME_FORMAT,
    "int": INT_FORMAT,
}
# characters Excel refuses in a sheet name
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})

Progress = Callable[[int], None]


class ExportCancelled(DomainError):
    """The user stopped an export; nothing was written."""

    key = "report.cancelled"


@dataclass(frozen=True)
class ReportColumn:
    """One column: its key and title, how its values are typed, how wide, whether summed."""

    key: str
    title: str
    kind: Kind = "text"
    width: float = 12
    total: bool = False


@dataclass
class ReportData:
    """Columns, rows and totals of one list, ready for any renderer.

    ``rows`` yield one sequence per row in column order: ``yuan`` columns as integer fen,
    ``date``/``datetime`` columns as local (naive) values. ``totals`` (column index → sum)
    fills in while ``stream()`` is read, so it is final once the rows are written.
    """

    title: str
    sheet_name: str
    columns: tuple[ReportColumn, ...]
    rows: Iterable[Sequence[Any]]
    # known in advance for a progress bar (None when it is not)
    row_count: int | None = None
    totals_label: str = ""
    totals: dict[int, int] = field(default_factory=dict)

    def total_of(self, key: str) -> int:
        """The sum of a total column (after the rows were streamed)."""
        index = next(i for i, c in enumerate(self.columns) if c.key == key)
        return self.totals.get(index, 0)

    def stream(self) -> Iterator[Sequence[Any]]:
        """The rows, adding up the total columns on the way (integers only)."""
        summed = [i for i, c in enumerate(self.columns) if c.total]
        self.totals = dict.fromkeys(summed, 0)
        for row in self.rows:
            for i in summed:
                value = row[i]
                if value is not None:
                    self.totals[i] += int(value)
            yield row


def yuan(fen: int) -> Decimal:
    """Integer fen as exact yuan."""
    return Decimal(fen).scaleb(-2)


def yuan_text(fen: int) -> str:
    """Integer fen as the exact decimal text of yuan: 9510840 -> "95108.40"."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def _set_yuan(cell: Any, fen: int) -> None:
    """Put an amount in a cell as a number written with its exact decimal text.

    openpyxl writes numbers with ``"%.16g" % float(value)``, which turns 95108.40 into
    95108.39999999999; a number cell whose value is already text is written as it is.
    """
    cell.value = None
    cell._value = yuan_text(fen)
    cell.data_type = "n"


def sheet_title(name: str) -> str:
    cleaned = name.translate(_BAD_SHEET_CHARS).strip("' ") or "Sheet"
    return cleaned[:31]


def _cell_value(kind: Kind, value: Any) -> Any:
    if value is None:
        return None
    if kind == "yuan":
        return yuan(int(value))
    if kind in ("date", "datetime") and isinstance(value, datetime) and value.tzinfo:
        # Excel has no time zones: the builder should have made it local already
        raise ValueError("aware datetime in a report: convert it to local time first")
    return value


class _RowCells:
    """One styled write-only cell per column, reused for every row.

    openpyxl serialises a row as soon as it is appended, so the cells can be refilled
    for the next row; that saves building a styled cell for every value (the slow part).
    """

    def __init__(self, ws: WriteOnlyWorksheet, columns: Sequence[ReportColumn]) -> None:
        self.kinds = [c.kind for c in columns]
        self.cells = []
        for column in columns:
            cell = WriteOnlyCell(ws)
            fmt = _FORMATS.get(column.kind)
            if fmt is not None:
                cell.number_format = fmt
            self.cells.append(cell)

    def fill(self, values: Sequence[Any]) -> list[Any]:
        out: list[Any] = []
        for cell, kind, value in zip(self.cells, self.kinds, values, strict=True):
            if kind == "yuan" and value is not None:
                _set_yuan(cell, int(value))
            else:
                cell.value = _cell_value(kind, value)
            out.append(cell)
        return out


def _header(ws: WriteOnlyWorksheet, columns: Sequence[ReportColumn]) -> list[Any]:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E4E7EB")
    middle = Alignment(vertical="center")
    cells = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.title)
        cell.font = bold
        cell.fill = fill
        cell.alignment = middle
        cells.append(cell)
    return cells


def _totals_row(ws: WriteOnlyWorksheet, report: ReportData) -> list[Any]:
    bold = Font(bold=True)
    cells: list[Any] = []
    for i, column in enumerate(report.columns):
        if i in report.totals:
            value: Any = _cell_value(column.kind, report.totals[i])
        elif i == 0:
            value = report.totals_label
        else:
            value = None
        cell = WriteOnlyCell(ws, value=None if column.kind == "yuan" else value)
        if column.kind == "yuan" and i in report.totals:
            _set_yuan(cell, report.totals[i])
        cell.font = bold
        fmt = _FORMATS.get(column.kind)
        if fmt is not None and i in report.totals:
            cell.number_format = fmt
        cells.append(cell)
    return cells


def write_excel(
    report: ReportData, path: str | Path, *, progress: Progress | None = None, every: int = 2000
) -> int:
    """Write the report to ``path`` (.xlsx); return the number of data rows written.

    The file appears under its name only when complete (written beside it, then renamed),
    so a failed or cancelled export never leaves half a workbook where the user looks.
    ``progress(rows_done)`` is called every ``every`` rows; it may raise to stop.
    """
    target = Path(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet_title(report.sheet_name))
    for i, column in enumerate(report.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    # views are written before the rows, the filter after them
    ws.freeze_panes = "A2"
    ws.append(_header(ws, report.columns))
    cells = _RowCells(ws, report.columns)
    written = 0
    try:
        # islice stops before asking for a row that would not fit (nor be summed)
        for row in islice(report.stream(), MAX_DATA_ROWS):
            ws.append(cells.fill(row))
            written += 1
            if progress is not None and written % every == 0:
                progress(written)
        if progress is not None:
            progress(written)
    except BaseException:
        _discard(ws)
        raise
    last = get_column_letter(max(1, len(report.columns)))
    ws.auto_filter.ref = f"A1:{last}{written + 1}"
    ws.append(_totals_row(ws, report))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, scratch = tempfile.mkstemp(prefix=".export-", suffix=".xlsx", dir=target.parent)
    os.close(fd)
    try:
        wb.save(scratch)
        os.replace(scratch, target)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    return written


def _discard(ws: WriteOnlyWorksheet) -> None:
    """Close a stopped export's sheet and drop the scratch file openpyxl streamed it to."""
    writer = getattr(ws, "_writer", None)
    # closes the row stream properly: a generator left open writes on collection;
    # the scratch file goes either way
    with suppress(Exception):
        ws.close()
    out = getattr(writer, "out", None)
    if isinstance(out, str):
        Path(out).unlink(missing_ok=True)


def as_local(value: datetime | None, tz: tzinfo) -> datetime | None:
    """An aware datetime as naive local time of ``tz``, for a date cell."""
    if value is None:
        return None
    return value.astimezone(tz).replace(tzinfo=None)
