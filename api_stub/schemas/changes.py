"""The customer's answers to a worker's request to move a visit.

Times are ISO 8601 at the branch's offset (+08:00), like the orders.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from api_stub.localtime import in_zone
from api_stub.schemas.customer_common import Strict
from jiazheng_desk.services.change_views import CustomerAnswer, CustomerChange


class ChangeDecisionIn(Strict):
    accept: bool = Field(description="true: move the visit to the new time; false: keep it.")


class CustomerChangeOut(Strict):
    id: int
    order_id: int
    order_no: str
    item_name: str
    worker_name: str = Field(description="The worker who asks, as customers see them (王阿姨).")
    starts_at: datetime = Field(description="The time booked now.")
    ends_at: datetime
    new_starts_at: datetime = Field(description="The time asked for.")
    new_ends_at: datetime
    reason: str
    created_at: datetime

    @classmethod
    def of(cls, c: CustomerChange) -> CustomerChangeOut:
        tz = c.timezone
        return cls(
            id=c.id,
            order_id=c.order_id,
            order_no=c.order_no,
            item_name=c.item_name,
            worker_name=c.worker_display_name,
            starts_at=in_zone(c.starts_at, tz),
            ends_at=in_zone(c.ends_at, tz),
            new_starts_at=in_zone(c.new_starts_at, tz),
            new_ends_at=in_zone(c.new_ends_at, tz),
            reason=c.reason,
            created_at=in_zone(c.created_at, tz),
        )


class CustomerChangePage(Strict):
    items: list[CustomerChangeOut]
    total: int


class ChangeDecisionOut(Strict):
    id: int
    order_id: int
    state: str = Field(description="accepted (the visit moved) | rejected (it stays)")
    new_starts_at: datetime
    new_ends_at: datetime

    @classmethod
    def of(cls, a: CustomerAnswer) -> ChangeDecisionOut:
        return cls(
            id=a.id,
            order_id=a.order_id,
            state=a.state,
            new_starts_at=in_zone(a.new_starts_at, a.timezone),
            new_ends_at=in_zone(a.new_ends_at, a.timezone),
        )
