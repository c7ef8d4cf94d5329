"""Finance → Coupons through the widgets: a template made, issued to a customer found by
search and to a tag, codes generated, retired; and a customer's coupons and points on the
profile."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.models import Coupon, CouponTemplate, CustomerTag
from tests.booking_factories import make_customer, make_world
from tests.coupon_factories import give_coupon, give_points, make_template
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, actor, make_staff

pytestmark = pytest.mark.desk

WAIT = 15000
PHONE = "13912345678"


@pytest.fixture(autouse=True)
def _frozen_clock():
    clock.freeze(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))


def _seed(live_db):
    with live_db.session(write=True) as s:
        world = make_world(s)
        hq = actor(make_staff(s, role="hq_admin", username="boss", display_name="王总"))
        make_staff(s, role="finance", branch=world.branch, username="fin")
        customer, _ = make_customer(s, world)
        customer.phone, customer.name = PHONE, "张女士"
        regular, _ = make_customer(s, world)
        s.add(CustomerTag(customer_id=regular.id, tag="老客户"))
        s.flush()
        return world, hq, customer.id


def _open(qtbot, start_desk, username="boss", key="coupons.templates"):
    desk = start_desk()
    log_in(qtbot, desk, username, PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=WAIT)
    return desk, desk.window.open_page(key)


def _coupons_of(live_db, template_name):
    with live_db.session() as s:
        return s.scalar(
            select(func.count())
            .select_from(Coupon)
            .join(CouponTemplate, CouponTemplate.id == Coupon.template_id)
            .where(CouponTemplate.name == template_name)
        )


def test_hq_makes_a_template_and_issues_it_by_search_by_tag_and_as_codes(
    qtbot, start_desk, live_db
):
    _world, _hq, customer_id = _seed(live_db)
    _desk, page = _open(qtbot, start_desk)
    qtbot.waitUntil(lambda: page.count.text() != "", timeout=WAIT)
    assert page.new_button.isVisible()

    page.new_button.click()
    dialog = page.dialog
    dialog.name.setText("满 200 减 30")
    dialog.amount.setText("30")
    dialog.threshold.setText("200")
    dialog.limit.setValue(10)
    # a typed amount that is not money is stopped before the database
    dialog.threshold.setText("两百")
    dialog.ok_button.click()
    assert dialog.errors.fields["threshold_fen"].isVisible()
    dialog.threshold.setText("200")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: any(t.name == "满 200 减 30" for t in page.templates), timeout=WAIT)
    row = next(i for i, t in enumerate(page.templates) if t.name == "满 200 减 30")
    assert page.table.item(row, 1).text() == page.templates[row].terms == "满 200 元立减 30 元"
    page.table.selectRow(row)

    page.issue_button.click()
    issue = page.dialog
    qtbot.keyClicks(issue.search, "139123")
    qtbot.waitUntil(lambda: issue.hits.count() == 1, timeout=WAIT)
    issue.hits.item(0).setCheckState(Qt.CheckState.Checked)
    assert list(issue.chosen) == [customer_id]
    issue.ok_button.click()
    qtbot.waitUntil(lambda: _coupons_of(live_db, "满 200 减 30") == 1, timeout=WAIT)

    page.issue_button.click()
    by_tag = page.dialog
    by_tag.tabs.setCurrentIndex(1)
    by_tag.tag.setText("没人有")
    by_tag.ok_button.click()
    qtbot.waitUntil(lambda: by_tag.errors.fields["tag"].isVisible(), timeout=WAIT)
    by_tag.tag.setText("老客户")
    by_tag.ok_button.click()
    qtbot.waitUntil(lambda: _coupons_of(live_db, "满 200 减 30") == 2, timeout=WAIT)

    page.codes_button.click()
    codes = page.dialog
    codes.count.setValue(3)
    codes.prefix.setText("SPRING")
    codes.ok_button.click()
    qtbot.waitUntil(codes.codes.isVisible, timeout=WAIT)
    lines = codes.codes.toPlainText().splitlines()
    assert len(lines) == 3 and all(c.startswith("SPRING") for c in lines)
    codes.reject()
    qtbot.waitUntil(lambda: page.coupon_table.rowCount() == 5, timeout=WAIT)
    # the templates list reloads on its own, after the coupons list
    qtbot.waitUntil(lambda: page.table.item(row, 5).text().startswith("5 "), timeout=WAIT)
    assert page.table.item(row, 5).text() == "5 / 10 张"

    # retire: no more issuing
    page.active_button.click()
    qtbot.waitUntil(lambda: not page.templates[row].is_active, timeout=WAIT)
    assert not page.issue_button.isEnabled()
    with live_db.session() as s:
        assert not s.scalar(
            select(CouponTemplate.is_active).where(CouponTemplate.name == "满 200 减 30")
        )


def test_branch_finance_issues_but_does_not_edit_and_sees_redemptions(qtbot, start_desk, live_db):
    _world, hq, customer_id = _seed(live_db)
    with live_db.session(write=True) as s:
        made = make_template(s, hq, name="9 折 擦玻璃", kind="percent", percent_bp=1000)
        give_coupon(s, hq, made.id, customer_id)
    _desk, page = _open(qtbot, start_desk, "fin")
    qtbot.waitUntil(lambda: len(page.templates) == 1, timeout=WAIT)
    assert not page.new_button.isVisible() and not page.edit_button.isVisible()
    assert page.issue_button.isEnabled() and page.codes_button.isEnabled()
    qtbot.waitUntil(lambda: page.coupon_table.rowCount() == 1, timeout=WAIT)
    assert page.coupon_table.item(0, 1).text() == "张女士"
    page.state.setCurrentIndex(page.state.findData("redeemed"))
    qtbot.waitUntil(lambda: page.coupon_table.rowCount() == 0, timeout=WAIT)


def test_the_profile_shows_the_customers_coupons_and_points(qtbot, start_desk, live_db):
    _world, hq, customer_id = _seed(live_db)
    with live_db.session(write=True) as s:
        give_coupon(s, hq, make_template(s, hq, name="新客立减 20 元").id, customer_id)
        give_points(s, customer_id, 880)
    desk, _page = _open(qtbot, start_desk)
    from jiazheng_desk.views.coupons.customer_box import CustomerCouponsBox

    box = CustomerCouponsBox(desk.window.ctx)
    qtbot.addWidget(box)
    box.show_customer(customer_id)
    qtbot.waitUntil(lambda: box.table.rowCount() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: "880" in box.points.text(), timeout=WAIT)
    assert box.table.item(0, 0).text() == "新客立减 20 元"
