"""``/worker/status`` and ``/worker/profile``: the worker's own record and work status."""

from __future__ import annotations

from fastapi import APIRouter

from api_stub.deps import CurrentWorker, SessionDep
from api_stub.schemas.worker import ProfileOut, WorkStatusIn, WorkStatusOut
from jiazheng_desk.services import worker_profile

router = APIRouter(prefix="/worker", tags=["worker: account"])


@router.get("/status", response_model=WorkStatusOut, summary="Account and work status")
def get_status(me: CurrentWorker, session: SessionDep) -> WorkStatusOut:
    return WorkStatusOut.model_validate(worker_profile.get_work_status(session, actor=me))


@router.put("/status", response_model=WorkStatusOut, summary="Go online, offline or busy")
def put_status(body: WorkStatusIn, me: CurrentWorker, session: SessionDep) -> WorkStatusOut:
    """Only an active worker can be online or busy; offline is always allowed."""
    result = worker_profile.set_work_status(session, actor=me, work_status=body.work_status)
    return WorkStatusOut.model_validate(result)


@router.get("/profile", response_model=ProfileOut, summary="The worker's own record")
def get_profile(me: CurrentWorker, session: SessionDep) -> ProfileOut:
    return ProfileOut.model_validate(worker_profile.get_profile(session, actor=me))
