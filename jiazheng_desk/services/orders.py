"""Booking an order, cancelling it (with the fee rules), moving it, and reading it back.

``book`` is what the phone dispatcher and the app both call: it checks the customer, the
address, the time, prices the order with ``pricing.quote``, writes it, and — when a worker
is chosen or "auto" is asked — gives it its worker through ``booking.assign`` in the same
transaction, so a refused worker leaves nothing half-written (a chosen worker goes through
``booking.assign(inserted=…)``: the same lock and checks, without reading back the order
the insert has just locked).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import (
    Customer,
    DispatchOffer,
    Order,
    OrderOption,
    PlacementDayOff,
    ServiceOption,
    ShiftTemplate,
    Worker,
    WorkerDistrict,
    WorkerSkill,
)
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import (
    audit,
    booking,
    coupon_use,
    customers,
    dispatch,
    finance,
    fit,
    pricing,
)
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.booking_place import Place, get_place
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.geo import LatLng
from jiazheng_desk.services.order_states import event_row, next_state
from jiazheng_desk.services.order_views import OrderDetail, load_detail
from jiazheng_desk.services.permissions import Perm, require, require_branch
from jiazheng_desk.services.settings import get_settings
from jiazheng_desk.services.timeutil import (
    get_branch_timezone,
    local,
    local_day,
    minute_of_day,
    window_text,
)

ORDERS = table_of(Order)
OFFERS = table_of(DispatchOffer)


def new_order_no(now: datetime, tz: str) -> str:
    """JZ + the local date + 8 random digits: readable on the phone, unguessable."""
    return f"JZ{local(now, tz):%y%m%d}{secrets.randbelow(10**8):08d}"


def _place(
    session: Session,
    actor: Actor,
    customer_id: int,
    address_id: int,
    place: Place | None = None,
) -> Place:
    """The customer's address, checked for booking; ``place`` is one a caller already read
    for this customer and address (the app's own-address check), else it is read here."""
    if place is None or (place.customer_id, place.address_id) != (customer_id, address_id):
        place = get_place(session, customer_id=customer_id, address_id=address_id)
    if place is None:
        # a frozen or unknown customer is refused as such before their address is judged
        customers.require_bookable(session, customer_id)
        raise ValidationError("booking.bad_address", field="address_id")
    customers.check_bookable(place.customer_status, place.status_reason)
    if actor.is_staff and not actor.is_hq and actor.branch_id != place.branch_id:
        raise ValidationError(
            "booking.address_other_branch", field="address_id", district=place.district_name
        )
    return place


def _check_time(session: Session, starts_at: datetime, branch_id: int) -> None:
    if starts_at.tzinfo is None:
        raise ValidationError("pricing.naive_time", field="starts_at")
    values = get_settings(
        session, ["booking.min_lead_minutes", "booking.max_days_ahead"], branch_id=branch_id
    )
    now = clock.now()
    if starts_at < now + timedelta(minutes=int(values["booking.min_lead_minutes"])):
        raise ValidationError(
            "booking.too_soon", field="starts_at", minutes=values["booking.min_lead_minutes"]
        )
    if starts_at > now + timedelta(days=int(values["booking.max_days_ahead"])):
        raise ValidationError(
            "booking.too_far", field="starts_at", days=values["booking.max_days_ahead"]
        )


def _someone_works_then(
    session: Session, req: fit.Requirement, starts_at: datetime, ends_at: datetime, tz: str
) -> bool:
    """Whether any qualified worker has a shift covering the window (bookings aside)."""
    start = minute_of_day(starts_at, tz)
    end = start + int((ends_at - starts_at).total_seconds() // 60)
    day = local_day(starts_at, tz)
    return bool(
        session.scalar(
            select(
                exists(
                    select(Worker.id)
                    .join(
                        WorkerSkill,
                        and_(
                            WorkerSkill.worker_id == Worker.id,
                            WorkerSkill.skill_id == req.skill_id,
                            WorkerSkill.level >= req.level,
                        ),
                    )
                    .join(
                        WorkerDistrict,
                        and_(
                            WorkerDistrict.worker_id == Worker.id,
                            WorkerDistrict.district_id == req.district_id,
                        ),
                    )
                    .join(
                        ShiftTemplate,
                        and_(
                            ShiftTemplate.worker_id == Worker.id,
                            ShiftTemplate.weekday == day.weekday(),
                            ShiftTemplate.start_minute <= start,
                            ShiftTemplate.end_minute >= end,
                        ),
                    )
                    .where(Worker.status == "active")
                )
            )
        )
    )


def book(
    session: Session,
    *,
    actor: Actor,
    customer_id: int,
    address_id: int,
    item_id: int,
    units: int,
    starts_at: datetime,
    option_ids: Sequence[int] = (),
    worker_id: int | None = None,
    auto: bool = False,
    offer: bool = False,
    channel: str = "phone",
    customer_note: str = "",
    staff_note: str = "",
    days_off: Sequence[date] = (),
    state: str = "confirmed",
    series_id: int | None = None,
    series_seq: int | None = None,
    place: Place | None = None,
    coupon_id: int | None = None,
    points_used: int = 0,
) -> OrderDetail:
    """Book one visit or placement; with a worker (or ``auto``) it is dispatched at once.

    ``place``: the customer's address as ``booking_place.get_place`` read it in this unit
    of work (it spares reading it twice); it is checked here as any address is.
    ``coupon_id`` / ``points_used``: checked again on this quote, and redeemed (the coupon
    once only, the points under the customer's lock) in the same transaction."""
    if actor.is_staff:
        require(actor, Perm.ORDER_CREATE)
    elif actor.kind == "customer" and actor.id != customer_id:
        raise PermissionDenied("booking.not_your_customer")
    place = _place(session, actor, customer_id, address_id, place)
    _check_time(session, starts_at, place.branch_id)
    quote = pricing.quote(
        session,
        branch_id=place.branch_id,
        item_id=item_id,
        units=units,
        option_ids=option_ids,
        district_id=place.district_id,
        location=place.where,
        starts_at=starts_at,
        customer_id=customer_id,
        coupon_id=coupon_id,
        points_used=points_used,
    )
    ends_at = starts_at + timedelta(minutes=quote.duration_minutes)
    conn = session.connection()
    req = fit.requirement(conn, item_id=item_id, district_id=place.district_id)
    if (
        quote.kind != "placement"
        and worker_id is None
        and not _someone_works_then(session, req, starts_at, ends_at, place.tz)
    ):
        raise ValidationError(
            "booking.outside_shifts",
            field="starts_at",
            window=window_text(starts_at, ends_at, place.tz),
        )
    now = clock.now()
    kind = "placement" if quote.kind == "placement" else ("series" if series_id else "visit")
    row: dict[str, Any] = {
        "order_no": new_order_no(now, place.tz),
        "branch_id": place.branch_id,
        "customer_id": customer_id,
        "address_id": address_id,
        "district_id": place.district_id,
        "address_text": place.address_text,
        "lat": place.where.lat,
        "lng": place.where.lng,
        "item_id": item_id,
        "units": quote.units,
        "kind": kind,
        "series_id": series_id,
        "series_seq": series_seq,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "service_day": local_day(starts_at, place.tz),
        "worker_id": None,
        "state": state,
        "channel": channel,
        "base_fen": quote.base_fen,
        "options_fen": quote.options_fen,
        "travel_fee_fen": quote.travel_fee_fen,
        "surcharge_fen": quote.surcharge_fen,
        "discount_fen": quote.discount_fen,
        "total_fen": quote.total_fen,
        "cancel_fee_fen": 0,
        "coupon_id": quote.coupon_id,
        "locked": False,
        "pool_open": False,
        "rejections": 0,
        "exception_reason": "",
        "exception_at": None,
        "customer_note": customer_note.strip()[:500],
        "staff_note": staff_note.strip()[:500],
        "cancel_reason": "",
        "created_by": actor.id if actor.is_staff else None,
        "created_at": now,
        "updated_at": now,
    }
    order_id = inserted_id(conn.execute(insert(ORDERS), row))
    if quote.coupon_id is not None or quote.points_used:
        coupon_use.redeem_for_order(
            session, actor=actor, quote=quote, order_id=order_id, customer_id=customer_id
        )
    conn.execute(
        insert(booking.EVENTS), event_row(order_id, "create", "", state, actor, now, channel)
    )
    if option_ids:
        names = dict(
            session.execute(
                select(ServiceOption.id, ServiceOption.name).where(ServiceOption.id.in_(option_ids))
            ).all()
        )
        prices = {line.label: line.amount_fen for line in quote.lines if line.code == "option"}
        conn.execute(
            insert(table_of(OrderOption)),
            [
                {
                    "order_id": order_id,
                    "option_id": oid,
                    "name": names.get(oid, ""),
                    "price_fen": prices.get(names.get(oid, ""), 0),
                }
                for oid in quote.option_ids
            ],
        )
    for day in sorted(set(days_off)):
        if not (local_day(starts_at, place.tz) <= day < local_day(ends_at, place.tz)):
            raise ValidationError("booking.day_off_outside", field="days_off", day=str(day))
        conn.execute(insert(table_of(PlacementDayOff)), {"order_id": order_id, "day": day})
    conn.execute(
        update(table_of(Customer))
        .where(table_of(Customer).c.id == customer_id)
        .values(last_order_at=now)
    )
    audit.record(
        session,
        actor=actor,
        action="order.create",
        entity="order",
        entity_id=order_id,
        after={
            "order_no": row["order_no"],
            "item_id": item_id,
            "units": quote.units,
            "total_fen": quote.total_fen,
            "window": window_text(starts_at, ends_at, place.tz),
        },
        branch_id=place.branch_id,
    )
    if worker_id is not None:
        written = _Row({**row, "id": order_id})
        booking.assign(
            session,
            order_id=order_id,
            worker_id=worker_id,
            actor=actor,
            offer=offer,
            inserted=written,
        )
    elif auto:
        dispatch.auto_dispatch(session, order_id=order_id, actor=actor, offer=offer)
    return load_detail(session, order_id)


def get_order(session: Session, *, order_id: int, actor: Actor) -> OrderDetail:
    """An order with its price, options, events and offers (staff of its branch, its
    customer, its worker)."""
    detail = load_detail(session, order_id)
    _check_reader(actor, detail)
    return detail


def _check_reader(actor: Actor, detail: OrderDetail) -> None:
    if actor.is_staff:
        require(actor, Perm.ORDER_VIEW)
        require_branch(actor, detail.branch_id)
    elif (actor.kind == "customer" and actor.id != detail.customer_id) or (
        actor.kind == "worker" and actor.id != detail.worker_id
    ):
        raise NotFound("order", detail.id)


# --- cancelling ------------------------------------------------------------------------


@dataclass(frozen=True)
class CancelFee:
    fee_fen: int
    # free | late | on_the_way
    rule: str
    hours_before: float


def cancellation_fee(session: Session, *, order_id: int, actor: Actor) -> CancelFee:
    """What cancelling now would cost (shown before the user confirms)."""
    detail = get_order(session, order_id=order_id, actor=actor)
    return _fee(session, detail.branch_id, detail.state, detail.starts_at, detail.total_fen)


def _fee(
    session: Session, branch_id: int, state: str, starts_at: datetime, total: int
) -> CancelFee:
    values = get_settings(
        session,
        ["cancel.free_hours_before", "cancel.late_fee_bp", "cancel.on_the_way_fee_bp"],
        branch_id=branch_id,
    )
    hours = (starts_at - clock.now()).total_seconds() / 3600
    if state == "on_the_way":
        return CancelFee(
            total * int(values["cancel.on_the_way_fee_bp"]) // 10_000, "on_the_way", hours
        )
    if hours < int(values["cancel.free_hours_before"]):
        return CancelFee(total * int(values["cancel.late_fee_bp"]) // 10_000, "late", hours)
    return CancelFee(0, "free", hours)


def cancel_order(
    session: Session,
    *,
    order_id: int,
    actor: Actor,
    reason: str,
    expected_fee_fen: int | None = None,
) -> OrderDetail:
    """Cancel with the fee the rules give; ``expected_fee_fen`` guards against a fee that
    changed between the preview and the click."""
    text = (reason or "").strip()
    if not text:
        raise ValidationError("booking.reason_required", field="reason")
    conn = session.connection()
    order = booking.lock_order(conn, order_id)
    detail = load_detail(session, order_id)
    _check_reader(actor, detail)
    if actor.is_staff:
        require(actor, Perm.ORDER_CANCEL)
    state = next_state(order.state, "cancel")
    fee = _fee(session, order.branch_id, order.state, order.starts_at, detail.total_fen)
    if expected_fee_fen is not None and expected_fee_fen != fee.fee_fen:
        raise Conflict("booking.fee_changed", fee=fee.fee_fen)
    now = clock.now()
    conn.execute(
        update(ORDERS)
        .where(ORDERS.c.id == order_id)
        .values(
            state=state,
            cancel_fee_fen=fee.fee_fen,
            cancel_reason=text[:255],
            cancelled_at=now,
            updated_at=now,
            pool_open=False,
        )
    )
    conn.execute(
        update(OFFERS)
        .where(OFFERS.c.order_id == order_id, OFFERS.c.state == "offered")
        .values(state="withdrawn", reason="cancelled", answered_at=now)
    )
    conn.execute(
        insert(booking.EVENTS), event_row(order_id, "cancel", order.state, state, actor, now, text)
    )
    coupon_use.release_for_order(session, actor=actor, order_id=order_id)
    # the ledger: the fee is revenue; what was paid beyond it is asked back for the customer
    finance.on_order_cancelled(session, actor=actor, order_id=order_id)
    audit.record(
        session,
        actor=actor,
        action="order.cancel",
        entity="order",
        entity_id=order_id,
        before={"state": order.state},
        after={"state": state, "fee_fen": fee.fee_fen, "rule": fee.rule, "reason": text},
        branch_id=order.branch_id,
    )
    return load_detail(session, order_id)


# --- moving ----------------------------------------------------------------------------


def reschedule_order(
    session: Session,
    *,
    order_id: int,
    actor: Actor,
    new_starts_at: datetime,
    keep_worker: bool = True,
    reason: str = "",
) -> OrderDetail:
    """Move an order; its worker comes along if the new time fits them (checked under their
    lock), otherwise the move is refused — or, without ``keep_worker``, the order goes back
    to the queue."""
    conn = session.connection()
    order = booking.lock_order(conn, order_id)
    detail = load_detail(session, order_id)
    _check_reader(actor, detail)
    if actor.is_staff:
        require(actor, Perm.ORDER_CREATE)
    if actor.kind == "worker":
        raise PermissionDenied("booking.worker_asks_change")
    next_state(order.state, "reschedule")
    _check_time(session, new_starts_at, order.branch_id)
    tz = get_branch_timezone(session, order.branch_id)
    length = order.ends_at - order.starts_at
    moved = dict(order._mapping)
    moved.update(starts_at=new_starts_at, ends_at=new_starts_at + length)
    quote = pricing.quote(
        session,
        branch_id=order.branch_id,
        item_id=order.item_id,
        units=detail.units,
        option_ids=[o.option_id for o in detail.options],
        district_id=order.district_id,
        location=LatLng(order.lat, order.lng) if order.lat is not None else None,
        starts_at=new_starts_at,
    )
    worker_id = order.worker_id
    state = order.state
    if worker_id is not None and keep_worker and order.state == "accepted":
        booking.check_worker(
            conn, session, order=_Row(moved), worker_id=worker_id, tz=tz, lock=True
        )
    elif worker_id is not None:
        conn.execute(
            update(OFFERS)
            .where(OFFERS.c.order_id == order_id, OFFERS.c.state == "offered")
            .values(state="withdrawn", reason="rescheduled", answered_at=clock.now())
        )
        worker_id = None
        state = "confirmed" if order.state in ("offered", "accepted") else order.state
    now = clock.now()
    conn.execute(
        update(ORDERS)
        .where(ORDERS.c.id == order_id)
        .values(
            starts_at=new_starts_at,
            ends_at=new_starts_at + length,
            service_day=local_day(new_starts_at, tz),
            worker_id=worker_id,
            state=state,
            base_fen=quote.base_fen,
            options_fen=quote.options_fen,
            travel_fee_fen=quote.travel_fee_fen,
            surcharge_fen=quote.surcharge_fen,
            # a discount given at booking stays; the rest is priced for the new time
            total_fen=quote.base_fen
            + quote.options_fen
            + quote.travel_fee_fen
            + quote.surcharge_fen
            - detail.discount_fen,
            updated_at=now,
        )
    )
    text = (
        f"{window_text(order.starts_at, order.ends_at, tz)} → "
        f"{window_text(new_starts_at, new_starts_at + length, tz)}"
    )
    conn.execute(
        insert(booking.EVENTS),
        event_row(
            order_id, "reschedule", order.state, state, actor, now, (reason + " " + text).strip()
        ),
    )
    audit.record(
        session,
        actor=actor,
        action="order.reschedule",
        entity="order",
        entity_id=order_id,
        before={"window": text.split(" → ")[0], "worker_id": order.worker_id},
        after={
            "window": text.split(" → ")[1],
            "worker_id": worker_id,
            "total_fen": quote.total_fen,
        },
        branch_id=order.branch_id,
    )
    return load_detail(session, order_id)


class _Row:
    """An order row as this transaction wrote it (or with some fields changed, for checking
    a worker against a new time)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)
