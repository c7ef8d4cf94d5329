"""The vetting decision: take a case, then approve, reject or ask for documents.

Approval grants the skills (with levels) and districts, makes the worker active and
verifies the ID documents; it is refused while a check has not passed, unless an HQ
administrator overrides with a written reason (kept on the case and audited on its own
row). Each decision writes a state event and an audit row, and a message in the
worker's message centre; the reason of a rejection or of the documents asked for is
what the app shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg, t
from jiazheng_desk.models import (
    District,
    Notification,
    Skill,
    WorkerDistrict,
    WorkerDocument,
    WorkerSkill,
)
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import clean_text
from jiazheng_desk.services.errors import Conflict, PermissionDenied, ValidationError
from jiazheng_desk.services.permissions import Perm, allowed
from jiazheng_desk.services.vetting import CaseView, get_case
from jiazheng_desk.services.vetting_core import (
    find_blocking_checks,
    get_applicant,
    get_branch_today,
    require_case,
    transition,
)

MAX_LEVEL = 5
ID_DOCUMENT_KINDS = ("id_front", "id_back", "id_card", "selfie")


@dataclass(frozen=True)
class SkillGrant:
    skill_id: int
    level: int


def take_case(session: Session, *, actor: Actor, case_id: int) -> CaseView:
    """Start reviewing a new case (or one whose documents arrived)."""
    case = require_case(session, actor, case_id, Perm.VETTING_REVIEW, lock=True)
    transition(session, actor, case, "take")
    return get_case(session, actor=actor, case_id=case_id)


def _notify(session: Session, worker_id: int, case_id: int, kind: str, reason: str) -> None:
    """A message in the worker's message centre (stored in the franchise's language)."""
    session.connection().execute(
        insert(table_of(Notification)),
        {
            "recipient_kind": "worker",
            "recipient_id": worker_id,
            "kind": f"vetting_{kind}",
            "title": t(f"vetting.notify.{kind}_title", lang="zh_CN"),
            "body": t(f"vetting.notify.{kind}_body", lang="zh_CN", reason=reason),
            "entity": "vetting_case",
            "entity_id": case_id,
            "created_at": clock.now(),
        },
    )


def _reason(text: str, field: str = "reason") -> str:
    return clean_text(
        text, field=field, label=Msg("vetting.field.reason"), max_len=2000, required=True
    )


def reject_case(session: Session, *, actor: Actor, case_id: int, reason: str) -> CaseView:
    """Decline the application; the worker reads the reason in the app."""
    case = require_case(session, actor, case_id, Perm.VETTING_DECIDE, lock=True)
    text = _reason(reason)
    now = clock.now()
    transition(
        session,
        actor,
        case,
        "reject",
        reason=text,
        decision_reason=text,
        decided_by=actor.id if actor.is_staff else None,
        decided_at=now,
    )
    _notify(session, case.worker_id, case.id, "rejected", text)
    return get_case(session, actor=actor, case_id=case_id)


def ask_for_documents(session: Session, *, actor: Actor, case_id: int, missing: str) -> CaseView:
    """Send the application back for more documents, saying what is missing."""
    case = require_case(session, actor, case_id, Perm.VETTING_DECIDE, lock=True)
    text = _reason(missing, "missing")
    transition(session, actor, case, "ask_documents", reason=text, decision_reason=text)
    _notify(session, case.worker_id, case.id, "documents", text)
    return get_case(session, actor=actor, case_id=case_id)


def _grants(session: Session, grants: Sequence[SkillGrant]) -> dict[int, int]:
    chosen: dict[int, int] = {}
    for g in grants:
        if not 1 <= g.level <= MAX_LEVEL:
            raise ValidationError("vetting.bad_level", field="skills", max=MAX_LEVEL)
        chosen[g.skill_id] = g.level
    if not chosen:
        raise ValidationError("vetting.skills_required", field="skills")
    known = set(session.scalars(select(Skill.id).where(Skill.id.in_(chosen))).all())
    unknown = [i for i in chosen if i not in known]
    if unknown:
        raise ValidationError("vetting.unknown_skill", field="skills", id=unknown[0])
    return chosen


def _districts(session: Session, branch_id: int, district_ids: Sequence[int]) -> list[int]:
    ids = list(dict.fromkeys(district_ids))
    if not ids:
        raise ValidationError("vetting.districts_required", field="districts")
    rows = dict(
        session.execute(
            select(District.id, District.branch_id).where(
                District.id.in_(ids), District.is_active.is_(True)
            )
        ).all()
    )
    for i in ids:
        if rows.get(i) != branch_id:
            raise ValidationError("vetting.bad_district", field="districts", id=i)
    return ids


def approve_case(
    session: Session,
    *,
    actor: Actor,
    case_id: int,
    skills: Sequence[SkillGrant],
    district_ids: Sequence[int],
    override_reason: str = "",
) -> CaseView:
    """Take the applicant on with the skills, levels and districts granted.

    Every check must have passed; otherwise only an HQ administrator may approve, with a
    written reason (kept on the case and in the audit log)."""
    case = require_case(session, actor, case_id, Perm.VETTING_DECIDE, lock=True)
    chosen = _grants(session, skills)
    districts = _districts(session, case.branch_id, district_ids)
    blocking = find_blocking_checks(session, case.id)
    override = override_reason.strip()
    if blocking and not override:
        raise Conflict(
            "vetting.checks_not_passed",
            checks="、".join(t(f"vetting.check.{k}") for k in blocking),
        )
    if override:
        if not allowed(actor, Perm.VETTING_OVERRIDE):
            raise PermissionDenied("vetting.override_hq_only")
        override = _reason(override, "override_reason")
    worker = get_applicant(session, case.worker_id, lock=True)
    if worker.status != "applicant":
        raise Conflict("vetting.not_applicant", status=Msg(f"worker.status.{worker.status}"))
    now = clock.now()
    staff_id = actor.id if actor.is_staff else None
    session.execute(delete(WorkerSkill).where(WorkerSkill.worker_id == worker.id))
    session.execute(
        insert(WorkerSkill),
        [
            {
                "worker_id": worker.id,
                "skill_id": skill_id,
                "level": level,
                "granted_by": staff_id,
                "granted_at": now,
            }
            for skill_id, level in chosen.items()
        ],
    )
    session.execute(delete(WorkerDistrict).where(WorkerDistrict.worker_id == worker.id))
    session.execute(
        insert(WorkerDistrict), [{"worker_id": worker.id, "district_id": d} for d in districts]
    )
    session.execute(
        update(WorkerDocument)
        .where(
            WorkerDocument.worker_id == worker.id,
            WorkerDocument.kind.in_(ID_DOCUMENT_KINDS),
            WorkerDocument.status == "submitted",
        )
        .values(status="verified", verified_by=staff_id, verified_at=now)
    )
    worker.status = "active"
    worker.status_reason = ""
    worker.joined_on = get_branch_today(session, case.branch_id)
    worker.updated_at = now
    session.flush()
    transition(
        session,
        actor,
        case,
        "approve",
        reason=override,
        after={
            "skills": {str(k): v for k, v in chosen.items()},
            "district_ids": districts,
            "override_reason": override,
            "overridden_checks": list(blocking) if override else [],
        },
        decision_reason="",
        override_reason=override,
        decided_by=staff_id,
        decided_at=now,
    )
    if override:
        audit.record(
            session,
            actor=actor,
            action="vetting.override",
            entity="vetting_case",
            entity_id=case.id,
            after={"reason": override, "checks": list(blocking)},
            branch_id=case.branch_id,
        )
    _notify(session, worker.id, case.id, "approved", "")
    return get_case(session, actor=actor, case_id=case_id)
