"""E-mail and password as a second way in, password reset, changing the phone number.

Only customers have e-mail and password (workers log in by phone). ``customer.phone`` is
required, so an e-mail login is added to an account that exists: a logged-in customer
confirms an address with an e-mailed code and chooses a password (argon2, like staff).

Wrong passwords lock like the staff's: five in a row lock the account for 15 minutes.
The customer table has no counter columns, so the count is read from the audit log
(``app.password_failed`` rows since the last login or reset): those rows are committed
with the refusal (``commit_before_raise``), so the count survives it and holds across
API processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import AuditLog, Customer, Worker
from jiazheng_desk.services import app_tokens, audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.app_auth import (
    LoginResult,
    _actor_of,
    _audit_failed,
    _customer,
    _finish_login,
)
from jiazheng_desk.services.app_codes import (
    check_code,
    clean_email,
    clean_target,
    consume,
    mask_target,
    verify_code,
)
from jiazheng_desk.services.auth import (
    LOCKOUT_MINUTES,
    LOCKOUT_THRESHOLD,
    check_password_strength,
    hash_password,
    verify_password,
)
from jiazheng_desk.services.common import clean_mobile
from jiazheng_desk.services.customer_profile import update_profile
from jiazheng_desk.services.customer_views import load_customer, refuse_closed
from jiazheng_desk.services.errors import (
    AuthenticationError,
    Conflict,
    DomainError,
    NotFound,
    PermissionDenied,
    ValidationError,
)

# how far back the audit log is read for the wrong-password count (a lock lasts 15 min)
COUNT_WINDOW = timedelta(days=1)
FAILED = "app.password_failed"
# a successful login or a new password starts the count afresh
COUNT_RESETS = ("app.login", "app.password_reset", "app.email_register")

# verified against when the address is unknown, so both paths cost one argon2 hash
_dummy_hash: str | None = None


class NoAccount(NotFound):
    """No customer account has this phone or address."""

    def __init__(self, target: str) -> None:
        DomainError.__init__(self, "app.no_account", field="target", target=target)


@dataclass(frozen=True)
class PasswordChanged:
    """A new password is set; every login of the account ended with it."""

    customer_id: int
    tokens_revoked: int


@dataclass(frozen=True)
class PhoneChanged:
    kind: str
    subject_id: int
    phone: str
    # the other devices' logins, ended (this one stays)
    tokens_revoked: int


def _require_customer(actor: Actor) -> int:
    if actor.kind != "customer" or actor.id is None:
        raise PermissionDenied(action=Msg("app.action.email"))
    return actor.id


def register_email(session: Session, *, actor: Actor, email: str, code: str, password: str) -> str:
    """Add e-mail and password to the customer's account, after the e-mailed code."""
    customer_id = _require_customer(actor)
    address = clean_email(email)
    check_password_strength(password)
    customer = load_customer(session, customer_id, lock=True)
    refuse_closed(customer)
    clash = session.scalar(select(Customer.id).where(Customer.email == address))
    if clash is not None and clash != customer_id:
        raise ValidationError("customer.email_taken", field="email")
    check_code(session, channel="email", target=address, purpose="register", code=code)
    # the customer rules for the address (format, unique), audited as a profile change
    update_profile(session, actor=actor, customer_id=customer_id, email=address)
    customer.password_hash = hash_password(password)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="app.email_register",
        entity="customer",
        entity_id=customer_id,
        after={"email": address},
    )
    return address


def _lock_until(session: Session, customer_id: int, now: datetime) -> tuple[int, datetime | None]:
    """Wrong tries in a row and the end of the lock they caused, from the audit log."""
    rows = session.execute(
        select(AuditLog.action, AuditLog.created_at)
        .where(
            AuditLog.entity == "customer",
            AuditLog.entity_id == customer_id,
            AuditLog.action.in_((FAILED, *COUNT_RESETS)),
            AuditLog.created_at > now - COUNT_WINDOW,
        )
        .order_by(AuditLog.created_at, AuditLog.id)
    ).all()
    count, locked_until = 0, None
    for action, at in rows:
        if action != FAILED or (locked_until is not None and at >= locked_until):
            count, locked_until = 0, None
        if action == FAILED:
            count += 1
            if count >= LOCKOUT_THRESHOLD:
                locked_until = at + timedelta(minutes=LOCKOUT_MINUTES)
    if locked_until is not None and locked_until <= now:
        return 0, None
    return count, locked_until


def _locked(locked_until: datetime, now: datetime) -> AuthenticationError:
    minutes = max(1, -(-int((locked_until - now).total_seconds()) // 60))
    return AuthenticationError("app.password_locked", minutes=minutes)


def _burn_time(password: str) -> None:
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = hash_password("not-a-real-password-0")
    verify_password(_dummy_hash, password)


def login_with_password(session: Session, *, email: str, password: str, ip: str) -> LoginResult:
    """Log a customer in by e-mail and password; five wrong tries lock for 15 minutes."""
    address = (email or "").strip().lower()
    customer = session.scalars(
        select(Customer).where(Customer.email == address).with_for_update()
    ).one_or_none()
    if customer is None or not customer.password_hash:
        _burn_time(password)
        _audit_failed(
            session,
            kind="customer",
            who=mask_target("email", address) if "@" in address else "?",
            method="password",
            reason="unknown",
            ip=ip,
        )
        raise AuthenticationError("app.password_wrong")
    account = _customer(customer)
    who = _actor_of(account)
    now = clock.now()
    count, locked_until = _lock_until(session, customer.id, now)
    if locked_until is not None:
        audit.record(
            session,
            actor=who,
            action="app.password_refused",
            entity="customer",
            entity_id=customer.id,
            after={"reason": "locked", "ip": ip},
        )
        raise _locked(locked_until, now)
    if not verify_password(customer.password_hash, password):
        count += 1
        audit.record(
            session,
            actor=who,
            action=FAILED,
            entity="customer",
            entity_id=customer.id,
            after={"failed": count, "ip": ip},
        )
        if count >= LOCKOUT_THRESHOLD:
            raise _locked(now + timedelta(minutes=LOCKOUT_MINUTES), now)
        raise AuthenticationError(
            "app.password_wrong_left", left=LOCKOUT_THRESHOLD - count, minutes=LOCKOUT_MINUTES
        )
    return _finish_login(session, account=account, method="password", ip=ip)


def reset_password(
    session: Session, *, channel: str, target: str, code: str, new_password: str
) -> PasswordChanged:
    """Choose a new password with a code sent to the phone or the e-mail address."""
    field = "phone" if channel == "sms" else "email"
    address = clean_target(channel, target, field=field)
    check_password_strength(new_password, field="new_password")
    check_code(session, channel=channel, target=address, purpose="reset", code=code)
    column = Customer.phone if channel == "sms" else Customer.email
    customer = session.scalars(
        select(Customer).where(column == address).with_for_update()
    ).one_or_none()
    if customer is None or customer.status == "closed":
        raise NoAccount(mask_target(channel, address))
    customer.password_hash = hash_password(new_password)
    session.flush()
    revoked = app_tokens.revoke_all(session, subject_kind="customer", subject_id=customer.id)
    audit.record(
        session,
        actor=_actor_of(_customer(customer)),
        action="app.password_reset",
        entity="customer",
        entity_id=customer.id,
        after={"channel": channel, "tokens_revoked": revoked},
    )
    return PasswordChanged(customer.id, revoked)


def _revoke_others(session: Session, actor: Actor, token: str) -> int:
    assert actor.id is not None
    result = session.connection().execute(
        update(app_tokens.TOKENS)
        .where(
            app_tokens.TOKENS.c.subject_kind == actor.kind,
            app_tokens.TOKENS.c.subject_id == actor.id,
            app_tokens.TOKENS.c.revoked_at.is_(None),
            app_tokens.TOKENS.c.token_hash != app_tokens.token_hash(token),
        )
        .values(revoked_at=clock.now())
    )
    return int(result.rowcount)


def change_phone(
    session: Session,
    *,
    actor: Actor,
    token: str,
    old_code: str,
    new_phone: str,
    new_code: str,
) -> PhoneChanged:
    """Move the account to a new phone: a code from the old one and one from the new one."""
    if actor.kind not in ("customer", "worker") or actor.id is None:
        raise PermissionDenied(action=Msg("app.action.phone"))
    row: Customer | Worker | None = (
        session.get(Customer, actor.id, with_for_update=True)
        if actor.kind == "customer"
        else session.get(Worker, actor.id, with_for_update=True)
    )
    if row is None:
        raise NotFound(actor.kind, actor.id)
    old = row.phone
    new = clean_mobile(new_phone, field="new_phone", required=True)
    if new == old:
        raise ValidationError("app.phone_same", field="new_phone")
    # a phone is unique among customers and among workers (one person may be both)
    column = Customer.phone if isinstance(row, Customer) else Worker.phone
    if session.scalar(select(func.count()).where(column == new)):
        raise Conflict("app.phone_taken", field="new_phone")
    # both checked before either is spent: one wrong code costs a try, not the other code
    first = verify_code(
        session,
        channel="sms",
        target=old,
        purpose="change_phone_old",
        code=old_code,
        field="old_code",
    )
    second = verify_code(
        session,
        channel="sms",
        target=new,
        purpose="change_phone_new",
        code=new_code,
        field="new_code",
    )
    consume(session, (first, second))
    try:
        with session.begin_nested():
            if isinstance(row, Customer):
                update_profile(session, actor=actor, customer_id=row.id, phone=new)
            else:
                row.phone = new
                row.updated_at = clock.now()
            session.flush()
    except IntegrityError:
        # taken by a concurrent sign-up since the check above
        raise Conflict("app.phone_taken", field="new_phone") from None
    revoked = _revoke_others(session, actor, token)
    audit.record(
        session,
        actor=actor,
        action="app.phone_change",
        entity=actor.kind,
        entity_id=actor.id,
        before={"phone": old},
        after={"phone": new, "tokens_revoked": revoked},
    )
    return PhoneChanged(actor.kind, actor.id, new, revoked)
