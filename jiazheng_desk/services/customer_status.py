"""Freezing, unfreezing and closing customer accounts.

A frozen account cannot book or log in (``customers.require_bookable``); its app tokens
are revoked at once so that an open app notices. Closing an account (on the customer's
request, HQ only) erases the personal data and keeps the business records: orders,
payments, refunds, ledger rows, invoices and reviews stay, tied to an anonymous
"已注销用户" whose phone is a placeholder, so the number is free to register again.

What closing erases and why it keeps what it keeps:
- the customer row: name, phone, email, password, real name and ID, emergency contact,
  the staff's note, preferences (marketing off);
- addresses: text and contact cleared, the address retired; the district stays and the
  coordinates are rounded to 0.01° (about 1 km: a city block holds thousands of homes),
  so demand maps and travel statistics stay true without pointing at a home;
- orders: the address snapshot text and the customer's own note cleared, coordinates
  rounded the same way; prices, states and times stay (money and payroll depend on them);
- tags, favourites, message-centre entries and SMS codes deleted; app tokens revoked;
  SMS not yet sent to the old number dropped and the number replaced in the outbox.
The audit log is append-only and keeps what earlier changes recorded (see the report).
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import (
    ApiToken,
    Customer,
    CustomerAddress,
    CustomerTag,
    Favorite,
    Notification,
    Order,
    OrderSeries,
    Outbox,
    SmsCode,
)
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import clean_text
from jiazheng_desk.services.customer_views import (
    FINISHED_STATES,
    CustomerDetail,
    load_customer,
    load_detail,
    refuse_closed,
)
from jiazheng_desk.services.errors import Conflict
from jiazheng_desk.services.permissions import Perm, require

CLOSED_NAME = "已注销用户"
# two decimals of a degree: about 1.1 km north–south, 0.95 km east–west in Shanghai
COORD_DECIMALS = 2


def _reason(reason: str) -> str:
    return clean_text(
        reason, field="reason", label=Msg("customer.field.reason"), max_len=255, required=True
    )


def _revoke_tokens(session: Session, customer_id: int) -> int:
    result = session.execute(
        update(ApiToken)
        .where(
            ApiToken.subject_kind == "customer",
            ApiToken.subject_id == customer_id,
            ApiToken.revoked_at.is_(None),
        )
        .values(revoked_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _audit_branch(actor: Actor, customer: Customer) -> int | None:
    return actor.branch_id if actor.branch_id is not None else customer.branch_id


def freeze_customer(
    session: Session, *, actor: Actor, customer_id: int, reason: str
) -> CustomerDetail:
    """Stop a customer from booking and logging in; the reason is kept."""
    require(actor, Perm.CUSTOMER_FREEZE)
    why = _reason(reason)
    customer = load_customer(session, customer_id, lock=True)
    refuse_closed(customer)
    if customer.status == "frozen":
        raise Conflict("customer.already_frozen")
    before = {"status": customer.status, "status_reason": customer.status_reason}
    customer.status = "frozen"
    customer.status_reason = why
    revoked = _revoke_tokens(session, customer.id)
    audit.record(
        session,
        actor=actor,
        action="customer.freeze",
        entity="customer",
        entity_id=customer.id,
        before=before,
        after={"status": "frozen", "status_reason": why, "tokens_revoked": revoked},
        branch_id=_audit_branch(actor, customer),
    )
    return load_detail(session, customer)


def unfreeze_customer(
    session: Session, *, actor: Actor, customer_id: int, reason: str
) -> CustomerDetail:
    """Let a frozen customer book and log in again; the reason is kept."""
    require(actor, Perm.CUSTOMER_FREEZE)
    why = _reason(reason)
    customer = load_customer(session, customer_id, lock=True)
    refuse_closed(customer)
    if customer.status != "frozen":
        raise Conflict("customer.not_frozen")
    before = {"status": customer.status, "status_reason": customer.status_reason}
    customer.status = "active"
    customer.status_reason = why
    audit.record(
        session,
        actor=actor,
        action="customer.unfreeze",
        entity="customer",
        entity_id=customer.id,
        before=before,
        after={"status": "active", "status_reason": why},
        branch_id=_audit_branch(actor, customer),
    )
    return load_detail(session, customer)


def _refuse_open_business(session: Session, customer_id: int) -> None:
    open_orders = Order.customer_id == customer_id, Order.state.not_in(FINISHED_STATES)
    count = session.scalar(select(func.count(Order.id)).where(*open_orders)) or 0
    if count:
        example = session.scalar(
            select(Order.order_no).where(*open_orders).order_by(Order.starts_at).limit(1)
        )
        raise Conflict("customer.close_open_orders", count=count, order_no=example or "")
    series = session.scalar(
        select(OrderSeries.id).where(
            OrderSeries.customer_id == customer_id, OrderSeries.status == "active"
        )
    )
    if series is not None:
        raise Conflict("customer.close_open_series")


def _rounded(column: object) -> object:
    return func.round(column, COORD_DECIMALS)


def close_customer(
    session: Session, *, actor: Actor, customer_id: int, reason: str
) -> CustomerDetail:
    """Close an account on request: personal data erased, orders and money kept."""
    require(actor, Perm.CUSTOMER_CLOSE)
    why = _reason(reason)
    customer = load_customer(session, customer_id, lock=True)
    refuse_closed(customer)
    _refuse_open_business(session, customer.id)
    old_phone, old_email, old_status = customer.phone, customer.email, customer.status
    now = clock.now()

    customer.name = CLOSED_NAME
    customer.name_initials = ""
    customer.phone = f"closed-{customer.id}"
    customer.gender = ""
    customer.email = None
    customer.password_hash = None
    customer.real_name = ""
    customer.id_number_enc = None
    customer.real_name_verified_at = None
    customer.emergency_name = ""
    customer.emergency_phone = ""
    customer.note = ""
    customer.remind_sms = customer.remind_push = customer.marketing_opt_in = False
    customer.status = "closed"
    customer.status_reason = why
    customer.closed_at = now

    addresses = session.execute(
        update(CustomerAddress)
        .where(CustomerAddress.customer_id == customer.id)
        .values(
            address_text="",
            contact_name="",
            contact_phone="",
            lat=_rounded(CustomerAddress.lat),
            lng=_rounded(CustomerAddress.lng),
            is_default=False,
            deleted_at=func.coalesce(CustomerAddress.deleted_at, now),
        )
        .execution_options(synchronize_session=False)
    )
    orders = session.execute(
        update(Order)
        .where(Order.customer_id == customer.id)
        .values(
            address_text="",
            customer_note="",
            lat=_rounded(Order.lat),
            lng=_rounded(Order.lng),
        )
        .execution_options(synchronize_session=False)
    )
    for model in (CustomerTag, Favorite):
        session.execute(delete(model).where(model.customer_id == customer.id))
    session.execute(
        delete(Notification).where(
            Notification.recipient_kind == "customer", Notification.recipient_id == customer.id
        )
    )
    session.execute(delete(SmsCode).where(SmsCode.phone == old_phone))
    recipients = [r for r in (old_phone, old_email) if r]
    session.execute(
        update(Outbox)
        .where(Outbox.recipient.in_(recipients), Outbox.state == "pending")
        .values(state="dead", last_error="account closed")
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Outbox)
        .where(Outbox.recipient.in_(recipients))
        .values(recipient=customer.phone, payload="{}")
        .execution_options(synchronize_session=False)
    )
    revoked = _revoke_tokens(session, customer.id)
    session.flush()
    # every session object of these rows is stale after the bulk updates
    session.expire_all()
    audit.record(
        session,
        actor=actor,
        action="customer.close",
        entity="customer",
        entity_id=customer_id,
        before={"status": old_status},
        after={
            "status": "closed",
            "status_reason": why,
            "addresses_erased": int(getattr(addresses, "rowcount", 0) or 0),
            "orders_kept": int(getattr(orders, "rowcount", 0) or 0),
            "tokens_revoked": revoked,
        },
        branch_id=_audit_branch(actor, customer),
    )
    return load_detail(session, load_customer(session, customer_id))
