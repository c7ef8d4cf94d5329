"""``/api/v1/public``: where we serve and the current announcements (no login needed)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api_stub.deps import SessionDep
from api_stub.schemas.public import (
    AnnouncementOut,
    AnnouncementPage,
    CityOut,
    CityPage,
    DistrictOut,
)
from jiazheng_desk.services import app_public

router = APIRouter(prefix="/public", tags=["public"])


@router.get("/cities", summary="Cities and districts served")
def cities(session: SessionDep) -> CityPage:
    """Each district of an active branch; an address elsewhere is "not served yet"."""
    found = app_public.list_served_cities(session)
    items = [
        CityOut(
            city=c.city,
            districts=[
                DistrictOut(id=d.id, name=d.name, branch_id=d.branch_id, branch_name=d.branch_name)
                for d in c.districts
            ],
        )
        for c in found
    ]
    return CityPage(items=items, total=len(items))


@router.get("/announcements", summary="Current announcements")
def announcements(
    session: SessionDep,
    audience: Literal["customers", "workers"] = "customers",
    branch_id: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> AnnouncementPage:
    """In their window now, for the audience: HQ-wide, plus the branch's when given."""
    page = app_public.list_announcements(
        session, audience=audience, branch_id=branch_id, offset=offset, limit=limit
    )
    items = [
        AnnouncementOut(
            id=a.id,
            title=a.title,
            body=a.body,
            audience=a.audience,
            branch_id=a.branch_id,
            starts_at=a.starts_at,
            ends_at=a.ends_at,
        )
        for a in page.items
    ]
    return AnnouncementPage(items=items, total=page.total)
