"""``/worker/orders``: the day, an order, the steps, positions, records, change requests."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.models import Order, OrderChangeRequest, ServiceRecord
from tests.api.worker_support import api_client, call, error_of, token_for, upload
from tests.booking_factories import local, make_order, make_worker, make_world
from tests.worker_factories import jpeg_with_gps, tiny_mp4

DAY = date(2026, 11, 23)


@pytest.fixture
def setup(live_db, tmp_path):
    clock.freeze(local(DAY, 9))
    with live_db.session(write=True) as s:
        world = make_world(s)
        me = make_worker(s, world)
        other = make_worker(s, world)
        mine = make_order(s, world, local(DAY, 10), worker=me)
        theirs = make_order(s, world, local(DAY, 10), worker=other)
        later = make_order(s, world, local(DAY, 15), worker=me)
        s.flush()
        ids = {
            "me": me.id,
            "other": other.id,
            "mine": mine.id,
            "theirs": theirs.id,
            "later": later.id,
            "customer": mine.customer_id,
        }
    tokens = {
        "me": token_for(live_db, "worker", ids["me"]),
        "other": token_for(live_db, "worker", ids["other"]),
        "customer": token_for(live_db, "customer", ids["customer"]),
    }
    with api_client(live_db, tmp_path / "media") as client:
        yield client, live_db, ids, tokens


def _post(client, token, order_id, step, **kw):
    return call(client, "POST", f"/worker/orders/{order_id}/{step}", token, **kw)


def test_the_day(setup):
    client, _db, ids, tokens = setup
    day = call(client, "GET", "/worker/orders?day=2026-11-23", tokens["me"]).json()
    assert (day["day"], day["timezone"], day["total"]) == ("2026-11-23", "Asia/Shanghai", 2)
    assert [e["order_id"] for e in day["items"]] == [ids["mine"], ids["later"]]
    assert day["items"][0]["address_text"] and day["items"][0]["state"] == "accepted"
    assert call(client, "GET", "/worker/orders", tokens["me"]).json()["day"] == "2026-11-23"
    assert call(client, "GET", "/worker/orders?day=2026-11-24", tokens["me"]).json()["total"] == 0
    assert (
        error_of(call(client, "GET", "/worker/orders?day=tomorrow", tokens["me"]), 422)["field"]
        == "day"
    )


def test_an_order_of_ones_own_and_404_for_others(setup):
    client, _db, ids, tokens = setup
    body = call(client, "GET", f"/worker/orders/{ids['mine']}", tokens["me"]).json()
    assert (body["id"], body["state"], body["records"]) == (ids["mine"], "accepted", [])
    assert "staff_note" not in body and "total_fen" not in body and "offers" not in body
    assert body["customer_phone"]
    for path in (f"/worker/orders/{ids['theirs']}", "/worker/orders/987654321"):
        assert error_of(call(client, "GET", path, tokens["me"]), 404)["error"] == "error.not_found"
    for step in ("set-out", "start", "finish"):
        error_of(_post(client, tokens["me"], ids["theirs"], step), 404)
    error_of(
        _post(client, tokens["me"], ids["theirs"], "location", json={"lat": 31, "lng": 121}), 404
    )
    error_of(
        _post(client, tokens["me"], ids["theirs"], "records", json={"kind": "text", "text": "x"}),
        404,
    )
    change = {"new_starts_at": "2026-11-24T10:00:00+08:00", "reason": "有事"}
    error_of(_post(client, tokens["me"], ids["theirs"], "change-request", json=change), 404)
    assert (
        error_of(call(client, "GET", f"/worker/orders/{ids['mine']}", tokens["customer"]), 401)[
            "error"
        ]
        == "app.wrong_app"
    )
    error_of(call(client, "GET", f"/worker/orders/{2**63}", tokens["me"]), 422)


def test_the_flow_with_positions_and_records(setup):
    client, db, ids, tokens = setup
    me, order = tokens["me"], ids["mine"]
    finish_first = error_of(_post(client, me, order, "finish"), 409)
    assert finish_first["error"] == "error.illegal_transition"
    assert finish_first["message"] == "Order is accepted; it cannot be finished."
    early = error_of(_post(client, me, order, "location", json={"lat": 31.2, "lng": 121.4}), 409)
    assert early["error"] == "order_flow.not_on_the_way"
    assert _post(client, me, order, "set-out").json()["state"] == "on_the_way"
    first = _post(client, me, order, "location", json={"lat": 31.20, "lng": 121.45}).json()
    assert first["stored"] and first["eta_minutes"] > 0
    clock.advance(timedelta(seconds=5))
    fast = _post(client, me, order, "location", json={"lat": 31.21, "lng": 121.46})
    assert fast.status_code == 200 and fast.json()["stored"] is False
    clock.advance(timedelta(seconds=30))
    assert _post(client, me, order, "location", json={"lat": 31.22, "lng": 121.47}).json()["stored"]
    bad = error_of(_post(client, me, order, "location", json={"lat": 95, "lng": 121}), 422)
    assert bad["field"] == "lat"
    with db.session() as s:
        stored = s.scalar(
            select(func.count()).select_from(ServiceRecord).where(ServiceRecord.kind == "location")
        )
        assert stored == 2
    early_record = error_of(
        _post(client, me, order, "records", json={"kind": "text", "text": "x"}), 409
    )
    assert early_record["error"] == "order_flow.not_in_service"
    assert _post(client, me, order, "start").json()["state"] == "in_service"
    photo = upload(client, me, jpeg_with_gps()).json()["id"]
    video = upload(client, me, tiny_mp4(), filename="v.mp4", content_type="video/mp4").json()["id"]
    text = _post(client, me, order, "records", json={"kind": "text", "text": "开始打扫厨房"})
    assert text.status_code == 201 and text.json()["kind"] == "text"
    shot = _post(client, me, order, "records", json={"kind": "photo", "media_id": photo})
    assert shot.status_code == 201 and shot.json()["media_id"] == photo
    clip = _post(client, me, order, "records", json={"kind": "video", "media_id": video})
    assert clip.status_code == 201
    wrong = error_of(
        _post(client, me, order, "records", json={"kind": "photo", "media_id": video}), 422
    )
    assert (wrong["error"], wrong["field"]) == ("media.needs_image", "media_id")
    reused = error_of(
        _post(client, me, order, "records", json={"kind": "photo", "media_id": photo}), 422
    )
    assert reused["error"] == "media.already_used"
    empty = error_of(_post(client, me, order, "records", json={"kind": "text", "text": ""}), 422)
    assert empty["field"] == "text"
    # the order's customer sees the photo; another worker does not
    customer_token = tokens["customer"]
    assert call(client, "GET", f"/media/{photo}", customer_token).status_code == 200
    error_of(call(client, "GET", f"/media/{photo}", tokens["other"]), 404)
    done = _post(client, me, order, "finish").json()
    assert done["state"] == "completed"
    body = call(client, "GET", f"/worker/orders/{order}", me).json()
    assert [r["kind"] for r in body["records"]] == ["text", "photo", "video"]
    assert body["completed_at"] and [e["event"] for e in body["events"]][-3:] == [
        "set_out",
        "start",
        "finish",
    ]
    with db.session() as s:
        assert s.get(Order, order).completed_at is not None


def test_a_change_request(setup):
    client, db, ids, tokens = setup
    ask = {"new_starts_at": "2026-11-24T10:00:00+08:00", "reason": "孩子生病"}
    reply = _post(client, tokens["me"], ids["mine"], "change-request", json=ask)
    assert reply.status_code == 201, reply.text
    assert (reply.json()["state"], reply.json()["order_id"]) == ("requested", ids["mine"])
    assert reply.json()["new_starts_at"] == "2026-11-24T10:00:00+08:00"
    again = error_of(_post(client, tokens["me"], ids["mine"], "change-request", json=ask), 409)
    assert again["error"] == "change.already_open"
    blank = error_of(
        _post(client, tokens["me"], ids["later"], "change-request", json={**ask, "reason": " "}),
        422,
    )
    assert blank["field"] == "reason"
    far = {"new_starts_at": "9999-12-31T23:00:00-08:00", "reason": "x"}
    body = error_of(_post(client, tokens["me"], ids["later"], "change-request", json=far), 422)
    assert body["field"] == "new_starts_at"
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(OrderChangeRequest)) == 1
