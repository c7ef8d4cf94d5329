"""The filtered orders list as an Excel workbook.

``build_orders_report`` reads the ids of the filtered list once, in the list's order, and
streams the rows a chunk of ids at a time (``order_export.list_export_rows``), so a million
orders cost a list of ints and one chunk of rows in memory, never a million ORM objects.
Call it and ``write_excel`` inside one unit of work (``export_orders_excel`` does both).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from jiazheng_desk.i18n import t
from jiazheng_desk.reports.excel import Progress, ReportColumn, ReportData, as_local, write_excel
from jiazheng_desk.services import order_export, order_list
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.order_list import OrderFilter
from jiazheng_desk.services.timeutil import zone

# an Excel sheet holds 1,048,576 rows; the header and the totals row take two
MAX_ROWS = 1_000_000


@dataclass(frozen=True)
class ExportResult:
    path: str
    rows: int
    total_fen: int
    # more orders matched than one workbook takes
    truncated: bool


def _columns() -> tuple[ReportColumn, ...]:
    def col(key: str, kind: Any = "text", width: float = 12, total: bool = False) -> ReportColumn:
        return ReportColumn(key, t(f"order_export.col.{key}"), kind, width, total)

    return (
        col("order_no", width=20),
        col("service_day", "date", 12),
        col("starts_at", "datetime", 17),
        col("ends_at", "datetime", 17),
        col("item", width=16),
        col("units", "int", 7),
        col("unit", width=7),
        col("customer", width=12),
        col("phone", width=14),
        col("district", width=12),
        col("address", width=30),
        col("worker", width=12),
        col("state", width=12),
        col("channel", width=10),
        col("base", "yuan", 12, total=True),
        col("options", "yuan", 11, total=True),
        col("travel", "yuan", 11, total=True),
        col("surcharge", "yuan", 11, total=True),
        col("discount", "yuan", 11, total=True),
        col("total", "yuan", 13, total=True),
        col("cancel_fee", "yuan", 11, total=True),
        col("exception", width=12),
        col("created_at", "datetime", 17),
    )


def _word(prefix: str, code: str) -> str:
    """A code in words through the message catalog; an unknown code stays as it is."""
    if not code:
        return ""
    key = f"{prefix}.{code}"
    text = t(key)
    return code if text == key else text


def _row(r: order_export.OrderExportRow) -> tuple[Any, ...]:
    tz = zone(r.timezone)
    return (
        r.order_no,
        r.service_day,
        as_local(r.starts_at, tz),
        as_local(r.ends_at, tz),
        r.item_name,
        r.units,
        _word("order_export.unit", r.unit),
        r.customer_name,
        r.customer_phone,
        r.district_name,
        r.address_text,
        r.worker_name,
        _word("order.state", r.state),
        _word("order_export.channel", r.channel),
        r.base_fen,
        r.options_fen,
        r.travel_fee_fen,
        r.surcharge_fen,
        # shown as the negative amount it takes off the total
        -r.discount_fen,
        r.total_fen,
        r.cancel_fee_fen,
        _word("order_export.exception", r.exception_reason),
        as_local(r.created_at, tz),
    )


def _chunks(ids: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def build_orders_report(
    session: Session, *, actor: Actor, flt: OrderFilter, limit: int = MAX_ROWS
) -> ReportData:
    """The filtered orders list (every row, in the list's default order) as a report."""
    ids = order_list.list_order_ids(session, actor=actor, flt=flt, limit=limit)

    def rows() -> Iterator[tuple[Any, ...]]:
        for chunk in _chunks(ids, order_export.MAX_IDS):
            for r in order_export.list_export_rows(session, actor=actor, ids=chunk):
                yield _row(r)

    return ReportData(
        title=t("order_export.title"),
        sheet_name=t("order_export.sheet"),
        columns=_columns(),
        rows=rows(),
        row_count=len(ids),
        totals_label=t("order_export.totals"),
    )


def export_orders_excel(
    session: Session,
    *,
    actor: Actor,
    flt: OrderFilter,
    path: str | Path,
    progress: Progress | None = None,
    started: Callable[[int], None] | None = None,
) -> ExportResult:
    """Build the report and write it to ``path``; one call for a background task.

    ``started(rows)`` tells how many rows will be written once the ids are read;
    ``progress(rows_done)`` follows as they are (and may raise to stop).
    """
    # one more than fits tells whether the list was cut
    report = build_orders_report(session, actor=actor, flt=flt, limit=MAX_ROWS + 1)
    truncated = (report.row_count or 0) > MAX_ROWS
    if truncated:
        report.row_count = MAX_ROWS
        report.rows = islice(report.rows, MAX_ROWS)
    if started is not None:
        started(report.row_count or 0)
    written = write_excel(report, path, progress=progress)
    return ExportResult(str(path), written, report.total_of("total"), truncated)
