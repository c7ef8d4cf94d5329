"""Bearer tokens of the customer and worker apps.

A token is an opaque random string; only its SHA-256 is stored (it has 256 bits of
entropy, so no slow hash is needed). Every request checks it *and* the account: a frozen
customer's or a suspended worker's tokens stop working at once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import Row, Select, and_, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import ApiToken, Customer, Worker
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import AuthenticationError

TOKENS = table_of(ApiToken)
CUSTOMERS = table_of(Customer)
WORKERS = table_of(Worker)
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


def _lookup(token: str) -> Select[Any]:
    """The token with its account's facts in one query (every app request runs it)."""
    return (
        select(
            TOKENS.c.subject_kind,
            TOKENS.c.subject_id,
            TOKENS.c.expires_at,
            TOKENS.c.revoked_at,
            CUSTOMERS.c.status.label("customer_status"),
            CUSTOMERS.c.name.label("customer_name"),
            CUSTOMERS.c.phone.label("customer_phone"),
            CUSTOMERS.c.branch_id.label("customer_branch_id"),
            WORKERS.c.status.label("worker_status"),
            WORKERS.c.name.label("worker_name"),
            WORKERS.c.branch_id.label("worker_branch_id"),
        )
        .select_from(TOKENS)
        .outerjoin(
            CUSTOMERS,
            and_(TOKENS.c.subject_kind == "customer", CUSTOMERS.c.id == TOKENS.c.subject_id),
        )
        .outerjoin(
            WORKERS, and_(TOKENS.c.subject_kind == "worker", WORKERS.c.id == TOKENS.c.subject_id)
        )
        .where(TOKENS.c.token_hash == token_hash(token))
    )


def _actor(row: Row[Any]) -> Actor | None:
    """Who the token's account is, or None when it may not use the app (or is gone)."""
    subject_id = int(row.subject_id)
    if row.subject_kind == "customer":
        if row.customer_status != "active":
            return None
        return Actor(
            kind="customer",
            id=subject_id,
            name=row.customer_name or row.customer_phone,
            branch_id=row.customer_branch_id,
            source="api",
        )
    if row.worker_status not in WORKER_LOGIN_STATES:
        return None
    return Actor(
        kind="worker",
        id=subject_id,
        name=row.worker_name,
        branch_id=row.worker_branch_id,
        source="api",
    )


def authenticate_token(session: Session, *, token: str, kind: str | None = None) -> Actor:
    """The customer or worker a token stands for, or ``NotAuthenticated``."""
    if not token:
        raise NotAuthenticated("app.no_token")
    row = session.execute(_lookup(token)).one_or_none()
    if row is None or row.revoked_at is not None or row.expires_at <= clock.now():
        raise NotAuthenticated("app.bad_token")
    if kind is not None and row.subject_kind != kind:
        raise NotAuthenticated("app.wrong_app")
    actor = _actor(row)
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
