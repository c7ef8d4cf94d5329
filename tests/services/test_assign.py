"""assign() and the rules of fit.py: overlaps, travel, leave, shifts, skills, certificates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import AuditLog, Order, OrderEvent
from jiazheng_desk.services import booking
from jiazheng_desk.services.booking import WorkerNotAvailable
from jiazheng_desk.services.errors import Conflict, IllegalTransition, PermissionDenied
from tests.booking_factories import (
    give_certificate,
    give_leave,
    local,
    make_customer,
    make_order,
    make_worker,
    make_world,
)
from tests.factories import actor, make_staff

DAY = date(2026, 11, 23)  # a Monday


@pytest.fixture(autouse=True)
def _now():
    clock.freeze(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))
    set_language("en")


@pytest.fixture
def world(db):
    return make_world(db)


@pytest.fixture
def dispatcher(db, world):
    return actor(make_staff(db, role="dispatcher", branch=world.branch))


def _reason(db, order, worker, who) -> str:
    with pytest.raises(WorkerNotAvailable) as err:
        booking.assign(db, order_id=order.id, worker_id=worker.id, actor=who)
    return err.value.reason


def test_assign_places_the_worker_and_writes_event_and_audit(db, world, dispatcher):
    worker = make_worker(db, world, name="王阿姨")
    order = make_order(db, world, local(DAY, 9))
    result = booking.assign(db, order_id=order.id, worker_id=worker.id, actor=dispatcher)
    assert (result.state, result.worker_name) == ("accepted", "王阿姨")
    db.expire_all()
    saved = db.get(Order, order.id)
    assert saved.worker_id == worker.id and saved.state == "accepted"
    assert saved.assigned_at == datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    event = db.scalars(select(OrderEvent).where(OrderEvent.order_id == order.id)).one()
    assert (event.event, event.from_state, event.to_state) == ("assign", "confirmed", "accepted")
    assert (
        db.scalar(
            select(func.count())
            .select_from(AuditLog)
            .where(AuditLog.action == "order.assign", AuditLog.entity_id == order.id)
        )
        == 1
    )


def test_an_overlap_is_refused_with_the_window_it_clashes_with(db, world, dispatcher):
    worker = make_worker(db, world, name="王阿姨")
    make_order(db, world, local(DAY, 14), worker=worker)
    order = make_order(db, world, local(DAY, 15))
    with pytest.raises(WorkerNotAvailable) as err:
        booking.assign(db, order_id=order.id, worker_id=worker.id, actor=dispatcher)
    assert err.value.reason == "overlap"
    assert str(err.value) == "王阿姨 is already booked for 23 Nov 14:00–16:00."


def test_touching_windows_at_the_same_place_fit(db, world, dispatcher):
    worker = make_worker(db, world)
    _, address = make_customer(db, world)
    make_order(db, world, local(DAY, 9), address=address, worker=worker)
    order = make_order(db, world, local(DAY, 11), address=address)
    booking.assign(db, order_id=order.id, worker_id=worker.id, actor=dispatcher)


def test_touching_windows_elsewhere_need_the_travel_buffer(db, world, dispatcher):
    worker = make_worker(db, world)
    _, near = make_customer(db, world, lat=31.2317, lng=121.4846)
    _, far = make_customer(db, world, lat=31.2595, lng=121.5260)  # about 5 km away
    make_order(db, world, local(DAY, 9), address=near, worker=worker)
    touching = make_order(db, world, local(DAY, 11), address=far)
    assert _reason(db, touching, worker, dispatcher) == "travel"
    # 5 km × 1.4 at 20 km/h is 21 minutes: 11:25 is too early, 11:30 fits
    early = make_order(db, world, local(DAY, 11, 15), address=far)
    assert _reason(db, early, worker, dispatcher) == "travel"
    later = make_order(db, world, local(DAY, 11, 30), address=far)
    booking.assign(db, order_id=later.id, worker_id=worker.id, actor=dispatcher)
    # and the buffer counts before the next order too
    before_next = make_order(db, world, local(DAY, 8, 0), minutes=50, address=far)
    assert _reason(db, before_next, worker, dispatcher) == "travel"


def test_the_minimum_buffer_applies_to_close_places(db, world, dispatcher):
    worker = make_worker(db, world)
    _, a = make_customer(db, world, lat=31.2317, lng=121.4846)
    _, b = make_customer(db, world, lat=31.2327, lng=121.4846)  # 110 m away
    make_order(db, world, local(DAY, 9), address=a, worker=worker)
    assert (
        _reason(db, make_order(db, world, local(DAY, 11, 10), address=b), worker, dispatcher)
        == "travel"
    )
    booking.assign(
        db,
        order_id=make_order(db, world, local(DAY, 11, 15), address=b).id,
        worker_id=worker.id,
        actor=dispatcher,
    )


def test_leave_blocks_the_worker(db, world, dispatcher):
    worker = make_worker(db, world)
    give_leave(db, worker, local(DAY, 0), local(DAY + timedelta(days=1), 0))
    assert _reason(db, make_order(db, world, local(DAY, 10)), worker, dispatcher) == "leave"
    booking.assign(
        db,
        order_id=make_order(db, world, local(DAY + timedelta(days=1), 10)).id,
        worker_id=worker.id,
        actor=dispatcher,
    )


def test_visits_must_lie_inside_a_shift(db, world, dispatcher):
    worker = make_worker(db, world, shifts=((8 * 60, 12 * 60), (14 * 60, 18 * 60)))
    assert _reason(db, make_order(db, world, local(DAY, 11)), worker, dispatcher) == "shift"
    assert _reason(db, make_order(db, world, local(DAY, 7)), worker, dispatcher) == "shift"
    booking.assign(
        db, order_id=make_order(db, world, local(DAY, 14)).id, worker_id=worker.id, actor=dispatcher
    )


def test_a_placement_blocks_the_whole_period_and_ignores_shifts(db, world, dispatcher):
    nanny = make_worker(db, world, shifts=((9 * 60, 10 * 60),))
    placement = make_order(db, world, local(DAY, 8), minutes=30 * 1440, item=world.placement_item)
    booking.assign(db, order_id=placement.id, worker_id=nanny.id, actor=dispatcher)
    visit = make_order(db, world, local(DAY + timedelta(days=12), 9), minutes=60)
    assert _reason(db, visit, nanny, dispatcher) == "overlap"


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"level": 1}, "level"),
        ({"status": "suspended"}, "status"),
        ({"skills": ()}, "skill"),
    ],
)
def test_qualifications(db, world, dispatcher, kwargs, reason):
    if kwargs.get("skills") == ():
        kwargs = {"skills": (world.cert_skill,)}
    worker = make_worker(db, world, **kwargs)
    assert _reason(db, make_order(db, world, local(DAY, 10)), worker, dispatcher) == reason


def test_district_not_served(db, world, dispatcher):
    worker = make_worker(db, world, districts=(world.other_district,))
    assert _reason(db, make_order(db, world, local(DAY, 10)), worker, dispatcher) == "district"


def test_a_certificate_expiring_tomorrow_allows_today_but_not_tomorrow(db, world, dispatcher):
    yuesao = make_worker(db, world, skills=(world.cert_skill,))
    give_certificate(db, yuesao, "母婴护理证", expires_on=DAY + timedelta(days=1))
    today = make_order(db, world, local(DAY, 9), minutes=60, item=world.cert_item, kind="visit")
    tomorrow = make_order(
        db, world, local(DAY + timedelta(days=1), 9), minutes=60, item=world.cert_item, kind="visit"
    )
    assert _reason(db, tomorrow, yuesao, dispatcher) == "certificate"
    # a placement must be covered on every day it lasts
    long = make_order(
        db, world, local(DAY - timedelta(days=1), 8), minutes=2 * 1440, item=world.cert_item
    )
    assert _reason(db, long, yuesao, dispatcher) == "certificate"
    unverified = make_worker(db, world, skills=(world.cert_skill,))
    give_certificate(
        db, unverified, "母婴护理证", expires_on=DAY + timedelta(days=300), status="submitted"
    )
    assert _reason(db, today, unverified, dispatcher) == "certificate"
    # today's visit does not fit the shift rule for placements: it is a visit of a day item
    booking.assign(db, order_id=today.id, worker_id=yuesao.id, actor=dispatcher)


def test_cancelled_orders_free_their_time(db, world, dispatcher):
    worker = make_worker(db, world)
    old = make_order(db, world, local(DAY, 10), worker=worker)
    old.state = "cancelled"
    db.flush()
    booking.assign(
        db, order_id=make_order(db, world, local(DAY, 10)).id, worker_id=worker.id, actor=dispatcher
    )


def test_assigned_and_ended_orders_are_refused(db, world, dispatcher):
    worker = make_worker(db, world)
    taken = make_order(db, world, local(DAY, 10), worker=make_worker(db, world))
    with pytest.raises(Conflict):
        booking.assign(db, order_id=taken.id, worker_id=worker.id, actor=dispatcher)
    gone = make_order(db, world, local(DAY, 12), state="cancelled")
    with pytest.raises(IllegalTransition) as err:
        booking.assign(db, order_id=gone.id, worker_id=worker.id, actor=dispatcher)
    assert "cancelled" in str(err.value)


def test_only_dispatchers_of_the_branch_assign(db, world):
    worker = make_worker(db, world)
    order = make_order(db, world, local(DAY, 10))
    finance = actor(make_staff(db, role="finance", branch=world.branch))
    with pytest.raises(PermissionDenied):
        booking.assign(db, order_id=order.id, worker_id=worker.id, actor=finance)
    stranger = actor(make_staff(db, role="dispatcher"))  # another branch
    with pytest.raises(PermissionDenied):
        booking.assign(db, order_id=order.id, worker_id=worker.id, actor=stranger)


def test_an_offer_holds_the_time_and_records_the_offer(db, world, dispatcher):
    from jiazheng_desk.models import DispatchOffer, Notification

    worker = make_worker(db, world)
    order = make_order(db, world, local(DAY, 10))
    result = booking.assign(
        db, order_id=order.id, worker_id=worker.id, actor=dispatcher, offer=True
    )
    assert result.state == "offered" and result.offer_id
    offer = db.get(DispatchOffer, result.offer_id)
    assert offer.expires_at == clock.now() + timedelta(minutes=10)
    assert (
        db.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.recipient_id == worker.id)
        )
        == 1
    )
    clash = make_order(db, world, local(DAY, 10, 30))
    assert _reason(db, clash, worker, dispatcher) == "overlap"
