"""``/api/v1/auth`` over HTTP on both databases: codes and their limits, logins, logout,
e-mail and password, reset, phone change, WeChat/Alipay; bad input is a clear 4xx."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api_stub.app import create_app
from jiazheng_desk import clock
from jiazheng_desk.models import ApiToken, AuditLog, Customer, SmsCode, Worker
from jiazheng_desk.services import customer_status
from tests.app_helpers import last_code, wrong
from tests.customer_factories import make_customer, unique_phone
from tests.factories import actor, make_branch, make_staff

A = "/api/v1/auth"
EN = {"Accept-Language": "en"}
T0 = datetime(2026, 11, 18, 2, 0, tzinfo=UTC)


@pytest.fixture
def api(live_db):
    clock.freeze(T0)
    with TestClient(create_app(live_db)) as client:
        yield client, live_db


def code_for(db, target: str) -> str:
    with db.session() as s:
        return last_code(s, target)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **EN}


def post(client, path, body=None, token=None, **kw):
    headers = bearer(token) if token else EN
    return client.post(f"{A}{path}", json=body, headers=headers, **kw)


def sms(client, phone, purpose="login"):
    return post(client, "/sms-code", {"phone": phone, "purpose": purpose})


def login(client, db, phone, role="customer"):
    assert sms(client, phone).status_code == 202
    reply = post(client, "/login", {"phone": phone, "code": code_for(db, phone), "role": role})
    assert reply.status_code == 200, reply.text
    return reply.json()


def count(db, model, *where):
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


# --- codes --------------------------------------------------------------------------------


def test_sms_code_is_accepted_and_never_in_the_answer(api):
    client, db = api
    phone = unique_phone()
    reply = sms(client, phone)
    assert reply.status_code == 202
    body = reply.json()
    assert body == {
        "channel": "sms",
        "target": f"{phone[:3]}****{phone[-4:]}",
        "purpose": "login",
        "expires_at": "2026-11-18T10:05:00+08:00",
        "resend_at": "2026-11-18T10:01:00+08:00",
    }
    code = code_for(db, phone)
    assert code not in reply.text


def test_one_code_a_minute_then_ten_a_day(api):
    client, _db = api
    phone = unique_phone()
    assert sms(client, phone).status_code == 202
    clock.advance(timedelta(seconds=30))
    reply = sms(client, phone)
    assert (reply.status_code, reply.json()["error"]) == (429, "app.code_too_soon")
    assert "30 s" in reply.json()["message"]
    clock.advance(timedelta(seconds=30))
    for _ in range(9):
        assert sms(client, phone).status_code == 202
        clock.advance(timedelta(minutes=1))
    reply = sms(client, phone)
    assert (reply.status_code, reply.json()["error"]) == (429, "app.code_daily_limit")


def test_thirty_codes_an_hour_from_one_ip(api):
    client, db = api
    for _ in range(30):
        assert sms(client, unique_phone()).status_code == 202
    reply = sms(client, unique_phone())
    assert (reply.status_code, reply.json()["error"]) == (429, "app.code_ip_limit")
    assert count(db, SmsCode) == 30


def test_five_wrong_codes_burn_it_and_the_tries_are_kept(api):
    client, db = api
    phone = unique_phone()
    sms(client, phone)
    code = code_for(db, phone)
    for left in (4, 3, 2, 1):
        reply = post(client, "/login", {"phone": phone, "code": wrong(code)})
        assert (reply.status_code, reply.json()["error"]) == (422, "app.code_wrong")
        assert reply.json()["field"] == "code" and f"{left} more" in reply.json()["message"]
    reply = post(client, "/login", {"phone": phone, "code": wrong(code)})
    assert reply.json()["error"] == "app.code_burnt"
    reply = post(client, "/login", {"phone": phone, "code": code})
    assert (reply.status_code, reply.json()["error"]) == (422, "app.code_burnt")
    # each refused request committed its counted try and its audit row
    with db.session() as s:
        assert s.scalar(select(SmsCode.attempts).where(SmsCode.phone == phone)) == 5
    assert count(db, AuditLog, AuditLog.action == "app.login_failed") == 6
    assert count(db, Customer, Customer.phone == phone) == 0
    # a new code after the minute works
    clock.advance(timedelta(minutes=1))
    assert login(client, db, phone)["created"] is True


def test_an_expired_or_used_code_is_refused(api):
    client, db = api
    phone = unique_phone()
    login(client, db, phone)
    reply = post(client, "/login", {"phone": phone, "code": code_for(db, phone)})
    assert reply.json()["error"] == "app.code_used"
    clock.advance(timedelta(minutes=1))
    sms(client, phone)
    clock.advance(timedelta(minutes=5))
    reply = post(client, "/login", {"phone": phone, "code": code_for(db, phone)})
    assert (reply.status_code, reply.json()["error"]) == (422, "app.code_expired")


# --- logins -------------------------------------------------------------------------------


def test_login_creates_the_customer_then_finds_them(api):
    client, db = api
    phone = unique_phone()
    first = login(client, db, phone)
    assert (first["role"], first["created"], first["status"], first["token_type"]) == (
        "customer",
        True,
        "active",
        "bearer",
    )
    assert first["expires_at"] == "2026-12-18T10:00:00+08:00"
    with db.session() as s:
        customer = s.get(Customer, first["subject_id"])
        assert (customer.phone, customer.name, customer.channel) == (phone, "", "app")
        stored = s.scalars(select(ApiToken.token_hash)).one()
        assert stored != first["token"] and first["token"] not in stored
    clock.advance(timedelta(minutes=1))
    again = login(client, db, phone)
    assert (again["subject_id"], again["created"]) == (first["subject_id"], False)
    profile = client.get("/api/v1/customer/profile", headers=bearer(again["token"]))
    assert profile.status_code == 200 and profile.json()["phone"] == phone


def test_worker_login_creates_an_applicant(api):
    client, db = api
    with db.session(write=True) as s:
        branch_id = make_branch(s).id
    reply = login(client, db, unique_phone(), role="worker")
    assert (reply["role"], reply["created"], reply["status"]) == ("worker", True, "applicant")
    with db.session() as s:
        worker = s.get(Worker, reply["subject_id"])
        assert (worker.status, worker.branch_id) == ("applicant", branch_id)
    # the worker's token is not a customer's
    profile = client.get("/api/v1/customer/profile", headers=bearer(reply["token"]))
    assert (profile.status_code, profile.json()["error"]) == (401, "app.wrong_app")


def test_a_frozen_customer_gets_403_and_their_token_stops(api):
    client, db = api
    phone = unique_phone()
    token = login(client, db, phone)["token"]
    with db.session(write=True) as s:
        hq = actor(make_staff(s, role="hq_admin"))
        customer_id = s.scalars(select(Customer.id).where(Customer.phone == phone)).one()
        customer_status.freeze_customer(s, actor=hq, customer_id=customer_id, reason="恶意下单")
    reply = client.get("/api/v1/customer/profile", headers=bearer(token))
    assert reply.status_code == 401
    clock.advance(timedelta(minutes=1))
    sms(client, phone)
    reply = post(client, "/login", {"phone": phone, "code": code_for(db, phone)})
    assert (reply.status_code, reply.json()["error"]) == (403, "app.account_frozen")
    assert "恶意下单" not in reply.text  # the staff's reason stays with the staff
    assert count(db, AuditLog, AuditLog.action == "app.login_refused") == 1


def test_a_suspended_worker_gets_403(api):
    client, db = api
    with db.session(write=True) as s:
        branch = make_branch(s)
        phone = unique_phone()
        s.add(Worker(branch_id=branch.id, phone=phone, name="赵师傅", status="suspended"))
    sms(client, phone)
    reply = post(client, "/login", {"phone": phone, "code": code_for(db, phone), "role": "worker"})
    assert (reply.status_code, reply.json()["error"]) == (403, "app.worker_blocked")


def test_logout_stops_the_token_at_once(api):
    client, db = api
    token = login(client, db, unique_phone())["token"]
    reply = post(client, "/logout", token=token)
    assert (reply.status_code, reply.content) == (204, b"")
    assert client.get("/api/v1/customer/profile", headers=bearer(token)).status_code == 401
    reply = post(client, "/logout")
    assert (reply.status_code, reply.json()["error"]) == (401, "app.no_token")
    assert post(client, "/logout", token=token).status_code == 401


def test_provider_login_links_once_and_refuses_what_it_does_not_know(api):
    client, db = api
    phone = unique_phone()
    body = {"provider": "wechat", "provider_code": f"wx-{phone}"}
    first = post(client, "/provider/login", body)
    assert first.status_code == 200 and first.json()["created"] is True
    again = post(client, "/provider/login", body).json()
    assert (again["subject_id"], again["created"]) == (first.json()["subject_id"], False)
    # the same person by SMS is the same account
    clock.advance(timedelta(minutes=1))
    assert login(client, db, phone)["subject_id"] == again["subject_id"]
    reply = post(client, "/provider/login", {"provider": "alipay", "provider_code": "stolen"})
    assert (reply.status_code, reply.json()["error"]) == (401, "app.provider_refused")
    reply = post(client, "/provider/login", {"provider": "qq", "provider_code": "x"})
    assert (reply.status_code, reply.json()["field"]) == (422, "provider")


# --- e-mail and password ------------------------------------------------------------------


def _register(client, db, email="zhang.wei@example.com", password="Sunny2026"):
    token = login(client, db, unique_phone())["token"]
    assert post(client, "/email/code", {"email": email, "purpose": "register"}).status_code == 202
    reply = post(
        client,
        "/email/register",
        {"email": email, "code": code_for(db, email), "password": password},
        token=token,
    )
    assert reply.status_code == 200, reply.text
    return token


def test_register_an_email_and_log_in_with_it(api):
    client, db = api
    _register(client, db)
    reply = post(
        client, "/email/login", {"email": "Zhang.Wei@example.com", "password": "Sunny2026"}
    )
    assert reply.status_code == 200 and reply.json()["role"] == "customer"
    with db.session() as s:
        stored = s.scalars(select(Customer.password_hash).where(Customer.email.is_not(None))).one()
    assert "Sunny2026" not in stored and stored not in reply.text


def test_email_register_needs_a_customer_token_a_strong_password_and_the_code(api):
    client, db = api
    email = "li.na@example.com"
    post(client, "/email/code", {"email": email, "purpose": "register"})
    body = {"email": email, "code": code_for(db, email), "password": "Sunny2026"}
    assert post(client, "/email/register", body).status_code == 401
    token = login(client, db, unique_phone())["token"]
    weak = post(client, "/email/register", {**body, "password": "12345678"}, token=token)
    assert (weak.status_code, weak.json()["error"], weak.json()["field"]) == (
        422,
        "auth.weak_password",
        "password",
    )
    bad = post(client, "/email/register", {**body, "code": wrong(body["code"])}, token=token)
    assert (bad.status_code, bad.json()["error"]) == (422, "app.code_wrong")
    assert count(db, Customer, Customer.email.is_not(None)) == 0


def test_five_wrong_passwords_lock_the_account(api):
    client, db = api
    _register(client, db)
    creds = {"email": "zhang.wei@example.com", "password": "Wrong1234"}
    for left in (4, 3, 2, 1):
        reply = post(client, "/email/login", creds)
        assert (reply.status_code, reply.json()["error"]) == (401, "app.password_wrong_left")
        assert f"{left} more" in reply.json()["message"]
    reply = post(client, "/email/login", creds)
    assert (reply.status_code, reply.json()["error"]) == (401, "app.password_locked")
    right = {**creds, "password": "Sunny2026"}
    assert post(client, "/email/login", right).json()["error"] == "app.password_locked"
    clock.advance(timedelta(minutes=15))
    assert post(client, "/email/login", right).status_code == 200
    unknown = post(client, "/email/login", {"email": "nobody@example.com", "password": "x"})
    assert (unknown.status_code, unknown.json()["error"]) == (401, "app.password_wrong")


def test_reset_the_password_ends_every_login(api):
    client, db = api
    token = _register(client, db)
    phone = client.get("/api/v1/customer/profile", headers=bearer(token)).json()["phone"]
    clock.advance(timedelta(minutes=1))
    assert sms(client, phone, "reset").status_code == 202
    reply = post(
        client,
        "/password/reset",
        {"phone": phone, "code": code_for(db, phone), "new_password": "Brand9new"},
    )
    assert (reply.status_code, reply.json()) == (200, {"tokens_revoked": 1})
    assert client.get("/api/v1/customer/profile", headers=bearer(token)).status_code == 401
    login_reply = post(
        client, "/email/login", {"email": "zhang.wei@example.com", "password": "Brand9new"}
    )
    assert login_reply.status_code == 200
    # by e-mail too; and exactly one of phone and e-mail
    post(client, "/email/code", {"email": "zhang.wei@example.com", "purpose": "reset"})
    code = code_for(db, "zhang.wei@example.com")
    reply = post(
        client,
        "/password/reset",
        {"email": "zhang.wei@example.com", "code": code, "new_password": "Third3rd"},
    )
    assert reply.status_code == 200
    both = post(
        client,
        "/password/reset",
        {
            "phone": phone,
            "email": "zhang.wei@example.com",
            "code": code,
            "new_password": "x1234567",
        },
    )
    assert (both.status_code, both.json()["error"]) == (422, "validation")


def test_reset_for_a_phone_without_an_account_is_404(api):
    client, db = api
    phone = unique_phone()
    sms(client, phone, "reset")
    reply = post(
        client,
        "/password/reset",
        {"phone": phone, "code": code_for(db, phone), "new_password": "Brand9new"},
    )
    assert (reply.status_code, reply.json()["error"]) == (404, "app.no_account")


def test_change_phone_needs_both_codes(api):
    client, db = api
    old = unique_phone()
    token = login(client, db, old)["token"]
    clock.advance(timedelta(minutes=1))
    other_device = login(client, db, old)["token"]
    new = unique_phone()
    clock.advance(timedelta(minutes=1))
    sms(client, old, "change_phone_old")
    sms(client, new, "change_phone_new")
    old_code, new_code = code_for(db, old), code_for(db, new)
    missing = post(client, "/phone/change", {"old_code": old_code, "new_phone": new}, token=token)
    assert (missing.status_code, missing.json()["field"]) == (422, "new_code")
    bad = post(
        client,
        "/phone/change",
        {"old_code": old_code, "new_phone": new, "new_code": wrong(new_code)},
        token=token,
    )
    assert (bad.status_code, bad.json()["field"]) == (422, "new_code")
    reply = post(
        client,
        "/phone/change",
        {"old_code": old_code, "new_phone": new, "new_code": new_code},
        token=token,
    )
    assert (reply.status_code, reply.json()) == (200, {"phone": new, "tokens_revoked": 1})
    assert client.get("/api/v1/customer/profile", headers=bearer(token)).json()["phone"] == new
    assert client.get("/api/v1/customer/profile", headers=bearer(other_device)).status_code == 401


def test_change_phone_to_a_taken_number_is_409(api):
    client, db = api
    with db.session(write=True) as s:
        taken = make_customer(s).phone
    token = login(client, db, unique_phone())["token"]
    reply = post(
        client,
        "/phone/change",
        {"old_code": "123456", "new_phone": taken, "new_code": "123456"},
        token=token,
    )
    assert (reply.status_code, reply.json()["error"]) == (409, "app.phone_taken")
    assert taken not in reply.json()["message"]


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "status", "error", "field"),
    [
        ("/sms-code", {"phone": "13800138000", "role": "admin"}, 422, "validation", "role"),
        ("/sms-code", {"phone": 13800138000}, 422, "validation", "phone"),
        ("/sms-code", {"phone": "13800138000", "purpose": "hack"}, 422, "validation", "purpose"),
        ("/sms-code", {}, 422, "validation", "phone"),
        ("/sms-code", {"phone": "1' OR '1'='1"}, 422, "staff.bad_phone", "phone"),
        ("/sms-code", {"phone": "138001380😀"}, 422, "staff.bad_phone", "phone"),
        ("/login", {"phone": "13800138000", "code": "12345a"}, 422, "validation", "code"),
        ("/login", {"phone": "13800138000", "code": "١٢٣٤٥٦"}, 422, "validation", "code"),
        (
            "/login",
            {"phone": "13800138000", "code": "123456", "role": "staff"},
            422,
            "validation",
            "role",
        ),
        ("/login", ["13800138000"], 422, "validation", "body"),
        ("/email/code", {"email": "x@y.cn", "purpose": "login"}, 422, "validation", "purpose"),
        (
            "/email/code",
            {"email": "'; DROP TABLE customer; --", "purpose": "register"},
            422,
            "customer.bad_email",
            "email",
        ),
        ("/email/login", {"email": "a@b.cn", "password": ["x"]}, 422, "validation", "password"),
    ],
)
def test_bad_bodies_are_clear_4xx_and_change_nothing(api, path, body, status, error, field):
    client, db = api
    reply = post(client, path, body)
    assert (reply.status_code, reply.json()["error"]) == (status, error), reply.text
    assert reply.json().get("field") == field
    assert reply.json()["message"]
    assert count(db, SmsCode) == 0 and count(db, Customer) == 0


def test_malformed_json_is_400(api):
    client, db = api
    reply = client.post(
        f"{A}/login",
        content=b'{"phone": "1380013',
        headers={"Content-Type": "application/json", **EN},
    )
    assert (reply.status_code, reply.json()["error"]) == (400, "malformed_json")
    assert count(db, Customer) == 0


def test_a_login_as_sql_or_with_a_long_body_is_refused_and_the_tables_stand(api):
    client, db = api
    reply = post(client, "/login", {"phone": "13800138000 OR 1=1", "code": "123456"})
    assert reply.status_code == 422
    reply = post(client, "/email/login", {"email": "a' OR 1=1 --@x.cn", "password": "' OR ''='"})
    assert (reply.status_code, reply.json()["error"]) == (401, "app.password_wrong")
    reply = post(client, "/email/login", {"email": "a@b.cn", "password": "x" * 129})
    assert (reply.status_code, reply.json()["field"]) == (422, "password")
    with db.session() as s:
        failed = s.scalars(
            select(AuditLog.after_json).where(AuditLog.action == "app.login_failed")
        ).all()
    assert failed and json.loads(failed[0])["method"] == "password"


class RefusesEveryone:
    """A provider gateway named by configuration (JIAZHENG_OAUTH_GATEWAY)."""

    def phone_for(self, provider, provider_code):
        return None


def test_the_provider_gateway_is_chosen_by_configuration(live_db, monkeypatch):
    monkeypatch.setenv("JIAZHENG_OAUTH_GATEWAY", f"{__name__}:RefusesEveryone")
    with TestClient(create_app(live_db)) as client:
        reply = post(
            client, "/provider/login", {"provider": "wechat", "provider_code": "wx-13800138000"}
        )
    assert (reply.status_code, reply.json()["error"]) == (401, "app.provider_refused")
