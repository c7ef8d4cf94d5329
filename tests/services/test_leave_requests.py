"""Leave asked for in the worker app and decided at the desk: the branch's list with the
bookings inside each request, approval refused over bookings (naming them), refusal with a
reason — each decision with its state event, audit row and message to the worker."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import AuditLog, Notification, StateEvent, WorkerLeave
from jiazheng_desk.services import booking, leave_requests, schedules
from jiazheng_desk.services.errors import Conflict, PermissionDenied, ValidationError
from tests.booking_factories import local, make_order, make_worker, make_world
from tests.factories import actor, make_staff
from tests.worker_factories import worker_actor

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # Friday 09:00 in Shanghai
LEAVE_DAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _frozen_clock():
    clock.freeze(NOW)


def _request(db, worker, first=LEAVE_DAY, days=2, reason="回老家办事"):
    """Whole days asked for in the app (before any booking lands inside)."""
    return schedules.add_leave(
        db,
        worker_id=worker.id,
        actor=worker_actor(worker),
        starts_at=local(first, 0),
        ends_at=local(first + timedelta(days=days), 0),
        reason=reason,
    )


def _setup(db):
    world = make_world(db)
    other = make_world(db)
    me = actor(make_staff(db, role="dispatcher", branch=world.branch, display_name="调度小李"))
    stranger = actor(make_staff(db, role="dispatcher", branch=other.branch))
    worker = make_worker(db, world, name="李阿姨")
    far = make_worker(db, other, name="远方阿姨")
    return world, other, me, stranger, worker, far


def _status(db, leave_id):
    db.expire_all()
    return db.scalar(select(WorkerLeave.status).where(WorkerLeave.id == leave_id))


def _events(db, leave_id):
    return db.execute(
        select(StateEvent.event, StateEvent.from_state, StateEvent.to_state, StateEvent.reason)
        .where(StateEvent.entity == "worker_leave", StateEvent.entity_id == leave_id)
        .order_by(StateEvent.id)
    ).all()


def _notes(db, worker_id):
    return db.execute(
        select(Notification.kind, Notification.title, Notification.body)
        .where(Notification.recipient_kind == "worker", Notification.recipient_id == worker_id)
        .order_by(Notification.id)
    ).all()


def test_the_list_is_the_branchs_requests_with_the_bookings_inside(db):
    world, _other, me, _stranger, worker, far = _setup(db)
    asked = _request(db, worker)
    _request(db, far)
    # booked after the request (a request blocks nothing until approved)
    inside = make_order(db, world, local(LEAVE_DAY, 10), worker=worker)
    make_order(db, world, local(LEAVE_DAY + timedelta(days=2), 10), worker=worker)  # after

    page = leave_requests.list_leave_requests(db, actor=me)
    assert page.total == 1
    (row,) = page.items
    assert (row.id, row.worker_name, row.worker_phone) == (asked.id, "李阿姨", worker.phone)
    assert (row.kind, row.reason, row.status) == ("leave", "回老家办事", "requested")
    assert row.window == "11月25日–11月26日"
    assert row.requested_at.replace(tzinfo=UTC) == NOW
    assert row.filed_by == "" and row.timezone == "Asia/Shanghai"
    assert row.clash_count == 1
    assert [c.order_no for c in row.clashes] == [inside.order_no]
    assert row.clashes[0].window == "11月25日 10:00–12:00"


def test_hq_sees_every_branch_or_the_one_chosen(db):
    _world, other, _me, _stranger, worker, far = _setup(db)
    _request(db, worker)
    _request(db, far)
    hq = actor(make_staff(db, role="hq_admin"))
    names = {r.worker_name for r in leave_requests.list_leave_requests(db, actor=hq).items}
    assert {"李阿姨", "远方阿姨"} <= names
    chosen = leave_requests.list_leave_requests(db, actor=hq, branch_id=other.branch.id)
    assert [r.worker_name for r in chosen.items] == ["远方阿姨"]


def test_a_dispatcher_of_another_branch_can_neither_list_nor_decide(db):
    world, _other, _me, stranger, worker, _far = _setup(db)
    asked = _request(db, worker)
    _request(db, _far)
    theirs = leave_requests.list_leave_requests(db, actor=stranger, state="all").items
    assert [r.worker_name for r in theirs] == ["远方阿姨"]
    with pytest.raises(PermissionDenied):
        leave_requests.list_leave_requests(db, actor=stranger, branch_id=world.branch.id)
    with pytest.raises(PermissionDenied):
        leave_requests.approve_leave_request(db, actor=stranger, leave_id=asked.id)
    with pytest.raises(PermissionDenied):
        leave_requests.refuse_leave_request(db, actor=stranger, leave_id=asked.id, reason="不行")
    with pytest.raises(PermissionDenied):
        leave_requests.approve_leave_request(db, actor=worker_actor(worker), leave_id=asked.id)
    assert _status(db, asked.id) == "requested"


def test_approving_over_bookings_is_refused_naming_them_then_approved_once_moved(db):
    world, _other, me, _stranger, worker, _far = _setup(db)
    asked = _request(db, worker)
    first = make_order(db, world, local(LEAVE_DAY, 10), worker=worker)
    second = make_order(db, world, local(LEAVE_DAY + timedelta(days=1), 14), worker=worker)

    with pytest.raises(Conflict) as err:
        leave_requests.approve_leave_request(db, actor=me, leave_id=asked.id)
    text = err.value.message("zh_CN")
    assert "2 个订单" in text
    assert first.order_no in text and second.order_no in text
    assert "11月25日 10:00–12:00" in text
    assert _status(db, asked.id) == "requested"
    assert _events(db, asked.id) == []

    # the dispatcher moves the bookings away (here: cancelled), then approves
    first.state = second.state = "cancelled"
    db.flush()
    row = leave_requests.approve_leave_request(db, actor=me, leave_id=asked.id)
    # the same row: its id and when the worker asked are kept
    assert (row.id, row.status, row.clash_count) == (asked.id, "approved", 0)
    assert row.requested_at.replace(tzinfo=UTC) == NOW
    assert row.decided_by == "调度小李"
    assert _events(db, asked.id) == [("approve", "requested", "approved", "")]
    audit = db.execute(
        select(AuditLog.actor_id, AuditLog.entity_id, AuditLog.after_json).where(
            AuditLog.action == "worker.leave_approve"
        )
    ).all()
    assert [(a.actor_id, a.entity_id) for a in audit] == [(me.id, worker.id)]
    assert f'"leave_id": {asked.id}' in audit[0].after_json
    (note,) = _notes(db, worker.id)
    assert note.kind == "leave_approve" and note.title == "请假已批准"
    assert "11月25日–11月26日" in note.body

    # approved leave now blocks bookings, and a second decision is refused
    order = make_order(db, world, local(LEAVE_DAY, 15))
    with pytest.raises(booking.WorkerNotAvailable) as blocked:
        booking.assign(db, order_id=order.id, worker_id=worker.id, actor=me)
    assert blocked.value.reason == "leave"
    with pytest.raises(Conflict):
        leave_requests.refuse_leave_request(db, actor=me, leave_id=asked.id, reason="迟了")
    assert leave_requests.list_leave_requests(db, actor=me).total == 0
    approved = leave_requests.list_leave_requests(db, actor=me, state="approved")
    assert [r.id for r in approved.items] == [asked.id]


def test_many_bookings_inside_are_counted_and_the_first_few_named(db):
    world, _other, me, _stranger, worker, _far = _setup(db)
    asked = _request(db, worker, days=7)
    orders = [
        make_order(db, world, local(LEAVE_DAY + timedelta(days=d), 9), worker=worker)
        for d in range(7)
    ]
    (row,) = leave_requests.list_leave_requests(db, actor=me).items
    assert row.clash_count == 7
    assert [c.order_no for c in row.clashes] == [o.order_no for o in orders[:5]]
    with pytest.raises(Conflict) as err:
        leave_requests.approve_leave_request(db, actor=me, leave_id=asked.id)
    text = err.value.message("en")
    assert text.startswith("7 orders are booked inside the leave")
    assert orders[4].order_no in text and orders[5].order_no not in text and "…" in text


def test_refusing_keeps_the_reason_for_the_worker_and_the_record(db):
    world, _other, me, _stranger, worker, _far = _setup(db)
    asked = _request(db, worker)
    make_order(db, world, local(LEAVE_DAY, 10), worker=worker)
    row = leave_requests.refuse_leave_request(
        db, actor=me, leave_id=asked.id, reason="  月底人手紧张，请改到下月  "
    )
    assert (row.status, row.refusal_reason) == ("rejected", "月底人手紧张，请改到下月")
    assert _events(db, asked.id) == [
        ("reject", "requested", "rejected", "月底人手紧张，请改到下月")
    ]
    (after,) = db.scalars(
        select(AuditLog.after_json).where(
            AuditLog.action == "worker.leave_reject", AuditLog.actor_id == me.id
        )
    ).all()
    assert "月底人手紧张" in after
    (note,) = _notes(db, worker.id)
    assert note.kind == "leave_reject" and note.title == "请假未获批准"
    assert "11月25日–11月26日" in note.body and "原因：月底人手紧张，请改到下月" in note.body
    # the worker sees the decision in the app's list of their leave
    from jiazheng_desk.services import worker_profile

    mine = worker_profile.list_leave(db, actor=worker_actor(worker))
    assert [(v.id, v.status) for v in mine] == [(asked.id, "rejected")]
    refused = leave_requests.list_leave_requests(db, actor=me, state="rejected").items
    assert [(r.id, r.decided_by) for r in refused] == [(asked.id, "调度小李")]
    # a refused leave holds nothing: the booking inside is no clash any more
    assert refused[0].clash_count == 0


def test_refusing_without_a_reason_and_bad_input(db):
    _world, _other, me, _stranger, worker, _far = _setup(db)
    asked = _request(db, worker)
    with pytest.raises(ValidationError):
        leave_requests.refuse_leave_request(db, actor=me, leave_id=asked.id, reason="长" * 256)
    with pytest.raises(ValidationError):
        leave_requests.list_leave_requests(db, actor=me, state="pending?")
    schedules.decide_leave(db, leave_id=asked.id, actor=me, approve=False)
    (note,) = _notes(db, worker.id)
    assert "详情请联系门店" in note.body
    assert _status(db, asked.id) == "rejected"


def test_decide_leave_approves_in_place(db):
    _world, _other, me, _stranger, worker, _far = _setup(db)
    asked = _request(db, worker, first=LEAVE_DAY, days=1)
    view = schedules.decide_leave(db, leave_id=asked.id, actor=me, approve=True)
    assert (view.id, view.status) == (asked.id, "approved")
    calendar = schedules.get_worker_calendar(
        db, worker_id=worker.id, actor=me, first_day=LEAVE_DAY, days=1
    )
    assert [(e.kind, e.id, e.state) for e in calendar.entries] == [("leave", asked.id, "approved")]
