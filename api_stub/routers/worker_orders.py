"""``/worker/orders``: the worker's day, their orders, and the steps of a visit.

Another worker's order answers 404, exactly like an order that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from fastapi import APIRouter
from sqlalchemy.orm import Session

from api_stub.deps import CurrentWorker, SessionDep
from api_stub.schemas.worker import (
    ChangeRequestIn,
    ChangeRequestOut,
    DayEntryOut,
    DayOut,
    IdInPath,
    LocationIn,
    LocationOut,
    RecordIn,
    RecordOut,
    StepOut,
    WorkerOrderOut,
)
from jiazheng_desk.services import changes, order_flow
from jiazheng_desk.services.actor import Actor

router = APIRouter(prefix="/worker/orders", tags=["worker: orders"])

Step = Callable[..., order_flow.StepResult]


@router.get("", response_model=DayOut, summary="Visits and placements of a day")
def list_day(me: CurrentWorker, session: SessionDep, day: date | None = None) -> DayOut:
    """The branch's calendar day (today when `day` is not given)."""
    result = order_flow.list_day(session, actor=me, day=day)
    items = [DayEntryOut.model_validate(e) for e in result.entries]
    return DayOut(day=result.day, timezone=result.timezone, items=items, total=len(items))


@router.get("/{order_id}", response_model=WorkerOrderOut, summary="One of the worker's orders")
def get_order(order_id: IdInPath, me: CurrentWorker, session: SessionDep) -> WorkerOrderOut:
    """Contact details only while the job is on; never prices, staff notes or other workers."""
    found = order_flow.get_my_order(session, order_id=order_id, actor=me)
    out = WorkerOrderOut.model_validate(found.detail)
    out.records = [RecordOut.model_validate(r) for r in found.records]
    return out


def _step(step: Step, session: Session, order_id: int, me: Actor) -> StepOut:
    return StepOut.model_validate(step(session, order_id=order_id, actor=me))


@router.post("/{order_id}/set-out", response_model=StepOut, summary="On the way")
def set_out(order_id: IdInPath, me: CurrentWorker, session: SessionDep) -> StepOut:
    return _step(order_flow.set_out, session, order_id, me)


@router.post("/{order_id}/start", response_model=StepOut, summary="Arrived; the service starts")
def start(order_id: IdInPath, me: CurrentWorker, session: SessionDep) -> StepOut:
    return _step(order_flow.arrive_and_start, session, order_id, me)


@router.post("/{order_id}/finish", response_model=StepOut, summary="The service is done")
def finish(order_id: IdInPath, me: CurrentWorker, session: SessionDep) -> StepOut:
    return _step(order_flow.finish, session, order_id, me)


@router.post("/{order_id}/location", response_model=LocationOut, summary="Position on the way")
def report_location(
    order_id: IdInPath, body: LocationIn, me: CurrentWorker, session: SessionDep
) -> LocationOut:
    """At most one point per 30 s is kept; a faster one is accepted (`stored: false`)."""
    result = order_flow.report_location(
        session, order_id=order_id, actor=me, lat=body.lat, lng=body.lng
    )
    return LocationOut.model_validate(result)


@router.post(
    "/{order_id}/records", response_model=RecordOut, status_code=201, summary="A service record"
)
def add_record(
    order_id: IdInPath, body: RecordIn, me: CurrentWorker, session: SessionDep
) -> RecordOut:
    """A note, or a photo / video uploaded with `POST /media`, during the service."""
    record = order_flow.add_record(
        session,
        order_id=order_id,
        actor=me,
        kind=body.kind,
        text=body.text,
        media_id=body.media_id,
    )
    return RecordOut.model_validate(record)


@router.post(
    "/{order_id}/change-request",
    response_model=ChangeRequestOut,
    status_code=201,
    summary="Ask to move a visit",
)
def request_change(
    order_id: IdInPath, body: ChangeRequestIn, me: CurrentWorker, session: SessionDep
) -> ChangeRequestOut:
    """The branch approves it first, then the customer agrees."""
    view = changes.request_change(
        session,
        order_id=order_id,
        actor=me,
        new_starts_at=body.new_starts_at,
        reason=body.reason,
    )
    return ChangeRequestOut.model_validate(view)
