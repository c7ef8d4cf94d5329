"""Whether a worker can take a time window: the rules behind "never booked twice".

``fit_problems`` answers for one worker (``assign`` calls it under the worker's row
lock); the candidate search asks the same rules of many workers at once. Rules:

- no holding order of the worker overlaps the window, and the gap to the order before and
  after leaves room to travel (straight line × road factor / speed, at least the minimum
  buffer; none between two orders at the same place);
- no approved leave or blackout overlaps the window;
- a visit lies inside one of the worker's shifts of that weekday (placements are full time);
- the worker is active, has the item's skill at the required level, serves the district,
  and holds the skill's certificate, verified and valid on every day of the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row, bindparam, func, literal, null, select, union_all

from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import (
    District,
    Order,
    ServiceItem,
    ShiftTemplate,
    Skill,
    Worker,
    WorkerDistrict,
    WorkerDocument,
    WorkerLeave,
    WorkerSkill,
)
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services.cache import cached
from jiazheng_desk.services.geo import LatLng, StraightLineTravel, TravelTimeSource, distance_m
from jiazheng_desk.services.timeutil import local, local_day, minute_of_day, window_text

# farther than this a neighbour cannot matter: no same-city trip takes longer
MAX_TRAVEL_MINUTES = 240
# two orders this close are at the same place: no travel between them
SAME_PLACE_M = 30
FREE_STATES_EXCLUDED = ("cancelled", "refunded")

ORDERS = table_of(Order)
WORKERS = table_of(Worker)
LEAVE = table_of(WorkerLeave)


@dataclass(frozen=True)
class Requirement:
    """What an order asks of its worker."""

    item_id: int
    item_name: str
    kind: str
    skill_id: int
    skill_name: str
    level: int
    cert_type: str
    district_id: int
    district_name: str


@dataclass(frozen=True)
class Window:
    starts_at: datetime
    ends_at: datetime
    where: LatLng | None
    tz: str

    @property
    def days(self) -> list[date]:
        """Every local day the window touches (a placement's whole period)."""
        first = local_day(self.starts_at, self.tz)
        last = local_day(self.ends_at - timedelta(microseconds=1), self.tz)
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]


@dataclass(frozen=True)
class Problem:
    """One reason a worker cannot take the window, as a catalog message."""

    reason: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)


def requirement(conn: Connection, *, item_id: int, district_id: int) -> Requirement:
    """What the item asks of a worker in that district (cached: the catalogue rarely changes)."""
    return cached(
        ("catalog", "requirement", item_id, district_id),
        60,
        lambda: _requirement(conn, item_id, district_id),
    )


def _requirement(conn: Connection, item_id: int, district_id: int) -> Requirement:
    row = conn.execute(
        select(
            ServiceItem.id,
            ServiceItem.name,
            ServiceItem.kind,
            ServiceItem.skill_id,
            ServiceItem.required_level,
            Skill.name.label("skill_name"),
            Skill.required_cert_type,
            select(District.name).where(District.id == district_id).scalar_subquery(),
        )
        .join(Skill, Skill.id == ServiceItem.skill_id)
        .where(ServiceItem.id == item_id)
    ).one()
    return Requirement(
        item_id=row[0],
        item_name=row[1],
        kind=row[2],
        skill_id=row[3],
        level=row[4],
        skill_name=row[5],
        cert_type=row[6] or "",
        district_id=district_id,
        district_name=row[7] or "",
    )


def neighbour_columns(worker: Any) -> list[Any]:
    """Per worker: the first overlapping booking and leave, and the bookings just before and
    just after the window (within travel reach), as scalar subqueries over the
    ``(worker_id, ends_at)`` index. Parameters: s, e, reach_from, reach_to, skip."""
    holding = (
        ORDERS.c.worker_id == worker,
        ORDERS.c.state.notin_(FREE_STATES_EXCLUDED),
        ORDERS.c.id != bindparam("skip"),
    )

    def first(column: Any, *where: Any, order: Any) -> Any:
        return select(column).where(*holding, *where).order_by(order).limit(1).scalar_subquery()

    overlap = (ORDERS.c.ends_at > bindparam("s"), ORDERS.c.starts_at < bindparam("e"))
    before = (ORDERS.c.ends_at <= bindparam("s"), ORDERS.c.ends_at > bindparam("reach_from"))
    # ends_at > e is implied, and keeps the probe on the (worker_id, ends_at) index
    after = (
        ORDERS.c.ends_at > bindparam("e"),
        ORDERS.c.starts_at >= bindparam("e"),
        ORDERS.c.starts_at < bindparam("reach_to"),
    )
    leave_where = (
        LEAVE.c.worker_id == worker,
        LEAVE.c.status == "approved",
        LEAVE.c.ends_at > bindparam("s"),
        LEAVE.c.starts_at < bindparam("e"),
    )
    out = []
    # ordered by ends_at, the index's own order (no sort per probe); a worker's bookings
    # never overlap each other, so the first by end is also the first by start
    for prefix, where, order in (
        ("ov", overlap, ORDERS.c.ends_at),
        ("pv", before, ORDERS.c.ends_at.desc()),
        ("nx", after, ORDERS.c.ends_at),
    ):
        for name, column in (
            ("s", ORDERS.c.starts_at),
            ("e", ORDERS.c.ends_at),
            ("lat", ORDERS.c.lat),
            ("lng", ORDERS.c.lng),
        ):
            if prefix == "ov" and name in ("lat", "lng"):
                continue
            out.append(first(column, *where, order=order).label(f"{prefix}_{name}"))
    for name, column in (("s", LEAVE.c.starts_at), ("e", LEAVE.c.ends_at)):
        out.append(
            select(column)
            .where(*leave_where)
            .order_by(LEAVE.c.starts_at)
            .limit(1)
            .scalar_subquery()
            .label(f"lv_{name}")
        )
    return out


@dataclass(frozen=True)
class _Near:
    kind: str
    starts_at: datetime
    ends_at: datetime
    lat: float | None
    lng: float | None


def neighbours(facts: Any) -> list[_Near]:
    """The rows ``booking_problems`` reads, from the columns of ``neighbour_columns``."""
    out = []
    if facts.ov_s is not None:
        out.append(_Near("order", facts.ov_s, facts.ov_e, None, None))
    if facts.lv_s is not None:
        out.append(_Near("leave", facts.lv_s, facts.lv_e, None, None))
    if facts.pv_s is not None:
        out.append(_Near("order", facts.pv_s, facts.pv_e, facts.pv_lat, facts.pv_lng))
    if facts.nx_s is not None:
        out.append(_Near("order", facts.nx_s, facts.nx_e, facts.nx_lat, facts.nx_lng))
    return out


def neighbour_params(window: Window, exclude_order_id: int | None) -> dict[str, Any]:
    reach = timedelta(minutes=MAX_TRAVEL_MINUTES)
    return {
        "s": window.starts_at,
        "e": window.ends_at,
        "reach_from": window.starts_at - reach,
        "reach_to": window.ends_at + reach,
        "skip": -1 if exclude_order_id is None else exclude_order_id,
    }


def _facts_statement() -> Any:
    """Status, level, district, certificate and the weekday's shifts of one worker.

    Built once with bind parameters: a statement rebuilt per call costs more Python time
    than the database spends answering it.
    """
    w: Any = bindparam("w")
    shifts = (
        select(
            func.group_concat(
                ShiftTemplate.start_minute.concat("-").concat(ShiftTemplate.end_minute)
            )
        )
        .where(ShiftTemplate.worker_id == w, ShiftTemplate.weekday == bindparam("weekday"))
        .scalar_subquery()
    )
    level = (
        select(WorkerSkill.level)
        .where(WorkerSkill.worker_id == w, WorkerSkill.skill_id == bindparam("skill"))
        .scalar_subquery()
    )
    serves = (
        select(func.count())
        .select_from(WorkerDistrict)
        .where(WorkerDistrict.worker_id == w, WorkerDistrict.district_id == bindparam("district"))
        .scalar_subquery()
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
    return select(
        WORKERS.c.id,
        WORKERS.c.name,
        WORKERS.c.status,
        WORKERS.c.branch_id,
        WORKERS.c.home_lat,
        WORKERS.c.home_lng,
        level.label("level"),
        serves.label("serves"),
        cert_until.label("cert_until"),
        shifts.label("shifts"),
        *neighbour_columns(w),
    ).where(WORKERS.c.id == w)


_FACTS = _facts_statement()
_LOCK_WORKER = select(WORKERS.c.id).where(WORKERS.c.id == bindparam("w")).with_for_update()


def worker_facts(
    conn: Connection,
    worker_id: int,
    req: Requirement,
    window: Window,
    *,
    lock: bool,
    exclude_order_id: int | None = None,
) -> Row[Any] | None:
    """The worker's state, qualifications and neighbouring bookings, in one statement.

    With ``lock`` the worker's row is locked first, in a statement of its own (``FOR
    UPDATE``; SQLite's write transaction is already exclusive): every booking of the worker
    waits there. The checks are a *second* statement on purpose: MariaDB evaluates
    subqueries that do not depend on the locked row before it waits for the lock, against
    what was committed then — folded into the locking statement they missed the booking
    that held the lock, and the 16-thread test found double bookings. At READ COMMITTED the
    next statement reads everything committed before the lock was granted.
    """
    params = neighbour_params(window, exclude_order_id)
    params |= {
        "w": worker_id,
        "weekday": window.days[0].weekday(),
        "skill": req.skill_id,
        "district": req.district_id,
        "cert": req.cert_type,
    }
    if lock and conn.execute(_LOCK_WORKER, {"w": worker_id}).first() is None:
        return None
    return conn.execute(_FACTS, params).one_or_none()


def _nearby_statement() -> Any:
    ids: Any = bindparam("ids", expanding=True)
    orders = select(
        literal("order").label("kind"),
        ORDERS.c.worker_id,
        ORDERS.c.starts_at,
        ORDERS.c.ends_at,
        ORDERS.c.lat,
        ORDERS.c.lng,
    ).where(
        ORDERS.c.worker_id.in_(ids),
        ORDERS.c.ends_at > bindparam("reach_from"),
        ORDERS.c.starts_at < bindparam("reach_to"),
        ORDERS.c.state.notin_(FREE_STATES_EXCLUDED),
        ORDERS.c.id != bindparam("skip"),
    )
    leave = select(
        literal("leave").label("kind"),
        LEAVE.c.worker_id,
        LEAVE.c.starts_at,
        LEAVE.c.ends_at,
        null().label("lat"),
        null().label("lng"),
    ).where(
        LEAVE.c.worker_id.in_(ids),
        LEAVE.c.status == "approved",
        LEAVE.c.ends_at > bindparam("s"),
        LEAVE.c.starts_at < bindparam("e"),
    )
    return union_all(orders, leave)


_NEARBY = _nearby_statement()


def nearby(
    conn: Connection,
    worker_ids: Sequence[int],
    window: Window,
    *,
    exclude_order_id: int | None = None,
) -> dict[int, list[Any]]:
    """Per worker: bookings within travel reach of the window and leave overlapping it.

    For many workers at once one ranged query over the ``(worker_id, ends_at)`` index beats
    per-worker subqueries: MariaDB runs ``ORDER BY … LIMIT 1`` subqueries as ordered scans
    of a worker's whole history.
    """
    out: dict[int, list[Any]] = {int(w): [] for w in worker_ids}
    if not worker_ids:
        return out
    params = neighbour_params(window, exclude_order_id) | {"ids": list(worker_ids)}
    for row in conn.execute(_NEARBY, params).all():
        out[int(row.worker_id)].append(row)
    return out


def _parse_shifts(text: str | None) -> list[tuple[int, int]]:
    if not text:
        return []
    out = []
    for part in str(text).split(","):
        start, _, end = part.partition("-")
        out.append((int(start), int(end)))
    return out


def _same_place(a: LatLng | None, b: LatLng | None) -> bool:
    return a is not None and b is not None and distance_m(a, b) <= SAME_PLACE_M


def travel_minutes(
    travel: TravelTimeSource, a: LatLng | None, b: LatLng | None, min_minutes: int
) -> int:
    if _same_place(a, b):
        return 0
    if a is None or b is None:
        return min_minutes
    return travel.minutes(a, b)


def qualification_problems(facts: Row[Any], req: Requirement, window: Window) -> list[Problem]:
    """Status, skill, level, district, certificate and shift: no other bookings needed."""
    name = facts.name
    out: list[Problem] = []
    if facts.status != "active":
        out.append(
            Problem(
                "status",
                "fit.status",
                {
                    "worker": name,
                    "status": Msg(f"worker.status.{facts.status}"),
                },
            )
        )
    if facts.level is None:
        out.append(Problem("skill", "fit.skill", {"worker": name, "skill": req.skill_name}))
    elif facts.level < req.level:
        out.append(
            Problem(
                "level",
                "fit.level",
                {"worker": name, "skill": req.skill_name, "level": req.level, "has": facts.level},
            )
        )
    if not facts.serves:
        out.append(
            Problem("district", "fit.district", {"worker": name, "district": req.district_name})
        )
    if req.cert_type:
        last_day = window.days[-1]
        until = facts.cert_until
        if until is None or until <= last_day:
            out.append(
                Problem(
                    "certificate",
                    "fit.certificate",
                    {
                        "worker": name,
                        "cert": req.cert_type,
                        "day": str(last_day),
                    },
                )
            )
    if req.kind != "placement":
        shifts = _parse_shifts(facts.shifts)
        start = minute_of_day(window.starts_at, window.tz)
        end_local = local(window.ends_at, window.tz)
        end = (end_local.hour * 60 + end_local.minute) or 1440
        one_day = len(window.days) == 1
        if not one_day or not any(s <= start and end <= e for s, e in shifts):
            out.append(Problem("shift", "fit.shift", {"worker": name}))
    return out


def booking_problems(
    name: str,
    rows: Sequence[Any],
    window: Window,
    travel: TravelTimeSource,
    min_buffer: int,
) -> list[Problem]:
    """Overlaps, travel gaps and leave, from the rows ``nearby`` returned for one worker."""
    out: list[Problem] = []
    before: Any = None
    after: Any = None
    for row in rows:
        if row.kind == "leave":
            out.append(
                Problem(
                    "leave",
                    "fit.leave",
                    {
                        "worker": name,
                        "window": window_text(row.starts_at, row.ends_at, window.tz),
                    },
                )
            )
            continue
        if row.starts_at < window.ends_at and row.ends_at > window.starts_at:
            out.append(
                Problem(
                    "overlap",
                    "fit.overlap",
                    {
                        "worker": name,
                        "window": window_text(row.starts_at, row.ends_at, window.tz),
                    },
                )
            )
        elif row.ends_at <= window.starts_at:
            if before is None or row.ends_at > before.ends_at:
                before = row
        elif after is None or row.starts_at < after.starts_at:
            after = row
    if before is not None:
        where = LatLng(before.lat, before.lng) if before.lat is not None else None
        need = travel_minutes(travel, where, window.where, min_buffer)
        if window.starts_at - before.ends_at < timedelta(minutes=need):
            out.append(
                Problem(
                    "travel",
                    "fit.travel_before",
                    {
                        "worker": name,
                        "minutes": need,
                        "window": window_text(before.starts_at, before.ends_at, window.tz),
                    },
                )
            )
    if after is not None:
        where = LatLng(after.lat, after.lng) if after.lat is not None else None
        need = travel_minutes(travel, window.where, where, min_buffer)
        if after.starts_at - window.ends_at < timedelta(minutes=need):
            out.append(
                Problem(
                    "travel",
                    "fit.travel_after",
                    {
                        "worker": name,
                        "minutes": need,
                        "window": window_text(after.starts_at, after.ends_at, window.tz),
                    },
                )
            )
    return out


def travel_source(values: dict[str, Any]) -> tuple[StraightLineTravel, int]:
    """The travel-time source and minimum buffer from the ``travel.*`` settings."""
    minimum = int(values["travel.min_buffer_minutes"])
    source = StraightLineTravel(
        road_factor=int(values["travel.road_factor_pct"]) / 100,
        speed_kmh=float(values["travel.speed_kmh"]),
        min_minutes=minimum,
    )
    return source, minimum


TRAVEL_KEYS = ["travel.road_factor_pct", "travel.speed_kmh", "travel.min_buffer_minutes"]
