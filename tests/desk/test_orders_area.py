"""Orders → All orders and Exceptions, driven through the widgets.

The texts asserted are data (amounts, order numbers) or words from the message catalog
(``t("order.state.…")``), so the tests hold in either language of the Qt translation.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.i18n import t
from jiazheng_desk.models import (
    Customer,
    Order,
    OrderEvent,
    OrderOption,
    ServiceOption,
    ServiceRecord,
)
from jiazheng_desk.services import order_list
from jiazheng_desk.views.orders import orders_page
from tests.booking_factories import local, make_order, make_worker, make_world
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, make_staff

pytestmark = pytest.mark.desk

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
TODAY = date(2026, 11, 20)
WAIT = 15000


@pytest.fixture(autouse=True)
def _frozen_clock():
    clock.freeze(NOW)


def _open(qtbot, start_desk, key="orders.all"):
    desk = start_desk()
    log_in(qtbot, desk, "boss", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=WAIT)
    page = desk.window.open_page(key)
    qtbot.waitUntil(lambda: not page.model.is_loading and page.model.rowCount() > 0, timeout=WAIT)
    return desk, page


def _numbers(page):
    return sorted(page.model.item(r).order_no for r in range(page.model.rowCount()))


def _row_of(page, order_no):
    return next(r for r in range(page.model.rowCount()) if page.model.item(r).order_no == order_no)


def _cell(page, order_no, column):
    model = page.model
    return model.data(model.index(_row_of(page, order_no), column))


def _open_order(qtbot, page, order_no):
    page.table.selectRow(_row_of(page, order_no))
    qtbot.waitUntil(
        lambda: page.detail.file is not None and page.detail.file.detail.order_no == order_no,
        timeout=WAIT,
    )
    return page.detail


def _table_texts(table):
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_the_list_shows_orders_and_filters_by_state_date_and_text(qtbot, start_desk, live_db):
    with live_db.session(write=True) as s:
        make_staff(s, role="hq_admin", username="boss")
        world = make_world(s)
        worker = make_worker(s, world)
        tomorrow = make_order(s, world, local(TODAY + timedelta(days=1), 10))
        done = make_order(s, world, local(TODAY - timedelta(days=2), 10), state="completed")
        gone = make_order(s, world, local(TODAY + timedelta(days=5), 14), state="cancelled")
        taken = make_order(s, world, local(TODAY + timedelta(days=3), 9), worker=worker)
        numbers = {o.order_no: o.state for o in (tomorrow, done, gone, taken)}
    _desk, page = _open(qtbot, start_desk)
    assert _numbers(page) == sorted(numbers)
    # newest service first, states in words
    assert page.model.item(0).order_no == gone.order_no
    assert _cell(page, done.order_no, 8) == t("order.state.completed")
    assert _cell(page, taken.order_no, 7) == worker.name
    assert _cell(page, taken.order_no, 9) == "¥100.00"

    bar = page.filters
    bar.set_states("done")
    qtbot.waitUntil(lambda: _numbers(page) == [done.order_no], timeout=WAIT)
    bar.state.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(_numbers(page)) == 4, timeout=WAIT)

    bar.set_preset("tomorrow")
    qtbot.waitUntil(lambda: _numbers(page) == [tomorrow.order_no], timeout=WAIT)
    bar.set_custom_range(TODAY, TODAY + timedelta(days=3))
    qtbot.waitUntil(
        lambda: _numbers(page) == sorted([tomorrow.order_no, taken.order_no]), timeout=WAIT
    )
    bar.set_preset("any")
    qtbot.waitUntil(lambda: len(_numbers(page)) == 4, timeout=WAIT)

    qtbot.keyClicks(bar.search, gone.order_no.lower())
    qtbot.waitUntil(lambda: _numbers(page) == [gone.order_no], timeout=WAIT)
    assert "1" in page.count.text()


def test_opening_an_order_shows_its_price_lines_and_timeline(qtbot, start_desk, live_db):
    with live_db.session(write=True) as s:
        boss = make_staff(s, role="hq_admin", username="boss", display_name="王经理")
        world = make_world(s)
        order = make_order(s, world, local(TODAY + timedelta(days=2), 10))
        order.base_fen, order.options_fen, order.travel_fee_fen = 10000, 3000, 1500
        order.surcharge_fen, order.discount_fen = 2000, 500
        order.total_fen = 16000
        option = ServiceOption(item_id=world.item.id, name="擦玻璃", price_fen=3000)
        s.add(option)
        s.flush()
        s.add(OrderOption(order_id=order.id, option_id=option.id, name="擦玻璃", price_fen=3000))
        s.add_all(
            [
                OrderEvent(
                    order_id=order.id,
                    event="create",
                    from_state="",
                    to_state="created",
                    actor_kind="staff",
                    actor_id=boss.id,
                    created_at=NOW - timedelta(hours=2),
                ),
                OrderEvent(
                    order_id=order.id,
                    event="confirm",
                    from_state="created",
                    to_state="confirmed",
                    actor_kind="staff",
                    actor_id=boss.id,
                    reason="电话确认",
                    created_at=NOW - timedelta(hours=1),
                ),
            ]
        )
        worker = make_worker(s, world, name="李阿姨")
        s.add(ServiceRecord(order_id=order.id, worker_id=worker.id, kind="text", text="已到门口"))
        number = order.order_no
    _desk, page = _open(qtbot, start_desk)
    detail = _open_order(qtbot, page, number)
    assert detail.title.text() == number
    assert detail.state.text() == t("order.state.confirmed")
    amounts = [row[1] for row in _table_texts(detail.price)]
    assert amounts == ["¥100.00", "¥30.00", "¥15.00", "¥20.00", "-¥5.00", "¥160.00"]
    assert "擦玻璃" in detail.price.item(1, 0).text()
    timeline = _table_texts(detail.timeline)
    assert [row[1] for row in timeline] == [t("order.event.create"), t("order.event.confirm")]
    assert timeline[0][0] == "2026-11-20 07:00"  # local time of the event
    assert "王经理" in timeline[1][3] and timeline[1][4] == "电话确认"
    assert _table_texts(detail.records)[0][1] == "李阿姨"
    assert _table_texts(detail.records)[0][3] == "已到门口"
    assert "擦玻璃" in detail.fact_labels["options"].text()
    # an order waiting for a worker offers these actions to an HQ administrator
    shown = {k for k, b in detail.buttons.items() if not b.isHidden()}
    assert shown == {"cancel", "reschedule", "assign", "open_pool"}


def test_cancelling_shows_the_fee_first_and_the_list_follows(qtbot, start_desk, live_db):
    with live_db.session(write=True) as s:
        make_staff(s, role="hq_admin", username="boss")
        world = make_world(s)
        # five hours ahead: inside the 24-hour window, 20 % of ¥100 is charged
        order = make_order(s, world, NOW + timedelta(hours=5))
        number, order_id = order.order_no, order.id
    _desk, page = _open(qtbot, start_desk)
    detail = _open_order(qtbot, page, number)
    detail.buttons["cancel"].click()
    qtbot.waitUntil(lambda: detail.dialog is not None and detail.dialog.isVisible(), timeout=WAIT)
    dialog = detail.dialog
    assert "¥20.00" in dialog.fee_label.text()
    dialog.ok_button.click()  # no reason yet: asked for, nothing sent
    assert dialog.isVisible() and dialog.errors.fields["reason"].isVisible()
    dialog.reason.setText("客户临时有事")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: _cell(page, number, 8) == t("order.state.cancelled"), timeout=WAIT)
    qtbot.waitUntil(lambda: detail.file.detail.state == "cancelled", timeout=WAIT)
    assert "¥20.00" in detail.fact_labels["cancelled"].text()
    with live_db.session() as s:
        row = s.execute(
            select(Order.state, Order.cancel_fee_fen, Order.cancel_reason).where(
                Order.id == order_id
            )
        ).one()
    assert tuple(row) == ("cancelled", 2000, "客户临时有事")
    assert not detail.buttons["cancel"].isVisible()


def test_a_move_the_worker_cannot_make_is_refused_with_the_reason(qtbot, start_desk, live_db):
    first, second = TODAY + timedelta(days=3), TODAY + timedelta(days=4)
    with live_db.session(write=True) as s:
        make_staff(s, role="hq_admin", username="boss")
        world = make_world(s)
        worker = make_worker(s, world, name="张阿姨")
        order = make_order(s, world, local(first, 10), worker=worker)
        make_order(s, world, local(second, 10), worker=worker)
        number, order_id = order.order_no, order.id
    _desk, page = _open(qtbot, start_desk)
    detail = _open_order(qtbot, page, number)
    detail.buttons["reschedule"].click()
    dialog = detail.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert dialog.keep_worker.isChecked()
    dialog.set_new_start(datetime(second.year, second.month, second.day, 10, 30))
    dialog.reason.setText("客户改时间")
    dialog.ok_button.click()
    qtbot.waitUntil(dialog.errors.general.isVisible, timeout=WAIT)
    assert "张阿姨" in dialog.errors.general.text()
    assert dialog.isVisible() and dialog.reason.text() == "客户改时间"
    assert dialog.ok_button.isEnabled()
    with live_db.session() as s:
        starts = s.scalar(select(Order.starts_at).where(Order.id == order_id))
    assert starts == local(first, 10)


def test_dispatching_from_the_picker_and_a_refused_worker_shows_why(qtbot, start_desk, live_db):
    day = TODAY + timedelta(days=2)
    with live_db.session(write=True) as s:
        make_staff(s, role="hq_admin", username="boss")
        world = make_world(s)
        free = make_worker(s, world, name="周阿姨")
        busy = make_worker(s, world, name="吴阿姨")
        make_order(s, world, local(day, 10), worker=busy)
        order = make_order(s, world, local(day, 10))
        number = order.order_no
    _desk, page = _open(qtbot, start_desk)
    detail = _open_order(qtbot, page, number)
    detail.buttons["assign"].click()
    picker = detail.dialog
    qtbot.waitUntil(lambda: len(picker.candidates) == 1, timeout=WAIT)
    assert picker.candidates[0].name == "周阿姨"
    picker.choose(offer=False, worker_id=busy.id)  # e.g. booked by someone else meanwhile
    qtbot.waitUntil(picker.error.isVisible, timeout=WAIT)
    assert "吴阿姨" in picker.error.text() and picker.isVisible()
    # the list is asked again after a refusal
    qtbot.waitUntil(lambda: not picker.loading, timeout=WAIT)
    assert picker.select_worker(free.id)
    picker.assign_button.click()
    qtbot.waitUntil(lambda: not picker.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: _cell(page, number, 7) == "周阿姨", timeout=WAIT)
    assert _cell(page, number, 8) == t("order.state.accepted")


def test_the_count_stops_at_the_cap(qtbot, start_desk, live_db, monkeypatch):
    monkeypatch.setattr(order_list, "COUNT_CAP", 3)
    monkeypatch.setitem(order_list.count_orders.__kwdefaults__, "cap", 3)
    # pages of two: the first page is full, so the count runs after it is painted
    monkeypatch.setattr(orders_page, "PAGE_SIZE", 2)
    with live_db.session(write=True) as s:
        make_staff(s, role="hq_admin", username="boss")
        world = make_world(s)
        for i in range(5):
            make_order(s, world, local(TODAY + timedelta(days=1), 8 + i))
    _desk, page = _open(qtbot, start_desk)
    qtbot.waitUntil(lambda: "3+" in page.count.text(), timeout=WAIT)
    # the view asks for more pages while it has room: all five arrive, and no more
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=WAIT)
    assert not page.model.canFetchMore()
    page.filters.set_preset("today")
    qtbot.waitUntil(lambda: "3+" not in page.count.text(), timeout=WAIT)


def test_the_exceptions_page_and_the_export_of_the_filtered_list(
    qtbot, start_desk, live_db, tmp_path
):
    with live_db.session(write=True) as s:
        make_staff(s, role="hq_admin", username="boss")
        world = make_world(s)
        worker = make_worker(s, world)
        stuck = make_order(s, world, local(TODAY + timedelta(days=1), 10))
        stuck.exception_reason = "no_worker"
        waiting = make_order(s, world, local(TODAY + timedelta(days=1), 14))
        make_order(s, world, local(TODAY + timedelta(days=2), 10), worker=worker)
        make_order(s, world, local(TODAY - timedelta(days=2), 10), state="completed")
        stuck_no, waiting_no = stuck.order_no, waiting.order_no
    _desk, page = _open(qtbot, start_desk, "orders.exceptions")
    assert _numbers(page) == [stuck_no]
    detail = _open_order(qtbot, page, stuck_no)
    detail.buttons["clear_exception"].click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT)
    page.mode.setCurrentIndex(page.mode.findData("unassigned"))
    qtbot.waitUntil(lambda: _numbers(page) == sorted([stuck_no, waiting_no]), timeout=WAIT)

    target = tmp_path / "unassigned.xlsx"
    page.export_button.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.path.setText(str(target))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.exporter.last_result is not None, timeout=30000)
    page.exporter.message.accept()
    assert page.exporter.last_result.rows == 2 and page.export_button.isEnabled()
    sheet = openpyxl.load_workbook(target).active
    assert sorted(sheet.cell(row=r, column=1).value for r in (2, 3)) == sorted(
        [stuck_no, waiting_no]
    )


def test_opened_from_elsewhere_for_one_customer_or_worker(qtbot, start_desk, live_db):
    with live_db.session(write=True) as s:
        make_staff(s, role="hq_admin", username="boss")
        world = make_world(s)
        worker = make_worker(s, world, name="郑阿姨")
        mine = make_order(s, world, local(TODAY + timedelta(days=1), 10))
        make_order(s, world, local(TODAY + timedelta(days=1), 12))
        theirs = make_order(s, world, local(TODAY + timedelta(days=2), 10), worker=worker)
        customer_id, mine_no, theirs_no = mine.customer_id, mine.order_no, theirs.order_no
        customer_name = s.get(Customer, customer_id).name
    _desk, page = _open(qtbot, start_desk)
    page.show_customer(customer_id)
    qtbot.waitUntil(lambda: _numbers(page) == [mine_no], timeout=WAIT)
    chip = page.filters.customer_chip
    qtbot.waitUntil(lambda: customer_name in chip.label.text(), timeout=WAIT)
    chip.clear_button.click()
    qtbot.waitUntil(lambda: len(_numbers(page)) == 3, timeout=WAIT)
    page.show_worker(worker.id, "郑阿姨")
    qtbot.waitUntil(lambda: _numbers(page) == [theirs_no], timeout=WAIT)
    assert "郑阿姨" in page.filters.worker_chip.label.text()


def test_offer_then_withdraw_and_open_the_grab_pool(qtbot, start_desk, live_db):
    day = TODAY + timedelta(days=2)
    with live_db.session(write=True) as s:
        make_staff(s, role="hq_admin", username="boss")
        world = make_world(s)
        make_worker(s, world, name="孙阿姨")
        number = make_order(s, world, local(day, 10)).order_no
    _desk, page = _open(qtbot, start_desk)
    detail = _open_order(qtbot, page, number)
    detail.buttons["assign"].click()
    picker = detail.dialog
    qtbot.waitUntil(lambda: len(picker.candidates) == 1, timeout=WAIT)
    picker.offer_button.click()
    qtbot.waitUntil(lambda: not picker.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: detail.file.detail.state == "offered", timeout=WAIT)
    assert _table_texts(detail.offer_table)[0][0] == "孙阿姨"
    assert detail.buttons["withdraw_offer"].isVisible()
    detail.buttons["withdraw_offer"].click()
    detail.question.setTextValue("客户改主意")
    detail.question.accept()
    qtbot.waitUntil(lambda: detail.file.detail.state == "confirmed", timeout=WAIT)
    assert [o.state for o in detail.file.detail.offers] == ["withdrawn"]
    qtbot.waitUntil(lambda: detail.buttons["open_pool"].isVisible(), timeout=WAIT)
    detail.buttons["open_pool"].click()
    qtbot.waitUntil(lambda: detail.file.detail.pool_open, timeout=WAIT)
    assert not detail.buttons["open_pool"].isVisible()
