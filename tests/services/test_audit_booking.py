"""Every booking and dispatch mutation writes its audit row (see test_audit.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from jiazheng_desk import clock
from jiazheng_desk.services import (
    booking,
    change_views,
    changes,
    dispatch,
    offers,
    orders,
    schedules,
    series,
)
from jiazheng_desk.services.actor import Actor
from tests.booking_factories import local, make_customer, make_order, make_worker, make_world
from tests.factories import actor, make_staff
from tests.services.audit_support import audit_rows

DAY = date(2026, 11, 23)


def _cases(db: Any) -> dict[str, tuple[Callable[[], Any], str]]:
    world = make_world(db)
    who = actor(make_staff(db, role="dispatcher", branch=world.branch))
    worker = make_worker(db, world)
    me = Actor(kind="worker", id=worker.id, name=worker.name, source="api")
    _, address = make_customer(db, world)

    def fresh(hour: int = 10) -> int:
        return make_order(db, world, local(DAY, hour)).id

    def offered() -> int:
        return offers.offer(db, order_id=fresh(), worker_id=worker.id, actor=who)

    def assigned() -> int:
        oid = fresh()
        booking.assign(db, order_id=oid, worker_id=worker.id, actor=who)
        return oid

    def pooled() -> int:
        oid = fresh()
        offers.open_pool(db, order_id=oid, actor=who)
        return oid

    def expired() -> int:
        offered()
        clock.advance(timedelta(minutes=30))
        return offers.expire_offers(db)

    def new_series() -> Any:
        return series.create_series(
            db,
            actor=who,
            customer_id=address.customer_id,
            address_id=address.id,
            item_id=world.item.id,
            units=2,
            rule=series.Rule("weekly", 0, None, 9 * 60, DAY, 3, None),
        )

    def requested_leave() -> int:
        me_leave = schedules.add_leave(
            db,
            worker_id=worker.id,
            actor=me,
            starts_at=local(DAY + timedelta(days=30), 0),
            ends_at=local(DAY + timedelta(days=31), 0),
        )
        return me_leave.id

    def change_request() -> int:
        oid = assigned()
        return changes.request_change(
            db, order_id=oid, actor=me, new_starts_at=local(DAY, 15), reason="有事"
        ).id

    def approved_request() -> int:
        rid = change_request()
        changes.staff_decide_change(db, request_id=rid, actor=who, approve=True)
        return rid

    def placement() -> int:
        oid = make_order(db, world, local(DAY, 8), minutes=5 * 1440, item=world.placement_item).id
        booking.assign(db, order_id=oid, worker_id=worker.id, actor=who)
        return oid

    return {
        "changes.request_change": (change_request, "change.request"),
        "changes.staff_decide_change": (
            lambda: changes.staff_decide_change(
                db, request_id=change_request(), actor=who, approve=False
            ),
            "change.rejected",
        ),
        "changes.customer_decide_change": (
            lambda: changes.customer_decide_change(
                db, request_id=approved_request(), actor=who, accept=False
            ),
            "change.customer_declined",
        ),
        "change_views.answer_change": (
            lambda: change_views.answer_change(
                db, request_id=approved_request(), actor=who, accept=False
            ),
            "change.customer_declined",
        ),
        "changes.replace_series_worker": (
            lambda: changes.replace_series_worker(
                db,
                series_id=new_series().series_id,
                from_date=DAY,
                worker_id=make_worker(db, world).id,
                actor=who,
                reason="换人",
            ),
            "series.replace_worker",
        ),
        "changes.replace_placement_worker": (
            lambda: changes.replace_placement_worker(
                db,
                order_id=placement(),
                from_date=DAY + timedelta(days=2),
                worker_id=make_worker(db, world).id,
                actor=who,
                reason="换人",
            ),
            "order.replace_worker",
        ),
        "series.create_series": (new_series, "series.create"),
        "series.edit_following": (
            lambda: series.edit_following(
                db, order_id=new_series().order_ids[1], actor=who, start_minute=14 * 60
            ),
            "series.split",
        ),
        "series.cancel_series": (
            lambda: series.cancel_series(
                db, series_id=new_series().series_id, actor=who, reason="停"
            ),
            "series.cancel",
        ),
        "series.extend_series": (lambda: (new_series(), series.extend_series(db)), "series.create"),
        "schedules.set_shifts": (
            lambda: schedules.set_shifts(
                db, worker_id=worker.id, actor=who, shifts=[schedules.Shift(0, 480, 600)]
            ),
            "worker.shifts",
        ),
        "schedules.add_leave": (requested_leave, "worker.leave_add"),
        "schedules.decide_leave": (
            lambda: schedules.decide_leave(
                db, leave_id=requested_leave(), actor=who, approve=False
            ),
            "worker.leave_reject",
        ),
        "schedules.cancel_leave": (
            lambda: schedules.cancel_leave(db, leave_id=requested_leave(), actor=who),
            "worker.leave_cancel",
        ),
        "booking.assign": (
            lambda: booking.assign(db, order_id=fresh(), worker_id=worker.id, actor=who),
            "order.assign",
        ),
        "booking.release": (
            lambda: booking.release(db, order_id=assigned(), actor=who, reason="换人"),
            "order.release",
        ),
        "dispatch.auto_dispatch": (
            lambda: dispatch.auto_dispatch(db, order_id=fresh(), actor=who),
            "order.assign",
        ),
        "dispatch.auto_dispatch_day": (
            lambda: (
                fresh(14),
                dispatch.auto_dispatch_day(db, branch_id=world.branch.id, day=DAY, actor=who),
            ),
            "order.assign",
        ),
        "dispatch.mark_exception": (
            lambda: dispatch.mark_exception(db, order_id=fresh(), reason="no_show", actor=who),
            "order.exception",
        ),
        "dispatch.clear_exception": (
            lambda: dispatch.clear_exception(db, order_id=fresh(), actor=who),
            "order.exception_cleared",
        ),
        "offers.offer": (offered, "order.offer"),
        "offers.accept_offer": (
            lambda: offers.accept_offer(db, offer_id=offered(), actor=me),
            "offer.accept",
        ),
        "offers.reject_offer": (
            lambda: offers.reject_offer(db, offer_id=offered(), actor=me, reason="太远"),
            "offer.rejected",
        ),
        "offers.withdraw_offer": (
            lambda: offers.withdraw_offer(db, offer_id=offered(), actor=who),
            "offer.withdrawn",
        ),
        "offers.expire_offers": (expired, "offer.expired"),
        "offers.reassign": (
            lambda: offers.reassign(
                db, order_id=assigned(), worker_id=make_worker(db, world).id, actor=who
            ),
            "order.release",
        ),
        "offers.open_pool": (pooled, "order.pool_open"),
        "offers.grab": (lambda: offers.grab(db, order_id=pooled(), actor=me), "order.grab"),
        "orders.book": (
            lambda: orders.book(
                db,
                actor=who,
                customer_id=address.customer_id,
                address_id=address.id,
                item_id=world.item.id,
                units=2,
                starts_at=local(DAY, 9),
            ),
            "order.create",
        ),
        "orders.cancel_order": (
            lambda: orders.cancel_order(db, order_id=fresh(), actor=who, reason="不要了"),
            "order.cancel",
        ),
        "orders.reschedule_order": (
            lambda: orders.reschedule_order(
                db, order_id=fresh(), actor=who, new_starts_at=local(DAY, 15)
            ),
            "order.reschedule",
        ),
    }


BOOKING_MUTATIONS = [
    "booking.assign",
    "booking.release",
    "offers.reassign",
    "dispatch.auto_dispatch",
    "dispatch.auto_dispatch_day",
    "dispatch.mark_exception",
    "dispatch.clear_exception",
    "offers.offer",
    "offers.accept_offer",
    "offers.reject_offer",
    "offers.withdraw_offer",
    "offers.expire_offers",
    "offers.open_pool",
    "offers.grab",
    "orders.book",
    "orders.cancel_order",
    "orders.reschedule_order",
    "series.create_series",
    "series.edit_following",
    "series.cancel_series",
    "series.extend_series",
    "schedules.set_shifts",
    "schedules.add_leave",
    "schedules.decide_leave",
    "schedules.cancel_leave",
    "changes.request_change",
    "changes.staff_decide_change",
    "changes.customer_decide_change",
    "change_views.answer_change",
    "changes.replace_series_worker",
    "changes.replace_placement_worker",
]
BOOKING_READS = {
    # the Dispatch area's reads (booking page, board)
    "dispatch_views.booking_slots",
    "dispatch_views.booking_candidates",
    "dispatch_views.board_choices",
    "dispatch_views.board_snapshot",
    "offers.list_pool",
    "orders.cancellation_fee",
    "order_views.load_detail",
    "order_list.count_orders",
    "board.board_version",
    # what the change dialogs show before anything is written
    "series_views.preview_cancel_series",
    "series_views.replacement_choices",
}


@pytest.mark.parametrize("name", BOOKING_MUTATIONS)
def test_every_booking_mutation_writes_an_audit_row(db, name):
    clock.freeze(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))
    call, action = _cases(db)[name]

    before = audit_rows(db, action)
    call()
    assert audit_rows(db, action) > before
