"""Real-name verification of customers (实名认证): name and ID number, checked outside.

The identity gateway (the public-security check a provider sells) is a ``Protocol``
handed in by the face; the sandbox is ``sync/gateways/identity_sandbox.py``. A customer
counts as verified only when the gateway said so: a refusal, an unanswered request or
an error leaves the account unverified. The ID number is stored encrypted
(``pii.encrypt``) and shown masked; each attempt is audited, refused ones too (their
rows are kept with the refusal), which also caps the paid gateway calls per day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import AuditLog
from jiazheng_desk.services import audit, idcard, pii
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import clean_text
from jiazheng_desk.services.customer_views import load_customer, refuse_closed
from jiazheng_desk.services.errors import Conflict, DomainError, PermissionDenied
from jiazheng_desk.services.timeutil import DEFAULT_TZ, day_start_utc, local_day

# the gateway did not answer in time (a timeout): never a pass, and worth a retry later
NO_ANSWER = "no_answer"
MAX_ATTEMPTS_PER_DAY = 5
PASSED = "app.real_name_passed"
FAILED = "app.real_name_failed"
# refusals the app can name (app.real_name_reason.*); any other is "refused"
REASONS = ("mismatch", "no_record", "bad_checksum", "refused")


@dataclass(frozen=True)
class IdentityResult:
    """The gateway's answer: passed, or why not (``mismatch``, ``no_record``, ``no_answer``…)."""

    passed: bool
    reason: str = ""


class IdentityGateway(Protocol):
    def verify(self, name: str, id_number: str, selfie_path: str | None = None) -> IdentityResult:
        """Whether the name belongs to the ID number (and the selfie to the person)."""
        ...


@dataclass(frozen=True)
class RealNameView:
    """What the app shows: verified or not, and the masked name and number."""

    verified: bool
    real_name_masked: str
    id_number_masked: str
    verified_at: datetime | None


class RealNameRejected(DomainError):
    """The identity check said no; the attempt stays in the audit log."""

    key = "app.real_name_rejected"
    http_status = 422
    commit_before_raise = True


class IdentityUnavailable(DomainError):
    """The identity check did not answer: nothing was decided, try again later."""

    key = "app.real_name_no_answer"
    http_status = 503
    commit_before_raise = True


class TooManyAttempts(DomainError):
    key = "app.real_name_limit"
    http_status = 429


def mask_name(name: str) -> str:
    """张伟 -> *伟, 欧阳娜娜 -> ***娜: the given name's last character only."""
    return "*" * (len(name) - 1) + name[-1:] if len(name) > 1 else name


def _require_self(actor: Actor) -> int:
    if actor.kind != "customer" or actor.id is None:
        raise PermissionDenied(action=Msg("app.action.real_name"))
    return actor.id


def _view(name: str, number_enc: bytes | None, verified_at: datetime | None) -> RealNameView:
    if verified_at is None or number_enc is None:
        return RealNameView(False, "", "", None)
    number = pii.decrypt(number_enc)
    return RealNameView(True, mask_name(name), pii.mask_id_number(number), verified_at)


def get_real_name(session: Session, *, actor: Actor) -> RealNameView:
    """The customer's own verification, masked."""
    customer = load_customer(session, _require_self(actor))
    return _view(customer.real_name, customer.id_number_enc, customer.real_name_verified_at)


def _attempts_today(session: Session, customer_id: int) -> int:
    now = clock.now()
    since = day_start_utc(local_day(now, DEFAULT_TZ), DEFAULT_TZ)
    return (
        session.scalar(
            select(func.count(AuditLog.id)).where(
                AuditLog.entity == "customer",
                AuditLog.entity_id == customer_id,
                AuditLog.action == FAILED,
                AuditLog.created_at >= since,
            )
        )
        or 0
    )


def verify_real_name(
    session: Session,
    *,
    actor: Actor,
    name: str,
    id_number: str,
    gateway: IdentityGateway,
    selfie_path: str | None = None,
) -> RealNameView:
    """Check name and ID number with the gateway; store them only when it passed."""
    customer_id = _require_self(actor)
    customer = load_customer(session, customer_id, lock=True)
    refuse_closed(customer)
    if customer.real_name_verified_at is not None:
        raise Conflict("app.real_name_done")
    shown = clean_text(
        name, field="name", label=Msg("app.field.real_name"), max_len=64, required=True
    )
    card = idcard.parse_id_number(id_number, field="id_number")
    if _attempts_today(session, customer_id) >= MAX_ATTEMPTS_PER_DAY:
        raise TooManyAttempts(max=MAX_ATTEMPTS_PER_DAY)
    # encrypted before the (paid) call: without a data key there is no point asking
    encrypted = pii.encrypt(card.number)
    try:
        result = gateway.verify(shown, card.number, selfie_path)
    except TimeoutError:
        result = IdentityResult(False, NO_ANSWER)
    masked = pii.mask_id_number(card.number)
    if not result.passed:
        audit.record(
            session,
            actor=actor,
            action=FAILED,
            entity="customer",
            entity_id=customer_id,
            after={"reason": result.reason or "refused", "id_number": masked},
        )
        if result.reason == NO_ANSWER:
            raise IdentityUnavailable()
        raise RealNameRejected(reason=Msg(f"app.real_name_reason.{_known(result.reason)}"))
    customer.real_name = shown
    customer.id_number_enc = encrypted
    customer.real_name_verified_at = clock.now()
    session.flush()
    audit.record(
        session,
        actor=actor,
        action=PASSED,
        entity="customer",
        entity_id=customer_id,
        after={"real_name": mask_name(shown), "id_number": masked},
    )
    return _view(shown, encrypted, customer.real_name_verified_at)


def _known(reason: str) -> str:
    return reason if reason in REASONS else "refused"
