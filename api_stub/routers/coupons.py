"""The customer's coupons and points: list, claim a code, the points balance.

A coupon is used by giving its id as ``coupon_id`` (and points as ``points``) in
``POST /customer/quotes`` and ``POST /customer/orders``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api_stub.deps import CurrentCustomer, SessionDep
from api_stub.schemas.coupons import ClaimIn, CouponList, CouponOut, CouponStatus, PointsOut
from jiazheng_desk.services import coupons, points

router = APIRouter(prefix="/customer", tags=["coupons and points"])


@router.get("/coupons", response_model=CouponList, summary="My coupons")
def my_coupons(
    me: CurrentCustomer,
    session: SessionDep,
    status: Annotated[
        CouponStatus | None, Query(description="usable, used or expired (void ones too).")
    ] = None,
) -> CouponList:
    """The customer's coupons, usable first."""
    items = coupons.list_my_coupons(session, actor=me, status=status)
    return CouponList(items=[CouponOut.of(c) for c in items], total=len(items))


@router.post(
    "/coupons/claim",
    status_code=201,
    response_model=CouponOut,
    summary="Claim a code",
    responses={409: {"description": "Taken, expired, or already yours (the message says)."}},
)
def claim(body: ClaimIn, me: CurrentCustomer, session: SessionDep) -> CouponOut:
    """An open code becomes the customer's coupon (the first to claim it gets it)."""
    return CouponOut.of(coupons.claim_code(session, actor=me, code=body.code))


@router.get("/points", response_model=PointsOut, summary="My points")
def my_points(me: CurrentCustomer, session: SessionDep) -> PointsOut:
    """The balance, the rates, and the latest entries."""
    return PointsOut.of(points.get_my_points(session, actor=me))
