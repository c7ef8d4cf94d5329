"""A worker's change request, and replacing the worker of a series or placement."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import Order
from jiazheng_desk.services import booking, changes, series
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, NotFound
from tests.booking_factories import local, make_customer, make_order, make_worker, make_world
from tests.factories import actor, make_staff

MONDAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _now():
    clock.freeze(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))
    set_language("en")


def _as_worker(w) -> Actor:
    return Actor(kind="worker", id=w.id, name=w.name, source="api")


def test_worker_change_needs_staff_then_the_customer(db):
    world = make_world(db)
    who = actor(make_staff(db, role="dispatcher", branch=world.branch))
    worker = make_worker(db, world)
    customer, address = make_customer(db, world)
    order = make_order(db, world, local(MONDAY, 9), address=address)
    booking.assign(db, order_id=order.id, worker_id=worker.id, actor=who)
    request = changes.request_change(
        db,
        order_id=order.id,
        actor=_as_worker(worker),
        new_starts_at=local(MONDAY, 14),
        reason="孩子生病",
    )
    with pytest.raises(Conflict):
        changes.customer_decide_change(
            db,
            request_id=request.id,
            accept=True,
            actor=Actor("customer", customer.id, "c", source="api"),
        )
    changes.staff_decide_change(db, request_id=request.id, actor=who, approve=True)
    me = Actor("customer", customer.id, "客户", source="api")
    done = changes.customer_decide_change(db, request_id=request.id, actor=me, accept=True)
    assert done.state == "accepted"
    db.expire_all()
    moved = db.get(Order, order.id)
    assert moved.starts_at == local(MONDAY, 14) and moved.worker_id == worker.id
    with pytest.raises(NotFound):
        changes.request_change(
            db,
            order_id=order.id,
            actor=_as_worker(make_worker(db, world)),
            new_starts_at=local(MONDAY, 16),
            reason="x",
        )


def test_replace_the_worker_of_a_series_from_a_date(db):
    world = make_world(db)
    who = actor(make_staff(db, role="dispatcher", branch=world.branch))
    first, second = make_worker(db, world), make_worker(db, world)
    _, address = make_customer(db, world)
    result = series.create_series(
        db,
        actor=who,
        customer_id=address.customer_id,
        address_id=address.id,
        item_id=world.item.id,
        units=2,
        rule=series.Rule("weekly", 0, None, 9 * 60, MONDAY, 4, None),
        worker_id=first.id,
    )
    moved = changes.replace_series_worker(
        db,
        series_id=result.series_id,
        from_date=MONDAY + timedelta(days=14),
        worker_id=second.id,
        actor=who,
        reason="辞职",
    )
    assert len(moved) == 2
    workers = db.scalars(
        select(Order.worker_id)
        .where(Order.series_id == result.series_id)
        .order_by(Order.series_seq)
    ).all()
    assert workers == [first.id, first.id, second.id, second.id]


def test_replace_is_all_or_nothing(db):
    world = make_world(db)
    who = actor(make_staff(db, role="dispatcher", branch=world.branch))
    first, second = make_worker(db, world), make_worker(db, world)
    _, address = make_customer(db, world)
    result = series.create_series(
        db,
        actor=who,
        customer_id=address.customer_id,
        address_id=address.id,
        item_id=world.item.id,
        units=2,
        rule=series.Rule("weekly", 0, None, 9 * 60, MONDAY, 3, None),
        worker_id=first.id,
    )
    make_order(db, world, local(MONDAY + timedelta(days=14), 9), worker=second)
    with pytest.raises(booking.WorkerNotAvailable):
        changes.replace_series_worker(
            db,
            series_id=result.series_id,
            from_date=MONDAY,
            worker_id=second.id,
            actor=who,
            reason="换人",
        )
    workers = db.scalars(select(Order.worker_id).where(Order.series_id == result.series_id)).all()
    assert set(workers) == {first.id}


def test_split_a_placement_between_two_workers(db):
    world = make_world(db)
    who = actor(make_staff(db, role="dispatcher", branch=world.branch))
    first, second = make_worker(db, world), make_worker(db, world)
    _, address = make_customer(db, world)
    placement = make_order(
        db, world, local(MONDAY, 8), minutes=26 * 1440, item=world.placement_item, address=address
    )
    booking.assign(db, order_id=placement.id, worker_id=first.id, actor=who)
    new_id = changes.replace_placement_worker(
        db,
        order_id=placement.id,
        from_date=MONDAY + timedelta(days=10),
        worker_id=second.id,
        actor=who,
        reason="请假",
    )
    db.expire_all()
    old, new = db.get(Order, placement.id), db.get(Order, new_id)
    assert old.ends_at == new.starts_at == local(MONDAY + timedelta(days=10), 8)
    assert (old.units, new.units) == (10, 16)
    assert new.ends_at == local(MONDAY + timedelta(days=26), 8)
    assert (old.worker_id, new.worker_id) == (first.id, second.id)
    assert old.total_fen == 10 * 30000 and new.total_fen >= 16 * 30000
