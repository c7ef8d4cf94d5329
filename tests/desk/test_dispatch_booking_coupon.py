"""Dispatch → New booking with a coupon and points: the picker in the quote step lists the
caller's usable coupons (by keyboard), the quote shows the discount, and the confirmed order
carries it with the coupon redeemed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from jiazheng_desk import clock
from jiazheng_desk.models import Coupon, Order
from jiazheng_desk.services import points
from jiazheng_desk.views import fmt
from tests.coupon_factories import give_coupon, give_points, make_template
from tests.desk.test_dispatch_booking import (
    TOMORROW,
    WAIT,
    _find_customer,
    _open,
    _setup,
    _take_slot,
    _wait_candidate,
)
from tests.factories import actor, make_staff

pytestmark = pytest.mark.desk


@pytest.fixture(autouse=True)
def _frozen_clock():
    clock.freeze(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))


def test_a_phone_booking_with_a_coupon_and_points(qtbot, start_desk, live_db):
    world, worker, customer_id, _address_id, _option = _setup(live_db)
    with live_db.session(write=True) as s:
        hq = actor(make_staff(s, role="hq_admin"))
        coupon_id = give_coupon(s, hq, make_template(s, hq, name="新客立减 20 元").id, customer_id)
        far = make_template(s, hq, name="满 500 减 50", amount_fen=5000, threshold_fen=50_000)
        give_coupon(s, hq, far.id, customer_id)
        give_points(s, customer_id, 300)
    _desk, page = _open(qtbot, start_desk)
    _find_customer(qtbot, page)
    assert page.service.select_item(world.item.id)
    page.service.units.setValue(2)
    _take_slot(qtbot, page, TOMORROW, 10 * 60)
    _wait_candidate(qtbot, page, worker.id)
    qtbot.waitUntil(lambda: page.price.total_text() == "¥100.00", timeout=WAIT)
    picker = page.coupons
    # only the coupon this ¥100 order can take is offered (the ¥500 one is not)
    qtbot.waitUntil(lambda: picker.coupon.count() == 2, timeout=WAIT)
    assert picker.coupon.itemData(1) == coupon_id
    qtbot.waitUntil(lambda: picker.points.maximum() == 300, timeout=WAIT)

    # by keyboard: focus the picker, the next entry is the coupon
    picker.coupon.setFocus()
    qtbot.keyClick(picker.coupon, Qt.Key.Key_Down)
    assert picker.coupon_id() == coupon_id
    qtbot.waitUntil(lambda: page.price.total_text() == "¥80.00", timeout=WAIT)
    picker.points.setValue(250)
    qtbot.waitUntil(lambda: page.price.total_text() == "¥77.50", timeout=WAIT)
    amounts = [page.price.lines.item(r, 1).text() for r in range(page.price.lines.rowCount())]
    assert amounts[-2:] == [fmt.yuan(-2000), fmt.yuan(-250)]

    qtbot.keyClick(picker.coupon, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.last_outcome is not None, timeout=WAIT)
    booked = page.last_outcome.first
    assert (booked.discount_fen, booked.total_fen) == (2250, 7750)
    with live_db.session() as s:
        assert s.get(Order, booked.id).coupon_id == coupon_id
        coupon = s.get(Coupon, coupon_id)
        assert (coupon.state, coupon.order_id) == ("redeemed", booked.id)
        assert points.get_balance(s, customer_id) == 50
    # the next call starts with nothing chosen
    assert picker.coupon_id() is None and picker.points_used() == 0


def test_a_coupon_used_meanwhile_is_refused_beside_the_quote(qtbot, start_desk, live_db):
    world, worker, customer_id, _address_id, _option = _setup(live_db)
    with live_db.session(write=True) as s:
        hq = actor(make_staff(s, role="hq_admin"))
        coupon_id = give_coupon(s, hq, make_template(s, hq).id, customer_id)
    _desk, page = _open(qtbot, start_desk)
    _find_customer(qtbot, page)
    assert page.service.select_item(world.item.id)
    _take_slot(qtbot, page, TOMORROW, 10 * 60)
    _wait_candidate(qtbot, page, worker.id)
    qtbot.waitUntil(lambda: page.coupons.coupon.count() == 2, timeout=WAIT)
    page.coupons.coupon.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.price.total_text() == "¥80.00", timeout=WAIT)
    # the app used it a moment ago
    with live_db.session(write=True) as s:
        s.get(Coupon, coupon_id).state = "redeemed"
    page.confirm()
    qtbot.waitUntil(lambda: page.steps[6].error.isVisible(), timeout=WAIT)
    assert page.last_outcome is None
    with live_db.session() as s:
        assert s.query(Order).count() == 0
