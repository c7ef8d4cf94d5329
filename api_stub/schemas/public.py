"""What anyone may read: served cities and districts, current announcements."""

from __future__ import annotations

from pydantic import BaseModel

from api_stub.schemas.fields import Instant


class DistrictOut(BaseModel):
    id: int
    name: str
    branch_id: int
    branch_name: str


class CityOut(BaseModel):
    city: str
    districts: list[DistrictOut]


class CityPage(BaseModel):
    items: list[CityOut]
    total: int


class AnnouncementOut(BaseModel):
    id: int
    title: str
    body: str
    audience: str
    branch_id: int | None
    starts_at: Instant
    ends_at: Instant | None


class AnnouncementPage(BaseModel):
    items: list[AnnouncementOut]
    total: int
