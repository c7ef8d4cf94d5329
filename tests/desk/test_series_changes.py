"""Recurring bookings, placements and workers' change requests, driven through the desk:
this and following visits, cancelling the rest, replacing the worker from a date, and the
branch's queue of change requests.

The texts asserted are data (names, amounts) so the tests hold in either language.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import Order, OrderChangeRequest
from jiazheng_desk.services import booking, changes, series
from jiazheng_desk.services.actor import Actor
from tests.booking_factories import local, make_customer, make_order, make_worker, make_world
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, actor, make_staff

pytestmark = pytest.mark.desk

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # Friday 09:00 in Shanghai
MONDAY = date(2026, 11, 23)
WAIT = 15000


@pytest.fixture(autouse=True)
def _frozen_clock():
    clock.freeze(NOW)


def _weekly(s, world, worker, count: int) -> list[int]:
    """A weekly series on Mondays at 09:00 with ``worker``; the ids of its visits."""
    who = actor(make_staff(s, role="dispatcher", branch=world.branch))
    _, address = make_customer(s, world)
    result = series.create_series(
        s,
        actor=who,
        customer_id=address.customer_id,
        address_id=address.id,
        item_id=world.item.id,
        units=2,
        rule=series.Rule("weekly", 0, None, 9 * 60, MONDAY, count, None),
        worker_id=worker.id,
    )
    assert len(result.order_ids) == count and not result.unassigned
    return list(result.order_ids)


def _numbers(live_db, ids: list[int]) -> list[str]:
    with live_db.session() as s:
        return [s.get(Order, i).order_no for i in ids]


def _open(qtbot, start_desk, key="orders.all", user="boss"):
    desk = start_desk()
    log_in(qtbot, desk, user, PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=WAIT)
    page = desk.window.open_page(key)
    qtbot.waitUntil(lambda: not page.model.is_loading, timeout=WAIT)
    return desk, page


def _open_order(qtbot, page, order_no):
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=WAIT)
    row = next(r for r in range(page.model.rowCount()) if page.model.item(r).order_no == order_no)
    page.table.selectRow(row)
    qtbot.waitUntil(
        lambda: page.detail.file is not None and page.detail.file.detail.order_no == order_no,
        timeout=WAIT,
    )
    return page.detail


def _visits(live_db, customer_id: int):
    with live_db.session() as s:
        return s.execute(
            select(Order.series_id, Order.series_seq, Order.starts_at, Order.worker_id, Order.state)
            .where(Order.customer_id == customer_id)
            .order_by(Order.starts_at)
        ).all()


def _customer_of(live_db, order_id: int) -> int:
    with live_db.session() as s:
        return s.get(Order, order_id).customer_id


def test_this_and_following_moves_the_rest_and_keeps_the_count(qtbot, start_desk, live_db):
    with live_db.session(write=True) as s:
        make_staff(s, role="hq_admin", username="boss")
        world = make_world(s)
        worker = make_worker(s, world, name="陈阿姨")
        ids = _weekly(s, world, worker, 6)
    fourth = _numbers(live_db, ids)[3]
    customer_id = _customer_of(live_db, ids[0])
    _desk, page = _open(qtbot, start_desk)
    detail = _open_order(qtbot, page, fourth)
    detail.buttons["reschedule"].click()
    dialog = detail.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    # a series visit asks which visits move; "this and following" needs no worker choice
    assert dialog.only_this.isChecked() and dialog.following.isVisible()
    dialog.following.setChecked(True)
    assert dialog.keep_worker.isHidden() and dialog.scope_hint.isVisible()
    wednesday = MONDAY + timedelta(days=23)
    dialog.set_new_start(datetime(wednesday.year, wednesday.month, wednesday.day, 14, 0))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: "3" in detail.status.text(), timeout=WAIT)

    visits = _visits(live_db, customer_id)
    assert len(visits) == 6  # never seven, never five
    old, new = visits[:3], visits[3:]
    assert len({v.series_id for v in old}) == 1 and len({v.series_id for v in new}) == 1
    assert old[0].series_id != new[0].series_id
    assert [v.series_seq for v in new] == [1, 2, 3]
    assert [v.starts_at for v in new] == [
        local(wednesday + timedelta(days=7 * i), 14) for i in range(3)
    ]
    assert all(v.worker_id == worker.id for v in visits)
    # the list shows the six visits, the moved one at its new time
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=WAIT)
    qtbot.waitUntil(lambda: detail.file.detail.starts_at == local(wednesday, 14), timeout=WAIT)

    # "only this visit" moves one visit and nothing else
    detail.buttons["reschedule"].click()
    dialog = detail.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.set_new_start(datetime(wednesday.year, wednesday.month, wednesday.day, 16, 0))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    after = _visits(live_db, customer_id)
    assert len(after) == 6
    assert sorted(v.starts_at for v in after if v.starts_at.weekday() == 2) == [
        local(wednesday, 16),
        local(wednesday + timedelta(days=7), 14),
        local(wednesday + timedelta(days=14), 14),
    ]


def test_cancel_this_and_following_shows_the_visits_and_fees_first(qtbot, start_desk, live_db):
    with live_db.session(write=True) as s:
        make_staff(s, role="hq_admin", username="boss")
        world = make_world(s)
        worker = make_worker(s, world)
        ids = _weekly(s, world, worker, 4)
    third = _numbers(live_db, ids)[2]
    customer_id = _customer_of(live_db, ids[0])
    _desk, page = _open(qtbot, start_desk)
    detail = _open_order(qtbot, page, third)
    assert detail.buttons["cancel_series"].isVisible()
    detail.buttons["cancel_series"].click()
    qtbot.waitUntil(lambda: detail.dialog is not None and detail.dialog.isVisible(), timeout=WAIT)
    dialog = detail.dialog
    assert dialog.visits.rowCount() == 2  # the third and fourth visits
    assert [dialog.visits.item(r, 0).text() for r in range(2)] == ["3", "4"]
    assert "2" in dialog.summary.text()
    dialog.ok_button.click()  # no reason yet: asked for, nothing sent
    assert dialog.isVisible() and dialog.errors.fields["reason"].isVisible()
    dialog.reason.setText("客户搬家")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    states = [v.state for v in _visits(live_db, customer_id)]
    assert states == ["accepted", "accepted", "cancelled", "cancelled"]
    qtbot.waitUntil(lambda: detail.file.detail.state == "cancelled", timeout=WAIT)
    assert not detail.buttons["cancel_series"].isVisible()


def test_replace_the_worker_of_a_series_from_a_date(qtbot, start_desk, live_db):
    with live_db.session(write=True) as s:
        make_staff(s, role="hq_admin", username="boss")
        world = make_world(s)
        first = make_worker(s, world, name="钱阿姨")
        second = make_worker(s, world, name="孙阿姨")
        busy = make_worker(s, world, name="吴阿姨")
        make_order(s, world, local(MONDAY + timedelta(days=21), 9), worker=busy)
        ids = _weekly(s, world, first, 4)
        first_id, second_id, busy_id = first.id, second.id, busy.id
    number = _numbers(live_db, ids)[0]
    customer_id = _customer_of(live_db, ids[0])
    _desk, page = _open(qtbot, start_desk)
    detail = _open_order(qtbot, page, number)
    detail.buttons["replace_worker"].click()
    dialog = detail.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.choices is not None, timeout=WAIT)
    assert dialog.day() == MONDAY and dialog.choices.visits == 4
    from_day = MONDAY + timedelta(days=14)
    dialog.set_day(from_day)
    qtbot.waitUntil(
        lambda: not dialog.loading and getattr(dialog.choices, "from_date", None) == from_day,
        timeout=WAIT,
    )
    # 吴阿姨 is booked on the fourth Monday: only 孙阿姨 is free for both visits
    assert [c.worker_id for c in dialog.candidates] == [second_id]
    assert dialog.choices.visits == 2

    # picked anyway (say, from an old list): refused with the reason, nothing changes
    dialog.reason.setText("钱阿姨辞职")
    dialog.choose(busy_id, "吴阿姨")
    qtbot.waitUntil(dialog.errors.general.isVisible, timeout=WAIT)
    assert "吴阿姨" in dialog.errors.general.text() and dialog.isVisible()
    assert dialog.reason.text() == "钱阿姨辞职"
    assert {v.worker_id for v in _visits(live_db, customer_id)} == {first_id}

    qtbot.waitUntil(lambda: not dialog.loading, timeout=WAIT)
    assert dialog.select_worker(second_id)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    workers = [v.worker_id for v in _visits(live_db, customer_id)]
    assert workers == [first_id, first_id, second_id, second_id]
    qtbot.waitUntil(lambda: "孙阿姨" in detail.status.text(), timeout=WAIT)


def test_replace_the_worker_of_a_placement_splits_it(qtbot, start_desk, live_db):
    with live_db.session(write=True) as s:
        boss = make_staff(s, role="hq_admin", username="boss")
        world = make_world(s)
        first = make_worker(s, world, name="赵阿姨")
        second = make_worker(s, world, name="李阿姨")
        placement = make_order(
            s, world, local(MONDAY, 8), minutes=26 * 1440, item=world.placement_item
        )
        booking.assign(s, order_id=placement.id, worker_id=first.id, actor=actor(boss))
        number, placement_id, second_id = placement.order_no, placement.id, second.id
        customer_id = placement.customer_id
    _desk, page = _open(qtbot, start_desk)
    detail = _open_order(qtbot, page, number)
    assert not detail.buttons["cancel_series"].isVisible()
    detail.buttons["replace_worker"].click()
    dialog = detail.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.choices is not None, timeout=WAIT)
    # a day outside the placement is refused beside the date
    dialog.set_day(MONDAY + timedelta(days=40))
    qtbot.waitUntil(dialog.errors.fields["from_date"].isVisible, timeout=WAIT)
    assert dialog.candidates == [] and not dialog.ok_button.isEnabled()
    dialog.set_day(MONDAY + timedelta(days=10))
    qtbot.waitUntil(
        lambda: not dialog.loading and bool(dialog.candidates),
        timeout=WAIT,
    )
    assert not dialog.errors.fields["from_date"].isVisible()
    assert dialog.choices.days == 16
    assert dialog.select_worker(second_id)
    dialog.reason.setText("请假")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    with live_db.session() as s:
        rows = s.execute(
            select(Order.id, Order.worker_id, Order.units, Order.ends_at)
            .where(Order.customer_id == customer_id)
            .order_by(Order.starts_at)
        ).all()
    assert [(r.worker_id, r.units) for r in rows] == [(rows[0].worker_id, 10), (second_id, 16)]
    assert rows[0].id == placement_id and rows[0].ends_at == local(MONDAY + timedelta(days=10), 8)


def _requested(s, world, hour: int, reason: str):
    worker = make_worker(s, world)
    order = make_order(s, world, local(MONDAY, hour), worker=worker)
    me = Actor(kind="worker", id=worker.id, name=worker.name, source="api")
    return changes.request_change(
        s, order_id=order.id, actor=me, new_starts_at=local(MONDAY, hour + 5), reason=reason
    )


def test_approve_and_refuse_workers_change_requests(qtbot, start_desk, live_db):
    with live_db.session(write=True) as s:
        world = make_world(s)
        make_staff(s, role="dispatcher", branch=world.branch, username="disp")
        first = _requested(s, world, 8, "孩子生病")
        second = _requested(s, world, 9, "车坏了")
        # another branch's request is not this dispatcher's to see
        _requested(s, make_world(s), 10, "别的门店")
    _desk, page = _open(qtbot, start_desk, "orders.changes", user="disp")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT)
    assert [page.model.item(r).reason for r in range(2)] == ["孩子生病", "车坏了"]
    assert page.approve_button.isVisible() and page.reject_button.isVisible()
    assert not page.agreed_button.isVisible()

    page.table.selectRow(0)
    page.approve_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    assert page.model.item(0).id == second.id

    page.table.selectRow(0)
    page.reject_button.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert "车坏了" in dialog.intro.text()
    dialog.ok_button.click()  # a refusal needs a reason
    assert dialog.isVisible() and dialog.errors.fields["note"].isVisible()
    dialog.reason.setText("客户那天不方便")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT)
    with live_db.session() as s:
        states = dict(s.execute(select(OrderChangeRequest.id, OrderChangeRequest.state)).all())
    assert (states[first.id], states[second.id]) == ("staff_approved", "rejected")

    # approved: now it waits for the customer, who may answer by phone
    page.mode.setCurrentIndex(page.mode.findData("customer"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    assert page.model.item(0).id == first.id
    assert page.agreed_button.isVisible() and not page.approve_button.isVisible()
    page.mode.setCurrentIndex(page.mode.findData("decided"))
    qtbot.waitUntil(lambda: page.model.item(0).state == "rejected", timeout=WAIT)
    assert page.model.rowCount() == 1
    assert page.state_text(page.model.item(0)) == page.tr("Refused by the branch")


def test_a_role_without_dispatch_rights_sees_no_decision_buttons(qtbot, start_desk, live_db):
    with live_db.session(write=True) as s:
        world = make_world(s)
        make_staff(s, role="finance", branch=world.branch, username="money")
        _requested(s, world, 8, "孩子生病")
        worker = make_worker(s, world)
        ids = _weekly(s, world, worker, 2)
    number = _numbers(live_db, ids)[0]
    _desk, page = _open(qtbot, start_desk, "orders.changes", user="money")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    page.table.selectRow(0)
    buttons = (page.approve_button, page.reject_button, page.agreed_button, page.declined_button)
    assert not any(b.isVisible() for b in buttons)
    orders = _desk.window.open_page("orders.all")
    detail = _open_order(qtbot, orders, number)
    shown = {k for k, b in detail.buttons.items() if not b.isHidden()}
    assert not shown & {"cancel_series", "replace_worker", "reschedule", "cancel"}
