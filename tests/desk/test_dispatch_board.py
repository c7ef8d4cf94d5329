"""Dispatch → Dispatch board, driven through the widgets: lanes and the unassigned queue,
drops (refused with the rule's reason, or assigning), the right-click menu, and the poll
that follows changes made elsewhere."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.i18n import t
from jiazheng_desk.models import Order
from jiazheng_desk.services.timeutil import window_text
from jiazheng_desk.views.dispatch.board_view import order_mime
from tests.booking_factories import local, make_order, make_worker, make_world
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, make_staff

pytestmark = pytest.mark.desk

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # Friday 09:00 in Shanghai
TOMORROW = date(2026, 11, 21)
WAIT = 15000


@pytest.fixture(autouse=True)
def _frozen_clock():
    clock.freeze(NOW)


def _setup(live_db):
    with live_db.session(write=True) as s:
        world = make_world(s)
        make_staff(s, role="dispatcher", branch=world.branch, username="disp")
        li = make_worker(s, world, name="李阿姨")
        wang = make_worker(s, world, name="王阿姨")
        busy = make_order(s, world, local(TOMORROW, 10), 120, worker=li)
        waiting = make_order(s, world, local(TOMORROW, 11), 120)
        return world, li.id, wang.id, busy.id, waiting.id


def _open(qtbot, start_desk):
    desk = start_desk()
    log_in(qtbot, desk, "disp", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=WAIT)
    page = desk.window.open_page("dispatch.board")
    qtbot.waitUntil(lambda: page.board is not None, timeout=WAIT)
    page.set_day(TOMORROW)
    qtbot.waitUntil(lambda: page.board.first_day == TOMORROW, timeout=WAIT)
    return desk, page


def _drop(page, order_id, worker_id):
    """What a mouse drop does: enter, move over the lane, release."""
    view = page.view
    pos = QPointF(view.lane_center(worker_id))
    mime = order_mime(order_id)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    action = Qt.DropAction.MoveAction
    for event in (
        QDragEnterEvent(pos.toPoint(), action, mime, buttons, keys),
        QDragMoveEvent(pos.toPoint(), action, mime, buttons, keys),
        QDropEvent(pos, action, mime, buttons, keys),
    ):
        QApplication.sendEvent(view.viewport(), event)


def _worker_of(live_db, order_id):
    with live_db.session() as s:
        return s.scalar(select(Order.worker_id).where(Order.id == order_id))


def test_lanes_and_the_queue_show_and_a_drop_that_overlaps_is_refused(qtbot, start_desk, live_db):
    _world, li, _wang, busy, waiting = _setup(live_db)
    _desk, page = _open(qtbot, start_desk)
    assert [lane.name for lane in page.view.lanes] == ["李阿姨", "王阿姨"]
    assert [b.order_id for b in page.view.lanes[0].blocks] == [busy]
    assert [b.order_id for b in page.queue.blocks] == [waiting]
    assert "1" in page.queue_title.text()

    loads = page.loads
    _drop(page, waiting, li)
    qtbot.waitUntil(lambda: page.status.property("kind") == "error", timeout=WAIT)
    expected = t(
        "fit.overlap",
        worker="李阿姨",
        window=window_text(local(TOMORROW, 10), local(TOMORROW, 12), "Asia/Shanghai"),
    )
    assert page.status.text() == expected and page.status.isVisible()
    qtbot.waitUntil(lambda: page.loads > loads, timeout=WAIT)
    # the order stays where it was: in the queue, without a worker
    assert [b.order_id for b in page.queue.blocks] == [waiting]
    assert _worker_of(live_db, waiting) is None


def test_a_valid_drop_assigns_and_a_drag_between_lanes_moves(qtbot, start_desk, live_db):
    _world, li, wang, busy, waiting = _setup(live_db)
    _desk, page = _open(qtbot, start_desk)
    _drop(page, waiting, wang)
    qtbot.waitUntil(lambda: page.status.property("kind") == "ok", timeout=WAIT)
    qtbot.waitUntil(lambda: page.queue.count() == 0, timeout=WAIT)
    assert _worker_of(live_db, waiting) == wang
    assert [b.order_id for b in page.view.lanes[1].blocks] == [waiting]

    # 李阿姨's order onto 王阿姨's lane: 王阿姨 is busy 11–13 now, so it is refused and
    # 李阿姨 keeps it
    page.show_message("", "info")
    _drop(page, busy, wang)
    qtbot.waitUntil(lambda: page.status.property("kind") == "error", timeout=WAIT)
    assert "王阿姨" in page.status.text()
    assert _worker_of(live_db, busy) == li
    assert [b.order_id for b in page.view.lanes[0].blocks] == [busy]


def test_the_poll_reloads_when_another_desk_changes_the_day(qtbot, start_desk, live_db):
    world, _li, _wang, _busy, _waiting = _setup(live_db)
    _desk, page = _open(qtbot, start_desk)
    qtbot.waitUntil(lambda: page.ctx.runner.pending_count == 0, timeout=WAIT)
    loads = page.loads
    page.poll()  # nothing changed: no reload
    qtbot.waitUntil(lambda: not page.polling, timeout=WAIT)
    assert page.loads == loads

    with live_db.session(write=True) as s:
        make_order(s, world, local(TOMORROW, 15), 120)
    page.poll()
    qtbot.waitUntil(lambda: page.queue.count() == 2, timeout=WAIT)
    assert page.loads == loads + 1


def test_the_menu_opens_an_order_to_the_grab_pool_and_the_week_view(qtbot, start_desk, live_db):
    _world, _li, _wang, _busy, waiting = _setup(live_db)
    _desk, page = _open(qtbot, start_desk)
    block = page.queue.blocks[0]
    menu = page.board_actions.menu_for(block)
    names = [a.objectName() for a in menu.actions() if a.objectName()]
    assert names == ["board:pick", "board:pool", "board:auto", "board:details", "board:cancel"]
    next(a for a in menu.actions() if a.objectName() == "board:pool").trigger()
    qtbot.waitUntil(lambda: page.status.property("kind") == "ok", timeout=WAIT)
    qtbot.waitUntil(lambda: page.queue.blocks and page.queue.blocks[0].pool_open, timeout=WAIT)
    with live_db.session() as s:
        assert s.scalar(select(Order.pool_open).where(Order.id == waiting))

    page.set_week(True)
    qtbot.waitUntil(lambda: page.board.days == 7, timeout=WAIT)
    monday = TOMORROW - timedelta(days=TOMORROW.weekday())
    assert page.board.first_day == monday and len(page.view.lanes) == 2
    assert page.view.lanes[0].blocks  # 李阿姨's order still on her lane that week


def test_auto_dispatch_the_day_says_what_it_did(qtbot, start_desk, live_db):
    _world, _li, wang, _busy, waiting = _setup(live_db)
    _desk, page = _open(qtbot, start_desk)
    page.auto_button.click()
    qtbot.waitUntil(lambda: page.status.property("kind") == "ok", timeout=WAIT)
    assert "1" in page.status.text()
    qtbot.waitUntil(lambda: page.queue.count() == 0, timeout=WAIT)
    assert _worker_of(live_db, waiting) == wang
