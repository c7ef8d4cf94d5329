"""What the worker-record services return, and the helpers they share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import StaffUser, Worker, WorkerDocument
from jiazheng_desk.services import reviews, schedules
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import NotFound
from jiazheng_desk.services.permissions import Perm, require
from jiazheng_desk.services.timeutil import get_branch_timezone, local_day

# an ID number is 18 characters; a list shows stars and the last four
ID_STARS = "*" * 14


# --- what the services return ------------------------------------------------------------


@dataclass(frozen=True)
class WorkerFilter:
    """The list's filters; empty or None means "any"."""

    status: str = ""
    skill_id: int | None = None
    district_id: int | None = None
    # a name, pinyin initials, digits of the phone, or the ID number's last four
    text: str = ""
    # HQ only: one branch (others always see their own)
    branch_id: int | None = None


@dataclass(frozen=True)
class WorkerRow:
    id: int
    name: str
    phone: str
    gender: str
    branch_id: int
    branch_name: str
    status: str
    status_reason: str
    # "**************1234": never decrypted for a list
    id_number_masked: str
    skills: tuple[str, ...]
    years_experience: int
    rating_average: float | None
    rating_count: int
    joined_on: date | None


@dataclass(frozen=True)
class SkillLevel:
    skill_id: int
    code: str
    name: str
    level: int
    required_cert_type: str


@dataclass(frozen=True)
class DistrictRef:
    id: int
    name: str


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: str
    cert_type: str
    number: str
    issuer: str
    issued_on: date | None
    expires_on: date | None
    # submitted | verified | rejected
    status: str
    verified_by_name: str
    verified_at: datetime | None
    # days from the branch's today to the expiry (negative: expired); None: no expiry
    days_left: int | None


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    category: str
    priority: str
    state: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class HistoryRow:
    id: int
    entity: str
    event: str
    from_state: str
    to_state: str
    actor_kind: str
    actor_name: str
    reason: str
    created_at: datetime


@dataclass(frozen=True)
class WorkerRecord:
    id: int
    name: str
    phone: str
    gender: str
    birth_date: date | None
    branch_id: int
    branch_name: str
    timezone: str
    status: str
    status_reason: str
    work_status: str
    id_number_masked: str
    has_id_number: bool
    years_experience: int
    home_address: str
    bio: str
    bank_name: str
    bank_account_masked: str
    has_bank_account: bool
    joined_on: date | None
    today: date
    rating_average: float | None
    rating_count: int
    skills: tuple[SkillLevel, ...]
    districts: tuple[DistrictRef, ...]
    shifts: tuple[schedules.Shift, ...]
    documents: tuple[DocumentRow, ...]
    recent_reviews: tuple[reviews.ReviewView, ...]
    complaints: tuple[ComplaintRow, ...]
    history: tuple[HistoryRow, ...]


@dataclass(frozen=True)
class Revealed:
    worker_id: int
    field: str
    value: str


# --- shared helpers ----------------------------------------------------------------------


def masked_suffix(suffix: str) -> str:
    """The ID number as a list shows it, from the stored last four only."""
    return f"{ID_STARS}{suffix}" if suffix else ""


def require_worker(
    session: Session, actor: Actor, worker_id: int, perm: Perm, *, lock: bool = False
) -> Worker:
    """The worker row (locked for a change), after checking the permission on the
    worker's branch; "not found" when there is none."""
    require(actor, perm)
    worker = session.get(
        Worker, worker_id, with_for_update=True if lock else None, populate_existing=True
    )
    if worker is None:
        raise NotFound("worker", worker_id)
    require(actor, perm, branch_id=worker.branch_id)
    return worker


def get_branch_today(session: Session, branch_id: int | None) -> date:
    """The branch's local calendar day now."""
    return local_day(clock.now(), get_branch_timezone(session, branch_id))


def list_documents(session: Session, worker_id: int, today: date) -> tuple[DocumentRow, ...]:
    """A worker's documents with the days left to each expiry (no permission check: the
    callers checked it)."""
    rows = session.execute(
        select(WorkerDocument, StaffUser.display_name)
        .outerjoin(StaffUser, StaffUser.id == WorkerDocument.verified_by)
        .where(WorkerDocument.worker_id == worker_id)
        .order_by(WorkerDocument.kind, WorkerDocument.expires_on, WorkerDocument.id)
    ).all()
    return tuple(
        DocumentRow(
            id=d.id,
            kind=d.kind,
            cert_type=d.cert_type,
            number=d.number,
            issuer=d.issuer,
            issued_on=d.issued_on,
            expires_on=d.expires_on,
            status=d.status,
            verified_by_name=by or "",
            verified_at=d.verified_at,
            days_left=(d.expires_on - today).days if d.expires_on is not None else None,
        )
        for d, by in rows
    )
