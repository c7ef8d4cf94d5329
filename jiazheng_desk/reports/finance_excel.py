"""The payments list as an Excel workbook: the rows the Payments page shows, streamed
(``refunds.iter_payments``) into ``write_excel`` with yuan columns and their totals."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jiazheng_desk.i18n import t
from jiazheng_desk.reports.excel import ReportColumn, ReportData, as_local, write_excel
from jiazheng_desk.services import refunds
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.refunds import PaymentFilter
from jiazheng_desk.services.timeutil import get_branch_timezone, zone


@dataclass(frozen=True)
class PaymentsExport:
    path: str
    rows: int
    amount_fen: int
    refunded_fen: int


def _col(key: str, kind: Any = "text", width: float = 12, total: bool = False) -> ReportColumn:
    return ReportColumn(key, t(f"finance_export.col.{key}"), kind, width, total)


def build_payments_report(session: Session, *, actor: Actor, flt: PaymentFilter) -> ReportData:
    """Every payment the filter matches, newest first, amounts in yuan with totals."""
    tz = zone(get_branch_timezone(session, actor.branch_id))
    stmt = refunds._payments_query(session, actor, flt)
    count = int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)

    def rows() -> Iterator[tuple[Any, ...]]:
        for p in refunds.iter_payments(session, actor=actor, flt=flt):
            yield (
                p.order_no,
                p.customer_name,
                t(f"finance.method.{p.method}"),
                t(f"finance.payment_state.{p.state}"),
                p.gateway_ref,
                p.amount_fen,
                p.refunded_fen,
                as_local(p.created_at, tz),
                as_local(p.confirmed_at, tz),
            )

    return ReportData(
        title=t("finance_export.title"),
        sheet_name=t("finance_export.sheet"),
        columns=(
            _col("order_no", width=18),
            _col("customer"),
            _col("method", width=10),
            _col("state", width=10),
            _col("gateway_ref", width=20),
            _col("amount", "yuan", 12, total=True),
            _col("refunded", "yuan", 12, total=True),
            _col("created_at", "datetime", 17),
            _col("confirmed_at", "datetime", 17),
        ),
        rows=rows(),
        row_count=count,
        totals_label=t("finance_export.totals", n=count),
    )


def export_payments_excel(
    session: Session, *, actor: Actor, flt: PaymentFilter, path: str | Path
) -> PaymentsExport:
    """Write the payments list to ``path``; one call for a background task."""
    report = build_payments_report(session, actor=actor, flt=flt)
    written = write_excel(report, path)
    return PaymentsExport(
        str(path), written, report.total_of("amount"), report.total_of("refunded")
    )
