"""A worker's own steps on an order: set out, arrive and start, finish; the position on the
way (so the customer sees where the worker is and when they arrive); what happened during
the service; and the day's work.

Each step is an event of the order's state machine (``order_states``): an illegal one
("finish" before "start") is refused in words, and every step writes its event row, the
audit row and a message for the customer in one transaction. Only the order's worker may
take them; anyone else is told the order does not exist.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Row, func, insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg, t
from jiazheng_desk.models import (
    Customer,
    District,
    MediaFile,
    Notification,
    Order,
    PlacementDayOff,
    ServiceItem,
    ServiceRecord,
    Worker,
)
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit, booking, finance, fit, media, orders, points
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import clean_text
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.geo import LatLng, StraightLineTravel, distance_m
from jiazheng_desk.services.order_states import transition
from jiazheng_desk.services.order_views import OrderDetail
from jiazheng_desk.services.settings import get_settings
from jiazheng_desk.services.timeutil import (
    day_start_utc,
    get_branch_timezone,
    local_day,
    window_text,
)

ORDERS = table_of(Order)
RECORDS = table_of(ServiceRecord)
WORKERS = table_of(Worker)
MEDIA = table_of(MediaFile)
# a phone reports every few seconds; one point per half minute is plenty for a map and an
# ETA, and keeps the table small
LOCATION_INTERVAL = timedelta(seconds=30)
# setting out or starting much earlier than booked is a slip of the finger (tomorrow's
# order tapped instead of today's), not a worker on the way
EARLIEST_STEP = timedelta(hours=6)
RECORD_KINDS = {"text": None, "photo": "image", "video": "video"}
MAX_RECORD_TEXT = 2000
MAX_RECORDS_PER_ORDER = 200
# the customer's phone is the worker's while the job is on (not for an offer still
# unanswered, nor after the job: the customer's number is not the worker's to keep)
CONTACT_STATES = frozenset({"accepted", "on_the_way", "in_service"})
# an offer not yet taken shows where, to the district, not the door
UNANSWERED_STATES = frozenset({"offered"})
# days a schedule can be asked for (beyond them the date is a typo)
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
# the customer's message for each step
STEP_TITLES = {
    "set_out": "order_flow.title.set_out",
    "start": "order_flow.title.start",
    "finish": "order_flow.title.finish",
}


@dataclass(frozen=True)
class StepResult:
    order_id: int
    order_no: str
    state: str
    at: datetime


@dataclass(frozen=True)
class LocationResult:
    # False when the point came sooner than LOCATION_INTERVAL after the last stored one
    stored: bool
    distance_m: int | None
    eta_minutes: int | None
    at: datetime


@dataclass(frozen=True)
class LocationView:
    lat: float
    lng: float
    at: datetime
    distance_m: int | None
    eta_minutes: int | None


@dataclass(frozen=True)
class RecordView:
    id: int
    kind: str
    text: str
    media_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class WorkerOrder:
    """An order as its worker sees it: the detail (contact details only while the job is
    on) and the service records."""

    detail: OrderDetail
    records: tuple[RecordView, ...]


@dataclass(frozen=True)
class DayEntry:
    order_id: int
    order_no: str
    # visit | series | placement
    kind: str
    state: str
    starts_at: datetime
    ends_at: datetime
    item_name: str
    customer_name: str
    address_text: str
    district_name: str
    lat: float | None
    lng: float | None
    # a placement's agreed day off falls on this day
    day_off: bool


@dataclass(frozen=True)
class WorkerDay:
    day: date
    timezone: str
    entries: tuple[DayEntry, ...]


def _worker_id(actor: Actor) -> int:
    if actor.kind != "worker" or actor.id is None:
        raise PermissionDenied("order_flow.workers_only")
    return actor.id


def _own_order(session: Session, actor: Actor, order_id: int) -> Row[Any]:
    """The order's row, locked, if it is this worker's; otherwise it "does not exist"."""
    worker_id = _worker_id(actor)
    order = booking.lock_order(session.connection(), order_id)
    if order.worker_id != worker_id:
        raise NotFound("order", order_id)
    return order


# --- the steps ---------------------------------------------------------------------------


def _step(session: Session, *, order_id: int, actor: Actor, event: str) -> StepResult:
    order = _own_order(session, actor, order_id)
    conn = session.connection()
    now = clock.now()
    tz = get_branch_timezone(session, order.branch_id)
    if event in ("set_out", "start") and order.starts_at - now > EARLIEST_STEP:
        raise Conflict(
            "order_flow.too_early",
            window=window_text(order.starts_at, order.ends_at, tz),
            hours=int(EARLIEST_STEP.total_seconds() // 3600),
        )
    state = transition(
        conn, order_id=order.id, state=order.state, event=event, actor=actor, now=now
    )
    values: dict[str, Any] = {"state": state, "updated_at": now}
    if event == "finish":
        values["completed_at"] = now
    conn.execute(update(ORDERS).where(ORDERS.c.id == order.id).values(**values))
    if event == "finish":
        points.earn_for_order(session, actor=actor, order_id=order.id)
        # the ledger: what was paid is shared out (worker's pay, commission, shares)
        finance.on_order_completed(session, actor=actor, order_id=order.id)
    _follow_work_status(session, order.worker_id, event)
    conn.execute(
        insert(table_of(Notification)),
        {
            "recipient_kind": "customer",
            "recipient_id": order.customer_id,
            "kind": "order_progress",
            # stored in the franchise's language; the app shows it as written
            "title": t(STEP_TITLES[event], lang="zh_CN"),
            "body": f"{order.order_no} {window_text(order.starts_at, order.ends_at, tz)}",
            "entity": "order",
            "entity_id": order.id,
            "created_at": now,
        },
    )
    audit.record(
        session,
        actor=actor,
        action=f"order.{event}",
        entity="order",
        entity_id=order.id,
        before={"state": order.state},
        after={"state": state},
        branch_id=order.branch_id,
    )
    return StepResult(order.id, order.order_no, state, now)


def _follow_work_status(session: Session, worker_id: int, event: str) -> None:
    """Busy while on the way or serving; online again after the last open job is done."""
    if event in ("set_out", "start"):
        session.execute(update(WORKERS).where(WORKERS.c.id == worker_id).values(work_status="busy"))
        return
    still_working = session.scalar(
        select(func.count())
        .select_from(ORDERS)
        .where(ORDERS.c.worker_id == worker_id, ORDERS.c.state.in_(("on_the_way", "in_service")))
    )
    if not still_working:
        session.execute(
            update(WORKERS)
            .where(WORKERS.c.id == worker_id, WORKERS.c.work_status == "busy")
            .values(work_status="online")
        )


def set_out(session: Session, *, order_id: int, actor: Actor) -> StepResult:
    """The worker leaves for the order (the customer is told they are on the way)."""
    return _step(session, order_id=order_id, actor=actor, event="set_out")


def arrive_and_start(session: Session, *, order_id: int, actor: Actor) -> StepResult:
    """The worker has arrived and starts the service."""
    return _step(session, order_id=order_id, actor=actor, event="start")


def finish(session: Session, *, order_id: int, actor: Actor) -> StepResult:
    """The service is done (``completed_at``); the customer may now review it."""
    return _step(session, order_id=order_id, actor=actor, event="finish")


# --- on the way --------------------------------------------------------------------------


def _check_point(lat: float, lng: float) -> LatLng:
    if not (math.isfinite(lat) and -90 <= lat <= 90):
        raise ValidationError("order_flow.bad_lat", field="lat")
    if not (math.isfinite(lng) and -180 <= lng <= 180):
        raise ValidationError("order_flow.bad_lng", field="lng")
    return LatLng(lat, lng)


def _eta(session: Session, order: Any, point: LatLng) -> tuple[int | None, int | None]:
    """Metres and minutes from a point to the order's address (the branch's travel model)."""
    if order.lat is None or order.lng is None:
        return None, None
    values = get_settings(session, fit.TRAVEL_KEYS, branch_id=order.branch_id)
    travel, _ = fit.travel_source(values)
    # the booking buffer is a planning margin, not part of the trip
    trip = StraightLineTravel(travel.road_factor, travel.speed_kmh, min_minutes=0)
    there = LatLng(order.lat, order.lng)
    return distance_m(point, there), trip.minutes(point, there)


def report_location(
    session: Session, *, order_id: int, actor: Actor, lat: float, lng: float
) -> LocationResult:
    """Where the worker is while on the way; points faster than one per LOCATION_INTERVAL
    are accepted and not stored (a phone that reports too often is not an error)."""
    point = _check_point(lat, lng)
    order = _own_order(session, actor, order_id)
    if order.state != "on_the_way":
        raise Conflict("order_flow.not_on_the_way", state=Msg(f"order.state.{order.state}"))
    # the worker's row lock (after the order's, the booking lock order) makes the interval
    # hold per worker even when two reports arrive at once
    session.execute(select(WORKERS.c.id).where(WORKERS.c.id == order.worker_id).with_for_update())
    now = clock.now()
    distance, eta = _eta(session, order, point)
    last = session.scalar(
        select(func.max(RECORDS.c.created_at)).where(
            RECORDS.c.worker_id == order.worker_id, RECORDS.c.kind == "location"
        )
    )
    if last is not None and now - last < LOCATION_INTERVAL:
        return LocationResult(False, distance, eta, now)
    record_id = inserted_id(
        session.execute(
            insert(RECORDS),
            {
                "order_id": order.id,
                "worker_id": order.worker_id,
                "kind": "location",
                "text": "",
                "file_path": "",
                "lat": point.lat,
                "lng": point.lng,
                "created_at": now,
            },
        )
    )
    audit.record(
        session,
        actor=actor,
        action="order.location",
        entity="order",
        entity_id=order.id,
        after={"record_id": record_id},
        branch_id=order.branch_id,
    )
    return LocationResult(True, distance, eta, now)


def get_latest_location(session: Session, *, order_id: int, actor: Actor) -> LocationView | None:
    """The worker's last position and ETA while on the way (None before and after: where a
    worker is once they have arrived is nobody's business)."""
    detail = orders.get_order(session, order_id=order_id, actor=actor)
    if detail.state != "on_the_way" or detail.worker_id is None:
        return None
    row = session.execute(
        select(RECORDS.c.lat, RECORDS.c.lng, RECORDS.c.created_at)
        .where(
            RECORDS.c.order_id == order_id,
            RECORDS.c.worker_id == detail.worker_id,
            RECORDS.c.kind == "location",
        )
        .order_by(RECORDS.c.created_at.desc(), RECORDS.c.id.desc())
        .limit(1)
    ).first()
    if row is None or row.lat is None or row.lng is None:
        return None
    distance, eta = _eta(session, detail, LatLng(row.lat, row.lng))
    return LocationView(row.lat, row.lng, row.created_at, distance, eta)


# --- during the service ------------------------------------------------------------------


def add_record(
    session: Session,
    *,
    order_id: int,
    actor: Actor,
    kind: str,
    text: str = "",
    media_id: int | None = None,
) -> RecordView:
    """A note, a photo or a video of the service in progress (files uploaded beforehand)."""
    if kind not in RECORD_KINDS:
        raise ValidationError("order_flow.bad_record_kind", field="kind")
    order = _own_order(session, actor, order_id)
    if order.state != "in_service":
        raise Conflict("order_flow.not_in_service", state=Msg(f"order.state.{order.state}"))
    note = clean_text(
        text,
        field="text",
        label=Msg("order_flow.field.text"),
        max_len=MAX_RECORD_TEXT,
        required=kind == "text",
    )
    media_kind = RECORD_KINDS[kind]
    path = ""
    if media_kind is None and media_id is not None:
        raise ValidationError("order_flow.text_no_media", field="media_id")
    if media_kind is not None:
        if media_id is None:
            raise ValidationError(f"order_flow.needs_{media_kind}", field="media_id")
        path = media.require_attachable(
            session, actor=actor, media_id=media_id, kind=media_kind
        ).path
    count = session.scalar(
        select(func.count()).select_from(RECORDS).where(RECORDS.c.order_id == order.id)
    )
    if (count or 0) >= MAX_RECORDS_PER_ORDER:
        raise ValidationError(
            "order_flow.too_many_records", field="kind", max=MAX_RECORDS_PER_ORDER
        )
    now = clock.now()
    record_id = inserted_id(
        session.execute(
            insert(RECORDS),
            {
                "order_id": order.id,
                "worker_id": order.worker_id,
                "kind": kind,
                "text": note,
                "file_path": path,
                "lat": None,
                "lng": None,
                "created_at": now,
            },
        )
    )
    if media_id is not None:
        session.execute(
            update(MEDIA)
            .where(MEDIA.c.id == media_id)
            .values(entity="service_record", entity_id=record_id)
        )
    audit.record(
        session,
        actor=actor,
        action="order.record_add",
        entity="order",
        entity_id=order.id,
        after={"record_id": record_id, "kind": kind, "media_id": media_id},
        branch_id=order.branch_id,
    )
    return RecordView(record_id, kind, note, media_id, now)


def list_records(session: Session, *, order_id: int, actor: Actor) -> list[RecordView]:
    """The notes, photos and videos of an order (its customer, its worker, its staff)."""
    orders.get_order(session, order_id=order_id, actor=actor)
    rows = session.execute(
        select(RECORDS.c.id, RECORDS.c.kind, RECORDS.c.text, MEDIA.c.id, RECORDS.c.created_at)
        .outerjoin(
            MEDIA, (MEDIA.c.entity == "service_record") & (MEDIA.c.entity_id == RECORDS.c.id)
        )
        .where(RECORDS.c.order_id == order_id, RECORDS.c.kind.in_(tuple(RECORD_KINDS)))
        .order_by(RECORDS.c.created_at, RECORDS.c.id)
    ).all()
    return [RecordView(int(i), k, txt, m, at) for i, k, txt, m, at in rows]


def get_my_order(session: Session, *, order_id: int, actor: Actor) -> WorkerOrder:
    """One of the worker's orders with its records; another worker's is "not found"."""
    _worker_id(actor)
    detail = orders.get_order(session, order_id=order_id, actor=actor)
    if detail.state not in CONTACT_STATES:
        detail = replace(detail, customer_phone="")
    if detail.state in UNANSWERED_STATES:
        detail = replace(detail, address_text=detail.district_name, lat=None, lng=None)
    records = list_records(session, order_id=order_id, actor=actor)
    return WorkerOrder(detail, tuple(records))


# --- the day -----------------------------------------------------------------------------


def list_day(session: Session, *, actor: Actor, day: date | None = None) -> WorkerDay:
    """The worker's visits and placements on a day of the branch's calendar (today by
    default), in order."""
    worker_id = _worker_id(actor)
    worker = session.get(Worker, worker_id)
    if worker is None:
        raise NotFound("worker", worker_id)
    tz = get_branch_timezone(session, worker.branch_id)
    day = day or local_day(clock.now(), tz)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError("order_flow.bad_day", field="day")
    start, end = day_start_utc(day, tz), day_start_utc(day + timedelta(days=1), tz)
    day_off = (
        select(PlacementDayOff.id)
        .where(PlacementDayOff.order_id == ORDERS.c.id, PlacementDayOff.day == day)
        .exists()
    )
    rows = session.execute(
        select(
            ORDERS.c.id,
            ORDERS.c.order_no,
            ORDERS.c.kind,
            ORDERS.c.state,
            ORDERS.c.starts_at,
            ORDERS.c.ends_at,
            ServiceItem.name,
            Customer.name,
            ORDERS.c.address_text,
            District.name,
            ORDERS.c.lat,
            ORDERS.c.lng,
            day_off,
        )
        .join(ServiceItem, ServiceItem.id == ORDERS.c.item_id)
        .join(Customer, Customer.id == ORDERS.c.customer_id)
        .join(District, District.id == ORDERS.c.district_id)
        .where(
            ORDERS.c.worker_id == worker_id,
            ORDERS.c.ends_at > start,
            ORDERS.c.starts_at < end,
            ORDERS.c.state.notin_(fit.FREE_STATES_EXCLUDED),
        )
        .order_by(ORDERS.c.starts_at, ORDERS.c.id)
    ).all()
    entries = tuple(
        DayEntry(
            order_id=int(r[0]),
            order_no=r[1],
            kind=r[2],
            state=r[3],
            starts_at=r[4],
            ends_at=r[5],
            item_name=r[6],
            customer_name=r[7],
            # an offer not yet taken: the district only, as in the offer list
            address_text=r[9] if r[3] in UNANSWERED_STATES else r[8],
            district_name=r[9],
            lat=None if r[3] in UNANSWERED_STATES else r[10],
            lng=None if r[3] in UNANSWERED_STATES else r[11],
            day_off=bool(r[12]),
        )
        for r in rows
    )
    return WorkerDay(day, tz, entries)
