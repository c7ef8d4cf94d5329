"""``/worker/shifts`` and ``/worker/leave``: the weekly template and leave requests."""

from __future__ import annotations

from fastapi import APIRouter

from api_stub.deps import CurrentWorker, SessionDep
from api_stub.schemas.worker import LeaveIn, LeaveOut, LeavePage, ShiftIo, ShiftsIn, ShiftsOut
from jiazheng_desk.services import schedules, worker_profile
from jiazheng_desk.services.actor import Actor

router = APIRouter(prefix="/worker", tags=["worker: schedule"])


def _me(actor: Actor) -> int:
    # CurrentWorker always carries an id; the assertion documents it for the type checker
    assert actor.id is not None
    return actor.id


def _shifts_page(shifts: list[schedules.Shift]) -> ShiftsOut:
    return ShiftsOut(items=[ShiftIo.model_validate(s) for s in shifts], total=len(shifts))


@router.get("/shifts", response_model=ShiftsOut, summary="The weekly shift template")
def get_shifts(me: CurrentWorker, session: SessionDep) -> ShiftsOut:
    return _shifts_page(schedules.list_shifts(session, worker_id=_me(me), actor=me))


@router.put("/shifts", response_model=ShiftsOut, summary="Replace the weekly shift template")
def put_shifts(body: ShiftsIn, me: CurrentWorker, session: SessionDep) -> ShiftsOut:
    shifts = [schedules.Shift(s.weekday, s.start_minute, s.end_minute) for s in body.shifts]
    return _shifts_page(schedules.set_shifts(session, worker_id=_me(me), actor=me, shifts=shifts))


@router.get("/leave", response_model=LeavePage, summary="The worker's leave and requests")
def get_leave(me: CurrentWorker, session: SessionDep) -> LeavePage:
    items = worker_profile.list_leave(session, actor=me)
    return LeavePage(items=[LeaveOut.model_validate(i) for i in items], total=len(items))


@router.post("/leave", response_model=LeaveOut, status_code=201, summary="Ask for leave")
def post_leave(body: LeaveIn, me: CurrentWorker, session: SessionDep) -> LeaveOut:
    """A request the branch approves; refused while orders are booked in the range."""
    view = schedules.add_leave(
        session,
        worker_id=_me(me),
        actor=me,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        kind=body.kind,
        reason=body.reason,
    )
    return LeaveOut.model_validate(view)
