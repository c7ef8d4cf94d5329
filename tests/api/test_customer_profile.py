"""``/api/v1/customer`` profile, addresses and real name over HTTP, on both databases.

A customer sees and changes only their own data: another customer's address is 404.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api_stub.app import create_app
from jiazheng_desk import clock
from jiazheng_desk.models import AuditLog, Customer, CustomerAddress, District
from jiazheng_desk.services import app_tokens, customer_profile
from jiazheng_desk.services.identity import IdentityResult
from tests.app_helpers import login as service_login
from tests.customer_factories import unique_phone
from tests.factories import actor, make_branch, make_staff

C = "/api/v1/customer"
EN = {"Accept-Language": "en"}
T0 = datetime(2026, 11, 18, 2, 0, tzinfo=UTC)


@pytest.fixture
def api(live_db):
    """A client, the database, a served branch with two districts and a logged-in customer."""
    clock.freeze(T0)
    with live_db.session(write=True) as s:
        branch = make_branch(s, districts=("浦东新区", "徐汇区"))
        districts = s.scalars(
            select(District).where(District.branch_id == branch.id).order_by(District.id)
        ).all()
        world = {
            "branch_id": branch.id,
            "district_ids": [d.id for d in districts],
            "district_names": [d.name for d in districts],
            "centre": (districts[0].center_lat, districts[0].center_lng),
        }
        token = service_login(s, unique_phone()).token
    app = create_app(live_db)
    with TestClient(app) as client:
        yield client, live_db, world, token, app


def auth(token):
    return {"Authorization": f"Bearer {token}", **EN}


def another_customer(db) -> str:
    with db.session(write=True) as s:
        return service_login(s, unique_phone()).token


def add(client, token, **body):
    body.setdefault("address_text", "世纪大道 100 号")
    return client.post(f"{C}/addresses", json=body, headers=auth(token))


# --- profile ------------------------------------------------------------------------------


def test_my_profile_and_nobody_elses(api):
    client, _db, _world, token, _app = api
    reply = client.get(f"{C}/profile", headers=auth(token))
    assert reply.status_code == 200
    body = reply.json()
    assert (body["name"], body["spending_fen"], body["spending"]) == ("", 0, "¥0.00")
    assert body["created_at"] == "2026-11-18T10:00:00+08:00"
    assert "note" not in body and "tags" not in body and "password_hash" not in body
    assert client.get(f"{C}/profile").status_code == 401
    assert client.get(f"{C}/profile", headers=auth("forged")).status_code == 401


def test_change_my_profile_in_chinese_and_emoji(api):
    client, _db, _world, token, _app = api
    change = {
        "name": "张伟😀",
        "gender": "male",
        "emergency_name": "李娜",
        "emergency_phone": "139-0013-9000",
        "remind_sms": False,
    }
    reply = client.put(f"{C}/profile", json=change, headers=auth(token))
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert (body["name"], body["emergency_phone"], body["remind_sms"], body["remind_push"]) == (
        "张伟😀",
        "13900139000",
        False,
        True,
    )
    again = client.get(f"{C}/profile", headers=auth(token)).json()
    assert again["name"] == "张伟😀" and again["gender"] == "male"
    # text that looks like SQL is just text
    sql = "Robert'); DROP TABLE customer;--"
    reply = client.put(f"{C}/profile", json={"name": sql}, headers=auth(token))
    assert reply.status_code == 200 and reply.json()["name"] == sql


def test_the_staffs_note_is_not_shown(api):
    client, db, _world, token, _app = api
    with db.session(write=True) as s:
        me = app_tokens.authenticate_token(s, token=token)
        hq = actor(make_staff(s, role="hq_admin"))
        customer_profile.set_note(s, actor=hq, customer_id=me.id, note="难缠，派资深阿姨")
    reply = client.get(f"{C}/profile", headers=auth(token))
    assert "难缠" not in reply.text


@pytest.mark.parametrize(
    ("body", "error", "field"),
    [
        ({"name": ""}, "error.required", "name"),
        ({"name": "长" * 65}, "validation", "name"),
        ({"gender": "other"}, "validation", "gender"),
        ({"emergency_phone": "12345"}, "staff.bad_phone", "emergency_phone"),
        ({"remind_sms": "maybe"}, "validation", "remind_sms"),
        ({"phone": "13900000000"}, "validation", "phone"),
        ({"email": "a@b.cn"}, "validation", "email"),
        ({"note": "VIP"}, "validation", "note"),
        ({"name": 42}, "validation", "name"),
    ],
)
def test_bad_profile_changes_are_422_naming_the_field_and_change_nothing(api, body, error, field):
    client, _db, _world, token, _app = api
    before = client.get(f"{C}/profile", headers=auth(token)).json()
    reply = client.put(f"{C}/profile", json=body, headers=auth(token))
    assert (reply.status_code, reply.json()["error"], reply.json()["field"]) == (422, error, field)
    assert client.get(f"{C}/profile", headers=auth(token)).json() == before


# --- addresses ----------------------------------------------------------------------------


def test_addresses_crud(api):
    client, _db, world, token, _app = api
    first = add(client, token, district_id=world["district_ids"][0], contact_name="张先生")
    assert first.status_code == 201, first.text
    a = first.json()
    assert (a["branch_id"], a["is_default"], a["contact_name"]) == (
        world["branch_id"],
        True,
        "张先生",
    )
    by_name = add(
        client,
        token,
        city="上海",
        district=world["district_names"][1],
        address_text="漕溪北路 8 号 🏠",
        is_default=True,
    )
    assert by_name.status_code == 201 and by_name.json()["is_default"] is True
    lat, lng = world["centre"]
    here = add(client, token, lat=lat + 0.001, lng=lng + 0.001, address_text="定位地址")
    assert here.status_code == 201
    assert (here.json()["lat"], here.json()["lng"]) == (lat + 0.001, lng + 0.001)
    listed = client.get(f"{C}/addresses", headers=auth(token)).json()
    assert listed["total"] == 3 and listed["items"][0]["id"] == by_name.json()["id"]

    changed = client.put(
        f"{C}/addresses/{a['id']}",
        json={"district_id": world["district_ids"][1], "address_text": "新地址 1 号"},
        headers=auth(token),
    )
    assert changed.status_code == 200
    assert (changed.json()["address_text"], changed.json()["district_id"]) == (
        "新地址 1 号",
        world["district_ids"][1],
    )
    made_default = client.post(f"{C}/addresses/{a['id']}/default", headers=auth(token))
    assert made_default.status_code == 200 and made_default.json()["is_default"] is True
    removed = client.delete(f"{C}/addresses/{a['id']}", headers=auth(token))
    assert (removed.status_code, removed.content) == (204, b"")
    listed = client.get(f"{C}/addresses", headers=auth(token)).json()
    assert listed["total"] == 2 and a["id"] not in {i["id"] for i in listed["items"]}
    assert sum(i["is_default"] for i in listed["items"]) == 1
    # the customer's home branch came from the first address
    assert client.get(f"{C}/profile", headers=auth(token)).json()["branch_id"] == world["branch_id"]


def test_a_place_outside_every_branch_is_not_served_yet(api):
    client, db, _world, token, _app = api
    with db.session(write=True) as s:
        closed = make_branch(s, districts=("闵行区",))
        closed.is_active = False
        closed_district = s.scalars(
            select(District.id).where(District.branch_id == closed.id)
        ).one()
    cases = [
        ({"district_id": closed_district}, "district_id"),
        ({"district_id": 999_999}, "district_id"),
        ({"city": "北京", "district": "朝阳区"}, "district"),
        ({"lat": 39.91, "lng": 116.40}, "lat"),
    ]
    for place, field in cases:
        reply = add(client, token, **place)
        assert (reply.status_code, reply.json()["error"], reply.json()["field"]) == (
            422,
            "app.not_served",
            field,
        ), place
        assert "not serve" in reply.json()["message"]
    nowhere = add(client, token)
    assert (nowhere.status_code, nowhere.json()["error"]) == (422, "app.place_required")
    assert client.get(f"{C}/addresses", headers=auth(token)).json()["total"] == 0


def test_another_customers_address_is_404(api):
    client, db, world, token, _app = api
    mine = add(client, token, district_id=world["district_ids"][0]).json()
    other = another_customer(db)
    body = {"district_id": world["district_ids"][0], "address_text": "抢地址"}
    for reply in (
        client.put(f"{C}/addresses/{mine['id']}", json=body, headers=auth(other)),
        client.delete(f"{C}/addresses/{mine['id']}", headers=auth(other)),
        client.post(f"{C}/addresses/{mine['id']}/default", headers=auth(other)),
        client.delete(f"{C}/addresses/987654", headers=auth(token)),
    ):
        assert (reply.status_code, reply.json()["error"]) == (404, "customer.address_not_found")
    assert client.get(f"{C}/addresses", headers=auth(other)).json() == {"items": [], "total": 0}
    with db.session() as s:
        row = s.get(CustomerAddress, mine["id"])
        assert (row.address_text, row.deleted_at) == ("世纪大道 100 号", None)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"district_id": "east"}, "district_id"),
        ({"district_id": 1, "address_text": ""}, "address_text"),
        ({"district_id": 1, "address_text": "x" * 256}, "address_text"),
        ({"lat": 91, "lng": 121}, "lat"),
        ({"lat": "NaN", "lng": 121}, "lat"),
        ({"district_id": 1, "floor": 8}, "floor"),
        ({"district_id": 1, "contact_phone": "call me"}, "contact_phone"),
    ],
)
def test_bad_addresses_are_422_naming_the_field(api, body, field):
    client, db, world, token, _app = api
    body = {"address_text": "某路 1 号", **body}
    if body.get("district_id") == 1:
        body["district_id"] = world["district_ids"][0]
    reply = client.post(f"{C}/addresses", json=body, headers=auth(token))
    assert (reply.status_code, reply.json()["field"]) == (422, field), reply.text
    with db.session() as s:
        assert s.scalar(select(func.count(CustomerAddress.id))) == 0


@pytest.mark.parametrize("address_id", ["0", "-1", "abc", str(2**63), "1e3"])
def test_odd_address_ids_are_422_never_500(api, address_id):
    client, _db, _world, token, _app = api
    reply = client.delete(f"{C}/addresses/{address_id}", headers=auth(token))
    assert (reply.status_code, reply.json()["field"]) == (422, "address_id")


# --- real name ----------------------------------------------------------------------------


def test_real_name_passes_and_is_shown_masked(api):
    client, _db, _world, token, _app = api
    unverified = client.get(f"{C}/real-name", headers=auth(token)).json()
    assert unverified == {"verified": False, "real_name": "", "id_number": "", "verified_at": None}
    reply = client.post(
        f"{C}/real-name",
        json={"name": "张伟", "id_number": "11010519491231002X"},
        headers=auth(token),
    )
    assert reply.status_code == 200, reply.text
    assert reply.json() == {
        "verified": True,
        "real_name": "*伟",
        "id_number": "110***********002X",
        "verified_at": "2026-11-18T10:00:00+08:00",
    }
    assert client.get(f"{C}/real-name", headers=auth(token)).json() == reply.json()
    assert client.get(f"{C}/profile", headers=auth(token)).json()["real_name_verified"] is True
    again = client.post(
        f"{C}/real-name",
        json={"name": "张伟", "id_number": "11010519491231002X"},
        headers=auth(token),
    )
    assert (again.status_code, again.json()["error"]) == (409, "app.real_name_done")


@pytest.mark.parametrize(
    ("name", "number", "status", "error"),
    [
        ("李四", "11010519491231002X", 422, "app.real_name_rejected"),
        ("钱多多", "320583197802153450", 503, "app.real_name_no_answer"),
        ("张伟", "110105194912310021", 422, "idcard.bad_checksum"),
    ],
)
def test_real_name_refusals_never_verify(api, name, number, status, error):
    client, db, _world, token, _app = api
    reply = client.post(
        f"{C}/real-name", json={"name": name, "id_number": number}, headers=auth(token)
    )
    assert (reply.status_code, reply.json()["error"]) == (status, error)
    assert number not in reply.text
    shown = client.get(f"{C}/real-name", headers=auth(token)).json()
    assert shown["verified"] is False
    with db.session() as s:
        customer = s.scalars(select(Customer).where(Customer.channel == "app")).one()
        assert (customer.real_name_verified_at, customer.id_number_enc) == (None, None)
        failed = s.scalar(
            select(func.count(AuditLog.id)).where(AuditLog.action == "app.real_name_failed")
        )
    # a refusal from the gateway is kept in the audit log (it also caps the paid calls)
    assert failed == (0 if error.startswith("idcard.") else 1)


def test_a_real_gateway_plugs_in_through_the_app_state(api):
    client, _db, _world, token, app = api

    class Approves:
        def verify(self, name, id_number, selfie_path=None):
            return IdentityResult(True)

    app.state.identity_gateway = Approves()
    reply = client.post(
        f"{C}/real-name",
        json={"name": "欧阳娜娜", "id_number": "110101198001010010"},
        headers=auth(token),
    )
    assert reply.status_code == 200 and reply.json()["real_name"] == "***娜"


def test_real_name_is_for_customers_only(api):
    client, db, _world, _token, _app = api
    with db.session(write=True) as s:
        make_branch(s)
        clock.advance(timedelta(minutes=1))
        worker_token = service_login(s, unique_phone(), role="worker").token
    reply = client.get(f"{C}/real-name", headers=auth(worker_token))
    assert (reply.status_code, reply.json()["error"]) == (401, "app.wrong_app")
