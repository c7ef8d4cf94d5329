"""Training lists as Excel workbooks: the results per course and who needs which course.

The rows are the same the desk shows (``training_lists.list_results`` / ``list_needs``),
read page by page in one unit of work and streamed into ``write_excel``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy.orm import Session

from jiazheng_desk.i18n import t
from jiazheng_desk.reports.excel import ReportColumn, ReportData, as_local, write_excel
from jiazheng_desk.services import training_lists
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import Page
from jiazheng_desk.services.timeutil import get_branch_timezone, zone

Kind = Literal["results", "needs"]
PAGE = 1000


@dataclass(frozen=True)
class TrainingExport:
    path: str
    kind: str
    rows: int


def _col(key: str, kind: Any = "text", width: float = 12) -> ReportColumn:
    return ReportColumn(key, t(f"training_export.col.{key}"), kind, width)


def _pages(fetch: Callable[[int], Page[Any]]) -> Iterator[Any]:
    offset = 0
    while True:
        page = fetch(offset)
        yield from page.items
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return


def build_results_report(
    session: Session, *, actor: Actor, course_id: int | None = None
) -> ReportData:
    """Every exam result (of one course, or all), newest first, as the desk lists them."""
    tz = zone(get_branch_timezone(session, actor.branch_id))
    first = training_lists.list_results(session, actor=actor, course_id=course_id, limit=1)

    def fetch(offset: int) -> Page[Any]:
        return training_lists.list_results(
            session, actor=actor, course_id=course_id, offset=offset, limit=PAGE
        )

    def rows() -> Iterator[tuple[Any, ...]]:
        for r in _pages(fetch):
            yield (
                r.course_title,
                r.worker_name,
                r.worker_phone,
                r.branch_name,
                r.score,
                r.pass_mark,
                t("training.result.passed" if r.passed else "training.result.failed"),
                r.recorded_by,
                as_local(r.taken_at, tz),
            )

    return ReportData(
        title=t("training_export.results.title"),
        sheet_name=t("training_export.results.sheet"),
        columns=(
            _col("course", width=24),
            _col("worker"),
            _col("phone", width=14),
            _col("branch"),
            _col("score", "int", 8),
            _col("pass_mark", "int", 8),
            _col("result", width=10),
            _col("recorded_by"),
            _col("taken_at", "datetime", 17),
        ),
        rows=rows(),
        row_count=first.total,
        totals_label=t("training_export.totals", n=first.total),
    )


def build_needs_report(
    session: Session, *, actor: Actor, course_id: int | None = None
) -> ReportData:
    """Who needs which course (targets not on it), by course and name."""
    first = training_lists.list_needs(session, actor=actor, course_id=course_id, limit=1)

    def fetch(offset: int) -> Page[Any]:
        return training_lists.list_needs(
            session, actor=actor, course_id=course_id, offset=offset, limit=PAGE
        )

    def rows() -> Iterator[tuple[Any, ...]]:
        for r in _pages(fetch):
            yield (
                r.course_title,
                r.worker_name,
                r.worker_phone,
                r.branch_name,
                r.years_experience,
                t(f"worker.status.{r.worker_status}"),
                t(f"training.state.{r.state or 'none'}"),
            )

    return ReportData(
        title=t("training_export.needs.title"),
        sheet_name=t("training_export.needs.sheet"),
        columns=(
            _col("course", width=24),
            _col("worker"),
            _col("phone", width=14),
            _col("branch"),
            _col("years", "int", 10),
            _col("worker_status", width=10),
            _col("state", width=10),
        ),
        rows=rows(),
        row_count=first.total,
        totals_label=t("training_export.totals", n=first.total),
    )


def export_training_excel(
    session: Session,
    *,
    actor: Actor,
    kind: Kind,
    path: str | Path,
    course_id: int | None = None,
) -> TrainingExport:
    """Write the results or the who-needs list to ``path``; one call for a background task."""
    build = build_results_report if kind == "results" else build_needs_report
    report = build(session, actor=actor, course_id=course_id)
    written = write_excel(report, path)
    return TrainingExport(str(path), kind, written)
