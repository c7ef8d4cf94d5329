"""Reviews as the branch sees them, and quality statistics per worker and per branch.

Cases (``quality_cases``), complaints (``complaints``) and calls back (``callbacks``)
have their own modules; this one reads across them. A review's branch is its order's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Branch, Complaint, Customer, Order, QualityCase, Review, Worker
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import AnySelect, Page
from jiazheng_desk.services.errors import ValidationError
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id
from jiazheng_desk.services.quality_cases import (
    DIMENSIONS,
    NEGATIVE_AT_MOST,
    OPEN_STATES,
    find_cases_of_reviews,
)

REVIEWS = table_of(Review)
CASES = table_of(QualityCase)
COMPLAINTS = table_of(Complaint)
SORTABLE = {"created_at", "overall", "id"}
COMPLAINT_OPEN = ("open", "in_progress", "reopened")


@dataclass(frozen=True)
class ReviewFilter:
    branch_id: int | None = None
    worker_id: int | None = None
    min_overall: int | None = None
    max_overall: int | None = None
    negative_only: bool = False
    with_text_only: bool = False
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class ReviewRow:
    id: int
    order_id: int
    order_no: str
    branch_id: int
    worker_id: int
    worker_name: str
    customer_id: int
    customer_name: str
    attitude: int
    skill: int
    efficiency: int
    punctuality: int
    overall: int
    text: str
    is_hidden: bool
    created_at: datetime
    negative: bool
    case_id: int | None
    case_state: str


def _negative() -> Any:
    return or_(*(REVIEWS.c[d] <= NEGATIVE_AT_MOST for d in DIMENSIONS))


def _check_range(flt: ReviewFilter) -> None:
    for name in ("min_overall", "max_overall"):
        value = getattr(flt, name)
        if value is not None and not 1 <= value <= 5:
            raise ValidationError("quality.bad_score_range", field=name)
    if flt.min_overall and flt.max_overall and flt.min_overall > flt.max_overall:
        raise ValidationError("quality.bad_score_range", field="max_overall")
    if flt.since and flt.until and flt.since >= flt.until:
        raise ValidationError("quality.bad_date_range", field="until")


def _filtered(stmt: AnySelect, actor: Actor, flt: ReviewFilter) -> AnySelect:
    scope = scope_branch_id(actor)
    branch = scope if scope is not None else flt.branch_id
    if branch is not None:
        stmt = stmt.where(Order.branch_id == branch)
    if flt.worker_id is not None:
        stmt = stmt.where(REVIEWS.c.worker_id == flt.worker_id)
    if flt.min_overall is not None:
        stmt = stmt.where(REVIEWS.c.overall >= flt.min_overall)
    if flt.max_overall is not None:
        stmt = stmt.where(REVIEWS.c.overall <= flt.max_overall)
    if flt.negative_only:
        stmt = stmt.where(_negative())
    if flt.with_text_only:
        stmt = stmt.where(REVIEWS.c.text != "")
    if flt.since is not None:
        stmt = stmt.where(REVIEWS.c.created_at >= flt.since)
    if flt.until is not None:
        stmt = stmt.where(REVIEWS.c.created_at < flt.until)
    return stmt


def list_reviews(
    session: Session,
    *,
    actor: Actor,
    flt: ReviewFilter | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "created_at",
    descending: bool = True,
) -> Page[ReviewRow]:
    """Every review with filters (branch, worker, score range, negative, dates, text)."""
    require(actor, Perm.QUALITY_HANDLE)
    flt = flt or ReviewFilter()
    _check_range(flt)
    base = select(func.count(REVIEWS.c.id)).join(Order, Order.id == REVIEWS.c.order_id)
    total = session.scalar(_filtered(base, actor, flt)) or 0
    column = REVIEWS.c[sort if sort in SORTABLE else "created_at"]
    order = [column.desc(), REVIEWS.c.id.desc()] if descending else [column, REVIEWS.c.id]
    stmt = (
        select(
            REVIEWS,
            Order.order_no,
            Order.branch_id,
            Worker.name.label("worker_name"),
            Customer.name.label("customer_name"),
        )
        .join(Order, Order.id == REVIEWS.c.order_id)
        .join(Worker, Worker.id == REVIEWS.c.worker_id)
        .join(Customer, Customer.id == REVIEWS.c.customer_id)
    )
    rows = session.execute(
        _filtered(stmt, actor, flt).order_by(*order).offset(offset).limit(limit)
    ).all()
    cases = find_cases_of_reviews(session, [int(r.id) for r in rows])
    items = []
    for r in rows:
        case_id, case_state = cases.get(int(r.id), (None, ""))
        items.append(
            ReviewRow(
                id=int(r.id),
                order_id=int(r.order_id),
                order_no=r.order_no,
                branch_id=int(r.branch_id),
                worker_id=int(r.worker_id),
                worker_name=r.worker_name,
                customer_id=int(r.customer_id),
                customer_name=r.customer_name or "",
                attitude=r.attitude,
                skill=r.skill,
                efficiency=r.efficiency,
                punctuality=r.punctuality,
                overall=r.overall,
                text=r.text,
                is_hidden=bool(r.is_hidden),
                created_at=r.created_at,
                negative=min(r.attitude, r.skill, r.efficiency, r.punctuality, r.overall)
                <= NEGATIVE_AT_MOST,
                case_id=case_id,
                case_state=case_state,
            )
        )
    return Page(items=tuple(items), total=int(total), offset=offset)


# --- statistics -----------------------------------------------------------------------


@dataclass(frozen=True)
class QualityStats:
    """One worker's or one branch's figures over a period."""

    key: int
    name: str
    branch_name: str
    reviews: int
    averages: dict[str, float]
    negative: int
    complaints: int
    complaints_by_category: dict[str, int] = field(default_factory=dict)
    open_cases: int = 0
    open_complaints: int = 0
    overdue_complaints: int = 0

    @property
    def negative_rate(self) -> float:
        """Negative reviews over all reviews, 0–1 (0 without reviews)."""
        return self.negative / self.reviews if self.reviews else 0.0


@dataclass
class _Acc:
    reviews: int = 0
    sums: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DIMENSIONS, 0))
    negative: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    open_cases: int = 0
    open_complaints: int = 0
    overdue: int = 0


def _stats(
    session: Session,
    actor: Actor,
    *,
    by: str,
    branch_id: int | None,
    since: datetime | None,
    until: datetime | None,
) -> list[QualityStats]:
    require(actor, Perm.QUALITY_HANDLE)
    if since and until and since >= until:
        raise ValidationError("quality.bad_date_range", field="until")
    scope = scope_branch_id(actor)
    branch = scope if scope is not None else branch_id
    now = clock.now()
    acc: dict[int, _Acc] = defaultdict(_Acc)

    review_key = REVIEWS.c.worker_id if by == "worker" else Order.branch_id
    negative = func.sum(sql_case((_negative(), 1), else_=0))
    stmt: AnySelect = (
        select(
            review_key,
            func.count(REVIEWS.c.id),
            *(func.sum(REVIEWS.c[d]) for d in DIMENSIONS),
            negative,
        )
        .join(Order, Order.id == REVIEWS.c.order_id)
        .group_by(review_key)
    )
    if branch is not None:
        stmt = stmt.where(Order.branch_id == branch)
    if since is not None:
        stmt = stmt.where(REVIEWS.c.created_at >= since)
    if until is not None:
        stmt = stmt.where(REVIEWS.c.created_at < until)
    for key, count, *rest in session.execute(stmt):
        a = acc[int(key)]
        a.reviews = int(count)
        a.sums = {d: int(v or 0) for d, v in zip(DIMENSIONS, rest[:5], strict=True)}
        a.negative = int(rest[5] or 0)

    complaint_key = COMPLAINTS.c.worker_id if by == "worker" else COMPLAINTS.c.branch_id
    cstmt: AnySelect = (
        select(
            complaint_key,
            COMPLAINTS.c.category,
            func.count(COMPLAINTS.c.id),
            func.sum(sql_case((COMPLAINTS.c.state.in_(COMPLAINT_OPEN), 1), else_=0)),
            func.sum(
                sql_case(
                    (
                        COMPLAINTS.c.state.in_(COMPLAINT_OPEN) & (COMPLAINTS.c.deadline_at < now),
                        1,
                    ),
                    else_=0,
                )
            ),
        )
        .where(complaint_key.is_not(None))
        .group_by(complaint_key, COMPLAINTS.c.category)
    )
    if branch is not None:
        cstmt = cstmt.where(COMPLAINTS.c.branch_id == branch)
    if since is not None:
        cstmt = cstmt.where(COMPLAINTS.c.created_at >= since)
    if until is not None:
        cstmt = cstmt.where(COMPLAINTS.c.created_at < until)
    for key, category, count, still_open, overdue in session.execute(cstmt):
        a = acc[int(key)]
        a.by_category[category] = int(count)
        a.open_complaints += int(still_open or 0)
        a.overdue += int(overdue or 0)

    case_key = CASES.c.worker_id if by == "worker" else CASES.c.branch_id
    kstmt: AnySelect = (
        select(case_key, func.count(CASES.c.id))
        .where(CASES.c.state.in_(OPEN_STATES), case_key.is_not(None))
        .group_by(case_key)
    )
    if branch is not None:
        kstmt = kstmt.where(CASES.c.branch_id == branch)
    for key, count in session.execute(kstmt):
        acc[int(key)].open_cases = int(count)

    names = _names(session, by, set(acc))
    out = [
        QualityStats(
            key=key,
            name=names.get(key, ("", ""))[0],
            branch_name=names.get(key, ("", ""))[1],
            reviews=a.reviews,
            averages={d: round(a.sums[d] / a.reviews, 2) for d in DIMENSIONS} if a.reviews else {},
            negative=a.negative,
            complaints=sum(a.by_category.values()),
            complaints_by_category=dict(sorted(a.by_category.items())),
            open_cases=a.open_cases,
            open_complaints=a.open_complaints,
            overdue_complaints=a.overdue,
        )
        for key, a in acc.items()
    ]
    out.sort(key=lambda s: (-s.negative_rate, -s.complaints, -s.reviews, s.name))
    return out


def _names(session: Session, by: str, keys: set[int]) -> dict[int, tuple[str, str]]:
    if not keys:
        return {}
    if by == "worker":
        workers = session.execute(
            select(Worker.id, Worker.name, Branch.name)
            .join(Branch, Branch.id == Worker.branch_id)
            .where(Worker.id.in_(keys))
        )
        return {int(i): (n, b) for i, n, b in workers}
    branches = session.execute(select(Branch.id, Branch.name).where(Branch.id.in_(keys)))
    return {int(i): (n, n) for i, n in branches}


def list_worker_stats(
    session: Session,
    *,
    actor: Actor,
    branch_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[QualityStats]:
    """Per worker: reviews, average scores, negative rate, complaints by category, open
    cases and overdue complaints (the worst first)."""
    return _stats(session, actor, by="worker", branch_id=branch_id, since=since, until=until)


def list_branch_stats(
    session: Session,
    *,
    actor: Actor,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[QualityStats]:
    """The same figures per branch (a branch's staff see their own branch only)."""
    return _stats(session, actor, by="branch", branch_id=None, since=since, until=until)
