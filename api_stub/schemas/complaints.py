"""Complaints the customer files from the app about one of their own orders."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from api_stub.localtime import in_zone
from api_stub.schemas.customer_common import Strict
from jiazheng_desk.services.complaints import MAX_TEXT, ComplaintRow

Category = Literal["quality", "late", "damage", "attitude", "billing", "safety", "other"]


class ComplaintIn(Strict):
    category: Category = Field(
        description="quality, late, damage, attitude, billing, safety or other."
    )
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="What happened.")


class ComplaintOut(Strict):
    id: int
    order_id: int | None
    category: str
    priority: str
    state: str = Field(description="open, in_progress, resolved, closed or reopened.")
    text: str
    resolution: str
    created_at: datetime

    @classmethod
    def of(cls, c: ComplaintRow) -> ComplaintOut:
        return cls(
            id=c.id,
            order_id=c.order_id,
            category=c.category,
            priority=c.priority,
            state=c.state,
            text=c.text,
            resolution=c.resolution,
            created_at=in_zone(c.created_at),
        )
