"""The long bookings of the demo, planned before the day loop: placements, series, leave.

Placements and leave block whole days of a worker; a recurring series holds the same
weekday and time every week or fortnight, and visits are later laid out around it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from jiazheng_desk.demo import texts
from jiazheng_desk.demo.catalog_data import ITEM_INDEX, ITEMS
from jiazheng_desk.demo.frame import Frame
from jiazheng_desk.demo.people import CERT_OF, NEVER, AddressPlan, CustomerPlan, WorkerPlan

TRAVEL_BUFFER_MIN = 30


@dataclass(slots=True)
class SeriesPlan:
    id: int
    worker: WorkerPlan
    address: AddressPlan
    item: int
    units: int
    rule: str
    virtual_weekday: int
    start_min: int
    first_k: int
    until_k: int | None
    channel: str
    created_at: datetime


class Calendar:
    """Who is free when: the state the long bookings and the day loop share."""

    def __init__(
        self,
        rng: random.Random,
        frame: Frame,
        workers: list[WorkerPlan],
        customers: list[CustomerPlan],
        *,
        series: int,
    ) -> None:
        self.rng = rng
        self.frame = frame
        self.workers = workers
        self.customers = customers
        self.series_target = series
        self.by_district: dict[int, list[AddressPlan]] = {}
        for c in customers:
            for a in c.addresses:
                self.by_district.setdefault(a.district.id, []).append(a)
        self.all_addresses = [a for c in customers for a in c.addresses]
        # day offset -> worker ids that cannot take visits (placement, leave)
        self.blocked: dict[int, set[int]] = {}

    def _address(self, worker: WorkerPlan) -> AddressPlan:
        r = self.rng.random
        district = worker.districts[int(r() * len(worker.districts))]
        pool = self.by_district[district.id]
        # the product of two draws favours the front of the pool: the regulars
        return pool[int(len(pool) * r() * r())]

    def _channel(self, customer: CustomerPlan) -> str:
        if self.rng.random() < 0.85:
            return customer.channel
        return "phone" if customer.channel == "app" else "app"

    def _block(self, worker_id: int, first: int, last: int) -> None:
        for k in range(first, last + 1):
            self.blocked.setdefault(k, set()).add(worker_id)

    # --- the long bookings -----------------------------------------------------------

    def plan_placements(self) -> dict[int, list[tuple[WorkerPlan, int, int]]]:
        """Back-to-back live-in placements of the placement workers, by start day."""
        r, frame = self.rng.random, self.frame
        starts: dict[int, list[tuple[WorkerPlan, int, int]]] = {}
        for w in self.workers:
            if not w.placement_items or w.status == "applicant":
                continue
            k = frame.first + int(r() * 15)
            while k <= frame.last:
                item = w.placement_items[int(r() * len(w.placement_items))]
                lengths = ITEMS[item].units
                units = lengths[int(r() * len(lengths))]
                gap = 3 + int(r() * 20)
                if k + units >= min(w.active_until, _cert_until(w, item)):
                    break
                starts.setdefault(k, []).append((w, item, units))
                self._block(w.id, k, k + units)
                k += units + gap
        return starts

    def plan_series(self) -> tuple[dict[int, list[tuple[SeriesPlan, int]]], list[SeriesPlan]]:
        """Weekly and fortnightly 日常保洁 with a fixed worker, weekday and time."""
        r, frame = self.rng.random, self.frame
        eligible = [
            w
            for w in self.workers
            if w.status == "active" and not w.placement and "cleaning" in w.skills
        ]
        item = ITEM_INDEX["daily_clean"]
        slots: dict[tuple[int, int], list[tuple[int, int]]] = {}
        occurrences: dict[int, list[tuple[SeriesPlan, int]]] = {}
        series: list[SeriesPlan] = []
        for _ in range(self.series_target if eligible else 0):
            for _attempt in range(10):
                w = eligible[int(r() * len(eligible))]
                virtual = w.workdays[int(r() * len(w.workdays))]
                units = 2 + int(r() * 3)
                s0, s1 = w.shift
                start = s0 + 30 * int(r() * ((s1 - units * 60 - s0) // 30 + 1))
                busy = slots.setdefault((w.id, virtual), [])
                if not fits(busy, start, start + units * 60):
                    continue
                busy.append((start, start + units * 60))
                weekly = r() < 0.75
                step = 7 if weekly else 14
                f0 = frame.first + int(r() * (-28 - frame.first))
                first_k = f0 + (virtual - f0) % 7
                until_k = None
                if r() < 0.2:
                    until_k = min(first_k + step * (4 + int(r() * 8)), -1)
                address = self._address(w)
                plan = SeriesPlan(
                    len(series) + 1,
                    w,
                    address,
                    item,
                    units,
                    "weekly" if weekly else "biweekly",
                    virtual,
                    start,
                    first_k,
                    until_k,
                    self._channel(address.customer),
                    frame.at(first_k, start) - timedelta(days=1 + int(r() * 5)),
                )
                series.append(plan)
                end = frame.last if until_k is None else until_k
                for seq, k in enumerate(range(first_k, end + 1, step), start=1):
                    occurrences.setdefault(k, []).append((plan, seq))
                break
        return occurrences, series

    def plan_leave(self) -> dict[int, list[tuple[int, int, str]]]:
        """A week or less of leave for some workers, never inside a placement."""
        r, frame = self.rng.random, self.frame
        leave: dict[int, list[tuple[int, int, str]]] = {}
        for w in self.workers:
            if w.status == "applicant" or r() >= 0.12:
                continue
            length = 1 + int(r() * 7)
            start = frame.first + int(r() * (frame.last - frame.first - length + 1))
            reason = texts.LEAVE_REASONS[int(r() * len(texts.LEAVE_REASONS))]
            end = start + length - 1
            if end >= w.active_until or any(
                w.id in self.blocked.get(k, ()) for k in range(start, end + 1)
            ):
                continue
            leave[w.id] = [(start, end, reason)]
            self._block(w.id, start, end)
        return leave


def fits(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) keeps the travel buffer to every interval taken."""
    for a, b in taken:
        if start < b + TRAVEL_BUFFER_MIN and a < end + TRAVEL_BUFFER_MIN:
            return False
    return True


def _cert_until(worker: WorkerPlan, item: int) -> int:
    cert = CERT_OF[ITEMS[item].skill]
    return worker.certs[cert][1] if cert else NEVER
