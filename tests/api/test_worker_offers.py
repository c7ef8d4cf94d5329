"""``/worker/offers`` and ``/worker/pool``: answering offers, grabbing, and the grab race."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest

from jiazheng_desk import clock
from jiazheng_desk.models import DispatchOffer, Order
from jiazheng_desk.services import offers
from tests.api.worker_support import api_client, call, error_of, token_for
from tests.booking_factories import local, make_order, make_worker, make_world
from tests.factories import actor, make_staff

DAY = date(2026, 11, 23)
RACERS = 20


@pytest.fixture
def setup(live_db, tmp_path):
    clock.freeze(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    with live_db.session(write=True) as s:
        world = make_world(s)
        staff = actor(make_staff(s, role="dispatcher", branch=world.branch))
        me = make_worker(s, world)
        other = make_worker(s, world)
        # serves another district only: never qualified for this branch's pool orders
        outsider = make_worker(s, world, districts=(world.other_district,))
        ids = {"me": me.id, "other": other.id, "outsider": outsider.id}
    tokens = {k: token_for(live_db, "worker", v) for k, v in ids.items()}
    with api_client(live_db, tmp_path / "media") as client:
        yield client, live_db, world, staff, ids, tokens


def _offer(db, world, staff, worker_id: int, hour: int = 10) -> tuple[int, int]:
    with db.session(write=True) as s:
        order_id = make_order(s, world, local(DAY, hour)).id
        return offers.offer(s, order_id=order_id, worker_id=worker_id, actor=staff), order_id


def _pooled(db, world, staff, hour: int = 14) -> int:
    with db.session(write=True) as s:
        order_id = make_order(s, world, local(DAY, hour)).id
        offers.open_pool(s, order_id=order_id, actor=staff)
        return order_id


def test_list_and_accept_an_offer(setup):
    client, db, world, staff, ids, tokens = setup
    offer_id, order_id = _offer(db, world, staff, ids["me"])
    listed = call(client, "GET", "/worker/offers", tokens["me"]).json()
    assert listed["total"] == 1
    item = listed["items"][0]
    assert (item["offer_id"], item["order_id"], item["state"]) == (offer_id, order_id, "offered")
    assert item["district_name"] == world.district.name and item["expires_at"]
    assert call(client, "GET", "/worker/offers", tokens["other"]).json()["total"] == 0
    reply = call(client, "POST", f"/worker/offers/{offer_id}/accept", tokens["me"])
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"offer_id": offer_id, "order_id": order_id, "state": "accepted"}
    assert call(client, "GET", "/worker/offers", tokens["me"]).json()["total"] == 0
    history = call(client, "GET", "/worker/offers?answered=true", tokens["me"]).json()
    assert [i["state"] for i in history["items"]] == ["accepted"]
    again = call(client, "POST", f"/worker/offers/{offer_id}/accept", tokens["me"])
    assert error_of(again, 409)["error"] == "offer.gone"


def test_another_workers_offer_is_404(setup):
    client, db, world, staff, ids, tokens = setup
    offer_id, _ = _offer(db, world, staff, ids["me"])
    for step, body in (("accept", None), ("reject", {"reason": "远"})):
        reply = call(
            client, "POST", f"/worker/offers/{offer_id}/{step}", tokens["other"], json=body
        )
        assert error_of(reply, 404)["error"] == "error.not_found"
    error_of(call(client, "POST", "/worker/offers/999999/accept", tokens["me"]), 404)
    with db.session() as s:
        assert s.get(DispatchOffer, offer_id).state == "offered"


def test_reject_needs_a_reason(setup):
    client, db, world, staff, ids, tokens = setup
    offer_id, order_id = _offer(db, world, staff, ids["me"])
    path = f"/worker/offers/{offer_id}/reject"
    assert error_of(call(client, "POST", path, tokens["me"], json={}), 422)["field"] == "reason"
    blank = error_of(call(client, "POST", path, tokens["me"], json={"reason": "  "}), 422)
    assert (blank["error"], blank["field"]) == ("offer.reason_required", "reason")
    reply = call(client, "POST", path, tokens["me"], json={"reason": "太远了"})
    assert reply.status_code == 200
    assert reply.json() == {"offer_id": offer_id, "order_id": order_id, "state": "rejected"}
    with db.session() as s:
        row = s.get(DispatchOffer, offer_id)
        assert (row.state, row.reason) == ("rejected", "太远了")


def test_the_pool_lists_only_what_the_worker_may_grab_and_a_taken_order_disappears(setup):
    client, db, world, staff, _ids, tokens = setup
    order_id = _pooled(db, world, staff)
    pool = call(client, "GET", "/worker/pool", tokens["me"]).json()
    assert [i["order_id"] for i in pool["items"]] == [order_id]
    assert "address_text" not in pool["items"][0]
    assert call(client, "GET", "/worker/pool", tokens["outsider"]).json()["total"] == 0
    reply = call(client, "POST", f"/worker/pool/{order_id}/grab", tokens["me"])
    assert reply.status_code == 200, reply.text
    assert (reply.json()["order_id"], reply.json()["state"]) == (order_id, "accepted")
    # a retry of the winner's request is answered the same, not "too late"
    assert call(client, "POST", f"/worker/pool/{order_id}/grab", tokens["me"]).status_code == 200
    assert call(client, "GET", "/worker/pool", tokens["other"]).json()["total"] == 0
    loser = error_of(call(client, "POST", f"/worker/pool/{order_id}/grab", tokens["other"]), 409)
    assert loser["error"] == "pool.taken" and "someone else" in loser["message"]


def test_grab_refusals(setup):
    client, db, world, staff, _ids, tokens = setup
    with db.session(write=True) as s:
        closed = make_order(s, world, local(DAY, 16)).id
    assert (
        error_of(call(client, "POST", f"/worker/pool/{closed}/grab", tokens["me"]), 409)["error"]
        == "pool.closed"
    )
    order_id = _pooled(db, world, staff)
    body = error_of(call(client, "POST", f"/worker/pool/{order_id}/grab", tokens["outsider"]), 409)
    assert body["error"] == "fit.district"
    error_of(call(client, "POST", "/worker/pool/99999999/grab", tokens["me"]), 404)
    error_of(call(client, "POST", f"/worker/pool/{2**64}/grab", tokens["me"]), 422)


def test_twenty_workers_grab_at_once_and_exactly_one_wins(setup):
    client, db, world, staff, _ids, _tokens = setup
    with db.session(write=True) as s:
        crew = [make_worker(s, world).id for _ in range(RACERS)]
    tokens = [token_for(db, "worker", w) for w in crew]
    order_id = _pooled(db, world, staff)
    start = threading.Barrier(RACERS)
    statuses: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()

    def racer(token: str) -> None:
        start.wait()
        reply = call(client, "POST", f"/worker/pool/{order_id}/grab", token)
        with lock:
            statuses.append(reply.status_code)
            if reply.status_code != 200:
                errors.append(reply.json()["error"])

    threads = [threading.Thread(target=racer, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not any(t.is_alive() for t in threads)
    assert sorted(statuses) == [200] + [409] * (RACERS - 1)
    assert set(errors) == {"pool.taken"}
    with db.session() as s:
        order = s.get(Order, order_id)
        assert order.worker_id in crew and order.state == "accepted"
