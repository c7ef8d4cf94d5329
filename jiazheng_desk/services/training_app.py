"""Training in the worker app: the courses meant for me, enrolling and cancelling, my results.

A worker sees the courses that target them (``training_lists``) and those they are on;
anything else is "not found", like another worker's data. Enrolling goes through the same
locked seat count as the desk (``training._enrol``). An offline session that has begun is
closed to the app (the branch may still enrol someone at the door).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Enrollment, ExamResult, Skill, TrainingCourse, Worker
from jiazheng_desk.services import training
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied
from jiazheng_desk.services.training_lists import COURSES, WORKERS, target_pairs
from jiazheng_desk.services.training_views import SEAT_STATES, MyCourse, MyResult


def _me(session: Session, actor: Actor) -> Worker:
    if actor.kind != "worker" or actor.id is None:
        raise PermissionDenied("training.workers_only")
    worker = session.get(Worker, actor.id)
    if worker is None:
        raise NotFound("worker", actor.id)
    return worker


def _targeted(session: Session, worker_id: int, course_id: int | None = None) -> set[int]:
    where = [WORKERS.c.id == worker_id]
    if course_id is not None:
        where.append(COURSES.c.id == course_id)
    return set(session.scalars(target_pairs(*where).with_only_columns(COURSES.c.id)).all())


def _my_courses(session: Session, worker: Worker, course_ids: set[int]) -> list[MyCourse]:
    if not course_ids:
        return []
    courses = session.execute(
        select(TrainingCourse, Skill.name)
        .outerjoin(Skill, Skill.id == TrainingCourse.skill_id)
        .where(TrainingCourse.id.in_(course_ids))
        # the coming sessions first, then the online courses, by title
        .order_by(
            case((TrainingCourse.session_at.is_(None), 1), else_=0),
            TrainingCourse.session_at,
            TrainingCourse.title,
            TrainingCourse.id,
        )
    ).all()
    taken = dict(
        session.execute(
            select(Enrollment.course_id, func.count(Enrollment.id))
            .where(Enrollment.course_id.in_(course_ids), Enrollment.state.in_(SEAT_STATES))
            .group_by(Enrollment.course_id)
        ).all()
    )
    mine = {
        e.course_id: e
        for e in session.scalars(
            select(Enrollment).where(
                Enrollment.worker_id == worker.id, Enrollment.course_id.in_(course_ids)
            )
        )
    }
    scores = _latest_scores(session, [e.id for e in mine.values()])
    out = []
    for course, skill_name in courses:
        own = mine.get(course.id)
        out.append(
            MyCourse(
                id=course.id,
                title=course.title,
                description=course.description,
                skill_name=skill_name or "",
                mode=course.mode,
                video_url=course.video_url,
                session_at=course.session_at,
                place=course.place,
                seats=course.seats,
                seats_left=(
                    max(0, course.seats - int(taken.get(course.id, 0)))
                    if course.mode == "offline"
                    else None
                ),
                pass_mark=course.pass_mark,
                required_for_vetting=bool(course.required_for_vetting),
                raises_level_to=course.raises_level_to,
                my_state=own.state if own is not None else "",
                my_score=scores.get(own.id) if own is not None else None,
            )
        )
    return out


def _latest_scores(session: Session, enrollment_ids: list[int]) -> dict[int, int]:
    if not enrollment_ids:
        return {}
    newest = (
        select(func.max(ExamResult.id))
        .where(ExamResult.enrollment_id.in_(enrollment_ids))
        .group_by(ExamResult.enrollment_id)
    )
    rows = session.execute(
        select(ExamResult.enrollment_id, ExamResult.score).where(ExamResult.id.in_(newest))
    ).all()
    return {int(e): int(s) for e, s in rows}


def list_my_courses(session: Session, *, actor: Actor) -> list[MyCourse]:
    """The courses meant for me, and those I am on (an inactive one only if I am on it)."""
    worker = _me(session, actor)
    ids = _targeted(session, worker.id)
    on = session.scalars(
        select(Enrollment.course_id).where(
            Enrollment.worker_id == worker.id, Enrollment.state != "cancelled"
        )
    ).all()
    return _my_courses(session, worker, ids | set(on))


def _one(session: Session, worker: Worker, course_id: int) -> MyCourse:
    return _my_courses(session, worker, {course_id})[0]


def enroll_me(session: Session, *, actor: Actor, course_id: int) -> MyCourse:
    """Enrol in a course meant for me (or again after failing it), seats permitting."""
    worker = _me(session, actor)
    failed = session.scalar(
        select(Enrollment.id).where(
            Enrollment.course_id == course_id,
            Enrollment.worker_id == worker.id,
            Enrollment.state == "failed",
        )
    )
    if failed is None and not _targeted(session, worker.id, course_id):
        raise NotFound("training_course", course_id)
    course = training._lock_course(session, course_id)
    started = course.session_at is not None and course.session_at <= clock.now()
    if course.mode == "offline" and started:
        raise Conflict("training.session_over", title=course.title)
    training._enrol(session, actor, course, worker)
    return _one(session, worker, course_id)


def cancel_my_enrollment(session: Session, *, actor: Actor, course_id: int) -> MyCourse:
    """Cancel my enrolment before the session (attended or examined ones stay)."""
    worker = _me(session, actor)
    enrollment = session.scalars(
        select(Enrollment)
        .where(Enrollment.course_id == course_id, Enrollment.worker_id == worker.id)
        .with_for_update()
    ).one_or_none()
    if enrollment is None or enrollment.state == "cancelled":
        raise NotFound("enrollment", course_id)
    training._cancel(session, actor, enrollment, worker, "", ("enrolled",))
    return _one(session, worker, course_id)


def list_my_results(session: Session, *, actor: Actor) -> list[MyResult]:
    """My exam results, newest first (each sitting)."""
    worker = _me(session, actor)
    rows: list[Any] = list(
        session.execute(
            select(
                ExamResult.id,
                TrainingCourse.id,
                TrainingCourse.title,
                ExamResult.score,
                ExamResult.passed,
                TrainingCourse.pass_mark,
                ExamResult.taken_at,
            )
            .join(Enrollment, Enrollment.id == ExamResult.enrollment_id)
            .join(TrainingCourse, TrainingCourse.id == Enrollment.course_id)
            .where(Enrollment.worker_id == worker.id)
            .order_by(ExamResult.taken_at.desc(), ExamResult.id.desc())
        ).all()
    )
    return [MyResult(r[0], r[1], r[2], int(r[3]), bool(r[4]), int(r[5]), r[6]) for r in rows]
