"""Recurring bookings: weekly, every two weeks, or monthly on the n-th weekday.

A series generates its visits ahead (``extend_series``, also run by the jobs); each
visit is an ordinary order with ``series_id`` and ``series_seq``. Editing "this one"
moves one visit; editing "this and following" splits the series and *moves* the open
visits onto the new rule, so their count never changes: nothing is duplicated or lost.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Order, OrderSeries
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit, booking, orders
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.booking_place import Place, get_place
from jiazheng_desk.services.errors import NotFound, ValidationError
from jiazheng_desk.services.order_states import OPEN_STATES
from jiazheng_desk.services.permissions import Perm, require, require_branch
from jiazheng_desk.services.settings import get_settings
from jiazheng_desk.services.timeutil import at_local, get_branch_timezone, local_day

RULES = ("weekly", "biweekly", "monthly_weekday")
SERIES = table_of(OrderSeries)
ORDERS = table_of(Order)


@dataclass(frozen=True)
class Rule:
    rule: str
    weekday: int
    week_of_month: int | None
    start_minute: int
    first_date: date
    count: int | None
    until_date: date | None


def occurrences(rule: Rule) -> Iterator[date]:
    """The visit dates of a rule, in order (endless without count or until)."""
    produced = 0

    def done(day: date) -> bool:
        return (rule.count is not None and produced >= rule.count) or (
            rule.until_date is not None and day > rule.until_date
        )

    if rule.rule in ("weekly", "biweekly"):
        step = 7 if rule.rule == "weekly" else 14
        day = rule.first_date + timedelta(days=(rule.weekday - rule.first_date.weekday()) % 7)
        while not done(day):
            yield day
            produced += 1
            day += timedelta(days=step)
        return
    year, month = rule.first_date.year, rule.first_date.month
    while True:
        day = _nth_weekday(year, month, rule.weekday, rule.week_of_month or 1)
        if day >= rule.first_date:
            if done(day):
                return
            yield day
            produced += 1
        month += 1
        if month == 13:
            year, month = year + 1, 1


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th weekday of a month; n = -1 is the last one."""
    days = [
        d
        for d in calendar.Calendar().itermonthdates(year, month)
        if d.month == month and d.weekday() == weekday
    ]
    return days[-1] if n == -1 else days[min(n, len(days)) - 1]


def _check_rule(rule: Rule) -> None:
    if rule.rule not in RULES:
        raise ValidationError("series.bad_rule", field="rule")
    if not 0 <= rule.weekday <= 6:
        raise ValidationError("series.bad_weekday", field="weekday")
    if rule.rule == "monthly_weekday" and rule.week_of_month not in (1, 2, 3, 4, -1):
        raise ValidationError("series.bad_week_of_month", field="week_of_month")
    if not 0 <= rule.start_minute < 24 * 60:
        raise ValidationError("series.bad_time", field="start_minute")
    if rule.count is None and rule.until_date is None:
        raise ValidationError("series.needs_end", field="count")
    if rule.count is not None and not 1 <= rule.count <= 520:
        raise ValidationError("series.bad_count", field="count")
    if rule.until_date is not None and rule.until_date < rule.first_date:
        raise ValidationError("series.bad_until", field="until_date")


@dataclass(frozen=True)
class SeriesResult:
    series_id: int
    order_ids: tuple[int, ...]
    # visits that could not get the series' worker, with the reason (they wait unassigned)
    unassigned: tuple[tuple[date, str], ...]


def create_series(
    session: Session,
    *,
    actor: Actor,
    customer_id: int,
    address_id: int,
    item_id: int,
    units: int,
    rule: Rule,
    option_ids: Sequence[int] = (),
    worker_id: int | None = None,
    customer_note: str = "",
    channel: str = "phone",
) -> SeriesResult:
    """Book a recurring series and its visits over the booking horizon."""
    if actor.is_staff:
        require(actor, Perm.ORDER_CREATE)
    _check_rule(rule)
    place = orders._place(session, actor, customer_id, address_id)
    now = clock.now()
    series_id = inserted_id(
        session.connection().execute(
            insert(SERIES),
            {
                "branch_id": place.branch_id,
                "customer_id": customer_id,
                "address_id": address_id,
                "item_id": item_id,
                "units": units,
                "rule": rule.rule,
                "weekday": rule.weekday,
                "week_of_month": rule.week_of_month,
                "start_minute": rule.start_minute,
                "first_date": rule.first_date,
                "count": rule.count,
                "until_date": rule.until_date,
                "worker_id": worker_id,
                "options_json": json.dumps(list(option_ids)),
                "customer_note": customer_note[:500],
                "status": "active",
                "created_by": actor.id if actor.is_staff else None,
                "created_at": now,
            },
        )
    )
    audit.record(
        session,
        actor=actor,
        action="series.create",
        entity="series",
        entity_id=series_id,
        after={
            "rule": rule.rule,
            "weekday": rule.weekday,
            "count": rule.count,
            "until": str(rule.until_date or ""),
        },
        branch_id=place.branch_id,
    )
    result = _generate(session, series_id=series_id, actor=actor, channel=channel, place=place)
    if not result.order_ids:
        raise ValidationError("series.no_visits", field="first_date")
    return result


def _rule_of(series: OrderSeries) -> Rule:
    return Rule(
        series.rule,
        series.weekday,
        series.week_of_month,
        series.start_minute,
        series.first_date,
        series.count,
        series.until_date,
    )


def _generate(
    session: Session,
    *,
    series_id: int,
    actor: Actor,
    channel: str = "phone",
    place: Place | None = None,
) -> SeriesResult:
    series = session.get(OrderSeries, series_id, populate_existing=True)
    if series is None:
        raise NotFound("series", series_id)
    tz = get_branch_timezone(session, series.branch_id)
    ahead = int(
        get_settings(session, ["booking.max_days_ahead"], branch_id=series.branch_id)[
            "booking.max_days_ahead"
        ]
    )
    horizon = local_day(clock.now(), tz) + timedelta(days=ahead)
    have = (
        session.scalar(select(func.max(ORDERS.c.series_seq)).where(ORDERS.c.series_id == series_id))
        or 0
    )
    earliest = clock.now()
    created: list[int] = []
    missed: list[tuple[date, str]] = []
    options = json.loads(series.options_json or "[]")
    # every visit books at the same address: read it once (at the first visit to book)
    for seq, day in enumerate(occurrences(_rule_of(series)), start=1):
        if day > horizon:
            break
        if seq <= have:
            continue
        starts_at = at_local(day, series.start_minute, tz)
        if starts_at <= earliest:
            continue
        if place is None:
            place = get_place(session, customer_id=series.customer_id, address_id=series.address_id)
        kwargs = {
            "actor": actor,
            "customer_id": series.customer_id,
            "address_id": series.address_id,
            "item_id": series.item_id,
            "units": series.units,
            "starts_at": starts_at,
            "option_ids": options,
            "channel": channel,
            "customer_note": series.customer_note,
            "series_id": series_id,
            "series_seq": seq,
            "place": place,
        }
        if series.worker_id is not None:
            try:
                with session.begin_nested():
                    created.append(orders.book(session, worker_id=series.worker_id, **kwargs).id)
                continue
            except booking.WorkerNotAvailable as exc:
                missed.append((day, str(exc)))
        created.append(orders.book(session, **kwargs).id)
    return SeriesResult(series_id, tuple(created), tuple(missed))


def extend_series(session: Session, *, actor: Actor | None = None) -> int:
    """Generate the visits of every active series up to the horizon (the jobs call this)."""
    who = actor or Actor.system()
    total = 0
    for series_id in session.scalars(select(SERIES.c.id).where(SERIES.c.status == "active")):
        total += len(_generate(session, series_id=series_id, actor=who).order_ids)
    return total


def _open_visits(session: Session, series_id: int, from_seq: int) -> list[Order]:
    return list(
        session.scalars(
            select(Order)
            .where(
                Order.series_id == series_id,
                Order.series_seq >= from_seq,
                Order.state.in_(OPEN_STATES),
            )
            .order_by(Order.series_seq)
            .execution_options(populate_existing=True)
        ).all()
    )


@dataclass(frozen=True)
class SplitResult:
    new_series_id: int
    moved: tuple[int, ...]
    # visits whose worker could not come along to the new time (now waiting in the queue)
    released: tuple[int, ...]


def edit_following(
    session: Session,
    *,
    order_id: int,
    actor: Actor,
    weekday: int | None = None,
    start_minute: int | None = None,
    first_date: date | None = None,
    worker_id: int | None = None,
) -> SplitResult:
    """Change this visit and all that follow: the series splits here and the open visits
    move onto the new rule, one for one."""
    require(actor, Perm.ORDER_CREATE)
    visit = session.get(Order, order_id, populate_existing=True)
    if visit is None or visit.series_id is None or visit.series_seq is None:
        raise ValidationError("series.not_a_series_visit", field="order_id")
    require_branch(actor, visit.branch_id)
    old = session.get(OrderSeries, visit.series_id, with_for_update=True, populate_existing=True)
    assert old is not None
    tz = get_branch_timezone(session, old.branch_id)
    k = visit.series_seq
    old_day = local_day(visit.starts_at, tz)
    moving = _open_visits(session, old.id, k)
    remaining = None if old.count is None else old.count - (k - 1)
    rule = Rule(
        old.rule,
        old.weekday if weekday is None else weekday,
        old.week_of_month,
        old.start_minute if start_minute is None else start_minute,
        first_date or old_day,
        remaining,
        old.until_date,
    )
    _check_rule(rule)
    now = clock.now()
    new_id = inserted_id(
        session.connection().execute(
            insert(SERIES),
            {
                "branch_id": old.branch_id,
                "customer_id": old.customer_id,
                "address_id": old.address_id,
                "item_id": old.item_id,
                "units": old.units,
                "rule": rule.rule,
                "weekday": rule.weekday,
                "week_of_month": rule.week_of_month,
                "start_minute": rule.start_minute,
                "first_date": rule.first_date,
                "count": rule.count,
                "until_date": rule.until_date,
                "worker_id": old.worker_id if worker_id is None else worker_id,
                "options_json": old.options_json,
                "customer_note": old.customer_note,
                "status": "active",
                "created_by": actor.id,
                "created_at": now,
            },
        )
    )
    session.execute(
        update(SERIES)
        .where(SERIES.c.id == old.id)
        .values(
            count=None if old.count is None else k - 1,
            until_date=old_day - timedelta(days=1),
            status="split",
        )
    )
    # park the visits on temporary numbers first: (series_id, seq) must stay unique
    for visit_row in moving:
        session.execute(
            update(ORDERS)
            .where(ORDERS.c.id == visit_row.id)
            .values(series_id=new_id, series_seq=-visit_row.id)
        )
    moved: list[int] = []
    released: list[int] = []
    dates = occurrences(rule)
    for seq, visit_row in enumerate(moving, start=1):
        day = next(dates)
        session.execute(update(ORDERS).where(ORDERS.c.id == visit_row.id).values(series_seq=seq))
        starts_at = at_local(day, rule.start_minute, tz)
        if worker_id is not None and visit_row.worker_id not in (None, worker_id):
            booking.release(session, order_id=visit_row.id, actor=actor, reason="换人")
        if starts_at != visit_row.starts_at:
            try:
                with session.begin_nested():
                    orders.reschedule_order(
                        session, order_id=visit_row.id, actor=actor, new_starts_at=starts_at
                    )
            except booking.WorkerNotAvailable:
                orders.reschedule_order(
                    session,
                    order_id=visit_row.id,
                    actor=actor,
                    new_starts_at=starts_at,
                    keep_worker=False,
                )
                released.append(visit_row.id)
        fresh = session.get(Order, visit_row.id, populate_existing=True)
        assert fresh is not None
        if worker_id is not None and fresh.worker_id is None:
            try:
                with session.begin_nested():
                    booking.assign(session, order_id=fresh.id, worker_id=worker_id, actor=actor)
            except booking.WorkerNotAvailable:
                released.append(fresh.id)
        moved.append(visit_row.id)
    audit.record(
        session,
        actor=actor,
        action="series.split",
        entity="series",
        entity_id=old.id,
        after={"new_series_id": new_id, "from_seq": k, "moved": len(moved)},
        branch_id=old.branch_id,
    )
    return SplitResult(new_id, tuple(moved), tuple(sorted(set(released))))


def cancel_series(
    session: Session, *, series_id: int, actor: Actor, reason: str, from_date: date | None = None
) -> int:
    """End a series: its open visits from a date on are cancelled (with the fee rules)."""
    require(actor, Perm.ORDER_CANCEL)
    series = session.get(OrderSeries, series_id, with_for_update=True)
    if series is None:
        raise NotFound("series", series_id)
    require_branch(actor, series.branch_id)
    tz = get_branch_timezone(session, series.branch_id)
    cancelled = 0
    for visit in _open_visits(session, series_id, 1):
        if from_date is not None and local_day(visit.starts_at, tz) < from_date:
            continue
        orders.cancel_order(session, order_id=visit.id, actor=actor, reason=reason)
        cancelled += 1
    session.execute(update(SERIES).where(SERIES.c.id == series_id).values(status="ended"))
    audit.record(
        session,
        actor=actor,
        action="series.cancel",
        entity="series",
        entity_id=series_id,
        after={"cancelled": cancelled, "reason": reason},
        branch_id=series.branch_id,
    )
    return cancelled
