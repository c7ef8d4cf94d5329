"""``/worker/training``: courses for me, enrolment with its seat limit, cancelling, results."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.db import Database
from jiazheng_desk.models import Enrollment
from jiazheng_desk.services import training
from tests.api.worker_support import api_client, call, error_of, token_for
from tests.booking_factories import make_worker, make_world
from tests.customer_factories import make_customer
from tests.factories import actor, make_staff
from tests.training_factories import SESSION_AT, make_course

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


@dataclass
class Setup:
    client: TestClient
    db: Database
    me: str
    other: str
    stranger: str
    customer: str
    mine: int
    seasoned: int
    full: int
    officer: object
    my_id: int


@pytest.fixture
def setup(live_db: Database, tmp_path: Path) -> Iterator[Setup]:
    clock.freeze(NOW)
    with live_db.session(write=True) as s:
        world = make_world(s)
        officer = actor(make_staff(s, role="vetting_officer", branch=world.branch))
        me = make_worker(s, world, name="王芳")
        me.years_experience = 6
        other = make_worker(s, world, name="李娜")  # no experience
        stranger = make_worker(s, make_world(s))
        mine = make_course(s, world.branch, skill_id=world.skill.id, title="母婴护理", seats=5)
        seasoned = make_course(s, world.branch, title="金牌月嫂进阶", min_years_experience=5)
        full = make_course(s, world.branch, title="养老护理", seats=1)
        make_course(s, world.branch, title="停用课程", is_active=False)
        customer = make_customer(s, name="顾客")
        ids = (me.id, other.id, stranger.id, mine.id, seasoned.id, full.id, customer.id)
    with live_db.session(write=True) as s:
        training.enroll_worker(s, actor=officer, course_id=ids[5], worker_id=ids[1])
    with api_client(live_db, tmp_path / "media") as client:
        yield Setup(
            client=client,
            db=live_db,
            me=token_for(live_db, "worker", ids[0]),
            other=token_for(live_db, "worker", ids[1]),
            stranger=token_for(live_db, "worker", ids[2]),
            customer=token_for(live_db, "customer", ids[6]),
            mine=ids[3],
            seasoned=ids[4],
            full=ids[5],
            officer=officer,
            my_id=ids[0],
        )


def _courses(s: Setup, token: str) -> dict[str, dict]:
    reply = call(s.client, "GET", "/worker/training/courses", token)
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["total"] == len(body["items"])
    return {c["title"]: c for c in body["items"]}


def test_i_see_the_courses_meant_for_me_with_my_state(setup):
    mine = _courses(setup, setup.me)
    assert set(mine) == {"母婴护理", "金牌月嫂进阶", "养老护理"}
    course = mine["母婴护理"]
    assert course["my_state"] == "" and course["seats_left"] == 5
    assert course["session_at"] == "2026-12-01T09:00:00+08:00"
    assert course["mode"] == "offline" and course["pass_mark"] == 60
    # experience decides: the newcomer does not see the advanced course, only her own
    other = _courses(setup, setup.other)
    assert "金牌月嫂进阶" not in other and other["养老护理"]["my_state"] == "enrolled"
    assert _courses(setup, setup.stranger) == {}


def test_enrol_then_cancel_frees_the_seat(setup):
    path = f"/worker/training/courses/{setup.mine}/enrolment"
    reply = call(setup.client, "POST", path, setup.me)
    assert reply.status_code == 201, reply.text
    assert reply.json()["my_state"] == "enrolled" and reply.json()["seats_left"] == 4
    again = error_of(call(setup.client, "POST", path, setup.me), 409)
    assert again["error"] == "training.already_enrolled"
    cancelled = call(setup.client, "DELETE", path, setup.me)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["my_state"] == "cancelled" and cancelled.json()["seats_left"] == 5
    error_of(call(setup.client, "DELETE", path, setup.me), 404)


def test_a_full_course_is_a_clear_409(setup):
    body = error_of(
        call(setup.client, "POST", f"/worker/training/courses/{setup.full}/enrolment", setup.me),
        409,
    )
    assert body["error"] == "training.full"
    assert body["message"] == "All 1 seats of “养老护理” are taken."


def test_a_course_not_meant_for_me_does_not_exist_for_me(setup):
    for token in (setup.other, setup.stranger):
        path = f"/worker/training/courses/{setup.seasoned}/enrolment"
        assert error_of(call(setup.client, "POST", path, token), 404)["error"] == "error.not_found"
    # another worker's enrolment cannot be cancelled by me: I have none
    path = f"/worker/training/courses/{setup.full}/enrolment"
    error_of(call(setup.client, "DELETE", path, setup.me), 404)
    assert _courses(setup, setup.other)["养老护理"]["my_state"] == "enrolled"


def test_a_session_that_has_begun_is_closed_to_the_app(setup):
    clock.freeze(SESSION_AT + timedelta(minutes=5))
    path = f"/worker/training/courses/{setup.mine}/enrolment"
    assert error_of(call(setup.client, "POST", path, setup.me), 409)["error"] == (
        "training.session_over"
    )


def test_my_results_and_no_one_elses(setup):
    path = f"/worker/training/courses/{setup.mine}/enrolment"
    assert call(setup.client, "POST", path, setup.me).status_code == 201
    with setup.db.session(write=True) as s:
        e = s.scalar(select(Enrollment.id).where(Enrollment.worker_id == setup.my_id))
        training.record_attendance(s, actor=setup.officer, enrollment_id=e)
        training.record_exam(s, actor=setup.officer, enrollment_id=e, score=59)
    reply = call(setup.client, "GET", "/worker/training/results", setup.me)
    assert reply.status_code == 200, reply.text
    [result] = reply.json()["items"]
    assert (result["course_title"], result["score"], result["passed"]) == ("母婴护理", 59, False)
    assert result["pass_mark"] == 60
    assert _courses(setup, setup.me)["母婴护理"]["my_state"] == "failed"
    assert _courses(setup, setup.me)["母婴护理"]["my_score"] == 59
    other = call(setup.client, "GET", "/worker/training/results", setup.other)
    assert other.json() == {"items": [], "total": 0}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/worker/training/courses/0/enrolment"),
        ("POST", "/worker/training/courses/abc/enrolment"),
        ("DELETE", "/worker/training/courses/-3/enrolment"),
        ("POST", f"/worker/training/courses/{2**63}/enrolment"),
    ],
)
def test_bad_ids_are_422_json(setup, method, path):
    assert error_of(call(setup.client, method, path, setup.me), 422)["error"] == "validation"


def test_only_a_logged_in_worker_gets_in(setup):
    for token in (None, setup.customer):
        for method, path in (
            ("GET", "/worker/training/courses"),
            ("GET", "/worker/training/results"),
            ("POST", f"/worker/training/courses/{setup.mine}/enrolment"),
        ):
            error_of(call(setup.client, method, path, token), 401)
