"""``POST /customer/orders/{id}/review``: one review per completed order."""

from __future__ import annotations

from fastapi import APIRouter

from api_stub.deps import CurrentCustomer, SessionDep
from api_stub.schemas.customer_common import IdPath
from api_stub.schemas.reviews import ReviewIn, ReviewOut
from jiazheng_desk.services import reviews

router = APIRouter(tags=["reviews"])


@router.post(
    "/customer/orders/{order_id}/review",
    status_code=201,
    response_model=ReviewOut,
    summary="Review a completed order",
)
def review(order_id: IdPath, body: ReviewIn, me: CurrentCustomer, session: SessionDep) -> ReviewOut:
    """Five 1–5 scores, text and up to 9 of one's uploaded photos; once, after completion."""
    made = reviews.create_review(
        session,
        actor=me,
        order_id=order_id,
        attitude=body.attitude,
        skill=body.skill,
        efficiency=body.efficiency,
        punctuality=body.punctuality,
        overall=body.overall,
        text=body.text,
        photo_ids=body.photo_ids,
    )
    return ReviewOut.of(made)
