"""Dispatch → Leave requests, driven through the widgets: a worker's request from the app
shows with the booking inside it; approving over the booking is refused naming the order;
once approved it leaves the pending list and the worker calendar shows the leave; a
refusal asks for the reason and keeps it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import Notification, Order, WorkerLeave
from jiazheng_desk.services import schedules
from tests.booking_factories import local, make_order, make_worker, make_world
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, make_staff
from tests.worker_factories import worker_actor

pytestmark = pytest.mark.desk

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # Friday 09:00 in Shanghai
LEAVE_DAY = date(2026, 11, 25)
OTHER_DAY = date(2026, 12, 3)
WAIT = 15000


@pytest.fixture(autouse=True)
def _frozen_clock():
    clock.freeze(NOW)


def _setup(live_db):
    """李阿姨 asks for two days (a booking lands inside later), 王阿姨 for one free day."""
    with live_db.session(write=True) as s:
        world = make_world(s)
        make_staff(s, role="dispatcher", branch=world.branch, username="disp")
        li = make_worker(s, world, name="李阿姨")
        wang = make_worker(s, world, name="王阿姨")
        ids = {}
        for worker, first, days in ((li, LEAVE_DAY, 2), (wang, OTHER_DAY, 1)):
            ids[worker.name] = schedules.add_leave(
                s,
                worker_id=worker.id,
                actor=worker_actor(worker),
                starts_at=local(first, 0),
                ends_at=local(first + timedelta(days=days), 0),
                reason="家里有事",
            ).id
        order = make_order(s, world, local(LEAVE_DAY, 10), 120, worker=li)
        return li.id, wang.id, ids, order.id, order.order_no


def _open(qtbot, start_desk):
    desk = start_desk()
    log_in(qtbot, desk, "disp", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=WAIT)
    page = desk.window.open_page("dispatch.leave")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT)
    return desk, page


def _row_of(page, name):
    for row in range(page.model.rowCount()):
        if page.model.item(row).worker_name == name:
            return row
    raise AssertionError(name)


def _cell(page, row, column):
    return page.model.index(row, column).data()


def _error_box():
    boxes = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "errorDialog" and w.isVisible()
    ]
    return boxes[0] if boxes else None


def _status(live_db, leave_id):
    with live_db.session() as s:
        return s.scalar(select(WorkerLeave.status).where(WorkerLeave.id == leave_id))


def test_approve_over_a_booking_is_refused_then_approved_and_shown_in_the_calendar(
    qtbot, start_desk, live_db
):
    li_id, _wang_id, ids, order_id, order_no = _setup(live_db)
    desk, page = _open(qtbot, start_desk)
    row = _row_of(page, "李阿姨")
    assert _cell(page, row, 4) == "11月25日–11月26日"
    assert _cell(page, row, 5) == "家里有事"
    assert order_no in _cell(page, row, 7)
    assert not page.approve_button.isEnabled()

    page.table.selectRow(row)
    assert page.approve_button.isEnabled() and page.refuse_button.isEnabled()
    assert order_no in page.detail.text() and "10:00–12:00" in page.detail.text()

    page.approve_button.click()
    qtbot.waitUntil(lambda: _error_box() is not None, timeout=WAIT)
    box = _error_box()
    assert order_no in box.text() and "请先改派或改期" in box.text()
    box.close()
    assert _status(live_db, ids["李阿姨"]) == "requested"

    # the dispatcher moves the booking off the leave (here: the customer cancelled)
    with live_db.session(write=True) as s:
        s.get(Order, order_id).state = "cancelled"
    page.model.reload()
    qtbot.waitUntil(lambda: _cell(page, _row_of(page, "李阿姨"), 7) == "—", timeout=WAIT)
    page.table.selectRow(_row_of(page, "李阿姨"))
    assert order_no not in page.detail.text()
    page.approve_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    assert page.model.item(0).worker_name == "王阿姨"
    assert "李阿姨" in page.status.text()
    assert _status(live_db, ids["李阿姨"]) == "approved"

    # all: the approved one is there with who decided
    page.state.setCurrentIndex(page.state.findData("all"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT)
    approved = _row_of(page, "李阿姨")
    assert _cell(page, approved, 8) == "已批准"
    page.table.selectRow(approved)
    assert not page.approve_button.isEnabled()

    # the worker calendar, opened from here, shows the approved leave
    assert page.calendar_button.isEnabled()
    page.calendar_button.click()
    calendar = desk.window.stack.currentWidget()
    assert calendar.objectName() == "page:dispatch.calendar"
    qtbot.waitUntil(
        lambda: calendar.calendar is not None and calendar.calendar.worker_id == li_id,
        timeout=WAIT,
    )
    entries = calendar.month_grid.entries_of(LEAVE_DAY)
    assert [(e.kind, e.state) for e in entries] == [("leave", "approved")]


def test_refuse_asks_for_the_reason_and_the_worker_is_told(qtbot, start_desk, live_db):
    _li_id, wang_id, ids, _order_id, _order_no = _setup(live_db)
    _desk, page = _open(qtbot, start_desk)
    page.table.selectRow(_row_of(page, "王阿姨"))
    page.refuse_button.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert "王阿姨" in dialog.intro.text()
    dialog.reason.setText("x" * 255 + "!")  # the field stops at 255 characters
    assert len(dialog.reason.text()) == 255
    dialog.reason.setText("那周人手紧张，请改到下周")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    assert page.model.item(0).worker_name == "李阿姨"
    assert _status(live_db, ids["王阿姨"]) == "rejected"

    page.state.setCurrentIndex(page.state.findData("rejected"))
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 1 and page.model.item(0).worker_name == "王阿姨",
        timeout=WAIT,
    )
    assert "那周人手紧张" in _cell(page, 0, 9)
    with live_db.session() as s:
        body = s.scalar(
            select(Notification.body).where(
                Notification.recipient_kind == "worker", Notification.recipient_id == wang_id
            )
        )
    assert "那周人手紧张，请改到下周" in body
