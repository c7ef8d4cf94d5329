"""The day loop of the demo: every order laid out in day order, no worker booked twice.

Everything is laid out by day offset ``k`` from today (``k < 0`` is history). A worker's
working weekdays are drawn as *virtual* weekdays ``k % 7`` and written out shifted by
today's weekday, so the layout, and with it every count, is the same whatever day the
demo runs on; only the dates move. For the same reason nothing that depends on the clock
may change how many random numbers are drawn.

Per worker and day the visits are kept as minute intervals with a travel buffer, so no
worker is booked twice; placements and leave block whole days.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta

from jiazheng_desk.demo import texts
from jiazheng_desk.demo.bookings import Calendar, SeriesPlan, fits
from jiazheng_desk.demo.catalog_data import ITEMS
from jiazheng_desk.demo.frame import Frame
from jiazheng_desk.demo.people import AddressPlan, CustomerPlan, WorkerPlan

PLACEMENT_START_MIN = 9 * 60
# overall scores 1..5 in per cent, cumulated: 2, 3, 8, 27, 60
_REVIEW_CUM = (2, 5, 13, 40)


@dataclass(slots=True)
class PlannedOrder:
    id: int
    kind: str
    k: int
    start_min: int
    minutes: int
    worker: WorkerPlan | None
    address: AddressPlan
    item: int
    units: int
    options: tuple[int, ...]
    series: SeriesPlan | None
    seq: int | None
    # created | confirmed | in_service | completed | reviewed | cancelled
    state: str
    channel: str
    starts_at: datetime
    ends_at: datetime
    created_at: datetime
    # customer | staff | no_worker | leave (when cancelled)
    cancel_kind: str
    # a fraction of the time between creation and start at which it was cancelled
    cancel_at: float
    review: int


@dataclass
class Plan:
    orders: list[PlannedOrder]
    series: list[SeriesPlan]
    # worker id -> [(first day offset, last day offset, reason)]
    leave: dict[int, list[tuple[int, int, str]]]


class Scheduler(Calendar):
    """Lays out every order of the demo in day order; ids follow that order."""

    def __init__(
        self,
        rng: random.Random,
        frame: Frame,
        workers: list[WorkerPlan],
        customers: list[CustomerPlan],
        *,
        orders: int,
        series: int,
    ) -> None:
        super().__init__(rng, frame, workers, customers, series=series)
        self.target = orders
        self.orders: list[PlannedOrder] = []
        self.visit_items = [i for i, it in enumerate(ITEMS) if it.kind == "visit"]
        self.visit_cum: list[int] = []
        total = 0
        for i in self.visit_items:
            total += ITEMS[i].popularity
            self.visit_cum.append(total)

    # --- helpers ---------------------------------------------------------------------

    def _units(self, item: int) -> int:
        lo, hi = ITEMS[item].units[0], ITEMS[item].units[-1]
        units = lo + int(self.rng.random() * (hi - lo + 1))
        return units - units % 5 if ITEMS[item].unit == "sqm" else units

    def _options(self, item: int) -> tuple[tuple[int, ...], int]:
        opts = ITEMS[item].options
        r = self.rng.random()
        if not opts or r >= 0.32:
            return (), 0
        first = int(self.rng.random() * len(opts))
        chosen = (first,) if r >= 0.08 or len(opts) == 1 else (first, (first + 1) % len(opts))
        return chosen, sum(opts[o].extra_minutes for o in chosen)

    def _review(self) -> int:
        return bisect_right(_REVIEW_CUM, self.rng.random() * 100) + 1

    def _created(self, k: int, starts_at: datetime, channel: str) -> datetime:
        r = self.rng.random
        lead = 60 + int(r() * (7 * 1440 if channel == "app" else 3 * 1440))
        created = starts_at - timedelta(minutes=lead)
        latest = self.frame.now - timedelta(minutes=60 + int(r() * 1440))
        return min(created, latest) if k >= 0 else created

    def _emit(
        self,
        kind: str,
        k: int,
        start_min: int,
        minutes: int,
        worker: WorkerPlan | None,
        address: AddressPlan,
        item: int,
        units: int,
        options: tuple[int, ...],
        state: str,
        channel: str,
        created_at: datetime | None = None,
        series: SeriesPlan | None = None,
        seq: int | None = None,
        cancel_kind: str = "",
    ) -> PlannedOrder:
        frame, r = self.frame, self.rng.random
        starts_at = frame.at(k, start_min)
        ends_at = starts_at + timedelta(minutes=minutes)
        if created_at is None:
            created_at = self._created(k, starts_at, channel)
        review = 0
        # half the customers review; the score counts towards the worker's rating
        if state == "completed" and r() < 0.5:
            state, review = "reviewed", self._review()
        cancel_at = r()
        order = PlannedOrder(
            len(self.orders) + 1,
            kind,
            k,
            start_min,
            minutes,
            worker,
            address,
            item,
            units,
            options,
            series,
            seq,
            state,
            channel,
            starts_at,
            ends_at,
            created_at,
            cancel_kind,
            cancel_at,
            review,
        )
        self.orders.append(order)
        customer = address.customer
        customer.orders += 1
        if customer.first_created is None or created_at < customer.first_created:
            customer.first_created = created_at
        if customer.last_created is None or created_at > customer.last_created:
            customer.last_created = created_at
        if k >= 0:
            customer.has_future = True
        if worker is not None and review:
            worker.rating_count += 1
            worker.rating_sum += review
        return order

    def _visit_state(self, k: int) -> tuple[str, str]:
        r = self.rng.random()
        if k < 0:
            if r < 0.05:
                return "cancelled", "customer" if r < 0.04 else "staff"
            return "completed", ""
        if r < 0.03:
            return "cancelled", "customer"
        return "confirmed", ""

    # --- the day loop ----------------------------------------------------------------

    def run(self) -> Plan:
        """Lay out every order; the total is exactly the scale's order count."""
        frame = self.frame
        placements = self.plan_placements()
        occurrences, series = self.plan_series()
        leave = self.plan_leave()
        fixed = sum(map(len, placements.values())) + sum(map(len, occurrences.values()))
        unassigned = self.target // 200
        visits = self.target - fixed - unassigned
        if visits < 0:
            raise ValueError("the scale has fewer orders than its placements and series")
        days = range(frame.first, frame.last + 1)
        quotas = _apportion(visits, [self._day_weight(k) for k in days])
        future = _apportion(
            unassigned, [float((frame.last + 1 - k) ** 2) for k in range(frame.last + 1)]
        )
        candidates = self._candidates()
        for i, k in enumerate(days):
            busy: dict[int, list[tuple[int, int]]] = {}
            for w, item, units in placements.get(k, ()):
                self._placement(k, w, item, units)
            for plan, seq in occurrences.get(k, ()):
                self._occurrence(k, plan, seq, busy)
            self._visits(k, quotas[i], candidates[k % 7], busy)
            for _ in range(future[k] if k >= 0 else 0):
                self._loose(k, unassigned=True)
        self._freeze_some()
        return Plan(self.orders, series, leave)

    def _day_weight(self, k: int) -> float:
        frame = self.frame
        growth = 1.0 + 0.5 * (k - frame.first) / (frame.last - frame.first)
        taper = 1.0 if k < 0 else max(0.2, 1.0 - 0.06 * k)
        return growth * taper * (0.85 + 0.3 * self.rng.random())

    def _candidates(self) -> list[list[WorkerPlan]]:
        out: list[list[WorkerPlan]] = [[] for _ in range(7)]
        for w in self.workers:
            if not w.picks or w.status == "applicant":
                continue
            copies = 2 if max(w.skills.values()) >= 4 else 1
            for virtual in w.workdays:
                out[virtual].extend([w] * copies)
        return out

    def _placement(self, k: int, w: WorkerPlan, item: int, units: int) -> None:
        address = self._address(w)
        channel = self._channel(address.customer)
        end = k + units
        state = "completed" if end < 0 else ("in_service" if k < 0 else "confirmed")
        starts_at = self.frame.at(k, PLACEMENT_START_MIN)
        created = starts_at - timedelta(days=3 + int(self.rng.random() * 40))
        created = min(created, self.frame.now - timedelta(hours=2))
        self._emit(
            "placement",
            k,
            PLACEMENT_START_MIN,
            units * 1440,
            w,
            address,
            item,
            units,
            (),
            state,
            channel,
            created_at=created,
        )

    def _occurrence(
        self, k: int, plan: SeriesPlan, seq: int, busy: dict[int, list[tuple[int, int]]]
    ) -> None:
        w = plan.worker
        minutes = plan.units * 60
        busy.setdefault(w.id, []).append((plan.start_min, plan.start_min + minutes))
        r = self.rng.random()
        if w.id in self.blocked.get(k, ()):
            state, cancel = "cancelled", "leave"
        elif k < 0:
            state, cancel = ("cancelled", "customer") if r < 0.04 else ("completed", "")
        else:
            state, cancel = "confirmed", ""
        self._emit(
            "series",
            k,
            plan.start_min,
            minutes,
            w,
            plan.address,
            plan.item,
            plan.units,
            (),
            state,
            plan.channel,
            created_at=plan.created_at,
            series=plan,
            seq=seq,
            cancel_kind=cancel,
        )

    def _visits(
        self, k: int, quota: int, cands: list[WorkerPlan], busy: dict[int, list[tuple[int, int]]]
    ) -> None:
        r = self.rng.random
        blocked = self.blocked.get(k, set())
        for _ in range(quota):
            for _attempt in range(25):
                w = cands[int(r() * len(cands))]
                if w.id in blocked or k >= w.active_until:
                    continue
                item, valid_until = w.picks[int(r() * len(w.picks))]
                if k > valid_until:
                    continue
                it = ITEMS[item]
                units = self._units(item)
                options, extra = self._options(item)
                minutes = it.base_minutes + units * it.minutes_per_unit + extra
                s0, s1 = w.shift
                if s1 - minutes < s0:
                    continue
                start = s0 + 30 * int(r() * ((s1 - minutes - s0) // 30 + 1))
                taken = busy.get(w.id)
                if taken is None:
                    busy[w.id] = taken = []
                elif not fits(taken, start, start + minutes):
                    continue
                taken.append((start, start + minutes))
                address = self._address(w)
                channel = self._channel(address.customer)
                state, cancel = self._visit_state(k)
                self._emit(
                    "visit",
                    k,
                    start,
                    minutes,
                    w,
                    address,
                    item,
                    units,
                    options,
                    state,
                    channel,
                    cancel_kind=cancel,
                )
                break
            else:
                self._loose(k, unassigned=False)

    def _loose(self, k: int, *, unassigned: bool) -> None:
        """An order no worker took: waiting on the board, or cancelled in the past."""
        r = self.rng.random
        x = r() * self.visit_cum[-1]
        item = self.visit_items[next(i for i, c in enumerate(self.visit_cum) if x < c)]
        it = ITEMS[item]
        units = self._units(item)
        options, extra = self._options(item)
        minutes = it.base_minutes + units * it.minutes_per_unit + extra
        latest = min(17 * 60, 22 * 60 - minutes)
        start = 8 * 60 + 30 * int(r() * ((latest - 8 * 60) // 30 + 1))
        address = self.all_addresses[int(r() * len(self.all_addresses))]
        channel = self._channel(address.customer)
        state = "created" if r() < 0.6 else "confirmed"
        cancel = ""
        if k < 0:
            state, cancel = "cancelled", "no_worker"
        elif not unassigned:
            state = "created"
        self._emit(
            "visit",
            k,
            start,
            minutes,
            None,
            address,
            item,
            units,
            options,
            state,
            channel,
            cancel_kind=cancel,
        )

    def _freeze_some(self) -> None:
        idle = [c for c in self.customers if c.orders and not c.has_future]
        for c in self.rng.sample(idle, min(len(idle), len(self.customers) // 200)):
            c.status = "frozen"
            c.status_reason = texts.FREEZE_REASONS[
                int(self.rng.random() * len(texts.FREEZE_REASONS))
            ]


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` into integers that sum to it exactly."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    out = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (out[i] - raw[i], i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out
