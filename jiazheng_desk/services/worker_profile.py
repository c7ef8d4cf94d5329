"""The worker's own record as the app shows it, the work status switch, their leave.

Work status (online / offline / busy) is what the worker says about right now; it does not
book or free any time (shifts and leave do). Only an active worker can be online or busy:
an applicant is not yet vetted and a suspended worker must not look available.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import Branch, District, Skill, Worker, WorkerDistrict, WorkerSkill
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.schedules import LEAVE, LeaveView

WORK_STATUSES = ("online", "offline", "busy")
MAX_LEAVE_LISTED = 100


@dataclass(frozen=True)
class SkillView:
    code: str
    name: str
    level: int


@dataclass(frozen=True)
class DistrictView:
    id: int
    name: str


@dataclass(frozen=True)
class WorkStatus:
    # applicant | active | suspended | left
    status: str
    # online | offline | busy
    work_status: str


@dataclass(frozen=True)
class WorkerProfile:
    id: int
    name: str
    phone: str
    status: str
    work_status: str
    branch_id: int
    branch_name: str
    gender: str
    birth_date: date | None
    # only the last four: the app never needs the whole number back
    id_number_masked: str
    years_experience: int
    home_address: str
    skills: tuple[SkillView, ...]
    districts: tuple[DistrictView, ...]
    rating_count: int
    rating_average: float | None
    joined_on: date | None


def _me(session: Session, actor: Actor, *, lock: bool = False) -> Worker:
    if actor.kind != "worker" or actor.id is None:
        raise PermissionDenied("worker_status.workers_only")
    worker = session.get(
        Worker, actor.id, with_for_update=True if lock else None, populate_existing=True
    )
    if worker is None:
        raise NotFound("worker", actor.id)
    return worker


def get_profile(session: Session, *, actor: Actor) -> WorkerProfile:
    """The worker's own record: identity (masked), skills, districts, rating."""
    worker = _me(session, actor)
    branch_name = session.scalar(select(Branch.name).where(Branch.id == worker.branch_id)) or ""
    skills = session.execute(
        select(Skill.code, Skill.name, WorkerSkill.level)
        .join(Skill, Skill.id == WorkerSkill.skill_id)
        .where(WorkerSkill.worker_id == worker.id)
        .order_by(Skill.code)
    ).all()
    districts = session.execute(
        select(District.id, District.name)
        .join(WorkerDistrict, WorkerDistrict.district_id == District.id)
        .where(WorkerDistrict.worker_id == worker.id)
        .order_by(District.id)
    ).all()
    suffix = worker.id_number_suffix
    return WorkerProfile(
        id=worker.id,
        name=worker.name,
        phone=worker.phone,
        status=worker.status,
        work_status=worker.work_status,
        branch_id=worker.branch_id,
        branch_name=branch_name,
        gender=worker.gender,
        birth_date=worker.birth_date,
        id_number_masked="*" * 14 + suffix if suffix else "",
        years_experience=worker.years_experience,
        home_address=worker.home_address,
        skills=tuple(SkillView(c, n, int(lv)) for c, n, lv in skills),
        districts=tuple(DistrictView(int(i), n) for i, n in districts),
        rating_count=worker.rating_count,
        rating_average=(
            round(worker.rating_sum / worker.rating_count, 2) if worker.rating_count else None
        ),
        joined_on=worker.joined_on,
    )


def get_work_status(session: Session, *, actor: Actor) -> WorkStatus:
    """The worker's account status and work status."""
    worker = _me(session, actor)
    return WorkStatus(worker.status, worker.work_status)


def set_work_status(session: Session, *, actor: Actor, work_status: str) -> WorkStatus:
    """Go online, offline or busy (offline is always allowed)."""
    value = (work_status or "").strip().lower()
    if value not in WORK_STATUSES:
        raise ValidationError("worker_status.bad_value", field="work_status")
    worker = _me(session, actor, lock=True)
    if value != "offline" and worker.status != "active":
        raise Conflict("worker_status.not_active", status=Msg(f"worker.status.{worker.status}"))
    before = worker.work_status
    if before == value:
        return WorkStatus(worker.status, value)  # nothing changes, nothing to record
    session.execute(
        update(table_of(Worker))
        .where(table_of(Worker).c.id == worker.id)
        .values(work_status=value, updated_at=clock.now())
    )
    audit.record(
        session,
        actor=actor,
        action="worker.work_status",
        entity="worker",
        entity_id=worker.id,
        before={"work_status": before},
        after={"work_status": value},
        branch_id=worker.branch_id,
    )
    return WorkStatus(worker.status, value)


def list_leave(session: Session, *, actor: Actor) -> list[LeaveView]:
    """The worker's own leave and leave requests, newest first."""
    worker = _me(session, actor)
    rows = session.execute(
        select(
            LEAVE.c.id,
            LEAVE.c.worker_id,
            LEAVE.c.kind,
            LEAVE.c.starts_at,
            LEAVE.c.ends_at,
            LEAVE.c.reason,
            LEAVE.c.status,
        )
        .where(LEAVE.c.worker_id == worker.id)
        .order_by(LEAVE.c.starts_at.desc(), LEAVE.c.id.desc())
        .limit(MAX_LEAVE_LISTED)
    ).all()
    return [LeaveView(*row) for row in rows]
