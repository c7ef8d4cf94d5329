"""The desk's queue of leave that workers ask for in the app: list, approve, refuse.

A worker's request (``schedules.add_leave`` by a worker actor) is ``requested`` and blocks
nothing until staff approve it, so a booking may land inside it meanwhile. The list shows
those bookings beside each request; approving refuses while any is left, naming them (move
or reassign them first), so an approval never leaves a double-booked order behind. The
check runs under the worker's booking lock, like ``assign``. Each decision keeps the
request's row (its id and when it was asked), writes a state event with the actor and the
reason of a refusal, an audit row, and a message in the worker's message centre.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg, current_language, t
from jiazheng_desk.models import Branch, Notification, StaffUser, StateEvent, Worker
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import Page, clean_text
from jiazheng_desk.services.errors import Conflict, NotFound, ValidationError
from jiazheng_desk.services.fit import FREE_STATES_EXCLUDED
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id
from jiazheng_desk.services.schedules import LEAVE, ORDERS
from jiazheng_desk.services.timeutil import get_branch_timezone, window_text, zone

WORKERS = table_of(Worker)
BRANCHES = table_of(Branch)
STAFF = table_of(StaffUser)
EVENTS = table_of(StateEvent)
NOTES = table_of(Notification)

STATES = ("requested", "approved", "rejected", "cancelled", "all")
# leave that holds (or asks to hold) the worker's time
BLOCKING = ("requested", "approved")
SORTABLE = {"starts_at": LEAVE.c.starts_at, "created_at": LEAVE.c.created_at}
# bookings named in the list and in the refusal of an approval
CLASHES_SHOWN = 5
MAX_REFUSAL = 255
EVENT_ENTITY = "worker_leave"
# orders that no longer hold the worker's time, or already happened
CLASH_EXCLUDED = (*FREE_STATES_EXCLUDED, "completed", "reviewed")


@dataclass(frozen=True)
class LeaveClash:
    """A booking of the worker inside the leave."""

    order_id: int
    order_no: str
    starts_at: datetime
    ends_at: datetime
    window: str


@dataclass(frozen=True)
class LeaveRequestRow:
    id: int
    worker_id: int
    worker_name: str
    worker_phone: str
    branch_id: int
    branch_name: str
    timezone: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    # in the branch's time zone: whole days as days, otherwise from–to with the hours
    window: str
    reason: str
    # requested | approved | rejected | cancelled
    status: str
    requested_at: datetime
    # who entered it at the desk; "" when the worker asked in the app
    filed_by: str
    clash_count: int
    # the first few bookings inside the leave (CLASHES_SHOWN), earliest first
    clashes: tuple[LeaveClash, ...]
    decided_by: str = ""
    decided_at: datetime | None = None
    refusal_reason: str = ""


def _day(d: date, lang: str) -> str:
    return f"{d.day} {d:%b}" if lang == "en" else f"{d.month}月{d.day}日"


def leave_window_text(
    starts_at: datetime, ends_at: datetime, tz: str, lang: str | None = None
) -> str:
    """Whole days as days (11月25日–11月26日, the last day included), else with the hours."""
    lang = lang or current_language()
    s, e = starts_at.astimezone(zone(tz)), ends_at.astimezone(zone(tz))
    if s.time() == time(0) and e.time() == time(0):
        last = e.date() - timedelta(days=1)
        if last == s.date():
            return _day(s.date(), lang)
        return f"{_day(s.date(), lang)}–{_day(last, lang)}"
    if s.date() == e.date():
        return f"{_day(s.date(), lang)} {s:%H:%M}–{e:%H:%M}"
    return f"{_day(s.date(), lang)} {s:%H:%M}–{_day(e.date(), lang)} {e:%H:%M}"


def find_leave_clashes(
    session: Session, *, worker_id: int, starts_at: datetime, ends_at: datetime, tz: str
) -> tuple[int, tuple[LeaveClash, ...]]:
    """How many bookings the worker has inside a time range, and the first few of them."""
    where = (
        ORDERS.c.worker_id == worker_id,
        ORDERS.c.ends_at > starts_at,
        ORDERS.c.starts_at < ends_at,
        ORDERS.c.state.notin_(CLASH_EXCLUDED),
    )
    count = session.scalar(select(func.count(ORDERS.c.id)).where(*where)) or 0
    rows = session.execute(
        select(ORDERS.c.id, ORDERS.c.order_no, ORDERS.c.starts_at, ORDERS.c.ends_at)
        .where(*where)
        .order_by(ORDERS.c.starts_at, ORDERS.c.id)
        .limit(CLASHES_SHOWN)
    ).all()
    return int(count), tuple(
        LeaveClash(
            r.id, r.order_no, r.starts_at, r.ends_at, window_text(r.starts_at, r.ends_at, tz)
        )
        for r in rows
    )


# --- the list -------------------------------------------------------------------------


def _select() -> Any:
    return (
        select(
            LEAVE.c.id,
            LEAVE.c.worker_id,
            WORKERS.c.name.label("worker_name"),
            WORKERS.c.phone.label("worker_phone"),
            WORKERS.c.branch_id,
            BRANCHES.c.name.label("branch_name"),
            BRANCHES.c.timezone,
            LEAVE.c.kind,
            LEAVE.c.starts_at,
            LEAVE.c.ends_at,
            LEAVE.c.reason,
            LEAVE.c.status,
            LEAVE.c.created_at,
            STAFF.c.display_name.label("filed_by"),
        )
        .select_from(LEAVE)
        .join(WORKERS, WORKERS.c.id == LEAVE.c.worker_id)
        .join(BRANCHES, BRANCHES.c.id == WORKERS.c.branch_id)
        .outerjoin(STAFF, STAFF.c.id == LEAVE.c.created_by)
    )


def _filtered(stmt: Any, state: str, branch_id: int | None) -> Any:
    if state != "all":
        stmt = stmt.where(LEAVE.c.status == state)
    if branch_id is not None:
        stmt = stmt.where(WORKERS.c.branch_id == branch_id)
    return stmt


def _decisions(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, datetime, str]]:
    """The last decision event of each leave: who, when, and the reason of a refusal."""
    if not ids:
        return {}
    rows = session.execute(
        select(
            EVENTS.c.entity_id,
            EVENTS.c.actor_kind,
            STAFF.c.display_name,
            EVENTS.c.created_at,
            EVENTS.c.reason,
        )
        .outerjoin(STAFF, and_(EVENTS.c.actor_kind == "staff", STAFF.c.id == EVENTS.c.actor_id))
        .where(EVENTS.c.entity == EVENT_ENTITY, EVENTS.c.entity_id.in_(ids))
        .order_by(EVENTS.c.id)
    ).all()
    return {
        int(r.entity_id): (r.display_name or r.actor_kind, r.created_at, r.reason) for r in rows
    }


def _page_clashes(
    session: Session, rows: Sequence[Any]
) -> dict[int, tuple[int, tuple[LeaveClash, ...]]]:
    """The bookings inside each blocking leave of a page, in one query for the page."""
    blocking = [r for r in rows if r.status in BLOCKING]
    if not blocking:
        return {}
    booked = session.execute(
        select(
            ORDERS.c.id, ORDERS.c.worker_id, ORDERS.c.order_no, ORDERS.c.starts_at, ORDERS.c.ends_at
        )
        .where(
            ORDERS.c.worker_id.in_({int(r.worker_id) for r in blocking}),
            ORDERS.c.ends_at > min(r.starts_at for r in blocking),
            ORDERS.c.starts_at < max(r.ends_at for r in blocking),
            ORDERS.c.state.notin_(CLASH_EXCLUDED),
        )
        .order_by(ORDERS.c.starts_at, ORDERS.c.id)
    ).all()
    out: dict[int, tuple[int, tuple[LeaveClash, ...]]] = {}
    for r in blocking:
        inside = [
            b
            for b in booked
            if b.worker_id == r.worker_id and b.ends_at > r.starts_at and b.starts_at < r.ends_at
        ]
        out[int(r.id)] = (
            len(inside),
            tuple(
                LeaveClash(
                    b.id, b.order_no, b.starts_at, b.ends_at,
                    window_text(b.starts_at, b.ends_at, r.timezone),
                )
                for b in inside[:CLASHES_SHOWN]
            ),
        )  # fmt: skip
    return out


def _rows(session: Session, rows: Sequence[Any]) -> tuple[LeaveRequestRow, ...]:
    decided = _decisions(session, [int(r.id) for r in rows])
    # refused or cancelled leave blocks nothing: its bookings are no clash
    clashes_of = _page_clashes(session, rows)
    out = []
    for r in rows:
        count, clashes = clashes_of.get(int(r.id), (0, ()))
        by, at, why = decided.get(int(r.id), ("", None, ""))
        out.append(
            LeaveRequestRow(
                id=r.id,
                worker_id=r.worker_id,
                worker_name=r.worker_name,
                worker_phone=r.worker_phone,
                branch_id=r.branch_id,
                branch_name=r.branch_name,
                timezone=r.timezone,
                kind=r.kind,
                starts_at=r.starts_at,
                ends_at=r.ends_at,
                window=leave_window_text(r.starts_at, r.ends_at, r.timezone),
                reason=r.reason,
                status=r.status,
                requested_at=r.created_at,
                filed_by=r.filed_by or "",
                clash_count=count,
                clashes=clashes,
                decided_by=by,
                decided_at=at,
                refusal_reason=why if r.status == "rejected" else "",
            )
        )
    return tuple(out)


def list_leave_requests(
    session: Session,
    *,
    actor: Actor,
    state: str = "requested",
    branch_id: int | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "starts_at",
    descending: bool = False,
) -> Page[LeaveRequestRow]:
    """Leave of the actor's branch (HQ: every branch, or the one chosen) by state, with the
    bookings inside each; ``requested`` are the workers' requests waiting for a decision."""
    require(actor, Perm.SCHEDULE_EDIT, branch_id=branch_id)
    if state not in STATES:
        raise ValidationError("leave.bad_state", field="state")
    scope = branch_id if branch_id is not None else scope_branch_id(actor)
    total = session.scalar(
        _filtered(
            select(func.count(LEAVE.c.id))
            .select_from(LEAVE)
            .join(WORKERS, WORKERS.c.id == LEAVE.c.worker_id),
            state,
            scope,
        )
    )
    column = SORTABLE.get(sort, LEAVE.c.starts_at)
    order = [column.desc(), LEAVE.c.id.desc()] if descending else [column, LEAVE.c.id]
    rows = session.execute(
        _filtered(_select(), state, scope).order_by(*order).offset(max(0, offset)).limit(limit)
    ).all()
    return Page(items=_rows(session, rows), total=int(total or 0), offset=offset)


def get_leave_request(session: Session, *, actor: Actor, leave_id: int) -> LeaveRequestRow:
    """One leave with its worker, the bookings inside it and its decision."""
    row = session.execute(_select().where(LEAVE.c.id == leave_id)).first()
    if row is None:
        raise NotFound("leave", leave_id)
    require(actor, Perm.SCHEDULE_EDIT, branch_id=row.branch_id)
    return _rows(session, [row])[0]


# --- deciding -------------------------------------------------------------------------


def _lock_request(session: Session, actor: Actor, leave_id: int) -> Any:
    """The request, under its worker's booking lock, refused unless it still waits."""
    found = session.execute(
        select(LEAVE.c.worker_id, WORKERS.c.branch_id)
        .join(WORKERS, WORKERS.c.id == LEAVE.c.worker_id)
        .where(LEAVE.c.id == leave_id)
    ).first()
    if found is None:
        raise NotFound("leave", leave_id)
    require(actor, Perm.SCHEDULE_EDIT, branch_id=found.branch_id)
    # the lock every booking of this worker takes (fit.worker_facts): no race with assign
    session.execute(select(WORKERS.c.id).where(WORKERS.c.id == found.worker_id).with_for_update())
    row = session.execute(select(LEAVE).where(LEAVE.c.id == leave_id)).one()
    if row.status != "requested":
        raise Conflict("schedule.leave_decided")
    return row, int(found.branch_id)


def _decide(
    session: Session,
    actor: Actor,
    row: Any,
    branch_id: int,
    *,
    to_state: str,
    event: str,
    reason: str,
    tz: str,
) -> None:
    now = clock.now()
    session.execute(update(LEAVE).where(LEAVE.c.id == row.id).values(status=to_state))
    session.execute(
        insert(EVENTS),
        {
            "entity": EVENT_ENTITY,
            "entity_id": row.id,
            "event": event,
            "from_state": row.status,
            "to_state": to_state,
            "actor_kind": actor.kind,
            "actor_id": actor.id,
            "reason": reason,
            "created_at": now,
        },
    )
    window = leave_window_text(row.starts_at, row.ends_at, tz)
    after: dict[str, Any] = {"leave_id": row.id, "status": to_state, "window": window}
    if reason:
        after["reason"] = reason
    audit.record(
        session,
        actor=actor,
        action=f"worker.leave_{event}",
        entity="worker",
        entity_id=row.worker_id,
        before={"leave_id": row.id, "status": row.status},
        after=after,
        branch_id=branch_id,
    )
    # the worker's message centre keeps the franchise's language (as vetting's messages)
    body_key = f"leave.notify.{event}_body" + ("" if reason or event != "reject" else "_plain")
    session.execute(
        insert(NOTES),
        {
            "recipient_kind": "worker",
            "recipient_id": row.worker_id,
            "kind": f"leave_{event}",
            "title": t(f"leave.notify.{event}_title", lang="zh_CN"),
            "body": t(
                body_key,
                lang="zh_CN",
                window=leave_window_text(row.starts_at, row.ends_at, tz, lang="zh_CN"),
                reason=reason,
            ),
            "entity": EVENT_ENTITY,
            "entity_id": row.id,
            "created_at": now,
        },
    )


def approve_leave_request(session: Session, *, actor: Actor, leave_id: int) -> LeaveRequestRow:
    """Approve a worker's leave; refused, naming them, while bookings remain inside it."""
    row, branch_id = _lock_request(session, actor, leave_id)
    tz = get_branch_timezone(session, branch_id)
    count, clashes = find_leave_clashes(
        session, worker_id=row.worker_id, starts_at=row.starts_at, ends_at=row.ends_at, tz=tz
    )
    if count:
        names = "; ".join(f"{c.order_no} ({c.window})" for c in clashes)
        raise Conflict(
            "leave.has_bookings",
            count=count,
            orders=names + ("…" if count > len(clashes) else ""),
        )
    _decide(session, actor, row, branch_id, to_state="approved", event="approve", reason="", tz=tz)
    return get_leave_request(session, actor=actor, leave_id=leave_id)


def refuse_leave_request(
    session: Session, *, actor: Actor, leave_id: int, reason: str = ""
) -> LeaveRequestRow:
    """Refuse a worker's leave request; the worker reads the reason in the app."""
    text = clean_text(
        reason,
        field="reason",
        label=Msg("leave.field.refusal"),
        max_len=MAX_REFUSAL,
        required=False,
    )
    row, branch_id = _lock_request(session, actor, leave_id)
    tz = get_branch_timezone(session, branch_id)
    _decide(session, actor, row, branch_id, to_state="rejected", event="reject", reason=text, tz=tz)
    return get_leave_request(session, actor=actor, leave_id=leave_id)
