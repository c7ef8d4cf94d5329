"""Workers' time: weekly shift templates, leave and blackout days, and the calendar."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Order, ServiceItem, ShiftTemplate, Worker, WorkerLeave
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.fit import FREE_STATES_EXCLUDED
from jiazheng_desk.services.permissions import Perm, require, require_branch
from jiazheng_desk.services.timeutil import day_start_utc, get_branch_timezone, window_text

SHIFTS = table_of(ShiftTemplate)
LEAVE = table_of(WorkerLeave)
ORDERS = table_of(Order)
LEAVE_KINDS = ("leave", "blackout", "day_off", "sick")


@dataclass(frozen=True)
class Shift:
    weekday: int
    start_minute: int
    end_minute: int


def _worker(session: Session, actor: Actor, worker_id: int, *, edit: bool) -> Worker:
    worker = session.get(Worker, worker_id)
    if worker is None:
        raise NotFound("worker", worker_id)
    if actor.kind == "worker":
        if actor.id != worker_id:
            raise PermissionDenied("schedule.not_yours")
    elif edit:
        require(actor, Perm.SCHEDULE_EDIT, branch_id=worker.branch_id)
    else:
        require(actor, Perm.WORKER_VIEW, branch_id=worker.branch_id)
    return worker


def list_shifts(session: Session, *, worker_id: int, actor: Actor) -> list[Shift]:
    _worker(session, actor, worker_id, edit=False)
    rows = session.execute(
        select(SHIFTS.c.weekday, SHIFTS.c.start_minute, SHIFTS.c.end_minute)
        .where(SHIFTS.c.worker_id == worker_id)
        .order_by(SHIFTS.c.weekday, SHIFTS.c.start_minute)
    ).all()
    return [Shift(int(w), int(s), int(e)) for w, s, e in rows]


def set_shifts(
    session: Session, *, worker_id: int, actor: Actor, shifts: Sequence[Shift]
) -> list[Shift]:
    """Replace a worker's weekly template (several windows a day are fine, not overlapping)."""
    _worker(session, actor, worker_id, edit=True)
    by_day: dict[int, list[Shift]] = {}
    for s in shifts:
        if not 0 <= s.weekday <= 6:
            raise ValidationError("schedule.bad_weekday", field="shifts")
        if not 0 <= s.start_minute < s.end_minute <= 24 * 60:
            raise ValidationError("schedule.bad_shift", field="shifts")
        by_day.setdefault(s.weekday, []).append(s)
    for day in by_day.values():
        day.sort(key=lambda x: x.start_minute)
        for a, b in itertools.pairwise(day):
            if b.start_minute < a.end_minute:
                raise ValidationError("schedule.shifts_overlap", field="shifts")
    before = [s.__dict__ for s in list_shifts(session, worker_id=worker_id, actor=Actor.system())]
    session.execute(delete(SHIFTS).where(SHIFTS.c.worker_id == worker_id))
    if shifts:
        session.execute(
            insert(SHIFTS),
            [
                {
                    "worker_id": worker_id,
                    "weekday": s.weekday,
                    "start_minute": s.start_minute,
                    "end_minute": s.end_minute,
                }
                for s in shifts
            ],
        )
    audit.record(
        session,
        actor=actor,
        action="worker.shifts",
        entity="worker",
        entity_id=worker_id,
        before={"shifts": before},
        after={"shifts": [s.__dict__ for s in shifts]},
    )
    return list_shifts(session, worker_id=worker_id, actor=Actor.system())


@dataclass(frozen=True)
class LeaveView:
    id: int
    worker_id: int
    kind: str
    starts_at: datetime
    ends_at: datetime
    reason: str
    status: str


def add_leave(
    session: Session,
    *,
    worker_id: int,
    actor: Actor,
    starts_at: datetime,
    ends_at: datetime,
    kind: str = "leave",
    reason: str = "",
) -> LeaveView:
    """Block a worker's time; refused while the worker has bookings in it (move them first).

    A worker asking from the app files a request that staff approve; staff add it approved.
    """
    worker = _worker(session, actor, worker_id, edit=True)
    if kind not in LEAVE_KINDS:
        raise ValidationError("schedule.bad_leave_kind", field="kind")
    if starts_at.tzinfo is None or ends_at <= starts_at:
        raise ValidationError("schedule.bad_leave_range", field="ends_at")
    if ends_at - starts_at > timedelta(days=366):
        raise ValidationError("schedule.leave_too_long", field="ends_at")
    session.get(Worker, worker_id, with_for_update=True)  # the booking lock: no race with assign
    tz = get_branch_timezone(session, worker.branch_id)
    clash = session.execute(
        select(ORDERS.c.order_no, ORDERS.c.starts_at, ORDERS.c.ends_at)
        .where(
            ORDERS.c.worker_id == worker_id,
            ORDERS.c.ends_at > starts_at,
            ORDERS.c.starts_at < ends_at,
            ORDERS.c.state.notin_(FREE_STATES_EXCLUDED),
            ORDERS.c.state.notin_(("completed", "reviewed")),
        )
        .order_by(ORDERS.c.starts_at)
        .limit(1)
    ).first()
    if clash is not None:
        raise Conflict(
            "schedule.leave_has_orders",
            order_no=clash.order_no,
            window=window_text(clash.starts_at, clash.ends_at, tz),
        )
    status = "requested" if actor.kind == "worker" else "approved"
    leave_id = inserted_id(
        session.execute(
            insert(LEAVE),
            {
                "worker_id": worker_id,
                "kind": kind,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "reason": reason.strip()[:255],
                "status": status,
                "created_by": actor.id if actor.is_staff else None,
                "created_at": clock.now(),
            },
        )
    )
    audit.record(
        session,
        actor=actor,
        action="worker.leave_add",
        entity="worker",
        entity_id=worker_id,
        after={
            "leave_id": leave_id,
            "kind": kind,
            "window": window_text(starts_at, ends_at, tz),
            "status": status,
        },
        branch_id=worker.branch_id,
    )
    return _leave(session, leave_id)


def decide_leave(
    session: Session, *, leave_id: int, actor: Actor, approve: bool, reason: str = ""
) -> LeaveView:
    """Approve or refuse a worker's leave request (``services/leave_requests.py``)."""
    from jiazheng_desk.services import leave_requests  # it builds on this module

    if approve:
        leave_requests.approve_leave_request(session, actor=actor, leave_id=leave_id)
    else:
        leave_requests.refuse_leave_request(session, actor=actor, leave_id=leave_id, reason=reason)
    return _leave(session, leave_id)


def cancel_leave(session: Session, *, leave_id: int, actor: Actor) -> None:
    row = _leave(session, leave_id)
    worker = _worker(session, actor, row.worker_id, edit=True)
    session.execute(update(LEAVE).where(LEAVE.c.id == leave_id).values(status="cancelled"))
    audit.record(
        session,
        actor=actor,
        action="worker.leave_cancel",
        entity="worker",
        entity_id=row.worker_id,
        after={"leave_id": leave_id},
        branch_id=worker.branch_id,
    )


def _leave(session: Session, leave_id: int) -> LeaveView:
    row = session.execute(select(LEAVE).where(LEAVE.c.id == leave_id)).one_or_none()
    if row is None:
        raise NotFound("leave", leave_id)
    return LeaveView(
        row.id, row.worker_id, row.kind, row.starts_at, row.ends_at, row.reason, row.status
    )


# --- the calendar --------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarEntry:
    # visit | placement | leave
    kind: str
    id: int
    starts_at: datetime
    ends_at: datetime
    title: str
    state: str


@dataclass(frozen=True)
class WorkerCalendar:
    worker_id: int
    worker_name: str
    timezone: str
    shifts: tuple[Shift, ...]
    entries: tuple[CalendarEntry, ...]


def get_worker_calendar(
    session: Session, *, worker_id: int, actor: Actor, first_day: date, days: int = 42
) -> WorkerCalendar:
    """A worker's visits, placements and leave over some days (a month view)."""
    worker = _worker(session, actor, worker_id, edit=False)
    if actor.is_staff:
        require_branch(actor, worker.branch_id)
    tz = get_branch_timezone(session, worker.branch_id)
    start = day_start_utc(first_day, tz)
    end = day_start_utc(first_day + timedelta(days=days), tz)
    entries = [
        CalendarEntry(
            "placement" if kind == "placement" else "visit", oid, s, e, f"{name} {no}", state
        )
        for oid, kind, s, e, name, no, state in session.execute(
            select(
                ORDERS.c.id,
                ORDERS.c.kind,
                ORDERS.c.starts_at,
                ORDERS.c.ends_at,
                ServiceItem.name,
                ORDERS.c.order_no,
                ORDERS.c.state,
            )
            .join(ServiceItem, ServiceItem.id == ORDERS.c.item_id)
            .where(
                ORDERS.c.worker_id == worker_id,
                ORDERS.c.ends_at > start,
                ORDERS.c.starts_at < end,
                ORDERS.c.state.notin_(FREE_STATES_EXCLUDED),
            )
            .order_by(ORDERS.c.starts_at)
        ).all()
    ]
    entries += [
        CalendarEntry("leave", lid, s, e, reason or kind, status)
        for lid, kind, s, e, reason, status in session.execute(
            select(
                LEAVE.c.id,
                LEAVE.c.kind,
                LEAVE.c.starts_at,
                LEAVE.c.ends_at,
                LEAVE.c.reason,
                LEAVE.c.status,
            ).where(
                LEAVE.c.worker_id == worker_id,
                LEAVE.c.ends_at > start,
                LEAVE.c.starts_at < end,
                LEAVE.c.status.in_(("approved", "requested")),
            )
        ).all()
    ]
    entries.sort(key=lambda e: e.starts_at)
    shifts = list_shifts(session, worker_id=worker_id, actor=Actor.system())
    return WorkerCalendar(worker.id, worker.name, tz, tuple(shifts), tuple(entries))
