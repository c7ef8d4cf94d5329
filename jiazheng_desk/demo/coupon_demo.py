"""Demo of coupons and points, through their services: three templates (新客立减 20 元,
满 200 减 30, 9 折 擦玻璃), coupons issued to customers, open codes, some coupons redeemed
on upcoming orders not yet paid (their discount and total follow), and points earned on
recent paid orders.

Counts are capped so the large demo (a million orders) seeds this in seconds.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Coupon, Customer, Order, Payment, ServiceOption
from jiazheng_desk.services import coupon_use, coupons, points
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.coupons import TemplateInput

MAX_HOLDERS = 150
MAX_NEW = 60
MAX_REDEEMED = 30
MAX_EARNING_ORDERS = 300
CODES = 20
UPCOMING_STATES = ("confirmed", "offered", "accepted")


def _templates(session: Session, actor: Actor) -> tuple[int, int, int]:
    glass_item = session.scalar(
        select(ServiceOption.item_id).where(ServiceOption.name == "擦玻璃").limit(1)
    )
    made = [
        TemplateInput(
            name="新客立减 20 元",
            kind="fixed",
            amount_fen=2000,
            new_customer_only=True,
            valid_days=30,
            total_limit=5000,
        ),
        TemplateInput(
            name="满 200 减 30", kind="fixed", amount_fen=3000, threshold_fen=20_000, valid_days=60
        ),
        TemplateInput(
            name="9 折 擦玻璃",
            kind="percent",
            percent_bp=1000,
            amount_fen=5000,
            item_id=glass_item,
            valid_days=90,
        ),
    ]
    ids = [
        coupons.save_template(session, actor=actor, template_id=None, data=data).id for data in made
    ]
    return ids[0], ids[1], ids[2]


def _redeem_on_upcoming(session: Session, actor: Actor, template_id: int) -> int:
    """Coupons of the template used on their holders' upcoming unpaid orders."""
    now = clock.now()
    paid = exists().where(Payment.order_id == Order.id)
    rows = session.execute(
        select(Coupon.id, Order.id, Order.customer_id, Order.branch_id)
        .join(Order, Order.customer_id == Coupon.customer_id)
        .where(
            Coupon.template_id == template_id,
            Coupon.state == "issued",
            Order.state.in_(UPCOMING_STATES),
            Order.starts_at > now,
            Order.coupon_id.is_(None),
            Order.discount_fen == 0,
            Order.total_fen >= 20_000,
            ~paid,
        )
        .order_by(Order.starts_at)
        .limit(MAX_REDEEMED * 4)
    ).all()
    used_coupons: set[int] = set()
    used_orders: set[int] = set()
    count = 0
    for coupon_id, order_id, customer_id, branch_id in rows:
        if coupon_id in used_coupons or order_id in used_orders or count >= MAX_REDEEMED:
            continue
        coupon_use.redeem_coupon(
            session,
            actor=actor,
            coupon_id=coupon_id,
            customer_id=customer_id,
            order_id=order_id,
            branch_id=branch_id,
        )
        session.execute(
            update(Order)
            .where(Order.id == order_id)
            .values(
                coupon_id=coupon_id,
                discount_fen=3000,
                total_fen=Order.total_fen - 3000,
            )
        )
        used_coupons.add(coupon_id)
        used_orders.add(order_id)
        count += 1
    return count


def seed(session: Session, rng: random.Random) -> int:
    """Templates, coupons, codes, redemptions and points; rows written (about)."""
    actor = Actor.system(source="cli", name="demo")
    active = select(Customer.id).where(Customer.status == "active")
    with_orders = list(
        session.scalars(
            active.where(Customer.last_order_at.is_not(None))
            .order_by(Customer.last_order_at.desc())
            .limit(MAX_HOLDERS * 3)
        )
    )
    newcomers = list(
        session.scalars(
            active.where(Customer.last_order_at.is_(None))
            .order_by(Customer.id.desc())
            .limit(MAX_NEW)
        )
    )
    if not with_orders and not newcomers:
        return 0
    welcome, man_jian, glass = _templates(session, actor)
    written = 3
    if newcomers:
        written += coupons.issue_coupons(
            session, actor=actor, template_id=welcome, customer_ids=newcomers
        ).count
    if with_orders:
        holders = rng.sample(with_orders, min(MAX_HOLDERS, len(with_orders)))
        written += coupons.issue_coupons(
            session, actor=actor, template_id=man_jian, customer_ids=holders
        ).count
        some = rng.sample(with_orders, min(MAX_HOLDERS // 2, len(with_orders)))
        written += coupons.issue_coupons(
            session, actor=actor, template_id=glass, customer_ids=some
        ).count
    written += coupons.generate_codes(
        session, actor=actor, template_id=man_jian, count=CODES, prefix="DEMO"
    ).count
    written += _redeem_on_upcoming(session, actor, man_jian)
    # a few coupons ran out unused a while ago
    clock_now = clock.now()
    stale = list(
        session.scalars(
            select(Coupon.id)
            .where(Coupon.template_id == glass, Coupon.state == "issued")
            .order_by(Coupon.id)
            .limit(5)
        )
    )
    if stale:
        session.execute(
            update(Coupon)
            .where(Coupon.id.in_(stale))
            .values(expires_at=clock_now - timedelta(days=3))
        )
        coupons.expire_coupons(session, actor=actor)
    recent = session.scalars(
        select(Order.id)
        .where(
            Order.state.in_(("completed", "reviewed")),
            exists().where(Payment.order_id == Order.id, Payment.state == "confirmed"),
        )
        .order_by(Order.completed_at.desc())
        .limit(MAX_EARNING_ORDERS)
    ).all()
    for order_id in recent:
        written += 1 if points.earn_for_order(session, actor=actor, order_id=order_id) else 0
    return written
