"""Favourite workers and services: ``/customer/favorites``."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from api_stub.deps import CurrentCustomer, SessionDep
from api_stub.schemas.customer_common import IdPath
from api_stub.schemas.favorites import FavoriteIn, FavoriteList, FavoriteOut
from jiazheng_desk.services import favorites

router = APIRouter(prefix="/customer", tags=["favorites"])

Kind = Literal["worker", "item"]


@router.get("/favorites", response_model=FavoriteList, summary="My favourites")
def my_favorites(
    me: CurrentCustomer,
    session: SessionDep,
    kind: Annotated[Kind | None, Query()] = None,
) -> FavoriteList:
    items = favorites.list_favorites(session, actor=me, kind=kind)
    return FavoriteList(items=[FavoriteOut.of(f) for f in items], total=len(items))


@router.post(
    "/favorites",
    status_code=201,
    response_model=FavoriteOut,
    summary="Add a favourite",
    responses={200: {"description": "It was a favourite already."}},
)
def add(body: FavoriteIn, me: CurrentCustomer, session: SessionDep) -> JSONResponse:
    """201 when added, 200 when it was there already."""
    view, created = favorites.add_favorite(
        session, actor=me, kind=body.kind, target_id=body.target_id
    )
    return JSONResponse(
        FavoriteOut.of(view).model_dump(mode="json"), status_code=201 if created else 200
    )


@router.delete(
    "/favorites/{kind}/{target_id}", status_code=204, response_class=Response, summary="Remove"
)
def remove(kind: Kind, target_id: IdPath, me: CurrentCustomer, session: SessionDep) -> Response:
    """Removing what is not a favourite is not an error (the app may tap twice)."""
    favorites.remove_favorite(session, actor=me, kind=kind, target_id=target_id)
    return Response(status_code=204)
