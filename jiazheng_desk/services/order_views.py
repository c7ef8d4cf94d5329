"""What an order looks like to the desk and the apps: one read of everything about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Label, select
from sqlalchemy.orm import InstrumentedAttribute, Session

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
    # "" without a worker; the apps name a worker by it (王阿姨, ``public_name``)
    worker_gender: str
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


def _has(child_id: InstrumentedAttribute[int], order_id: InstrumentedAttribute[int]) -> Label[bool]:
    """Whether the order has rows in a child table, as a column of the order's query."""
    return select(child_id).where(order_id == Order.id).exists().label(None)


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
            Worker.gender,
            # most orders have no options, offers or days off: ask first, read only those
            # there are (a booking reads its order back, and every round trip counts)
            _has(OrderOption.id, OrderOption.order_id),
            _has(DispatchOffer.id, DispatchOffer.order_id),
            _has(PlacementDayOff.id, PlacementDayOff.order_id),
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
    has_options, has_offers, has_days_off = row[11], row[12], row[13]
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
        options=_options(session, order_id) if has_options else (),
        starts_at=o.starts_at,
        ends_at=o.ends_at,
        service_day=o.service_day,
        worker_id=o.worker_id,
        worker_name=row[8] or "",
        worker_phone=row[9] or "",
        worker_gender=row[10] or "",
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
        days_off=_days_off(session, order_id) if has_days_off else (),
        created_at=o.created_at,
        assigned_at=o.assigned_at,
        completed_at=o.completed_at,
        cancelled_at=o.cancelled_at,
        events=_events(session, order_id),
        offers=_offers(session, order_id) if has_offers else (),
    )


def _options(session: Session, order_id: int) -> tuple[OptionLine, ...]:
    rows = session.execute(
        select(OrderOption.option_id, OrderOption.name, OrderOption.price_fen)
        .where(OrderOption.order_id == order_id)
        .order_by(OrderOption.id)
    ).all()
    return tuple(OptionLine(int(a), b, int(c)) for a, b, c in rows)


def _events(session: Session, order_id: int) -> tuple[EventView, ...]:
    rows = session.execute(
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
    return tuple(EventView(*e) for e in rows)


def _offers(session: Session, order_id: int) -> tuple[OfferView, ...]:
    rows = session.execute(
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
    return tuple(OfferView(*f) for f in rows)


def _days_off(session: Session, order_id: int) -> tuple[date, ...]:
    return tuple(
        session.scalars(
            select(PlacementDayOff.day)
            .where(PlacementDayOff.order_id == order_id)
            .order_by(PlacementDayOff.day)
        ).all()
    )
