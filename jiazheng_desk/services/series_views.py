"""What the desk shows before changing a series or a placement: the visits that cancelling
"this and following" ends and what each costs, and the workers who could take over from a
date (read-only; ``series`` and ``changes`` make the changes and check everything again).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk.models import Order, OrderSeries, Worker
from jiazheng_desk.services import fit, orders
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.availability import Candidate, find_candidates
from jiazheng_desk.services.errors import NotFound, ValidationError
from jiazheng_desk.services.geo import LatLng
from jiazheng_desk.services.order_states import OPEN_STATES
from jiazheng_desk.services.permissions import Perm, require, require_branch
from jiazheng_desk.services.timeutil import (
    at_local,
    get_branch_timezone,
    local_day,
    minute_of_day,
)

# visits under way keep their worker (``changes.replace_series_worker`` skips them)
UNDER_WAY = ("on_the_way", "in_service")
# how many candidates each visit's search may return before the lists are intersected
PER_VISIT = 200


@dataclass(frozen=True)
class VisitFee:
    """An open visit of a series and what cancelling it now would cost."""

    order_id: int
    order_no: str
    series_seq: int | None
    starts_at: datetime
    ends_at: datetime
    state: str
    worker_name: str
    fee_fen: int
    # free | late | on_the_way (``orders.cancellation_fee``)
    fee_rule: str


@dataclass(frozen=True)
class SeriesCancelPreview:
    series_id: int
    from_date: date
    timezone: str
    visits: tuple[VisitFee, ...]

    @property
    def total_fee_fen(self) -> int:
        return sum(v.fee_fen for v in self.visits)


def _series_visit(session: Session, actor: Actor, order_id: int) -> Order:
    visit = session.get(Order, order_id, populate_existing=True)
    if visit is None:
        raise NotFound("order", order_id)
    require_branch(actor, visit.branch_id)
    if visit.series_id is None:
        raise ValidationError("series.not_a_series_visit", field="order_id")
    return visit


def preview_cancel_series(session: Session, *, order_id: int, actor: Actor) -> SeriesCancelPreview:
    """The open visits "cancel this and following" would end, from this visit's day on,
    each with its cancellation fee (the same rule ``series.cancel_series`` applies)."""
    require(actor, Perm.ORDER_CANCEL)
    visit = _series_visit(session, actor, order_id)
    assert visit.series_id is not None
    tz = get_branch_timezone(session, visit.branch_id)
    from_date = local_day(visit.starts_at, tz)
    rows = session.execute(
        select(
            Order.id,
            Order.order_no,
            Order.series_seq,
            Order.starts_at,
            Order.ends_at,
            Order.state,
            Worker.name,
        )
        .outerjoin(Worker, Worker.id == Order.worker_id)
        .where(Order.series_id == visit.series_id, Order.state.in_(OPEN_STATES))
        .order_by(Order.starts_at, Order.id)
    ).all()
    visits = []
    for r in rows:
        if local_day(r[3], tz) < from_date:
            continue
        fee = orders.cancellation_fee(session, order_id=r[0], actor=actor)
        name = r[6] or ""
        visits.append(VisitFee(r[0], r[1], r[2], r[3], r[4], r[5], name, fee.fee_fen, fee.rule))
    return SeriesCancelPreview(visit.series_id, from_date, tz, tuple(visits))


@dataclass(frozen=True)
class ReplacementChoices:
    """Who could take over a series or a placement from a date."""

    # series | placement
    kind: str
    from_date: date
    timezone: str
    # series: the open visits from the date (the new worker must fit every one);
    # placement: the days the new worker's order covers
    visits: int
    days: int
    current_worker_id: int | None
    current_worker_name: str
    candidates: tuple[Candidate, ...]


def replacement_choices(
    session: Session, *, order_id: int, from_date: date, actor: Actor, limit: int = 30
) -> ReplacementChoices:
    """Qualified workers free for everything a replacement from ``from_date`` hands over,
    best first (``replace_series_worker`` / ``replace_placement_worker`` check again)."""
    require(actor, Perm.ORDER_VIEW)
    order = session.get(Order, order_id, populate_existing=True)
    if order is None:
        raise NotFound("order", order_id)
    require_branch(actor, order.branch_id)
    tz = get_branch_timezone(session, order.branch_id)
    conn = session.connection()
    req = fit.requirement(conn, item_id=order.item_id, district_id=order.district_id)
    where = (
        LatLng(order.lat, order.lng) if order.lat is not None and order.lng is not None else None
    )
    if order.series_id is not None:
        series = session.get(OrderSeries, order.series_id)
        assert series is not None
        current = series.worker_id
        visits = [
            v
            for v in session.scalars(
                select(Order)
                .where(
                    Order.series_id == order.series_id,
                    Order.state.in_(OPEN_STATES),
                    Order.state.notin_(UNDER_WAY),
                )
                .order_by(Order.starts_at)
            ).all()
            if local_day(v.starts_at, tz) >= from_date
        ]
        windows = [
            (v.id, fit.Window(v.starts_at, v.ends_at, where, tz), v.worker_id) for v in visits
        ]
        kind, days = "series", 0
    elif order.kind == "placement":
        if order.state not in OPEN_STATES:
            raise ValidationError("change.not_a_placement", field="order_id")
        current = order.worker_id
        split = at_local(from_date, minute_of_day(order.starts_at, tz), tz)
        if not order.starts_at < split < order.ends_at:
            raise ValidationError("change.split_outside", field="from_date")
        windows = [(order.id, fit.Window(split, order.ends_at, where, tz), order.worker_id)]
        kind, days = "placement", round((order.ends_at - split) / timedelta(days=1))
    else:
        raise ValidationError("series.not_a_series_visit", field="order_id")
    found = _free_for_all(session, order, req, windows, current, limit)
    name = (
        session.scalar(select(Worker.name).where(Worker.id == current)) if current else None
    ) or ""
    return ReplacementChoices(kind, from_date, tz, len(windows), days, current, name, tuple(found))


def _free_for_all(
    session: Session,
    order: Order,
    req: fit.Requirement,
    windows: list[tuple[int, fit.Window, int | None]],
    current: int | None,
    limit: int,
) -> list[Candidate]:
    """The candidates of the first window who are also free in every other one."""
    ranked: list[Candidate] = []
    keep: set[int] | None = None
    for order_id, window, worker_id in windows:
        skip = {w for w in (current, worker_id) if w is not None}
        found = find_candidates(
            session,
            req=req,
            window=window,
            branch_id=order.branch_id,
            customer_id=order.customer_id,
            exclude_order_id=order_id,
            exclude_workers=tuple(skip),
            limit=PER_VISIT,
        )
        ids = {c.worker_id for c in found}
        if keep is None:
            ranked, keep = found, ids
        else:
            keep &= ids
        if not keep:
            return []
    return [c for c in ranked if keep is not None and c.worker_id in keep][:limit]
