"""Coupons and loyalty points."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from jiazheng_desk.models.base import (
    ID,
    Base,
    created_column,
    fen_column,
    fk,
    fk_opt,
    id_column,
    table_args,
)


class CouponTemplate(Base):
    """What a coupon gives: fixed or percentage, threshold (满减), services, validity."""

    __tablename__ = "coupon_template"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    name: Mapped[str] = mapped_column(String(64))
    # fixed | percent
    kind: Mapped[str] = mapped_column(String(8))
    amount_fen: Mapped[int] = fen_column()
    percent_bp: Mapped[int] = mapped_column(Integer, default=0)
    threshold_fen: Mapped[int] = fen_column()
    category_id: Mapped[int | None] = fk_opt("service_category.id")
    item_id: Mapped[int | None] = fk_opt("service_item.id")
    new_customer_only: Mapped[bool] = mapped_column(Boolean, default=False)
    valid_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    valid_from: Mapped[datetime | None] = mapped_column(nullable=True)
    valid_to: Mapped[datetime | None] = mapped_column(nullable=True)
    total_limit: Mapped[int | None] = mapped_column(Integer, nullable=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = created_column()


class Coupon(Base):
    """A coupon held by a customer (or open by code), redeemed at most once."""

    __tablename__ = "coupon"
    __table_args__ = table_args(Index("ix_coupon_customer_id_state", "customer_id", "state"))

    id: Mapped[int] = id_column()
    template_id: Mapped[int] = fk("coupon_template.id")
    customer_id: Mapped[int | None] = fk_opt("customer.id")
    code: Mapped[str] = mapped_column(String(32), unique=True)
    # issued | redeemed | expired | void
    state: Mapped[str] = mapped_column(String(16), default="issued")
    issued_at: Mapped[datetime] = created_column()
    expires_at: Mapped[datetime | None] = mapped_column(nullable=True)
    redeemed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # the order that used it; no FK, so coupon and order can be created in either order
    order_id: Mapped[int | None] = mapped_column(ID, nullable=True)


class PointsEntry(Base):
    """Points earned or spent by a customer; the balance is the sum."""

    __tablename__ = "points_entry"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    customer_id: Mapped[int] = fk("customer.id")
    points: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(64))
    order_id: Mapped[int | None] = fk_opt("orders.id")
    created_at: Mapped[datetime] = created_column()
