"""Every mutation of the worker app's services writes its audit row (see test_audit.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from jiazheng_desk import clock
from jiazheng_desk.services import (
    applications,
    media,
    offers,
    order_flow,
    worker_offers,
    worker_profile,
)
from tests.booking_factories import local, make_order, make_worker, make_world
from tests.factories import actor, make_staff
from tests.services.audit_support import audit_rows
from tests.worker_factories import make_id_number, make_media, png_bytes, worker_actor

DAY = date(2026, 11, 23)


def _cases(db: Any, media_dir: Path) -> dict[str, tuple[Callable[[], Any], str]]:
    world = make_world(db)
    staff = actor(make_staff(db, role="dispatcher", branch=world.branch))
    worker = make_worker(db, world)
    me = worker_actor(worker)
    applicant = worker_actor(make_worker(db, world, status="applicant"))

    def order(state: str = "accepted") -> int:
        row = make_order(db, world, local(DAY, 10), worker=worker)
        row.state = state
        db.flush()
        return row.id

    def offered() -> int:
        oid = make_order(db, world, local(DAY, 14)).id
        return offers.offer(db, order_id=oid, worker_id=worker.id, actor=staff)

    def pooled() -> int:
        oid = make_order(db, world, local(DAY, 16)).id
        offers.open_pool(db, order_id=oid, actor=staff)
        return oid

    def apply() -> Any:
        birth = date(1980, 1, 2)
        return applications.submit_application(
            db,
            actor=applicant,
            name="审计申请人",
            gender="male",
            birth_date=birth,
            id_number=make_id_number(birth, "male"),
            years_experience=3,
            skills=[world.skill.code],
            district_ids=[world.district.id],
            home_address="审计路 9 号",
            id_photo_ids=[make_media(db, applicant).id, make_media(db, applicant).id],
        )

    return {
        "media.store_upload": (
            lambda: media.store_upload(
                db,
                actor=me,
                filename="a.png",
                data=png_bytes(),
                declared_type="image/png",
                media_dir=media_dir,
            ),
            "media.upload",
        ),
        "applications.submit_application": (apply, "worker.application_submit"),
        "order_flow.set_out": (
            lambda: order_flow.set_out(db, order_id=order(), actor=me),
            "order.set_out",
        ),
        "order_flow.arrive_and_start": (
            lambda: order_flow.arrive_and_start(db, order_id=order(), actor=me),
            "order.start",
        ),
        "order_flow.finish": (
            lambda: order_flow.finish(db, order_id=order("in_service"), actor=me),
            "order.finish",
        ),
        "order_flow.report_location": (
            lambda: order_flow.report_location(
                db, order_id=order("on_the_way"), actor=me, lat=31.2, lng=121.4
            ),
            "order.location",
        ),
        "order_flow.add_record": (
            lambda: order_flow.add_record(
                db, order_id=order("in_service"), actor=me, kind="text", text="记录"
            ),
            "order.record_add",
        ),
        "worker_offers.accept": (
            lambda: worker_offers.accept(db, offer_id=offered(), actor=me),
            "offer.accept",
        ),
        "worker_offers.reject": (
            lambda: worker_offers.reject(db, offer_id=offered(), actor=me, reason="太远"),
            "offer.rejected",
        ),
        "worker_offers.grab_order": (
            lambda: worker_offers.grab_order(db, order_id=pooled(), actor=me),
            "order.grab",
        ),
        "worker_profile.set_work_status": (
            lambda: worker_profile.set_work_status(db, actor=me, work_status="online"),
            "worker.work_status",
        ),
    }


WORKER_APP_MUTATIONS = [
    "media.store_upload",
    "applications.submit_application",
    "order_flow.set_out",
    "order_flow.arrive_and_start",
    "order_flow.finish",
    "order_flow.report_location",
    "order_flow.add_record",
    "worker_offers.accept",
    "worker_offers.reject",
    "worker_offers.grab_order",
    "worker_profile.set_work_status",
]
WORKER_APP_READS = {"media.can_read"}


@pytest.mark.parametrize("name", WORKER_APP_MUTATIONS)
def test_every_worker_app_mutation_writes_an_audit_row(db, tmp_path, name):
    clock.freeze(local(DAY, 9))
    call, action = _cases(db, tmp_path / "media")[name]

    before = audit_rows(db, action)
    call()
    assert audit_rows(db, action) == before + 1
