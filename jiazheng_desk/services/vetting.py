"""Vetting of worker applications: the branch's queue, the case, and the decision.

The application form (``applications.py``) opens the case; the officer takes it, runs
and records its checks (``vetting_checks.py``, ``vetting_recorded.py``) and decides:
approve with the skills, levels and districts granted, reject with a reason the worker
reads in the app, or ask for more documents. Nothing is approved while a check has not
passed, unless an HQ administrator overrides with a written reason. Every transition is
a ``state_event`` and an audit row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import t
from jiazheng_desk.models import (
    Branch,
    District,
    MediaFile,
    Skill,
    StaffUser,
    Worker,
    WorkerDistrict,
    WorkerDocument,
)
from jiazheng_desk.services import media, pii
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import Page, like_pattern
from jiazheng_desk.services.errors import PermissionDenied
from jiazheng_desk.services.idcard import is_valid_id_number, normalise
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id
from jiazheng_desk.services.vetting_core import (
    CASES,
    CHECK_KINDS,
    CHECKS,
    EVENTS,
    OPEN_STATES,
    find_blocking_checks,
    get_applicant,
    get_requested_skills,
    masked_id_number,
    render_detail,
    require_case,
)

SORTABLE = {
    "created_at": CASES.c.created_at,
    "updated_at": CASES.c.updated_at,
    "state": CASES.c.state,
}


@dataclass(frozen=True)
class QueueFilter:
    state: str | None = None
    text: str = ""
    branch_id: int | None = None
    # only the cases still to decide (new, under review, waiting for documents)
    open_only: bool = False


@dataclass(frozen=True)
class QueueRow:
    id: int
    worker_id: int
    name: str
    phone: str
    gender: str
    id_number_masked: str
    requested_skills: str
    state: str
    branch_name: str
    created_at: datetime
    updated_at: datetime
    # minutes since the application arrived
    age_minutes: int


@dataclass(frozen=True)
class SkillView:
    id: int
    code: str
    name: str
    required_cert_type: str


@dataclass(frozen=True)
class DocumentView:
    id: int
    kind: str
    cert_type: str
    number: str
    issuer: str
    expires_on: date | None
    status: str
    media_id: int | None
    verified_by_name: str
    verified_at: datetime | None


@dataclass(frozen=True)
class CheckView:
    kind: str
    # pending | passed | failed | not_answered
    result: str
    detail: str
    run_by_name: str
    run_at: datetime | None


@dataclass(frozen=True)
class EventView:
    event: str
    from_state: str
    to_state: str
    actor_name: str
    reason: str
    created_at: datetime


@dataclass(frozen=True)
class CaseView:
    id: int
    state: str
    branch_id: int
    branch_name: str
    worker_id: int
    name: str
    gender: str
    birth_date: date | None
    phone: str
    id_number_masked: str
    years_experience: int
    home_address: str
    worker_status: str
    districts: tuple[tuple[int, str], ...]
    requested_skills: tuple[SkillView, ...]
    documents: tuple[DocumentView, ...]
    checks: tuple[CheckView, ...]
    events: tuple[EventView, ...]
    decision_reason: str
    override_reason: str
    decided_by_name: str
    decided_at: datetime | None
    created_at: datetime
    # the checks that have not passed (approval needs an HQ override while any remain)
    blocking: tuple[str, ...]


@dataclass(frozen=True)
class PhotoData:
    media_id: int
    content_type: str
    data: bytes


# --- the queue ---------------------------------------------------------------------------


def _search(text: str) -> Any:
    compact = normalise(re.sub(r"[\s-]", "", text))
    if not compact:
        return None
    if len(compact) == 18 and is_valid_id_number(compact):
        return Worker.id_number_hash == pii.lookup_hash(compact)
    if compact.isdigit() or (compact[:-1].isdigit() and compact.endswith("X")):
        conditions = [Worker.phone.like(like_pattern(compact), escape="\\")]
        if len(compact) <= 4:
            conditions.append(Worker.id_number_suffix.like(f"%{compact}"))
        return or_(*conditions)
    if compact.isascii() and compact.isalpha():
        low = compact.lower()
        return or_(
            Worker.name_initials.like(f"{low}%"),
            Worker.name.like(like_pattern(text.strip()), escape="\\"),
        )
    return Worker.name.like(like_pattern(text.strip()), escape="\\")


def list_applications(
    session: Session,
    *,
    actor: Actor,
    flt: QueueFilter | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "created_at",
    descending: bool = False,
) -> Page[QueueRow]:
    """The applications of the actor's branch (HQ: all or one), oldest first."""
    require(actor, Perm.VETTING_REVIEW)
    flt = flt or QueueFilter()
    conditions: list[Any] = []
    scope = scope_branch_id(actor)
    if scope is not None:
        conditions.append(CASES.c.branch_id == scope)
    elif flt.branch_id is not None:
        conditions.append(CASES.c.branch_id == flt.branch_id)
    if flt.state:
        conditions.append(CASES.c.state == flt.state)
    elif flt.open_only:
        conditions.append(CASES.c.state.in_(OPEN_STATES))
    match = _search(flt.text)
    if match is not None:
        conditions.append(match)
    base = select(func.count(CASES.c.id)).join(Worker, Worker.id == CASES.c.worker_id)
    total = session.scalar(base.where(*conditions)) or 0
    column = SORTABLE.get(sort, CASES.c.created_at)
    order = [column.desc(), CASES.c.id.desc()] if descending else [column, CASES.c.id]
    rows = session.execute(
        select(
            CASES.c.id,
            CASES.c.worker_id,
            Worker.name,
            Worker.phone,
            Worker.gender,
            Worker.id_number_enc,
            Worker.id_number_suffix,
            CASES.c.requested_skills,
            CASES.c.state,
            Branch.name,
            CASES.c.created_at,
            CASES.c.updated_at,
        )
        .join(Worker, Worker.id == CASES.c.worker_id)
        .join(Branch, Branch.id == CASES.c.branch_id)
        .where(*conditions)
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    ).all()
    names = dict(session.execute(select(Skill.code, Skill.name)).all())
    now = clock.now()
    items = tuple(
        QueueRow(
            id=r[0],
            worker_id=r[1],
            name=r[2],
            phone=r[3],
            gender=r[4],
            id_number_masked=masked_id_number(r[5], r[6]),
            requested_skills="、".join(names.get(c, c) for c in r[7].split(",") if c),
            state=r[8],
            branch_name=r[9],
            created_at=r[10],
            updated_at=r[11],
            age_minutes=max(0, int((now - r[10]).total_seconds() // 60)),
        )
        for r in rows
    )
    return Page(items=items, total=total, offset=offset)


def get_queue_counts(session: Session, *, actor: Actor) -> dict[str, int]:
    """How many cases of the actor's branch are in each state (for the state tabs)."""
    require(actor, Perm.VETTING_REVIEW)
    stmt = select(CASES.c.state, func.count(CASES.c.id)).group_by(CASES.c.state)
    scope = scope_branch_id(actor)
    if scope is not None:
        stmt = stmt.where(CASES.c.branch_id == scope)
    return {state: int(n) for state, n in session.execute(stmt).all()}


# --- the case ----------------------------------------------------------------------------


def _staff_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = session.execute(
        select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(wanted))
    ).all()
    return {int(i): name for i, name in rows}


def get_case(session: Session, *, actor: Actor, case_id: int) -> CaseView:
    """The applicant (ID number masked), documents, checks, history and decision."""
    case = require_case(session, actor, case_id, Perm.VETTING_REVIEW, lock=False)
    worker = get_applicant(session, case.worker_id)
    branch_name = session.scalar(select(Branch.name).where(Branch.id == case.branch_id)) or ""
    districts = tuple(
        (int(i), n)
        for i, n in session.execute(
            select(District.id, District.name)
            .join(WorkerDistrict, WorkerDistrict.district_id == District.id)
            .where(WorkerDistrict.worker_id == worker.id)
            .order_by(District.name)
        ).all()
    )
    docs = session.execute(
        select(WorkerDocument, MediaFile.id)
        .outerjoin(
            MediaFile,
            (MediaFile.entity == "worker_document") & (MediaFile.entity_id == WorkerDocument.id),
        )
        .where(WorkerDocument.worker_id == worker.id)
        .order_by(WorkerDocument.id)
    ).all()
    checks = {
        row.kind: row
        for row in session.execute(select(CHECKS).where(CHECKS.c.case_id == case.id)).all()
    }
    events = session.execute(
        select(EVENTS)
        .where(EVENTS.c.entity == "vetting_case", EVENTS.c.entity_id == case.id)
        .order_by(EVENTS.c.created_at, EVENTS.c.id)
    ).all()
    names = _staff_names(
        session,
        {d.verified_by for d, _ in docs}
        | {c.run_by for c in checks.values()}
        | {e.actor_id for e in events if e.actor_kind == "staff"}
        | {case.decided_by},
    )
    kinds = list(CHECK_KINDS) + [k for k in checks if k not in CHECK_KINDS]
    return CaseView(
        id=case.id,
        state=case.state,
        branch_id=case.branch_id,
        branch_name=branch_name,
        worker_id=worker.id,
        name=worker.name,
        gender=worker.gender,
        birth_date=worker.birth_date,
        phone=worker.phone,
        id_number_masked=masked_id_number(worker.id_number_enc, worker.id_number_suffix),
        years_experience=worker.years_experience,
        home_address=worker.home_address,
        worker_status=worker.status,
        districts=districts,
        requested_skills=tuple(
            SkillView(s.id, s.code, s.name, s.required_cert_type or "")
            for s in get_requested_skills(session, case)
        ),
        documents=tuple(
            DocumentView(
                id=d.id,
                kind=d.kind,
                cert_type=d.cert_type,
                number=d.number,
                issuer=d.issuer,
                expires_on=d.expires_on,
                status=d.status,
                media_id=media_id,
                verified_by_name=names.get(d.verified_by, "") if d.verified_by else "",
                verified_at=d.verified_at,
            )
            for d, media_id in docs
        ),
        checks=tuple(
            CheckView(
                kind=k,
                result=checks[k].result if k in checks else "pending",
                detail=render_detail(checks[k].detail) if k in checks else "",
                run_by_name=(
                    names.get(checks[k].run_by, "")
                    if k in checks and checks[k].run_by
                    else (t("vetting.run_by_system") if k in checks else "")
                ),
                run_at=checks[k].run_at if k in checks else None,
            )
            for k in kinds
        ),
        events=tuple(
            EventView(
                event=e.event,
                from_state=e.from_state,
                to_state=e.to_state,
                actor_name=(
                    names.get(e.actor_id, "")
                    if e.actor_kind == "staff" and e.actor_id
                    else worker.name
                    if e.actor_kind == "worker"
                    else t("vetting.run_by_system")
                ),
                reason=e.reason,
                created_at=e.created_at,
            )
            for e in events
        ),
        decision_reason=case.decision_reason,
        override_reason=case.override_reason,
        decided_by_name=names.get(case.decided_by, "") if case.decided_by else "",
        decided_at=case.decided_at,
        created_at=case.created_at,
        blocking=find_blocking_checks(session, case.id),
    )


def get_document_photo(
    session: Session, *, actor: Actor, media_id: int, media_dir: Path
) -> PhotoData:
    """The bytes of an ID or certificate photo, for those who may review applications."""
    require(actor, Perm.VETTING_REVIEW)
    view = media.get_media(session, actor=actor, media_id=media_id)
    if view.entity != "worker_document":
        raise PermissionDenied("vetting.not_a_document")
    data = media.file_path(media_dir, view).read_bytes()
    return PhotoData(view.id, view.content_type, data)
