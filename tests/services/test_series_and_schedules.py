"""Recurring series (and their edits), shifts, leave and the worker calendar."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import Order
from jiazheng_desk.services import booking, orders, schedules, series
from jiazheng_desk.services.errors import Conflict, ValidationError
from jiazheng_desk.services.series import Rule, occurrences
from tests.booking_factories import local, make_customer, make_order, make_worker, make_world
from tests.factories import actor, make_staff

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
MONDAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _now():
    clock.freeze(NOW)
    set_language("en")


@pytest.fixture
def world(db):
    return make_world(db)


@pytest.fixture
def dispatcher(db, world):
    return actor(make_staff(db, role="dispatcher", branch=world.branch))


def test_occurrence_rules():
    weekly = Rule("weekly", 2, None, 540, date(2026, 11, 20), 3, None)
    assert list(occurrences(weekly)) == [date(2026, 11, 25), date(2026, 12, 2), date(2026, 12, 9)]
    biweekly = Rule("biweekly", 0, None, 540, MONDAY, None, date(2026, 12, 31))
    assert list(occurrences(biweekly)) == [MONDAY + timedelta(days=14 * i) for i in range(3)]
    second_tuesday = Rule("monthly_weekday", 1, 2, 540, date(2026, 11, 1), 3, None)
    assert list(occurrences(second_tuesday)) == [
        date(2026, 11, 10),
        date(2026, 12, 8),
        date(2027, 1, 12),
    ]
    last_friday = Rule("monthly_weekday", 4, -1, 540, date(2026, 11, 28), 2, None)
    assert list(occurrences(last_friday)) == [date(2026, 12, 25), date(2027, 1, 29)]


@given(
    weekday=st.integers(0, 6),
    count=st.integers(1, 30),
    start=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
)
@settings(max_examples=60, deadline=None)
def test_weekly_rules_give_count_dates_on_the_weekday(weekday, count, start):
    days = list(occurrences(Rule("weekly", weekday, None, 600, start, count, None)))
    assert len(days) == count and all(d.weekday() == weekday and d >= start for d in days)
    assert all(b - a == timedelta(days=7) for a, b in itertools.pairwise(days))


def _series(db, world, who, worker=None, count=6, weekday=0, start=540):
    _, address = make_customer(db, world)
    return series.create_series(
        db,
        actor=who,
        customer_id=address.customer_id,
        address_id=address.id,
        item_id=world.item.id,
        units=2,
        rule=Rule("weekly", weekday, None, start, MONDAY, count, None),
        worker_id=worker.id if worker else None,
    )


def _visits(db, series_ids):
    return db.execute(
        select(Order.series_id, Order.series_seq, Order.starts_at, Order.worker_id, Order.state)
        .where(Order.series_id.in_(series_ids))
        .order_by(Order.starts_at)
    ).all()


def test_a_series_books_its_visits_with_its_worker(db, world, dispatcher):
    worker = make_worker(db, world)
    make_order(db, world, local(MONDAY + timedelta(days=7), 9), worker=worker)  # week 2 taken
    result = _series(db, world, dispatcher, worker)
    assert len(result.order_ids) == 6
    assert [d for d, _ in result.unassigned] == [MONDAY + timedelta(days=7)]
    visits = _visits(db, [result.series_id])
    assert [v.series_seq for v in visits] == [1, 2, 3, 4, 5, 6]
    assert [v.worker_id is None for v in visits] == [False, True, False, False, False, False]


def test_this_one_moves_one_visit_and_keeps_the_count(db, world, dispatcher):
    worker = make_worker(db, world)
    result = _series(db, world, dispatcher, worker)
    third = result.order_ids[2]
    orders.reschedule_order(
        db, order_id=third, actor=dispatcher, new_starts_at=local(MONDAY + timedelta(days=15), 14)
    )
    visits = _visits(db, [result.series_id])
    assert len(visits) == 6 and sorted(v.series_seq for v in visits) == [1, 2, 3, 4, 5, 6]
    assert sum(v.starts_at == local(MONDAY + timedelta(days=15), 14) for v in visits) == 1


def test_this_and_following_moves_the_rest_without_duplicates(db, world, dispatcher):
    worker = make_worker(db, world)
    result = _series(db, world, dispatcher, worker, count=6)
    fourth = result.order_ids[3]
    split = series.edit_following(
        db,
        order_id=fourth,
        actor=dispatcher,
        weekday=2,
        start_minute=14 * 60,
        first_date=MONDAY + timedelta(days=23),
    )
    assert len(split.moved) == 3 and split.released == ()
    old = _visits(db, [result.series_id])
    new = _visits(db, [split.new_series_id])
    assert len(old) == 3 and len(new) == 3  # six visits, never seven, never five
    assert [v.series_seq for v in new] == [1, 2, 3]
    assert all(v.starts_at.astimezone().weekday() in (1, 2) for v in new)
    assert {v.starts_at for v in new} == {
        local(MONDAY + timedelta(days=23 + 7 * i), 14) for i in range(3)
    }
    assert all(v.worker_id == worker.id for v in new)
    # doing it again on the new series still keeps the total
    second_new = db.scalar(
        select(Order.id).where(Order.series_id == split.new_series_id, Order.series_seq == 2)
    )
    series.edit_following(db, order_id=second_new, actor=dispatcher, start_minute=16 * 60)
    total = db.scalar(
        select(func.count())
        .select_from(Order)
        .where(Order.customer_id == db.get(Order, fourth).customer_id, Order.state != "cancelled")
    )
    assert total == 6


def test_following_with_a_new_worker_releases_those_who_do_not_fit(db, world, dispatcher):
    first = make_worker(db, world)
    second = make_worker(db, world)
    result = _series(db, world, dispatcher, first, count=4)
    make_order(db, world, local(MONDAY + timedelta(days=21), 9), worker=second)
    split = series.edit_following(
        db, order_id=result.order_ids[1], actor=dispatcher, worker_id=second.id
    )
    new = _visits(db, [split.new_series_id])
    assert [v.worker_id for v in new] == [second.id, second.id, None]
    assert len(split.released) == 1


def test_cancel_series_from_a_date(db, world, dispatcher):
    make_worker(db, world)  # someone works then; the visits wait unassigned
    result = _series(db, world, dispatcher, count=5)
    n = series.cancel_series(
        db,
        series_id=result.series_id,
        actor=dispatcher,
        reason="搬家",
        from_date=MONDAY + timedelta(days=14),
    )
    assert n == 3
    states = [v.state for v in _visits(db, [result.series_id])]
    assert states == ["confirmed", "confirmed", "cancelled", "cancelled", "cancelled"]


def test_series_need_an_end_and_a_valid_rule(db, world, dispatcher):
    _, address = make_customer(db, world)
    with pytest.raises(ValidationError) as err:
        series.create_series(
            db,
            actor=dispatcher,
            customer_id=address.customer_id,
            address_id=address.id,
            item_id=world.item.id,
            units=2,
            rule=Rule("weekly", 0, None, 540, MONDAY, None, None),
        )
    assert err.value.field == "count"


# --- shifts, leave, calendar ---------------------------------------------------------


def test_shifts_are_replaced_and_checked(db, world, dispatcher):
    worker = make_worker(db, world)
    new = [schedules.Shift(0, 8 * 60, 12 * 60), schedules.Shift(0, 13 * 60, 17 * 60)]
    assert schedules.set_shifts(db, worker_id=worker.id, actor=dispatcher, shifts=new) == new
    with pytest.raises(ValidationError):
        schedules.set_shifts(
            db,
            worker_id=worker.id,
            actor=dispatcher,
            shifts=[schedules.Shift(0, 9 * 60, 12 * 60), schedules.Shift(0, 11 * 60, 13 * 60)],
        )
    order = make_order(db, world, local(MONDAY, 12, 15), minutes=30)
    with pytest.raises(booking.WorkerNotAvailable):
        booking.assign(db, order_id=order.id, worker_id=worker.id, actor=dispatcher)


def test_leave_is_refused_over_bookings_and_then_blocks(db, world, dispatcher):
    worker = make_worker(db, world)
    make_order(db, world, local(MONDAY, 9), worker=worker)
    with pytest.raises(Conflict) as err:
        schedules.add_leave(
            db,
            worker_id=worker.id,
            actor=dispatcher,
            starts_at=local(MONDAY, 0),
            ends_at=local(MONDAY, 23),
        )
    assert "09:00–11:00" in str(err.value)
    schedules.add_leave(
        db,
        worker_id=worker.id,
        actor=dispatcher,
        starts_at=local(MONDAY + timedelta(days=1), 0),
        ends_at=local(MONDAY + timedelta(days=2), 0),
        reason="体检",
    )
    order = make_order(db, world, local(MONDAY + timedelta(days=1), 10))
    with pytest.raises(booking.WorkerNotAvailable) as err:
        booking.assign(db, order_id=order.id, worker_id=worker.id, actor=dispatcher)
    assert err.value.reason == "leave"
    calendar = schedules.get_worker_calendar(
        db, worker_id=worker.id, actor=dispatcher, first_day=MONDAY, days=7
    )
    assert [e.kind for e in calendar.entries] == ["visit", "leave"]
