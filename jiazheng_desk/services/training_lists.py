"""Training, the read side: which workers a course is for, who needs which course, who has
not finished, and the results per course.

**Targets.** A course is for a worker when all of these hold:

- the course is active, and HQ-wide or of the worker's branch;
- the worker is active, or an applicant whose vetting case is still open (new, under
  review, waiting for documents): applicants take the pre-job courses before approval;
- the worker's years of experience reach the course's minimum;
- the course has no skill (a general course, e.g. safety rules), or an active worker has
  the skill, or an applicant asked for it in the open case (``requested_skills``);
- a course that raises a skill to a level is not for a worker already at that level;
- a course required for vetting is a pre-job course: it is for applicants only (the
  vetting check asks for it; workers approved before it existed are not chased for it).

"Needs" is a target not on the course: never enrolled, cancelled, or failed. One query
joins courses and workers with these conditions as SQL (no loop over courses), so a list
over every course pages in the database like any other list.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from jiazheng_desk.models import (
    Branch,
    Enrollment,
    ExamResult,
    Skill,
    StaffUser,
    TrainingCourse,
    VettingCase,
    Worker,
    WorkerSkill,
)
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import Page
from jiazheng_desk.services.errors import NotFound
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id
from jiazheng_desk.services.training_views import (
    ON_COURSE,
    UNFINISHED,
    EnrollmentView,
    ResultRow,
    TargetRow,
)

COURSES = table_of(TrainingCourse)
WORKERS = table_of(Worker)
WORKER_SKILLS = table_of(WorkerSkill)
CASES = table_of(VettingCase)
SKILLS = table_of(Skill)
ENROLMENTS = table_of(Enrollment)
EXAMS = table_of(ExamResult)
BRANCHES = table_of(Branch)
STAFF = table_of(StaffUser)

TARGET_STATUSES = ("active", "applicant")
OPEN_CASE_STATES = ("new", "under_review", "waiting_documents")
MAX_LIMIT = 1000


def _comma(value: Any) -> Any:
    """``,value,`` so that a code matches a whole item of a comma-separated list."""
    return literal(",") + value + literal(",")


def target_condition() -> ColumnElement[bool]:
    """Whether the worker row (``WORKERS``) is a target of the course row (``COURSES``,
    with its skill outer-joined as ``SKILLS``); see the module's docstring."""
    w, c = WORKERS.c, COURSES.c
    active = w.status == "active"
    applying = w.status == "applicant"
    open_case = exists(
        select(CASES.c.id).where(CASES.c.worker_id == w.id, CASES.c.state.in_(OPEN_CASE_STATES))
    )
    has_skill = exists(
        select(WORKER_SKILLS.c.id).where(
            WORKER_SKILLS.c.worker_id == w.id, WORKER_SKILLS.c.skill_id == c.skill_id
        )
    )
    # instr() has the same arguments on SQLite and MySQL; LIKE would read "_" in a code
    asks_skill = exists(
        select(CASES.c.id).where(
            CASES.c.worker_id == w.id,
            CASES.c.state.in_(OPEN_CASE_STATES),
            func.instr(_comma(CASES.c.requested_skills), _comma(SKILLS.c.code)) > 0,
        )
    )
    at_level = exists(
        select(WORKER_SKILLS.c.id).where(
            WORKER_SKILLS.c.worker_id == w.id,
            WORKER_SKILLS.c.skill_id == c.skill_id,
            WORKER_SKILLS.c.level >= c.raises_level_to,
        )
    )
    return and_(
        c.is_active.is_(True),
        or_(c.branch_id.is_(None), c.branch_id == w.branch_id),
        w.status.in_(TARGET_STATUSES),
        w.years_experience >= c.min_years_experience,
        or_(
            and_(c.skill_id.is_(None), or_(active, and_(applying, open_case))),
            and_(active, has_skill),
            and_(applying, asks_skill),
        ),
        or_(c.raises_level_to.is_(None), c.skill_id.is_(None), ~at_level),
        or_(c.required_for_vetting.is_(False), applying),
    )


def target_pairs(*where: ColumnElement[bool]) -> Select[tuple[int, int]]:
    """(course id, worker id) of every target, narrowed by ``where``."""
    return (
        select(COURSES.c.id.label("course_id"), WORKERS.c.id.label("worker_id"))
        .select_from(COURSES)
        .join(
            WORKERS,
            or_(COURSES.c.branch_id.is_(None), COURSES.c.branch_id == WORKERS.c.branch_id),
        )
        .outerjoin(SKILLS, SKILLS.c.id == COURSES.c.skill_id)
        .where(target_condition(), *where)
    )


def not_on_course() -> ColumnElement[bool]:
    """The worker (``WORKERS``) is not enrolled in, attending or through the course."""
    return ~exists(
        select(ENROLMENTS.c.id).where(
            ENROLMENTS.c.course_id == COURSES.c.id,
            ENROLMENTS.c.worker_id == WORKERS.c.id,
            ENROLMENTS.c.state.in_(ON_COURSE),
        )
    )


def load_course_for_reading(session: Session, actor: Actor, course_id: int) -> TrainingCourse:
    """A course the actor may see (HQ-wide or of their branch), or NotFound."""
    course = session.get(TrainingCourse, course_id)
    scope = scope_branch_id(actor)
    if course is None or (course.branch_id is not None and scope not in (None, course.branch_id)):
        raise NotFound("training_course", course_id)
    return course


def _scope(actor: Actor, branch_column: Any) -> list[ColumnElement[bool]]:
    scope = scope_branch_id(actor)
    return [] if scope is None else [branch_column == scope]


def _page_args(offset: int, limit: int) -> tuple[int, int]:
    return max(0, offset), max(1, min(limit, MAX_LIMIT))


# --- targets and needs -------------------------------------------------------------------

_TARGET_SORT = {
    "course_title": COURSES.c.title,
    "worker_name": WORKERS.c.name,
    "years_experience": WORKERS.c.years_experience,
    "branch_name": BRANCHES.c.name,
    "state": ENROLMENTS.c.state,
}


def _target_page(
    session: Session,
    pairs: Select[tuple[int, int]],
    *,
    offset: int,
    limit: int,
    sort: str,
    descending: bool,
) -> Page[TargetRow]:
    found = pairs.subquery("t")
    total = session.scalar(select(func.count()).select_from(found)) or 0
    column = _TARGET_SORT.get(sort, COURSES.c.title)
    order = [column.desc() if descending else column, COURSES.c.id, WORKERS.c.name, WORKERS.c.id]
    offset, limit = _page_args(offset, limit)
    rows = session.execute(
        select(
            COURSES.c.id,
            COURSES.c.title,
            WORKERS.c.id,
            WORKERS.c.name,
            WORKERS.c.phone,
            WORKERS.c.status,
            BRANCHES.c.name,
            WORKERS.c.years_experience,
            ENROLMENTS.c.state,
        )
        .select_from(found)
        .join(COURSES, COURSES.c.id == found.c.course_id)
        .join(WORKERS, WORKERS.c.id == found.c.worker_id)
        .join(BRANCHES, BRANCHES.c.id == WORKERS.c.branch_id)
        .outerjoin(
            ENROLMENTS,
            and_(
                ENROLMENTS.c.course_id == found.c.course_id,
                ENROLMENTS.c.worker_id == found.c.worker_id,
            ),
        )
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    ).all()
    items = tuple(
        TargetRow(
            course_id=r[0],
            course_title=r[1],
            worker_id=r[2],
            worker_name=r[3],
            worker_phone=r[4],
            worker_status=r[5],
            branch_name=r[6],
            years_experience=r[7],
            state=r[8] or "",
        )
        for r in rows
    )
    return Page(items=items, total=total, offset=offset)


def list_course_targets(
    session: Session,
    *,
    actor: Actor,
    course_id: int,
    offset: int = 0,
    limit: int = 200,
    sort: str = "worker_name",
    descending: bool = False,
) -> Page[TargetRow]:
    """The workers a course is for (in the actor's branch unless HQ), with their state."""
    require(actor, Perm.TRAINING_MANAGE)
    load_course_for_reading(session, actor, course_id)
    pairs = target_pairs(COURSES.c.id == course_id, *_scope(actor, WORKERS.c.branch_id))
    return _target_page(
        session, pairs, offset=offset, limit=limit, sort=sort, descending=descending
    )


def list_needs(
    session: Session,
    *,
    actor: Actor,
    course_id: int | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "course_title",
    descending: bool = False,
) -> Page[TargetRow]:
    """Who needs which course: targets never enrolled, cancelled, or failed."""
    require(actor, Perm.TRAINING_MANAGE)
    where = [not_on_course(), *_scope(actor, WORKERS.c.branch_id)]
    if course_id is not None:
        load_course_for_reading(session, actor, course_id)
        where.append(COURSES.c.id == course_id)
    else:
        where += _scope_courses(actor)
    return _target_page(
        session, target_pairs(*where), offset=offset, limit=limit, sort=sort, descending=descending
    )


def _scope_courses(actor: Actor) -> list[ColumnElement[bool]]:
    scope = scope_branch_id(actor)
    if scope is None:
        return []
    return [or_(COURSES.c.branch_id.is_(None), COURSES.c.branch_id == scope)]


# --- enrolments and results --------------------------------------------------------------

_LATEST = aliased(EXAMS, name="latest_exam")
_NEWER = aliased(EXAMS, name="newer_exam")
_RECORDER = aliased(STAFF, name="recorder")


def enrollment_query(*where: ColumnElement[bool]) -> Select[Any]:
    """Enrolments with their worker, course and latest exam (SELECT for ``enrollment_view``)."""
    # the latest sitting: the exam row with no newer one of the same enrolment
    newer = exists(
        select(_NEWER.c.id).where(
            _NEWER.c.enrollment_id == _LATEST.c.enrollment_id, _NEWER.c.id > _LATEST.c.id
        )
    )
    return (
        select(
            ENROLMENTS.c.id,
            ENROLMENTS.c.course_id,
            COURSES.c.title,
            WORKERS.c.id,
            WORKERS.c.name,
            WORKERS.c.phone,
            WORKERS.c.status,
            WORKERS.c.branch_id,
            ENROLMENTS.c.state,
            ENROLMENTS.c.enrolled_at,
            ENROLMENTS.c.attended_at,
            _LATEST.c.score,
            _LATEST.c.passed,
            _RECORDER.c.display_name,
            _LATEST.c.taken_at,
        )
        .select_from(ENROLMENTS)
        .join(COURSES, COURSES.c.id == ENROLMENTS.c.course_id)
        .join(WORKERS, WORKERS.c.id == ENROLMENTS.c.worker_id)
        .outerjoin(_LATEST, and_(_LATEST.c.enrollment_id == ENROLMENTS.c.id, ~newer))
        .outerjoin(_RECORDER, _RECORDER.c.id == _LATEST.c.recorded_by)
        .where(*where)
    )


def enrollment_view(row: Any) -> EnrollmentView:
    return EnrollmentView(
        id=row[0],
        course_id=row[1],
        course_title=row[2],
        worker_id=row[3],
        worker_name=row[4],
        worker_phone=row[5],
        worker_status=row[6],
        branch_id=row[7],
        state=row[8],
        enrolled_at=row[9],
        attended_at=row[10],
        score=row[11],
        passed=None if row[12] is None else bool(row[12]),
        recorded_by=row[13] or "",
        taken_at=row[14],
    )


def list_enrollments(
    session: Session, *, actor: Actor, course_id: int, include_cancelled: bool = True
) -> list[EnrollmentView]:
    """The enrolments of a course (the actor's branch's workers unless HQ), by name."""
    require(actor, Perm.TRAINING_MANAGE)
    load_course_for_reading(session, actor, course_id)
    where = [ENROLMENTS.c.course_id == course_id, *_scope(actor, WORKERS.c.branch_id)]
    if not include_cancelled:
        where.append(ENROLMENTS.c.state != "cancelled")
    rows = session.execute(enrollment_query(*where).order_by(WORKERS.c.name, ENROLMENTS.c.id))
    return [enrollment_view(r) for r in rows]


_UNFINISHED_SORT = {
    "enrolled_at": ENROLMENTS.c.enrolled_at,
    "course_title": COURSES.c.title,
    "worker_name": WORKERS.c.name,
    "state": ENROLMENTS.c.state,
}


def list_unfinished(
    session: Session,
    *,
    actor: Actor,
    course_id: int | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "enrolled_at",
    descending: bool = False,
) -> Page[EnrollmentView]:
    """Who has not finished: enrolled or attended, without a result yet (oldest first)."""
    require(actor, Perm.TRAINING_MANAGE)
    where = [ENROLMENTS.c.state.in_(UNFINISHED), *_scope(actor, WORKERS.c.branch_id)]
    if course_id is not None:
        load_course_for_reading(session, actor, course_id)
        where.append(ENROLMENTS.c.course_id == course_id)
    base = (
        select(ENROLMENTS.c.id)
        .join(WORKERS, WORKERS.c.id == ENROLMENTS.c.worker_id)
        .where(*where)
        .subquery()
    )
    total = session.scalar(select(func.count()).select_from(base)) or 0
    column = _UNFINISHED_SORT.get(sort, ENROLMENTS.c.enrolled_at)
    offset, limit = _page_args(offset, limit)
    rows = session.execute(
        enrollment_query(*where)
        .order_by(column.desc() if descending else column, ENROLMENTS.c.id)
        .offset(offset)
        .limit(limit)
    ).all()
    return Page(items=tuple(enrollment_view(r) for r in rows), total=total, offset=offset)


_RESULT_SORT = {
    "taken_at": EXAMS.c.taken_at,
    "score": EXAMS.c.score,
    "course_title": COURSES.c.title,
    "worker_name": WORKERS.c.name,
    "passed": EXAMS.c.passed,
}


def list_results(
    session: Session,
    *,
    actor: Actor,
    course_id: int | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "taken_at",
    descending: bool = True,
) -> Page[ResultRow]:
    """Exam results (every sitting) with score, pass and who recorded it, newest first."""
    require(actor, Perm.TRAINING_MANAGE)
    where = [*_scope(actor, WORKERS.c.branch_id)]
    if course_id is not None:
        load_course_for_reading(session, actor, course_id)
        where.append(ENROLMENTS.c.course_id == course_id)
    joined = (
        select(
            EXAMS.c.id,
            COURSES.c.id,
            COURSES.c.title,
            WORKERS.c.id,
            WORKERS.c.name,
            WORKERS.c.phone,
            BRANCHES.c.name,
            EXAMS.c.score,
            EXAMS.c.passed,
            COURSES.c.pass_mark,
            STAFF.c.display_name,
            EXAMS.c.taken_at,
        )
        .select_from(EXAMS)
        .join(ENROLMENTS, ENROLMENTS.c.id == EXAMS.c.enrollment_id)
        .join(COURSES, COURSES.c.id == ENROLMENTS.c.course_id)
        .join(WORKERS, WORKERS.c.id == ENROLMENTS.c.worker_id)
        .join(BRANCHES, BRANCHES.c.id == WORKERS.c.branch_id)
        .outerjoin(STAFF, STAFF.c.id == EXAMS.c.recorded_by)
        .where(*where)
    )
    total = session.scalar(select(func.count()).select_from(joined.subquery())) or 0
    column = _RESULT_SORT.get(sort, EXAMS.c.taken_at)
    offset, limit = _page_args(offset, limit)
    rows = session.execute(
        joined.order_by(column.desc() if descending else column, EXAMS.c.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    items = tuple(
        ResultRow(
            id=r[0],
            course_id=r[1],
            course_title=r[2],
            worker_id=r[3],
            worker_name=r[4],
            worker_phone=r[5],
            branch_name=r[6],
            score=r[7],
            passed=bool(r[8]),
            pass_mark=r[9],
            recorded_by=r[10] or "",
            taken_at=r[11],
        )
        for r in rows
    )
    return Page(items=items, total=total, offset=offset)
