"""Dispatch → New booking, driven through the widgets: a phone booking from the number to
the confirmed order, the race with another desk, a placement with days off, a series.

Asserted texts are data (names, amounts, order numbers) or the services' own messages
(``t(...)``), so the tests hold in either language of the Qt translation.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.i18n import t
from jiazheng_desk.models import Customer, Order, ServiceOption
from jiazheng_desk.services import orders
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.timeutil import window_text
from tests.booking_factories import local, make_customer, make_order, make_worker, make_world
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, make_staff

pytestmark = pytest.mark.desk

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # Friday 09:00 in Shanghai
TOMORROW = date(2026, 11, 21)
WAIT = 15000
PHONE = "13912345678"


@pytest.fixture(autouse=True)
def _frozen_clock():
    clock.freeze(NOW)


def _setup(live_db, *, phone=PHONE):
    with live_db.session(write=True) as s:
        world = make_world(s)
        make_staff(s, role="dispatcher", branch=world.branch, username="disp")
        worker = make_worker(s, world, name="李阿姨", level=3)
        customer, address = make_customer(s, world)
        customer.phone = phone
        customer.name = "张女士"
        option = ServiceOption(item_id=world.item.id, name="擦玻璃", price_fen=3000)
        s.add(option)
        s.flush()
        return world, worker, customer.id, address.id, option.id


def _open(qtbot, start_desk):
    desk = start_desk()
    log_in(qtbot, desk, "disp", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=WAIT)
    page = desk.window.open_page("dispatch.booking")
    qtbot.waitUntil(lambda: page.service.item.count() > 1, timeout=WAIT)
    return desk, page


def _find_customer(qtbot, page, phone=PHONE):
    page.picker.focus()
    qtbot.keyClicks(page.picker.field, phone)
    qtbot.keyClick(page.picker.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.customer is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: page.address is not None, timeout=WAIT)


def _take_slot(qtbot, page, day, minute):
    qtbot.waitUntil(lambda: page.when.slot_at(day, minute) is not None, timeout=WAIT)
    grid = page.when.grid
    grid.setFocus()
    grid.setCurrentCell(page.when.minutes.index(minute), page.when.days.index(day))
    qtbot.keyClick(grid, Qt.Key.Key_Return)  # Enter takes the slot and moves to step 5
    assert page.when.chosen is not None


def _wait_candidate(qtbot, page, worker_id):
    qtbot.waitUntil(
        lambda: any(c.worker_id == worker_id for c in page.who.candidates), timeout=WAIT
    )
    assert page.who.select_worker(worker_id)


def _order_count(live_db):
    with live_db.session() as s:
        return s.scalar(select(func.count(Order.id)))


def test_a_phone_booking_from_the_number_to_the_order(qtbot, start_desk, live_db):
    world, worker, customer_id, address_id, option_id = _setup(live_db)
    _desk, page = _open(qtbot, start_desk)
    _find_customer(qtbot, page)
    assert page.customer.id == customer_id and page.address.id == address_id

    assert page.service.select_item(world.item.id)
    page.service.units.setValue(3)
    page.service.set_option(option_id)
    _take_slot(qtbot, page, TOMORROW, 14 * 60)
    _wait_candidate(qtbot, page, worker.id)
    cell = page.who.table.item(page.who.candidates.index(page.who.chosen()), 1).text()
    assert "3" in cell  # the level is among the reasons
    # 3 hours at ¥50 and the option, no travel rule in this world
    qtbot.waitUntil(lambda: page.price.total_text() == "¥180.00", timeout=WAIT)
    assert page.price.lines.rowCount() == 2

    # the keys of the hint line: F3 jumps to the service, Ctrl+Enter confirms
    page.window().activateWindow()
    page.who.table.setFocus()
    qtbot.keyClick(page.who.table, Qt.Key.Key_F3)
    assert page.service.item.hasFocus()
    qtbot.keyClick(page.service.item, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.last_outcome is not None, timeout=WAIT)
    booked = page.last_outcome.first
    assert page.banner.isVisible() and booked.order_no in page.banner.text()
    # the page is ready for the next call
    assert page.customer is None and page.picker.field.text() == ""
    assert page.service.current_item() is None and page.when.chosen is None

    with live_db.session() as s:
        order = orders.get_order(s, order_id=booked.id, actor=Actor.system())
    assert order.worker_id == worker.id and order.state == "accepted"
    assert order.starts_at == local(TOMORROW, 14) and order.ends_at == local(TOMORROW, 17)
    assert order.total_fen == 18000 and [o.name for o in order.options] == ["擦玻璃"]
    assert order.channel == "phone"


def test_a_new_caller_is_registered_inline_and_booked_with_auto(qtbot, start_desk, live_db):
    world, worker, *_ = _setup(live_db)
    _desk, page = _open(qtbot, start_desk)
    page.picker.focus()
    qtbot.keyClicks(page.picker.field, "13800001111")
    qtbot.waitUntil(page.picker.new_form.isVisible, timeout=WAIT)
    page.picker.new_name.setText("王先生")
    picker_district = page.picker.new_district
    picker_district.setCurrentIndex(picker_district.findData(world.district.id))
    page.picker.new_address.setText("人民路8号")
    page.picker.register_button.click()
    qtbot.waitUntil(lambda: page.address is not None, timeout=WAIT)
    assert page.customer.name == "王先生"

    page.service.select_item(world.item.id)
    _take_slot(qtbot, page, TOMORROW, 10 * 60)
    page.who.set_mode("auto")
    page.confirm()
    qtbot.waitUntil(lambda: page.last_outcome is not None, timeout=WAIT)
    with live_db.session() as s:
        order = orders.get_order(s, order_id=page.last_outcome.first.id, actor=Actor.system())
        assert s.scalar(select(Customer.name).where(Customer.phone == "13800001111")) == "王先生"
    assert order.worker_id == worker.id and order.address_text == "人民路8号"


def test_a_worker_booked_meanwhile_by_another_desk_is_refused_and_nothing_written(
    qtbot, start_desk, live_db
):
    world, worker, _customer_id, _address_id, _option_id = _setup(live_db)
    _desk, page = _open(qtbot, start_desk)
    _find_customer(qtbot, page)
    page.service.select_item(world.item.id)
    _take_slot(qtbot, page, TOMORROW, 14 * 60)
    _wait_candidate(qtbot, page, worker.id)

    # another dispatcher books 李阿姨 for the same hours a moment before our confirm
    with live_db.session(write=True) as s:
        make_order(s, world, local(TOMORROW, 14), 120, worker=worker)
    before = _order_count(live_db)
    page.confirm_button.click()
    qtbot.waitUntil(lambda: bool(page.steps[5].error_text), timeout=WAIT)
    expected = t(
        "fit.overlap",
        worker="李阿姨",
        window=window_text(local(TOMORROW, 14), local(TOMORROW, 16), "Asia/Shanghai"),
    )
    assert expected in page.steps[5].error_text
    # the candidates were asked again: 李阿姨 is no longer among them
    qtbot.waitUntil(
        lambda: (
            page.who.candidates == [] or worker.id not in [c.worker_id for c in page.who.candidates]
        ),
        timeout=WAIT,
    )
    qtbot.waitUntil(lambda: page.ctx.runner.pending_count == 0, timeout=WAIT)
    assert worker.id not in [c.worker_id for c in page.who.candidates]
    # nothing else changed, and the refused attempt wrote nothing
    assert page.customer is not None and page.when.chosen == local(TOMORROW, 14)
    assert page.last_outcome is None
    assert _order_count(live_db) == before


def test_a_placement_with_days_off(qtbot, start_desk, live_db):
    world, worker, *_ = _setup(live_db)
    _desk, page = _open(qtbot, start_desk)
    _find_customer(qtbot, page)
    page.service.select_item(world.placement_item.id)
    page.service.units.setValue(5)
    _take_slot(qtbot, page, TOMORROW, 8 * 60)
    qtbot.waitUntil(lambda: page.service.days_off.count() == 5, timeout=WAIT)
    assert page.service.set_day_off(TOMORROW + timedelta(days=2))
    _wait_candidate(qtbot, page, worker.id)
    page.confirm()
    qtbot.waitUntil(lambda: page.last_outcome is not None, timeout=WAIT)
    with live_db.session() as s:
        order = orders.get_order(s, order_id=page.last_outcome.first.id, actor=Actor.system())
    assert order.kind == "placement" and order.worker_id == worker.id
    assert order.starts_at == local(TOMORROW, 8)
    assert order.ends_at == local(TOMORROW + timedelta(days=5), 8)
    assert order.days_off == (TOMORROW + timedelta(days=2),)


def test_a_weekly_series_from_the_same_form(qtbot, start_desk, live_db):
    world, worker, *_ = _setup(live_db)
    _desk, page = _open(qtbot, start_desk)
    _find_customer(qtbot, page)
    page.service.select_item(world.item.id)
    page.service.repeat.setCurrentIndex(page.service.repeat.findData("weekly"))
    page.service.count.setValue(3)
    _take_slot(qtbot, page, TOMORROW, 9 * 60)
    assert not page.who.offer_button.isEnabled()  # a series keeps its worker by assignment
    _wait_candidate(qtbot, page, worker.id)
    page.confirm()
    qtbot.waitUntil(lambda: page.last_outcome is not None, timeout=WAIT)
    outcome = page.last_outcome
    assert outcome.series_id is not None and len(outcome.order_ids) == 3
    with live_db.session() as s:
        rows = s.execute(
            select(Order.starts_at, Order.worker_id)
            .where(Order.series_id == outcome.series_id)
            .order_by(Order.starts_at)
        ).all()
    assert [r.starts_at for r in rows] == [
        local(TOMORROW + timedelta(days=7 * n), 9) for n in range(3)
    ]
    assert {r.worker_id for r in rows} == {worker.id}


def test_a_frozen_customer_stops_at_the_first_step(qtbot, start_desk, live_db):
    _setup(live_db)
    with live_db.session(write=True) as s:
        customer = s.scalars(select(Customer).where(Customer.phone == PHONE)).one()
        customer.status, customer.status_reason = "frozen", "欠费未结"
    _desk, page = _open(qtbot, start_desk)
    page.picker.set_text(PHONE)
    qtbot.waitUntil(lambda: page.picker.hits.rowCount() == 1, timeout=WAIT)
    qtbot.keyClick(page.picker.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.customer is not None, timeout=WAIT)
    assert "欠费未结" in page.steps[1].error_text
    assert not page.steps[2].isEnabled() and not page.steps[5].isEnabled()
    page.confirm()
    assert page.last_outcome is None and "欠费未结" in page.steps[1].error_text
