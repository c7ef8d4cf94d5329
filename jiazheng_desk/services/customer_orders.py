"""A customer's own orders as the app shows them: the list, and one order live.

``order_list.list_orders`` is the staff's list (branch-scoped, by permission); this is
the customer's: only their own orders, any branch, newest service first. An order of
someone else is "not found" (``orders.get_order``).

"Live": while the order's worker is on the way, the worker app reports positions
(``order_flow.report_location``); the latest one is where they are, and the ETA is
``order_flow``'s travel time from there to the order's address, counted from the moment
of that position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jiazheng_desk.models import Branch, Order, ServiceItem, Worker
from jiazheng_desk.services import order_flow, orders, payments, reviews
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import Page
from jiazheng_desk.services.errors import NotFound, ValidationError
from jiazheng_desk.services.order_states import STATES
from jiazheng_desk.services.order_views import OrderDetail
from jiazheng_desk.services.public_people import public_name

MAX_PAGE = 50


@dataclass(frozen=True)
class Position:
    lat: float
    lng: float
    at: datetime


@dataclass(frozen=True)
class Live:
    """Where the worker is while on the way, and when they should arrive (when known)."""

    on_the_way: bool
    position: Position | None
    eta_minutes: int | None
    eta_at: datetime | None


@dataclass(frozen=True)
class MyOrder:
    detail: OrderDetail
    worker_display_name: str
    paid_fen: int
    review: reviews.ReviewView | None
    live: Live


@dataclass(frozen=True)
class MyOrderRow:
    id: int
    order_no: str
    state: str
    kind: str
    item_name: str
    units: int
    starts_at: datetime
    ends_at: datetime
    service_day: date
    # the branch's zone, for showing the times
    timezone: str
    address_text: str
    worker_id: int | None
    worker_display_name: str
    total_fen: int
    paid_fen: int


def _customer_id(actor: Actor) -> int:
    if actor.kind != "customer" or actor.id is None:
        # someone else's list does not exist for them
        raise NotFound("customer", actor.id)
    return actor.id


def list_my_orders(
    session: Session,
    *,
    actor: Actor,
    states: Sequence[str] = (),
    offset: int = 0,
    limit: int = 20,
) -> Page[MyOrderRow]:
    """A page of the customer's own orders, newest service first, optionally by state."""
    customer_id = _customer_id(actor)
    unknown = [s for s in states if s not in STATES]
    if unknown:
        raise ValidationError("customer_orders.bad_state", field="state", state=unknown[0][:32])
    where = [Order.customer_id == customer_id]
    if states:
        where.append(Order.state.in_(list(states)))
    total = session.scalar(select(func.count(Order.id)).where(*where)) or 0
    rows = session.execute(
        select(
            Order.id,
            Order.order_no,
            Order.state,
            Order.kind,
            ServiceItem.name,
            Order.units,
            Order.starts_at,
            Order.ends_at,
            Order.service_day,
            Order.address_text,
            Order.worker_id,
            Worker.name,
            Worker.gender,
            Order.total_fen,
            Branch.timezone,
        )
        .join(ServiceItem, ServiceItem.id == Order.item_id)
        .join(Branch, Branch.id == Order.branch_id)
        .outerjoin(Worker, Worker.id == Order.worker_id)
        .where(*where)
        .order_by(Order.starts_at.desc(), Order.id.desc())
        .offset(max(0, offset))
        .limit(max(1, min(limit, MAX_PAGE)))
    ).all()
    paid = payments.get_paid_amounts(session, order_ids=[int(r[0]) for r in rows])
    items = tuple(
        MyOrderRow(
            id=int(r[0]),
            order_no=r[1],
            state=r[2],
            kind=r[3],
            item_name=r[4],
            units=r[5],
            starts_at=r[6],
            ends_at=r[7],
            service_day=r[8],
            timezone=r[14],
            address_text=r[9],
            worker_id=r[10],
            worker_display_name=public_name(r[11], r[12] or "") if r[11] else "",
            total_fen=int(r[13]),
            paid_fen=paid.get(int(r[0]), 0),
        )
        for r in rows
    )
    return Page(items=items, total=int(total), offset=offset)


def get_my_order(session: Session, *, actor: Actor, order_id: int) -> MyOrder:
    """One of the customer's orders with its payments, review and live state."""
    _customer_id(actor)
    detail = orders.get_order(session, order_id=order_id, actor=actor)
    return MyOrder(
        detail=detail,
        worker_display_name=(
            public_name(detail.worker_name, detail.worker_gender) if detail.worker_id else ""
        ),
        paid_fen=payments.get_paid_amounts(session, order_ids=[order_id]).get(order_id, 0),
        review=reviews.get_order_review(session, actor=actor, order_id=order_id),
        live=_live(session, actor, detail),
    )


def _live(session: Session, actor: Actor, detail: OrderDetail) -> Live:
    if detail.state != "on_the_way" or detail.worker_id is None:
        return Live(on_the_way=False, position=None, eta_minutes=None, eta_at=None)
    spot = order_flow.get_latest_location(session, order_id=detail.id, actor=actor)
    if spot is None:
        return Live(on_the_way=True, position=None, eta_minutes=None, eta_at=None)
    eta = spot.eta_minutes
    return Live(
        on_the_way=True,
        position=Position(spot.lat, spot.lng, spot.at),
        eta_minutes=eta,
        eta_at=spot.at + timedelta(minutes=eta) if eta is not None else None,
    )


def cancel_my_order(
    session: Session,
    *,
    actor: Actor,
    order_id: int,
    reason: str,
    expected_fee_fen: int | None = None,
) -> MyOrder:
    """Cancel one's own order with the fee the rules give (``orders.cancel_order``)."""
    _customer_id(actor)
    orders.cancel_order(
        session, order_id=order_id, actor=actor, reason=reason, expected_fee_fen=expected_fee_fen
    )
    return get_my_order(session, actor=actor, order_id=order_id)


def reschedule_my_order(
    session: Session,
    *,
    actor: Actor,
    order_id: int,
    new_starts_at: datetime,
    keep_worker: bool = True,
    reason: str = "",
) -> MyOrder:
    """Move one's own order (``orders.reschedule_order``: the worker comes along or it is
    refused, unless ``keep_worker`` is False)."""
    _customer_id(actor)
    orders.reschedule_order(
        session,
        order_id=order_id,
        actor=actor,
        new_starts_at=new_starts_at,
        keep_worker=keep_worker,
        reason=reason,
    )
    return get_my_order(session, actor=actor, order_id=order_id)
