"""Points: earned on completion per yuan paid, spent at booking at the settings' rate,
given back on an unpaid cancel; the balance is a sum and never goes below zero."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import Order, PointsEntry
from jiazheng_desk.services import order_flow, orders, points, pricing, settings
from jiazheng_desk.services.errors import Conflict, ValidationError
from tests.booking_factories import local, make_customer, make_order, make_worker, make_world
from tests.coupon_factories import give_points, pay
from tests.factories import actor, make_staff
from tests.worker_factories import worker_actor

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
DAY = date(2026, 11, 23)


@pytest.fixture
def shop(db):
    clock.freeze(NOW)
    world = make_world(db)
    hq = actor(make_staff(db, role="hq_admin"))
    desk = actor(make_staff(db, role="dispatcher", branch=world.branch))
    customer, address = make_customer(db, world)
    return world, hq, desk, customer, address


def _in_service(db, world, address):
    worker = make_worker(db, world)
    order = make_order(db, world, local(DAY, 10), address=address, worker=worker)
    order.state = "in_service"
    order.starts_at = NOW
    db.flush()
    return order, worker_actor(worker)


def test_points_are_earned_per_whole_yuan_paid_on_completion_once(db, shop):
    world, hq, _desk, customer, address = shop
    order, me = _in_service(db, world, address)
    pay(db, order, 12_345)
    order_flow.finish(db, order_id=order.id, actor=me)
    assert points.get_balance(db, customer.id) == 123
    assert points.earn_for_order(db, actor=me, order_id=order.id) == 0
    settings.set_setting(db, actor=hq, key="points.earn_per_yuan", value=2)
    other, me2 = _in_service(db, world, address)
    pay(db, other, 10_000)
    order_flow.finish(db, order_id=other.id, actor=me2)
    assert points.get_balance(db, customer.id) == 123 + 200
    summary = points.get_points(db, actor=hq, customer_id=customer.id)
    assert summary.balance == 323 and [e.reason for e in summary.entries] == ["earn", "earn"]


def test_nothing_paid_earns_nothing(db, shop):
    world, _hq, _desk, customer, address = shop
    order, me = _in_service(db, world, address)
    order_flow.finish(db, order_id=order.id, actor=me)
    assert points.get_balance(db, customer.id) == 0
    assert db.scalars(select(PointsEntry).where(PointsEntry.order_id == order.id)).all() == []


def _quote(db, world, address, points_used):
    return pricing.quote(
        db,
        branch_id=world.branch.id,
        item_id=world.item.id,
        units=2,
        district_id=world.district.id,
        location=None,
        starts_at=local(DAY, 10),
        customer_id=address.customer_id,
        points_used=points_used,
    )


def test_points_buy_a_discount_at_the_rate_within_the_share(db, shop):
    world, hq, _desk, customer, address = shop
    give_points(db, customer.id, 9000)
    priced = _quote(db, world, address, 800)
    assert (priced.discount_fen, priced.total_fen, priced.points_used) == (800, 9200, 800)
    assert (priced.lines[-1].code, priced.lines[-1].amount_fen) == ("points", -800)
    # at most half of ¥100 by default: 8,000 points buy ¥50 and only 5,000 are taken
    capped = _quote(db, world, address, 8000)
    assert (capped.discount_fen, capped.points_used) == (5000, 5000)
    settings.set_setting(db, actor=hq, key="points.redeem_per_yuan", value=300)
    # 100 points at 300 a yuan are 33.3 fen: 33 fen off, for 99 points
    odd = _quote(db, world, address, 100)
    assert (odd.discount_fen, odd.points_used) == (33, 99)
    with pytest.raises(ValidationError) as too_few:
        _quote(db, world, address, 2)
    assert too_few.value.key == "points.too_few"
    with pytest.raises(ValidationError) as too_many:
        _quote(db, world, address, 9001)
    assert too_many.value.key == "points.not_enough"
    with pytest.raises(ValidationError):
        _quote(db, world, address, -5)


def test_booking_spends_the_points_and_an_unpaid_cancel_gives_them_back(db, shop):
    world, _hq, desk, customer, address = shop
    worker = make_worker(db, world)
    give_points(db, customer.id, 1000)
    booked = orders.book(
        db,
        actor=desk,
        customer_id=customer.id,
        address_id=address.id,
        item_id=world.item.id,
        units=2,
        starts_at=local(DAY, 10),
        worker_id=worker.id,
        points_used=600,
    )
    assert (booked.discount_fen, booked.total_fen) == (600, 9400)
    assert db.get(Order, booked.id).discount_fen == 600
    assert points.get_balance(db, customer.id) == 400
    orders.cancel_order(db, order_id=booked.id, actor=desk, reason="改天")
    assert points.get_balance(db, customer.id) == 1000
    # a second cancel path (nothing left to give back) changes nothing
    assert (
        points.return_for_order(
            db, actor=desk, order_id=booked.id, customer_id=customer.id, branch_id=world.branch.id
        )
        == 0
    )


def test_spending_more_than_the_balance_is_refused(db, shop):
    _world, _hq, desk, customer, _ = shop
    give_points(db, customer.id, 100)
    with pytest.raises(Conflict):
        points.spend_points(db, actor=desk, customer_id=customer.id, points_used=101, order_id=1)
    assert points.get_balance(db, customer.id) == 100


def test_two_bookings_spending_at_once_never_overdraw(mysql_live_db):
    with mysql_live_db.session(write=True) as s:
        world = make_world(s)
        desk = actor(make_staff(s, role="dispatcher", branch=world.branch))
        customer, address = make_customer(s, world)
        give_points(s, customer.id, 1000)
        order_ids = [make_order(s, world, local(DAY, 8 + i), address=address).id for i in range(8)]
        customer_id = customer.id
    barrier = threading.Barrier(8)
    results: list[object] = [None] * 8

    def spend(i: int) -> None:
        barrier.wait()
        try:
            with mysql_live_db.session(write=True) as s:
                points.spend_points(
                    s, actor=desk, customer_id=customer_id, points_used=300, order_id=order_ids[i]
                )
            results[i] = "spent"
        except Conflict as exc:
            results[i] = exc

    threads = [threading.Thread(target=spend, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results.count("spent") == 3
    with mysql_live_db.session() as s:
        assert points.get_balance(s, customer_id) == 100
