"""Rows of the planned orders: prices, options, days off and the events of each order.

The plan fixed what every count depends on (state, worker, review score); this module
only dresses it, with its own random stream, and draws the same numbers whatever the
clock says so that the counts stay those of the seed.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from jiazheng_desk.demo import texts
from jiazheng_desk.demo.after_service import AfterService
from jiazheng_desk.demo.catalog import holiday_dates, option_ids
from jiazheng_desk.demo.catalog_data import (
    BRANCH_PRICES,
    BRANCHES,
    HOLIDAY_PERCENT_BP,
    ITEMS,
    NIGHT_END_MINUTE,
    NIGHT_PERCENT_BP,
    NIGHT_START_MINUTE,
    TRAVEL_BANDS,
)
from jiazheng_desk.demo.frame import Frame
from jiazheng_desk.demo.rows import StaffIds
from jiazheng_desk.demo.schedule import PlannedOrder

Row = dict[str, Any]
ORDER_TABLES = (
    "orders",
    "order_option",
    "placement_day_off",
    "order_event",
    "payment",
    "refund",
    "review",
    "complaint",
)
_PAID_STATES = frozenset({"in_service", "completed", "reviewed"})
_DAYS_OFF_ITEMS = frozenset(
    i for i, it in enumerate(ITEMS) if it.code in ("livein_nanny", "elder_livein")
)
_NOTES = (
    "家里有猫，进门请随手关门",
    "请带鞋套",
    "小区门口需登记",
    "到了先打电话",
    "家里有老人，请轻声",
)
_HOUR = timedelta(hours=1)
_MINUTE = timedelta(minutes=1)
_LOCAL = timedelta(hours=8)  # Asia/Shanghai has no daylight saving


class Price(NamedTuple):
    """An order's quote in fen: total = base + options + travel + surcharge - discount."""

    base: int
    options: int
    travel: int
    surcharge: int
    discount: int
    total: int


class OrderRows:
    """Turns planned orders into rows, batch by batch, with running ids."""

    def __init__(self, rng: random.Random, frame: Frame, staff: StaffIds) -> None:
        self.rng, self.frame, self.staff = rng, frame, staff
        self.now = frame.now
        self.options = option_ids()
        slug_index = {b.slug: i for i, b in enumerate(BRANCHES)}
        item_index = {it.code: i for i, it in enumerate(ITEMS)}
        self.prices = [[it.price_fen for it in ITEMS] for _ in BRANCHES]
        for slug, code, fen in BRANCH_PRICES:
            self.prices[slug_index[slug]][item_index[code]] = fen
        self.holidays = {when for when, _ in holiday_dates(frame)}
        self.order_seq: dict[str, int] = {}
        self.ids = {name: itertools.count(1) for name in ORDER_TABLES}
        self._event_ids = self.ids["order_event"]
        self.after = AfterService(rng, self.now, staff, self._id)

    def batches(
        self, orders: list[PlannedOrder], size: int
    ) -> Iterator[list[tuple[str, list[Row]]]]:
        """Rows of ``size`` orders at a time, tables in foreign-key order."""
        for start in range(0, len(orders), size):
            out: dict[str, list[Row]] = {name: [] for name in ORDER_TABLES}
            for order in orders[start : start + size]:
                self._order(order, out)
            yield list(out.items())

    def _id(self, table: str) -> int:
        return next(self.ids[table])

    def _order_no(self, created_at: datetime) -> str:
        day = (created_at + _LOCAL).strftime("%y%m%d")
        seq = self.order_seq.get(day, 0) + 1
        self.order_seq[day] = seq
        return f"JZ{day}{seq:05d}"

    def _travel_fee(self, o: PlannedOrder) -> int:
        if o.kind == "placement":
            return 0
        a, w = o.address, o.worker
        lat, lng = (w.lat, w.lng) if w is not None else (a.district.lat, a.district.lng)
        metres = int(math.hypot((a.lat - lat) * 111_000, (a.lng - lng) * 95_000))
        for lo, hi, fee in TRAVEL_BANDS:
            if metres >= lo and (hi is None or metres < hi):
                return fee
        return 0

    def _surcharge(self, o: PlannedOrder, base: int) -> int:
        if o.kind == "placement":
            return 0
        fen = 0
        if o.start_min < NIGHT_END_MINUTE or o.start_min + o.minutes > NIGHT_START_MINUTE:
            fen += base * NIGHT_PERCENT_BP // 10_000
        if self.frame.date(o.k) in self.holidays:
            fen += base * HOLIDAY_PERCENT_BP // 10_000
        return fen

    def _price(self, o: PlannedOrder) -> Price:
        it = ITEMS[o.item]
        base = self.prices[o.address.district.branch][o.item] * o.units
        options = sum(it.options[j].price_fen for j in o.options)
        travel = self._travel_fee(o)
        surcharge = self._surcharge(o, base)
        r = self.rng.random
        discount = min(1000 * (1 + int(r() * 5)), base // 2) if r() < 0.08 else 0
        total = base + options + travel + surcharge - discount
        return Price(base, options, travel, surcharge, discount, total)

    def _order(self, o: PlannedOrder, out: dict[str, list[Row]]) -> None:
        r, now = self.rng.random, self.now
        price = self._price(o)
        state, created, starts = o.state, o.created_at, o.starts_at
        lead = starts - created
        cancelled = state == "cancelled"
        # a customer who cancels early does so before anyone was assigned
        assigned = o.worker is not None and not (
            cancelled and o.cancel_kind == "customer" and o.cancel_at < 0.3
        )
        worker_id = o.worker.id if assigned and o.worker is not None else None
        assigned_at = cancelled_at = None
        if assigned:
            assigned_at = max(created, min(created + lead * (0.02 + 0.2 * r()), now - _MINUTE))
            if state == "confirmed":
                # a booked worker's order is "accepted": only then does it hold her time
                state = "accepted"
        cancel_reason, cancel_fee = "", 0
        if cancelled:
            cancelled_at = max(created, min(created + lead * max(o.cancel_at, 0.3), now - _MINUTE))
            cancel_reason = self._cancel_reason(o.cancel_kind)
            if o.cancel_kind == "customer" and starts - cancelled_at < 2 * _HOUR:
                cancel_fee = min(3000, price.total // 5)
        completed_at = None
        if state in ("completed", "reviewed"):
            completed_at = min(o.ends_at + timedelta(minutes=int(r() * 20)), now)
        reviewed_at = None
        if state == "reviewed" and completed_at is not None:
            reviewed_at = self.after.review(o, worker_id, completed_at, out)
        last = self._events(
            o,
            worker_id,
            assigned_at,
            completed_at,
            reviewed_at,
            cancelled_at,
            cancel_reason,
            out["order_event"],
        )
        # app orders are paid when booked, phone orders after the service
        if state in _PAID_STATES or (o.channel == "app" and state != "created"):
            self.after.payment(o, price.total, cancel_fee, cancelled_at, out)
        if state == "completed" and r() < 0.001:
            self.after.complaint(o, worker_id, completed_at or o.ends_at, 3, out)
        self._extras(o, out)
        note = r()
        out["orders"].append({
            "id": o.id, "order_no": self._order_no(created),
            "branch_id": o.address.district.branch + 1, "customer_id": o.address.customer.id,
            "address_id": o.address.id, "district_id": o.address.district.id,
            "address_text": o.address.text, "lat": o.address.lat, "lng": o.address.lng,
            "item_id": o.item + 1, "units": o.units, "kind": o.kind,
            "series_id": o.series.id if o.series is not None else None, "series_seq": o.seq,
            "starts_at": starts, "ends_at": o.ends_at, "service_day": self.frame.date(o.k),
            "worker_id": worker_id, "state": state, "channel": o.channel,
            "base_fen": price.base, "options_fen": price.options,
            "travel_fee_fen": price.travel, "surcharge_fen": price.surcharge,
            "discount_fen": price.discount, "total_fen": price.total,
            "cancel_fee_fen": cancel_fee, "coupon_id": None, "locked": False,
            "pool_open": False, "rejections": 0, "exception_reason": "", "exception_at": None,
            "customer_note": _NOTES[int(note * 50) % len(_NOTES)] if note < 0.1 else "",
            "staff_note": "", "cancel_reason": cancel_reason,
            "created_by": self._dispatcher(o) if o.channel == "phone" else None,
            "created_at": created, "updated_at": last, "assigned_at": assigned_at,
            "completed_at": completed_at, "cancelled_at": cancelled_at,
        })  # fmt: skip

    def _dispatcher(self, o: PlannedOrder) -> int:
        return self.staff.dispatcher[o.address.district.branch]

    def _events(
        self,
        o: PlannedOrder,
        worker_id: int | None,
        assigned_at: datetime | None,
        completed_at: datetime | None,
        reviewed_at: datetime | None,
        cancelled_at: datetime | None,
        cancel_reason: str,
        events: list[Row],
    ) -> datetime:
        """The order's transitions in time order; returns the last one's time."""
        order_id, append, next_id = o.id, events.append, self._event_ids.__next__
        customer = ("customer", o.address.customer.id)
        staff = ("staff", self._dispatcher(o))
        worker = ("worker", worker_id)

        def add(
            event: str,
            before: str,
            after: str,
            at: datetime,
            actor: tuple[str, int | None],
            reason: str = "",
        ) -> datetime:
            append(
                {
                    "id": next_id(),
                    "order_id": order_id,
                    "event": event,
                    "from_state": before,
                    "to_state": after,
                    "actor_kind": actor[0],
                    "actor_id": actor[1],
                    "reason": reason,
                    "created_at": at,
                }
            )
            return at

        last = add(
            "create", "", "created", o.created_at, staff if o.channel == "phone" else customer
        )
        if assigned_at is not None:
            who = staff if self.rng.random() < 0.7 else ("system", None)
            last = add("assign", "created", "accepted", assigned_at, who)
        elif o.state == "confirmed":
            last = add("confirm", "created", "confirmed", o.created_at + _MINUTE, staff)
        if o.state in _PAID_STATES:
            last = add("start", "accepted", "in_service", o.starts_at, worker)
        if completed_at is not None:
            last = add("finish", "in_service", "completed", completed_at, worker)
        if reviewed_at is not None:
            last = add("review", "completed", "reviewed", reviewed_at, customer)
        if cancelled_at is not None:
            before = "accepted" if assigned_at is not None else "created"
            who = customer if o.cancel_kind == "customer" else staff
            last = add("cancel", before, "cancelled", cancelled_at, who, cancel_reason)
        return last

    def _extras(self, o: PlannedOrder, out: dict[str, list[Row]]) -> None:
        """The options chosen and, for live-in placements, the days off."""
        it = ITEMS[o.item]
        for j in o.options:
            option = it.options[j]
            out["order_option"].append({
                "id": self._id("order_option"), "order_id": o.id,
                "option_id": self.options[(o.item, j)], "name": option.name,
                "price_fen": option.price_fen,
            })  # fmt: skip
        if o.item in _DAYS_OFF_ITEMS:
            for d in sorted(self.rng.sample(range(1, o.units), 4 * o.units // 30)):
                out["placement_day_off"].append(
                    {"id": self._id("placement_day_off"), "order_id": o.id,
                     "day": self.frame.date(o.k + d)}
                )  # fmt: skip

    def _cancel_reason(self, kind: str) -> str:
        r = self.rng.random()
        if kind == "customer":
            return texts.CANCEL_BY_CUSTOMER[int(r * len(texts.CANCEL_BY_CUSTOMER))]
        if kind == "staff":
            return texts.CANCEL_BY_STAFF[int(r * len(texts.CANCEL_BY_STAFF))]
        return texts.CANCEL_LEAVE if kind == "leave" else texts.CANCEL_NO_WORKER
