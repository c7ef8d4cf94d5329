"""``/worker/training``: the courses meant for me, enrolling and cancelling, my results."""

from __future__ import annotations

from fastapi import APIRouter

from api_stub.deps import CurrentWorker, SessionDep
from api_stub.schemas.training import MyCourseOut, MyCoursePage, MyResultOut, MyResultPage
from api_stub.schemas.worker import IdInPath
from jiazheng_desk.services import training_app

router = APIRouter(prefix="/worker/training", tags=["worker: training"])


@router.get("/courses", response_model=MyCoursePage, summary="Courses for me")
def list_courses(me: CurrentWorker, session: SessionDep) -> MyCoursePage:
    """Courses that target me (skills, experience, branch) and those I am on, with my state."""
    items = training_app.list_my_courses(session, actor=me)
    return MyCoursePage(items=[MyCourseOut.model_validate(i) for i in items], total=len(items))


@router.post(
    "/courses/{course_id}/enrolment",
    response_model=MyCourseOut,
    status_code=201,
    summary="Enrol in a course",
    responses={409: {"description": "The course is full, has begun, or I am already on it."}},
)
def enrol(course_id: IdInPath, me: CurrentWorker, session: SessionDep) -> MyCourseOut:
    """A course not meant for me is "not found"; a full offline session is a 409."""
    return MyCourseOut.model_validate(
        training_app.enroll_me(session, actor=me, course_id=course_id)
    )


@router.delete(
    "/courses/{course_id}/enrolment",
    response_model=MyCourseOut,
    summary="Cancel my enrolment",
    responses={409: {"description": "Attended or examined: it can no longer be cancelled."}},
)
def cancel(course_id: IdInPath, me: CurrentWorker, session: SessionDep) -> MyCourseOut:
    """Frees my seat; without an enrolment of mine the answer is 404."""
    return MyCourseOut.model_validate(
        training_app.cancel_my_enrollment(session, actor=me, course_id=course_id)
    )


@router.get("/results", response_model=MyResultPage, summary="My exam results")
def list_results(me: CurrentWorker, session: SessionDep) -> MyResultPage:
    """Every exam I sat, newest first."""
    items = training_app.list_my_results(session, actor=me)
    return MyResultPage(items=[MyResultOut.model_validate(i) for i in items], total=len(items))
