"""What the Dispatch area's buttons run, each in one unit of work (``run_command``).

``place_booking`` is the confirm of the booking page: a one-off visit or a placement goes
to ``orders.book`` (with the chosen worker, "auto", or none), a repeat to
``series.create_series``. A worker refused by the booking rules raises
``WorkerNotAvailable`` and the runner rolls the whole unit back, so a refused booking leaves
nothing behind. Every rule is the services' own; this module only composes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jiazheng_desk.services import booking, dispatch_views, offers, orders, series
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict
from jiazheng_desk.services.order_views import OrderDetail
from jiazheng_desk.services.timeutil import local_day, minute_of_day

# what a dispatch command changes, for the pages that show it
CHANGES = frozenset({"orders", "audit"})


@dataclass(frozen=True)
class RepeatPlan:
    """How a visit repeats: the rule, and the end as a number of visits or a last date."""

    rule: str  # weekly | biweekly | monthly_weekday
    count: int | None
    until: date | None
    # for monthly_weekday: 1–4, or -1 for the last one of the month
    week_of_month: int | None = None


@dataclass(frozen=True)
class BookingRequest:
    """Everything the booking page collected."""

    customer_id: int
    address_id: int
    item_id: int
    units: int
    option_ids: tuple[int, ...]
    starts_at: datetime
    tz: str
    # worker: the chosen one; auto: the best candidate; none: leave it unassigned
    worker_mode: str
    worker_id: int | None = None
    offer: bool = False
    days_off: tuple[date, ...] = ()
    repeat: RepeatPlan | None = None
    customer_note: str = ""
    # a coupon of the customer's and points to spend (a single booking only)
    coupon_id: int | None = None
    points_used: int = 0


@dataclass(frozen=True)
class BookingOutcome:
    """What was booked: the (first) order, and for a series how many visits and which wait."""

    first: OrderDetail
    order_ids: tuple[int, ...]
    series_id: int | None
    # visits of a series that could not get the worker, with the reason (they wait unassigned)
    unassigned: tuple[tuple[date, str], ...] = ()


class SeriesWorkerTaken(Conflict):
    """The chosen worker cannot take the first visit of a series: the series is not booked,
    as a single booking with that worker would not be (the message is the rule's own)."""

    def __init__(self, text: str) -> None:
        super().__init__("error.conflict")
        self.text = text

    def message(self, lang: str | None = None) -> str:
        return self.text


def place_booking(session: Any, *, actor: Actor, request: BookingRequest) -> BookingOutcome:
    """Book what the page shows: one visit or placement, or a repeating series."""
    r = request
    if r.repeat is None:
        detail = orders.book(
            session,
            actor=actor,
            customer_id=r.customer_id,
            address_id=r.address_id,
            item_id=r.item_id,
            units=r.units,
            starts_at=r.starts_at,
            option_ids=r.option_ids,
            worker_id=r.worker_id if r.worker_mode == "worker" else None,
            auto=r.worker_mode == "auto",
            offer=r.offer,
            channel="phone",
            customer_note=r.customer_note,
            days_off=r.days_off,
            coupon_id=r.coupon_id,
            points_used=r.points_used,
        )
        return BookingOutcome(detail, (detail.id,), None)
    worker_id = r.worker_id if r.worker_mode == "worker" else None
    if r.worker_mode == "auto":
        # a series keeps one worker: the best candidate for its first visit
        found = dispatch_views.booking_candidates(
            session,
            actor=actor,
            address_id=r.address_id,
            item_id=r.item_id,
            units=r.units,
            starts_at=r.starts_at,
            option_ids=r.option_ids,
            customer_id=r.customer_id,
            limit=1,
        )
        worker_id = found.candidates[0].worker_id if found.candidates else None
    first_day = local_day(r.starts_at, r.tz)
    rule = series.Rule(
        rule=r.repeat.rule,
        weekday=first_day.weekday(),
        week_of_month=r.repeat.week_of_month if r.repeat.rule == "monthly_weekday" else None,
        start_minute=minute_of_day(r.starts_at, r.tz),
        first_date=first_day,
        count=r.repeat.count,
        until_date=r.repeat.until,
    )
    result = series.create_series(
        session,
        actor=actor,
        customer_id=r.customer_id,
        address_id=r.address_id,
        item_id=r.item_id,
        units=r.units,
        rule=rule,
        option_ids=r.option_ids,
        worker_id=worker_id,
        customer_note=r.customer_note,
        channel="phone",
    )
    first = orders.get_order(session, order_id=result.order_ids[0], actor=actor)
    first_local = local_day(first.starts_at, r.tz)
    missed_first = next((why for day, why in result.unassigned if day == first_local), None)
    if r.worker_mode == "worker" and missed_first is not None:
        # the dispatcher chose this worker for this time: say so, as a single booking would
        raise SeriesWorkerTaken(missed_first)
    return BookingOutcome(first, result.order_ids, result.series_id, result.unassigned)


def move_order(
    session: Any, *, order_id: int, worker_id: int, actor: Actor
) -> booking.AssignResult:
    """A block dropped on a worker's lane: give the order to that worker at the same time
    (taking it from its current worker first, in the same unit of work)."""
    return offers.reassign(session, order_id=order_id, worker_id=worker_id, actor=actor)
