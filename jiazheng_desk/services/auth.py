"""Staff passwords (argon2id) and login with lockout.

Five wrong passwords lock an account for fifteen minutes. A refused login raises an
``AuthenticationError`` whose ``commit_before_raise`` makes the unit of work keep the
counted try and the audit row, so the lockout cannot be dodged by the rollback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.config import HashingSettings
from jiazheng_desk.models import Branch, StaffUser
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import AuthenticationError, ValidationError

LOCKOUT_THRESHOLD = 5
LOCKOUT_MINUTES = 15
MIN_PASSWORD_LENGTH = 8
DEFAULT_TIMEZONE = "Asia/Shanghai"

_hasher = PasswordHasher()
# verified against when the user name is unknown, so both paths cost one argon2 hash
_dummy_hash: str | None = None


def configure_hashing(settings: HashingSettings) -> None:
    """Set the argon2 parameters (cheap ones in tests, defaults in production)."""
    global _hasher, _dummy_hash
    _hasher = PasswordHasher(
        time_cost=settings.time_cost,
        memory_cost=settings.memory_kib,
        parallelism=settings.parallelism,
    )
    _dummy_hash = None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _burn_time(password: str) -> None:
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("not-a-real-password-0")
    verify_password(_dummy_hash, password)


def check_password_strength(password: str, *, field: str = "password") -> None:
    """At least eight characters with letters and digits."""
    if (
        len(password) < MIN_PASSWORD_LENGTH
        or not re.search(r"[A-Za-z]", password)
        or not re.search(r"\d", password)
    ):
        raise ValidationError("auth.weak_password", field=field, min=MIN_PASSWORD_LENGTH)


@dataclass(frozen=True)
class StaffSession:
    """What the desk keeps after a login."""

    actor: Actor
    username: str
    branch_name: str
    # the branch's time zone, in which the desk shows times (HQ: Asia/Shanghai)
    timezone: str
    must_change_password: bool


def actor_for(user: StaffUser, *, source: str = "desk") -> Actor:
    return Actor(
        kind="staff",
        id=user.id,
        name=user.display_name,
        role=user.role,
        branch_id=user.branch_id,
        source=source,
    )


def _local_hhmm(session: Session, user: StaffUser) -> str:
    tz_name = DEFAULT_TIMEZONE
    if user.branch_id is not None:
        branch = session.get(Branch, user.branch_id)
        if branch is not None:
            tz_name = branch.timezone
    assert user.locked_until is not None
    return user.locked_until.astimezone(ZoneInfo(tz_name)).strftime("%H:%M")


def _locked_error(session: Session, user: StaffUser) -> AuthenticationError:
    assert user.locked_until is not None
    left = user.locked_until - clock.now()
    minutes = max(1, -(-int(left.total_seconds()) // 60))
    return AuthenticationError("auth.locked", until=_local_hhmm(session, user), minutes=minutes)


def login(session: Session, *, username: str, password: str, source: str = "desk") -> StaffSession:
    """Check a staff member's password; count wrong tries and lock after five."""
    name = username.strip().lower()
    user = session.scalars(
        select(StaffUser).where(StaffUser.username == name).with_for_update()
    ).one_or_none()
    now = clock.now()
    if user is None:
        _burn_time(password)
        audit.record(
            session,
            actor=Actor(kind="anonymous", id=None, name=name, source=source),
            action="auth.login_failed",
            entity="staff_user",
            after={"username": name, "reason": "unknown_user"},
        )
        raise AuthenticationError("auth.wrong_password")

    who = actor_for(user, source=source)
    if not user.is_active:
        audit.record(
            session,
            actor=who,
            action="auth.login_refused",
            entity="staff_user",
            entity_id=user.id,
            after={"reason": "inactive"},
        )
        raise AuthenticationError("auth.inactive")
    if user.locked_until is not None and user.locked_until > now:
        audit.record(
            session,
            actor=who,
            action="auth.login_refused",
            entity="staff_user",
            entity_id=user.id,
            after={"reason": "locked"},
        )
        raise _locked_error(session, user)
    if user.locked_until is not None:
        # the lock has run out: a fresh start
        user.locked_until = None
        user.failed_logins = 0

    if not verify_password(user.password_hash, password):
        user.failed_logins += 1
        detail: dict[str, object] = {"failed_logins": user.failed_logins}
        if user.failed_logins >= LOCKOUT_THRESHOLD:
            user.locked_until = now + timedelta(minutes=LOCKOUT_MINUTES)
            detail["locked_until"] = user.locked_until.isoformat()
        audit.record(
            session,
            actor=who,
            action="auth.login_failed",
            entity="staff_user",
            entity_id=user.id,
            after=detail,
        )
        if user.locked_until is not None:
            raise _locked_error(session, user)
        raise AuthenticationError(
            "auth.wrong_password_left",
            left=LOCKOUT_THRESHOLD - user.failed_logins,
            minutes=LOCKOUT_MINUTES,
        )

    user.failed_logins = 0
    user.last_login_at = now
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    audit.record(session, actor=who, action="auth.login", entity="staff_user", entity_id=user.id)
    branch = session.get(Branch, user.branch_id) if user.branch_id is not None else None
    return StaffSession(
        actor=who,
        username=user.username,
        branch_name=branch.name if branch is not None else "",
        timezone=branch.timezone if branch is not None else DEFAULT_TIMEZONE,
        must_change_password=user.must_change_password,
    )


def logout(session: Session, *, actor: Actor) -> None:
    """Record that a staff member left the desk."""
    audit.record(
        session, actor=actor, action="auth.logout", entity="staff_user", entity_id=actor.id
    )


def change_own_password(
    session: Session, *, actor: Actor, old_password: str, new_password: str
) -> None:
    """A staff member changes their own password (required after a reset)."""
    user = session.get(StaffUser, actor.id, with_for_update=True) if actor.id else None
    if user is None or not user.is_active:
        raise AuthenticationError("auth.inactive")
    if not verify_password(user.password_hash, old_password):
        raise ValidationError("auth.old_password_wrong", field="old_password")
    check_password_strength(new_password, field="new_password")
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    user.updated_at = clock.now()
    audit.record(
        session,
        actor=actor,
        action="staff.change_own_password",
        entity="staff_user",
        entity_id=user.id,
        branch_id=user.branch_id,
    )


def still_active(session: Session, *, actor: Actor) -> bool:
    """Whether a logged-in staff member may go on working (not deactivated meanwhile)."""
    if actor.id is None:
        return False
    user = session.get(StaffUser, actor.id)
    return user is not None and user.is_active and user.role == actor.role
