"""The customer's coupons and points: ``/customer/coupons``, ``/customer/points``."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from api_stub.localtime import in_zone, in_zone_or_none
from api_stub.money import yuan
from api_stub.schemas.customer_common import Strict
from jiazheng_desk.services.coupons import CouponView
from jiazheng_desk.services.points import PointsLine, PointsSummary

CouponStatus = Literal["usable", "used", "expired"]


class ClaimIn(Strict):
    code: str = Field(min_length=1, max_length=40, description="The code on the flyer or card.")


class CouponOut(Strict):
    id: int = Field(description="Give it as coupon_id in a quote or a booking.")
    code: str
    name: str
    terms: str = Field(description="满 200 元立减 30 元, 9 折 … in the app's language.")
    kind: str = Field(description="fixed | percent")
    amount_fen: int = Field(description="fixed: the amount off; percent: the cap (0: none).")
    amount: str
    percent_bp: int = Field(description="percent: the share off in basis points (10 % = 1000).")
    threshold_fen: int = Field(description="The order amount it needs (0: any).")
    threshold: str
    service: str = Field(description="The service or category it is for; empty: any.")
    new_customer_only: bool
    status: str = Field(description="usable | used | expired | void")
    issued_at: datetime
    expires_at: datetime | None
    redeemed_at: datetime | None
    order_id: int | None

    @classmethod
    def of(cls, c: CouponView) -> CouponOut:
        return cls(
            id=c.id,
            code=c.code,
            name=c.name,
            terms=c.terms,
            kind=c.kind,
            amount_fen=c.amount_fen,
            amount=yuan(c.amount_fen),
            percent_bp=c.percent_bp,
            threshold_fen=c.threshold_fen,
            threshold=yuan(c.threshold_fen),
            service=c.item_name or c.category_name,
            new_customer_only=c.new_customer_only,
            status=c.status,
            issued_at=in_zone(c.issued_at),
            expires_at=in_zone_or_none(c.expires_at),
            redeemed_at=in_zone_or_none(c.redeemed_at),
            order_id=c.order_id,
        )


class CouponList(Strict):
    items: list[CouponOut]
    total: int


class PointsLineOut(Strict):
    points: int = Field(description="Earned (positive) or spent (negative).")
    reason: str = Field(description="earn | spend | return | adjust")
    order_id: int | None
    order_no: str
    created_at: datetime

    @classmethod
    def of(cls, p: PointsLine) -> PointsLineOut:
        return cls(
            points=p.points,
            reason=p.reason,
            order_id=p.order_id,
            order_no=p.order_no,
            created_at=in_zone(p.created_at),
        )


class PointsOut(Strict):
    balance: int
    redeem_per_yuan: int = Field(description="Points for ¥1 off a booking (give points in it).")
    earn_per_yuan: int = Field(description="Points for each whole yuan paid, on completion.")
    entries: list[PointsLineOut] = Field(description="The latest 50, newest first.")

    @classmethod
    def of(cls, s: PointsSummary) -> PointsOut:
        return cls(
            balance=s.balance,
            redeem_per_yuan=s.redeem_per_yuan,
            earn_per_yuan=s.earn_per_yuan,
            entries=[PointsLineOut.of(e) for e in s.entries],
        )
