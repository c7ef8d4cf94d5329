"""The worker's own order steps, the position on the way, service records, the day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.models import (
    AuditLog,
    MediaFile,
    Notification,
    Order,
    OrderEvent,
    PlacementDayOff,
    ServiceRecord,
    Worker,
)
from jiazheng_desk.services import order_flow
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import (
    Conflict,
    IllegalTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from tests.booking_factories import local, make_customer, make_order, make_worker, make_world
from tests.worker_factories import make_media, worker_actor

DAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _now():
    # an hour before the 10:00 visit
    clock.freeze(local(DAY, 9))


@pytest.fixture
def job(db):
    world = make_world(db)
    worker = make_worker(db, world)
    worker.work_status = "online"
    order = make_order(db, world, local(DAY, 10), worker=worker)
    customer = Actor(kind="customer", id=order.customer_id, name="客户", source="api")
    return world, worker, worker_actor(worker), order, customer


def _state(db, order_id: int) -> str:
    return db.scalar(
        select(Order.state).where(Order.id == order_id).execution_options(populate_existing=True)
    )


def _work_status(db, worker_id: int) -> str:
    return db.scalar(select(Worker.work_status).where(Worker.id == worker_id))


def test_set_out_start_finish(db, job):
    _world, worker, me, order, _customer = job
    out = order_flow.set_out(db, order_id=order.id, actor=me)
    assert (out.state, _state(db, order.id), _work_status(db, worker.id)) == (
        "on_the_way",
        "on_the_way",
        "busy",
    )
    clock.advance(timedelta(minutes=50))
    assert order_flow.arrive_and_start(db, order_id=order.id, actor=me).state == "in_service"
    clock.advance(timedelta(hours=2))
    done = order_flow.finish(db, order_id=order.id, actor=me)
    assert done.state == "completed"
    row = db.get(Order, order.id, populate_existing=True)
    assert row.completed_at == clock.now()
    assert _work_status(db, worker.id) == "online"
    events = db.scalars(
        select(OrderEvent.event).where(OrderEvent.order_id == order.id).order_by(OrderEvent.id)
    ).all()
    assert events == ["set_out", "start", "finish"]
    notes = db.scalars(
        select(Notification).where(
            Notification.recipient_kind == "customer",
            Notification.recipient_id == order.customer_id,
        )
    ).all()
    assert len(notes) == 3 and all(n.entity_id == order.id for n in notes)
    assert notes[0].title == "服务人员已出发"
    actions = db.scalars(
        select(AuditLog.action).where(AuditLog.entity == "order", AuditLog.entity_id == order.id)
    ).all()
    assert {"order.set_out", "order.start", "order.finish"} <= set(actions)


def test_arriving_without_setting_out_is_fine(db, job):
    _world, _worker, me, order, _c = job
    assert order_flow.arrive_and_start(db, order_id=order.id, actor=me).state == "in_service"


def test_illegal_steps_are_refused_in_words(db, job):
    _world, _worker, me, order, _c = job
    with pytest.raises(IllegalTransition) as caught:
        order_flow.finish(db, order_id=order.id, actor=me)
    assert caught.value.message("en") == "Order is accepted; it cannot be finished."
    assert caught.value.message("zh_CN") == "订单当前状态为“已接单”，不能执行“完成服务”。"
    order_flow.set_out(db, order_id=order.id, actor=me)
    with pytest.raises(IllegalTransition):
        order_flow.set_out(db, order_id=order.id, actor=me)
    assert _state(db, order.id) == "on_the_way"


def test_only_the_orders_worker(db, job):
    world, _worker, _me, order, customer = job
    other = worker_actor(make_worker(db, world))
    with pytest.raises(NotFound):
        order_flow.set_out(db, order_id=order.id, actor=other)
    with pytest.raises(NotFound):
        order_flow.set_out(db, order_id=10**9, actor=other)
    with pytest.raises(PermissionDenied):
        order_flow.set_out(db, order_id=order.id, actor=customer)
    assert _state(db, order.id) == "accepted"


def test_setting_out_long_before_the_visit_is_a_slip(db, job):
    _world, _worker, me, order, _c = job
    clock.freeze(local(DAY, 10) - timedelta(hours=7))
    with pytest.raises(Conflict) as caught:
        order_flow.set_out(db, order_id=order.id, actor=me)
    assert caught.value.key == "order_flow.too_early"
    clock.freeze(local(DAY, 10) - timedelta(hours=5))
    assert order_flow.set_out(db, order_id=order.id, actor=me).state == "on_the_way"


def _location_rows(db, worker_id: int) -> int:
    return db.scalar(
        select(func.count())
        .select_from(ServiceRecord)
        .where(ServiceRecord.worker_id == worker_id, ServiceRecord.kind == "location")
    )


def test_location_only_on_the_way_and_at_most_one_point_per_30s(db, job):
    _world, worker, me, order, customer = job
    with pytest.raises(Conflict) as caught:
        order_flow.report_location(db, order_id=order.id, actor=me, lat=31.2, lng=121.4)
    assert caught.value.key == "order_flow.not_on_the_way"
    order_flow.set_out(db, order_id=order.id, actor=me)
    first = order_flow.report_location(db, order_id=order.id, actor=me, lat=31.20, lng=121.45)
    assert first.stored and first.distance_m > 3000 and first.eta_minutes > 0
    clock.advance(timedelta(seconds=10))
    fast = order_flow.report_location(db, order_id=order.id, actor=me, lat=31.21, lng=121.46)
    assert not fast.stored and fast.eta_minutes is not None  # accepted, not an error
    assert _location_rows(db, worker.id) == 1
    clock.advance(timedelta(seconds=21))
    assert order_flow.report_location(db, order_id=order.id, actor=me, lat=31.22, lng=121.47).stored
    assert _location_rows(db, worker.id) == 2
    seen = order_flow.get_latest_location(db, order_id=order.id, actor=customer)
    assert (seen.lat, seen.lng) == (31.22, 121.47) and seen.eta_minutes < first.eta_minutes
    arrived = order_flow.report_location(
        db, order_id=order.id, actor=me, lat=order.lat, lng=order.lng
    )
    assert (arrived.distance_m, arrived.eta_minutes) == (0, 0)
    order_flow.arrive_and_start(db, order_id=order.id, actor=me)
    # once there, where the worker is is nobody's business
    assert order_flow.get_latest_location(db, order_id=order.id, actor=customer) is None


def test_a_bad_position_names_its_field(db, job):
    _world, _worker, me, order, _c = job
    order_flow.set_out(db, order_id=order.id, actor=me)
    for lat, lng, field in ((91.0, 121.0, "lat"), (31.0, 181.0, "lng"), (float("nan"), 1.0, "lat")):
        with pytest.raises(ValidationError) as caught:
            order_flow.report_location(db, order_id=order.id, actor=me, lat=lat, lng=lng)
        assert caught.value.field == field


def test_another_customer_sees_no_position(db, job):
    world, _worker, me, order, _customer = job
    order_flow.set_out(db, order_id=order.id, actor=me)
    stranger, _ = make_customer(db, world)
    with pytest.raises(NotFound):
        order_flow.get_latest_location(
            db,
            order_id=order.id,
            actor=Actor(kind="customer", id=stranger.id, name="x", source="api"),
        )


def test_service_records_during_the_service(db, job):
    world, _worker, me, order, customer = job
    photo = make_media(db, me).id
    with pytest.raises(Conflict) as caught:
        order_flow.add_record(db, order_id=order.id, actor=me, kind="text", text="开始")
    assert caught.value.key == "order_flow.not_in_service"
    order_flow.arrive_and_start(db, order_id=order.id, actor=me)
    note = order_flow.add_record(db, order_id=order.id, actor=me, kind="text", text="厨房已清洁")
    shot = order_flow.add_record(
        db, order_id=order.id, actor=me, kind="photo", media_id=photo, text="完工"
    )
    video = make_media(db, me, content_type="video/mp4").id
    clip = order_flow.add_record(db, order_id=order.id, actor=me, kind="video", media_id=video)
    row = db.get(MediaFile, photo, populate_existing=True)
    assert (row.entity, row.entity_id) == ("service_record", shot.id)
    assert db.get(ServiceRecord, shot.id).file_path == row.path
    listed = order_flow.list_records(db, order_id=order.id, actor=customer)
    assert [(r.kind, r.text, r.media_id) for r in listed] == [
        ("text", "厨房已清洁", None),
        ("photo", "完工", photo),
        ("video", "", video),
    ]
    assert note.id < shot.id < clip.id
    stranger, _ = make_customer(db, world)
    with pytest.raises(NotFound):
        order_flow.list_records(
            db, order_id=order.id, actor=Actor(kind="customer", id=stranger.id, name="x")
        )


@pytest.mark.parametrize(
    ("kind", "text", "media", "key"),
    [
        ("text", "  ", None, "error.required"),
        ("text", "x", "own_image", "order_flow.text_no_media"),
        ("photo", "", None, "order_flow.needs_image"),
        ("video", "", None, "order_flow.needs_video"),
        ("photo", "", "own_video", "media.needs_image"),
        ("photo", "", "their_image", "media.not_yours"),
        ("photo", "", "used_image", "media.already_used"),
        ("audio", "", None, "order_flow.bad_record_kind"),
    ],
)
def test_bad_records_are_refused(db, job, kind, text, media, key):
    world, _worker, me, order, _c = job
    order_flow.arrive_and_start(db, order_id=order.id, actor=me)
    other = worker_actor(make_worker(db, world))
    files = {
        "own_image": lambda: make_media(db, me).id,
        "own_video": lambda: make_media(db, me, content_type="video/mp4").id,
        "their_image": lambda: make_media(db, other).id,
        "used_image": lambda: make_media(db, me, entity="service_record", entity_id=1).id,
    }
    media_id = files[media]() if media else None
    with pytest.raises(ValidationError) as caught:
        order_flow.add_record(
            db, order_id=order.id, actor=me, kind=kind, text=text, media_id=media_id
        )
    assert caught.value.key == key


def test_the_day_in_the_branch_zone(db, job):
    world, worker, me, order, _c = job
    late = make_order(db, world, local(DAY, 23, 30), minutes=60, worker=worker)
    make_order(db, world, local(DAY + timedelta(days=1), 0, 30), minutes=60, worker=worker)
    cancelled = make_order(db, world, local(DAY, 15), worker=worker)
    cancelled.state = "cancelled"
    placement = make_order(
        db, world, local(DAY - timedelta(days=2), 8), minutes=5 * 1440, item=world.placement_item
    )
    placement.worker_id, placement.state = worker.id, "accepted"
    db.add(PlacementDayOff(order_id=placement.id, day=DAY))
    make_order(db, world, local(DAY, 12), worker=make_worker(db, world))
    db.flush()
    day = order_flow.list_day(db, actor=me, day=DAY)
    assert day.timezone == "Asia/Shanghai"
    assert [e.order_id for e in day.entries] == [placement.id, order.id, late.id]
    assert [e.day_off for e in day.entries] == [True, False, False]
    assert day.entries[1].kind == "visit" and day.entries[0].kind == "placement"
    # today by default, in the branch's zone (01:00 UTC is 09:00 in Shanghai)
    clock.freeze(datetime(2026, 11, 23, 1, 0, tzinfo=UTC))
    assert order_flow.list_day(db, actor=me).day == DAY


def test_what_the_worker_sees_of_the_customer_follows_the_job(db, job):
    world, worker, me, order, _c = job
    seen = order_flow.get_my_order(db, order_id=order.id, actor=me).detail
    assert seen.customer_phone and seen.address_text == order.address_text and seen.lat
    offered = make_order(db, world, local(DAY, 15), worker=worker)
    offered.state = "offered"
    db.flush()
    hidden = order_flow.get_my_order(db, order_id=offered.id, actor=me).detail
    assert (hidden.customer_phone, hidden.address_text, hidden.lat) == (
        "",
        world.district.name,
        None,
    )
    listed = {e.order_id: e for e in order_flow.list_day(db, actor=me, day=DAY).entries}
    assert listed[offered.id].address_text == world.district.name and listed[offered.id].lat is None
    assert listed[order.id].address_text == order.address_text
    order_flow.arrive_and_start(db, order_id=order.id, actor=me)
    order_flow.finish(db, order_id=order.id, actor=me)
    done = order_flow.get_my_order(db, order_id=order.id, actor=me)
    assert done.detail.customer_phone == "" and done.detail.address_text == order.address_text
    with pytest.raises(NotFound):
        order_flow.get_my_order(db, order_id=order.id, actor=worker_actor(make_worker(db, world)))


def test_a_day_outside_any_sensible_calendar_is_refused(db, job):
    _world, _worker, me, _order, _c = job
    for day in (date(1, 1, 1), date(9999, 12, 31)):
        with pytest.raises(ValidationError) as caught:
            order_flow.list_day(db, actor=me, day=day)
        assert caught.value.field == "day"
