from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import AuditLog, StaffUser
from jiazheng_desk.services import auth
from jiazheng_desk.services.errors import AuthenticationError, ValidationError
from tests.factories import PASSWORD, make_staff

T0 = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)


def test_right_password_logs_in_and_is_audited(db):
    user = make_staff(db, username="wang.fang")
    result = auth.login(db, username="Wang.Fang ", password=PASSWORD)
    assert result.actor.id == user.id
    assert result.actor.role == "hq_admin"
    actions = db.scalars(select(AuditLog.action).where(AuditLog.entity_id == user.id)).all()
    assert "auth.login" in actions


def test_wrong_password_says_how_many_tries_are_left(db):
    set_language("en")
    make_staff(db, username="li.na")
    with pytest.raises(AuthenticationError) as err:
        auth.login(db, username="li.na", password="wrong-one1")
    assert "4 more wrong tries" in str(err.value)
    assert err.value.commit_before_raise


def test_unknown_user_gets_the_same_message_as_a_wrong_password(db):
    set_language("zh_CN")
    with pytest.raises(AuthenticationError) as err:
        auth.login(db, username="nobody", password="whatever1")
    assert str(err.value) == "用户名或密码错误。"


def test_five_wrong_passwords_lock_for_fifteen_minutes_then_unlock(db):
    set_language("zh_CN")
    clock.freeze(T0)
    user = make_staff(db, username="zhao.lei")
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            auth.login(db, username="zhao.lei", password="bad-pass1")
    with pytest.raises(AuthenticationError) as err:
        auth.login(db, username="zhao.lei", password="bad-pass1")
    assert "锁定" in str(err.value)
    assert "10:15" in str(err.value)  # 02:15 UTC is 10:15 in Shanghai
    db.flush()
    db.expire_all()
    assert user.locked_until == T0 + timedelta(minutes=15)

    # even the right password is refused while locked
    clock.advance(timedelta(minutes=14))
    with pytest.raises(AuthenticationError) as err:
        auth.login(db, username="zhao.lei", password=PASSWORD)
    assert "锁定" in str(err.value)

    clock.advance(timedelta(minutes=1, seconds=1))
    assert auth.login(db, username="zhao.lei", password=PASSWORD).actor.id == user.id
    db.flush()
    db.expire_all()
    assert user.failed_logins == 0 and user.locked_until is None


def test_a_lapsed_lock_starts_counting_from_zero(db):
    clock.freeze(T0)
    make_staff(db, username="sun.li")
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            auth.login(db, username="sun.li", password="bad-pass1")
    clock.advance(timedelta(minutes=16))
    set_language("en")
    with pytest.raises(AuthenticationError) as err:
        auth.login(db, username="sun.li", password="bad-pass1")
    assert "4 more wrong tries" in str(err.value)


def test_inactive_user_cannot_log_in(db):
    set_language("en")
    make_staff(db, username="gone.user", is_active=False)
    with pytest.raises(AuthenticationError) as err:
        auth.login(db, username="gone.user", password=PASSWORD)
    assert "deactivated" in str(err.value)


def test_wrong_tries_survive_the_rollback_of_the_unit_of_work(live_db):
    with live_db.session(write=True) as s:
        make_staff(s, username="keep.count")
    for _ in range(2):
        with pytest.raises(AuthenticationError), live_db.session(write=True) as s:
            auth.login(s, username="keep.count", password="bad-pass1")
    with live_db.session() as s:
        user = s.scalars(select(StaffUser).where(StaffUser.username == "keep.count")).one()
        assert user.failed_logins == 2
        failures = s.scalars(
            select(AuditLog).where(
                AuditLog.action == "auth.login_failed", AuditLog.entity_id == user.id
            )
        ).all()
        assert len(failures) == 2


def test_change_own_password_checks_the_old_one_and_the_strength(db):
    user = make_staff(db, username="chen.jie")
    who = auth.actor_for(user)
    with pytest.raises(ValidationError) as err:
        auth.change_own_password(db, actor=who, old_password="nope1234", new_password="Newpass123")
    assert err.value.field == "old_password"
    with pytest.raises(ValidationError) as err:
        auth.change_own_password(db, actor=who, old_password=PASSWORD, new_password="short")
    assert err.value.field == "new_password"
    auth.change_own_password(db, actor=who, old_password=PASSWORD, new_password="Newpass123")
    assert auth.login(db, username="chen.jie", password="Newpass123").actor.id == user.id


def test_hashes_are_argon2id_with_the_configured_parameters():
    h = auth.hash_password("Secret123")
    assert h.startswith("$argon2id$") and "m=8,t=1,p=1" in h
    assert auth.verify_password(h, "Secret123")
    assert not auth.verify_password(h, "Secret124")
    assert not auth.verify_password("not a hash", "Secret123")
