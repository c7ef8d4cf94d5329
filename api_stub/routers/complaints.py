"""``POST /customer/orders/{id}/complaint``: one complaint about each of one's orders."""

from __future__ import annotations

from fastapi import APIRouter

from api_stub.deps import CurrentCustomer, SessionDep
from api_stub.schemas.complaints import ComplaintIn, ComplaintOut
from api_stub.schemas.customer_common import IdPath
from jiazheng_desk.services import complaints

router = APIRouter(tags=["complaints"])


@router.post(
    "/customer/orders/{order_id}/complaint",
    status_code=201,
    response_model=ComplaintOut,
    summary="Complain about one of one's orders",
)
def complain(
    order_id: IdPath, body: ComplaintIn, me: CurrentCustomer, session: SessionDep
) -> ComplaintOut:
    """Once per order, after the worker accepted it; the branch calls back before the deadline."""
    made = complaints.file_my_complaint(
        session, actor=me, order_id=order_id, category=body.category, text=body.text
    )
    return ComplaintOut.of(made)
