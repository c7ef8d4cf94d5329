"""The dispatch board and the orders list read what booking wrote."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import ShiftTemplate
from jiazheng_desk.services import board, booking, dispatch, order_list
from jiazheng_desk.services.errors import PermissionDenied
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


@pytest.fixture(autouse=True)
def _now():
    clock.freeze(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))


def test_the_board_has_lanes_blocks_leave_and_the_queue(db):
    world = make_world(db)
    who = actor(make_staff(db, role="dispatcher", branch=world.branch))
    a = make_worker(db, world, name="甲")
    b = make_worker(db, world, name="乙", shifts=((9 * 60, 17 * 60),))
    give_leave(db, b, local(DAY, 12), local(DAY, 13))
    make_order(db, world, local(DAY, 9), worker=a)
    waiting = make_order(db, world, local(DAY, 14))
    make_order(db, world, local(DAY + timedelta(days=1), 9), worker=a)  # another day
    view = board.get_board(db, actor=who, branch_id=world.branch.id, first_day=DAY)
    lanes = {lane.name: lane for lane in view.lanes}
    assert set(lanes) == {"甲", "乙"}
    assert len(lanes["甲"].blocks) == 1 and lanes["甲"].booked_minutes == 120
    assert lanes["乙"].shifts[DAY] == ((9 * 60, 17 * 60),)
    assert lanes["乙"].leave == ((local(DAY, 12), local(DAY, 13)),)
    assert [u.order_id for u in view.unassigned] == [waiting.id]
    week = board.get_board(db, actor=who, branch_id=world.branch.id, first_day=DAY, days=7)
    assert len({lane.name: lane for lane in week.lanes}["甲"].blocks) == 2


def test_the_board_version_changes_when_an_order_does(db):
    world = make_world(db)
    who = actor(make_staff(db, role="dispatcher", branch=world.branch))
    worker = make_worker(db, world)
    order = make_order(db, world, local(DAY, 10))
    before = board.board_version(db, branch_id=world.branch.id, first_day=DAY)
    assert board.board_version(db, branch_id=world.branch.id, first_day=DAY) == before
    clock.advance(timedelta(seconds=5))
    booking.assign(db, order_id=order.id, worker_id=worker.id, actor=who)
    assigned = board.board_version(db, branch_id=world.branch.id, first_day=DAY)
    assert assigned != before
    # leave over the day and a changed shift (both come from the worker app too)
    give_leave(db, worker, local(DAY, 14), local(DAY, 16))
    on_leave = board.board_version(db, branch_id=world.branch.id, first_day=DAY)
    assert on_leave != assigned
    shift = db.scalars(select(ShiftTemplate).where(ShiftTemplate.worker_id == worker.id)).first()
    shift.end_minute -= 60
    db.flush()
    assert board.board_version(db, branch_id=world.branch.id, first_day=DAY) != on_leave


def test_orders_list_filters_sorts_and_pages(db):
    world = make_world(db)
    who = actor(make_staff(db, role="dispatcher", branch=world.branch))
    worker = make_worker(db, world)
    customer, address = make_customer(db, world)
    first = make_order(db, world, local(DAY, 8), address=address, worker=worker)
    for hour in (10, 12, 14):
        make_order(db, world, local(DAY, hour))
    page = order_list.list_orders(db, actor=who, limit=2)
    assert page.total == 4 and len(page.items) == 2
    assert page.items[0].starts_at > page.items[1].starts_at
    # later pages do not count the range again; they only say whether more follow
    second = order_list.list_orders(db, actor=who, offset=2, limit=2)
    assert [r.starts_at for r in second.items] == [local(DAY, 10), local(DAY, 8)]
    assert second.total == 5  # a full page: perhaps more
    last = order_list.list_orders(db, actor=who, offset=3, limit=2)
    assert len(last.items) == 1 and last.total == 4
    dispatch.mark_exception(db, order_id=first.id, reason="no_show", actor=who)
    exceptional = order_list.list_orders(
        db, actor=who, flt=order_list.OrderFilter(exceptions_only=True)
    )
    assert [(r.id, r.exception_reason) for r in exceptional.items] == [(first.id, "no_show")]
    mine = order_list.list_orders(
        db, actor=who, flt=order_list.OrderFilter(customer_id=customer.id)
    )
    assert [r.id for r in mine.items] == [first.id]
    assert mine.items[0].worker_name == worker.name
    waiting = order_list.list_orders(
        db, actor=who, flt=order_list.OrderFilter(unassigned_only=True)
    )
    assert waiting.total == 3
    by_phone = order_list.list_orders(
        db, actor=who, flt=order_list.OrderFilter(text=customer.phone[-8:])
    )
    assert [r.id for r in by_phone.items] == [first.id]
    by_no = order_list.list_orders(
        db, actor=who, flt=order_list.OrderFilter(text=first.order_no[:6])
    )
    assert first.id in [r.id for r in by_no.items]
    assert order_list.count_orders(db, actor=who, flt=order_list.OrderFilter(), cap=2) == 3
    other = actor(make_staff(db, role="dispatcher"))
    assert order_list.list_orders(db, actor=other).total == 0
    with pytest.raises(PermissionDenied):
        order_list.list_orders(db, actor=actor(make_staff(db, role="vetting_officer")))
