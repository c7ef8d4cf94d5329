"""Bearer tokens of the customer and worker apps.

A token is an opaque random string; only its SHA-256 is stored (it has 256 bits of
entropy, so no slow hash is needed). Every request checks it *and* the account: a frozen
customer's or a suspended worker's tokens stop working at once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import ApiToken, Customer, Worker
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import AuthenticationError

TOKENS = table_of(ApiToken)
TOKEN_DAYS = 30
SUBJECTS = ("customer", "worker")
# worker states that may still use the app (an applicant follows the application)
WORKER_LOGIN_STATES = ("applicant", "active")


class NotAuthenticated(AuthenticationError):
    """No token, an unknown or expired one, or an account that may not use the app."""

    # nothing was written before the refusal: no commit needed
    commit_before_raise = False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(
    session: Session, *, subject_kind: str, subject_id: int, days: int = TOKEN_DAYS
) -> str:
    """A new token for a customer or worker (after a successful login); returns it once."""
    if subject_kind not in SUBJECTS:
        raise ValueError(subject_kind)
    token = secrets.token_urlsafe(32)
    now = clock.now()
    session.execute(
        TOKENS.insert(),
        {
            "token_hash": token_hash(token),
            "subject_kind": subject_kind,
            "subject_id": subject_id,
            "created_at": now,
            "expires_at": now + timedelta(days=days),
        },
    )
    return token


def _actor(session: Session, kind: str, subject_id: int) -> Actor | None:
    if kind == "customer":
        customer = session.get(Customer, subject_id)
        if customer is None or customer.status != "active":
            return None
        return Actor(
            kind="customer",
            id=customer.id,
            name=customer.name or customer.phone,
            branch_id=customer.branch_id,
            source="api",
        )
    worker = session.get(Worker, subject_id)
    if worker is None or worker.status not in WORKER_LOGIN_STATES:
        return None
    return Actor(
        kind="worker", id=worker.id, name=worker.name, branch_id=worker.branch_id, source="api"
    )


def authenticate_token(session: Session, *, token: str, kind: str | None = None) -> Actor:
    """The customer or worker a token stands for, or ``NotAuthenticated``."""
    if not token:
        raise NotAuthenticated("app.no_token")
    row = session.execute(
        select(
            TOKENS.c.subject_kind, TOKENS.c.subject_id, TOKENS.c.expires_at, TOKENS.c.revoked_at
        ).where(TOKENS.c.token_hash == token_hash(token))
    ).one_or_none()
    if row is None or row.revoked_at is not None or row.expires_at <= clock.now():
        raise NotAuthenticated("app.bad_token")
    if kind is not None and row.subject_kind != kind:
        raise NotAuthenticated("app.wrong_app")
    actor = _actor(session, row.subject_kind, int(row.subject_id))
    if actor is None:
        raise NotAuthenticated("app.account_blocked")
    return actor


def revoke_token(session: Session, *, token: str) -> bool:
    """Log out one device; True when the token was live."""
    result = session.connection().execute(
        update(TOKENS)
        .where(TOKENS.c.token_hash == token_hash(token), TOKENS.c.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )
    return bool(result.rowcount)


def revoke_all(session: Session, *, subject_kind: str, subject_id: int) -> int:
    """Log a customer or worker out everywhere (password reset, phone change, closing)."""
    result = session.connection().execute(
        update(TOKENS)
        .where(
            TOKENS.c.subject_kind == subject_kind,
            TOKENS.c.subject_id == subject_id,
            TOKENS.c.revoked_at.is_(None),
        )
        .values(revoked_at=clock.now())
    )
    return int(result.rowcount)
