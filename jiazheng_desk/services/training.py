"""Training and exams: courses, pushing them to their workers, enrolment, attendance and
exam scores, and what passing changes.

- **Courses** belong to a branch, or to every branch (``branch_id`` None, HQ only). An
  offline course is one session with a date, a place and seats; an online one a video link.
  Courses are never deleted (results refer to them): they are deactivated.
- **Push** (seed 000: "the platform pushes courses"): every target who needs the course
  (``training_lists``) gets one message in the worker app's message centre; pushing again
  tells only those not told before.
- **Seats.** Every enrolment that is not cancelled holds a seat of an offline course (a
  failed one keeps it for the retake). Enrolling locks the course row first (``SELECT …
  FOR UPDATE`` on MySQL; a write unit of work on SQLite is already one writer at a time),
  then counts: two officers, or a hundred app users, can never take one seat twice.
- **Exams.** ``passed`` is ``score >= pass_mark``; an offline course needs attendance
  first; a failed enrolment may sit again (each sitting is an ``ExamResult`` row), a
  passed one is final. The vetting check reads ``Enrollment.state == "passed"`` of the
  courses ``required_for_vetting``: that meaning is kept here.
- **Levels.** Passing a course with ``raises_level_to`` raises the worker's level of the
  course's skill to that level, never lowers it. An *active* worker without the skill is
  granted it at that level (the course qualifies them). An applicant is not: skills of an
  applicant are granted by the vetting decision, which sees the passed course.
- The desk may enrol any worker of the course's branch who has not left (coaching after a
  complaint need not be a target); the app only the targets (``training_app``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, func, insert, or_, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg, t
from jiazheng_desk.models import (
    Branch,
    Enrollment,
    ExamResult,
    Notification,
    Skill,
    StateEvent,
    TrainingCourse,
    Worker,
    WorkerSkill,
)
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.catalog import MAX_LEVEL, check_int
from jiazheng_desk.services.common import Page, clean_text, like_pattern, snapshot
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.permissions import Perm, require, require_branch, scope_branch_id
from jiazheng_desk.services.timeutil import get_branch_timezone, local
from jiazheng_desk.services.training_lists import (
    COURSES,
    ENROLMENTS,
    WORKERS,
    enrollment_query,
    enrollment_view,
    load_course_for_reading,
    not_on_course,
    target_pairs,
)
from jiazheng_desk.services.training_views import (
    MODES,
    SEAT_STATES,
    CourseInput,
    CourseView,
    EnrollmentView,
    PushResult,
    WorkerHit,
)

NOTES = table_of(Notification)
EVENTS = table_of(StateEvent)
MAX_SEATS = 1000
MAX_YEARS = 60
MAX_HITS = 50
URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)
COURSE_FIELDS = (
    "branch_id",
    "title",
    "skill_id",
    "raises_level_to",
    "required_for_vetting",
    "mode",
    "video_url",
    "session_at",
    "place",
    "seats",
    "pass_mark",
    "min_years_experience",
    "is_active",
)
COURSE_SORT = {
    "title": TrainingCourse.title,
    "session_at": TrainingCourse.session_at,
    "created_at": TrainingCourse.created_at,
    "mode": TrainingCourse.mode,
}
NOTIFY_KIND = "training_course"


# --- courses -----------------------------------------------------------------------------


def _seats_taken(session: Session, course_id: int) -> int:
    return (
        session.scalar(
            select(func.count(Enrollment.id)).where(
                Enrollment.course_id == course_id, Enrollment.state.in_(SEAT_STATES)
            )
        )
        or 0
    )


def _counts(session: Session, actor: Actor, course_ids: list[int]) -> dict[int, tuple[int, int]]:
    """course id -> (seats taken, passed); the passes are counted in the actor's scope."""
    if not course_ids:
        return {}
    taken = dict(
        session.execute(
            select(Enrollment.course_id, func.count(Enrollment.id))
            .where(Enrollment.course_id.in_(course_ids), Enrollment.state.in_(SEAT_STATES))
            .group_by(Enrollment.course_id)
        ).all()
    )
    passed_q = (
        select(Enrollment.course_id, func.count(Enrollment.id))
        .join(Worker, Worker.id == Enrollment.worker_id)
        .where(Enrollment.course_id.in_(course_ids), Enrollment.state == "passed")
    )
    scope = scope_branch_id(actor)
    if scope is not None:
        passed_q = passed_q.where(Worker.branch_id == scope)
    passed = dict(session.execute(passed_q.group_by(Enrollment.course_id)).all())
    return {cid: (int(taken.get(cid, 0)), int(passed.get(cid, 0))) for cid in course_ids}


def _views(session: Session, actor: Actor, courses: list[TrainingCourse]) -> list[CourseView]:
    counts = _counts(session, actor, [c.id for c in courses])
    branch_ids = {c.branch_id for c in courses if c.branch_id is not None}
    skill_ids = {c.skill_id for c in courses if c.skill_id is not None}
    branches = dict(
        session.execute(select(Branch.id, Branch.name).where(Branch.id.in_(branch_ids))).all()
    )
    skills = dict(
        session.execute(select(Skill.id, Skill.name).where(Skill.id.in_(skill_ids))).all()
    )
    return [
        CourseView(
            id=c.id,
            branch_id=c.branch_id,
            branch_name=branches.get(c.branch_id, "") if c.branch_id is not None else "",
            title=c.title,
            description=c.description,
            skill_id=c.skill_id,
            skill_name=skills.get(c.skill_id, "") if c.skill_id is not None else "",
            raises_level_to=c.raises_level_to,
            required_for_vetting=bool(c.required_for_vetting),
            mode=c.mode,
            video_url=c.video_url,
            session_at=c.session_at,
            place=c.place,
            seats=c.seats,
            pass_mark=c.pass_mark,
            min_years_experience=c.min_years_experience,
            is_active=bool(c.is_active),
            created_at=c.created_at,
            taken=counts[c.id][0],
            passed=counts[c.id][1],
        )
        for c in courses
    ]


def _course_scope(actor: Actor) -> list[ColumnElement[bool]]:
    scope = scope_branch_id(actor)
    if scope is None:
        return []
    return [or_(TrainingCourse.branch_id.is_(None), TrainingCourse.branch_id == scope)]


def list_courses(
    session: Session,
    *,
    actor: Actor,
    text: str = "",
    include_inactive: bool = False,
    offset: int = 0,
    limit: int = 200,
    sort: str = "session_at",
    descending: bool = True,
) -> Page[CourseView]:
    """Courses the actor may see (HQ-wide ones and their branch's), filtered by title."""
    require(actor, Perm.TRAINING_MANAGE)
    where = _course_scope(actor)
    if not include_inactive:
        where.append(TrainingCourse.is_active.is_(True))
    if text.strip():
        where.append(TrainingCourse.title.like(like_pattern(text.strip()), escape="\\"))
    total = session.scalar(select(func.count(TrainingCourse.id)).where(*where)) or 0
    column = COURSE_SORT.get(sort, TrainingCourse.session_at)
    order = [column.desc() if descending else column, TrainingCourse.id.desc()]
    rows = list(
        session.scalars(
            select(TrainingCourse)
            .where(*where)
            .order_by(*order)
            .offset(max(0, offset))
            .limit(max(1, min(limit, 1000)))
        ).all()
    )
    return Page(items=tuple(_views(session, actor, rows)), total=total, offset=offset)


def get_course(session: Session, *, actor: Actor, course_id: int) -> CourseView:
    """One course with its seats taken and passes."""
    require(actor, Perm.TRAINING_MANAGE)
    return _views(session, actor, [load_course_for_reading(session, actor, course_id)])[0]


def _course_values(session: Session, actor: Actor, data: CourseInput) -> dict[str, Any]:
    """The checked columns of a course; every refusal names its field."""
    title = clean_text(
        data.title, field="title", label=Msg("training.field.title"), max_len=128, required=True
    )
    description = clean_text(
        data.description,
        field="description",
        label=Msg("training.field.description"),
        max_len=2000,
        required=False,
    )
    if data.mode not in MODES:
        raise ValidationError("training.bad_mode", field="mode")
    pass_mark = check_int(
        data.pass_mark, field="pass_mark", label="training.field.pass_mark", lo=0, hi=100
    )
    min_years = check_int(
        data.min_years_experience,
        field="min_years_experience",
        label="training.field.min_years",
        lo=0,
        hi=MAX_YEARS,
    )
    skill_id = data.skill_id
    if skill_id is not None and session.get(Skill, skill_id) is None:
        raise ValidationError("training.unknown_skill", field="skill_id", id=skill_id)
    raises = data.raises_level_to
    if raises is not None:
        if skill_id is None:
            raises_field = "raises_level_to"
            raise ValidationError("training.level_needs_skill", field=raises_field)
        check_int(raises, field="raises_level_to", label="training.field.level", lo=1, hi=MAX_LEVEL)
    video_url, place, seats, session_at = "", "", 0, None
    if data.mode == "online":
        video_url = clean_text(
            data.video_url,
            field="video_url",
            label=Msg("training.field.video_url"),
            max_len=255,
            required=False,
        )
        if not video_url:
            raise ValidationError("training.online_needs_video", field="video_url")
        if not URL_RE.match(video_url):
            raise ValidationError("training.bad_video_url", field="video_url")
    else:
        if data.session_at is None:
            raise ValidationError("training.offline_needs_date", field="session_at")
        if data.session_at.tzinfo is None:
            raise ValidationError("training.naive_time", field="session_at")
        session_at = data.session_at
        place = clean_text(
            data.place, field="place", label=Msg("training.field.place"), max_len=255, required=True
        )
        seats = check_int(
            data.seats, field="seats", label="training.field.seats", lo=1, hi=MAX_SEATS
        )
    branch_id = data.branch_id
    if not actor.is_hq:
        # a branch's officer makes their branch's courses, whatever the form said
        branch_id = actor.branch_id
    elif branch_id is not None and session.get(Branch, branch_id) is None:
        raise ValidationError("training.unknown_branch", field="branch_id", id=branch_id)
    return {
        "branch_id": branch_id,
        "title": title,
        "description": description,
        "skill_id": skill_id,
        "raises_level_to": raises,
        "required_for_vetting": bool(data.required_for_vetting),
        "mode": data.mode,
        "video_url": video_url,
        "session_at": session_at,
        "place": place,
        "seats": seats,
        "pass_mark": pass_mark,
        "min_years_experience": min_years,
    }


def _require_course_owner(actor: Actor, course: TrainingCourse) -> None:
    """Only HQ changes an HQ-wide course; a branch changes its own."""
    require(actor, Perm.TRAINING_MANAGE)
    if course.branch_id is None and not actor.is_hq:
        raise PermissionDenied("training.hq_course")
    require_branch(actor, course.branch_id)


def _load_course(session: Session, course_id: int, *, lock: bool = False) -> TrainingCourse:
    course = session.get(TrainingCourse, course_id, with_for_update=lock, populate_existing=lock)
    if course is None:
        raise NotFound("training_course", course_id)
    return course


def create_course(session: Session, *, actor: Actor, data: CourseInput) -> CourseView:
    """A new course (a branch's, or HQ's for every branch)."""
    require(actor, Perm.TRAINING_MANAGE)
    values = _course_values(session, actor, data)
    course = TrainingCourse(**values, is_active=True, created_at=clock.now())
    session.add(course)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="training.course_create",
        entity="training_course",
        entity_id=course.id,
        after=snapshot(course, COURSE_FIELDS),
        branch_id=course.branch_id,
    )
    return get_course(session, actor=actor, course_id=course.id)


def update_course(
    session: Session, *, actor: Actor, course_id: int, data: CourseInput
) -> CourseView:
    """Change a course; its seats never drop below the enrolments holding one."""
    require(actor, Perm.TRAINING_MANAGE)
    course = _load_course(session, course_id, lock=True)
    _require_course_owner(actor, course)
    values = _course_values(session, actor, data)
    if not actor.is_hq:
        values["branch_id"] = course.branch_id
    if values["mode"] == "offline":
        taken = _seats_taken(session, course.id)
        if values["seats"] < taken:
            raise ValidationError("training.seats_below_taken", field="seats", taken=taken)
    before = snapshot(course, COURSE_FIELDS)
    for name, value in values.items():
        setattr(course, name, value)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="training.course_update",
        entity="training_course",
        entity_id=course.id,
        before=before,
        after=snapshot(course, COURSE_FIELDS),
        branch_id=course.branch_id,
    )
    return get_course(session, actor=actor, course_id=course.id)


def set_course_active(
    session: Session, *, actor: Actor, course_id: int, active: bool
) -> CourseView:
    """Deactivate a course (no more enrolments or pushes) or bring it back."""
    course = _load_course(session, course_id, lock=True)
    _require_course_owner(actor, course)
    if bool(course.is_active) != active:
        course.is_active = active
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="training.course_activate" if active else "training.course_deactivate",
            entity="training_course",
            entity_id=course.id,
            before={"is_active": not active},
            after={"is_active": active},
            branch_id=course.branch_id,
        )
    return get_course(session, actor=actor, course_id=course.id)


# --- pushing a course to its targets -----------------------------------------------------


def _notice_body(session: Session, course: TrainingCourse) -> str:
    """What the worker reads: the course, and when and where (in the branch's time)."""
    if course.mode == "online":
        return t("training.notify_online", lang="zh_CN", title=course.title)
    assert course.session_at is not None
    tz = get_branch_timezone(session, course.branch_id)
    when = local(course.session_at, tz).strftime("%Y-%m-%d %H:%M")
    return t(
        "training.notify_offline", lang="zh_CN", title=course.title, when=when, place=course.place
    )


def push_course(session: Session, *, actor: Actor, course_id: int) -> PushResult:
    """Tell every target who needs the course about it, once (the actor's branch unless HQ)."""
    require(actor, Perm.TRAINING_MANAGE)
    load_course_for_reading(session, actor, course_id)
    # the lock makes two pushes at once tell each worker once
    course = _load_course(session, course_id, lock=True)
    if not course.is_active:
        raise Conflict("training.inactive", title=course.title)
    where = [COURSES.c.id == course_id, not_on_course()]
    scope = scope_branch_id(actor)
    if scope is not None:
        where.append(WORKERS.c.branch_id == scope)
    targets = set(session.scalars(target_pairs(*where).with_only_columns(WORKERS.c.id)).all())
    told = set(
        session.scalars(
            select(NOTES.c.recipient_id).where(
                NOTES.c.recipient_kind == "worker",
                NOTES.c.kind == NOTIFY_KIND,
                NOTES.c.entity_id == course_id,
            )
        ).all()
    )
    fresh = sorted(targets - told)
    if fresh:
        now = clock.now()
        title = t("training.notify_title", lang="zh_CN")
        body = _notice_body(session, course)
        session.execute(
            insert(NOTES),
            [
                {
                    "recipient_kind": "worker",
                    "recipient_id": worker_id,
                    "kind": NOTIFY_KIND,
                    "title": title,
                    "body": body,
                    "entity": "training_course",
                    "entity_id": course_id,
                    "created_at": now,
                }
                for worker_id in fresh
            ],
        )
    result = PushResult(course_id=course_id, notified=len(fresh), already=len(targets & told))
    audit.record(
        session,
        actor=actor,
        action="training.push",
        entity="training_course",
        entity_id=course_id,
        after={"notified": result.notified, "already": result.already},
        branch_id=course.branch_id if course.branch_id is not None else scope,
    )
    return result


# --- enrolment ---------------------------------------------------------------------------


def _event(
    session: Session,
    actor: Actor,
    enrollment_id: int,
    event: str,
    before: str,
    after: str,
    reason: str = "",
) -> None:
    session.execute(
        insert(EVENTS),
        {
            "entity": "enrollment",
            "entity_id": enrollment_id,
            "event": event,
            "from_state": before,
            "to_state": after,
            "actor_kind": actor.kind,
            "actor_id": actor.id,
            "reason": reason,
            "created_at": clock.now(),
        },
    )


def _get_enrollment(session: Session, enrollment_id: int) -> EnrollmentView:
    row = session.execute(enrollment_query(ENROLMENTS.c.id == enrollment_id)).one()
    return enrollment_view(row)


def _enrol(session: Session, actor: Actor, course: TrainingCourse, worker: Worker) -> int:
    """Put the worker on the locked course; the one path of the desk and the app.

    The caller has checked who may do it and locked the course row (``_load_course``).
    """
    if not course.is_active:
        raise Conflict("training.inactive", title=course.title)
    existing = session.scalars(
        select(Enrollment)
        .where(Enrollment.course_id == course.id, Enrollment.worker_id == worker.id)
        .with_for_update()
    ).one_or_none()
    if existing is not None and existing.state == "passed":
        raise Conflict("training.already_passed", title=course.title)
    if existing is not None and existing.state in ("enrolled", "attended"):
        raise Conflict("training.already_enrolled", title=course.title)
    # a failed enrolment keeps its seat for the retake; anyone else needs a free one
    needs_seat = existing is None or existing.state == "cancelled"
    if needs_seat and course.mode == "offline" and _seats_taken(session, course.id) >= course.seats:
        raise Conflict("training.full", title=course.title, seats=course.seats)
    now = clock.now()
    if existing is None:
        enrollment_id = inserted_id(
            session.execute(
                insert(ENROLMENTS),
                {
                    "course_id": course.id,
                    "worker_id": worker.id,
                    "state": "enrolled",
                    "enrolled_at": now,
                    "attended_at": None,
                },
            )
        )
        before = ""
    else:
        enrollment_id, before = existing.id, existing.state
        session.execute(
            update(ENROLMENTS)
            .where(ENROLMENTS.c.id == existing.id)
            .values(state="enrolled", enrolled_at=now, attended_at=None)
        )
        session.expire(existing)
    _event(session, actor, enrollment_id, "enrol", before, "enrolled")
    audit.record(
        session,
        actor=actor,
        action="training.enrol",
        entity="enrollment",
        entity_id=enrollment_id,
        before={"state": before} if before else None,
        after={"course_id": course.id, "worker_id": worker.id, "state": "enrolled"},
        branch_id=worker.branch_id,
    )
    return enrollment_id


def _lock_course(session: Session, course_id: int) -> TrainingCourse:
    """The course row, locked for the seat count (a seam for the concurrency test)."""
    return _load_course(session, course_id, lock=True)


def enroll_worker(
    session: Session, *, actor: Actor, course_id: int, worker_id: int
) -> EnrollmentView:
    """Enrol a worker of the actor's branch from the desk (seats permitting)."""
    require(actor, Perm.TRAINING_MANAGE)
    load_course_for_reading(session, actor, course_id)
    worker = session.get(Worker, worker_id)
    if worker is None:
        raise NotFound("worker", worker_id)
    require_branch(actor, worker.branch_id)
    course = _lock_course(session, course_id)
    if course.branch_id is not None and course.branch_id != worker.branch_id:
        raise ValidationError("training.other_branch_course", field="worker_id")
    if worker.status == "left":
        raise Conflict("training.worker_left", name=worker.name)
    enrollment_id = _enrol(session, actor, course, worker)
    return _get_enrollment(session, enrollment_id)


def _load_enrollment(
    session: Session, actor: Actor, enrollment_id: int
) -> tuple[Enrollment, TrainingCourse, Worker]:
    require(actor, Perm.TRAINING_MANAGE)
    enrollment = session.get(
        Enrollment, enrollment_id, with_for_update=True, populate_existing=True
    )
    if enrollment is None:
        raise NotFound("enrollment", enrollment_id)
    worker = session.get(Worker, enrollment.worker_id)
    course = session.get(TrainingCourse, enrollment.course_id)
    assert worker is not None
    assert course is not None
    if actor.is_staff and not actor.is_hq and worker.branch_id != actor.branch_id:
        raise NotFound("enrollment", enrollment_id)
    return enrollment, course, worker


def _cancel(
    session: Session,
    actor: Actor,
    enrollment: Enrollment,
    worker: Worker,
    reason: str,
    allowed: tuple[str, ...],
) -> None:
    """Cancel an enrolment (its seat is free again); the desk's and the app's path."""
    if enrollment.state not in allowed:
        raise Conflict("training.cannot_cancel", state=Msg(f"training.state.{enrollment.state}"))
    before = enrollment.state
    enrollment.state = "cancelled"
    session.flush()
    _event(session, actor, enrollment.id, "cancel", before, "cancelled", reason)
    audit.record(
        session,
        actor=actor,
        action="training.cancel",
        entity="enrollment",
        entity_id=enrollment.id,
        before={"state": before},
        after={"state": "cancelled", "reason": reason},
        branch_id=worker.branch_id,
    )


def cancel_enrollment(
    session: Session, *, actor: Actor, enrollment_id: int, reason: str = ""
) -> EnrollmentView:
    """Cancel an enrolment that has no result yet (from the desk)."""
    enrollment, _course, worker = _load_enrollment(session, actor, enrollment_id)
    text = clean_text(
        reason, field="reason", label=Msg("training.field.reason"), max_len=255, required=False
    )
    _cancel(session, actor, enrollment, worker, text, ("enrolled", "attended"))
    return _get_enrollment(session, enrollment_id)


def record_attendance(
    session: Session, *, actor: Actor, enrollment_id: int, attended: bool = True
) -> EnrollmentView:
    """Mark a worker present at an offline session (or take a wrong mark back)."""
    enrollment, course, worker = _load_enrollment(session, actor, enrollment_id)
    if course.mode != "offline":
        raise ValidationError("training.online_no_attendance")
    wanted_from = "enrolled" if attended else "attended"
    if enrollment.state != wanted_from:
        raise Conflict("training.attendance_state", state=Msg(f"training.state.{enrollment.state}"))
    before = enrollment.state
    enrollment.state = "attended" if attended else "enrolled"
    enrollment.attended_at = clock.now() if attended else None
    session.flush()
    _event(
        session,
        actor,
        enrollment.id,
        "attend" if attended else "unattend",
        before,
        enrollment.state,
    )
    audit.record(
        session,
        actor=actor,
        action="training.attendance",
        entity="enrollment",
        entity_id=enrollment.id,
        before={"state": before},
        after={"state": enrollment.state, "attended": attended},
        branch_id=worker.branch_id,
    )
    return _get_enrollment(session, enrollment_id)


def _raise_level(
    session: Session, actor: Actor, course: TrainingCourse, worker: Worker
) -> tuple[int | None, int | None]:
    """Apply a passed course's level to the worker's skill: (level before, level after)."""
    if course.skill_id is None or course.raises_level_to is None:
        return None, None
    target = int(course.raises_level_to)
    skill = session.scalars(
        select(WorkerSkill)
        .where(WorkerSkill.worker_id == worker.id, WorkerSkill.skill_id == course.skill_id)
        .with_for_update()
    ).one_or_none()
    if skill is not None:
        if skill.level >= target:
            return skill.level, skill.level
        before = skill.level
        skill.level = target
        session.flush()
        return before, target
    if worker.status != "active":
        return None, None
    session.add(
        WorkerSkill(
            worker_id=worker.id,
            skill_id=course.skill_id,
            level=target,
            granted_by=actor.id if actor.is_staff else None,
            granted_at=clock.now(),
        )
    )
    session.flush()
    return None, target


def record_exam(
    session: Session, *, actor: Actor, enrollment_id: int, score: int
) -> EnrollmentView:
    """Record an exam score: passed when score ≥ the pass mark; passing may raise a level."""
    enrollment, course, worker = _load_enrollment(session, actor, enrollment_id)
    score = check_int(score, field="score", label="training.field.score", lo=0, hi=100)
    if enrollment.state == "passed":
        raise Conflict("training.already_passed", title=course.title)
    if enrollment.state not in ("enrolled", "attended", "failed"):
        raise Conflict("training.exam_state", state=Msg(f"training.state.{enrollment.state}"))
    if course.mode == "offline" and enrollment.attended_at is None:
        raise Conflict("training.needs_attendance")
    passed = score >= course.pass_mark
    session.add(
        ExamResult(
            enrollment_id=enrollment.id,
            score=score,
            passed=passed,
            recorded_by=actor.id if actor.is_staff else None,
            taken_at=clock.now(),
        )
    )
    before = enrollment.state
    enrollment.state = "passed" if passed else "failed"
    session.flush()
    level_before, level_after = (
        _raise_level(session, actor, course, worker) if passed else (None, None)
    )
    _event(session, actor, enrollment.id, "exam", before, enrollment.state, f"score={score}")
    audit.record(
        session,
        actor=actor,
        action="training.exam",
        entity="enrollment",
        entity_id=enrollment.id,
        before={"state": before},
        after={
            "state": enrollment.state,
            "score": score,
            "pass_mark": course.pass_mark,
            "skill_id": course.skill_id,
            "level_before": level_before,
            "level_after": level_after,
        },
        branch_id=worker.branch_id,
    )
    view = _get_enrollment(session, enrollment_id)
    return replace(view, level_before=level_before, level_after=level_after)


# --- finding a worker to enrol -----------------------------------------------------------


def find_workers_to_enroll(
    session: Session, *, actor: Actor, course_id: int, text: str, limit: int = 20
) -> list[WorkerHit]:
    """Workers of the course's branch (and the actor's) by name, initials or phone digits."""
    require(actor, Perm.TRAINING_MANAGE)
    course = load_course_for_reading(session, actor, course_id)
    typed = re.sub(r"\s", "", text or "")
    if not typed:
        return []
    match: ColumnElement[bool]
    if typed.isdigit():
        match = Worker.phone.like(like_pattern(typed), escape="\\")
    elif typed.isascii() and typed.isalpha():
        match = or_(
            Worker.name_initials.like(f"{typed.lower()}%"),
            Worker.name.like(like_pattern(typed), escape="\\"),
        )
    else:
        match = Worker.name.like(like_pattern(typed), escape="\\")
    stmt = (
        select(Worker, Branch.name)
        .join(Branch, Branch.id == Worker.branch_id)
        .where(match, Worker.status != "left")
    )
    scope = scope_branch_id(actor)
    if scope is not None:
        stmt = stmt.where(Worker.branch_id == scope)
    if course.branch_id is not None:
        stmt = stmt.where(Worker.branch_id == course.branch_id)
    rows = session.execute(
        stmt.order_by(Worker.name, Worker.id).limit(max(1, min(limit, MAX_HITS)))
    ).all()
    ids = [w.id for w, _b in rows]
    targets = (
        set(
            session.scalars(
                target_pairs(COURSES.c.id == course_id, WORKERS.c.id.in_(ids)).with_only_columns(
                    WORKERS.c.id
                )
            ).all()
        )
        if ids
        else set()
    )
    states = (
        dict(
            session.execute(
                select(Enrollment.worker_id, Enrollment.state).where(
                    Enrollment.course_id == course_id, Enrollment.worker_id.in_(ids)
                )
            ).all()
        )
        if ids
        else {}
    )
    return [
        WorkerHit(
            id=w.id,
            name=w.name,
            phone=w.phone,
            status=w.status,
            branch_name=branch_name,
            years_experience=w.years_experience,
            is_target=w.id in targets,
            enrolled_state=states.get(w.id, ""),
        )
        for w, branch_name in rows
    ]
