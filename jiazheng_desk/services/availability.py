"""Who could take a booking, and when: ranked candidates and free slots.

Both ask the rules of ``fit.py`` of many workers at once: one query finds the workers
qualified for the service (skill and level, district, certificate, active) whose shift
covers the time and who have no overlapping booking or leave, with the bookings just
before and after the window for the travel check. Nothing here locks: ``assign`` checks again under
the worker's lock, so a candidate taken a moment ago is refused there with the reason.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Row, and_, bindparam, case, func, null, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import (
    Favorite,
    Order,
    ShiftTemplate,
    Worker,
    WorkerDistrict,
    WorkerDocument,
    WorkerLeave,
    WorkerSkill,
)
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services import fit
from jiazheng_desk.services.geo import LatLng, TravelTimeSource, distance_m
from jiazheng_desk.services.settings import get_settings
from jiazheng_desk.services.timeutil import at_local, day_start_utc, minute_of_day

ORDERS = table_of(Order)
WORKERS = table_of(Worker)
HOLDING = fit.FREE_STATES_EXCLUDED


@dataclass(frozen=True)
class Reason:
    """Why a candidate ranks where it does, as a code and its numbers (views word them)."""

    code: str
    value: str = ""


@dataclass(frozen=True)
class Candidate:
    worker_id: int
    name: str
    level: int
    distance_m: int | None
    rating: float | None
    rating_count: int
    orders_that_day: int
    previous: bool
    favorite: bool
    cert_until: date | None
    score: float
    reasons: tuple[Reason, ...]


@lru_cache(maxsize=32)
def _qualified_statement(visit: bool, with_cert: bool, shortlist: int) -> Any:
    """Qualified free workers, best first, with everything the ranking needs.

    Two stages in one statement: the inner query finds the qualified free workers and
    orders them by what is cheap to know (customer's favourite or previous worker, level,
    rating, rough distance from home), keeping a shortlist; only for the shortlist does the
    outer query read the day's load and the bookings around the window (a district of a
    big city has hundreds of free workers, and those probes are most of the cost). Built
    once per shape with bind parameters (see ``fit._facts_statement`` for why).
    """
    # the probes below are tied to worker_skill's worker_id (the same worker): MariaDB then
    # runs them only for workers that have the skill, not for every worker of the district
    w = WorkerSkill.worker_id
    overlap = (
        select(ORDERS.c.id)
        .where(
            ORDERS.c.worker_id == w,
            ORDERS.c.ends_at > bindparam("s"),
            ORDERS.c.starts_at < bindparam("e"),
            ORDERS.c.state.notin_(HOLDING),
            ORDERS.c.id != bindparam("skip"),
        )
        .limit(1)
    )
    # as scalar subqueries (… LIMIT 1) IS NULL these stay correlated probes of the
    # (worker_id, ends_at) index per worker; written as NOT EXISTS, MariaDB turns them into
    # anti-joins that scan every order of the table
    leave = (
        select(WorkerLeave.id)
        .where(
            WorkerLeave.worker_id == w,
            WorkerLeave.status == "approved",
            WorkerLeave.ends_at > bindparam("s"),
            WorkerLeave.starts_at < bindparam("e"),
        )
        .limit(1)
    )

    def day_count(worker: Any) -> Any:
        return (
            select(func.count())
            .select_from(ORDERS)
            .where(
                ORDERS.c.worker_id == worker,
                ORDERS.c.ends_at > bindparam("day_start"),
                ORDERS.c.starts_at < bindparam("day_end"),
                ORDERS.c.state.notin_(HOLDING),
            )
            .scalar_subquery()
        )

    # the customer's previous and favourite workers: uncorrelated, read once per query
    previous = w.in_(
        select(ORDERS.c.worker_id).where(
            ORDERS.c.customer_id == bindparam("customer"),
            ORDERS.c.state.in_(("completed", "reviewed")),
            ORDERS.c.worker_id.is_not(None),
        )
    )
    favorite = w.in_(
        select(Favorite.target_id).where(
            Favorite.customer_id == bindparam("customer"), Favorite.kind == "worker"
        )
    )
    cert_until = (
        select(func.max(WorkerDocument.expires_on))
        .where(
            WorkerDocument.worker_id == w,
            WorkerDocument.kind == "certificate",
            WorkerDocument.cert_type == bindparam("cert"),
            WorkerDocument.status == "verified",
        )
        .scalar_subquery()
    )
    # kilometres from home, roughly (|Δlat| + |Δlng|·cos 31°), portable SQL for ordering
    rough_km = func.coalesce(
        111
        * (
            func.abs(WORKERS.c.home_lat - bindparam("lat"))
            + 0.857 * func.abs(WORKERS.c.home_lng - bindparam("lng"))
        ),
        50,
    )
    rating = case(
        (WORKERS.c.rating_count > 0, 4.0 * WORKERS.c.rating_sum / WORKERS.c.rating_count - 16),
        else_=0,
    )
    pre_score = (
        100 * case((favorite, 1), else_=0)
        + 25 * case((previous, 1), else_=0)
        + 10 * WorkerSkill.level
        + rating
        - rough_km
    )
    stmt = (
        select(
            WORKERS.c.id.label("id"),
            WORKERS.c.name,
            WORKERS.c.home_lat,
            WORKERS.c.home_lng,
            WORKERS.c.rating_sum,
            WORKERS.c.rating_count,
            WorkerSkill.level,
            previous.label("previous"),
            favorite.label("favorite"),
            (cert_until if with_cert else null()).label("cert_until"),
            pre_score.label("pre_score"),
        )
        .join(
            WorkerSkill,
            and_(
                WorkerSkill.worker_id == WORKERS.c.id,
                WorkerSkill.skill_id == bindparam("skill"),
                WorkerSkill.level >= bindparam("level"),
            ),
        )
        .join(
            WorkerDistrict,
            and_(
                WorkerDistrict.worker_id == WORKERS.c.id,
                WorkerDistrict.district_id == bindparam("district"),
            ),
        )
        .where(
            WORKERS.c.status == "active",
            overlap.scalar_subquery().is_(None),
            leave.scalar_subquery().is_(None),
        )
    )
    if with_cert:
        stmt = stmt.where(cert_until > bindparam("last_day"))
    if visit:
        stmt = stmt.where(
            select(ShiftTemplate.id)
            .where(
                ShiftTemplate.worker_id == w,
                ShiftTemplate.weekday == bindparam("weekday"),
                ShiftTemplate.start_minute <= bindparam("smin"),
                ShiftTemplate.end_minute >= bindparam("emin"),
            )
            .limit(1)
            .scalar_subquery()
            .is_not(None)
        )
    inner = stmt.order_by(pre_score.desc(), WORKERS.c.id).limit(shortlist).subquery("q")
    return select(inner, day_count(inner.c.id).label("day_count")).order_by(
        inner.c.pre_score.desc(), inner.c.id
    )


def qualified_free_workers(
    conn: Connection,
    req: fit.Requirement,
    window: fit.Window,
    *,
    customer_id: int | None = None,
    exclude_order_id: int | None = None,
    shortlist: int = 60,
) -> list[Row[Any]]:
    """The best ``shortlist`` active workers with the skill, district, certificate and
    shift, and no overlap, with their day's load and the bookings around the window."""
    days = window.days
    visit = req.kind != "placement"
    if visit and len(days) != 1:
        return []
    start = minute_of_day(window.starts_at, window.tz)
    day_start = day_start_utc(days[0], window.tz)
    where = window.where
    params = fit.neighbour_params(window, exclude_order_id)
    params |= {
        "day_start": day_start,
        "day_end": day_start + timedelta(days=1),
        "customer": -1 if customer_id is None else customer_id,
        "cert": req.cert_type,
        "last_day": days[-1],
        "skill": req.skill_id,
        "level": req.level,
        "district": req.district_id,
        "weekday": days[0].weekday(),
        "smin": start,
        "emin": start + int((window.ends_at - window.starts_at).total_seconds() // 60),
        "lat": where.lat if where is not None else 0.0,
        "lng": where.lng if where is not None else 0.0,
    }
    stmt = _qualified_statement(visit, bool(req.cert_type), shortlist)
    return list(conn.execute(stmt, params).all())


def find_candidates(
    session: Session,
    *,
    req: fit.Requirement,
    window: fit.Window,
    branch_id: int,
    customer_id: int | None = None,
    exclude_order_id: int | None = None,
    exclude_workers: Iterable[int] = (),
    limit: int = 20,
) -> list[Candidate]:
    """Qualified free workers for a window, best first, each with its reasons.

    The shortlist is ordered by what weighs most (the customer's favourite or previous
    worker, level, rating, distance from home) and is three times what was asked for; it
    grows when the travel gaps rule out too many of it. A worker far down that order whose
    previous booking happens to be next door can miss the shortlist: that is the price of
    not reading every free worker's bookings.
    """
    conn = session.connection()
    skip = set(exclude_workers)
    travel, minimum = fit.travel_source(get_settings(session, fit.TRAVEL_KEYS, branch_id=branch_id))
    shortlist = max(60, 3 * (limit + len(skip)))
    while True:
        rows = qualified_free_workers(
            conn,
            req,
            window,
            customer_id=customer_id,
            exclude_order_id=exclude_order_id,
            shortlist=shortlist,
        )
        near = fit.nearby(conn, [r.id for r in rows], window, exclude_order_id=exclude_order_id)
        out = [
            _rank(r, near[r.id], window)
            for r in rows
            if r.id not in skip
            and not fit.booking_problems(r.name, near[r.id], window, travel, minimum)
        ]
        if len(out) >= limit or len(rows) < shortlist:
            break
        shortlist *= 4
    out.sort(
        key=lambda c: (-c.score, c.distance_m if c.distance_m is not None else 10**9, c.worker_id)
    )
    return out[:limit]


def _rank(row: Row[Any], near: list[Any], window: fit.Window) -> Candidate:
    # where the worker comes from: the order just before, else home
    before = max(
        (n for n in near if n.kind == "order" and n.ends_at <= window.starts_at),
        key=lambda n: n.ends_at,
        default=None,
    )
    origin = (
        LatLng(before.lat, before.lng)
        if before is not None and before.lat is not None and before.lng is not None
        else LatLng(row.home_lat, row.home_lng)
        if row.home_lat is not None and row.home_lng is not None
        else None
    )
    dist = distance_m(origin, window.where) if origin and window.where else None
    rating = row.rating_sum / row.rating_count if row.rating_count else None
    score = 10.0 * row.level
    if dist is not None:
        score -= dist / 1000  # a kilometre costs as much as a tenth of a level
    if rating is not None:
        score += 4 * (rating - 4)
    day_count = int(row.day_count or 0)
    previous, favorite, cert_until = bool(row.previous), bool(row.favorite), row.cert_until
    score -= 3 * day_count  # spread the day's work
    score += 25 if previous else 0  # continuity: the customer knows them
    score += 100 if favorite else 0  # the customer asked for them: first
    reasons = [Reason("level", str(row.level))]
    if dist is not None:
        reasons.append(Reason("distance", f"{dist / 1000:.1f}"))
    if rating is not None:
        reasons.append(Reason("rating", f"{rating:.1f}"))
    reasons.append(Reason("load", str(day_count)))
    if previous:
        reasons.append(Reason("previous"))
    if favorite:
        reasons.append(Reason("favorite"))
    if cert_until is not None:
        reasons.append(Reason("certificate", cert_until.isoformat()))
    return Candidate(
        worker_id=row.id,
        name=row.name,
        level=row.level,
        distance_m=dist,
        rating=rating,
        rating_count=row.rating_count,
        orders_that_day=day_count,
        previous=previous,
        favorite=favorite,
        cert_until=cert_until,
        score=round(score, 2),
        reasons=tuple(reasons),
    )


# --- free slots ------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    day: date
    starts_at: datetime
    ends_at: datetime
    free_workers: int


@dataclass
class _Crew:
    """What the slot search knows of one qualified worker over the days asked."""

    name: str
    shifts: dict[int, list[tuple[int, int]]]
    busy: list[tuple[datetime, datetime, LatLng | None, str]]
    cert_until: date | None


def find_free_slots(
    session: Session,
    *,
    req: fit.Requirement,
    branch_id: int,
    where: LatLng | None,
    tz: str,
    minutes: int,
    first_day: date,
    days: int,
    step_minutes: int = 30,
    placement_start_minute: int = 8 * 60,
) -> list[Slot]:
    """Windows over ``days`` days with how many qualified workers are free for each."""
    conn = session.connection()
    now = clock.now()
    lead = get_settings(session, ["booking.min_lead_minutes"], branch_id=branch_id)
    earliest = now + timedelta(minutes=int(lead["booking.min_lead_minutes"]))
    span_start = day_start_utc(first_day, tz)
    span_end = day_start_utc(first_day + timedelta(days=days), tz) + timedelta(minutes=minutes)
    crew = _load_crew(conn, req, span_start, span_end)
    if not crew:
        return []
    travel, minimum = fit.travel_source(get_settings(session, fit.TRAVEL_KEYS, branch_id=branch_id))
    starts: list[int] = (
        [placement_start_minute]
        if req.kind == "placement"
        else sorted(
            {
                m
                for c in crew.values()
                for spans in c.shifts.values()
                for s, e in spans
                for m in range(s, e - minutes + 1, step_minutes)
            }
        )
    )
    slots: list[Slot] = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        for minute in starts:
            s = at_local(day, minute, tz)
            e = s + timedelta(minutes=minutes)
            if s < earliest:
                continue
            window = fit.Window(s, e, where, tz)
            free = sum(
                1
                for c in crew.values()
                if _crew_fits(c, req, window, day, minute, minutes, travel, minimum)
            )
            slots.append(Slot(day, s, e, free))
    return slots


def _load_crew(
    conn: Connection, req: fit.Requirement, start: datetime, end: datetime
) -> dict[int, _Crew]:
    workers = conn.execute(
        select(WORKERS.c.id, WORKERS.c.name)
        .join(
            WorkerSkill,
            and_(
                WorkerSkill.worker_id == WORKERS.c.id,
                WorkerSkill.skill_id == req.skill_id,
                WorkerSkill.level >= req.level,
            ),
        )
        .join(
            WorkerDistrict,
            and_(
                WorkerDistrict.worker_id == WORKERS.c.id,
                WorkerDistrict.district_id == req.district_id,
            ),
        )
        .where(WORKERS.c.status == "active")
    ).all()
    crew = {int(w.id): _Crew(w.name, defaultdict(list), [], None) for w in workers}
    ids = list(crew)
    if not ids:
        return {}
    for wid, weekday, first, last in conn.execute(
        select(
            ShiftTemplate.worker_id,
            ShiftTemplate.weekday,
            ShiftTemplate.start_minute,
            ShiftTemplate.end_minute,
        ).where(ShiftTemplate.worker_id.in_(ids))
    ).all():
        crew[int(wid)].shifts[int(weekday)].append((int(first), int(last)))
    reach = timedelta(minutes=fit.MAX_TRAVEL_MINUTES)
    for wid, s, e, lat, lng in conn.execute(
        select(
            ORDERS.c.worker_id, ORDERS.c.starts_at, ORDERS.c.ends_at, ORDERS.c.lat, ORDERS.c.lng
        ).where(
            ORDERS.c.worker_id.in_(ids),
            ORDERS.c.ends_at > start - reach,
            ORDERS.c.starts_at < end + reach,
            ORDERS.c.state.notin_(HOLDING),
        )
    ).all():
        crew[int(wid)].busy.append((s, e, LatLng(lat, lng) if lat is not None else None, "order"))
    for wid, s, e in conn.execute(
        select(WorkerLeave.worker_id, WorkerLeave.starts_at, WorkerLeave.ends_at).where(
            WorkerLeave.worker_id.in_(ids),
            WorkerLeave.status == "approved",
            WorkerLeave.ends_at > start,
            WorkerLeave.starts_at < end,
        )
    ).all():
        crew[int(wid)].busy.append((s, e, None, "leave"))
    if req.cert_type:
        certs = dict(
            conn.execute(
                select(WorkerDocument.worker_id, func.max(WorkerDocument.expires_on))
                .where(
                    WorkerDocument.worker_id.in_(ids),
                    WorkerDocument.kind == "certificate",
                    WorkerDocument.cert_type == req.cert_type,
                    WorkerDocument.status == "verified",
                )
                .group_by(WorkerDocument.worker_id)
            ).all()
        )
        for wid, c in crew.items():
            c.cert_until = certs.get(wid)
    for c in crew.values():
        c.busy.sort(key=lambda b: b[0])
    return crew


def _crew_fits(
    c: _Crew,
    req: fit.Requirement,
    window: fit.Window,
    day: date,
    minute: int,
    minutes: int,
    travel: TravelTimeSource,
    min_buffer: int,
) -> bool:
    if req.cert_type and (c.cert_until is None or c.cert_until <= window.days[-1]):
        return False
    if req.kind != "placement" and not any(
        s <= minute and minute + minutes <= e for s, e in c.shifts.get(day.weekday(), ())
    ):
        return False
    starts = [b[0] for b in c.busy]
    # only bookings that start before the window ends (plus travel) can matter
    hi = bisect.bisect_left(starts, window.ends_at + timedelta(minutes=fit.MAX_TRAVEL_MINUTES))
    for s, e, where, kind in c.busy[:hi]:
        if e <= window.starts_at - timedelta(minutes=fit.MAX_TRAVEL_MINUTES):
            continue
        if s < window.ends_at and e > window.starts_at:
            return False
        if kind != "order":
            continue
        need = fit.travel_minutes(travel, where, window.where, min_buffer)
        if e <= window.starts_at and window.starts_at - e < timedelta(minutes=need):
            return False
        if s >= window.ends_at and s - window.ends_at < timedelta(minutes=need):
            return False
    return True
