"""Complaints from the phone and the app; calls back after a first order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.models import CareCallback
from jiazheng_desk.services import callbacks, complaints, settings
from jiazheng_desk.services.callbacks import CallbackFilter
from jiazheng_desk.services.complaints import ComplaintFilter
from jiazheng_desk.services.errors import (
    Conflict,
    IllegalTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from tests.booking_factories import local, make_customer
from tests.factories import actor, make_staff
from tests.quality_factories import DAY, completed_order, customer_of, open_shop


@pytest.fixture(autouse=True)
def _now():
    clock.freeze(local(DAY, 20))


def test_a_phone_complaint_gets_its_deadline_from_the_priority(db):
    shop = open_shop(db)
    order = completed_order(db, shop)
    hq = actor(make_staff(db, role="hq_admin"))
    settings.set_setting(
        db, actor=hq, key="quality.deadline_hours_urgent", value=2, branch_id=shop.branch_id
    )
    made = complaints.create_complaint(
        db,
        actor=shop.boss,
        order_id=order.id,
        category="damage",
        priority="urgent",
        text="打碎了花瓶",
        owner_id=shop.manager.id,
    )
    row = made.row
    assert (row.category, row.priority, row.channel, row.state) == (
        "damage",
        "urgent",
        "phone",
        "open",
    )
    assert row.deadline_at == clock.now() + timedelta(hours=2)
    assert (row.worker_id, row.customer_id, row.owner_name) == (
        shop.worker.id,
        order.customer_id,
        "王店长",
    )
    normal = complaints.create_complaint(
        db, actor=shop.boss, customer_id=order.customer_id, category="billing", text="多收钱"
    )
    assert normal.row.deadline_at == clock.now() + timedelta(hours=48)


def test_bad_input_is_refused_with_its_field(db):
    shop = open_shop(db)
    order = completed_order(db, shop)
    cases = [
        ({"category": "weather", "text": "x"}, "category"),
        ({"category": "late", "priority": "asap", "text": "x"}, "priority"),
        ({"category": "late", "text": "  "}, "text"),
    ]
    for kwargs, field in cases:
        with pytest.raises(ValidationError) as refused:
            complaints.create_complaint(db, actor=shop.boss, order_id=order.id, **kwargs)
        assert refused.value.field == field
    with pytest.raises(ValidationError):
        complaints.create_complaint(db, actor=shop.boss, category="late", text="无主投诉")


def test_state_machine_and_history(db):
    shop = open_shop(db)
    order = completed_order(db, shop)
    made = complaints.create_complaint(
        db, actor=shop.boss, order_id=order.id, category="late", text="迟到一小时"
    )
    cid = made.row.id
    with pytest.raises(IllegalTransition):
        complaints.move_complaint(db, actor=shop.boss, complaint_id=cid, event="close")
    complaints.move_complaint(db, actor=shop.boss, complaint_id=cid, event="start")
    with pytest.raises(ValidationError) as no_resolution:
        complaints.move_complaint(db, actor=shop.boss, complaint_id=cid, event="resolve")
    assert no_resolution.value.field == "resolution"
    complaints.move_complaint(
        db, actor=shop.boss, complaint_id=cid, event="resolve", resolution="已致歉并提醒服务人员"
    )
    closed = complaints.move_complaint(db, actor=shop.boss, complaint_id=cid, event="close")
    assert closed.row.closed_at is not None
    with pytest.raises(ValidationError):
        complaints.move_complaint(db, actor=shop.boss, complaint_id=cid, event="reopen")
    back = complaints.move_complaint(
        db, actor=shop.boss, complaint_id=cid, event="reopen", note="客户仍不满意"
    )
    assert back.row.state == "reopened"
    assert back.row.closed_at is None
    assert [(s.event, s.to_state) for s in back.steps] == [
        ("create", "open"),
        ("start", "in_progress"),
        ("resolve", "resolved"),
        ("close", "closed"),
        ("reopen", "reopened"),
    ]


def test_overdue_flag_and_filters(db):
    shop = open_shop(db)
    order = completed_order(db, shop)
    late = complaints.create_complaint(
        db, actor=shop.boss, order_id=order.id, category="late", priority="urgent", text="迟到"
    )
    complaints.create_complaint(
        db, actor=shop.boss, order_id=order.id, category="quality", priority="low", text="不干净"
    )
    clock.advance(timedelta(hours=5))
    overdue = complaints.list_complaints(
        db, actor=shop.boss, flt=ComplaintFilter(overdue_only=True)
    )
    assert [r.id for r in overdue.items] == [late.row.id]
    assert overdue.items[0].overdue
    both = complaints.list_complaints(db, actor=shop.boss, flt=ComplaintFilter(state="active"))
    assert both.total == 2
    by_cat = complaints.list_complaints(
        db, actor=shop.boss, flt=ComplaintFilter(category="quality")
    )
    assert by_cat.total == 1
    assert not by_cat.items[0].overdue


def test_the_app_files_one_complaint_per_own_order(db):
    shop = open_shop(db)
    order = completed_order(db, shop)
    me = customer_of(order)
    row = complaints.file_my_complaint(
        db, actor=me, order_id=order.id, category="attitude", text="说话很冲"
    )
    assert (row.channel, row.state, row.worker_id) == ("app", "open", shop.worker.id)
    with pytest.raises(Conflict):
        complaints.file_my_complaint(db, actor=me, order_id=order.id, category="late", text="又")
    stranger = customer_of(completed_order(db, shop))
    with pytest.raises(NotFound):
        complaints.file_my_complaint(
            db, actor=stranger, order_id=order.id, category="late", text="x"
        )


def test_finance_cannot_handle_complaints(db):
    shop = open_shop(db)
    finance = actor(make_staff(db, role="finance", branch=shop.world.branch))
    with pytest.raises(PermissionDenied):
        complaints.list_complaints(db, actor=finance)


def test_first_order_callbacks_are_planned_once(db):
    shop = open_shop(db)
    first = completed_order(db, shop, hour=9)
    # the same customer's second order: no second call
    again = completed_order(db, shop, hour=14)
    again.customer_id = first.customer_id
    customer, _address = make_customer(db, shop.world)
    db.flush()
    system = shop.boss
    assert callbacks.schedule_first_order_callbacks(db, actor=system, now=clock.now()) == 1
    assert callbacks.schedule_first_order_callbacks(db, actor=system, now=clock.now()) == 0
    call = db.scalar(select(CareCallback).where(CareCallback.customer_id == first.customer_id))
    assert (call.kind, call.order_id, call.state) == ("first_order", first.id, "pending")
    assert call.due_at == first.ends_at + timedelta(hours=24)
    assert db.scalar(select(func.count(CareCallback.id))) >= 1
    assert customer.id != first.customer_id


def test_callback_worklist_and_result(db):
    shop = open_shop(db)
    order = completed_order(db, shop, hour=9)
    callbacks.schedule_first_order_callbacks(db, actor=shop.boss, now=clock.now())
    due_today = callbacks.list_callbacks(db, actor=shop.boss)
    assert due_today.total == 0  # due tomorrow
    clock.advance(timedelta(days=2))
    due = callbacks.list_callbacks(db, actor=shop.boss)
    assert [r.order_id for r in due.items] == [order.id]
    assert due.items[0].overdue
    with pytest.raises(ValidationError):
        callbacks.record_callback(
            db, actor=shop.boss, callback_id=due.items[0].id, result="satisfied", note=""
        )
    done = callbacks.record_callback(
        db, actor=shop.boss, callback_id=due.items[0].id, result="satisfied", note="很满意"
    )
    assert (done.state, done.result, done.done_by_name) == ("done", "satisfied", "王店长")
    assert callbacks.list_callbacks(db, actor=shop.boss).total == 0
    assert callbacks.list_callbacks(db, actor=shop.boss, flt=CallbackFilter(when="done")).total == 1
    with pytest.raises(IllegalTransition):
        callbacks.record_callback(db, actor=shop.boss, callback_id=done.id, result="unreachable")
