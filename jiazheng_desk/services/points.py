"""Loyalty points: earned on a completed order for what was paid, spent as a discount at
booking, given back when an unpaid order is cancelled.

The balance is the sum of the customer's ``points_entry`` rows, never a number kept
elsewhere. Spending locks the customer's row first (``SELECT … FOR UPDATE``; on SQLite
the write transaction holds the only write lock), then sums and writes, so two bookings
spending at once can never take the balance below zero. Earning only adds, and takes no
lock. Rates are settings (per branch): ``points.earn_per_yuan`` points for each whole yuan
paid, ``points.redeem_per_yuan`` points for ¥1 off, at most ``points.max_redeem_bp`` of
the order. A discount in points is rounded down to the fen, and the points charged for it
rounded down too (the customer's favour). Points do not expire (the entry table has no
date to expire them by; an expiry would be a negative "expire" entry written by a job).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import exists, func, insert, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import t
from jiazheng_desk.models import Customer, Order, Payment, PointsEntry
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.permissions import Perm, require, require_branch
from jiazheng_desk.services.pricing import Quote, QuoteLine
from jiazheng_desk.services.settings import get_settings

ENTRIES = table_of(PointsEntry)
RATE_KEYS = ["points.earn_per_yuan", "points.redeem_per_yuan", "points.max_redeem_bp"]
MAX_POINTS = 10_000_000
RECENT = 50


@dataclass(frozen=True)
class PointsLine:
    id: int
    points: int
    # earn | spend | return | adjust
    reason: str
    order_id: int | None
    order_no: str
    created_at: datetime


@dataclass(frozen=True)
class PointsSummary:
    customer_id: int
    balance: int
    # what ¥1 off costs and what ¥1 paid earns, for the customer's branch
    redeem_per_yuan: int
    earn_per_yuan: int
    entries: tuple[PointsLine, ...]


def get_balance(session: Session, customer_id: int) -> int:
    """The customer's points: the sum of their entries."""
    return int(
        session.scalar(
            select(func.coalesce(func.sum(ENTRIES.c.points), 0)).where(
                ENTRIES.c.customer_id == customer_id
            )
        )
        or 0
    )


def _rates(session: Session, branch_id: int | None) -> dict[str, int]:
    return {k: int(v) for k, v in get_settings(session, RATE_KEYS, branch_id=branch_id).items()}


def points_value(points_used: int, redeem_per_yuan: int) -> int:
    """Fen off for these points (fractions of a fen dropped)."""
    return points_used * 100 // redeem_per_yuan


def points_for(discount_fen: int, redeem_per_yuan: int) -> int:
    """The fewest points that buy this discount (rounded down: the customer's favour)."""
    return discount_fen * redeem_per_yuan // 100


def apply_points(session: Session, quote: Quote, *, customer_id: int, points_used: int) -> Quote:
    """The quote less what the points buy, within the balance and the settings' share."""
    if isinstance(points_used, bool) or not isinstance(points_used, int):
        raise ValidationError("points.not_integer", field="points")
    if not 0 < points_used <= MAX_POINTS:
        raise ValidationError("points.bad_amount", field="points", max=MAX_POINTS)
    balance = get_balance(session, customer_id)
    if points_used > balance:
        raise ValidationError("points.not_enough", field="points", balance=balance)
    rates = _rates(session, quote.branch_id)
    most = quote.total_fen * rates["points.max_redeem_bp"] // 10_000
    off = min(points_value(points_used, rates["points.redeem_per_yuan"]), most, quote.total_fen)
    if off <= 0:
        raise ValidationError(
            "points.too_few", field="points", per_yuan=rates["points.redeem_per_yuan"]
        )
    spent = max(1, points_for(off, rates["points.redeem_per_yuan"]))
    line = QuoteLine("points", t("points.line", points=spent), -off)
    return replace(
        quote,
        discount_fen=quote.discount_fen + off,
        total_fen=quote.total_fen - off,
        points_used=spent,
        lines=(*quote.lines, line),
    )


def _lock_customer(session: Session, customer_id: int) -> None:
    found = session.execute(
        select(Customer.id).where(Customer.id == customer_id).with_for_update()
    ).first()
    if found is None:
        raise NotFound("customer", customer_id)


def _write(
    session: Session, customer_id: int, points: int, reason: str, order_id: int | None
) -> None:
    session.execute(
        insert(ENTRIES),
        {
            "customer_id": customer_id,
            "points": points,
            "reason": reason,
            "order_id": order_id,
            "created_at": clock.now(),
        },
    )


def spend_points(
    session: Session,
    *,
    actor: Actor,
    customer_id: int,
    points_used: int,
    order_id: int,
    branch_id: int | None = None,
) -> int:
    """Take points for an order's discount under the customer's lock; the balance after."""
    if points_used <= 0:
        raise ValidationError("points.bad_amount", field="points", max=MAX_POINTS)
    _lock_customer(session, customer_id)
    balance = get_balance(session, customer_id)
    if points_used > balance:
        raise Conflict("points.not_enough", field="points", balance=balance)
    _write(session, customer_id, -points_used, "spend", order_id)
    audit.record(
        session,
        actor=actor,
        action="points.spend",
        entity="customer",
        entity_id=customer_id,
        before={"balance": balance},
        after={"balance": balance - points_used, "points": -points_used, "order_id": order_id},
        branch_id=branch_id,
    )
    return balance - points_used


def return_for_order(
    session: Session, *, actor: Actor, order_id: int, customer_id: int, branch_id: int
) -> int:
    """Give back what an order spent and has not had back; how many points."""
    net = int(
        session.scalar(
            select(func.coalesce(func.sum(ENTRIES.c.points), 0)).where(
                ENTRIES.c.order_id == order_id, ENTRIES.c.reason.in_(("spend", "return"))
            )
        )
        or 0
    )
    if net >= 0:
        return 0
    _write(session, customer_id, -net, "return", order_id)
    audit.record(
        session,
        actor=actor,
        action="points.return",
        entity="customer",
        entity_id=customer_id,
        after={"points": -net, "order_id": order_id},
        branch_id=branch_id,
    )
    return -net


def earn_for_order(session: Session, *, actor: Actor, order_id: int) -> int:
    """Points for a completed order, per whole yuan paid (once per order); how many."""
    order = session.execute(
        select(Order.customer_id, Order.branch_id).where(Order.id == order_id)
    ).first()
    if order is None:
        raise NotFound("order", order_id)
    earned_already = session.scalar(
        select(exists().where(ENTRIES.c.order_id == order_id, ENTRIES.c.reason == "earn"))
    )
    if earned_already:
        return 0
    paid = int(
        session.scalar(
            select(func.coalesce(func.sum(Payment.amount_fen), 0)).where(
                Payment.order_id == order_id, Payment.state == "confirmed"
            )
        )
        or 0
    )
    per_yuan = _rates(session, int(order.branch_id))["points.earn_per_yuan"]
    earned = paid // 100 * per_yuan
    if earned <= 0:
        return 0
    _write(session, int(order.customer_id), earned, "earn", order_id)
    audit.record(
        session,
        actor=actor,
        action="points.earn",
        entity="customer",
        entity_id=int(order.customer_id),
        after={"points": earned, "order_id": order_id, "paid_fen": paid},
        branch_id=int(order.branch_id),
    )
    return earned


def _summary(session: Session, customer_id: int, branch_id: int | None) -> PointsSummary:
    rows = session.execute(
        select(
            ENTRIES.c.id,
            ENTRIES.c.points,
            ENTRIES.c.reason,
            ENTRIES.c.order_id,
            Order.order_no,
            ENTRIES.c.created_at,
        )
        .outerjoin(Order, Order.id == ENTRIES.c.order_id)
        .where(ENTRIES.c.customer_id == customer_id)
        .order_by(ENTRIES.c.created_at.desc(), ENTRIES.c.id.desc())
        .limit(RECENT)
    ).all()
    rates = _rates(session, branch_id)
    return PointsSummary(
        customer_id=customer_id,
        balance=get_balance(session, customer_id),
        redeem_per_yuan=rates["points.redeem_per_yuan"],
        earn_per_yuan=rates["points.earn_per_yuan"],
        entries=tuple(PointsLine(int(r[0]), int(r[1]), r[2], r[3], r[4] or "", r[5]) for r in rows),
    )


def get_points(session: Session, *, actor: Actor, customer_id: int) -> PointsSummary:
    """A customer's balance and latest entries (staff of the customer's branch)."""
    require(actor, Perm.CUSTOMER_VIEW)
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("customer", customer_id)
    require_branch(actor, customer.branch_id)
    return _summary(session, customer_id, customer.branch_id)


def get_my_points(session: Session, *, actor: Actor) -> PointsSummary:
    """The app customer's own balance and latest entries."""
    if actor.kind != "customer" or actor.id is None:
        raise PermissionDenied("coupons.customers_only")
    customer = session.get(Customer, actor.id)
    if customer is None:
        raise NotFound("customer", actor.id)
    return _summary(session, actor.id, customer.branch_id)
