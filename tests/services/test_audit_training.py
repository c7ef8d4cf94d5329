"""Every mutation of training and exams writes its audit row (see test_audit.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from jiazheng_desk import clock
from jiazheng_desk.services import training, training_app
from tests.booking_factories import make_worker, make_world
from tests.factories import actor, make_staff
from tests.services.audit_support import audit_rows
from tests.training_factories import make_course, offline, online
from tests.worker_factories import worker_actor


def _cases(db: Any) -> dict[str, tuple[Callable[[], Any], str]]:
    world = make_world(db)
    officer = actor(make_staff(db, role="vetting_officer", branch=world.branch))
    course = make_course(db, world.branch, skill_id=world.skill.id)
    web = make_course(
        db, world.branch, mode="online", video_url="https://v.example.com/1", session_at=None
    )
    worker = make_worker(db, world)
    me = worker_actor(worker)

    def enrolled(course_id: int = course.id) -> int:
        return training.enroll_worker(
            db, actor=officer, course_id=course_id, worker_id=make_worker(db, world).id
        ).id

    def mine() -> Any:
        training_app.enroll_me(db, actor=me, course_id=course.id)
        return training_app.cancel_my_enrollment(db, actor=me, course_id=course.id)

    return {
        "training.create_course": (
            lambda: training.create_course(db, actor=officer, data=offline()),
            "training.course_create",
        ),
        "training.update_course": (
            lambda: training.update_course(
                db, actor=officer, course_id=course.id, data=online(title="改")
            ),
            "training.course_update",
        ),
        "training.set_course_active": (
            lambda: training.set_course_active(
                db, actor=officer, course_id=course.id, active=False
            ),
            "training.course_deactivate",
        ),
        "training.push_course": (
            lambda: training.push_course(db, actor=officer, course_id=course.id),
            "training.push",
        ),
        "training.enroll_worker": (enrolled, "training.enrol"),
        "training.cancel_enrollment": (
            lambda: training.cancel_enrollment(db, actor=officer, enrollment_id=enrolled()),
            "training.cancel",
        ),
        "training.record_attendance": (
            lambda: training.record_attendance(db, actor=officer, enrollment_id=enrolled()),
            "training.attendance",
        ),
        "training.record_exam": (
            lambda: training.record_exam(
                db, actor=officer, enrollment_id=enrolled(web.id), score=99
            ),
            "training.exam",
        ),
        "training_app.enroll_me": (
            lambda: training_app.enroll_me(db, actor=me, course_id=course.id),
            "training.enrol",
        ),
        "training_app.cancel_my_enrollment": (mine, "training.cancel"),
    }


TRAINING_MUTATIONS = [
    "training.create_course",
    "training.update_course",
    "training.set_course_active",
    "training.push_course",
    "training.enroll_worker",
    "training.cancel_enrollment",
    "training.record_attendance",
    "training.record_exam",
    "training_app.enroll_me",
    "training_app.cancel_my_enrollment",
]
TRAINING_READS = {"training_lists.load_course_for_reading"}


@pytest.mark.parametrize("name", TRAINING_MUTATIONS)
def test_every_training_mutation_writes_an_audit_row(db, name):
    clock.freeze(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))
    call, action = _cases(db)[name]

    before = audit_rows(db, action)
    call()
    assert audit_rows(db, action) == before + 1
