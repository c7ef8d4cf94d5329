"""``GET /api/v1/catalog``: what can be booked, at the prices of the customer's place."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api_stub.customer_deps import OptionalCustomer
from api_stub.deps import SessionDep
from api_stub.schemas.catalog import CatalogOut
from api_stub.schemas.customer_common import MAX_ID
from jiazheng_desk.services.app_catalog import get_app_catalog

router = APIRouter(tags=["catalog"])


@router.get("/catalog", response_model=CatalogOut, summary="The service catalogue")
def catalog(
    session: SessionDep,
    me: OptionalCustomer,
    address_id: Annotated[
        int | None, Query(gt=0, le=MAX_ID, description="One of the logged-in customer's addresses.")
    ] = None,
    district_id: Annotated[
        int | None, Query(gt=0, le=MAX_ID, description="A district, before logging in.")
    ] = None,
) -> CatalogOut:
    """Categories with their bookable items: options, unit prices of the branch serving the
    place (base prices without a place), durations and photos."""
    return CatalogOut.of(
        get_app_catalog(session, actor=me, address_id=address_id, district_id=district_id)
    )
