"""``/customer/change-requests``: a worker asked to move a visit, the branch agreed, and
the customer says yes (the visit moves) or no (it stays).

Another customer's request answers 404, exactly like one that does not exist.
"""

from __future__ import annotations

from fastapi import APIRouter

from api_stub.deps import CurrentCustomer, SessionDep
from api_stub.schemas.changes import (
    ChangeDecisionIn,
    ChangeDecisionOut,
    CustomerChangeOut,
    CustomerChangePage,
)
from api_stub.schemas.customer_common import IdPath
from jiazheng_desk.services import change_views

router = APIRouter(prefix="/customer/change-requests", tags=["customer orders"])


@router.get("", response_model=CustomerChangePage, summary="Moves waiting for my answer")
def my_change_requests(me: CurrentCustomer, session: SessionDep) -> CustomerChangePage:
    """Requests the branch approved, the soonest visit first."""
    found = change_views.list_customer_changes(session, actor=me)
    return CustomerChangePage(items=[CustomerChangeOut.of(c) for c in found], total=len(found))


@router.post(
    "/{request_id}/decision",
    response_model=ChangeDecisionOut,
    summary="Agree to a move or keep the time",
    responses={409: {"description": "Already answered, or the worker can no longer make it."}},
)
def decide(
    request_id: IdPath, body: ChangeDecisionIn, me: CurrentCustomer, session: SessionDep
) -> ChangeDecisionOut:
    """Yes moves the visit to the new time (the worker is checked again); no keeps it."""
    answer = change_views.answer_change(
        session, request_id=request_id, actor=me, accept=body.accept
    )
    return ChangeDecisionOut.of(answer)
