"""Dispatch → Worker calendar, driven through the widgets: a worker's month with a visit and
leave, leave refused over a booking (the message names the order), added and cancelled."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import WorkerLeave
from tests.booking_factories import give_leave, local, make_order, make_worker, make_world
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, make_staff

pytestmark = pytest.mark.desk

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # Friday 09:00 in Shanghai
TOMORROW = date(2026, 11, 21)
LEAVE_DAY = date(2026, 11, 25)
FREE_DAY = date(2026, 11, 27)
WAIT = 15000


@pytest.fixture(autouse=True)
def _frozen_clock():
    clock.freeze(NOW)


def _setup(live_db):
    with live_db.session(write=True) as s:
        world = make_world(s)
        make_staff(s, role="dispatcher", branch=world.branch, username="disp")
        li = make_worker(s, world, name="李阿姨")
        make_worker(s, world, name="王阿姨")
        order = make_order(s, world, local(TOMORROW, 10), 120, worker=li)
        give_leave(s, li, local(LEAVE_DAY, 0), local(date(2026, 11, 26), 0))
        return li.id, order.order_no


def _open(qtbot, start_desk, worker_id):
    desk = start_desk()
    log_in(qtbot, desk, "disp", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=WAIT)
    page = desk.window.open_page("dispatch.calendar")
    qtbot.waitUntil(lambda: len(page.workers) == 2, timeout=WAIT)
    page.search.setText("李")  # QtTest types ASCII only
    qtbot.waitUntil(lambda: [w.name for w in page.workers] == ["李阿姨"], timeout=WAIT)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: page.calendar is not None and page.calendar.worker_id == worker_id, timeout=WAIT
    )
    return desk, page


def test_the_month_shows_a_visit_leave_and_shifts(qtbot, start_desk, live_db):
    worker_id, order_no = _setup(live_db)
    _desk, page = _open(qtbot, start_desk, worker_id)
    grid = page.month_grid
    assert grid.month == date(2026, 11, 1)
    assert [e.kind for e in grid.entries_of(TOMORROW)] == ["visit"]
    assert order_no in grid.entries_of(TOMORROW)[0].title
    assert [e.kind for e in grid.entries_of(LEAVE_DAY)] == ["leave"]
    assert "08:00–20:00" in page.shifts.text()

    grid.setFocus()
    grid.choose(date(2026, 11, 20))
    qtbot.keyClick(grid, Qt.Key.Key_Right)  # the arrows move the chosen day
    assert grid.chosen == TOMORROW
    assert page.day_table.rowCount() == 1
    assert page.day_table.item(0, 0).text() == "10:00–12:00"
    assert order_no in page.day_table.item(0, 2).text()

    page.next_button.click()
    qtbot.waitUntil(lambda: grid.month == date(2026, 12, 1), timeout=WAIT)
    # December's six weeks begin on Monday 30 November: the visit is no longer shown
    qtbot.waitUntil(lambda: not grid.entries_of(TOMORROW), timeout=WAIT)
    assert page.month_label.text() == "2026-12"


def test_leave_over_a_booking_is_refused_with_the_order_then_added_and_cancelled(
    qtbot, start_desk, live_db
):
    worker_id, order_no = _setup(live_db)
    _desk, page = _open(qtbot, start_desk, worker_id)
    page.month_grid.choose(TOMORROW)
    page.add_leave_button.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.reason.setText("家里有事")
    dialog.ok_button.click()
    error = dialog.errors.general
    qtbot.waitUntil(error.isVisible, timeout=WAIT)
    assert order_no in error.text() and "10:00–12:00" in error.text()
    assert dialog.isVisible() and dialog.reason.text() == "家里有事"

    day = QDate(FREE_DAY.year, FREE_DAY.month, FREE_DAY.day)
    dialog.from_day.setDate(day)
    dialog.to_day.setDate(day)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(
        lambda: [e.kind for e in page.month_grid.entries_of(FREE_DAY)] == ["leave"], timeout=WAIT
    )

    page.month_grid.choose(LEAVE_DAY)
    page.day_table.selectRow(0)
    assert page.cancel_leave_button.isEnabled()
    page.cancel_leave_button.click()
    qtbot.waitUntil(lambda: not page.month_grid.entries_of(LEAVE_DAY), timeout=WAIT)
    with live_db.session() as s:
        states = s.scalars(
            select(WorkerLeave.status)
            .where(WorkerLeave.worker_id == worker_id)
            .order_by(WorkerLeave.starts_at)
        ).all()
    assert states == ["cancelled", "approved"]
