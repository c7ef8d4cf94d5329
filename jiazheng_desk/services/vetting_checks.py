"""The checks of a vetting case, run or recorded by the officer.

Automatic ones read the database or ask a gateway: the ID number (GB 11643, the form's
birth date and sex, the age limits of the services asked), duplicates (the same ID
number or phone on another worker of any branch), the franchise's blacklist, the
external background check, required training, and the real-name and face check. The
officer records the others: each certificate (type, number, issuer, expiry) and the
interview. A gateway that does not answer leaves its check ``not_answered``: shown as
"not answered, retry", never as a pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import (
    BlacklistEntry,
    Branch,
    Enrollment,
    MediaFile,
    TrainingCourse,
    Worker,
    WorkerDocument,
)
from jiazheng_desk.services import blacklist, media, vetting_recorded
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.background import CLEAR, HIT, BackgroundCheckGateway
from jiazheng_desk.services.errors import NotFound, ValidationError
from jiazheng_desk.services.idcard import parse_id_number
from jiazheng_desk.services.identity import NO_ANSWER, IdentityGateway
from jiazheng_desk.services.settings import get_settings
from jiazheng_desk.services.vetting_core import (
    detail,
    get_applicant,
    get_branch_today,
    get_requested_skills,
    id_number_of,
    record_check,
    require_open_case,
)

# a skill that needs one of these is maternity work, with its own age limit
MATERNITY_CERTS = ("母婴护理证", "月嫂证")
# --- ID number, duplicates, blacklist ---------------------------------------------------


def _age_limits(session: Session, case: Any) -> tuple[int, int]:
    values = get_settings(
        session,
        ["vetting.min_age", "vetting.max_age", "vetting.max_age_maternity"],
        branch_id=case.branch_id,
    )
    top = int(values["vetting.max_age"])
    if any(s.required_cert_type in MATERNITY_CERTS for s in get_requested_skills(session, case)):
        top = min(top, int(values["vetting.max_age_maternity"]))
    return int(values["vetting.min_age"]), top


def run_id_check(session: Session, *, actor: Actor, case_id: int) -> str:
    """Check the ID number: checksum, the form's birth date and sex, the age limits."""
    case = require_open_case(session, actor, case_id)
    worker = get_applicant(session, case.worker_id)
    number = id_number_of(worker)
    if number is None:
        return record_check(
            session, actor, case, "id_number", "failed", detail("vetting.detail.no_id")
        )
    today = get_branch_today(session, case.branch_id)
    try:
        card = parse_id_number(number, today=today)
    except ValidationError as exc:
        return record_check(
            session,
            actor,
            case,
            "id_number",
            "failed",
            detail("vetting.detail.id_invalid", problem=exc.message("zh_CN")),
        )
    if worker.birth_date != card.birth_date:
        return record_check(
            session,
            actor,
            case,
            "id_number",
            "failed",
            detail(
                "vetting.detail.birth_mismatch",
                form=str(worker.birth_date or "—"),
                card=card.birth_date.isoformat(),
            ),
        )
    if worker.gender != card.sex:
        return record_check(
            session, actor, case, "id_number", "failed", detail("vetting.detail.sex_mismatch")
        )
    age = card.age_on(today)
    low, high = _age_limits(session, case)
    if not low <= age <= high:
        return record_check(
            session,
            actor,
            case,
            "id_number",
            "failed",
            detail("vetting.detail.age_out", age=age, low=low, high=high),
        )
    return record_check(
        session,
        actor,
        case,
        "id_number",
        "passed",
        detail("vetting.detail.id_ok", province=card.province, age=age, low=low, high=high),
    )


def run_duplicate_check(session: Session, *, actor: Actor, case_id: int) -> str:
    """Look for the same ID number or phone on another worker or applicant, any branch."""
    case = require_open_case(session, actor, case_id)
    worker = get_applicant(session, case.worker_id)
    same = Worker.phone == worker.phone
    if worker.id_number_hash:
        same = same | (Worker.id_number_hash == worker.id_number_hash)
    other = session.execute(
        select(Worker.id, Worker.name, Worker.status, Branch.name)
        .join(Branch, Branch.id == Worker.branch_id)
        .where(same, Worker.id != worker.id)
        .order_by(Worker.id)
        .limit(1)
    ).first()
    if other is None:
        return record_check(
            session, actor, case, "duplicate", "passed", detail("vetting.detail.no_duplicate")
        )
    return record_check(
        session,
        actor,
        case,
        "duplicate",
        "failed",
        detail(
            "vetting.detail.duplicate",
            id=other[0],
            name=other[1],
            status=Msg(f"worker.status.{other[2]}"),
            branch=other[3],
        ),
    )


def run_blacklist_check(session: Session, *, actor: Actor, case_id: int) -> str:
    """Look the applicant up in the franchise's own blacklist (ID number and phone)."""
    case = require_open_case(session, actor, case_id)
    worker = get_applicant(session, case.worker_id)
    entry_id = blacklist.find_listed(
        session, id_number_hash=worker.id_number_hash, phone=worker.phone
    )
    if entry_id is None:
        return record_check(
            session, actor, case, "blacklist", "passed", detail("vetting.detail.not_listed")
        )
    reason_type = session.scalar(
        select(BlacklistEntry.reason_type).where(BlacklistEntry.id == entry_id)
    )
    return record_check(
        session,
        actor,
        case,
        "blacklist",
        "failed",
        detail("vetting.detail.listed", id=entry_id, reason=Msg(f"blacklist.reason.{reason_type}")),
    )


# --- gateways: background check, identity -----------------------------------------------


def run_background_check(
    session: Session, *, actor: Actor, case_id: int, gateway: BackgroundCheckGateway
) -> str:
    """Ask the external background-check provider; no answer is recorded as such."""
    case = require_open_case(session, actor, case_id)
    worker = get_applicant(session, case.worker_id)
    number = id_number_of(worker)
    if number is None:
        return record_check(
            session, actor, case, "background", "failed", detail("vetting.detail.no_id")
        )
    try:
        answer = gateway.check(worker.name, number)
    except (TimeoutError, OSError):
        # a gateway should say "not answered" itself; a network error that escapes it
        # (requests' errors are OSErrors) means the same
        return record_check(
            session, actor, case, "background", "not_answered", detail("vetting.detail.no_answer")
        )
    if answer.outcome == CLEAR:
        return record_check(
            session, actor, case, "background", "passed", detail("vetting.detail.background_clear")
        )
    if answer.outcome == HIT:
        return record_check(
            session,
            actor,
            case,
            "background",
            "failed",
            detail("vetting.detail.background_hit", found=answer.detail[:500] or "—"),
        )
    return record_check(
        session, actor, case, "background", "not_answered", detail("vetting.detail.no_answer")
    )


def _selfie_path(session: Session, worker_id: int, media_dir: Path | None) -> str | None:
    if media_dir is None:
        return None
    row = session.execute(
        select(MediaFile)
        .join(WorkerDocument, WorkerDocument.id == MediaFile.entity_id)
        .where(
            MediaFile.entity == "worker_document",
            WorkerDocument.worker_id == worker_id,
            WorkerDocument.kind == "selfie",
        )
        .order_by(WorkerDocument.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if row is None:
        return None
    view = media.get_media(session, actor=Actor.system(), media_id=row.id)
    try:
        return str(media.file_path(media_dir, view))
    except NotFound:
        return None


def run_identity_check(
    session: Session,
    *,
    actor: Actor,
    case_id: int,
    gateway: IdentityGateway,
    media_dir: Path | None = None,
) -> str:
    """Name, ID number and selfie through the identity gateway; never faked as passed."""
    case = require_open_case(session, actor, case_id)
    worker = get_applicant(session, case.worker_id)
    number = id_number_of(worker)
    if number is None:
        return record_check(
            session, actor, case, "identity", "failed", detail("vetting.detail.no_id")
        )
    selfie = _selfie_path(session, worker.id, media_dir)
    try:
        answer = gateway.verify(worker.name, number, selfie)
    except (TimeoutError, OSError):
        return record_check(
            session, actor, case, "identity", "not_answered", detail("vetting.detail.no_answer")
        )
    if answer.passed:
        key = "vetting.detail.identity_ok_face" if selfie else "vetting.detail.identity_ok"
        return record_check(session, actor, case, "identity", "passed", detail(key))
    if answer.reason == NO_ANSWER:
        return record_check(
            session, actor, case, "identity", "not_answered", detail("vetting.detail.no_answer")
        )
    reason = (
        answer.reason if answer.reason in ("mismatch", "no_record", "bad_checksum") else "refused"
    )
    return record_check(
        session,
        actor,
        case,
        "identity",
        "failed",
        detail("vetting.detail.identity_failed", reason=Msg(f"app.real_name_reason.{reason}")),
    )


# --- training ---------------------------------------------------------------------------


def run_training_check(session: Session, *, actor: Actor, case_id: int) -> str:
    """Every course required for vetting in the skills asked must be passed."""
    case = require_open_case(session, actor, case_id)
    skill_ids = [s.id for s in get_requested_skills(session, case)]
    if not skill_ids:
        return record_check(
            session, actor, case, "training", "passed", detail("vetting.detail.no_course")
        )
    courses = session.execute(
        select(TrainingCourse.id, TrainingCourse.title)
        .where(
            TrainingCourse.required_for_vetting.is_(True),
            TrainingCourse.is_active.is_(True),
            TrainingCourse.skill_id.in_(skill_ids),
            (TrainingCourse.branch_id.is_(None)) | (TrainingCourse.branch_id == case.branch_id),
        )
        .order_by(TrainingCourse.id)
    ).all()
    if not courses:
        return record_check(
            session, actor, case, "training", "passed", detail("vetting.detail.no_course")
        )
    passed = set(
        session.scalars(
            select(Enrollment.course_id).where(
                Enrollment.worker_id == case.worker_id,
                Enrollment.state == "passed",
                Enrollment.course_id.in_([c.id for c in courses]),
            )
        ).all()
    )
    missing = [c.title for c in courses if c.id not in passed]
    if missing:
        return record_check(
            session,
            actor,
            case,
            "training",
            "failed",
            detail("vetting.detail.course_missing", courses="、".join(missing)),
        )
    return record_check(
        session,
        actor,
        case,
        "training",
        "passed",
        detail("vetting.detail.courses_passed", courses="、".join(c.title for c in courses)),
    )


def run_automatic_checks(
    session: Session,
    *,
    actor: Actor,
    case_id: int,
    background: BackgroundCheckGateway,
    identity: IdentityGateway,
    media_dir: Path | None = None,
) -> dict[str, str]:
    """Run every check that needs no officer's judgement; their results by kind."""
    results = {
        "id_number": run_id_check(session, actor=actor, case_id=case_id),
        "duplicate": run_duplicate_check(session, actor=actor, case_id=case_id),
        "blacklist": run_blacklist_check(session, actor=actor, case_id=case_id),
        "background": run_background_check(
            session, actor=actor, case_id=case_id, gateway=background
        ),
        "identity": run_identity_check(
            session, actor=actor, case_id=case_id, gateway=identity, media_dir=media_dir
        ),
        "training": run_training_check(session, actor=actor, case_id=case_id),
        "certificate": vetting_recorded.run_certificate_check(
            session, actor=actor, case_id=case_id
        ),
    }
    return results
