"""Payments and refunds at the finance desk: the payments list, the refund queue
(approve, reject), and a refund made at the desk.

A refund moves ``requested`` → ``done`` (approved: the money goes back through the
gateway and the ledger posts it) or ``requested`` → ``rejected`` (with the reason); each
move writes its ``state_event`` row and its audit row. A refund is never more than what
the order's payments brought in less what was already refunded: checked under the
order's lock, so two approvals at once cannot both pass. When everything paid for an
ended order has gone back, the order moves to ``refunded``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Customer, Order, Payment, Refund, StaffUser, StateEvent
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit, booking, finance
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import Page, like_pattern
from jiazheng_desk.services.errors import Conflict, NotFound, ValidationError
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id
from jiazheng_desk.services.timeutil import day_start_utc, get_branch_timezone

PAYMENTS = table_of(Payment)
REFUNDS = table_of(Refund)
ORDERS = table_of(Order)
MAX_REASON = 255
PAYMENT_STATES = ("pending", "confirmed", "failed", "cancelled")
REFUND_STATES = ("requested", "done", "rejected", "failed")
ENDED_FOR_REFUND = frozenset({"completed", "reviewed", "cancelled"})


@dataclass(frozen=True)
class PaymentRow:
    id: int
    order_id: int
    order_no: str
    branch_id: int
    customer_name: str
    method: str
    amount_fen: int
    refunded_fen: int
    state: str
    gateway_ref: str
    created_at: datetime
    confirmed_at: datetime | None


@dataclass(frozen=True)
class PaymentFilter:
    state: str | None = None
    method: str | None = None
    since: date | None = None
    until: date | None = None
    text: str = ""
    branch_id: int | None = None


@dataclass(frozen=True)
class RefundRow:
    id: int
    order_id: int
    order_no: str
    branch_id: int
    customer_name: str
    amount_fen: int
    reason: str
    state: str
    gateway_ref: str
    created_by_name: str
    created_at: datetime
    done_at: datetime | None
    # what could still go back for the order (paid less done refunds)
    refundable_fen: int
    decision_reason: str


@dataclass(frozen=True)
class OrderMoney:
    order_id: int
    order_no: str
    state: str
    total_fen: int
    paid_fen: int
    refunded_fen: int
    requested_fen: int
    refundable_fen: int


def _reason(text: str | None, field: str = "reason") -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise ValidationError("refund.reason_required", field=field)
    if len(cleaned) > MAX_REASON:
        raise ValidationError("refund.reason_too_long", field=field, max=MAX_REASON)
    return cleaned


# --- payments ----------------------------------------------------------------------------


def _payments_query(session: Session, actor: Actor, flt: PaymentFilter) -> Any:
    refunded = (
        select(func.coalesce(func.sum(REFUNDS.c.amount_fen), 0))
        .where(REFUNDS.c.payment_id == PAYMENTS.c.id, REFUNDS.c.state == "done")
        .scalar_subquery()
    )
    stmt = (
        select(
            PAYMENTS.c.id,
            PAYMENTS.c.order_id,
            ORDERS.c.order_no,
            ORDERS.c.branch_id,
            Customer.name,
            PAYMENTS.c.method,
            PAYMENTS.c.amount_fen,
            refunded,
            PAYMENTS.c.state,
            PAYMENTS.c.gateway_ref,
            PAYMENTS.c.created_at,
            PAYMENTS.c.confirmed_at,
        )
        .join(ORDERS, ORDERS.c.id == PAYMENTS.c.order_id)
        .join(Customer, Customer.id == PAYMENTS.c.customer_id)
    )
    branch_id = scope_branch_id(actor) or flt.branch_id
    if branch_id is not None:
        stmt = stmt.where(ORDERS.c.branch_id == branch_id)
    if flt.state:
        stmt = stmt.where(PAYMENTS.c.state == flt.state)
    if flt.method:
        stmt = stmt.where(PAYMENTS.c.method == flt.method)
    tz = get_branch_timezone(session, branch_id)
    if flt.since is not None:
        stmt = stmt.where(PAYMENTS.c.created_at >= day_start_utc(flt.since, tz))
    if flt.until is not None:
        stmt = stmt.where(PAYMENTS.c.created_at < day_start_utc(flt.until + timedelta(days=1), tz))
    text = flt.text.strip()
    if text:
        pattern = like_pattern(text)
        stmt = stmt.where(
            or_(
                ORDERS.c.order_no.like(pattern),
                PAYMENTS.c.gateway_ref.like(pattern),
                Customer.name.like(pattern),
            )
        )
    return stmt


def _payment_row(r: Any) -> PaymentRow:
    return PaymentRow(
        id=int(r[0]),
        order_id=int(r[1]),
        order_no=r[2],
        branch_id=int(r[3]),
        customer_name=r[4],
        method=r[5],
        amount_fen=int(r[6]),
        refunded_fen=int(r[7] or 0),
        state=r[8],
        gateway_ref=r[9] or "",
        created_at=r[10],
        confirmed_at=r[11],
    )


def list_payments(
    session: Session,
    *,
    actor: Actor,
    flt: PaymentFilter | None = None,
    offset: int = 0,
    limit: int = 200,
) -> Page[PaymentRow]:
    """Payments, newest first, filtered (a branch's staff: their branch's)."""
    flt = flt or PaymentFilter()
    require(actor, Perm.FINANCE_VIEW, branch_id=flt.branch_id)
    stmt = _payments_query(session, actor, flt)
    total = int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    rows = session.execute(
        stmt.order_by(PAYMENTS.c.created_at.desc(), PAYMENTS.c.id.desc())
        .offset(max(0, offset))
        .limit(max(1, min(limit, 1000)))
    ).all()
    return Page(tuple(_payment_row(r) for r in rows), total, offset)


def iter_payments(session: Session, *, actor: Actor, flt: PaymentFilter) -> Iterator[PaymentRow]:
    """Every payment the filter matches, newest first, streamed (for the Excel export)."""
    require(actor, Perm.FINANCE_VIEW, branch_id=flt.branch_id)
    stmt = _payments_query(session, actor, flt).order_by(
        PAYMENTS.c.created_at.desc(), PAYMENTS.c.id.desc()
    )
    for r in session.execute(stmt.execution_options(yield_per=2000)):
        yield _payment_row(r)


# --- refunds -----------------------------------------------------------------------------


def _money(session: Session, order_id: int) -> tuple[int, int, int]:
    """(paid, refunded, requested) of an order."""
    paid, refunded = finance._paid_refunded(session, order_id)
    requested = session.scalar(
        select(func.coalesce(func.sum(REFUNDS.c.amount_fen), 0)).where(
            REFUNDS.c.order_id == order_id, REFUNDS.c.state == "requested"
        )
    )
    return paid, refunded, int(requested or 0)


def get_order_money(session: Session, *, actor: Actor, order_id: int) -> OrderMoney:
    """What an order cost, what was paid and refunded, and what could still go back."""
    order = session.execute(select(ORDERS).where(ORDERS.c.id == order_id)).first()
    if order is None:
        raise NotFound("order", order_id)
    require(actor, Perm.FINANCE_VIEW, branch_id=int(order.branch_id))
    paid, refunded, requested = _money(session, order_id)
    return OrderMoney(
        order_id=order_id,
        order_no=order.order_no,
        state=order.state,
        total_fen=int(order.total_fen),
        paid_fen=paid,
        refunded_fen=refunded,
        requested_fen=requested,
        refundable_fen=max(0, paid - refunded - requested),
    )


def find_order(session: Session, *, actor: Actor, order_no: str) -> OrderMoney:
    """An order by its number (the new-refund dialog)."""
    require(actor, Perm.FINANCE_VIEW)
    found = session.scalar(select(ORDERS.c.id).where(ORDERS.c.order_no == order_no.strip()))
    if found is None:
        raise NotFound("order", order_no.strip())
    return get_order_money(session, actor=actor, order_id=int(found))


def _refund_select() -> Any:
    creator = select(StaffUser.display_name).where(StaffUser.id == REFUNDS.c.created_by)
    decision = (
        select(StateEvent.reason)
        .where(StateEvent.entity == "refund", StateEvent.entity_id == REFUNDS.c.id)
        .order_by(StateEvent.id.desc())
        .limit(1)
    )
    return (
        select(
            REFUNDS,
            ORDERS.c.order_no,
            ORDERS.c.branch_id,
            Customer.name.label("customer_name"),
            creator.scalar_subquery().label("creator"),
            decision.scalar_subquery().label("decision"),
        )
        .join(ORDERS, ORDERS.c.id == REFUNDS.c.order_id)
        .join(Customer, Customer.id == ORDERS.c.customer_id)
    )


def _refund_row(session: Session, r: Any) -> RefundRow:
    paid, refunded, _requested = _money(session, int(r.order_id))
    return RefundRow(
        id=int(r.id),
        order_id=int(r.order_id),
        order_no=r.order_no,
        branch_id=int(r.branch_id),
        customer_name=r.customer_name,
        amount_fen=int(r.amount_fen),
        reason=r.reason,
        state=r.state,
        gateway_ref=r.gateway_ref or "",
        created_by_name=r.creator or "",
        created_at=r.created_at,
        done_at=r.done_at,
        refundable_fen=max(0, paid - refunded),
        decision_reason=r.decision or "",
    )


def list_refunds(
    session: Session,
    *,
    actor: Actor,
    state: str | None = "requested",
    offset: int = 0,
    limit: int = 200,
) -> Page[RefundRow]:
    """Refunds (by default the queue of requests, oldest first; else newest first)."""
    require(actor, Perm.FINANCE_VIEW)
    stmt = _refund_select()
    scope = scope_branch_id(actor)
    if scope is not None:
        stmt = stmt.where(ORDERS.c.branch_id == scope)
    if state:
        stmt = stmt.where(REFUNDS.c.state == state)
    total = int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    order = (
        (REFUNDS.c.created_at, REFUNDS.c.id)
        if state == "requested"
        else (REFUNDS.c.created_at.desc(), REFUNDS.c.id.desc())
    )
    rows = session.execute(
        stmt.order_by(*order).offset(max(0, offset)).limit(max(1, min(limit, 1000)))
    ).all()
    return Page(tuple(_refund_row(session, r) for r in rows), total, offset)


def get_refund(session: Session, *, actor: Actor, refund_id: int) -> RefundRow:
    """One refund (of the actor's branch)."""
    require(actor, Perm.FINANCE_VIEW)
    r = session.execute(_refund_select().where(REFUNDS.c.id == refund_id)).first()
    if r is None:
        raise NotFound("refund", refund_id)
    require(actor, Perm.FINANCE_VIEW, branch_id=int(r.branch_id))
    return _refund_row(session, r)


def _event(
    session: Session, refund_id: int, event: str, old: str, new: str, actor: Actor, reason: str
) -> None:
    session.connection().execute(
        insert(table_of(StateEvent)),
        {
            "entity": "refund",
            "entity_id": refund_id,
            "event": event,
            "from_state": old,
            "to_state": new,
            "actor_kind": actor.kind,
            "actor_id": actor.id,
            "reason": reason,
            "created_at": clock.now(),
        },
    )


def _pay_out(
    session: Session, actor: Actor, order: Any, refund_id: int, amount: int, reason: str
) -> None:
    """The money goes back: the refund is done, posted, and the order refunded if all went."""
    now = clock.now()
    session.execute(
        update(REFUNDS)
        .where(REFUNDS.c.id == refund_id)
        .values(state="done", done_at=now, gateway_ref=f"RF-SBX-{refund_id}")
    )
    paid, refunded = finance._paid_refunded(session, int(order.id))
    if refunded >= paid and order.state in ENDED_FOR_REFUND:
        finance.mark_order_refunded(session, actor=actor, order=order, reason=reason)
    finance.settle_order(
        session,
        actor=actor,
        order_id=int(order.id),
        kind="refund",
        extra=(("clearing", amount), ("refunds", -amount)),
        ref=("refund", refund_id),
        memo=reason,
    )


def _load_refund(session: Session, actor: Actor, refund_id: int) -> tuple[Any, Any]:
    found = session.execute(select(REFUNDS.c.order_id).where(REFUNDS.c.id == refund_id)).first()
    if found is None:
        raise NotFound("refund", refund_id)
    # the order first, then the refund: the order's lock serialises its money
    order = booking.lock_order(session.connection(), int(found.order_id))
    require(actor, Perm.REFUND_CREATE, branch_id=int(order.branch_id))
    refund = session.execute(
        select(REFUNDS).where(REFUNDS.c.id == refund_id).with_for_update()
    ).one()
    return order, refund


def approve_refund(session: Session, *, actor: Actor, refund_id: int, note: str = "") -> RefundRow:
    """Approve a requested refund: the money goes back and the ledger posts it."""
    require(actor, Perm.REFUND_CREATE)
    order, refund = _load_refund(session, actor, refund_id)
    if refund.state != "requested":
        raise Conflict("refund.not_requested", state=refund.state)
    paid, refunded = finance._paid_refunded(session, int(order.id))
    if int(refund.amount_fen) > paid - refunded:
        raise Conflict(
            "refund.above_paid",
            amount=_yuan(int(refund.amount_fen)),
            most=_yuan(max(0, paid - refunded)),
        )
    text = (note or "").strip()[:MAX_REASON]
    _event(session, refund_id, "approve", "requested", "done", actor, text)
    _pay_out(session, actor, order, refund_id, int(refund.amount_fen), refund.reason)
    audit.record(
        session,
        actor=actor,
        action="refund.approve",
        entity="refund",
        entity_id=refund_id,
        before={"state": "requested"},
        after={"state": "done", "amount_fen": int(refund.amount_fen), "note": text},
        branch_id=int(order.branch_id),
    )
    return _row(session, actor, refund_id)


def reject_refund(session: Session, *, actor: Actor, refund_id: int, reason: str) -> RefundRow:
    """Refuse a requested refund, with the reason (nothing is posted)."""
    require(actor, Perm.REFUND_CREATE)
    text = _reason(reason)
    order, refund = _load_refund(session, actor, refund_id)
    if refund.state != "requested":
        raise Conflict("refund.not_requested", state=refund.state)
    session.execute(update(REFUNDS).where(REFUNDS.c.id == refund_id).values(state="rejected"))
    _event(session, refund_id, "reject", "requested", "rejected", actor, text)
    audit.record(
        session,
        actor=actor,
        action="refund.reject",
        entity="refund",
        entity_id=refund_id,
        before={"state": "requested"},
        after={"state": "rejected", "reason": text},
        branch_id=int(order.branch_id),
    )
    return _row(session, actor, refund_id)


def create_refund(
    session: Session, *, actor: Actor, order_id: int, amount_fen: int, reason: str
) -> RefundRow:
    """A refund made at the desk (full or partial, with a reason), paid out at once.

    Never more than what is paid and not yet refunded nor requested."""
    require(actor, Perm.REFUND_CREATE)
    text = _reason(reason)
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int) or amount_fen <= 0:
        raise ValidationError("refund.amount_positive", field="amount_fen")
    order = booking.lock_order(session.connection(), order_id)
    require(actor, Perm.REFUND_CREATE, branch_id=int(order.branch_id))
    paid, refunded, requested = _money(session, order_id)
    most = paid - refunded - requested
    if amount_fen > most:
        raise ValidationError(
            "refund.above_paid",
            field="amount_fen",
            amount=_yuan(amount_fen),
            most=_yuan(max(0, most)),
        )
    payment_id = session.scalar(
        select(PAYMENTS.c.id)
        .where(PAYMENTS.c.order_id == order_id, PAYMENTS.c.state == "confirmed")
        .order_by(PAYMENTS.c.amount_fen.desc(), PAYMENTS.c.id)
        .limit(1)
    )
    now = clock.now()
    refund_id = inserted_id(
        session.connection().execute(
            insert(REFUNDS),
            {
                "payment_id": payment_id,
                "order_id": order_id,
                "amount_fen": amount_fen,
                "reason": text,
                "state": "requested",
                "gateway_ref": None,
                "created_by": actor.id if actor.is_staff else None,
                "created_at": now,
                "done_at": None,
            },
        )
    )
    _event(session, refund_id, "create", "", "done", actor, text)
    _pay_out(session, actor, order, refund_id, amount_fen, text)
    audit.record(
        session,
        actor=actor,
        action="refund.create",
        entity="refund",
        entity_id=refund_id,
        after={"order_id": order_id, "amount_fen": amount_fen, "reason": text, "state": "done"},
        branch_id=int(order.branch_id),
    )
    return _row(session, actor, refund_id)


def _row(session: Session, actor: Actor, refund_id: int) -> RefundRow:
    return get_refund(session, actor=Actor.system(), refund_id=refund_id)


def _yuan(fen: int) -> str:
    whole, cents = divmod(abs(fen), 100)
    return f"{'-' if fen < 0 else ''}¥{whole}.{cents:02d}"
