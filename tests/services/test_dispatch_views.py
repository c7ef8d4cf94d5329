"""The Dispatch area's read helpers: slots and candidates before an order exists, workers
found by name, the board's choices and its snapshot with the fingerprint."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from jiazheng_desk import clock
from jiazheng_desk.i18n import set_language
from jiazheng_desk.services import board, dispatch, dispatch_views, settings
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import PermissionDenied, ValidationError
from tests.booking_factories import local, make_customer, make_order, make_worker, make_world
from tests.factories import actor, make_branch, make_staff

DAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _now():
    clock.freeze(NOW)
    set_language("en")


def test_candidates_before_booking_rank_as_for_the_booked_order(db):
    world = make_world(db)
    near = make_worker(db, world, name="近", home=(31.2317, 121.4846))
    far = make_worker(db, world, name="远", home=(31.30, 121.60))
    busy = make_worker(db, world, name="忙")
    make_order(db, world, local(DAY, 10), 180, worker=busy)
    customer, address = make_customer(db, world)
    staff = actor(make_staff(db, role="dispatcher", branch=world.branch))
    found = dispatch_views.booking_candidates(
        db,
        actor=staff,
        address_id=address.id,
        item_id=world.item.id,
        units=2,
        starts_at=local(DAY, 10),
        customer_id=customer.id,
    )
    assert [c.worker_id for c in found.candidates] == [near.id, far.id]
    assert found.ends_at - found.starts_at == timedelta(hours=2)
    order = make_order(db, world, local(DAY, 10), 120, address=address)
    booked = dispatch.candidates(db, order_id=order.id, actor=staff)
    assert [c.worker_id for c in booked] == [c.worker_id for c in found.candidates]
    assert [c.reasons for c in booked] == [c.reasons for c in found.candidates]


def test_slots_use_the_branch_step_and_refuse_what_booking_refuses(db):
    world = make_world(db)
    make_worker(db, world, shifts=((8 * 60, 12 * 60),))
    _customer, address = make_customer(db, world)
    staff = actor(make_staff(db, role="dispatcher", branch=world.branch))
    settings.set_setting(
        db, actor=Actor.system(), key="booking.slot_step_minutes", value=60, branch_id=None
    )
    table = dispatch_views.booking_slots(
        db, actor=staff, address_id=address.id, item_id=world.item.id, units=2, days=2
    )
    assert table.minutes == 120 and table.tz == "Asia/Shanghai"
    tomorrow = [s for s in table.slots if s.day == date(2026, 11, 21)]
    assert [s.starts_at for s in tomorrow] == [local(date(2026, 11, 21), h) for h in (8, 9, 10)]
    with pytest.raises(ValidationError) as refused:
        dispatch_views.booking_slots(
            db, actor=staff, address_id=address.id, item_id=world.item.id, units=1
        )
    assert refused.value.field == "units"
    other = actor(make_staff(db, role="dispatcher", branch=make_branch(db)))
    with pytest.raises(ValidationError) as elsewhere:
        dispatch_views.booking_slots(
            db, actor=other, address_id=address.id, item_id=world.item.id, units=2
        )
    assert elsewhere.value.field == "address_id"


def test_workers_are_found_by_name_or_phone_within_the_branch(db):
    world = make_world(db)
    li = make_worker(db, world, name="李阿姨")
    make_worker(db, world, name="王阿姨")
    make_worker(db, make_world(db), name="李师傅")  # another branch's
    staff = actor(make_staff(db, role="dispatcher", branch=world.branch))
    hits = dispatch_views.find_workers(db, actor=staff, text="李")
    assert [h.id for h in hits] == [li.id]
    assert hits[0].skills == ("保洁3",)
    assert [h.id for h in dispatch_views.find_workers(db, actor=staff, text=li.phone[-6:])] == [
        li.id
    ]
    assert len(dispatch_views.find_workers(db, actor=staff)) == 2
    vetting = actor(make_staff(db, role="vetting_officer", branch=world.branch))
    assert dispatch_views.find_workers(db, actor=vetting, text="李")
    with pytest.raises(PermissionDenied):
        dispatch_views.find_workers(db, actor=Actor("customer", 1, "c"), text="李")


def test_the_board_snapshot_carries_its_fingerprint(db):
    world = make_world(db)
    make_worker(db, world, name="李阿姨")
    make_order(db, world, local(DAY, 10))
    staff = actor(make_staff(db, role="dispatcher", branch=world.branch))
    snap = dispatch_views.board_snapshot(db, actor=staff, branch_id=world.branch.id, first_day=DAY)
    assert snap.version == board.board_version(db, branch_id=world.branch.id, first_day=DAY)
    assert len(snap.board.unassigned) == 1 and [lane.name for lane in snap.board.lanes] == [
        "李阿姨"
    ]
    choices = dispatch_views.board_choices(db, actor=staff, branch_id=world.branch.id)
    assert {d.id for d in choices.districts} == {world.district.id, world.other_district.id}
    assert [s.id for s in choices.skills] == [world.skill.id]
