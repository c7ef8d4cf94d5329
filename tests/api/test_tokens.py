"""App tokens: who a request is, and that a blocked account's tokens stop at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from api_stub.app import create_app, mount_v1
from api_stub.deps import CurrentCustomer, CurrentWorker
from jiazheng_desk import clock
from jiazheng_desk.models import Customer, Worker
from jiazheng_desk.services import app_tokens
from tests.booking_factories import make_customer, make_worker, make_world

probe = APIRouter()


@probe.get("/probe/customer")
def who_customer(me: CurrentCustomer) -> dict[str, object]:
    return {"kind": me.kind, "id": me.id}


@probe.get("/probe/worker")
def who_worker(me: CurrentWorker) -> dict[str, object]:
    return {"kind": me.kind, "id": me.id}


@pytest.fixture
def setup(live_db):
    with live_db.session(write=True) as s:
        world = make_world(s)
        customer, _ = make_customer(s, world)
        worker = make_worker(s, world)
        ctoken = app_tokens.issue_token(s, subject_kind="customer", subject_id=customer.id)
        wtoken = app_tokens.issue_token(s, subject_kind="worker", subject_id=worker.id)
        ids = (customer.id, worker.id)
    app = create_app(live_db)
    mount_v1(app, probe)
    with TestClient(app) as client:
        yield client, live_db, ids, ctoken, wtoken


def _get(client, path, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(f"/api/v1{path}", headers={**headers, "Accept-Language": "en"})


def test_a_token_is_its_customer(setup):
    client, _db, (cid, wid), ctoken, wtoken = setup
    assert _get(client, "/probe/customer", ctoken).json() == {"kind": "customer", "id": cid}
    assert _get(client, "/probe/worker", wtoken).json() == {"kind": "worker", "id": wid}


@pytest.mark.parametrize("token", [None, "nonsense", "Bearer"])
def test_no_or_bad_token_is_401_json(setup, token):
    client = setup[0]
    reply = _get(client, "/probe/customer", token)
    assert reply.status_code == 401
    assert reply.json()["error"] in ("app.no_token", "app.bad_token")
    assert "log in" in reply.json()["message"]


def test_the_other_apps_token_is_refused(setup):
    client, *_rest, wtoken = setup
    reply = _get(client, "/probe/customer", wtoken)
    assert (reply.status_code, reply.json()["error"]) == (401, "app.wrong_app")


def test_expired_and_revoked_tokens_stop(setup):
    client, db, _ids, ctoken, _w = setup
    clock.advance(timedelta(days=31))
    assert _get(client, "/probe/customer", ctoken).status_code == 401
    clock.reset()
    with db.session(write=True) as s:
        assert app_tokens.revoke_token(s, token=ctoken)
    assert _get(client, "/probe/customer", ctoken).status_code == 401


def test_freezing_or_suspending_stops_the_tokens_at_once(setup):
    client, db, (cid, wid), ctoken, wtoken = setup
    with db.session(write=True) as s:
        s.get(Customer, cid).status = "frozen"
        s.get(Worker, wid).status = "suspended"
    for path, token in (("/probe/customer", ctoken), ("/probe/worker", wtoken)):
        reply = _get(client, path, token)
        assert (reply.status_code, reply.json()["error"]) == (401, "app.account_blocked")
