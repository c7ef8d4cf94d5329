"""Candidates, free slots, offers with their cascade, and the grab pool."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import DispatchOffer, Favorite, Order
from jiazheng_desk.services import booking, dispatch, offers, settings
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict
from tests.booking_factories import (
    give_leave,
    local,
    make_customer,
    make_order,
    make_worker,
    make_world,
)
from tests.factories import actor, make_staff

DAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


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


def _worker_actor(worker) -> Actor:
    return Actor(kind="worker", id=worker.id, name=worker.name, source="api")


def test_candidates_are_the_qualified_free_ones_ranked_with_reasons(db, world, dispatcher):
    customer, address = make_customer(db, world)
    make_worker(db, world, name="近", home=(31.2320, 121.4850))
    far = make_worker(db, world, name="远", home=(31.30, 121.60))
    senior = make_worker(db, world, name="资深", level=5, home=(31.25, 121.50))
    make_worker(db, world, name="没技能", skills=(world.cert_skill,))
    busy = make_worker(db, world, name="忙")
    make_order(db, world, local(DAY, 9, 30), worker=busy)
    away = make_worker(db, world, name="请假")
    give_leave(db, away, local(DAY, 0), local(DAY, 23))
    order = make_order(db, world, local(DAY, 10), address=address)
    found = dispatch.candidates(db, order_id=order.id, actor=dispatcher)
    names = [c.name for c in found]
    assert set(names) == {"近", "远", "资深"}
    assert names.index("资深") < names.index("远")  # level outweighs a few kilometres
    assert names.index("近") < names.index("远")
    first = next(c for c in found if c.name == "近")
    codes = [r.code for r in first.reasons]
    assert codes[:2] == ["level", "distance"] and "load" in codes
    # the customer's favourite worker comes first
    db.add(Favorite(customer_id=customer.id, kind="worker", target_id=far.id))
    db.flush()
    found = dispatch.candidates(db, order_id=order.id, actor=dispatcher)
    assert found[0].worker_id == far.id and found[0].favorite
    assert senior.id in [c.worker_id for c in found]


def test_candidates_respect_travel_and_count_the_day(db, world, dispatcher):
    _, here = make_customer(db, world, lat=31.2317, lng=121.4846)
    _, there = make_customer(db, world, lat=31.2595, lng=121.5260)
    tight = make_worker(db, world, name="紧")
    make_order(db, world, local(DAY, 8), address=there, worker=tight)
    loose = make_worker(db, world, name="松")
    make_order(db, world, local(DAY, 14), address=here, worker=loose)
    order = make_order(db, world, local(DAY, 10), address=here)
    found = {c.name: c for c in dispatch.candidates(db, order_id=order.id, actor=dispatcher)}
    assert "紧" not in found  # 10:00 is too soon after 08:00–10:00 five kilometres away
    assert found["松"].orders_that_day == 1


def test_free_slots_count_the_free_workers(db, world, dispatcher):
    a = make_worker(db, world, shifts=((8 * 60, 12 * 60),))
    make_worker(db, world, shifts=((8 * 60, 12 * 60),))
    make_order(db, world, local(DAY, 8), worker=a)
    _, address = make_customer(db, world)
    query = dispatch.slot_query_for(db, address_id=address.id, item_id=world.item.id, minutes=120)
    slots = dispatch.free_slots(db, query=query, first_day=DAY, days=2)
    by_start = {(s.day, s.starts_at): s.free_workers for s in slots}
    assert by_start[(DAY, local(DAY, 8))] == 1
    assert by_start[(DAY, local(DAY, 10))] == 2  # same place: no travel after 08–10
    assert by_start[(DAY + timedelta(days=1), local(DAY + timedelta(days=1), 8))] == 2
    assert by_start[(DAY, local(DAY, 8, 30))] == 1  # the default step: half hours
    assert not any(s.starts_at == local(DAY, 10, 30) for s in slots)  # ends after shift


def test_free_slots_follow_the_branch_step(db, world, dispatcher):
    make_worker(db, world, shifts=((8 * 60, 12 * 60),))
    _, address = make_customer(db, world)
    boss = actor(make_staff(db, role="hq_admin"))
    settings.set_setting(
        db, actor=boss, key="booking.slot_step_minutes", value=60, branch_id=world.branch.id
    )
    query = dispatch.slot_query_for(db, address_id=address.id, item_id=world.item.id, minutes=120)
    starts = [s.starts_at for s in dispatch.free_slots(db, query=query, first_day=DAY, days=1)]
    assert starts == [local(DAY, 8), local(DAY, 9), local(DAY, 10)]


def test_free_slots_start_no_sooner_than_the_lead_time(db, world, dispatcher):
    make_worker(db, world, shifts=((0, 24 * 60),))
    _, address = make_customer(db, world)
    query = dispatch.slot_query_for(db, address_id=address.id, item_id=world.item.id, minutes=120)
    slots = dispatch.free_slots(db, query=query, days=1)
    assert slots and min(s.starts_at for s in slots) >= NOW + timedelta(hours=1)


def test_reject_cascades_to_the_next_candidate(db, world, dispatcher):
    first = make_worker(db, world, name="一", level=5)
    second = make_worker(db, world, name="二", level=4)
    order = make_order(db, world, local(DAY, 10))
    offer_id = offers.offer(db, order_id=order.id, worker_id=first.id, actor=dispatcher)
    outcome = offers.reject_offer(db, offer_id=offer_id, actor=_worker_actor(first), reason="太远")
    assert outcome.next_worker_id == second.id and outcome.state == "offered"
    db.expire_all()
    assert db.get(Order, order.id).worker_id == second.id
    assert db.get(Order, order.id).rejections == 1
    states = db.execute(
        select(DispatchOffer.worker_id, DispatchOffer.state)
        .where(DispatchOffer.order_id == order.id)
        .order_by(DispatchOffer.id)
    ).all()
    assert states == [(first.id, "rejected"), (second.id, "offered")]


def test_timeouts_cascade_by_time_travel_and_n_rejections_park_the_order(db, world, dispatcher):
    hq = actor(make_staff(db, role="hq_admin"))
    settings.set_setting(db, actor=hq, key="dispatch.max_rejections", value=2)
    crew = [make_worker(db, world, level=5 - i) for i in range(3)]
    order = make_order(db, world, local(DAY, 10))
    offers.offer(db, order_id=order.id, worker_id=crew[0].id, actor=dispatcher)
    clock.advance(timedelta(minutes=9))
    assert offers.expire_offers(db) == 0
    clock.advance(timedelta(minutes=2))
    assert offers.expire_offers(db) == 1
    db.expire_all()
    assert db.get(Order, order.id).worker_id == crew[1].id
    clock.advance(timedelta(minutes=11))
    assert offers.expire_offers(db) == 1
    db.expire_all()
    parked = db.get(Order, order.id)
    assert (parked.worker_id, parked.state, parked.exception_reason) == (
        None,
        "confirmed",
        "rejected",
    )


def test_accept_and_answers_after_the_end_are_refused(db, world, dispatcher):
    worker = make_worker(db, world)
    order = make_order(db, world, local(DAY, 10))
    offer_id = offers.offer(db, order_id=order.id, worker_id=worker.id, actor=dispatcher)
    assert offers.accept_offer(db, offer_id=offer_id, actor=_worker_actor(worker)) == "accepted"
    with pytest.raises(Conflict):
        offers.reject_offer(db, offer_id=offer_id, actor=_worker_actor(worker), reason="no")
    other = make_worker(db, world)
    later = make_order(db, world, local(DAY, 14))
    late_offer = offers.offer(db, order_id=later.id, worker_id=other.id, actor=dispatcher)
    clock.advance(timedelta(minutes=11))
    with pytest.raises(Conflict):
        offers.accept_offer(db, offer_id=late_offer, actor=_worker_actor(other))


def test_no_candidate_puts_the_order_in_the_exceptions_queue(db, world, dispatcher):
    order = make_order(db, world, local(DAY, 10))
    result = dispatch.auto_dispatch(db, order_id=order.id, actor=dispatcher)
    assert result.worker_id is None
    db.expire_all()
    assert db.get(Order, order.id).exception_reason == "no_worker"


def test_grab_pool_lists_only_what_a_worker_may_take(db, world, dispatcher):
    able = make_worker(db, world)
    unable = make_worker(db, world, districts=(world.other_district,))
    order = make_order(db, world, local(DAY, 10))
    offers.open_pool(db, order_id=order.id, actor=dispatcher)
    assert offers.list_pool(db, actor=_worker_actor(able)) == [order.id]
    assert offers.list_pool(db, actor=_worker_actor(unable)) == []
    offers.grab(db, order_id=order.id, actor=_worker_actor(able))
    assert offers.list_pool(db, actor=_worker_actor(able)) == []


def test_twenty_workers_grab_one_order_exactly_one_wins(live_db):
    with live_db.session(write=True) as s:
        world = make_world(s)
        who = actor(make_staff(s, role="dispatcher", branch=world.branch))
        crew = [make_worker(s, world) for _ in range(20)]
        order_id = make_order(s, world, local(DAY, 10)).id
        offers.open_pool(s, order_id=order_id, actor=who)
        grabbers = [_worker_actor(w) for w in crew]
    start = threading.Barrier(20, timeout=20)
    results: list[str] = []
    lock = threading.Lock()

    def grab(me: Actor) -> None:
        start.wait()
        try:
            with live_db.session(write=True) as s:
                offers.grab(s, order_id=order_id, actor=me)
            outcome = "won"
        except Conflict as exc:
            outcome = exc.key
        except Exception as exc:  # reported below
            outcome = f"error {exc!r}"
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=grab, args=(g,)) for g in grabbers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results.count("won") == 1
    assert results.count("pool.taken") == 19, results
    with live_db.session() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(Order)
                .where(Order.id == order_id, Order.worker_id.is_not(None))
            )
            == 1
        )


def test_a_dispatcher_can_withdraw_an_offer_without_cascading(db, world, dispatcher):
    worker = make_worker(db, world)
    make_worker(db, world)
    order = make_order(db, world, local(DAY, 10))
    offer_id = offers.offer(db, order_id=order.id, worker_id=worker.id, actor=dispatcher)
    assert offers.withdraw_offer(db, offer_id=offer_id, actor=dispatcher) == "confirmed"
    db.expire_all()
    assert db.get(Order, order.id).worker_id is None


def test_reassign_moves_an_offer_or_an_accepted_order_to_another_worker(db, world, dispatcher):
    first, second = make_worker(db, world), make_worker(db, world)
    offered = make_order(db, world, local(DAY, 10))
    offer_id = offers.offer(db, order_id=offered.id, worker_id=first.id, actor=dispatcher)
    result = offers.reassign(db, order_id=offered.id, worker_id=second.id, actor=dispatcher)
    assert result.worker_id == second.id
    assert db.get(DispatchOffer, offer_id).state == "withdrawn"
    accepted = make_order(db, world, local(DAY, 14))
    booking.assign(db, order_id=accepted.id, worker_id=first.id, actor=dispatcher)
    offers.reassign(db, order_id=accepted.id, worker_id=second.id, actor=dispatcher)
    db.expire_all()
    assert db.get(Order, accepted.id).worker_id == second.id


def test_a_refused_reassign_leaves_the_order_with_its_worker(db, world, dispatcher):
    first = make_worker(db, world)
    busy = make_worker(db, world)
    booking.assign(
        db, order_id=make_order(db, world, local(DAY, 10)).id, worker_id=busy.id, actor=dispatcher
    )
    order = make_order(db, world, local(DAY, 10))
    booking.assign(db, order_id=order.id, worker_id=first.id, actor=dispatcher)
    db.commit()
    with pytest.raises(booking.WorkerNotAvailable):
        offers.reassign(db, order_id=order.id, worker_id=busy.id, actor=dispatcher)
    db.rollback()
    assert db.get(Order, order.id).worker_id == first.id
