"""Using a coupon (and points) on a booking: which coupons a quote may take, what they take
off, and redeeming exactly once.

The rules of one coupon on one quote (``problem``): it is the customer's and still issued,
inside its dates, for this service (item or category) or any, for a first order when the
template says new customers only, and the order reaches the threshold (满减). The order
amount the threshold and the percentage are measured on is the quote's subtotal: base,
options, travel fee and surcharges. A fixed coupon takes its amount off; a percentage
takes ``subtotal × percent_bp / 10000`` rounded *up* to the fen (in the customer's
favour), at most its cap; neither ever takes more than the subtotal, so a total is never
below zero.

Redeeming is one conditional ``UPDATE coupon … WHERE state='issued'`` in the booking's
transaction: however many bookings race for one coupon, the database lets exactly one
change the row, and the others see 0 rows and are refused. Cancelling an order nobody has
paid gives the coupon back (``release_for_order``), or marks it expired if its date has
passed meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import t
from jiazheng_desk.models import Coupon, CouponTemplate, Order, Payment
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services import audit, points
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.coupons import terms_text
from jiazheng_desk.services.errors import Conflict, ValidationError
from jiazheng_desk.services.permissions import Perm, require
from jiazheng_desk.services.pricing import Quote, QuoteLine

COUPONS = table_of(Coupon)
TEMPLATES = table_of(CouponTemplate)
# orders that do not make a customer "not new": they never happened
NOT_COUNTED_STATES = ("cancelled", "refunded")


@dataclass(frozen=True)
class CouponTerms:
    """One coupon with its template's rules, as the quote needs them."""

    coupon_id: int
    code: str
    name: str
    customer_id: int | None
    state: str
    expires_at: datetime | None
    kind: str
    amount_fen: int
    percent_bp: int
    threshold_fen: int
    category_id: int | None
    item_id: int | None
    new_customer_only: bool
    valid_from: datetime | None
    valid_to: datetime | None

    @property
    def terms(self) -> str:
        return terms_text(self.kind, self.amount_fen, self.percent_bp, self.threshold_fen)


@dataclass(frozen=True)
class UsableCoupon:
    """A coupon the customer may use on this quote, with what it would take off."""

    coupon_id: int
    code: str
    name: str
    terms: str
    expires_at: datetime | None
    discount_fen: int


def _terms(row: Any) -> CouponTerms:
    return CouponTerms(
        coupon_id=int(row.id),
        code=row.code,
        name=row.name,
        customer_id=row.customer_id,
        state=row.state,
        expires_at=row.expires_at,
        kind=row.kind,
        amount_fen=int(row.amount_fen),
        percent_bp=int(row.percent_bp or 0),
        threshold_fen=int(row.threshold_fen),
        category_id=row.category_id,
        item_id=row.item_id,
        new_customer_only=bool(row.new_customer_only),
        valid_from=row.valid_from,
        valid_to=row.valid_to,
    )


def _select() -> Any:
    return select(
        COUPONS.c.id,
        COUPONS.c.code,
        COUPONS.c.customer_id,
        COUPONS.c.state,
        COUPONS.c.expires_at,
        TEMPLATES.c.name,
        TEMPLATES.c.kind,
        TEMPLATES.c.amount_fen,
        TEMPLATES.c.percent_bp,
        TEMPLATES.c.threshold_fen,
        TEMPLATES.c.category_id,
        TEMPLATES.c.item_id,
        TEMPLATES.c.new_customer_only,
        TEMPLATES.c.valid_from,
        TEMPLATES.c.valid_to,
    ).join(TEMPLATES, TEMPLATES.c.id == COUPONS.c.template_id)


def subtotal(quote: Quote) -> int:
    """What the order costs before any discount."""
    return quote.base_fen + quote.options_fen + quote.travel_fee_fen + quote.surcharge_fen


def coupon_discount(coupon: CouponTerms, subtotal_fen: int) -> int:
    """What the coupon takes off this amount: never more than the amount; a percentage is
    rounded up to the fen (the customer's favour) and held to its cap."""
    if coupon.kind == "percent":
        off = -(-subtotal_fen * coupon.percent_bp // 10_000)
        if coupon.amount_fen:
            off = min(off, coupon.amount_fen)
    else:
        off = coupon.amount_fen
    return max(0, min(off, subtotal_fen))


def problem(
    coupon: CouponTerms,
    *,
    customer_id: int,
    item_id: int,
    category_id: int | None,
    subtotal_fen: int,
    first_order: bool,
    now: datetime,
) -> tuple[str, dict[str, Any]] | None:
    """The first rule the coupon breaks on this quote (a message key and its values)."""
    if coupon.customer_id != customer_id:
        return "coupons.not_yours", {}
    if coupon.state != "issued":
        return f"coupons.is_{coupon.state}", {}
    if (coupon.expires_at is not None and coupon.expires_at <= now) or (
        coupon.valid_to is not None and coupon.valid_to <= now
    ):
        return "coupons.is_expired", {}
    if coupon.valid_from is not None and coupon.valid_from > now:
        return "coupons.not_yet", {}
    if coupon.item_id is not None and coupon.item_id != item_id:
        return "coupons.other_service", {}
    if coupon.category_id is not None and coupon.category_id != category_id:
        return "coupons.other_service", {}
    if coupon.new_customer_only and not first_order:
        return "coupons.new_customers_only", {}
    if subtotal_fen < coupon.threshold_fen:
        whole, part = divmod(coupon.threshold_fen, 100)
        return "coupons.below_threshold", {"threshold": f"{whole}.{part:02d}"}
    return None


def is_first_order(session: Session, customer_id: int) -> bool:
    """Whether the customer has no order yet (cancelled ones do not count)."""
    count = session.scalar(
        select(func.count())
        .select_from(Order)
        .where(Order.customer_id == customer_id, Order.state.notin_(NOT_COUNTED_STATES))
    )
    return not count


def apply_coupon(quote: Quote, coupon: CouponTerms) -> Quote:
    """The quote with the coupon's line and its total less the discount (rules unchecked:
    ``problem`` decides whether the coupon may be used at all)."""
    off = coupon_discount(coupon, subtotal(quote) - quote.discount_fen)
    line = QuoteLine("coupon", t("coupons.line.coupon", name=coupon.name), -off)
    return replace(
        quote,
        discount_fen=quote.discount_fen + off,
        total_fen=quote.total_fen - off,
        coupon_id=coupon.coupon_id,
        lines=(*quote.lines, line),
    )


def check_coupon(
    session: Session, *, customer_id: int, coupon_id: int, quote: Quote
) -> CouponTerms:
    """The coupon, if this customer may use it on this quote; else the rule it breaks."""
    row = session.execute(_select().where(COUPONS.c.id == coupon_id)).first()
    if row is None:
        raise ValidationError("coupons.unknown", field="coupon_id")
    coupon = _terms(row)
    if coupon.customer_id != customer_id:
        # a stranger's coupon "does not exist" for this customer
        raise ValidationError("coupons.unknown", field="coupon_id")
    first = not coupon.new_customer_only or is_first_order(session, customer_id)
    found = problem(
        coupon,
        customer_id=customer_id,
        item_id=quote.item_id,
        category_id=quote.category_id,
        subtotal_fen=subtotal(quote),
        first_order=first,
        now=clock.now(),
    )
    if found is not None:
        key, params = found
        raise ValidationError(key, field="coupon_id", **params)
    return coupon


def with_discounts(
    session: Session,
    quote: Quote,
    *,
    customer_id: int | None,
    coupon_id: int | None,
    points_used: int,
) -> Quote:
    """The quote less a coupon and then points (``pricing.quote`` calls this)."""
    if customer_id is None:
        raise ValidationError("coupons.customer_needed", field="coupon_id")
    if coupon_id is not None:
        coupon = check_coupon(session, customer_id=customer_id, coupon_id=coupon_id, quote=quote)
        quote = apply_coupon(quote, coupon)
    if points_used:
        quote = points.apply_points(
            session, quote, customer_id=customer_id, points_used=points_used
        )
    return quote


def list_usable_coupons(
    session: Session, *, actor: Actor, customer_id: int, quote: Quote
) -> list[UsableCoupon]:
    """The customer's coupons this quote may take, the biggest discount first."""
    if actor.kind == "customer" and actor.id != customer_id:
        return []
    if actor.is_staff:
        require(actor, Perm.ORDER_CREATE)
    now = clock.now()
    rows = session.execute(
        _select().where(COUPONS.c.customer_id == customer_id, COUPONS.c.state == "issued")
    ).all()
    coupons = [_terms(r) for r in rows]
    first = (
        is_first_order(session, customer_id) if any(c.new_customer_only for c in coupons) else False
    )
    amount = subtotal(quote)
    usable = [
        UsableCoupon(c.coupon_id, c.code, c.name, c.terms, c.expires_at, coupon_discount(c, amount))
        for c in coupons
        if problem(
            c,
            customer_id=customer_id,
            item_id=quote.item_id,
            category_id=quote.category_id,
            subtotal_fen=amount,
            first_order=first,
            now=now,
        )
        is None
    ]
    return sorted(
        usable,
        key=lambda u: (
            -u.discount_fen,
            u.expires_at or datetime.max.replace(tzinfo=now.tzinfo),
            u.coupon_id,
        ),
    )


def redeem_coupon(
    session: Session,
    *,
    actor: Actor,
    coupon_id: int,
    customer_id: int,
    order_id: int,
    branch_id: int | None = None,
) -> None:
    """Use the coupon for the order: exactly once, whoever else tries at the same moment."""
    now = clock.now()
    done = session.connection().execute(
        update(COUPONS)
        .where(
            COUPONS.c.id == coupon_id,
            COUPONS.c.customer_id == customer_id,
            COUPONS.c.state == "issued",
        )
        .values(state="redeemed", redeemed_at=now, order_id=order_id)
    )
    if done.rowcount != 1:
        raise Conflict("coupons.just_used", field="coupon_id")
    audit.record(
        session,
        actor=actor,
        action="coupon.redeem",
        entity="coupon",
        entity_id=coupon_id,
        before={"state": "issued"},
        after={"state": "redeemed", "order_id": order_id},
        branch_id=branch_id,
    )


def redeem_for_order(
    session: Session, *, actor: Actor, quote: Quote, order_id: int, customer_id: int
) -> None:
    """Redeem what the booking's quote used: its coupon (once) and its points."""
    if quote.coupon_id is not None:
        redeem_coupon(
            session,
            actor=actor,
            coupon_id=quote.coupon_id,
            customer_id=customer_id,
            order_id=order_id,
            branch_id=quote.branch_id,
        )
    if quote.points_used:
        points.spend_points(
            session,
            actor=actor,
            customer_id=customer_id,
            points_used=quote.points_used,
            order_id=order_id,
            branch_id=quote.branch_id,
        )


def paid_fen(session: Session, order_id: int) -> int:
    """What has been paid for the order (confirmed payments)."""
    return int(
        session.scalar(
            select(func.coalesce(func.sum(Payment.amount_fen), 0)).where(
                Payment.order_id == order_id, Payment.state == "confirmed"
            )
        )
        or 0
    )


def release_for_order(session: Session, *, actor: Actor, order_id: int) -> bool:
    """An order cancelled before anything was paid gives back its coupon and its points
    (a paid one keeps them used: the refund settles the money). Whether anything came back."""
    order = session.execute(
        select(Order.branch_id, Order.customer_id, Order.coupon_id).where(Order.id == order_id)
    ).first()
    if order is None or paid_fen(session, order_id) > 0:
        return False
    released = False
    if order.coupon_id is not None:
        now = clock.now()
        row = session.execute(
            select(COUPONS.c.expires_at).where(
                COUPONS.c.id == order.coupon_id,
                COUPONS.c.order_id == order_id,
                COUPONS.c.state == "redeemed",
            )
        ).first()
        if row is not None:
            state = "expired" if row.expires_at is not None and row.expires_at <= now else "issued"
            done = session.connection().execute(
                update(COUPONS)
                .where(
                    COUPONS.c.id == order.coupon_id,
                    COUPONS.c.order_id == order_id,
                    COUPONS.c.state == "redeemed",
                )
                .values(state=state, redeemed_at=None, order_id=None)
            )
            if done.rowcount == 1:
                released = True
                audit.record(
                    session,
                    actor=actor,
                    action="coupon.release",
                    entity="coupon",
                    entity_id=int(order.coupon_id),
                    before={"state": "redeemed", "order_id": order_id},
                    after={"state": state},
                    branch_id=order.branch_id,
                )
    returned = points.return_for_order(
        session,
        actor=actor,
        order_id=order_id,
        customer_id=int(order.customer_id),
        branch_id=int(order.branch_id),
    )
    return released or returned > 0
