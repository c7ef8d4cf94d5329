"""What the customer app books, prices and looks up before booking.

The rules are those of ``orders.book``, ``series.create_series``, ``pricing.quote`` and
``dispatch.free_slots``; this module only makes the app's choices and checks that the
address is the customer's own (anything else is "not found", never "not yours"):

- An order for which the customer asks a worker (one they chose, or "any worker") is
  booked ``created`` and gets its worker in the same transaction (created → accepted):
  the worker's time is held from the moment the app shows "booked", and the payment
  follows (``payments.start_payment``). The state machine has no assignment out of
  ``pending_payment``, so this is the only way to hold a worker for a pay-first order.
- An order without a worker is pay-first: ``pending_payment``, and the payment callback
  moves it to ``confirmed``, where the branch dispatches it.
- "Any worker" is auto-dispatch, which the rules allow staff and the system only: it runs
  as the system actor ``APP_DISPATCH`` (the audit log says so).
- A recurring booking takes its weekday, time of day and first date from ``starts_at`` in
  the branch's time zone; its visits are booked by ``series.create_series`` as the desk
  books them (each visit is paid on its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Order, ServiceItem
from jiazheng_desk.services import dispatch, orders, pricing, series
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.availability import Slot
from jiazheng_desk.services.booking_place import Place, get_place
from jiazheng_desk.services.errors import NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.order_views import OrderDetail, load_detail
from jiazheng_desk.services.public_people import public_name
from jiazheng_desk.services.settings import get_settings
from jiazheng_desk.services.timeutil import local, local_day

CHANNEL = "app"
APP_DISPATCH = Actor(kind="system", id=None, name="app auto-dispatch", source="api")
# the app shows at most a month of slots at once (free_slots reads every shift in range)
MAX_SLOT_DAYS = 31
MAX_NOTE = 500


@dataclass(frozen=True)
class Repeat:
    """How a recurring booking repeats (``series.RULES``); it ends by count or date."""

    rule: str
    count: int | None = None
    until: date | None = None
    # monthly_weekday only: 1–4, or -1 for the last one
    week_of_month: int | None = None


@dataclass(frozen=True)
class BookingResult:
    """The booked order (the first visit of a series) and, for a series, all its visits."""

    order: OrderDetail
    # the worker as the app names them (王阿姨), "" without one
    worker_display_name: str
    series_id: int | None
    order_ids: tuple[int, ...]
    # visits of a series that could not get the chosen worker, with the reason
    unassigned: tuple[tuple[date, str], ...]


@dataclass(frozen=True)
class SlotList:
    tz: str
    minutes: int
    slots: tuple[Slot, ...]


def _customer_id(actor: Actor) -> int:
    if actor.kind != "customer" or actor.id is None:
        raise PermissionDenied("app_booking.customers_only")
    return actor.id


def get_own_place(session: Session, *, actor: Actor, address_id: int) -> Place:
    """The customer's own live address with its district and branch; else NotFound."""
    place = get_place(session, customer_id=_customer_id(actor), address_id=address_id)
    if place is None:
        raise NotFound("address", address_id)
    return place


def quote_for_customer(
    session: Session,
    *,
    actor: Actor,
    address_id: int,
    item_id: int,
    units: int,
    starts_at: datetime,
    option_ids: Sequence[int] = (),
    coupon_id: int | None = None,
    points_used: int = 0,
) -> pricing.Quote:
    """The price of a booking at one of the customer's addresses, less one of their coupons
    and points if given (writes nothing)."""
    place = get_own_place(session, actor=actor, address_id=address_id)
    return pricing.quote(
        session,
        branch_id=place.branch_id,
        item_id=item_id,
        units=units,
        option_ids=option_ids,
        district_id=place.district_id,
        location=place.where,
        starts_at=starts_at,
        customer_id=place.customer_id,
        coupon_id=coupon_id,
        points_used=points_used,
    )


def list_slots_for_customer(
    session: Session,
    *,
    actor: Actor,
    address_id: int,
    item_id: int,
    first_day: date | None = None,
    last_day: date | None = None,
    units: int | None = None,
    option_ids: Sequence[int] = (),
) -> SlotList:
    """Start times over a range of local days with how many workers are free for each.

    The length of the service is what the quote gives for ``units`` (the item's minimum
    when not given) and the options, so the slots fit what will be booked.
    """
    place = get_own_place(session, actor=actor, address_id=address_id)
    today = local_day(clock.now(), place.tz)
    first = max(first_day or today, today)
    ahead = int(
        get_settings(session, ["booking.max_days_ahead"], branch_id=place.branch_id)[
            "booking.max_days_ahead"
        ]
    )
    if first > today + timedelta(days=ahead):
        raise ValidationError("booking.too_far", field="from", days=ahead)
    last = last_day or first + timedelta(days=6)
    if last < first:
        raise ValidationError("app_booking.bad_range", field="to")
    days = (last - first).days + 1
    if days > MAX_SLOT_DAYS:
        raise ValidationError("app_booking.range_too_long", field="to", days=MAX_SLOT_DAYS)
    if units is None:
        item = session.get(ServiceItem, item_id)
        if item is None:
            raise ValidationError("catalog.unknown_item", field="service_id", id=item_id)
        units = max(1, item.min_units)
    # the quote checks the item, units and options, and knows how long the service lasts
    priced = pricing.quote(
        session,
        branch_id=place.branch_id,
        item_id=item_id,
        units=units,
        option_ids=option_ids,
        district_id=place.district_id,
        location=place.where,
        starts_at=clock.now(),
    )
    query = dispatch.slot_query_for(
        session, address_id=address_id, item_id=item_id, minutes=priced.duration_minutes
    )
    slots = dispatch.free_slots(session, query=query, first_day=first, days=days)
    return SlotList(tz=place.tz, minutes=priced.duration_minutes, slots=tuple(slots))


def book_for_customer(
    session: Session,
    *,
    actor: Actor,
    address_id: int,
    item_id: int,
    units: int,
    starts_at: datetime,
    option_ids: Sequence[int] = (),
    worker_id: int | None = None,
    auto: bool = False,
    note: str = "",
    days_off: Sequence[date] = (),
    repeat: Repeat | None = None,
    coupon_id: int | None = None,
    points_used: int = 0,
) -> BookingResult:
    """Book a visit, a placement or a recurring series from the app (see the module doc);
    a coupon and points go on a single booking only."""
    customer_id = _customer_id(actor)
    if worker_id is not None and auto:
        raise ValidationError("app_booking.worker_or_auto", field="auto")
    text = (note or "").strip()
    if len(text) > MAX_NOTE:
        raise ValidationError("app_booking.note_too_long", field="note", max=MAX_NOTE)
    place = get_own_place(session, actor=actor, address_id=address_id)
    if repeat is not None and (coupon_id is not None or points_used):
        raise ValidationError("app_booking.discount_not_recurring", field="coupon_id")
    if repeat is not None:
        return _book_series(
            session,
            actor=actor,
            customer_id=customer_id,
            place=place,
            item_id=item_id,
            units=units,
            starts_at=starts_at,
            option_ids=option_ids,
            worker_id=worker_id,
            auto=auto,
            note=text,
            days_off=days_off,
            repeat=repeat,
        )
    detail = orders.book(
        session,
        actor=actor,
        customer_id=customer_id,
        address_id=address_id,
        item_id=item_id,
        units=units,
        starts_at=starts_at,
        option_ids=option_ids,
        worker_id=worker_id,
        channel=CHANNEL,
        customer_note=text,
        days_off=days_off,
        state="created" if worker_id is not None or auto else "pending_payment",
        place=place,
        coupon_id=coupon_id,
        points_used=points_used,
    )
    if auto:
        dispatch.auto_dispatch(session, order_id=detail.id, actor=APP_DISPATCH)
        detail = load_detail(session, detail.id)
    return BookingResult(detail, _display_name(detail), None, (detail.id,), ())


def _display_name(detail: OrderDetail) -> str:
    if detail.worker_id is None:
        return ""
    return public_name(detail.worker_name, detail.worker_gender)


def _book_series(
    session: Session,
    *,
    actor: Actor,
    customer_id: int,
    place: Place,
    item_id: int,
    units: int,
    starts_at: datetime,
    option_ids: Sequence[int],
    worker_id: int | None,
    auto: bool,
    note: str,
    days_off: Sequence[date],
    repeat: Repeat,
) -> BookingResult:
    if days_off:
        raise ValidationError("app_booking.days_off_placement_only", field="days_off")
    if starts_at.tzinfo is None:
        raise ValidationError("pricing.naive_time", field="starts_at")
    item = session.get(ServiceItem, item_id)
    if item is None:
        raise ValidationError("catalog.unknown_item", field="item_id", id=item_id)
    if item.kind == "placement":
        raise ValidationError("app_booking.placement_not_recurring", field="repeat")
    at = local(starts_at, place.tz)
    rule = series.Rule(
        rule=repeat.rule,
        weekday=at.weekday(),
        week_of_month=repeat.week_of_month,
        start_minute=at.hour * 60 + at.minute,
        first_date=at.date(),
        count=repeat.count,
        until_date=repeat.until,
    )
    made = series.create_series(
        session,
        actor=actor,
        customer_id=customer_id,
        address_id=place.address_id,
        item_id=item_id,
        units=units,
        rule=rule,
        option_ids=option_ids,
        worker_id=worker_id,
        customer_note=note,
        channel=CHANNEL,
    )
    if auto:
        waiting = session.scalars(
            select(Order.id).where(Order.id.in_(made.order_ids), Order.worker_id.is_(None))
        ).all()
        for order_id in waiting:
            dispatch.auto_dispatch(session, order_id=order_id, actor=APP_DISPATCH)
    first = load_detail(session, made.order_ids[0])
    return BookingResult(
        first, _display_name(first), made.series_id, made.order_ids, made.unassigned
    )
