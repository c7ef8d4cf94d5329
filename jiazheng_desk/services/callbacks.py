"""Calls back to customers (回访): after their first completed order, and the worklist.

``schedule_first_order_callbacks`` is a job: it looks at orders finished in the last
days, finds each customer's first completed order and plans one call
(``quality.first_order_callback_hours`` after the service ended). It is idempotent: a
customer gets one first-order call, ever. The desk's worklist shows what is due today
and overdue; recording the result closes the call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import exists, func, insert, select, update
from sqlalchemy.orm import Session, aliased

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import CareCallback, Customer, Order, StaffUser
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import AnySelect, Page, clean_text
from jiazheng_desk.services.errors import IllegalTransition, NotFound, ValidationError
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id
from jiazheng_desk.services.quality_cases import CALL_RESULTS
from jiazheng_desk.services.settings import get_settings
from jiazheng_desk.services.timeutil import day_start_utc, get_branch_timezone, local_day

CALLBACKS = table_of(CareCallback)
DONE_STATES = ("done", "unreachable", "cancelled")
COMPLETED = ("completed", "reviewed")
# how far back the job looks for finished orders (it runs daily; a week covers outages)
LOOKBACK_DAYS = 7
MAX_NOTE = 2000
SORTABLE = {"due_at", "created_at", "state", "id"}


@dataclass(frozen=True)
class CallbackRow:
    id: int
    branch_id: int
    customer_id: int
    customer_name: str
    customer_phone: str
    order_id: int | None
    order_no: str
    case_id: int | None
    kind: str
    due_at: datetime
    state: str
    result: str
    note: str
    done_by_name: str
    done_at: datetime | None
    overdue: bool


@dataclass(frozen=True)
class CallbackFilter:
    # due: pending and due by the end of today (the branch's day); overdue: pending and
    # due before today; pending: every pending call; done: recorded; all: everything
    when: str = "due"
    branch_id: int | None = None
    kind: str | None = None


def schedule_first_order_callbacks(
    session: Session, *, actor: Actor, now: datetime | None = None
) -> int:
    """Plan a call after each customer's first completed order (once per customer)."""
    require(actor, Perm.QUALITY_HANDLE)
    now = now or clock.now()
    since = now - timedelta(days=LOOKBACK_DAYS)
    earlier = aliased(Order)
    stmt = (
        select(Order.id, Order.customer_id, Order.branch_id, Order.ends_at)
        .where(
            Order.state.in_(COMPLETED),
            Order.starts_at >= since - timedelta(days=1),
            Order.ends_at <= now,
            ~exists().where(
                earlier.customer_id == Order.customer_id,
                earlier.state.in_(COMPLETED),
                earlier.starts_at < Order.starts_at,
            ),
            ~exists().where(
                CALLBACKS.c.customer_id == Order.customer_id, CALLBACKS.c.kind == "first_order"
            ),
        )
        .order_by(Order.starts_at, Order.id)
    )
    scope = scope_branch_id(actor)
    if scope is not None:
        stmt = stmt.where(Order.branch_id == scope)
    delays: dict[int, int] = {}
    seen: set[int] = set()
    written = 0
    for order_id, customer_id, branch_id, ends_at in session.execute(stmt).all():
        if customer_id in seen:  # two orders starting at the same minute: the first counts
            continue
        seen.add(customer_id)
        if branch_id not in delays:
            key = "quality.first_order_callback_hours"
            delays[branch_id] = int(get_settings(session, [key], branch_id=branch_id)[key])
        callback_id = inserted_id(
            session.connection().execute(
                insert(CALLBACKS),
                {
                    "branch_id": branch_id,
                    "customer_id": customer_id,
                    "order_id": order_id,
                    "case_id": None,
                    "kind": "first_order",
                    "due_at": ends_at + timedelta(hours=delays[branch_id]),
                    "state": "pending",
                    "result": "",
                    "note": "",
                    "done_by": None,
                    "done_at": None,
                    "created_at": now,
                },
            )
        )
        audit.record(
            session,
            actor=actor,
            action="callback.schedule",
            entity="care_callback",
            entity_id=callback_id,
            after={"customer_id": customer_id, "order_id": order_id, "kind": "first_order"},
            branch_id=branch_id,
        )
        written += 1
    return written


_done_by = aliased(StaffUser)


def _select() -> AnySelect:
    return (
        select(
            CALLBACKS,
            Customer.name.label("customer_name"),
            Customer.phone.label("customer_phone"),
            Order.order_no,
            _done_by.display_name.label("done_by_name"),
        )
        .join(Customer, Customer.id == CALLBACKS.c.customer_id)
        .outerjoin(Order, Order.id == CALLBACKS.c.order_id)
        .outerjoin(_done_by, _done_by.id == CALLBACKS.c.done_by)
    )


def _today_bounds(session: Session, actor: Actor, now: datetime) -> tuple[datetime, datetime]:
    tz = get_branch_timezone(session, actor.branch_id)
    today: date = local_day(now, tz)
    return day_start_utc(today, tz), day_start_utc(today + timedelta(days=1), tz)


def _filtered(
    stmt: AnySelect, actor: Actor, flt: CallbackFilter, bounds: tuple[datetime, datetime]
) -> AnySelect:
    scope = scope_branch_id(actor)
    branch = scope if scope is not None else flt.branch_id
    if branch is not None:
        stmt = stmt.where(CALLBACKS.c.branch_id == branch)
    if flt.kind:
        stmt = stmt.where(CALLBACKS.c.kind == flt.kind)
    start, end = bounds
    if flt.when == "due":
        stmt = stmt.where(CALLBACKS.c.state == "pending", CALLBACKS.c.due_at < end)
    elif flt.when == "overdue":
        stmt = stmt.where(CALLBACKS.c.state == "pending", CALLBACKS.c.due_at < start)
    elif flt.when == "pending":
        stmt = stmt.where(CALLBACKS.c.state == "pending")
    elif flt.when == "done":
        stmt = stmt.where(CALLBACKS.c.state.in_(DONE_STATES))
    return stmt


def _row(r: Any, start: datetime) -> CallbackRow:
    return CallbackRow(
        id=int(r.id),
        branch_id=int(r.branch_id),
        customer_id=int(r.customer_id),
        customer_name=r.customer_name or "",
        customer_phone=r.customer_phone or "",
        order_id=r.order_id,
        order_no=r.order_no or "",
        case_id=r.case_id,
        kind=r.kind,
        due_at=r.due_at,
        state=r.state,
        result=r.result,
        note=r.note,
        done_by_name=r.done_by_name or "",
        done_at=r.done_at,
        overdue=r.state == "pending" and r.due_at < start,
    )


def list_callbacks(
    session: Session,
    *,
    actor: Actor,
    flt: CallbackFilter | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "due_at",
    descending: bool = False,
) -> Page[CallbackRow]:
    """The calls to make: due today and overdue by default, oldest due first."""
    require(actor, Perm.QUALITY_HANDLE)
    flt = flt or CallbackFilter()
    bounds = _today_bounds(session, actor, clock.now())
    total = session.scalar(_filtered(select(func.count(CALLBACKS.c.id)), actor, flt, bounds)) or 0
    column = CALLBACKS.c[sort if sort in SORTABLE else "due_at"]
    order = [column.desc(), CALLBACKS.c.id.desc()] if descending else [column, CALLBACKS.c.id]
    rows = session.execute(
        _filtered(_select(), actor, flt, bounds).order_by(*order).offset(offset).limit(limit)
    ).all()
    return Page(items=tuple(_row(r, bounds[0]) for r in rows), total=int(total), offset=offset)


def record_callback(
    session: Session, *, actor: Actor, callback_id: int, result: str, note: str = ""
) -> CallbackRow:
    """Record how the call went (a note is required unless the customer was unreachable)."""
    require(actor, Perm.QUALITY_HANDLE)
    row = session.execute(
        select(CALLBACKS).where(CALLBACKS.c.id == callback_id).with_for_update()
    ).first()
    scope = scope_branch_id(actor)
    if row is None or (scope is not None and row.branch_id != scope):
        raise NotFound("care_callback", callback_id)
    if row.state != "pending":
        raise IllegalTransition("callback.not_pending")
    if result not in CALL_RESULTS:
        raise ValidationError("quality.bad_call_result", field="result")
    text = clean_text(
        note,
        field="note",
        label=Msg("quality.field.note"),
        max_len=MAX_NOTE,
        required=result != "unreachable",
    )
    now = clock.now()
    state = "unreachable" if result == "unreachable" else "done"
    values = {
        "state": state,
        "result": result,
        "note": text,
        "done_by": actor.id if actor.is_staff else None,
        "done_at": now,
    }
    session.connection().execute(
        update(CALLBACKS).where(CALLBACKS.c.id == callback_id).values(**values)
    )
    audit.record(
        session,
        actor=actor,
        action="callback.record",
        entity="care_callback",
        entity_id=callback_id,
        before={"state": row.state},
        after={"state": state, "result": result},
        branch_id=int(row.branch_id),
    )
    bounds = _today_bounds(session, actor, now)
    fresh = session.execute(_select().where(CALLBACKS.c.id == callback_id)).one()
    return _row(fresh, bounds[0])
