"""The customer's orders: booking, the order as the app shows it, quotes, slots, changes.

Times are ISO 8601 at the branch's offset (+08:00); money is fen plus a "¥" string.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from api_stub.localtime import in_zone, in_zone_or_none
from api_stub.money import yuan
from api_stub.schemas.customer_common import MAX_FEN, Id, Moment, Strict, WorkerBrief
from api_stub.schemas.reviews import ReviewOut
from jiazheng_desk.services.availability import Slot
from jiazheng_desk.services.customer_booking import BookingResult, SlotList
from jiazheng_desk.services.customer_orders import Live, MyOrder, MyOrderRow
from jiazheng_desk.services.order_views import OrderDetail
from jiazheng_desk.services.orders import CancelFee
from jiazheng_desk.services.pricing import Quote

# --- in ----------------------------------------------------------------------------------


class RepeatIn(Strict):
    """A recurring booking: the weekday, time and first date are those of ``starts_at``."""

    rule: Literal["weekly", "biweekly", "monthly_weekday"]
    count: int | None = Field(default=None, ge=1, le=520, description="How many visits.")
    until: date | None = Field(default=None, description="Last possible date (local).")
    week_of_month: Literal[1, 2, 3, 4, -1] | None = Field(
        default=None, description="monthly_weekday only: the n-th weekday, -1 the last."
    )


class BookingIn(Strict):
    address_id: Id = Field(description="One of the customer's addresses.")
    item_id: Id = Field(description="The service item (catalogue).")
    units: int = Field(ge=1, le=10_000, description="Hours, m², visits or days (the item's unit).")
    option_ids: list[Id] = Field(default_factory=list, max_length=20)
    starts_at: Moment = Field(description="ISO 8601 with an offset.")
    worker_id: Id | None = Field(default=None, description="The worker chosen…")
    auto: bool = Field(default=False, description="…or any free worker (not both).")
    note: str = Field(default="", max_length=500, description="For the worker (门禁密码…).")
    days_off: list[date] = Field(
        default_factory=list, max_length=366, description="Placements: days off inside."
    )
    repeat: RepeatIn | None = Field(default=None, description="Recurring: how it repeats.")
    coupon_id: Id | None = Field(
        default=None, description="One of my usable coupons (not for a recurring booking)."
    )
    points: int = Field(default=0, ge=0, le=10_000_000, description="Points to spend.")


class QuoteIn(Strict):
    address_id: Id
    item_id: Id
    units: int = Field(ge=1, le=10_000)
    option_ids: list[Id] = Field(default_factory=list, max_length=20)
    starts_at: Moment
    coupon_id: Id | None = Field(default=None, description="One of my coupons.")
    points: int = Field(default=0, ge=0, le=10_000_000, description="Points to spend.")


class CancelIn(Strict):
    reason: str = Field(min_length=1, max_length=255)
    expected_fee_fen: int | None = Field(
        default=None,
        ge=0,
        le=MAX_FEN,
        description="The fee the customer was shown; a different fee now is refused (409).",
    )


class RescheduleIn(Strict):
    starts_at: Moment
    keep_worker: bool = Field(
        default=True,
        description="Keep the worker (refused when they cannot make it) or let the branch "
        "find another.",
    )
    reason: str = Field(default="", max_length=200)


# --- out ---------------------------------------------------------------------------------


class OptionLineOut(Strict):
    option_id: int
    name: str
    price_fen: int
    price: str


class EventOut(Strict):
    event: str
    from_state: str
    to_state: str
    at: datetime


class PositionOut(Strict):
    lat: float
    lng: float
    at: datetime


class LiveOut(Strict):
    on_the_way: bool
    position: PositionOut | None = Field(description="The worker's last reported position.")
    eta_minutes: int | None
    eta_at: datetime | None

    @classmethod
    def of(cls, live: Live, tz: str) -> LiveOut:
        position = None
        if live.position is not None:
            p = live.position
            position = PositionOut(lat=p.lat, lng=p.lng, at=in_zone(p.at, tz))
        return cls(
            on_the_way=live.on_the_way,
            position=position,
            eta_minutes=live.eta_minutes,
            eta_at=in_zone_or_none(live.eta_at, tz),
        )


NOT_LIVE = Live(on_the_way=False, position=None, eta_minutes=None, eta_at=None)


class OrderOut(Strict):
    id: int
    order_no: str
    state: str
    kind: str = Field(description="visit | series | placement")
    channel: str
    item_id: int
    item_name: str
    unit: str
    units: int
    options: list[OptionLineOut]
    starts_at: datetime
    ends_at: datetime
    service_day: date
    timezone: str
    address_id: int
    address_text: str
    district_name: str
    worker: WorkerBrief | None
    base_fen: int
    base: str
    options_fen: int
    options_total: str
    travel_fee_fen: int
    travel_fee: str
    surcharge_fen: int
    surcharge: str
    discount_fen: int
    discount: str
    total_fen: int
    total: str
    paid_fen: int
    paid: str
    due_fen: int = Field(description="What is still to pay (0 when paid in full).")
    due: str
    is_paid: bool
    cancel_fee_fen: int
    cancel_fee: str
    cancel_reason: str
    note: str
    series_id: int | None
    series_seq: int | None
    days_off: list[date]
    created_at: datetime
    completed_at: datetime | None
    cancelled_at: datetime | None
    events: list[EventOut]
    live: LiveOut
    review: ReviewOut | None

    @classmethod
    def of(
        cls,
        d: OrderDetail,
        *,
        worker_name: str,
        paid_fen: int = 0,
        live: Live = NOT_LIVE,
        review: ReviewOut | None = None,
    ) -> OrderOut:
        tz = d.timezone
        due = max(0, d.total_fen - paid_fen)
        return cls(
            id=d.id,
            order_no=d.order_no,
            state=d.state,
            kind=d.kind,
            channel=d.channel,
            item_id=d.item_id,
            item_name=d.item_name,
            unit=d.unit,
            units=d.units,
            options=[
                OptionLineOut(
                    option_id=o.option_id,
                    name=o.name,
                    price_fen=o.price_fen,
                    price=yuan(o.price_fen),
                )
                for o in d.options
            ],
            starts_at=in_zone(d.starts_at, tz),
            ends_at=in_zone(d.ends_at, tz),
            service_day=d.service_day,
            timezone=tz,
            address_id=d.address_id,
            address_text=d.address_text,
            district_name=d.district_name,
            worker=WorkerBrief(id=d.worker_id, display_name=worker_name)
            if d.worker_id is not None
            else None,
            base_fen=d.base_fen,
            base=yuan(d.base_fen),
            options_fen=d.options_fen,
            options_total=yuan(d.options_fen),
            travel_fee_fen=d.travel_fee_fen,
            travel_fee=yuan(d.travel_fee_fen),
            surcharge_fen=d.surcharge_fen,
            surcharge=yuan(d.surcharge_fen),
            discount_fen=d.discount_fen,
            discount=yuan(d.discount_fen),
            total_fen=d.total_fen,
            total=yuan(d.total_fen),
            paid_fen=paid_fen,
            paid=yuan(paid_fen),
            due_fen=due,
            due=yuan(due),
            is_paid=due == 0,
            cancel_fee_fen=d.cancel_fee_fen,
            cancel_fee=yuan(d.cancel_fee_fen),
            cancel_reason=d.cancel_reason,
            note=d.customer_note,
            series_id=d.series_id,
            series_seq=d.series_seq,
            days_off=list(d.days_off),
            created_at=in_zone(d.created_at, tz),
            completed_at=in_zone_or_none(d.completed_at, tz),
            cancelled_at=in_zone_or_none(d.cancelled_at, tz),
            # the state history, without who did it (staff ids are not the customer's)
            events=[
                EventOut(
                    event=e.event,
                    from_state=e.from_state,
                    to_state=e.to_state,
                    at=in_zone(e.created_at, tz),
                )
                for e in d.events
            ],
            live=LiveOut.of(live, tz),
            review=review,
        )

    @classmethod
    def of_mine(cls, mine: MyOrder) -> OrderOut:
        return cls.of(
            mine.detail,
            worker_name=mine.worker_display_name,
            paid_fen=mine.paid_fen,
            live=mine.live,
            review=ReviewOut.of(mine.review) if mine.review is not None else None,
        )


class UnassignedOut(Strict):
    day: date
    reason: str


class SeriesOut(Strict):
    id: int
    order_ids: list[int]
    unassigned: list[UnassignedOut] = Field(
        description="Visits that could not get the chosen worker (the branch will assign)."
    )


class BookingOut(Strict):
    order: OrderOut = Field(description="The order (a series: its first visit).")
    series: SeriesOut | None

    @classmethod
    def of(cls, result: BookingResult) -> BookingOut:
        series = None
        if result.series_id is not None:
            series = SeriesOut(
                id=result.series_id,
                order_ids=list(result.order_ids),
                unassigned=[UnassignedOut(day=d, reason=r) for d, r in result.unassigned],
            )
        return cls(
            order=OrderOut.of(result.order, worker_name=result.worker_display_name),
            series=series,
        )


class OrderRowOut(Strict):
    id: int
    order_no: str
    state: str
    kind: str
    item_name: str
    units: int
    starts_at: datetime
    ends_at: datetime
    service_day: date
    address_text: str
    worker: WorkerBrief | None
    total_fen: int
    total: str
    paid_fen: int
    paid: str

    @classmethod
    def of(cls, r: MyOrderRow) -> OrderRowOut:
        return cls(
            id=r.id,
            order_no=r.order_no,
            state=r.state,
            kind=r.kind,
            item_name=r.item_name,
            units=r.units,
            starts_at=in_zone(r.starts_at, r.timezone),
            ends_at=in_zone(r.ends_at, r.timezone),
            service_day=r.service_day,
            address_text=r.address_text,
            worker=WorkerBrief(id=r.worker_id, display_name=r.worker_display_name)
            if r.worker_id is not None
            else None,
            total_fen=r.total_fen,
            total=yuan(r.total_fen),
            paid_fen=r.paid_fen,
            paid=yuan(r.paid_fen),
        )


class OrderPage(Strict):
    items: list[OrderRowOut]
    total: int


class CancelFeeOut(Strict):
    fee_fen: int
    fee: str
    rule: str = Field(description="free | late | on_the_way")
    hours_before: float

    @classmethod
    def of(cls, fee: CancelFee) -> CancelFeeOut:
        return cls(
            fee_fen=fee.fee_fen,
            fee=yuan(fee.fee_fen),
            rule=fee.rule,
            hours_before=round(fee.hours_before, 2),
        )


class QuoteLineOut(Strict):
    code: str = Field(
        description="base | option | travel | night | holiday | coupon | points "
        "(the last two negative)"
    )
    label: str
    amount_fen: int
    amount: str


class QuoteOut(Strict):
    item_id: int
    item_name: str
    unit: str
    kind: str
    units: int
    option_ids: list[int]
    duration_minutes: int
    distance_m: int | None
    base_fen: int
    base: str
    options_fen: int
    options_total: str
    travel_fee_fen: int
    travel_fee: str
    surcharge_fen: int
    surcharge: str
    discount_fen: int
    discount: str
    total_fen: int
    total: str
    coupon_id: int | None
    points_used: int
    lines: list[QuoteLineOut]

    @classmethod
    def of(cls, q: Quote) -> QuoteOut:
        return cls(
            item_id=q.item_id,
            item_name=q.item_name,
            unit=q.unit,
            kind=q.kind,
            units=q.units,
            option_ids=list(q.option_ids),
            duration_minutes=q.duration_minutes,
            distance_m=q.distance_m,
            base_fen=q.base_fen,
            base=yuan(q.base_fen),
            options_fen=q.options_fen,
            options_total=yuan(q.options_fen),
            travel_fee_fen=q.travel_fee_fen,
            travel_fee=yuan(q.travel_fee_fen),
            surcharge_fen=q.surcharge_fen,
            surcharge=yuan(q.surcharge_fen),
            discount_fen=q.discount_fen,
            discount=yuan(q.discount_fen),
            total_fen=q.total_fen,
            total=yuan(q.total_fen),
            coupon_id=q.coupon_id,
            points_used=q.points_used,
            lines=[
                QuoteLineOut(
                    code=line.code,
                    label=line.label,
                    amount_fen=line.amount_fen,
                    amount=yuan(line.amount_fen),
                )
                for line in q.lines
            ],
        )


class SlotOut(Strict):
    day: date
    starts_at: datetime
    ends_at: datetime
    free_workers: int

    @classmethod
    def of(cls, s: Slot, tz: str) -> SlotOut:
        return cls(
            day=s.day,
            starts_at=in_zone(s.starts_at, tz),
            ends_at=in_zone(s.ends_at, tz),
            free_workers=s.free_workers,
        )


class SlotsOut(Strict):
    items: list[SlotOut]
    total: int
    duration_minutes: int
    timezone: str

    @classmethod
    def of(cls, found: SlotList) -> SlotsOut:
        return cls(
            items=[SlotOut.of(s, found.tz) for s in found.slots],
            total=len(found.slots),
            duration_minutes=found.minutes,
            timezone=found.tz,
        )
