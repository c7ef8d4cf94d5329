"""Worker records after approval: the list, one worker's whole record, suspension and
reinstatement, and the audited reveal of personal data.

Personal data stays encrypted at rest (``pii``). Lists never decrypt: they show the ID
number as stars and the last four (``id_number_suffix``). One worker's record decrypts
only to mask (``110***********1234``, ``**** **** 1234``); the whole number is shown only
by ``reveal_personal_data``, to a role with ``pii.reveal``, and each reveal writes an audit
row that names the field, never the number.

The edits of the record (profile, skills, districts, certificates) are in
``worker_record_edits``; shifts and leave in ``schedules``.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, case, func, insert, or_, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import (
    Branch,
    Complaint,
    District,
    Skill,
    StaffUser,
    StateEvent,
    VettingCase,
    Worker,
    WorkerDistrict,
    WorkerSkill,
)
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services import audit, pii, reviews, schedules
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import Page, clean_text, like_pattern
from jiazheng_desk.services.errors import Conflict, ValidationError
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id
from jiazheng_desk.services.timeutil import get_branch_timezone, local_day
from jiazheng_desk.services.worker_record_views import (
    ComplaintRow,
    DistrictRef,
    DocumentRow,
    HistoryRow,
    Revealed,
    SkillLevel,
    WorkerFilter,
    WorkerRecord,
    WorkerRow,
    list_documents,
    masked_suffix,
    require_worker,
)

__all__ = [
    "ComplaintRow",
    "DistrictRef",
    "DocumentRow",
    "HistoryRow",
    "Revealed",
    "SkillLevel",
    "WorkerFilter",
    "WorkerRecord",
    "WorkerRow",
    "get_worker_record",
    "list_workers",
    "reinstate_worker",
    "reveal_personal_data",
    "suspend_worker",
]

STATUSES = ("applicant", "active", "suspended", "left")
PII_FIELDS = ("id_number", "bank_account")
SORTABLE = ("name", "status", "rating", "years_experience", "joined_on", "id")
RECENT_REVIEWS = 10
RECENT_COMPLAINTS = 50
MAX_REASON = 255
SUFFIX_RE = re.compile(r"^\d{3}[\dXx]$")


def _state_event(
    session: Session, actor: Actor, worker_id: int, event: str, before: str, after: str, reason: str
) -> None:
    session.execute(
        insert(table_of(StateEvent)),
        {
            "entity": "worker",
            "entity_id": worker_id,
            "event": event,
            "from_state": before,
            "to_state": after,
            "actor_kind": actor.kind,
            "actor_id": actor.id,
            "reason": reason,
            "created_at": clock.now(),
        },
    )


# --- the list ----------------------------------------------------------------------------


def _match(text: str) -> ColumnElement[bool] | None:
    typed = re.sub(r"[\s-]", "", text or "")
    if not typed:
        return None
    if SUFFIX_RE.match(typed):
        # four digits: the ID number's last four, or part of the phone
        return or_(
            Worker.id_number_suffix == typed.upper(),
            Worker.phone.like(like_pattern(typed), escape="\\"),
        )
    if typed.isdigit():
        return Worker.phone.like(like_pattern(typed), escape="\\")
    if typed.isascii() and typed.isalpha():
        low = typed.lower()
        return or_(
            Worker.name_initials.like(f"{low}%"), Worker.name.like(like_pattern(low), escape="\\")
        )
    return Worker.name.like(like_pattern(text.strip()), escape="\\")


def _filtered(stmt: Any, actor: Actor, flt: WorkerFilter) -> Any:
    scope = scope_branch_id(actor)
    if scope is not None:
        stmt = stmt.where(Worker.branch_id == scope)
    elif flt.branch_id is not None:
        stmt = stmt.where(Worker.branch_id == flt.branch_id)
    if flt.status:
        if flt.status not in STATUSES:
            raise ValidationError("worker_records.bad_status", field="status")
        stmt = stmt.where(Worker.status == flt.status)
    if flt.skill_id is not None:
        stmt = stmt.where(
            select(WorkerSkill.id)
            .where(WorkerSkill.worker_id == Worker.id, WorkerSkill.skill_id == flt.skill_id)
            .exists()
        )
    if flt.district_id is not None:
        stmt = stmt.where(
            select(WorkerDistrict.worker_id)
            .where(
                WorkerDistrict.worker_id == Worker.id,
                WorkerDistrict.district_id == flt.district_id,
            )
            .exists()
        )
    condition = _match(flt.text)
    if condition is not None:
        stmt = stmt.where(condition)
    return stmt


def _rating_expr() -> Any:
    return case((Worker.rating_count > 0, 1.0 * Worker.rating_sum / Worker.rating_count), else_=0.0)


def list_workers(
    session: Session,
    *,
    actor: Actor,
    flt: WorkerFilter | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "name",
    descending: bool = False,
) -> Page[WorkerRow]:
    """A page of the branch's workers (HQ: every branch), filtered and sorted by the database."""
    require(actor, Perm.WORKER_VIEW)
    flt = flt or WorkerFilter()
    total = session.scalar(_filtered(select(func.count(Worker.id)), actor, flt)) or 0
    key = sort if sort in SORTABLE else "name"
    column: Any = _rating_expr() if key == "rating" else getattr(Worker, key)
    order = [column.desc(), Worker.id.desc()] if descending else [column, Worker.id]
    limit = max(1, min(limit, 500))
    rows = session.execute(
        _filtered(select(Worker, Branch.name), actor, flt)
        .join(Branch, Branch.id == Worker.branch_id)
        .order_by(*order)
        .offset(max(0, offset))
        .limit(limit)
    ).all()
    ids = [w.id for w, _ in rows]
    skills: dict[int, list[str]] = {}
    if ids:
        for wid, name, level in session.execute(
            select(WorkerSkill.worker_id, Skill.name, WorkerSkill.level)
            .join(Skill, Skill.id == WorkerSkill.skill_id)
            .where(WorkerSkill.worker_id.in_(ids))
            .order_by(WorkerSkill.level.desc(), Skill.name)
        ).all():
            skills.setdefault(int(wid), []).append(f"{name}{level}")
    items = tuple(
        WorkerRow(
            id=w.id,
            name=w.name,
            phone=w.phone,
            gender=w.gender,
            branch_id=w.branch_id,
            branch_name=branch_name,
            status=w.status,
            status_reason=w.status_reason,
            id_number_masked=masked_suffix(w.id_number_suffix),
            skills=tuple(skills.get(w.id, ())),
            years_experience=w.years_experience,
            rating_average=round(w.rating_sum / w.rating_count, 2) if w.rating_count else None,
            rating_count=w.rating_count,
            joined_on=w.joined_on,
        )
        for w, branch_name in rows
    )
    return Page(items=items, total=int(total), offset=offset)


# --- one worker's record -----------------------------------------------------------------


def _masked(token: bytes | None, mask: Any, fallback: str) -> str:
    """Decrypt only to mask; without the key the stored suffix still tells enough."""
    if token is None:
        return ""
    try:
        return str(mask(pii.decrypt(token)))
    except pii.PersonalDataUnavailable:
        return fallback


def _history(session: Session, worker_id: int) -> tuple[HistoryRow, ...]:
    """The worker's own transitions and those of the worker's vetting cases."""
    case_ids = select(VettingCase.id).where(VettingCase.worker_id == worker_id)
    rows = session.execute(
        select(StateEvent, StaffUser.display_name)
        .outerjoin(
            StaffUser, (StaffUser.id == StateEvent.actor_id) & (StateEvent.actor_kind == "staff")
        )
        .where(
            or_(
                (StateEvent.entity == "worker") & (StateEvent.entity_id == worker_id),
                (StateEvent.entity == "vetting_case") & StateEvent.entity_id.in_(case_ids),
            )
        )
        .order_by(StateEvent.created_at.desc(), StateEvent.id.desc())
        .limit(200)
    ).all()
    return tuple(
        HistoryRow(
            id=e.id,
            entity=e.entity,
            event=e.event,
            from_state=e.from_state,
            to_state=e.to_state,
            actor_kind=e.actor_kind,
            actor_name=name or "",
            reason=e.reason,
            created_at=e.created_at,
        )
        for e, name in rows
    )


def get_worker_record(session: Session, *, actor: Actor, worker_id: int) -> WorkerRecord:
    """Everything the desk shows of one worker (personal numbers masked)."""
    worker = require_worker(session, actor, worker_id, Perm.WORKER_VIEW)
    tz = get_branch_timezone(session, worker.branch_id)
    today = local_day(clock.now(), tz)
    branch_name = session.scalar(select(Branch.name).where(Branch.id == worker.branch_id)) or ""
    skills = tuple(
        SkillLevel(int(sid), code, name, int(level), cert or "")
        for sid, code, name, level, cert in session.execute(
            select(Skill.id, Skill.code, Skill.name, WorkerSkill.level, Skill.required_cert_type)
            .join(WorkerSkill, WorkerSkill.skill_id == Skill.id)
            .where(WorkerSkill.worker_id == worker_id)
            .order_by(Skill.name)
        ).all()
    )
    districts = tuple(
        DistrictRef(int(did), name)
        for did, name in session.execute(
            select(District.id, District.name)
            .join(WorkerDistrict, WorkerDistrict.district_id == District.id)
            .where(WorkerDistrict.worker_id == worker_id)
            .order_by(District.name)
        ).all()
    )
    complaints = tuple(
        ComplaintRow(c.id, c.category, c.priority, c.state, c.text, c.created_at)
        for c in session.scalars(
            select(Complaint)
            .where(Complaint.worker_id == worker_id)
            .order_by(Complaint.created_at.desc(), Complaint.id.desc())
            .limit(RECENT_COMPLAINTS)
        ).all()
    )
    return WorkerRecord(
        id=worker.id,
        name=worker.name,
        phone=worker.phone,
        gender=worker.gender,
        birth_date=worker.birth_date,
        branch_id=worker.branch_id,
        branch_name=branch_name,
        timezone=tz,
        status=worker.status,
        status_reason=worker.status_reason,
        work_status=worker.work_status,
        id_number_masked=_masked(
            worker.id_number_enc, pii.mask_id_number, masked_suffix(worker.id_number_suffix)
        ),
        has_id_number=worker.id_number_enc is not None,
        years_experience=worker.years_experience,
        home_address=worker.home_address,
        bio=worker.bio,
        bank_name=worker.bank_name,
        bank_account_masked=_masked(worker.bank_account_enc, pii.mask_bank_account, "****"),
        has_bank_account=worker.bank_account_enc is not None,
        joined_on=worker.joined_on,
        today=today,
        rating_average=(
            round(worker.rating_sum / worker.rating_count, 2) if worker.rating_count else None
        ),
        rating_count=worker.rating_count,
        skills=skills,
        districts=districts,
        shifts=tuple(schedules.list_shifts(session, worker_id=worker_id, actor=actor)),
        documents=list_documents(session, worker_id, today),
        recent_reviews=reviews.list_worker_reviews(
            session, worker_id=worker_id, limit=RECENT_REVIEWS
        ).items,
        complaints=complaints,
        history=_history(session, worker_id),
    )


# --- suspension --------------------------------------------------------------------------


def _reason(reason: str) -> str:
    return clean_text(
        reason,
        field="reason",
        label=Msg("worker_records.field.reason"),
        max_len=MAX_REASON,
        required=True,
    )


def _change_status(
    session: Session,
    actor: Actor,
    worker_id: int,
    *,
    event: str,
    before: str,
    after: str,
    reason: str,
) -> WorkerRecord:
    text = _reason(reason)
    worker = require_worker(session, actor, worker_id, Perm.WORKER_SUSPEND, lock=True)
    if worker.status != before:
        raise Conflict(
            f"worker_records.cannot_{event}", status=Msg(f"worker.status.{worker.status}")
        )
    worker.status = after
    worker.status_reason = text if after == "suspended" else ""
    worker.updated_at = clock.now()
    if after == "suspended":
        # a suspended worker must not look available in the apps
        worker.work_status = "offline"
    session.flush()
    _state_event(session, actor, worker_id, event, before, after, text)
    audit.record(
        session,
        actor=actor,
        action=f"worker.{event}",
        entity="worker",
        entity_id=worker_id,
        before={"status": before},
        after={"status": after, "reason": text},
        branch_id=worker.branch_id,
    )
    return get_worker_record(session, actor=actor, worker_id=worker_id)


def suspend_worker(session: Session, *, actor: Actor, worker_id: int, reason: str) -> WorkerRecord:
    """Suspend an active worker: no candidate, offer, booking or grab until reinstated."""
    return _change_status(
        session,
        actor,
        worker_id,
        event="suspend",
        before="active",
        after="suspended",
        reason=reason,
    )


def reinstate_worker(
    session: Session, *, actor: Actor, worker_id: int, reason: str
) -> WorkerRecord:
    """Take a suspended worker back into dispatch."""
    return _change_status(
        session,
        actor,
        worker_id,
        event="reinstate",
        before="suspended",
        after="active",
        reason=reason,
    )


# --- personal data -----------------------------------------------------------------------


def reveal_personal_data(session: Session, *, actor: Actor, worker_id: int, field: str) -> Revealed:
    """The whole ID number or bank account, for a role allowed to see it; always audited."""
    if field not in PII_FIELDS:
        raise ValidationError("worker_records.bad_pii_field", field="field")
    worker = require_worker(session, actor, worker_id, Perm.PII_REVEAL)
    token = worker.id_number_enc if field == "id_number" else worker.bank_account_enc
    if token is None:
        raise Conflict("worker_records.no_pii", what=Msg(f"worker_records.pii.{field}"))
    value = pii.decrypt(token)
    audit.record(
        session,
        actor=actor,
        action="worker.pii_reveal",
        entity="worker",
        entity_id=worker_id,
        # which field was seen, by whom: never the number itself
        after={"field": field},
        branch_id=worker.branch_id,
    )
    return Revealed(worker_id, field, value)
