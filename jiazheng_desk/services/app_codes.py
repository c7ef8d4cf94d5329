"""One-time codes of the apps: sent by SMS or e-mail, checked once, limited against abuse.

A code is six digits from ``secrets``; only an HMAC-SHA256 of it under a random per-code
salt is stored (``h1$salt$digest``). Six digits are no secret from someone who can read
the table, so what protects a code is its short life (5 minutes), the five tries it
allows and the sending limits: the hash keeps codes out of backups, logs and screens.

The limits are counted from the ``sms_code`` table itself, so they hold across any
number of API processes: one code per target (phone or address) per 60 seconds, ten per
target per calendar day in Shanghai, thirty per client IP per hour. The message itself is
an ``outbox`` row written in the same transaction (template ``auth_code``): the jobs
deliver it through the SMS or e-mail gateway, and the sandbox is that row plus a log line
that never carries the code.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Outbox, SmsCode
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import clean_mobile
from jiazheng_desk.services.customer_profile import EMAIL_RE
from jiazheng_desk.services.customer_views import mask_phone
from jiazheng_desk.services.errors import DomainError, ValidationError
from jiazheng_desk.services.timeutil import DEFAULT_TZ, day_start_utc, local_day

log = logging.getLogger(__name__)

CODE_DIGITS = 6
CODE_TTL = timedelta(minutes=5)
MAX_TRIES = 5
RESEND_AFTER = timedelta(seconds=60)
DAILY_PER_TARGET = 10
PER_IP_PER_HOUR = 30
TEMPLATE = "auth_code"
HASH_SCHEME = "h1"

# what each channel may carry a code for
PURPOSES = {
    "sms": ("login", "reset", "change_phone_old", "change_phone_new"),
    "email": ("register", "reset"),
}
CHANNELS = tuple(PURPOSES)
MAX_EMAIL_LEN = 128


class CodeRefused(ValidationError):
    """A wrong, used, expired or burnt code: the counted try is kept all the same."""

    key = "app.code_wrong"
    commit_before_raise = True


class TooManyCodes(DomainError):
    """A sending limit: wait (the message says how long) or try tomorrow."""

    key = "app.code_too_soon"
    http_status = 429


@dataclass(frozen=True)
class CodeSent:
    """What the app may know about a code it asked for (never the code)."""

    channel: str
    target_masked: str
    purpose: str
    expires_at: datetime
    resend_at: datetime


def clean_email(value: str | None, *, field: str = "email") -> str:
    """An e-mail address, trimmed and lower-cased (the form every lookup uses)."""
    address = (value or "").strip().lower()
    if not address or len(address) > MAX_EMAIL_LEN or not EMAIL_RE.match(address):
        raise ValidationError("customer.bad_email", field=field)
    return address


def clean_target(channel: str, target: str | None, *, field: str) -> str:
    """The phone number or e-mail address a code goes to, in its stored form."""
    if channel == "sms":
        return clean_mobile(target, field=field, required=True)
    if channel == "email":
        return clean_email(target, field=field)
    raise ValidationError("app.bad_channel", field="channel")


def mask_target(channel: str, target: str) -> str:
    """138****5678 or z***@example.com: enough for a person to recognise, for logs and audit."""
    if channel == "email":
        user, _, domain = target.partition("@")
        return f"{user[:1]}***@{domain}"
    return mask_phone(target)


def _hash_code(code: str, salt: str) -> str:
    digest = hmac.new(salt.encode("ascii"), code.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{HASH_SCHEME}${salt}${digest}"


def _matches(stored: str, code: str) -> bool:
    scheme, _, rest = stored.partition("$")
    salt, _, _digest = rest.partition("$")
    if scheme != HASH_SCHEME or not salt:
        return False
    # constant time: how much of the code was right must not show in the answer's timing
    return hmac.compare_digest(_hash_code(code, salt), stored)


def _new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def _check_limits(session: Session, *, target: str, ip: str, now: datetime) -> None:
    """Refuse a send that breaks a limit, counting what the table holds."""
    day_start = day_start_utc(local_day(now, DEFAULT_TZ), DEFAULT_TZ)
    since = min(day_start, now - RESEND_AFTER)
    # a locking read: on MySQL two sends to one target wait for each other here, so the
    # second one sees the first (SQLite's write transactions are serialised anyway)
    sent = session.scalars(
        select(SmsCode.created_at)
        .where(SmsCode.phone == target, SmsCode.created_at >= since)
        .order_by(SmsCode.created_at.desc())
        .with_for_update()
    ).all()
    if sent and sent[0] > now - RESEND_AFTER:
        wait = RESEND_AFTER - (now - sent[0])
        seconds = max(1, math.ceil(wait.total_seconds()))
        raise TooManyCodes("app.code_too_soon", seconds=seconds)
    if sum(1 for at in sent if at >= day_start) >= DAILY_PER_TARGET:
        raise TooManyCodes("app.code_daily_limit", max=DAILY_PER_TARGET)
    if ip:
        from_ip = (
            session.scalar(
                select(func.count(SmsCode.id)).where(
                    SmsCode.ip == ip, SmsCode.created_at > now - timedelta(hours=1)
                )
            )
            or 0
        )
        if from_ip >= PER_IP_PER_HOUR:
            raise TooManyCodes("app.code_ip_limit", max=PER_IP_PER_HOUR)


def send_code(session: Session, *, channel: str, target: str, purpose: str, ip: str) -> CodeSent:
    """Queue a new code to a phone or e-mail address, within the sending limits."""
    if channel not in PURPOSES:
        raise ValidationError("app.bad_channel", field="channel")
    if purpose not in PURPOSES[channel]:
        raise ValidationError(
            "app.bad_purpose", field="purpose", allowed=", ".join(PURPOSES[channel])
        )
    field = "phone" if channel == "sms" else "email"
    address = clean_target(channel, target, field=field)
    client_ip = (ip or "")[:45]
    now = clock.now()
    _check_limits(session, target=address, ip=client_ip, now=now)
    code = _new_code()
    row = SmsCode(
        phone=address,
        channel=channel,
        purpose=purpose,
        code_hash=_hash_code(code, secrets.token_hex(16)),
        ip=client_ip,
        attempts=0,
        expires_at=now + CODE_TTL,
        created_at=now,
    )
    session.add(row)
    minutes = int(CODE_TTL.total_seconds() // 60)
    outbox = Outbox(
        channel=channel,
        recipient=address,
        template=TEMPLATE,
        payload=json.dumps({"code": code, "purpose": purpose, "minutes": minutes}),
        state="pending",
        next_attempt_at=now,
        created_at=now,
    )
    session.add(outbox)
    session.flush()
    masked = mask_target(channel, address)
    audit.record(
        session,
        actor=Actor(kind="anonymous", id=None, name=masked, source="api"),
        action="app.code_sent",
        entity="sms_code",
        entity_id=row.id,
        after={"channel": channel, "target": masked, "purpose": purpose, "ip": client_ip},
    )
    # the sandbox "gateway": the row above is the message; this line says it was queued
    log.info("%s code for %s (%s) queued as outbox %d", channel, masked, purpose, outbox.id)
    return CodeSent(channel, masked, purpose, row.expires_at, now + RESEND_AFTER)


def verify_code(
    session: Session, *, channel: str, target: str, purpose: str, code: str, field: str = "code"
) -> SmsCode:
    """The newest code of this target and purpose, if ``code`` is it; else a counted refusal.

    Only the newest code counts (asking for a new one replaces the old). The row is
    locked so that concurrent guesses are all counted; it is not yet marked used (see
    ``consume``), so that a change that needs two codes spends neither when one is wrong.
    """
    row = session.scalars(
        select(SmsCode)
        .where(SmsCode.phone == target, SmsCode.channel == channel, SmsCode.purpose == purpose)
        .order_by(SmsCode.created_at.desc(), SmsCode.id.desc())
        .limit(1)
        .with_for_update()
    ).first()
    if row is None:
        raise CodeRefused("app.code_none", field=field)
    if row.used_at is not None:
        raise CodeRefused("app.code_used", field=field)
    if row.attempts >= MAX_TRIES:
        raise CodeRefused("app.code_burnt", field=field, max=MAX_TRIES)
    if row.expires_at <= clock.now():
        raise CodeRefused("app.code_expired", field=field)
    if not _matches(row.code_hash, (code or "").strip()):
        row.attempts += 1
        session.flush()
        left = MAX_TRIES - row.attempts
        if left <= 0:
            raise CodeRefused("app.code_burnt", field=field, max=MAX_TRIES)
        raise CodeRefused("app.code_wrong", field=field, left=left)
    return row


def consume(session: Session, rows: tuple[SmsCode, ...]) -> None:
    """Mark verified codes used: a code opens one door once."""
    now = clock.now()
    for row in rows:
        row.used_at = now
    session.flush()


def check_code(
    session: Session, *, channel: str, target: str, purpose: str, code: str, field: str = "code"
) -> None:
    """Verify and spend a code (five wrong tries burn it; used or expired ones are refused)."""
    consume(
        session,
        (
            verify_code(
                session,
                channel=channel,
                target=target,
                purpose=purpose,
                code=code,
                field=field,
            ),
        ),
    )
