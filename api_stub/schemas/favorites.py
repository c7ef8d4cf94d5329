"""Favourite workers and services."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from api_stub.localtime import in_zone
from api_stub.money import yuan
from api_stub.schemas.customer_common import Id, Strict
from jiazheng_desk.services.favorites import FavoriteView


class FavoriteIn(Strict):
    kind: Literal["worker", "item"]
    target_id: Id


class FavoriteOut(Strict):
    kind: str
    target_id: int
    name: str
    available: bool = Field(description="Can still be booked.")
    stars: float | None
    review_count: int
    price_fen: int | None
    price: str | None
    created_at: datetime

    @classmethod
    def of(cls, f: FavoriteView) -> FavoriteOut:
        return cls(
            kind=f.kind,
            target_id=f.target_id,
            name=f.name,
            available=f.available,
            stars=f.stars,
            review_count=f.review_count,
            price_fen=f.price_fen,
            price=yuan(f.price_fen) if f.price_fen is not None else None,
            created_at=in_zone(f.created_at),
        )


class FavoriteList(Strict):
    items: list[FavoriteOut]
    total: int
