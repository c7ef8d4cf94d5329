"""Issued invoices as an Excel workbook: the list finance exports for the accountant.

The rows are the desk's (``invoice_views.list_invoices``, in number order), read page by
page in one unit of work; amounts are exact yuan with a total row. A voided invoice keeps
its line (its number stays used) with its amount in the "voided" column, so the amount
column adds up to what was invoiced and stands.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from jiazheng_desk.i18n import t
from jiazheng_desk.reports.excel import ReportColumn, ReportData, as_local, write_excel
from jiazheng_desk.services import invoice_views
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.invoice_views import InvoiceFilter
from jiazheng_desk.services.timeutil import get_branch_timezone, zone

PAGE = 1000


@dataclass(frozen=True)
class InvoiceExport:
    path: str
    rows: int
    # the issued (not voided) invoices' total
    total_fen: int


def _col(key: str, kind: Any = "text", width: float = 12, total: bool = False) -> ReportColumn:
    return ReportColumn(key, t(f"invoice_export.col.{key}"), kind, width, total)


def build_invoices_report(
    session: Session, *, actor: Actor, flt: InvoiceFilter | None = None
) -> ReportData:
    """The invoices of the filter in number order; the amount column sums issued ones."""
    flt = flt or InvoiceFilter()
    tz = zone(get_branch_timezone(session, actor.branch_id))
    first = invoice_views.list_invoices(session, actor=actor, flt=flt, limit=1)

    def rows() -> Iterator[tuple[Any, ...]]:
        offset = 0
        while True:
            page = invoice_views.list_invoices(
                session, actor=actor, flt=flt, offset=offset, limit=PAGE
            )
            for r in page.items:
                void = r.state == "void"
                yield (
                    r.invoice_no,
                    as_local(r.issued_at, tz),
                    r.branch_name,
                    r.title,
                    r.tax_id,
                    0 if void else r.amount_fen,
                    r.amount_fen if void else 0,
                    t(f"invoice.state.{r.state}"),
                    r.issued_by_name,
                    r.void_reason,
                )
            offset += len(page.items)
            if not page.items or offset >= page.total:
                return

    return ReportData(
        title=t("invoice_export.title"),
        sheet_name=t("invoice_export.sheet"),
        columns=(
            _col("invoice_no", width=20),
            _col("issued_at", "datetime", 17),
            _col("branch"),
            _col("title", width=30),
            _col("tax_id", width=22),
            _col("amount", "yuan", 14, total=True),
            _col("void_amount", "yuan", 14, total=True),
            _col("state", width=10),
            _col("issued_by"),
            _col("void_reason", width=30),
        ),
        rows=rows(),
        row_count=first.total,
        totals_label=t("invoice_export.totals", n=first.total),
    )


def export_invoices_excel(
    session: Session, *, actor: Actor, path: str | Path, flt: InvoiceFilter | None = None
) -> InvoiceExport:
    """Write the invoices of the filter to ``path``; one call for a background task."""
    report = build_invoices_report(session, actor=actor, flt=flt)
    written = write_excel(report, path)
    return InvoiceExport(str(path), written, report.total_of("amount"))
