"""Paying for an order: the intent the app opens, and the gateway's callback."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from api_stub.localtime import in_zone, in_zone_or_none
from api_stub.money import yuan
from api_stub.schemas.customer_common import MAX_FEN, Strict
from jiazheng_desk.services.payments import Confirmation, PaymentStart, PaymentView


class PaymentIn(Strict):
    method: Literal["wechat", "alipay", "card"]


class PaymentOut(Strict):
    id: int
    order_id: int
    method: str
    amount_fen: int
    amount: str
    state: str = Field(description="pending | confirmed | failed | cancelled")
    gateway_ref: str
    created_at: datetime
    confirmed_at: datetime | None

    @classmethod
    def of(cls, p: PaymentView) -> PaymentOut:
        return cls(
            id=p.id,
            order_id=p.order_id,
            method=p.method,
            amount_fen=p.amount_fen,
            amount=yuan(p.amount_fen),
            state=p.state,
            gateway_ref=p.gateway_ref,
            created_at=in_zone(p.created_at),
            confirmed_at=in_zone_or_none(p.confirmed_at),
        )


class IntentOut(Strict):
    gateway_ref: str
    pay_url: str
    params: dict[str, str] = Field(description="What the payment SDK of the app needs.")


class PaymentStartOut(Strict):
    payment: PaymentOut
    intent: IntentOut
    order_total_fen: int
    order_total: str
    paid_before_fen: int
    paid_before: str

    @classmethod
    def of(cls, s: PaymentStart) -> PaymentStartOut:
        return cls(
            payment=PaymentOut.of(s.payment),
            intent=IntentOut(
                gateway_ref=s.intent.gateway_ref,
                pay_url=s.intent.pay_url,
                params=dict(s.intent.params),
            ),
            order_total_fen=s.order_total_fen,
            order_total=yuan(s.order_total_fen),
            paid_before_fen=s.paid_fen,
            paid_before=yuan(s.paid_fen),
        )


class CallbackIn(Strict):
    """What the payment gateway posts (signed: ``X-Payment-Signature``)."""

    gateway_ref: str = Field(min_length=1, max_length=64)
    amount_fen: int = Field(ge=0, le=MAX_FEN)
    status: Literal["paid", "failed"]


class CallbackOut(Strict):
    ok: bool
    payment_id: int
    payment_state: str
    order_state: str
    changed: bool = Field(description="False when this callback was a repeat.")

    @classmethod
    def of(cls, c: Confirmation) -> CallbackOut:
        return cls(
            ok=True,
            payment_id=c.payment.id,
            payment_state=c.payment.state,
            order_state=c.order_state,
            changed=c.changed,
        )
