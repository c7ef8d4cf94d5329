"""Certificate expiry: the "expiring soon" list, the 30- and 7-day reminders, and the rule
that an expiring certificate blocks the worker on and after its expiry day in every path
of dispatch (candidates, assign, offers, the grab pool, free slots, the apps' search)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import AuditLog, Notification, ServiceItem, Skill, WorkerDocument
from jiazheng_desk.services import (
    booking,
    cert_expiry,
    dispatch,
    offers,
    worker_offers,
    worker_records,
    worker_search,
)
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.booking import WorkerNotAvailable
from jiazheng_desk.services.errors import PermissionDenied, ValidationError
from jiazheng_desk.services.worker_search import WorkerQuery
from tests.booking_factories import give_certificate, local, make_order, make_worker, make_world
from tests.factories import actor, make_staff
from tests.worker_factories import worker_actor

DAY = date(2026, 11, 23)  # a Monday: "today" in these tests
TOMORROW = DAY + timedelta(days=1)
HEALTH = "健康证"


@pytest.fixture(autouse=True)
def _now():
    clock.freeze(local(DAY, 7))
    set_language("en")


class Shop:
    """A world with a cleaning service that needs a health certificate (健康证)."""

    def __init__(self, db) -> None:
        self.world = make_world(db)
        self.skill = Skill(code=f"kitchen{self.world.branch.id}", name="厨房保洁")
        self.skill.required_cert_type = HEALTH
        db.add(self.skill)
        db.flush()
        self.item = ServiceItem(
            category_id=self.world.item.category_id,
            code=f"kitchen{self.world.branch.id}",
            name="厨房深度保洁",
            unit="hour",
            kind="visit",
            min_units=2,
            minutes_per_unit=60,
            base_minutes=0,
            base_price_fen=6000,
            skill_id=self.skill.id,
            required_level=1,
        )
        db.add(self.item)
        db.flush()
        self.dispatcher = actor(make_staff(db, role="dispatcher", branch=self.world.branch))
        # the worker whose health certificate expires tomorrow
        self.worker = make_worker(db, self.world, name="王阿姨", skills=(self.skill,))
        give_certificate(db, self.worker, HEALTH, expires_on=TOMORROW)

    def order(self, db, day: date, hour: int = 10):
        return make_order(db, self.world, local(day, hour), item=self.item)


@pytest.fixture
def shop(db):
    return Shop(db)


def _candidate_ids(db, shop, order) -> list[int]:
    return [
        c.worker_id
        for c in dispatch.candidates(db, order_id=order.id, actor=shop.dispatcher, limit=50)
    ]


# --- the gate, path by path -----------------------------------------------------------


def test_candidates_today_but_not_tomorrow(db, shop):
    assert shop.worker.id in _candidate_ids(db, shop, shop.order(db, DAY))
    assert shop.worker.id not in _candidate_ids(db, shop, shop.order(db, TOMORROW))


def test_assign_today_but_not_tomorrow(db, shop):
    with pytest.raises(WorkerNotAvailable) as err:
        booking.assign(
            db,
            order_id=shop.order(db, TOMORROW).id,
            worker_id=shop.worker.id,
            actor=shop.dispatcher,
        )
    assert err.value.reason == "certificate"
    assert HEALTH in str(err.value) and TOMORROW.isoformat() in str(err.value)
    done = booking.assign(
        db, order_id=shop.order(db, DAY).id, worker_id=shop.worker.id, actor=shop.dispatcher
    )
    assert done.worker_id == shop.worker.id


def test_offer_today_but_not_tomorrow(db, shop):
    with pytest.raises(WorkerNotAvailable) as err:
        offers.offer(
            db,
            order_id=shop.order(db, TOMORROW).id,
            worker_id=shop.worker.id,
            actor=shop.dispatcher,
        )
    assert err.value.reason == "certificate"
    offer_id = offers.offer(
        db, order_id=shop.order(db, DAY).id, worker_id=shop.worker.id, actor=shop.dispatcher
    )
    assert offer_id > 0


def test_grab_pool_shows_and_lets_grab_only_today(db, shop):
    today, tomorrow = shop.order(db, DAY), shop.order(db, TOMORROW)
    for order in (today, tomorrow):
        offers.open_pool(db, order_id=order.id, actor=shop.dispatcher)
    me = worker_actor(shop.worker)
    assert [p.order_id for p in worker_offers.list_pool_orders(db, actor=me)] == [today.id]
    with pytest.raises(WorkerNotAvailable) as err:
        worker_offers.grab_order(db, order_id=tomorrow.id, actor=me)
    assert err.value.reason == "certificate"
    assert worker_offers.grab_order(db, order_id=today.id, actor=me).order_id == today.id


def test_free_slots_count_the_worker_only_before_the_expiry(db, shop):
    query = dispatch.SlotQuery(
        branch_id=shop.world.branch.id,
        item_id=shop.item.id,
        district_id=shop.world.district.id,
        where=None,
        minutes=120,
    )
    slots = dispatch.free_slots(db, query=query, first_day=DAY, days=2)
    free = {(s.day, s.starts_at): s.free_workers for s in slots}
    assert free[(DAY, local(DAY, 14))] == 1
    assert free[(TOMORROW, local(TOMORROW, 14))] == 0


def test_the_apps_search_stops_counting_the_certificate_on_its_expiry_day(db, shop):
    query = WorkerQuery(has_certificate=True, skill=str(shop.skill.id))

    def found() -> list[int]:
        return [w.id for w in worker_search.find_workers(db, query=query).items]

    assert found() == [shop.worker.id]
    clock.freeze(local(TOMORROW, 7))
    assert found() == []


def test_a_renewed_certificate_opens_tomorrow_again(db, shop):
    hq = actor(make_staff(db, role="hq_admin"))
    from jiazheng_desk.services import worker_record_edits

    doc = worker_record_edits.save_certificate(
        db,
        actor=hq,
        worker_id=shop.worker.id,
        cert_type=HEALTH,
        number="JK-2027",
        issuer="上海市卫健委",
        expires_on=DAY + timedelta(days=365),
    )
    tomorrow = shop.order(db, TOMORROW)
    # submitted is not enough: dispatch counts verified certificates only
    assert shop.worker.id not in _candidate_ids(db, shop, tomorrow)
    worker_record_edits.verify_certificate(
        db, actor=hq, worker_id=shop.worker.id, document_id=doc.id
    )
    assert shop.worker.id in _candidate_ids(db, shop, tomorrow)


# --- suspended workers are out of every path ---------------------------------------------


def test_a_suspended_worker_is_out_of_every_path(db, shop):
    manager = actor(make_staff(db, role="branch_manager", branch=shop.world.branch))
    worker_records.suspend_worker(
        db, actor=manager, worker_id=shop.worker.id, reason="客户投诉待查"
    )
    today = shop.order(db, DAY)
    assert shop.worker.id not in _candidate_ids(db, shop, today)
    for call in (booking.assign, offers.offer):
        with pytest.raises(WorkerNotAvailable) as err:
            call(db, order_id=today.id, worker_id=shop.worker.id, actor=shop.dispatcher)
        assert err.value.reason == "status"
    offers.open_pool(db, order_id=today.id, actor=shop.dispatcher)
    me = worker_actor(shop.worker)
    assert worker_offers.list_pool_orders(db, actor=me) == []
    with pytest.raises(WorkerNotAvailable):
        worker_offers.grab_order(db, order_id=today.id, actor=me)
    found = worker_search.find_workers(db, query=WorkerQuery(skill=str(shop.skill.id)))
    assert found.total == 0
    # reinstated, the worker is back
    worker_records.reinstate_worker(db, actor=manager, worker_id=shop.worker.id, reason="查明无责")
    assert shop.worker.id in _candidate_ids(db, shop, shop.order(db, DAY, 15))


# --- the "expiring soon" list ------------------------------------------------------------


def test_expiring_list_soonest_first_with_the_services_it_gates(db, shop):
    other = make_worker(db, shop.world, name="李阿姨", skills=(shop.skill, shop.world.cert_skill))
    give_certificate(db, other, "母婴护理证", DAY + timedelta(days=10))
    give_certificate(db, other, HEALTH, DAY + timedelta(days=45))  # not within 30 days
    renewed = make_worker(db, shop.world, name="赵阿姨", skills=(shop.skill,))
    give_certificate(db, renewed, HEALTH, DAY + timedelta(days=3))
    give_certificate(db, renewed, HEALTH, DAY + timedelta(days=400))  # renewed already
    gone = make_worker(db, shop.world, name="钱阿姨", status="suspended", skills=(shop.skill,))
    give_certificate(db, gone, HEALTH, DAY + timedelta(days=5))
    listed = cert_expiry.list_expiring_certificates(db, actor=shop.dispatcher)
    assert [(c.worker_name, c.cert_type, c.days_left) for c in listed] == [
        ("王阿姨", HEALTH, 1),
        ("李阿姨", "母婴护理证", 10),
    ]
    assert listed[0].services == ("厨房保洁",)
    assert listed[1].services == (shop.world.cert_skill.name,)
    wider = cert_expiry.list_expiring_certificates(db, actor=shop.dispatcher, within_days=60)
    assert [c.days_left for c in wider] == [1, 10, 45]
    # another branch sees none of these
    elsewhere = actor(make_staff(db, role="dispatcher"))
    assert cert_expiry.list_expiring_certificates(db, actor=elsewhere) == []
    with pytest.raises(ValidationError):
        cert_expiry.list_expiring_certificates(db, actor=shop.dispatcher, within_days=-1)


# --- reminders ---------------------------------------------------------------------------


def _reminders(db, worker_id: int) -> list[tuple[str, str]]:
    rows = db.execute(
        select(Notification.kind, Notification.body)
        .where(Notification.recipient_kind == "worker", Notification.recipient_id == worker_id)
        .order_by(Notification.id)
    ).all()
    return [(kind, body) for kind, body in rows]


def test_reminders_30_and_7_days_before_once_each(db, shop):
    job = Actor.system()
    far = make_worker(db, shop.world, name="孙阿姨", skills=(shop.skill,))
    expiry = DAY + timedelta(days=30)
    give_certificate(db, far, HEALTH, expiry)
    before = db.scalar(select(func.count()).select_from(AuditLog)) or 0
    # today: 30 days before the far one, 1 day before the near one (its 7-day reminder)
    assert cert_expiry.send_expiry_reminders(db, actor=job, today=DAY) == 2
    assert cert_expiry.send_expiry_reminders(db, actor=job, today=DAY) == 0  # same day again
    ((kind, body),) = _reminders(db, far.id)
    assert kind == "cert_expiry_30" and expiry.isoformat() in body and HEALTH in body
    assert [k for k, _ in _reminders(db, shop.worker.id)] == ["cert_expiry_7"]
    # the days in between send nothing new; 7 days before, the second reminder
    for offset in range(1, 23):
        assert (
            cert_expiry.send_expiry_reminders(db, actor=job, today=DAY + timedelta(days=offset))
            == 0
        ), offset
    assert cert_expiry.send_expiry_reminders(db, actor=job, today=DAY + timedelta(days=23)) == 1
    assert [k for k, _ in _reminders(db, far.id)] == ["cert_expiry_30", "cert_expiry_7"]
    assert cert_expiry.send_expiry_reminders(db, actor=job, today=DAY + timedelta(days=23)) == 0
    # each run that sent something left one audit row
    after = db.scalar(select(func.count()).select_from(AuditLog)) or 0
    assert after - before == 2


def test_a_certificate_moved_to_a_later_expiry_is_reminded_again(db, shop):
    job = Actor.system()
    assert cert_expiry.send_expiry_reminders(db, actor=job, today=DAY) == 1
    doc = db.scalars(select(WorkerDocument).where(WorkerDocument.worker_id == shop.worker.id)).one()
    doc.expires_on = DAY + timedelta(days=20)
    db.flush()
    assert cert_expiry.send_expiry_reminders(db, actor=job, today=DAY) == 1
    assert [k for k, _ in _reminders(db, shop.worker.id)] == ["cert_expiry_7", "cert_expiry_30"]


def test_reminders_skip_expired_rejected_and_inactive(db, shop):
    job = Actor.system()
    old = make_worker(db, shop.world, skills=(shop.skill,))
    give_certificate(db, old, HEALTH, DAY - timedelta(days=1))
    refused = make_worker(db, shop.world, skills=(shop.skill,))
    give_certificate(db, refused, HEALTH, DAY + timedelta(days=5), status="rejected")
    left = make_worker(db, shop.world, status="left", skills=(shop.skill,))
    give_certificate(db, left, HEALTH, DAY + timedelta(days=5))
    assert cert_expiry.send_expiry_reminders(db, actor=job, today=DAY) == 1  # only 王阿姨
    for worker in (old, refused, left):
        assert _reminders(db, worker.id) == []


def test_only_the_job_or_hq_sends_reminders(db, shop):
    with pytest.raises(PermissionDenied):
        cert_expiry.send_expiry_reminders(db, actor=shop.dispatcher, today=DAY)
    hq = actor(make_staff(db, role="hq_admin"))
    assert cert_expiry.send_expiry_reminders(db, actor=hq, today=DAY) == 1
