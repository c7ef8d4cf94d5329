"""Factories for coupon and points tests: templates through the service, coupons, points."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Order, Payment, PointsEntry
from jiazheng_desk.services import coupons
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.coupons import TemplateInput


def make_template(session: Session, hq: Actor, **values: Any) -> coupons.TemplateView:
    """A template through ``save_template``; a fixed ¥20 valid 30 days unless told."""
    data: dict[str, Any] = {"name": "立减券", "kind": "fixed", "amount_fen": 2000, "valid_days": 30}
    data.update(values)
    return coupons.save_template(session, actor=hq, template_id=None, data=TemplateInput(**data))


def give_coupon(session: Session, hq: Actor, template_id: int, customer_id: int) -> int:
    """One coupon of the template for the customer; its id."""
    return coupons.issue_coupons(
        session, actor=hq, template_id=template_id, customer_ids=[customer_id]
    ).coupon_ids[0]


def give_points(session: Session, customer_id: int, points: int) -> None:
    session.add(PointsEntry(customer_id=customer_id, points=points, reason="adjust"))
    session.flush()


def pay(session: Session, order: Order, amount_fen: int | None = None) -> None:
    """A confirmed payment of the order's total (or the amount given)."""
    session.add(
        Payment(
            order_id=order.id,
            customer_id=order.customer_id,
            method="wechat",
            amount_fen=order.total_fen if amount_fen is None else amount_fen,
            state="confirmed",
            created_at=clock.now(),
            confirmed_at=clock.now(),
        )
    )
    session.flush()
