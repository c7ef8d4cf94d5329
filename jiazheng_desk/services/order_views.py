"""What an order looks like to the desk and the apps: one read of everything about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk.models import (
    Branch,
    Customer,
    DispatchOffer,
    District,
    Order,
    OrderEvent,
    OrderOption,
    PlacementDayOff,
    ServiceItem,
    Worker,
)
from jiazheng_desk.services.errors import NotFound


@dataclass(frozen=True)
class OptionLine:
    option_id: int
    name: str
    price_fen: int


@dataclass(frozen=True)
class EventView:
    event: str
    from_state: str
    to_state: str
    actor_kind: str
    actor_id: int | None
    reason: str
    created_at: datetime


@dataclass(frozen=True)
class OfferView:
    id: int
    worker_id: int
    worker_name: str
    kind: str
    state: str
    reason: str
    offered_at: datetime
    expires_at: datetime | None
    answered_at: datetime | None


@dataclass(frozen=True)
class OrderDetail:
    id: int
    order_no: str
    branch_id: int
    branch_name: str
    timezone: str
    state: str
    kind: str
    channel: str
    customer_id: int
    customer_name: str
    customer_phone: str
    address_id: int
    address_text: str
    district_id: int
    district_name: str
    lat: float | None
    lng: float | None
    item_id: int
    item_name: str
    unit: str
    units: int
    options: tuple[OptionLine, ...]
    starts_at: datetime
    ends_at: datetime
    service_day: date
    worker_id: int | None
    worker_name: str
    worker_phone: str
    base_fen: int
    options_fen: int
    travel_fee_fen: int
    surcharge_fen: int
    discount_fen: int
    total_fen: int
    cancel_fee_fen: int
    cancel_reason: str
    customer_note: str
    staff_note: str
    exception_reason: str
    pool_open: bool
    rejections: int
    locked: bool
    series_id: int | None
    series_seq: int | None
    days_off: tuple[date, ...]
    created_at: datetime
    assigned_at: datetime | None
    completed_at: datetime | None
    cancelled_at: datetime | None
    events: tuple[EventView, ...]
    offers: tuple[OfferView, ...]


def load_detail(session: Session, order_id: int) -> OrderDetail:
    """Everything about one order (no permission check: callers check who may see it)."""
    row = session.execute(
        select(
            Order,
            Customer.name,
            Customer.phone,
            District.name,
            ServiceItem.name,
            ServiceItem.unit,
            Branch.name,
            Branch.timezone,
            Worker.name,
            Worker.phone,
        )
        .join(Customer, Customer.id == Order.customer_id)
        .join(District, District.id == Order.district_id)
        .join(ServiceItem, ServiceItem.id == Order.item_id)
        .join(Branch, Branch.id == Order.branch_id)
        .outerjoin(Worker, Worker.id == Order.worker_id)
        .where(Order.id == order_id)
        # Core statements changed the row behind the ORM's back: read it afresh
        .execution_options(populate_existing=True)
    ).one_or_none()
    if row is None:
        raise NotFound("order", order_id)
    o: Order = row[0]
    options = session.execute(
        select(OrderOption.option_id, OrderOption.name, OrderOption.price_fen)
        .where(OrderOption.order_id == order_id)
        .order_by(OrderOption.id)
    ).all()
    events = session.execute(
        select(
            OrderEvent.event,
            OrderEvent.from_state,
            OrderEvent.to_state,
            OrderEvent.actor_kind,
            OrderEvent.actor_id,
            OrderEvent.reason,
            OrderEvent.created_at,
        )
        .where(OrderEvent.order_id == order_id)
        .order_by(OrderEvent.created_at, OrderEvent.id)
    ).all()
    offers = session.execute(
        select(
            DispatchOffer.id,
            DispatchOffer.worker_id,
            Worker.name,
            DispatchOffer.kind,
            DispatchOffer.state,
            DispatchOffer.reason,
            DispatchOffer.offered_at,
            DispatchOffer.expires_at,
            DispatchOffer.answered_at,
        )
        .join(Worker, Worker.id == DispatchOffer.worker_id)
        .where(DispatchOffer.order_id == order_id)
        .order_by(DispatchOffer.id)
    ).all()
    days_off = session.scalars(
        select(PlacementDayOff.day)
        .where(PlacementDayOff.order_id == order_id)
        .order_by(PlacementDayOff.day)
    ).all()
    return OrderDetail(
        id=o.id,
        order_no=o.order_no,
        branch_id=o.branch_id,
        branch_name=row[6],
        timezone=row[7],
        state=o.state,
        kind=o.kind,
        channel=o.channel,
        customer_id=o.customer_id,
        customer_name=row[1],
        customer_phone=row[2],
        address_id=o.address_id,
        address_text=o.address_text,
        district_id=o.district_id,
        district_name=row[3],
        lat=o.lat,
        lng=o.lng,
        item_id=o.item_id,
        item_name=row[4],
        unit=row[5],
        units=o.units,
        options=tuple(OptionLine(int(a), b, int(c)) for a, b, c in options),
        starts_at=o.starts_at,
        ends_at=o.ends_at,
        service_day=o.service_day,
        worker_id=o.worker_id,
        worker_name=row[8] or "",
        worker_phone=row[9] or "",
        base_fen=o.base_fen,
        options_fen=o.options_fen,
        travel_fee_fen=o.travel_fee_fen,
        surcharge_fen=o.surcharge_fen,
        discount_fen=o.discount_fen,
        total_fen=o.total_fen,
        cancel_fee_fen=o.cancel_fee_fen,
        cancel_reason=o.cancel_reason,
        customer_note=o.customer_note,
        staff_note=o.staff_note,
        exception_reason=o.exception_reason,
        pool_open=o.pool_open,
        rejections=o.rejections,
        locked=o.locked,
        series_id=o.series_id,
        series_seq=o.series_seq,
        days_off=tuple(days_off),
        created_at=o.created_at,
        assigned_at=o.assigned_at,
        completed_at=o.completed_at,
        cancelled_at=o.cancelled_at,
        events=tuple(EventView(*e) for e in events),
        offers=tuple(OfferView(*f) for f in offers),
    )
