"""Booking, cancelling with fees, moving, and reading orders back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import Customer, DispatchOffer, Order
from jiazheng_desk.services import orders, settings
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.booking import WorkerNotAvailable
from jiazheng_desk.services.errors import (
    Conflict,
    IllegalTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from tests.booking_factories import local, make_customer, make_order, make_worker, make_world
from tests.factories import actor, make_branch, make_staff

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


def _book(db, world, who, address, **kw):
    args = {
        "customer_id": address.customer_id,
        "address_id": address.id,
        "item_id": world.item.id,
        "units": 2,
        "starts_at": local(DAY, 9),
    }
    args.update(kw)
    return orders.book(db, actor=who, **args)


def test_a_phone_booking_is_priced_written_and_can_get_its_worker(db, world, dispatcher):
    worker = make_worker(db, world, name="李阿姨")
    customer, address = make_customer(db, world)
    detail = _book(db, world, dispatcher, address, worker_id=worker.id)
    assert detail.order_no.startswith("JZ261120") and len(detail.order_no) == 16
    assert (detail.state, detail.worker_name) == ("accepted", "李阿姨")
    assert detail.ends_at - detail.starts_at == timedelta(hours=2)
    assert detail.base_fen == 2 * 5000 and detail.total_fen >= 10000
    assert detail.service_day == DAY and detail.address_text == address.address_text
    assert [e.event for e in detail.events] == ["create", "assign"]
    db.expire_all()
    assert db.get(Customer, customer.id).last_order_at == NOW


def test_without_a_worker_the_order_waits_and_auto_takes_the_best(db, world, dispatcher):
    near = make_worker(db, world, name="近", home=(31.2320, 121.4850))
    make_worker(db, world, name="远", home=(31.30, 121.60))
    _, address = make_customer(db, world)
    waiting = _book(db, world, dispatcher, address)
    assert (waiting.state, waiting.worker_id) == ("confirmed", None)
    auto = _book(db, world, dispatcher, address, starts_at=local(DAY, 14), auto=True)
    assert auto.worker_id == near.id


def test_a_refused_worker_leaves_nothing_half_written(db, world, dispatcher):
    worker = make_worker(db, world)
    make_order(db, world, local(DAY, 9), worker=worker)
    _, address = make_customer(db, world)
    before = db.scalar(select(Order.id).order_by(Order.id.desc()).limit(1))
    with pytest.raises(WorkerNotAvailable) as err, db.begin_nested():
        _book(db, world, dispatcher, address, worker_id=worker.id)
    assert "already booked for 23 Nov 09:00–11:00" in str(err.value)
    assert db.scalar(select(Order.id).order_by(Order.id.desc()).limit(1)) == before


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"units": 0}, "units"),
        ({"starts_at": NOW - timedelta(hours=1)}, "starts_at"),
        ({"starts_at": NOW + timedelta(minutes=30)}, "starts_at"),
        ({"starts_at": NOW + timedelta(days=200)}, "starts_at"),
        ({"starts_at": local(DAY, 4)}, "starts_at"),  # nobody works at 04:00
    ],
)
def test_nonsense_is_refused_with_a_reason(db, world, dispatcher, kw, field):
    make_worker(db, world)
    _, address = make_customer(db, world)
    with pytest.raises(ValidationError) as err:
        _book(db, world, dispatcher, address, **kw)
    assert err.value.field == field and str(err.value)


def test_an_address_of_another_branch_or_customer_is_refused(db, world, dispatcher):
    other = make_world(db)
    _, far = make_customer(db, other)
    with pytest.raises(ValidationError) as err:
        _book(db, world, dispatcher, far)
    assert err.value.field == "address_id" and "黄浦区" in str(err.value)
    customer, _ = make_customer(db, world)
    _, someone_elses = make_customer(db, world)
    with pytest.raises(ValidationError):
        _book(db, world, dispatcher, someone_elses, customer_id=customer.id)


def test_a_frozen_customer_cannot_book(db, world, dispatcher):
    make_worker(db, world)
    customer, address = make_customer(db, world)
    customer.status = "frozen"
    db.flush()
    from jiazheng_desk.services.errors import DomainError

    with pytest.raises(DomainError) as err:
        _book(db, world, dispatcher, address)
    assert "frozen" in str(err.value).lower()


def test_a_placement_spans_its_days_with_days_off(db, world, dispatcher):
    nanny = make_worker(db, world, name="住家阿姨")
    _, address = make_customer(db, world)
    detail = _book(
        db,
        world,
        dispatcher,
        address,
        item_id=world.placement_item.id,
        units=30,
        starts_at=local(DAY, 8),
        worker_id=nanny.id,
        days_off=[DAY + timedelta(days=6), DAY + timedelta(days=13)],
    )
    assert detail.kind == "placement" and detail.ends_at - detail.starts_at == timedelta(days=30)
    assert detail.days_off == (DAY + timedelta(days=6), DAY + timedelta(days=13))
    with pytest.raises(ValidationError):
        _book(
            db,
            world,
            dispatcher,
            address,
            item_id=world.placement_item.id,
            units=3,
            starts_at=local(DAY + timedelta(days=40), 8),
            days_off=[DAY],
        )


# --- cancelling ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours_before", "state", "rule", "fee"),
    [
        (48, "confirmed", "free", 0),
        (24.5, "accepted", "free", 0),
        (23, "accepted", "late", 2000),  # 20 % of 10,000 fen
        (1, "confirmed", "late", 2000),
        (1, "on_the_way", "on_the_way", 5000),
    ],
)
def test_each_fee_window(db, world, dispatcher, hours_before, state, rule, fee):
    order = make_order(db, world, NOW + timedelta(hours=hours_before), state=state)
    order.total_fen = 10000
    if state != "confirmed":
        order.worker_id = make_worker(db, world).id
    order.state = state
    db.flush()
    quote = orders.cancellation_fee(db, order_id=order.id, actor=dispatcher)
    assert (quote.rule, quote.fee_fen) == (rule, fee)
    detail = orders.cancel_order(
        db, order_id=order.id, actor=dispatcher, reason="客户有事", expected_fee_fen=fee
    )
    assert (detail.state, detail.cancel_fee_fen, detail.cancel_reason) == (
        "cancelled",
        fee,
        "客户有事",
    )


def test_fee_settings_are_honoured_and_a_changed_fee_is_caught(db, world, dispatcher):
    hq = actor(make_staff(db, role="hq_admin"))
    settings.set_setting(db, actor=hq, key="cancel.late_fee_bp", value=3000)
    order = make_order(db, world, NOW + timedelta(hours=5))
    order.total_fen = 10000
    db.flush()
    with pytest.raises(Conflict):
        orders.cancel_order(
            db, order_id=order.id, actor=dispatcher, reason="x", expected_fee_fen=2000
        )
    assert (
        orders.cancel_order(db, order_id=order.id, actor=dispatcher, reason="x").cancel_fee_fen
        == 3000
    )


def test_cancel_needs_a_reason_and_a_cancellable_state(db, world, dispatcher):
    order = make_order(db, world, local(DAY, 9), state="in_service")
    with pytest.raises(ValidationError):
        orders.cancel_order(db, order_id=order.id, actor=dispatcher, reason="  ")
    with pytest.raises(IllegalTransition):
        orders.cancel_order(db, order_id=order.id, actor=dispatcher, reason="太晚了")


def test_cancelling_withdraws_open_offers_and_frees_the_worker(db, world, dispatcher):
    from jiazheng_desk.services import booking

    worker = make_worker(db, world)
    order = make_order(db, world, local(DAY, 9))
    booking.assign(db, order_id=order.id, worker_id=worker.id, actor=dispatcher, offer=True)
    orders.cancel_order(db, order_id=order.id, actor=dispatcher, reason="不需要了")
    offer = db.scalars(select(DispatchOffer).where(DispatchOffer.order_id == order.id)).one()
    db.refresh(offer)
    assert offer.state == "withdrawn"
    again = make_order(db, world, local(DAY, 9))
    booking.assign(db, order_id=again.id, worker_id=worker.id, actor=dispatcher)


# --- moving and reading --------------------------------------------------------------


def test_reschedule_keeps_a_worker_who_fits_and_refuses_one_who_does_not(db, world, dispatcher):
    worker = make_worker(db, world)
    _, address = make_customer(db, world)
    detail = _book(db, world, dispatcher, address, worker_id=worker.id)
    moved = orders.reschedule_order(
        db, order_id=detail.id, actor=dispatcher, new_starts_at=local(DAY, 13)
    )
    assert (moved.worker_id, moved.starts_at) == (worker.id, local(DAY, 13))
    assert moved.events[-1].event == "reschedule" and "13:00" in moved.events[-1].reason
    make_order(db, world, local(DAY + timedelta(days=1), 9), worker=worker)
    with pytest.raises(WorkerNotAvailable):
        orders.reschedule_order(
            db,
            order_id=detail.id,
            actor=dispatcher,
            new_starts_at=local(DAY + timedelta(days=1), 9),
        )
    back = orders.reschedule_order(
        db,
        order_id=detail.id,
        actor=dispatcher,
        new_starts_at=local(DAY + timedelta(days=1), 9),
        keep_worker=False,
    )
    assert (back.worker_id, back.state) == (None, "confirmed")


def test_customers_and_workers_see_only_their_own_orders(db, world, dispatcher):
    worker = make_worker(db, world)
    customer, address = make_customer(db, world)
    detail = _book(db, world, dispatcher, address, worker_id=worker.id)
    me = Actor(kind="customer", id=customer.id, name="客户", source="api")
    assert orders.get_order(db, order_id=detail.id, actor=me).id == detail.id
    stranger = Actor(kind="customer", id=customer.id + 999, name="x", source="api")
    with pytest.raises(NotFound):
        orders.get_order(db, order_id=detail.id, actor=stranger)
    other_worker = Actor(kind="worker", id=worker.id + 999, name="x", source="api")
    with pytest.raises(NotFound):
        orders.get_order(db, order_id=detail.id, actor=other_worker)
    elsewhere = actor(make_staff(db, role="dispatcher", branch=make_branch(db)))
    with pytest.raises(PermissionDenied):
        orders.get_order(db, order_id=detail.id, actor=elsewhere)
