"""``/worker/offers`` and ``/worker/pool``: orders offered to the worker, and grabbing."""

from __future__ import annotations

from fastapi import APIRouter

from api_stub.deps import CurrentWorker, SessionDep
from api_stub.schemas.worker import (
    AnswerOut,
    GrabOut,
    IdInPath,
    OfferOut,
    OfferPage,
    PoolItemOut,
    PoolPage,
    RejectIn,
)
from jiazheng_desk.services import worker_offers

router = APIRouter(prefix="/worker", tags=["worker: offers"])


@router.get("/offers", response_model=OfferPage, summary="Offers to answer")
def list_offers(me: CurrentWorker, session: SessionDep, answered: bool = False) -> OfferPage:
    """Open offers, soonest first; with `answered=true` the recent answered ones too."""
    items = worker_offers.list_offers(session, actor=me, answered=answered)
    return OfferPage(items=[OfferOut.model_validate(i) for i in items], total=len(items))


@router.post("/offers/{offer_id}/accept", response_model=AnswerOut, summary="Accept an offer")
def accept_offer(offer_id: IdInPath, me: CurrentWorker, session: SessionDep) -> AnswerOut:
    return AnswerOut.model_validate(worker_offers.accept(session, offer_id=offer_id, actor=me))


@router.post("/offers/{offer_id}/reject", response_model=AnswerOut, summary="Reject an offer")
def reject_offer(
    offer_id: IdInPath, body: RejectIn, me: CurrentWorker, session: SessionDep
) -> AnswerOut:
    """A reason is required."""
    answer = worker_offers.reject(session, offer_id=offer_id, actor=me, reason=body.reason)
    return AnswerOut.model_validate(answer)


@router.get("/pool", response_model=PoolPage, summary="Orders open for grabbing")
def list_pool(me: CurrentWorker, session: SessionDep) -> PoolPage:
    """Only orders this worker is qualified and free for; a taken order disappears."""
    items = worker_offers.list_pool_orders(session, actor=me)
    return PoolPage(items=[PoolItemOut.model_validate(i) for i in items], total=len(items))


@router.post(
    "/pool/{order_id}/grab",
    response_model=GrabOut,
    summary="Grab a pool order",
    responses={409: {"description": "Someone else was faster, or the worker is not free."}},
)
def grab(order_id: IdInPath, me: CurrentWorker, session: SessionDep) -> GrabOut:
    return GrabOut.model_validate(worker_offers.grab_order(session, order_id=order_id, actor=me))
