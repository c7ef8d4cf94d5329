"""The apps' accounts as services: codes and their limits, logins, passwords, real name,
served places (both databases; time travels with ``clock``, never sleeps)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.models import (
    Announcement,
    ApiToken,
    AuditLog,
    Branch,
    Customer,
    District,
    ExternalIdentity,
    Outbox,
    SmsCode,
    Worker,
)
from jiazheng_desk.services import (
    app_addresses,
    app_auth,
    app_codes,
    app_password,
    app_public,
    app_tokens,
    identity,
    pii,
)
from jiazheng_desk.services.app_addresses import AddressInput, Place
from jiazheng_desk.services.app_codes import CodeRefused, TooManyCodes
from jiazheng_desk.services.customer_views import AddressNotFound
from jiazheng_desk.services.errors import AuthenticationError, Conflict, ValidationError
from jiazheng_desk.services.identity import IdentityResult
from jiazheng_desk.sync.gateways.identity_sandbox import SandboxIdentityGateway
from jiazheng_desk.sync.gateways.oauth_sandbox import SandboxOAuthGateway
from tests.app_helpers import IP, last_code, login, send, wrong
from tests.customer_factories import make_customer, unique_phone
from tests.factories import make_branch

# 10:00 in Shanghai, a quiet weekday
T0 = datetime(2026, 11, 18, 2, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> None:
    clock.freeze(T0)


def _actions(db, action: str) -> int:
    return db.scalar(select(func.count(AuditLog.id)).where(AuditLog.action == action))


def me(db, result):
    """The actor a login's token stands for."""
    return app_tokens.authenticate_token(db, token=result.token)


# --- codes --------------------------------------------------------------------------------


def test_a_code_is_six_digits_stored_hashed_and_queued_in_the_outbox(db, caplog):
    phone = unique_phone()
    with caplog.at_level(logging.INFO, logger="jiazheng_desk.services.app_codes"):
        sent = app_codes.send_code(db, channel="sms", target=phone, purpose="login", ip=IP)
    code = last_code(db, phone)
    assert len(code) == 6 and code.isdigit()
    row = db.scalars(select(SmsCode).where(SmsCode.phone == phone)).one()
    assert code not in row.code_hash and row.code_hash.startswith("h1$")
    assert (row.channel, row.purpose, row.ip, row.attempts) == ("sms", "login", IP, 0)
    assert row.expires_at == T0 + timedelta(minutes=5) == sent.expires_at
    assert sent.resend_at == T0 + timedelta(seconds=60)
    assert sent.target_masked == f"{phone[:3]}****{phone[-4:]}"
    outbox = db.scalars(select(Outbox).where(Outbox.recipient == phone)).one()
    assert (outbox.channel, outbox.template, outbox.state) == ("sms", "auth_code", "pending")
    assert json.loads(outbox.payload)["purpose"] == "login"
    # the sandbox logs that it queued, never the code
    assert "queued as outbox" in caplog.text and code not in caplog.text
    audit_row = db.scalars(select(AuditLog).where(AuditLog.action == "app.code_sent")).one()
    assert phone not in audit_row.after_json and code not in audit_row.after_json


def test_two_codes_never_share_a_hash(db):
    a, b = unique_phone(), unique_phone()
    send(db, a)
    send(db, b)
    hashes = db.scalars(select(SmsCode.code_hash).where(SmsCode.phone.in_((a, b)))).all()
    assert len(set(hashes)) == 2


@pytest.mark.parametrize(
    ("channel", "target", "purpose", "key"),
    [
        ("sms", "12345", "login", "staff.bad_phone"),
        ("sms", "13800138000", "register", "app.bad_purpose"),
        ("email", "not-an-address", "register", "customer.bad_email"),
        ("email", "a@b.cn", "login", "app.bad_purpose"),
        ("fax", "13800138000", "login", "app.bad_channel"),
    ],
)
def test_bad_targets_and_purposes_are_refused(db, channel, target, purpose, key):
    with pytest.raises(ValidationError) as refused:
        app_codes.send_code(db, channel=channel, target=target, purpose=purpose, ip=IP)
    assert refused.value.key == key
    assert db.scalar(select(func.count(SmsCode.id))) == 0


def test_one_code_a_minute_per_target(db):
    phone = unique_phone()
    send(db, phone)
    clock.advance(timedelta(seconds=45))
    with pytest.raises(TooManyCodes) as refused:
        send(db, phone, "reset")  # another purpose does not get round it
    assert refused.value.key == "app.code_too_soon"
    assert refused.value.params["seconds"] == 15
    assert refused.value.http_status == 429
    clock.advance(timedelta(seconds=15))
    send(db, phone)


def test_ten_codes_a_day_per_target_then_the_next_shanghai_day(db):
    phone = unique_phone()
    for _ in range(10):
        send(db, phone)
        clock.advance(timedelta(minutes=1))
    with pytest.raises(TooManyCodes) as refused:
        send(db, phone)
    assert refused.value.key == "app.code_daily_limit"
    # 23:59 in Shanghai is still the same day; 00:00 is a new one
    clock.freeze(datetime(2026, 11, 18, 15, 59, tzinfo=UTC))
    with pytest.raises(TooManyCodes):
        send(db, phone)
    clock.freeze(datetime(2026, 11, 18, 16, 0, tzinfo=UTC))
    send(db, phone)


def test_thirty_codes_an_hour_per_ip(db):
    for _ in range(app_codes.PER_IP_PER_HOUR):
        send(db, unique_phone(), ip="198.51.100.9")
    with pytest.raises(TooManyCodes) as refused:
        send(db, unique_phone(), ip="198.51.100.9")
    assert refused.value.key == "app.code_ip_limit"
    send(db, unique_phone(), ip="198.51.100.10")  # another network is not affected
    clock.advance(timedelta(hours=1))
    send(db, unique_phone(), ip="198.51.100.9")


def test_five_wrong_tries_burn_the_code(db):
    phone = unique_phone()
    code = send(db, phone)
    for left in (4, 3, 2, 1):
        with pytest.raises(CodeRefused) as refused:
            app_codes.check_code(db, channel="sms", target=phone, purpose="login", code=wrong(code))
        assert (refused.value.key, refused.value.params["left"]) == ("app.code_wrong", left)
        assert refused.value.commit_before_raise  # the try is counted even though refused
    with pytest.raises(CodeRefused) as refused:
        app_codes.check_code(db, channel="sms", target=phone, purpose="login", code=wrong(code))
    assert refused.value.key == "app.code_burnt"
    with pytest.raises(CodeRefused) as refused:
        app_codes.check_code(db, channel="sms", target=phone, purpose="login", code=code)
    assert refused.value.key == "app.code_burnt"
    row = db.scalars(select(SmsCode).where(SmsCode.phone == phone)).one()
    assert (row.attempts, row.used_at) == (5, None)


def test_a_code_works_once_within_five_minutes_and_only_the_newest(db):
    phone = unique_phone()
    first = send(db, phone)
    clock.advance(timedelta(minutes=1))
    second = send(db, phone)
    if first != second:
        with pytest.raises(CodeRefused):
            app_codes.check_code(db, channel="sms", target=phone, purpose="login", code=first)
    app_codes.check_code(db, channel="sms", target=phone, purpose="login", code=second)
    with pytest.raises(CodeRefused) as refused:
        app_codes.check_code(db, channel="sms", target=phone, purpose="login", code=second)
    assert refused.value.key == "app.code_used"
    clock.advance(timedelta(minutes=1))
    late = send(db, phone)
    clock.advance(timedelta(minutes=5))
    with pytest.raises(CodeRefused) as refused:
        app_codes.check_code(db, channel="sms", target=phone, purpose="login", code=late)
    assert refused.value.key == "app.code_expired"
    with pytest.raises(CodeRefused) as refused:
        app_codes.check_code(db, channel="sms", target=phone, purpose="reset", code=late)
    assert refused.value.key == "app.code_none"


# --- logins -------------------------------------------------------------------------------


def test_a_new_phone_becomes_an_app_customer(db):
    phone = unique_phone()
    result = login(db, phone)
    assert (result.role, result.created, result.status) == ("customer", True, "active")
    customer = db.get(Customer, result.subject_id)
    assert (customer.phone, customer.name, customer.channel) == (phone, "", "app")
    assert me(db, result).id == customer.id
    assert result.expires_at == T0 + timedelta(days=app_tokens.TOKEN_DAYS)
    assert _actions(db, "customer.create") == 1 and _actions(db, "app.login") == 1
    clock.advance(timedelta(minutes=1))
    again = login(db, phone)
    assert (again.subject_id, again.created) == (customer.id, False)


def test_a_new_phone_in_the_worker_app_becomes_an_applicant(db):
    first = make_branch(db)
    make_branch(db)
    result = login(db, unique_phone(), role="worker")
    worker = db.get(Worker, result.subject_id)
    assert (result.role, result.status, worker.status, worker.name) == (
        "worker",
        "applicant",
        "applicant",
        "",
    )
    # the stop-gap: the first active branch, until the application chooses one
    assert worker.branch_id == first.id
    row = db.scalars(select(AuditLog).where(AuditLog.action == "app.worker_signup")).one()
    assert json.loads(row.after_json)["stopgap"] is True


def test_an_existing_customer_and_worker_log_in_with_their_phone(db):
    branch = make_branch(db)
    customer = make_customer(db, branch=branch)
    assert login(db, customer.phone).subject_id == customer.id
    worker = Worker(branch_id=branch.id, phone=unique_phone(), name="王阿姨", status="active")
    db.add(worker)
    db.flush()
    result = login(db, worker.phone, role="worker")
    assert (result.subject_id, result.created) == (worker.id, False)


def test_a_frozen_customer_is_refused_and_audited(db):
    customer = make_customer(db, status="frozen")
    with pytest.raises(app_auth.AccountRefused) as refused:
        login(db, customer.phone)
    assert (refused.value.key, refused.value.http_status) == ("app.account_frozen", 403)
    assert refused.value.commit_before_raise
    assert _actions(db, "app.login_refused") == 1
    assert db.scalar(select(func.count(ApiToken.id))) == 0


@pytest.mark.parametrize("status", ["suspended", "left"])
def test_a_suspended_or_departed_worker_is_refused(db, status):
    branch = make_branch(db)
    worker = Worker(branch_id=branch.id, phone=unique_phone(), name="李师傅", status=status)
    db.add(worker)
    db.flush()
    with pytest.raises(app_auth.AccountRefused) as refused:
        login(db, worker.phone, role="worker")
    assert refused.value.key == "app.worker_blocked"


def test_a_wrong_code_is_a_failed_login_in_the_audit_log(db):
    phone = unique_phone()
    code = send(db, phone)
    with pytest.raises(CodeRefused):
        app_auth.login_with_code(db, phone=phone, code=wrong(code), role="customer", ip=IP)
    row = db.scalars(select(AuditLog).where(AuditLog.action == "app.login_failed")).one()
    assert (row.actor_kind, row.source) == ("anonymous", "api")
    assert json.loads(row.after_json)["reason"] == "app.code_wrong"
    assert db.scalar(select(func.count(Customer.id)).where(Customer.phone == phone)) == 0


def test_logout_stops_the_token(db):
    result = login(db, unique_phone())
    actor = me(db, result)
    assert app_auth.logout(db, actor=actor, token=result.token)
    with pytest.raises(AuthenticationError):
        me(db, result)
    assert _actions(db, "app.logout") == 1


def test_provider_login_links_the_account_once(db):
    phone = unique_phone()
    gateway = SandboxOAuthGateway()
    first = app_auth.login_with_provider(
        db, provider="wechat", provider_code=f"wx-{phone}", role="customer", ip=IP, gateway=gateway
    )
    assert first.created
    link = db.scalars(select(ExternalIdentity)).one()
    assert (link.provider, link.subject_kind, link.subject_id) == (
        "wechat",
        "customer",
        first.subject_id,
    )
    again = app_auth.login_with_provider(
        db, provider="wechat", provider_code=f"wx-{phone}", role="customer", ip=IP, gateway=gateway
    )
    assert (again.subject_id, again.created) == (first.subject_id, False)
    assert db.scalar(select(func.count(ExternalIdentity.id))) == 1
    with pytest.raises(app_auth.ProviderRefused):
        app_auth.login_with_provider(
            db,
            provider="alipay",
            provider_code=f"wx-{phone}",
            role="customer",
            ip=IP,
            gateway=gateway,
        )


# --- e-mail and password ------------------------------------------------------------------


def _with_email(db, address: str = "zhang.wei@example.com", password: str = "Sunny2026"):
    result = login(db, unique_phone())
    actor = me(db, result)
    code = send(db, address, "register")
    app_password.register_email(db, actor=actor, email=address, code=code, password=password)
    return result, actor


def test_register_an_email_then_log_in_with_it(db):
    result, _actor = _with_email(db, "Zhang.Wei@Example.com")
    customer = db.get(Customer, result.subject_id)
    assert customer.email == "zhang.wei@example.com"
    assert customer.password_hash.startswith("$argon2")
    logged = app_password.login_with_password(
        db, email=" ZHANG.WEI@example.com ", password="Sunny2026", ip=IP
    )
    assert logged.subject_id == customer.id
    assert _actions(db, "app.email_register") == 1


def test_a_weak_password_or_a_wrong_email_code_is_refused(db):
    actor = me(db, login(db, unique_phone()))
    code = send(db, "li.na@example.com", "register")
    with pytest.raises(ValidationError) as refused:
        app_password.register_email(
            db, actor=actor, email="li.na@example.com", code=code, password="onlyletters"
        )
    assert refused.value.key == "auth.weak_password"
    with pytest.raises(CodeRefused):
        app_password.register_email(
            db, actor=actor, email="li.na@example.com", code=wrong(code), password="Sunny2026"
        )
    assert db.get(Customer, actor.id).email is None


def test_five_wrong_passwords_lock_for_fifteen_minutes(db):
    _with_email(db)
    for left in (4, 3, 2, 1):
        with pytest.raises(AuthenticationError) as refused:
            app_password.login_with_password(
                db, email="zhang.wei@example.com", password="Wrong1234", ip=IP
            )
        assert refused.value.params["left"] == left
    with pytest.raises(AuthenticationError) as refused:
        app_password.login_with_password(
            db, email="zhang.wei@example.com", password="Wrong1234", ip=IP
        )
    assert refused.value.key == "app.password_locked"
    clock.advance(timedelta(minutes=14))
    with pytest.raises(AuthenticationError) as refused:  # even the right one, while locked
        app_password.login_with_password(
            db, email="zhang.wei@example.com", password="Sunny2026", ip=IP
        )
    assert refused.value.key == "app.password_locked"
    clock.advance(timedelta(minutes=1))
    app_password.login_with_password(db, email="zhang.wei@example.com", password="Sunny2026", ip=IP)
    # a success starts the count afresh
    with pytest.raises(AuthenticationError) as refused:
        app_password.login_with_password(
            db, email="zhang.wei@example.com", password="Wrong1234", ip=IP
        )
    assert refused.value.params["left"] == 4


def test_an_unknown_email_is_the_same_refusal(db):
    with pytest.raises(AuthenticationError) as refused:
        app_password.login_with_password(db, email="nobody@example.com", password="x", ip=IP)
    assert refused.value.key == "app.password_wrong"


@pytest.mark.parametrize("by", ["sms", "email"])
def test_reset_the_password_by_phone_or_email_ends_every_login(db, by):
    result, _actor = _with_email(db)
    customer = db.get(Customer, result.subject_id)
    target = customer.phone if by == "sms" else customer.email
    clock.advance(timedelta(minutes=1))
    code = send(db, target, "reset")
    done = app_password.reset_password(
        db, channel=by, target=target, code=code, new_password="Brand9new"
    )
    assert done.tokens_revoked == 1
    with pytest.raises(AuthenticationError):
        me(db, result)
    app_password.login_with_password(db, email=customer.email, password="Brand9new", ip=IP)


def test_change_phone_needs_both_codes(db):
    result = login(db, unique_phone())
    clock.advance(timedelta(minutes=1))
    other_device = login(db, db.get(Customer, result.subject_id).phone)
    actor = me(db, result)
    old = db.get(Customer, actor.id).phone
    new = unique_phone()
    clock.advance(timedelta(minutes=1))
    old_code = send(db, old, "change_phone_old")
    new_code = send(db, new, "change_phone_new")
    # one wrong code: refused, counted, and the other code is not spent
    with pytest.raises(CodeRefused) as refused:
        app_password.change_phone(
            db,
            actor=actor,
            token=result.token,
            old_code=old_code,
            new_phone=new,
            new_code=wrong(new_code),
        )
    assert refused.value.field == "new_code"
    with pytest.raises(CodeRefused) as refused:
        app_password.change_phone(
            db, actor=actor, token=result.token, old_code=new_code, new_phone=new, new_code=new_code
        )
    assert refused.value.field == "old_code"
    done = app_password.change_phone(
        db, actor=actor, token=result.token, old_code=old_code, new_phone=new, new_code=new_code
    )
    assert (done.phone, done.tokens_revoked) == (new, 1)
    assert db.get(Customer, actor.id).phone == new
    assert me(db, result).id == actor.id  # this device stays logged in
    with pytest.raises(AuthenticationError):
        me(db, other_device)


def test_change_phone_to_a_taken_number_is_refused(db):
    taken = make_customer(db).phone
    actor = me(db, login(db, unique_phone()))
    with pytest.raises(Conflict) as refused:
        app_password.change_phone(
            db, actor=actor, token="x", old_code="000000", new_phone=taken, new_code="000000"
        )
    assert (refused.value.key, refused.value.field) == ("app.phone_taken", "new_phone")


def test_a_worker_changes_phone_too(db):
    make_branch(db)
    result = login(db, unique_phone(), role="worker")
    actor = me(db, result)
    old, new = db.get(Worker, actor.id).phone, unique_phone()
    clock.advance(timedelta(minutes=1))
    old_code, new_code = send(db, old, "change_phone_old"), send(db, new, "change_phone_new")
    app_password.change_phone(
        db, actor=actor, token=result.token, old_code=old_code, new_phone=new, new_code=new_code
    )
    assert db.get(Worker, actor.id).phone == new


# --- real name ----------------------------------------------------------------------------


class SilentGateway:
    def verify(self, name, id_number, selfie_path=None):
        raise TimeoutError


def test_real_name_passes_with_the_sandbox_and_is_stored_encrypted(db):
    actor = me(db, login(db, unique_phone()))
    view = identity.verify_real_name(
        db,
        actor=actor,
        name="张伟",
        id_number="11010519491231002x",
        gateway=SandboxIdentityGateway(),
    )
    assert (view.verified, view.real_name_masked, view.id_number_masked) == (
        True,
        "*伟",
        "110***********002X",
    )
    customer = db.get(Customer, actor.id)
    assert customer.real_name == "张伟" and customer.real_name_verified_at == T0
    assert b"11010519491231002X" not in customer.id_number_enc
    assert pii.decrypt(customer.id_number_enc) == "11010519491231002X"
    assert identity.get_real_name(db, actor=actor) == view
    with pytest.raises(Conflict):
        identity.verify_real_name(
            db,
            actor=actor,
            name="张伟",
            id_number="11010519491231002X",
            gateway=SandboxIdentityGateway(),
        )


@pytest.mark.parametrize(
    ("name", "number", "error", "reason"),
    [
        ("李四", "11010519491231002X", identity.RealNameRejected, "mismatch"),
        ("李四", "110101198001010010", identity.RealNameRejected, "no_record"),
        ("钱多多", "320583197802153450", identity.IdentityUnavailable, "no_answer"),
    ],
)
def test_real_name_failures_never_mark_it_passed(db, name, number, error, reason):
    actor = me(db, login(db, unique_phone()))
    with pytest.raises(error) as refused:
        identity.verify_real_name(
            db, actor=actor, name=name, id_number=number, gateway=SandboxIdentityGateway()
        )
    assert refused.value.commit_before_raise
    customer = db.get(Customer, actor.id)
    assert (customer.real_name, customer.id_number_enc, customer.real_name_verified_at) == (
        "",
        None,
        None,
    )
    row = db.scalars(select(AuditLog).where(AuditLog.action == "app.real_name_failed")).one()
    assert json.loads(row.after_json)["reason"] == reason
    assert number not in row.after_json
    assert identity.get_real_name(db, actor=actor).verified is False


def test_a_gateway_timeout_is_no_answer_and_a_bad_number_never_reaches_it(db):
    actor = me(db, login(db, unique_phone()))
    with pytest.raises(identity.IdentityUnavailable):
        identity.verify_real_name(
            db, actor=actor, name="张伟", id_number="11010519491231002X", gateway=SilentGateway()
        )
    with pytest.raises(ValidationError) as refused:
        identity.verify_real_name(
            db, actor=actor, name="张伟", id_number="110105194912310021", gateway=SilentGateway()
        )
    assert (refused.value.key, refused.value.field) == ("idcard.bad_checksum", "id_number")


def test_five_failed_checks_a_day_then_wait(db):
    actor = me(db, login(db, unique_phone()))

    class No:
        def verify(self, name, id_number, selfie_path=None):
            return IdentityResult(False, "mismatch")

    for _ in range(identity.MAX_ATTEMPTS_PER_DAY):
        with pytest.raises(identity.RealNameRejected):
            identity.verify_real_name(
                db, actor=actor, name="张伟", id_number="11010519491231002X", gateway=No()
            )
    with pytest.raises(identity.TooManyAttempts):
        identity.verify_real_name(
            db, actor=actor, name="张伟", id_number="11010519491231002X", gateway=No()
        )
    clock.advance(timedelta(days=1))
    identity.verify_real_name(
        db,
        actor=actor,
        name="张伟",
        id_number="11010519491231002X",
        gateway=SandboxIdentityGateway(),
    )


# --- where we serve -----------------------------------------------------------------------


def test_served_cities_list_only_active_districts_of_active_branches(db):
    served = make_branch(db, districts=("浦东新区", "徐汇区"))
    closed = make_branch(db, districts=("闵行区",))
    closed.is_active = False
    off = db.scalars(select(District).where(District.branch_id == served.id)).first()
    off.is_active = False
    db.flush()
    cities = app_public.list_served_cities(db)
    names = {d.name for c in cities for d in c.districts}
    assert [c.city for c in cities] == ["上海"]
    assert off.name not in names and all(not n.startswith("闵行区") for n in names)
    assert any(n.startswith("徐汇区") for n in names)
    with pytest.raises(app_public.NotServed) as refused:
        app_public.branch_for_district(db, district_id=off.id)
    assert (refused.value.key, refused.value.field) == ("app.not_served", "district_id")


def test_a_point_is_served_by_the_nearest_district_within_reach(db):
    branch = make_branch(db)
    district = db.scalars(select(District).where(District.branch_id == branch.id)).one()
    found = app_public.district_at(db, lat=district.center_lat + 0.02, lng=district.center_lng)
    assert (found.id, found.branch_id) == (district.id, branch.id)
    with pytest.raises(app_public.NotServed):
        app_public.district_at(db, lat=39.9, lng=116.4)  # Beijing


def test_announcements_in_their_window_for_the_audience_and_branch(db):
    branch = make_branch(db)
    other = make_branch(db)

    def notice(title, **kw):
        values = {"audience": "all", "starts_at": T0 - timedelta(days=1), **kw}
        db.add(Announcement(title=title, body="", **values))

    notice("全体")
    notice("客户", audience="customers")
    notice("阿姨", audience="workers")
    notice("本店", branch_id=branch.id)
    notice("别店", branch_id=other.id)
    notice("未开始", starts_at=T0 + timedelta(hours=1))
    notice("已结束", ends_at=T0 - timedelta(hours=1))
    notice("已停用", is_active=False)
    db.flush()
    hq = app_public.list_announcements(db, audience="customers")
    assert {a.title for a in hq.items} == {"全体", "客户"} and hq.total == 2
    mine = app_public.list_announcements(db, audience="workers", branch_id=branch.id)
    assert {a.title for a in mine.items} == {"全体", "阿姨", "本店"}
    with pytest.raises(ValidationError):
        app_public.list_announcements(db, audience="staff")


# --- the customer's own addresses -----------------------------------------------------------


def test_the_first_address_gives_an_app_customer_a_branch_and_others_are_not_found(db):
    branch = make_branch(db)
    district = db.scalars(select(District).where(District.branch_id == branch.id)).one()
    actor = me(db, login(db, unique_phone()))
    view = app_addresses.add_my_address(
        db, actor=actor, new=AddressInput(Place(district_id=district.id), "世纪大道 1 号")
    )
    assert (view.branch_id, view.is_default) == (branch.id, True)
    assert db.get(Customer, actor.id).branch_id == branch.id
    placed = app_addresses.add_my_address(
        db,
        actor=actor,
        new=AddressInput(Place(lat=31.2001, lng=121.5001), "定位的地址"),
    )
    assert (placed.lat, placed.lng, placed.district_id) == (31.2001, 121.5001, district.id)
    clock.advance(timedelta(minutes=1))
    stranger = me(db, login(db, unique_phone()))
    for call in (
        lambda: app_addresses.remove_my_address(db, actor=stranger, address_id=view.id),
        lambda: app_addresses.set_my_default_address(db, actor=stranger, address_id=view.id),
        lambda: app_addresses.update_my_address(
            db,
            actor=stranger,
            address_id=view.id,
            new=AddressInput(Place(district_id=district.id), "x"),
        ),
    ):
        with pytest.raises(AddressNotFound):
            call()
    assert app_addresses.list_my_addresses(db, actor=stranger) == ()


def test_an_inactive_branch_is_not_served_yet(db):
    branch = make_branch(db)
    district = db.scalars(select(District).where(District.branch_id == branch.id)).one()
    db.get(Branch, branch.id).is_active = False
    db.flush()
    actor = me(db, login(db, unique_phone()))
    with pytest.raises(app_public.NotServed):
        app_addresses.add_my_address(
            db, actor=actor, new=AddressInput(Place(district_id=district.id), "世纪大道 1 号")
        )
    with pytest.raises(app_public.NotServed):
        app_addresses.add_my_address(
            db, actor=actor, new=AddressInput(Place(city="上海", district="不存在区"), "某路")
        )
