"""Finding workers: ``GET /api/v1/workers`` and the public profile ``/workers/{id}``."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api_stub.customer_deps import OptionalCustomer
from api_stub.deps import SessionDep
from api_stub.schemas.customer_common import MAX_FEN, MAX_ID, IdPath, Offset
from api_stub.schemas.reviews import ReviewOut, ReviewPage
from api_stub.schemas.workers import PublicWorkerOut, WorkerPage, WorkerProfileOut
from jiazheng_desk.services import worker_search
from jiazheng_desk.services.errors import ValidationError
from jiazheng_desk.services.geo import LatLng

router = APIRouter(tags=["workers"])

Lat = Annotated[float | None, Query(ge=-90, le=90, description="With lng: measure from here.")]
Lng = Annotated[float | None, Query(ge=-180, le=180)]
AddressId = Annotated[
    int | None, Query(gt=0, le=MAX_ID, description="Measure from one of the customer's addresses.")
]


def _point(lat: float | None, lng: float | None) -> LatLng | None:
    if (lat is None) != (lng is None):
        raise ValidationError("search.lat_lng_pair", field="lat" if lat is None else "lng")
    return LatLng(lat, lng) if lat is not None and lng is not None else None


@router.get("/workers", response_model=WorkerPage, summary="Find workers")
def find_workers(
    session: SessionDep,
    me: OptionalCustomer,
    name: Annotated[str, Query(max_length=32, description="Part of the name, or initials.")] = "",
    skill: Annotated[str, Query(max_length=32, description="A skill's code or id.")] = "",
    district_id: Annotated[int | None, Query(gt=0, le=MAX_ID)] = None,
    min_stars: Annotated[float | None, Query(ge=0, le=5)] = None,
    min_years: Annotated[int | None, Query(ge=0, le=80)] = None,
    has_certificate: Annotated[
        bool, Query(description="Only workers with a verified, unexpired certificate.")
    ] = False,
    gender: Annotated[Literal["female", "male"] | None, Query()] = None,
    min_price_fen: Annotated[int | None, Query(ge=0, le=MAX_FEN)] = None,
    max_price_fen: Annotated[int | None, Query(ge=0, le=MAX_FEN)] = None,
    sort: Annotated[Literal["rating", "distance", "price"], Query()] = "rating",
    address_id: AddressId = None,
    lat: Lat = None,
    lng: Lng = None,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
) -> WorkerPage:
    """Active workers by the filters, sorted by rating, distance (needs a place) or price,
    a page at a time. Price is the lowest unit price of the services the worker can do
    (of ``skill`` when given), at the worker's branch."""
    query = worker_search.WorkerQuery(
        name=name,
        skill=skill,
        district_id=district_id,
        min_stars=min_stars,
        min_years=min_years,
        has_certificate=has_certificate,
        gender=gender or "",
        min_price_fen=min_price_fen,
        max_price_fen=max_price_fen,
        sort=sort,
        address_id=address_id,
        near=_point(lat, lng),
    )
    page = worker_search.find_workers(session, query=query, actor=me, offset=offset, limit=limit)
    return WorkerPage(items=[PublicWorkerOut.of(w) for w in page.items], total=page.total)


@router.get("/workers/{worker_id}", response_model=WorkerProfileOut, summary="A worker's profile")
def worker_profile(
    worker_id: IdPath,
    session: SessionDep,
    me: OptionalCustomer,
    address_id: AddressId = None,
    lat: Lat = None,
    lng: Lng = None,
) -> WorkerProfileOut:
    """An active worker's public profile with the latest reviews."""
    profile = worker_search.get_public_worker(
        session, worker_id=worker_id, actor=me, address_id=address_id, near=_point(lat, lng)
    )
    return WorkerProfileOut.of(profile)


@router.get("/workers/{worker_id}/reviews", response_model=ReviewPage, summary="A worker's reviews")
def worker_reviews(
    worker_id: IdPath,
    session: SessionDep,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
) -> ReviewPage:
    """An active worker's reviews, newest first."""
    page = worker_search.list_public_reviews(
        session, worker_id=worker_id, offset=offset, limit=limit
    )
    return ReviewPage(items=[ReviewOut.of(r) for r in page.items], total=page.total)
