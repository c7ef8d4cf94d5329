"""``/worker/status``, ``/worker/profile``, ``/worker/shifts``, ``/worker/leave``."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import AuditLog, WorkerLeave
from tests.api.worker_support import api_client, call, error_of, token_for
from tests.booking_factories import local, make_order, make_worker, make_world

DAY = date(2026, 11, 23)


@pytest.fixture
def setup(live_db, tmp_path):
    clock.freeze(local(DAY, 8))
    with live_db.session(write=True) as s:
        world = make_world(s)
        active = make_worker(s, world, name="张阿姨")
        applicant = make_worker(s, world, status="applicant")
        make_order(s, world, local(date(2026, 11, 25), 10), worker=active)
        ids = {"active": active.id, "applicant": applicant.id, "district": world.district.id}
    tokens = {k: token_for(live_db, "worker", ids[k]) for k in ("active", "applicant")}
    with api_client(live_db, tmp_path / "media") as client:
        yield client, live_db, ids, tokens


def test_work_status_switch(setup):
    client, db, ids, tokens = setup
    me = tokens["active"]
    assert call(client, "GET", "/worker/status", me).json() == {
        "status": "active",
        "work_status": "offline",
    }
    reply = call(client, "PUT", "/worker/status", me, json={"work_status": "online"})
    assert reply.status_code == 200 and reply.json()["work_status"] == "online"
    assert call(client, "GET", "/worker/status", me).json()["work_status"] == "online"
    assert (
        call(client, "PUT", "/worker/status", me, json={"work_status": "busy"}).status_code == 200
    )
    body = error_of(call(client, "PUT", "/worker/status", me, json={"work_status": "asleep"}), 422)
    assert body["field"] == "work_status"
    with db.session() as s:
        actions = s.scalars(
            select(AuditLog.action).where(AuditLog.entity_id == ids["active"])
        ).all()
        assert actions.count("worker.work_status") == 2


def test_an_applicant_cannot_go_online(setup):
    client, _db, _ids, tokens = setup
    me = tokens["applicant"]
    body = error_of(call(client, "PUT", "/worker/status", me, json={"work_status": "online"}), 409)
    assert body["error"] == "worker_status.not_active" and "applicant" in body["message"]
    assert (
        call(client, "PUT", "/worker/status", me, json={"work_status": "offline"}).status_code
        == 200
    )


def test_the_own_profile(setup):
    client, _db, ids, tokens = setup
    body = call(client, "GET", "/worker/profile", tokens["active"]).json()
    assert (body["id"], body["name"], body["status"]) == (ids["active"], "张阿姨", "active")
    assert body["skills"][0]["level"] == 3
    assert body["districts"] == [{"id": ids["district"], "name": body["districts"][0]["name"]}]
    assert body["id_number_masked"] == ""


def test_shifts_read_and_replace(setup):
    client, _db, _ids, tokens = setup
    me = tokens["active"]
    shifts = call(client, "GET", "/worker/shifts", me).json()
    assert shifts["total"] == 7 and shifts["items"][0] == {
        "weekday": 0,
        "start_minute": 480,
        "end_minute": 1200,
    }
    new = [{"weekday": 1, "start_minute": 540, "end_minute": 720}]
    reply = call(client, "PUT", "/worker/shifts", me, json={"shifts": new})
    assert reply.status_code == 200 and reply.json() == {"items": new, "total": 1}
    overlap = [
        {"weekday": 1, "start_minute": 540, "end_minute": 720},
        {"weekday": 1, "start_minute": 600, "end_minute": 800},
    ]
    body = error_of(call(client, "PUT", "/worker/shifts", me, json={"shifts": overlap}), 422)
    assert body["error"] == "schedule.shifts_overlap"
    bad = [{"weekday": 7, "start_minute": 0, "end_minute": 60}]
    assert error_of(call(client, "PUT", "/worker/shifts", me, json={"shifts": bad}), 422)["field"]


def test_leave_is_a_request_and_listed(setup):
    client, db, ids, tokens = setup
    me = tokens["active"]
    ask = {
        "kind": "leave",
        "starts_at": "2026-12-01T00:00:00+08:00",
        "ends_at": "2026-12-03T00:00:00+08:00",
        "reason": "回老家",
    }
    reply = call(client, "POST", "/worker/leave", me, json=ask)
    assert reply.status_code == 201, reply.text
    assert (reply.json()["status"], reply.json()["reason"]) == ("requested", "回老家")
    listed = call(client, "GET", "/worker/leave", me).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == reply.json()["id"]
    assert call(client, "GET", "/worker/leave", tokens["applicant"]).json()["total"] == 0
    with db.session() as s:
        assert s.get(WorkerLeave, reply.json()["id"]).worker_id == ids["active"]


def test_leave_over_a_booked_order_is_409_and_bad_ranges_422(setup):
    client, _db, _ids, tokens = setup
    me = tokens["active"]
    over = {"starts_at": "2026-11-25T00:00:00+08:00", "ends_at": "2026-11-26T00:00:00+08:00"}
    body = error_of(call(client, "POST", "/worker/leave", me, json=over), 409)
    assert body["error"] == "schedule.leave_has_orders"
    backwards = {"starts_at": "2026-12-02T00:00:00+08:00", "ends_at": "2026-12-01T00:00:00+08:00"}
    assert (
        error_of(call(client, "POST", "/worker/leave", me, json=backwards), 422)["field"]
        == "ends_at"
    )
    naive = {"starts_at": "2026-12-01T00:00:00", "ends_at": "2026-12-02T00:00:00"}
    assert (
        error_of(call(client, "POST", "/worker/leave", me, json=naive), 422)["field"] == "starts_at"
    )
    ancient = {"starts_at": "0001-01-01T00:00:00+08:00", "ends_at": "0001-01-02T00:00:00+08:00"}
    assert (
        error_of(call(client, "POST", "/worker/leave", me, json=ancient), 422)["field"]
        == "starts_at"
    )
    blackout = {**backwards, "kind": "blackout"}
    assert (
        error_of(call(client, "POST", "/worker/leave", me, json=blackout), 422)["field"] == "kind"
    )
