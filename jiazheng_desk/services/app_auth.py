"""Logging in to the customer and worker apps: SMS code, WeChat/Alipay, logout.

A login with a code for a phone nobody has yet creates the account: a customer (channel
"app", no name yet) or a worker *applicant*. Every login and every refused try writes an
audit row; refusals that must keep what they wrote (a counted wrong code, the audit row)
are errors with ``commit_before_raise``.

Worker applicants need a branch (``worker.branch_id`` is required) before their
application says which one: until the application flow chooses it, a new applicant is
placed in the first active branch (by id) — a stop-gap, recorded in the audit row.

E-mail and password logins, password reset and phone changes are in ``app_password``;
the codes themselves in ``app_codes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jiazheng_desk.models import ApiToken, Branch, Customer, ExternalIdentity, Worker
from jiazheng_desk.services import app_tokens, audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.app_codes import check_code, mask_target
from jiazheng_desk.services.common import clean_mobile
from jiazheng_desk.services.customer_views import mask_phone
from jiazheng_desk.services.errors import AuthenticationError, DomainError, ValidationError

ROLES = ("customer", "worker")
PROVIDERS = ("wechat", "alipay")
MAX_PROVIDER_CODE_LEN = 128


@dataclass(frozen=True)
class LoginResult:
    """A new bearer token (shown once) and whom it stands for."""

    token: str
    expires_at: datetime
    role: str
    subject_id: int
    # this login created the account (a new customer or worker applicant)
    created: bool
    # the account's status (a worker applicant sees the application first)
    status: str


@dataclass(frozen=True)
class ProviderAccount:
    """Who a third-party login says the person is: the provider's stable id and phone."""

    uid: str
    phone: str


class OAuthGateway(Protocol):
    """WeChat / Alipay: turn the code the provider's SDK gave the app into an account."""

    def phone_for(self, provider: str, provider_code: str) -> ProviderAccount | None:
        """The account behind a provider login code, or None when the provider refuses it."""
        ...


class AccountRefused(DomainError):
    """A frozen or closed customer, a suspended or departed worker: no login."""

    key = "app.account_frozen"
    http_status = 403
    # the refused try and its audit row stay
    commit_before_raise = True


class ProviderRefused(AuthenticationError):
    key = "app.provider_refused"


@dataclass(frozen=True)
class _Account:
    kind: str
    id: int
    name: str
    phone: str
    branch_id: int | None
    status: str
    created: bool = False


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationError("app.bad_role", field="role", allowed=", ".join(ROLES))
    return role


def _actor_of(account: _Account) -> Actor:
    return Actor(
        kind=account.kind,
        id=account.id,
        name=account.name or mask_phone(account.phone),
        branch_id=account.branch_id,
        source="api",
    )


def _customer(c: Customer, created: bool = False) -> _Account:
    return _Account("customer", c.id, c.name, c.phone, c.branch_id, c.status, created)


def _worker(w: Worker, created: bool = False) -> _Account:
    return _Account("worker", w.id, w.name, w.phone, w.branch_id, w.status, created)


def _load_account(session: Session, kind: str, subject_id: int) -> _Account | None:
    if kind == "customer":
        c = session.get(Customer, subject_id)
        return None if c is None else _customer(c)
    w = session.get(Worker, subject_id)
    return None if w is None else _worker(w)


def _find(session: Session, kind: str, phone: str) -> _Account | None:
    if kind == "customer":
        c = session.scalars(select(Customer).where(Customer.phone == phone)).one_or_none()
        return None if c is None else _customer(c)
    w = session.scalars(select(Worker).where(Worker.phone == phone)).one_or_none()
    return None if w is None else _worker(w)


def _create_customer(session: Session, phone: str) -> _Account:
    """A customer who signed up in the app: a phone, no name yet, no home branch yet.

    Not ``customer_profile.create_customer``: that one is the staff's (it needs a name
    and the ``customer.edit`` permission, which nobody has before the account exists).
    """
    customer = Customer(phone=phone, name="", name_initials="", status="active", channel="app")
    with session.begin_nested():
        session.add(customer)
        session.flush()
    account = _customer(customer, created=True)
    audit.record(
        session,
        actor=_actor_of(account),
        action="customer.create",
        entity="customer",
        entity_id=customer.id,
        after={"phone": phone, "channel": "app", "status": "active"},
    )
    return account


def _create_applicant(session: Session, phone: str) -> _Account:
    """A worker applicant: the application (worker side) fills in the rest."""
    branch_id = session.scalar(
        select(Branch.id).where(Branch.is_active.is_(True)).order_by(Branch.id).limit(1)
    )
    if branch_id is None:
        raise DomainError("app.no_branch")
    worker = Worker(branch_id=branch_id, phone=phone, name="", status="applicant")
    with session.begin_nested():
        session.add(worker)
        session.flush()
    account = _worker(worker, created=True)
    audit.record(
        session,
        actor=_actor_of(account),
        action="app.worker_signup",
        entity="worker",
        entity_id=worker.id,
        # the branch is a stop-gap until the application chooses one (see the module)
        after={"phone": phone, "status": "applicant", "branch_id": branch_id, "stopgap": True},
        branch_id=branch_id,
    )
    return account


def _find_or_create(session: Session, *, kind: str, phone: str) -> _Account:
    """The account of a phone, created when a code or a provider vouched for a new one."""
    found = _find(session, kind, phone)
    if found is not None:
        return found
    try:
        return (_create_customer if kind == "customer" else _create_applicant)(session, phone)
    except IntegrityError:
        # another request created it between the lookup and the insert: use that one
        found = _find(session, kind, phone)
        if found is None:
            raise
        return found


def _refusal(account: _Account) -> str | None:
    if account.kind == "customer":
        return {"frozen": "app.account_frozen", "closed": "app.account_closed"}.get(account.status)
    if account.status not in app_tokens.WORKER_LOGIN_STATES:
        return "app.worker_blocked"
    return None


def _audit_failed(
    session: Session, *, kind: str, who: str, method: str, reason: str, ip: str
) -> None:
    """A refused login by someone not (yet) known to be an account holder."""
    audit.record(
        session,
        actor=Actor(kind="anonymous", id=None, name=who, source="api"),
        action="app.login_failed",
        entity=kind,
        after={"method": method, "reason": reason, "ip": ip},
    )


def _finish_login(session: Session, *, account: _Account, method: str, ip: str) -> LoginResult:
    """Refuse a blocked account, else issue a token; either way one audit row."""
    who = _actor_of(account)
    refusal = _refusal(account)
    if refusal is not None:
        audit.record(
            session,
            actor=who,
            action="app.login_refused",
            entity=account.kind,
            entity_id=account.id,
            after={"method": method, "status": account.status, "ip": ip},
        )
        raise AccountRefused(refusal)
    token = app_tokens.issue_token(session, subject_kind=account.kind, subject_id=account.id)
    expires_at = session.scalars(
        select(ApiToken.expires_at).where(ApiToken.token_hash == app_tokens.token_hash(token))
    ).one()
    audit.record(
        session,
        actor=who,
        action="app.login",
        entity=account.kind,
        entity_id=account.id,
        after={"method": method, "created": account.created, "ip": ip},
    )
    return LoginResult(token, expires_at, account.kind, account.id, account.created, account.status)


def login_with_code(session: Session, *, phone: str, code: str, role: str, ip: str) -> LoginResult:
    """Log in with a code sent to the phone; an unknown phone becomes a new account."""
    kind = _check_role(role)
    number = clean_mobile(phone, field="phone", required=True)
    try:
        check_code(session, channel="sms", target=number, purpose="login", code=code)
    except DomainError as exc:
        _audit_failed(
            session, kind=kind, who=mask_target("sms", number), method="sms", reason=exc.key, ip=ip
        )
        raise
    account = _find_or_create(session, kind=kind, phone=number)
    return _finish_login(session, account=account, method="sms", ip=ip)


def login_with_provider(
    session: Session,
    *,
    provider: str,
    provider_code: str,
    role: str,
    ip: str,
    gateway: OAuthGateway,
) -> LoginResult:
    """Log in with WeChat or Alipay; the first time, the provider's phone finds the account."""
    kind = _check_role(role)
    if provider not in PROVIDERS:
        raise ValidationError("app.bad_provider", field="provider", allowed=", ".join(PROVIDERS))
    code = (provider_code or "").strip()
    if not code or len(code) > MAX_PROVIDER_CODE_LEN:
        raise ValidationError("app.bad_provider_code", field="provider_code")
    found = gateway.phone_for(provider, code)
    if found is None:
        _audit_failed(session, kind=kind, who=provider, method=provider, reason="refused", ip=ip)
        raise ProviderRefused(provider=provider)
    link = session.scalars(
        select(ExternalIdentity).where(
            ExternalIdentity.provider == provider,
            ExternalIdentity.provider_uid == found.uid,
            ExternalIdentity.subject_kind == kind,
        )
    ).one_or_none()
    account = None if link is None else _load_account(session, kind, link.subject_id)
    if account is None:
        number = clean_mobile(found.phone, field="provider_code", required=True)
        account = _find_or_create(session, kind=kind, phone=number)
        if link is None:
            session.add(
                ExternalIdentity(
                    provider=provider,
                    provider_uid=found.uid,
                    subject_kind=kind,
                    subject_id=account.id,
                )
            )
        else:  # linked to an account that no longer exists: relink to the phone's
            link.subject_id = account.id
        session.flush()
        audit.record(
            session,
            actor=_actor_of(account),
            action="app.provider_link",
            entity=kind,
            entity_id=account.id,
            after={"provider": provider, "created": account.created},
        )
    return _finish_login(session, account=account, method=provider, ip=ip)


def logout(session: Session, *, actor: Actor, token: str) -> bool:
    """End this device's login (the token stops at once); True when it was live."""
    revoked = app_tokens.revoke_token(session, token=token)
    audit.record(
        session,
        actor=actor,
        action="app.logout",
        entity=actor.kind,
        entity_id=actor.id,
        after={"revoked": revoked},
    )
    return revoked
