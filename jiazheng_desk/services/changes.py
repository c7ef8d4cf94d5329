"""Changes to booked work: a worker's request to move a visit (staff approve it, then the
customer consents), and replacing the worker of a series or a placement from a date on,
keeping the history of who did what before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import t
from jiazheng_desk.models import Notification, Order, OrderChangeRequest, OrderSeries
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit, booking, orders, pricing
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.geo import LatLng
from jiazheng_desk.services.order_states import OPEN_STATES, event_row
from jiazheng_desk.services.permissions import Perm, require, require_branch
from jiazheng_desk.services.timeutil import (
    at_local,
    get_branch_timezone,
    local_day,
    minute_of_day,
    window_text,
)

REQUESTS = table_of(OrderChangeRequest)
ORDERS = table_of(Order)


@dataclass(frozen=True)
class ChangeRequestView:
    id: int
    order_id: int
    state: str
    new_starts_at: datetime
    new_ends_at: datetime
    reason: str
    created_at: datetime


def _view(row: OrderChangeRequest) -> ChangeRequestView:
    return ChangeRequestView(
        row.id,
        row.order_id,
        row.state,
        row.new_starts_at,
        row.new_ends_at,
        row.reason,
        row.created_at,
    )


def request_change(
    session: Session, *, order_id: int, actor: Actor, new_starts_at: datetime, reason: str
) -> ChangeRequestView:
    """A worker asks to move one of their visits (seed 000: staff first, then the customer)."""
    order = session.get(Order, order_id, populate_existing=True)
    if order is None or actor.kind != "worker" or order.worker_id != actor.id:
        raise NotFound("order", order_id)
    if order.state != "accepted":
        raise Conflict("change.not_now")
    text = (reason or "").strip()
    if not text:
        raise ValidationError("booking.reason_required", field="reason")
    if new_starts_at <= clock.now():
        raise ValidationError("booking.too_soon", field="new_starts_at", minutes=0)
    length = order.ends_at - order.starts_at
    open_one = session.scalar(
        select(REQUESTS.c.id).where(
            REQUESTS.c.order_id == order_id, REQUESTS.c.state.in_(("requested", "staff_approved"))
        )
    )
    if open_one is not None:
        raise Conflict("change.already_open")
    request_id = inserted_id(
        session.execute(
            insert(REQUESTS),
            {
                "order_id": order_id,
                "requested_by_kind": "worker",
                "requested_by_id": actor.id,
                "new_starts_at": new_starts_at,
                "new_ends_at": new_starts_at + length,
                "reason": text[:255],
                "state": "requested",
                "created_at": clock.now(),
            },
        )
    )
    audit.record(
        session,
        actor=actor,
        action="change.request",
        entity="change_request",
        entity_id=request_id,
        after={"order_id": order_id, "reason": text},
        branch_id=order.branch_id,
    )
    return _load(session, request_id)


def _load(session: Session, request_id: int) -> ChangeRequestView:
    row = session.get(OrderChangeRequest, request_id, populate_existing=True)
    if row is None:
        raise NotFound("change_request", request_id)
    return _view(row)


def staff_decide_change(
    session: Session, *, request_id: int, actor: Actor, approve: bool, note: str = ""
) -> ChangeRequestView:
    """Staff approve the worker's request (it goes to the customer) or refuse it."""
    require(actor, Perm.ORDER_ASSIGN)
    row = session.get(OrderChangeRequest, request_id, with_for_update=True)
    if row is None:
        raise NotFound("change_request", request_id)
    order = session.get(Order, row.order_id)
    assert order is not None
    require_branch(actor, order.branch_id)
    if row.state != "requested":
        raise Conflict("change.decided")
    now = clock.now()
    state = "staff_approved" if approve else "rejected"
    session.execute(
        update(REQUESTS)
        .where(REQUESTS.c.id == request_id)
        .values(state=state, staff_id=actor.id, staff_decided_at=now)
    )
    if approve:
        tz = get_branch_timezone(session, order.branch_id)
        session.execute(
            insert(table_of(Notification)),
            {
                "recipient_kind": "customer",
                "recipient_id": order.customer_id,
                "kind": "change_request",
                "title": t("change.title", lang="zh_CN"),
                "body": window_text(row.new_starts_at, row.new_ends_at, tz),
                "entity": "change_request",
                "entity_id": request_id,
                "created_at": now,
            },
        )
    audit.record(
        session,
        actor=actor,
        action=f"change.{state}",
        entity="change_request",
        entity_id=request_id,
        after={"note": note},
        branch_id=order.branch_id,
    )
    return _load(session, request_id)


def customer_decide_change(
    session: Session, *, request_id: int, actor: Actor, accept: bool
) -> ChangeRequestView:
    """The customer agrees (the visit moves, the worker checked again) or keeps the time."""
    row = session.get(OrderChangeRequest, request_id, with_for_update=True)
    if row is None:
        raise NotFound("change_request", request_id)
    order = session.get(Order, row.order_id)
    assert order is not None
    if actor.kind == "customer" and actor.id != order.customer_id:
        raise NotFound("change_request", request_id)
    if actor.is_staff:
        # staff record the customer's answer given by phone
        require(actor, Perm.ORDER_ASSIGN, branch_id=order.branch_id)
    elif actor.kind != "customer":
        raise PermissionDenied("error.permission", action="change")
    if row.state != "staff_approved":
        raise Conflict("change.decided")
    if accept:
        system = Actor.system(source=actor.source, name=actor.name)
        orders.reschedule_order(
            session,
            order_id=order.id,
            actor=system,
            new_starts_at=row.new_starts_at,
            reason=row.reason,
        )
    session.execute(
        update(REQUESTS)
        .where(REQUESTS.c.id == request_id)
        .values(state="accepted" if accept else "rejected", customer_decided_at=clock.now())
    )
    audit.record(
        session,
        actor=actor,
        action="change.customer_" + ("accepted" if accept else "declined"),
        entity="change_request",
        entity_id=request_id,
        branch_id=order.branch_id,
    )
    return _load(session, request_id)


def list_change_requests(
    session: Session, *, actor: Actor, branch_id: int, states: tuple[str, ...] = ("requested",)
) -> list[ChangeRequestView]:
    require(actor, Perm.ORDER_VIEW, branch_id=branch_id)
    rows = session.scalars(
        select(OrderChangeRequest)
        .join(Order, Order.id == OrderChangeRequest.order_id)
        .where(Order.branch_id == branch_id, OrderChangeRequest.state.in_(states))
        .order_by(OrderChangeRequest.created_at)
    ).all()
    return [_view(r) for r in rows]


# --- replacing a worker ------------------------------------------------------------------


def replace_series_worker(
    session: Session,
    *,
    series_id: int,
    from_date: date,
    worker_id: int,
    actor: Actor,
    reason: str,
) -> list[int]:
    """Give every open visit of a series from a date on to another worker — all or none.

    Earlier visits keep their worker: the history of who served the customer stays true.
    """
    require(actor, Perm.ORDER_ASSIGN)
    series = session.get(OrderSeries, series_id, with_for_update=True)
    if series is None:
        raise NotFound("series", series_id)
    require_branch(actor, series.branch_id)
    tz = get_branch_timezone(session, series.branch_id)
    visits = [
        v
        for v in session.scalars(
            select(Order)
            .where(
                Order.series_id == series_id,
                Order.state.in_(OPEN_STATES),
                Order.state.notin_(("on_the_way", "in_service")),
            )
            .order_by(Order.starts_at)
            .execution_options(populate_existing=True)
        ).all()
        if local_day(v.starts_at, tz) >= from_date
    ]
    moved = []
    with session.begin_nested():
        for visit in visits:
            if visit.worker_id == worker_id:
                continue
            if visit.worker_id is not None:
                booking.release(session, order_id=visit.id, actor=actor, reason=reason)
            booking.assign(
                session, order_id=visit.id, worker_id=worker_id, actor=actor, reason=reason
            )
            moved.append(visit.id)
        session.execute(
            update(table_of(OrderSeries))
            .where(table_of(OrderSeries).c.id == series_id)
            .values(worker_id=worker_id)
        )
    audit.record(
        session,
        actor=actor,
        action="series.replace_worker",
        entity="series",
        entity_id=series_id,
        after={
            "from": str(from_date),
            "worker_id": worker_id,
            "visits": len(moved),
            "reason": reason,
        },
        branch_id=series.branch_id,
    )
    return moved


def replace_placement_worker(
    session: Session,
    *,
    order_id: int,
    from_date: date,
    worker_id: int,
    actor: Actor,
    reason: str,
) -> int:
    """Split a placement at a day: the first worker keeps the days before, a new order for
    the rest goes to the new worker (priced for its days). Returns the new order's id."""
    require(actor, Perm.ORDER_ASSIGN)
    conn = session.connection()
    old = booking.lock_order(conn, order_id)
    require_branch(actor, old.branch_id)
    if old.kind != "placement" or old.state not in OPEN_STATES:
        raise Conflict("change.not_a_placement")
    tz = get_branch_timezone(session, old.branch_id)
    split = at_local(from_date, minute_of_day(old.starts_at, tz), tz)
    if not old.starts_at < split < old.ends_at:
        raise ValidationError("change.split_outside", field="from_date")
    days_before = (split - old.starts_at) // timedelta(days=1)
    days_after = round((old.ends_at - split) / timedelta(days=1))
    where = LatLng(old.lat, old.lng) if old.lat is not None and old.lng is not None else None
    shorter = pricing.quote(
        session,
        branch_id=old.branch_id,
        item_id=old.item_id,
        units=days_before,
        district_id=old.district_id,
        location=where,
        starts_at=old.starts_at,
    )
    now = clock.now()
    conn.execute(
        update(ORDERS)
        .where(ORDERS.c.id == order_id)
        .values(
            ends_at=split,
            units=days_before,
            base_fen=shorter.base_fen,
            options_fen=shorter.options_fen,
            travel_fee_fen=shorter.travel_fee_fen,
            surcharge_fen=shorter.surcharge_fen,
            total_fen=shorter.total_fen,
            updated_at=now,
        )
    )
    conn.execute(
        insert(booking.EVENTS),
        event_row(
            order_id,
            "reschedule",
            old.state,
            old.state,
            actor,
            now,
            f"{reason}: 至 {window_text(old.starts_at, split, tz)}",
        ),
    )
    new = orders.book(
        session,
        actor=actor,
        customer_id=old.customer_id,
        address_id=session.scalar(select(ORDERS.c.address_id).where(ORDERS.c.id == order_id)) or 0,
        item_id=old.item_id,
        units=days_after,
        starts_at=split,
        worker_id=worker_id,
        staff_note=f"{reason}（接替 {old.order_no}）",
    )
    audit.record(
        session,
        actor=actor,
        action="order.replace_worker",
        entity="order",
        entity_id=order_id,
        after={
            "new_order_id": new.id,
            "from": str(from_date),
            "worker_id": worker_id,
            "reason": reason,
        },
        branch_id=old.branch_id,
    )
    return new.id
