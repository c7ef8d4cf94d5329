"""Edits of a worker's record at the desk: profile, skills and levels, districts, and
certificates (add, update, verify or reject).

A certificate counts for dispatch only while it is verified and before its expiry day
(``fit.py``): a certificate whose expiry has passed is refused here, and changing what a
verified certificate says (type, number, expiry) sends it back to "submitted" — what was
verified was the old paper.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import (
    District,
    Skill,
    Worker,
    WorkerDistrict,
    WorkerDocument,
    WorkerSkill,
)
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit, pii
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.certificates import require_usable
from jiazheng_desk.services.common import clean_mobile, clean_text
from jiazheng_desk.services.errors import Conflict, ValidationError
from jiazheng_desk.services.names import name_initials
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.services.worker_record_views import (
    DocumentRow,
    WorkerRecord,
    get_branch_today,
    list_documents,
    require_worker,
)
from jiazheng_desk.services.worker_records import get_worker_record

DOCS = table_of(WorkerDocument)
SKILLS = table_of(WorkerSkill)
GENDERS = ("female", "male")
MAX_EXPERIENCE_YEARS = 60
MAX_BIO = 1000
MIN_LEVEL, MAX_LEVEL = 1, 5
BANK_RE = re.compile(r"^\d{12,30}$")
PROFILE_FIELDS = ("name", "gender", "phone", "years_experience", "home_address", "bio", "bank_name")


@dataclass(frozen=True)
class SkillGrant:
    skill_id: int
    level: int


def _label(name: str) -> Msg:
    return Msg(f"worker_records.field.{name}")


def _text(value: str, name: str, max_len: int, *, required: bool = False) -> str:
    return clean_text(value, field=name, label=_label(name), max_len=max_len, required=required)


# --- the profile -------------------------------------------------------------------------


def update_worker_profile(
    session: Session,
    *,
    actor: Actor,
    worker_id: int,
    name: str,
    gender: str,
    phone: str,
    years_experience: int,
    home_address: str,
    bio: str = "",
    bank_name: str = "",
    bank_account: str | None = None,
) -> WorkerRecord:
    """Change the profile; ``bank_account`` None keeps the stored one, "" removes it."""
    worker = require_worker(session, actor, worker_id, Perm.WORKER_EDIT, lock=True)
    clean_name = _text(name, "name", 64, required=True)
    if gender not in GENDERS:
        raise ValidationError("worker_records.bad_gender", field="gender")
    mobile = clean_mobile(phone, required=True)
    if not 0 <= int(years_experience) <= MAX_EXPERIENCE_YEARS:
        raise ValidationError(
            "worker_records.bad_experience", field="years_experience", max=MAX_EXPERIENCE_YEARS
        )
    address = _text(home_address, "home_address", 255)
    about = _text(bio, "bio", MAX_BIO)
    bank = _text(bank_name, "bank_name", 64)
    account: str | None = None
    if bank_account is not None:
        account = re.sub(r"[\s-]", "", bank_account)
        if account and not BANK_RE.match(account):
            raise ValidationError("worker_records.bad_bank_account", field="bank_account")
        if account and not bank:
            raise ValidationError("worker_records.bank_name_required", field="bank_name")
    if mobile != worker.phone:
        other = session.scalar(
            select(Worker.name).where(Worker.phone == mobile, Worker.id != worker_id).limit(1)
        )
        if other is not None:
            raise ValidationError("worker_records.duplicate_phone", field="phone", name=other)
    before: dict[str, Any] = {f: getattr(worker, f) for f in PROFILE_FIELDS}
    worker.name = clean_name
    worker.name_initials = name_initials(clean_name)
    worker.gender = gender
    worker.phone = mobile
    worker.years_experience = int(years_experience)
    worker.home_address = address
    worker.bio = about
    worker.bank_name = bank
    if account is not None:
        worker.bank_account_enc = pii.encrypt(account) if account else None
    worker.updated_at = clock.now()
    session.flush()
    after: dict[str, Any] = {f: getattr(worker, f) for f in PROFILE_FIELDS}
    changed_before = {k: v for k, v in before.items() if after[k] != v}
    changed_after = {k: after[k] for k in changed_before}
    if account is not None:
        # the log says that the account changed and its last four, never the number
        changed_after["bank_account"] = pii.mask_bank_account(account) if account else ""
    audit.record(
        session,
        actor=actor,
        action="worker.profile_edit",
        entity="worker",
        entity_id=worker_id,
        before=changed_before,
        after=changed_after,
        branch_id=worker.branch_id,
    )
    return get_worker_record(session, actor=actor, worker_id=worker_id)


# --- skills and districts ----------------------------------------------------------------


def set_worker_skills(
    session: Session, *, actor: Actor, worker_id: int, skills: Sequence[SkillGrant]
) -> WorkerRecord:
    """Replace the worker's skills and their levels (1 = 初级 … 5 = 金牌)."""
    worker = require_worker(session, actor, worker_id, Perm.WORKER_EDIT, lock=True)
    wanted: dict[int, int] = {}
    for grant in skills:
        if not MIN_LEVEL <= int(grant.level) <= MAX_LEVEL:
            raise ValidationError(
                "worker_records.bad_level", field="skills", low=MIN_LEVEL, high=MAX_LEVEL
            )
        wanted[int(grant.skill_id)] = int(grant.level)
    if not wanted:
        raise ValidationError("worker_records.skills_required", field="skills")
    known = set(session.scalars(select(Skill.id).where(Skill.id.in_(list(wanted)))).all())
    for skill_id in wanted:
        if skill_id not in known:
            raise ValidationError("worker_records.unknown_skill", field="skills", id=skill_id)
    current = {
        int(sid): int(level)
        for sid, level in session.execute(
            select(SKILLS.c.skill_id, SKILLS.c.level).where(SKILLS.c.worker_id == worker_id)
        ).all()
    }
    now = clock.now()
    granted_by = actor.id if actor.is_staff else None
    gone = [sid for sid in current if sid not in wanted]
    if gone:
        session.execute(
            delete(SKILLS).where(SKILLS.c.worker_id == worker_id, SKILLS.c.skill_id.in_(gone))
        )
    for skill_id, level in wanted.items():
        if skill_id not in current:
            session.execute(
                insert(SKILLS),
                {
                    "worker_id": worker_id,
                    "skill_id": skill_id,
                    "level": level,
                    "granted_by": granted_by,
                    "granted_at": now,
                },
            )
        elif current[skill_id] != level:
            session.execute(
                update(SKILLS)
                .where(SKILLS.c.worker_id == worker_id, SKILLS.c.skill_id == skill_id)
                .values(level=level, granted_by=granted_by, granted_at=now)
            )
    audit.record(
        session,
        actor=actor,
        action="worker.skills_set",
        entity="worker",
        entity_id=worker_id,
        before={"skills": {str(k): v for k, v in sorted(current.items())}},
        after={"skills": {str(k): v for k, v in sorted(wanted.items())}},
        branch_id=worker.branch_id,
    )
    return get_worker_record(session, actor=actor, worker_id=worker_id)


def set_worker_districts(
    session: Session, *, actor: Actor, worker_id: int, district_ids: Sequence[int]
) -> WorkerRecord:
    """Replace the districts a worker serves (active districts of the worker's branch)."""
    worker = require_worker(session, actor, worker_id, Perm.WORKER_EDIT, lock=True)
    ids = list(dict.fromkeys(int(d) for d in district_ids))
    if not ids:
        raise ValidationError("worker_records.districts_required", field="district_ids")
    rows = {d.id: d for d in session.scalars(select(District).where(District.id.in_(ids))).all()}
    for district_id in ids:
        district = rows.get(district_id)
        if district is None:
            raise ValidationError(
                "worker_records.unknown_district", field="district_ids", id=district_id
            )
        if district.branch_id != worker.branch_id or not district.is_active:
            raise ValidationError(
                "worker_records.district_not_branch", field="district_ids", name=district.name
            )
    before = sorted(
        int(d)
        for d in session.scalars(
            select(WorkerDistrict.district_id).where(WorkerDistrict.worker_id == worker_id)
        ).all()
    )
    session.execute(delete(WorkerDistrict).where(WorkerDistrict.worker_id == worker_id))
    session.execute(
        insert(WorkerDistrict), [{"worker_id": worker_id, "district_id": d} for d in ids]
    )
    audit.record(
        session,
        actor=actor,
        action="worker.districts_set",
        entity="worker",
        entity_id=worker_id,
        before={"district_ids": before},
        after={"district_ids": sorted(ids)},
        branch_id=worker.branch_id,
    )
    return get_worker_record(session, actor=actor, worker_id=worker_id)


# --- certificates ------------------------------------------------------------------------


def _document(session: Session, worker_id: int, document_id: int) -> Any:
    row = session.execute(
        select(DOCS).where(DOCS.c.id == document_id).with_for_update()
    ).one_or_none()
    if row is None or row.worker_id != worker_id:
        raise ValidationError("worker_records.no_document", field="document_id", id=document_id)
    return row


def _document_view(session: Session, worker_id: int, document_id: int, today: date) -> DocumentRow:
    return next(d for d in list_documents(session, worker_id, today) if d.id == document_id)


def save_certificate(
    session: Session,
    *,
    actor: Actor,
    worker_id: int,
    cert_type: str,
    number: str,
    issuer: str,
    expires_on: date | None,
    issued_on: date | None = None,
    document_id: int | None = None,
) -> DocumentRow:
    """Add a certificate (``document_id`` None) or correct one; an expired one is refused."""
    worker = require_worker(session, actor, worker_id, Perm.WORKER_EDIT, lock=True)
    today = get_branch_today(session, worker.branch_id)
    kind = _text(cert_type, "cert_type", 32, required=True)
    no = _text(number, "cert_number", 64, required=True)
    by = _text(issuer, "cert_issuer", 128)
    expires_on = require_usable(kind, expires_on, today)
    if issued_on is not None and (issued_on > today or issued_on >= expires_on):
        raise ValidationError("worker_records.bad_issue_date", field="issued_on")
    values = {
        "cert_type": kind,
        "number": no,
        "issuer": by,
        "issued_on": issued_on,
        "expires_on": expires_on,
    }
    if document_id is None:
        document_id = inserted_id(
            session.execute(
                insert(DOCS),
                {
                    "worker_id": worker_id,
                    "kind": "certificate",
                    "file_path": "",
                    "status": "submitted",
                    "created_at": clock.now(),
                    **values,
                },
            )
        )
        before: dict[str, Any] = {}
        status = "submitted"
    else:
        row = _document(session, worker_id, document_id)
        if row.kind != "certificate":
            raise Conflict("worker_records.not_a_certificate")
        before = {k: getattr(row, k) for k in values} | {"status": row.status}
        # what was verified is the old paper: a new type, number or expiry needs a new look
        material = any(before[k] != values[k] for k in ("cert_type", "number", "expires_on"))
        status = "submitted" if material else row.status
        extra = {"verified_by": None, "verified_at": None} if material else {}
        session.execute(
            update(DOCS).where(DOCS.c.id == document_id).values(status=status, **values, **extra)
        )
    audit.record(
        session,
        actor=actor,
        action="worker.certificate_save",
        entity="worker",
        entity_id=worker_id,
        before=before,
        after={"document_id": document_id, **values, "status": status},
        branch_id=worker.branch_id,
    )
    return _document_view(session, worker_id, document_id, today)


def verify_certificate(
    session: Session,
    *,
    actor: Actor,
    worker_id: int,
    document_id: int,
    approve: bool = True,
    reason: str = "",
) -> DocumentRow:
    """Mark a document verified (who and when are kept) or rejected with a reason."""
    worker = require_worker(session, actor, worker_id, Perm.WORKER_EDIT, lock=True)
    today = get_branch_today(session, worker.branch_id)
    row = _document(session, worker_id, document_id)
    text = _text(reason, "reason", 255, required=not approve)
    if approve and row.kind == "certificate":
        require_usable(row.cert_type, row.expires_on, today)
    status = "verified" if approve else "rejected"
    if row.status == status:
        raise Conflict(f"worker_records.already_{status}")
    now = clock.now()
    session.execute(
        update(DOCS)
        .where(DOCS.c.id == document_id)
        .values(
            status=status,
            verified_by=actor.id if actor.is_staff else None,
            verified_at=now,
        )
    )
    audit.record(
        session,
        actor=actor,
        action="worker.certificate_verify" if approve else "worker.certificate_reject",
        entity="worker",
        entity_id=worker_id,
        before={"document_id": document_id, "status": row.status},
        after={"document_id": document_id, "status": status, "reason": text},
        branch_id=worker.branch_id,
    )
    return _document_view(session, worker_id, document_id, today)
