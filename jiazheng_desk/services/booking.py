"""The one function that places a worker on an order's time: ``assign``.

A worker is never booked twice. Every path that gives an order a worker — the phone
booking, the dispatch board, an offer and its answer, the grab pool, auto-dispatch, the
optimiser, the offline replay and the API — ends here, and here the order's row and then
the worker's row are locked (``SELECT … FOR UPDATE`` on MySQL at READ COMMITTED, so the
checks see every booking committed before the lock was granted; on SQLite the write unit
of work began with ``BEGIN IMMEDIATE`` and holds the only write lock). Only then are the
rules of ``fit.py`` checked and the order written. Lock order is always order → worker, so
two bookings never wait on each other in a circle. An order that ``orders.book`` has just
inserted is already locked by its insert: ``assign(inserted=…)`` skips reading it back and
goes straight to the worker's lock and the same checks.

Statements go through Core on the session's connection: a booking is a handful of round
trips, and the ORM's bookkeeping would cost more than the database does (MEASURED.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Row, insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import t
from jiazheng_desk.models import DispatchOffer, Notification, Order, OrderEvent
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit, fit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, NotFound
from jiazheng_desk.services.geo import LatLng
from jiazheng_desk.services.order_states import event_row, next_state
from jiazheng_desk.services.permissions import Perm, require, require_branch
from jiazheng_desk.services.settings import get_settings
from jiazheng_desk.services.timeutil import get_branch_timezone, window_text

ORDERS = table_of(Order)
EVENTS = table_of(OrderEvent)


class WorkerNotAvailable(Conflict):
    """The worker cannot take this window; ``reason`` names the rule, the message says it."""

    def __init__(self, problem: fit.Problem) -> None:
        super().__init__(problem.key, **problem.params)
        self.reason = problem.reason


@dataclass(frozen=True)
class AssignResult:
    order_id: int
    order_no: str
    worker_id: int
    worker_name: str
    state: str
    starts_at: datetime
    ends_at: datetime
    offer_id: int | None


def lock_order(conn: Connection, order_id: int) -> Row[Any]:
    """The order's row, locked for this transaction."""
    row = conn.execute(
        select(
            ORDERS.c.id,
            ORDERS.c.order_no,
            ORDERS.c.branch_id,
            ORDERS.c.customer_id,
            ORDERS.c.district_id,
            ORDERS.c.item_id,
            ORDERS.c.kind,
            ORDERS.c.state,
            ORDERS.c.worker_id,
            ORDERS.c.starts_at,
            ORDERS.c.ends_at,
            ORDERS.c.lat,
            ORDERS.c.lng,
            ORDERS.c.rejections,
        )
        .where(ORDERS.c.id == order_id)
        .with_for_update()
    ).one_or_none()
    if row is None:
        raise NotFound("order", order_id)
    return cast(Row[Any], row)


def window_of(order: Any, tz: str) -> fit.Window:
    where = LatLng(order.lat, order.lng) if order.lat is not None else None
    return fit.Window(order.starts_at, order.ends_at, where, tz)


def check_worker(
    conn: Connection,
    session: Session,
    *,
    order: Any,
    worker_id: int,
    tz: str,
    lock: bool,
) -> Row[Any]:
    """Lock (or read) the worker and refuse with the first rule the window breaks."""
    req = fit.requirement(conn, item_id=order.item_id, district_id=order.district_id)
    window = window_of(order, tz)
    facts = fit.worker_facts(conn, worker_id, req, window, lock=lock, exclude_order_id=order.id)
    if facts is None:
        raise NotFound("worker", worker_id)
    problems = fit.qualification_problems(facts, req, window)
    if not problems:
        values = get_settings(session, fit.TRAVEL_KEYS, branch_id=order.branch_id)
        travel, minimum = fit.travel_source(values)
        problems = fit.booking_problems(facts.name, fit.neighbours(facts), window, travel, minimum)
    if problems:
        raise WorkerNotAvailable(problems[0])
    return facts


def assign(
    session: Session,
    *,
    order_id: int,
    worker_id: int,
    actor: Actor,
    offer: bool = False,
    event: str | None = None,
    reason: str = "",
    inserted: Any | None = None,
) -> AssignResult:
    """Give an order its worker: directly ("assign"), as an offer the worker answers
    ("offer"), or by the worker's own grab ("grab"); refuse with the rule that fails.

    ``inserted``: the row of an order this transaction has just written (``orders.book``).
    The insert holds its lock already (on SQLite the write transaction holds the only
    write lock), so reading it back ``FOR UPDATE`` would only cost a round trip; the
    worker is locked and checked all the same."""
    if actor.is_staff:
        require(actor, Perm.ORDER_ASSIGN)
    event = event or ("offer" if offer else "assign")
    conn = session.connection()
    order = inserted if inserted is not None else lock_order(conn, order_id)
    if actor.is_staff:
        require_branch(actor, order.branch_id)
    if order.worker_id is not None:
        raise Conflict("booking.already_assigned", order_no=order.order_no)
    state = next_state(order.state, event)
    tz = get_branch_timezone(session, order.branch_id)
    facts = check_worker(conn, session, order=order, worker_id=worker_id, tz=tz, lock=True)
    now = clock.now()
    conn.execute(
        update(ORDERS)
        .where(ORDERS.c.id == order.id)
        .values(
            worker_id=worker_id,
            state=state,
            assigned_at=now,
            updated_at=now,
            pool_open=False,
            exception_reason="",
            exception_at=None,
        )
    )
    conn.execute(insert(EVENTS), event_row(order.id, event, order.state, state, actor, now, reason))
    offer_id = None
    if event == "offer":
        offer_id = _write_offer(session, conn, order, worker_id, actor, now, tz)
    audit.record(
        session,
        actor=actor,
        action=f"order.{event}",
        entity="order",
        entity_id=order.id,
        before={"state": order.state, "worker_id": None},
        after={
            "state": state,
            "worker_id": worker_id,
            "worker": facts.name,
            "window": window_text(order.starts_at, order.ends_at, tz),
        },
        branch_id=order.branch_id,
    )
    return AssignResult(
        order_id=order.id,
        order_no=order.order_no,
        worker_id=worker_id,
        worker_name=facts.name,
        state=state,
        starts_at=order.starts_at,
        ends_at=order.ends_at,
        offer_id=offer_id,
    )


def _write_offer(
    session: Session,
    conn: Connection,
    order: Row[Any],
    worker_id: int,
    actor: Actor,
    now: datetime,
    tz: str,
) -> int:
    minutes = get_settings(session, ["dispatch.offer_timeout_minutes"], branch_id=order.branch_id)[
        "dispatch.offer_timeout_minutes"
    ]
    result = conn.execute(
        insert(table_of(DispatchOffer)),
        {
            "order_id": order.id,
            "worker_id": worker_id,
            "kind": "offer",
            "state": "offered",
            "reason": "",
            "offered_by": actor.id if actor.is_staff else None,
            "offered_at": now,
            "expires_at": now + timedelta(minutes=int(minutes)),
        },
    )
    conn.execute(
        insert(table_of(Notification)),
        {
            "recipient_kind": "worker",
            "recipient_id": worker_id,
            "kind": "order_offer",
            # stored in the franchise's language; the app shows it as written
            "title": t("booking.offer_title", lang="zh_CN"),
            "body": f"{order.order_no} {window_text(order.starts_at, order.ends_at, tz)}",
            "entity": "order",
            "entity_id": order.id,
            "created_at": now,
        },
    )
    return inserted_id(result)


def release(
    session: Session,
    *,
    order_id: int,
    actor: Actor,
    reason: str,
    event: str = "release",
    exception: str = "",
) -> str:
    """Take the worker off an order (offer declined or expired, dispatcher's change)."""
    conn = session.connection()
    order = lock_order(conn, order_id)
    if actor.is_staff:
        require(actor, Perm.ORDER_ASSIGN, branch_id=order.branch_id)
    state = next_state(order.state, event)
    now = clock.now()
    values: dict[str, Any] = {"worker_id": None, "state": state, "updated_at": now}
    if exception:
        values.update(exception_reason=exception, exception_at=now)
    conn.execute(update(ORDERS).where(ORDERS.c.id == order.id).values(**values))
    conn.execute(insert(EVENTS), event_row(order.id, event, order.state, state, actor, now, reason))
    audit.record(
        session,
        actor=actor,
        action=f"order.{event}",
        entity="order",
        entity_id=order.id,
        before={"state": order.state, "worker_id": order.worker_id},
        after={"state": state, "worker_id": None, "reason": reason},
        branch_id=order.branch_id,
    )
    return state
