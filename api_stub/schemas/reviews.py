"""Reviews: what a customer writes after the service, and how everyone reads them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from api_stub.localtime import in_zone
from api_stub.schemas.customer_common import Id, Strict
from jiazheng_desk.services.reviews import MAX_PHOTOS, MAX_TEXT, ReviewView

Score = Annotated[int, Field(ge=1, le=5, description="1 (bad) to 5 (excellent)")]


class ReviewIn(Strict):
    attitude: Score
    skill: Score
    efficiency: Score
    punctuality: Score
    overall: Annotated[int, Field(ge=1, le=5, description="1–5; the worker's stars average it")]
    text: str = Field(default="", max_length=MAX_TEXT)
    photo_ids: list[Id] = Field(
        default_factory=list,
        max_length=MAX_PHOTOS,
        description="Ids of the customer's own uploaded images, not yet used elsewhere.",
    )


class ReviewOut(Strict):
    id: int
    order_id: int
    worker_id: int
    customer_name: str = Field(description="Masked: 张*")
    attitude: int
    skill: int
    efficiency: int
    punctuality: int
    overall: int
    text: str
    reply_text: str
    photos: list[str]
    created_at: datetime

    @classmethod
    def of(cls, r: ReviewView) -> ReviewOut:
        return cls(
            id=r.id,
            order_id=r.order_id,
            worker_id=r.worker_id,
            customer_name=r.customer_name,
            attitude=r.attitude,
            skill=r.skill,
            efficiency=r.efficiency,
            punctuality=r.punctuality,
            overall=r.overall,
            text=r.text,
            reply_text=r.reply_text,
            photos=list(r.photo_paths),
            created_at=in_zone(r.created_at),
        )


class ReviewPage(Strict):
    items: list[ReviewOut]
    total: int
