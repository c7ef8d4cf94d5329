"""Paying for an order in the app: a payment intent from the gateway, then its callback.

``start_payment`` writes a pending payment for what is still due (the total less what is
already confirmed) and asks the gateway for an intent the app opens (WeChat Pay, Alipay,
a card form). The gateway later calls back; the face verifies the callback's signature
with the gateway (``PaymentGateway.signature_ok``) and hands it to ``confirm_payment``.

``confirm_payment`` is idempotent: the payment row is locked and a payment that already
has its answer is left alone, so a callback the gateway repeats (they all retry until
they get a 2xx) changes nothing the second time. A "paid" whose amount is not the one the
intent asked for is refused and logged, never booked as paid. A pay-first order moves
pending_payment → confirmed (or created → confirmed) once it is paid in full, through the
state machine, with its event row and the audit row.

A confirmed payment posts its ledger transaction in the same unit of work
(``finance.post_payment``); ``get_paid_amounts`` sums the confirmed payments.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg, t
from jiazheng_desk.models import Notification, Payment
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit, booking, finance
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import (
    AuthenticationError,
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jiazheng_desk.services.order_states import event_row, next_state

log = logging.getLogger(__name__)

PAYMENTS = table_of(Payment)
METHODS = ("wechat", "alipay", "card")
CALLBACK_STATUSES = ("paid", "failed")
# what an app may pay for: anything not cancelled or refunded (a phone order paid in the
# app after the visit included)
PAYABLE_STATES = frozenset(
    {
        "created",
        "pending_payment",
        "confirmed",
        "offered",
        "accepted",
        "on_the_way",
        "in_service",
        "completed",
        "reviewed",
    }
)
# states that a full payment moves on (pay-first orders waiting for their money)
AWAITING_PAYMENT = frozenset({"created", "pending_payment"})
GATEWAY = Actor(kind="system", id=None, name="payment gateway", source="api")


@dataclass(frozen=True)
class Intent:
    """What the app needs to open the payment: the gateway's reference and where to pay."""

    gateway_ref: str
    pay_url: str
    params: dict[str, str] = field(default_factory=dict)


class PaymentGateway(Protocol):
    """A payment provider (WeChat Pay, Alipay, a card acquirer, or the sandbox)."""

    def create_intent(self, payment_id: int, amount_fen: int, method: str) -> Intent:
        """Ask the provider to collect ``amount_fen``; the same payment id gives the same
        intent again (providers key it by our payment id)."""
        ...

    def signature_ok(self, body: bytes, signature: str) -> bool:
        """Whether a callback's body was signed by the provider (constant-time compare)."""
        ...


class PaymentMismatch(Conflict):
    """A callback reports another amount than the payment asked for."""


class BadCallbackSignature(AuthenticationError):
    """A callback the gateway did not sign: refused, nothing changes."""

    key = "payment.bad_signature"
    # nothing was written before the refusal
    commit_before_raise = False


@dataclass(frozen=True)
class PaymentView:
    id: int
    order_id: int
    method: str
    amount_fen: int
    state: str
    gateway_ref: str
    created_at: datetime
    confirmed_at: datetime | None


@dataclass(frozen=True)
class PaymentStart:
    payment: PaymentView
    intent: Intent
    order_total_fen: int
    # confirmed before this payment
    paid_fen: int


@dataclass(frozen=True)
class Confirmation:
    payment: PaymentView
    order_id: int
    order_state: str
    # False for a repeated callback (nothing was written)
    changed: bool
    paid_fen: int


def _view(row: Any) -> PaymentView:
    return PaymentView(
        id=int(row.id),
        order_id=int(row.order_id),
        method=row.method,
        amount_fen=int(row.amount_fen),
        state=row.state,
        gateway_ref=row.gateway_ref or "",
        created_at=row.created_at,
        confirmed_at=row.confirmed_at,
    )


def key_hash(actor: Actor, idempotency_key: str) -> str:
    """The payment's idempotency key as stored: per customer, fixed length (64 hex)."""
    return hashlib.sha256(f"{actor.kind}:{actor.id}:{idempotency_key}".encode()).hexdigest()


def _load(session: Session, payment_id: int, *, lock: bool = False) -> Any:
    stmt = select(PAYMENTS).where(PAYMENTS.c.id == payment_id)
    return session.execute(stmt.with_for_update() if lock else stmt).one()


def _paid(session: Session, order_id: int) -> int:
    return int(
        session.scalar(
            select(func.coalesce(func.sum(PAYMENTS.c.amount_fen), 0)).where(
                PAYMENTS.c.order_id == order_id, PAYMENTS.c.state == "confirmed"
            )
        )
        or 0
    )


def get_paid_amounts(session: Session, *, order_ids: Sequence[int]) -> dict[int, int]:
    """Confirmed payments per order (orders without any are left out)."""
    if not order_ids:
        return {}
    rows = session.execute(
        select(PAYMENTS.c.order_id, func.sum(PAYMENTS.c.amount_fen))
        .where(PAYMENTS.c.order_id.in_(list(order_ids)), PAYMENTS.c.state == "confirmed")
        .group_by(PAYMENTS.c.order_id)
    ).all()
    return {int(order_id): int(total or 0) for order_id, total in rows}


def start_payment(
    session: Session,
    *,
    actor: Actor,
    order_id: int,
    method: str,
    idempotency_key: str,
    gateway: PaymentGateway,
) -> PaymentStart:
    """A pending payment of what is still due on the customer's own order, with its intent.

    Repeating a key returns the same payment (and intent); an earlier pending payment of the
    order is cancelled, so the app's last choice is the one that counts (if an abandoned one
    is paid after all, its callback still confirms it: the money came in).
    """
    if actor.kind != "customer":
        raise PermissionDenied("payment.customers_only")
    if method not in METHODS:
        raise ValidationError("payment.bad_method", field="method", methods=", ".join(METHODS))
    stored_key = key_hash(actor, idempotency_key)
    conn = session.connection()
    order = booking.lock_order(conn, order_id)
    if order.customer_id != actor.id:
        raise NotFound("order", order_id)
    total = int(
        session.scalar(select(booking.ORDERS.c.total_fen).where(booking.ORDERS.c.id == order_id))
        or 0
    )
    paid = _paid(session, order_id)
    again = session.execute(
        select(PAYMENTS).where(PAYMENTS.c.idempotency_key == stored_key)
    ).one_or_none()
    if again is not None:
        if again.order_id != order_id:
            raise Conflict("payment.key_other_order")
        intent = gateway.create_intent(int(again.id), int(again.amount_fen), again.method)
        return PaymentStart(_view(again), intent, total, paid)
    if order.state not in PAYABLE_STATES:
        raise Conflict("payment.not_payable", state=Msg(f"order.state.{order.state}"))
    due = total - paid
    if due <= 0:
        raise Conflict("payment.already_paid", order_no=order.order_no)
    now = clock.now()
    conn.execute(
        update(PAYMENTS)
        .where(PAYMENTS.c.order_id == order_id, PAYMENTS.c.state == "pending")
        .values(state="cancelled")
    )
    payment_id = inserted_id(
        conn.execute(
            insert(PAYMENTS),
            {
                "order_id": order_id,
                "customer_id": actor.id,
                "method": method,
                "amount_fen": due,
                "state": "pending",
                "gateway_ref": None,
                "idempotency_key": stored_key,
                "created_at": now,
            },
        )
    )
    intent = gateway.create_intent(payment_id, due, method)
    conn.execute(
        update(PAYMENTS).where(PAYMENTS.c.id == payment_id).values(gateway_ref=intent.gateway_ref)
    )
    audit.record(
        session,
        actor=actor,
        action="payment.start",
        entity="payment",
        entity_id=payment_id,
        after={
            "order_id": order_id,
            "method": method,
            "amount_fen": due,
            "gateway_ref": intent.gateway_ref,
        },
        branch_id=order.branch_id,
    )
    return PaymentStart(_view(_load(session, payment_id)), intent, total, paid)


def confirm_payment(
    session: Session, *, gateway_ref: str, amount_fen: int, status: str, raw: str = ""
) -> Confirmation:
    """Book the gateway's answer for a payment (idempotent; see the module doc).

    The caller has verified the callback's signature; ``raw`` is its body, kept short in
    the audit row for finance.
    """
    if status not in CALLBACK_STATUSES:
        raise ValidationError("payment.bad_status", field="status")
    found = session.execute(
        select(PAYMENTS.c.id, PAYMENTS.c.order_id).where(PAYMENTS.c.gateway_ref == gateway_ref)
    ).one_or_none()
    if found is None:
        log.warning("payment callback for unknown gateway ref %r", gateway_ref)
        raise NotFound("payment", gateway_ref)
    conn = session.connection()
    # order first, then payment: start_payment locks in the same order (no deadlock)
    order = booking.lock_order(conn, int(found.order_id))
    payment = _load(session, int(found.id), lock=True)
    if payment.state in ("confirmed", "failed"):
        if (payment.state == "confirmed") != (status == "paid"):
            log.warning(
                "payment %s is %s; a later callback says %s: left as it is",
                payment.id,
                payment.state,
                status,
            )
        return Confirmation(_view(payment), order.id, order.state, False, _paid(session, order.id))
    if status == "paid" and amount_fen != payment.amount_fen:
        log.warning(
            "payment %s callback amount %s fen, expected %s fen: refused",
            payment.id,
            amount_fen,
            payment.amount_fen,
        )
        raise PaymentMismatch(
            "payment.amount_mismatch", expected=payment.amount_fen, got=amount_fen
        )
    now = clock.now()
    new_state = "confirmed" if status == "paid" else "failed"
    conn.execute(
        update(PAYMENTS)
        .where(PAYMENTS.c.id == payment.id)
        .values(state=new_state, confirmed_at=now if status == "paid" else None)
    )
    paid = _paid(session, order.id)
    total = int(
        session.scalar(select(booking.ORDERS.c.total_fen).where(booking.ORDERS.c.id == order.id))
        or 0
    )
    order_state = order.state
    if status == "paid" and order.state in AWAITING_PAYMENT and paid >= total:
        order_state = next_state(order.state, "confirm")
        conn.execute(
            update(booking.ORDERS)
            .where(booking.ORDERS.c.id == order.id)
            .values(state=order_state, updated_at=now)
        )
        conn.execute(
            insert(booking.EVENTS),
            event_row(order.id, "confirm", order.state, order_state, GATEWAY, now, "paid"),
        )
    if status == "paid":
        # the ledger: the money is at the gateway, cleared for the order (and shared out
        # at once when the order has already ended)
        finance.post_payment(session, actor=GATEWAY, payment_id=int(payment.id))
        if order.state not in PAYABLE_STATES:
            log.warning(
                "payment %s confirmed for order %s which is %s: refund it",
                payment.id,
                order.order_no,
                order.state,
            )
        _notify_paid(session, order, payment.amount_fen, now)
    audit.record(
        session,
        actor=GATEWAY,
        action="payment.confirm" if status == "paid" else "payment.fail",
        entity="payment",
        entity_id=int(payment.id),
        before={"state": payment.state, "order_state": order.state},
        after={
            "state": new_state,
            "order_state": order_state,
            "amount_fen": amount_fen,
            "raw": raw[:255],
        },
        branch_id=order.branch_id,
    )
    return Confirmation(_view(_load(session, int(payment.id))), order.id, order_state, True, paid)


def _notify_paid(session: Session, order: Any, amount_fen: int, now: datetime) -> None:
    """A "paid" message in the customer's message centre."""
    session.connection().execute(
        insert(table_of(Notification)),
        {
            "recipient_kind": "customer",
            "recipient_id": order.customer_id,
            "kind": "payment_confirmed",
            # stored in the franchise's language; the app shows it as written
            "title": t("payment.paid_title", lang="zh_CN"),
            "body": t(
                "payment.paid_body",
                lang="zh_CN",
                order_no=order.order_no,
                amount=f"¥{amount_fen // 100}.{amount_fen % 100:02d}",
            ),
            "entity": "order",
            "entity_id": order.id,
            "created_at": now,
        },
    )
