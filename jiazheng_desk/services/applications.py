"""A worker's application from the app: the form, its documents, and the vetting case.

The applicant row exists from the first login by phone code (accounts); submitting fills
it in — identity, experience, districts, home — links the photos already uploaded
(``media.store_upload``) as documents, and opens the vetting case the branch reviews. When
the branch asked for more documents, submitting again updates the same case. Skills are
*requested* here; granting them (with a level) is the vetting decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import (
    BlacklistEntry,
    Branch,
    District,
    MediaFile,
    Skill,
    StateEvent,
    VettingCase,
    VettingCheck,
    Worker,
    WorkerDistrict,
    WorkerDocument,
)
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit, media, pii
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import clean_text
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.geo import Geocoder, LatLng, SandboxGeocoder
from jiazheng_desk.services.idcard import IdCard, parse_id_number
from jiazheng_desk.services.names import name_initials
from jiazheng_desk.services.timeutil import get_branch_timezone, local_day

CASES = table_of(VettingCase)
CHECKS = table_of(VettingCheck)
DOCS = table_of(WorkerDocument)
MEDIA = table_of(MediaFile)
GENDERS = ("female", "male")
# the legal working age in China (Labour Law art. 15)
MIN_AGE = 16
MAX_EXPERIENCE_YEARS = 60
MAX_SKILLS = 10
MAX_CERTIFICATES = 10
# a case in these states is still being looked at: a second form would compete with it
IN_REVIEW = ("new", "under_review")
# what the app shows for each case state (no case yet: "not_submitted")
STATUS_OF_CASE = {
    "new": "applied",
    "under_review": "under_review",
    "waiting_documents": "waiting_documents",
    "approved": "approved",
    "rejected": "rejected",
}
# the states whose decision reason is written for the applicant to read
REASON_SHOWN = ("waiting_documents", "rejected")
ID_KINDS = ("id_front", "id_back")


@dataclass(frozen=True)
class CertificateIn:
    cert_type: str
    number: str
    issuer: str
    expires_on: date | None
    photo_id: int


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


@dataclass(frozen=True)
class ApplicationStatus:
    # not_submitted | applied | under_review | waiting_documents | approved | rejected
    status: str
    # what the branch wrote for the applicant (missing documents, why declined)
    reason: str
    case_id: int | None
    worker_status: str
    branch_id: int
    requested_skills: tuple[str, ...]
    documents: tuple[DocumentView, ...]
    submitted_at: datetime | None
    updated_at: datetime | None


@dataclass(frozen=True)
class _Form:
    name: str
    gender: str
    card: IdCard
    years_experience: int
    skills: tuple[str, ...]
    branch: Branch
    districts: tuple[District, ...]
    home_district: District
    home_address: str
    id_photos: tuple[int, int]
    certificates: tuple[CertificateIn, ...]


def _applicant(session: Session, actor: Actor) -> Worker:
    if actor.kind != "worker" or actor.id is None:
        raise PermissionDenied("application.workers_only")
    worker = session.get(Worker, actor.id, with_for_update=True)
    if worker is None:
        raise NotFound("worker", actor.id)
    return worker


def _latest_case(session: Session, worker_id: int) -> Any:
    return session.execute(
        select(CASES).where(CASES.c.worker_id == worker_id).order_by(CASES.c.id.desc()).limit(1)
    ).first()


# --- checking the form -------------------------------------------------------------------


def _identity(
    name: str, gender: str, birth_date: date, id_number: str, today: date
) -> tuple[str, IdCard]:
    clean_name = clean_text(
        name, field="name", label=Msg("application.field.name"), max_len=64, required=True
    )
    if gender not in GENDERS:
        raise ValidationError("application.bad_gender", field="gender")
    card = parse_id_number(id_number, field="id_number", today=today)
    if birth_date != card.birth_date:
        raise ValidationError(
            "application.birth_date_mismatch", field="birth_date", day=card.birth_date.isoformat()
        )
    if gender != card.sex:
        raise ValidationError("application.gender_mismatch", field="gender")
    if card.age_on(today) < MIN_AGE:
        raise ValidationError("application.too_young", field="birth_date", age=MIN_AGE)
    return clean_name, card


def _skills(session: Session, codes: Sequence[str]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(c.strip() for c in codes if c and c.strip()))
    if not wanted:
        raise ValidationError("application.skills_required", field="skills")
    if len(wanted) > MAX_SKILLS:
        raise ValidationError("application.too_many_skills", field="skills", max=MAX_SKILLS)
    known = set(session.scalars(select(Skill.code).where(Skill.code.in_(wanted))).all())
    for code in wanted:
        if code not in known:
            raise ValidationError("application.unknown_skill", field="skills", code=code)
    return wanted


def _districts(
    session: Session, district_ids: Sequence[int], home_district_id: int | None
) -> tuple[Branch, tuple[District, ...], District]:
    """The districts served, all of one active branch (which becomes the worker's)."""
    ids = tuple(dict.fromkeys(district_ids))
    if not ids:
        raise ValidationError("application.districts_required", field="district_ids")
    rows = {
        d.id: (d, b)
        for d, b in session.execute(
            select(District, Branch)
            .join(Branch, Branch.id == District.branch_id)
            .where(District.id.in_(ids))
        ).all()
    }
    for district_id in ids:
        if district_id not in rows:
            raise ValidationError(
                "application.unknown_district", field="district_ids", id=district_id
            )
        district, branch = rows[district_id]
        if not (district.is_active and branch.is_active):
            raise ValidationError(
                "application.district_inactive", field="district_ids", name=district.name
            )
    branches = {b.id for _, b in rows.values()}
    if len(branches) > 1:
        raise ValidationError("application.districts_two_branches", field="district_ids")
    branch = rows[ids[0]][1]
    districts = tuple(rows[i][0] for i in ids)
    if home_district_id is None or home_district_id in rows:
        return branch, districts, rows[home_district_id or ids[0]][0]
    home = session.get(District, home_district_id)
    # a home in a neighbouring branch's district is fine: one city, one travel model
    if home is None or not home.is_active or home.city != branch.city:
        raise ValidationError(
            "application.bad_home_district", field="home_district_id", id=home_district_id
        )
    return branch, districts, home


def _certificates(items: Sequence[CertificateIn], today: date) -> tuple[CertificateIn, ...]:
    if len(items) > MAX_CERTIFICATES:
        raise ValidationError(
            "application.too_many_certificates", field="certificates", max=MAX_CERTIFICATES
        )
    out = []
    for i, cert in enumerate(items):
        at = f"certificates.{i}"
        cert_type = clean_text(
            cert.cert_type,
            field=f"{at}.cert_type",
            label=Msg("application.field.cert_type"),
            max_len=32,
            required=True,
        )
        number = clean_text(
            cert.number,
            field=f"{at}.number",
            label=Msg("application.field.cert_number"),
            max_len=64,
            required=True,
        )
        issuer = clean_text(
            cert.issuer,
            field=f"{at}.issuer",
            label=Msg("application.field.cert_issuer"),
            max_len=128,
            required=False,
        )
        # dispatch counts a certificate only up to its expiry (fit.py): one without a
        # date could never qualify, so the date is asked for here
        if cert.expires_on is None:
            raise ValidationError("application.expiry_required", field=f"{at}.expires_on")
        if cert.expires_on < today:
            raise ValidationError(
                "application.certificate_expired",
                field=f"{at}.expires_on",
                cert=cert_type,
                day=cert.expires_on.isoformat(),
            )
        out.append(CertificateIn(cert_type, number, issuer, cert.expires_on, cert.photo_id))
    return tuple(out)


def _refuse_duplicates(session: Session, worker: Worker, lookup: str) -> None:
    same_id = session.scalar(
        select(Worker.id).where(Worker.id_number_hash == lookup, Worker.id != worker.id).limit(1)
    )
    if same_id is not None:
        raise ValidationError("application.duplicate_id", field="id_number")
    # the phone column is unique, so this only finds a number changed on another row by
    # hand; cheap enough to say clearly instead of failing on the constraint later
    same_phone = session.scalar(
        select(Worker.id).where(Worker.phone == worker.phone, Worker.id != worker.id).limit(1)
    )
    if same_phone is not None:
        raise ValidationError("application.duplicate_phone", field="phone")


def _photo(session: Session, actor: Actor, worker_id: int, media_id: int, field: str) -> int:
    """An image the applicant uploaded: unused, or already one of their own documents (a
    form sent again after "waiting for documents" may keep its photos)."""
    own_doc = session.scalar(
        select(MEDIA.c.id)
        .join(DOCS, DOCS.c.id == MEDIA.c.entity_id)
        .where(
            MEDIA.c.id == media_id,
            MEDIA.c.entity == "worker_document",
            MEDIA.c.content_type.like("image/%"),
            DOCS.c.worker_id == worker_id,
        )
    )
    if own_doc is None:
        media.require_attachable(session, actor=actor, media_id=media_id, kind="image", field=field)
    return media_id


def _check_form(
    session: Session,
    worker: Worker,
    actor: Actor,
    *,
    name: str,
    gender: str,
    birth_date: date,
    id_number: str,
    years_experience: int,
    skills: Sequence[str],
    district_ids: Sequence[int],
    home_district_id: int | None,
    home_address: str,
    id_photo_ids: Sequence[int],
    certificates: Sequence[CertificateIn],
) -> _Form:
    branch, districts, home_district = _districts(session, district_ids, home_district_id)
    today = local_day(clock.now(), get_branch_timezone(session, branch.id))
    clean_name, card = _identity(name, gender, birth_date, id_number, today)
    if not 0 <= years_experience <= MAX_EXPERIENCE_YEARS:
        raise ValidationError(
            "application.bad_experience", field="years_experience", max=MAX_EXPERIENCE_YEARS
        )
    codes = _skills(session, skills)
    address = clean_text(
        home_address,
        field="home_address",
        label=Msg("application.field.home_address"),
        max_len=255,
        required=True,
    )
    if len(id_photo_ids) != 2 or id_photo_ids[0] == id_photo_ids[1]:
        raise ValidationError("application.two_id_photos", field="id_photo_ids")
    certs = _certificates(certificates, today)
    used = [*id_photo_ids, *(c.photo_id for c in certs)]
    if len(set(used)) != len(used):
        raise ValidationError("application.photo_twice", field="certificates")
    front = _photo(session, actor, worker.id, id_photo_ids[0], "id_photo_ids.0")
    back = _photo(session, actor, worker.id, id_photo_ids[1], "id_photo_ids.1")
    for i, cert in enumerate(certs):
        _photo(session, actor, worker.id, cert.photo_id, f"certificates.{i}.photo_id")
    return _Form(
        clean_name,
        gender,
        card,
        years_experience,
        codes,
        branch,
        districts,
        home_district,
        address,
        (front, back),
        certs,
    )


# --- writing it --------------------------------------------------------------------------


def _replace_documents(session: Session, worker_id: int, form: _Form) -> int:
    """The form's documents replace the unverified ones; verified ones stay as they are."""
    old = session.execute(
        select(DOCS.c.id, DOCS.c.status).where(
            DOCS.c.worker_id == worker_id, DOCS.c.kind.in_((*ID_KINDS, "certificate"))
        )
    ).all()
    unverified = [doc_id for doc_id, status in old if status != "verified"]
    verified = [doc_id for doc_id, status in old if status == "verified"]
    kept_media = set(
        session.scalars(
            select(MEDIA.c.id).where(
                MEDIA.c.entity == "worker_document", MEDIA.c.entity_id.in_(verified)
            )
        ).all()
    )
    if unverified:
        session.execute(
            update(MEDIA)
            .where(MEDIA.c.entity == "worker_document", MEDIA.c.entity_id.in_(unverified))
            .values(entity="", entity_id=None)
        )
        session.execute(delete(DOCS).where(DOCS.c.id.in_(unverified)))
    now = clock.now()
    rows: list[dict[str, Any]] = [
        {"kind": kind, "media_id": media_id}
        for kind, media_id in zip(ID_KINDS, form.id_photos, strict=True)
    ] + [
        {
            "kind": "certificate",
            "cert_type": c.cert_type,
            "number": c.number,
            "issuer": c.issuer,
            "expires_on": c.expires_on,
            "media_id": c.photo_id,
        }
        for c in form.certificates
    ]
    written = 0
    for row in rows:
        media_id = row.pop("media_id")
        if media_id in kept_media:
            continue  # already a verified document: nothing to review again
        path = session.scalar(select(MEDIA.c.path).where(MEDIA.c.id == media_id)) or ""
        doc_id = inserted_id(
            session.execute(
                insert(DOCS),
                {
                    "worker_id": worker_id,
                    "cert_type": "",
                    "number": "",
                    "issuer": "",
                    "file_path": path,
                    "status": "submitted",
                    "created_at": now,
                    **row,
                },
            )
        )
        session.execute(
            update(MEDIA)
            .where(MEDIA.c.id == media_id)
            .values(entity="worker_document", entity_id=doc_id)
        )
        written += 1
    return written


def _record_check(session: Session, case_id: int, kind: str, result: str, detail: str) -> None:
    """The outcome of an automatic check, replacing an earlier run of the same check."""
    values = {"result": result, "detail": detail, "run_by": None, "run_at": clock.now()}
    changed = session.connection().execute(
        update(CHECKS).where(CHECKS.c.case_id == case_id, CHECKS.c.kind == kind).values(**values)
    )
    if not changed.rowcount:
        session.execute(insert(CHECKS), {"case_id": case_id, "kind": kind, **values})


def _blacklist_entry(session: Session, lookup: str, phone: str) -> int | None:
    return session.scalar(
        select(BlacklistEntry.id)
        .where(
            (BlacklistEntry.id_number_hash == lookup) | (BlacklistEntry.phone == phone),
            BlacklistEntry.released_at.is_(None),
        )
        .limit(1)
    )


def _open_or_update_case(
    session: Session, actor: Actor, worker: Worker, case: Any, form: _Form, lookup: str
) -> tuple[int, str]:
    now = clock.now()
    skills = ",".join(form.skills)[:255]
    if case is None:
        case_id = inserted_id(
            session.execute(
                insert(CASES),
                {
                    "worker_id": worker.id,
                    "branch_id": form.branch.id,
                    "state": "new",
                    "requested_skills": skills,
                    "decision_reason": "",
                    "override_reason": "",
                    "created_at": now,
                    "updated_at": now,
                },
            )
        )
        event, before, after = "submit", "", "new"
    else:
        # the branch asked for documents; their answer goes back to the reviewer
        case_id = int(case.id)
        session.execute(
            update(CASES)
            .where(CASES.c.id == case_id)
            .values(
                state="under_review",
                branch_id=form.branch.id,
                requested_skills=skills,
                updated_at=now,
            )
        )
        event, before, after = "resubmit", case.state, "under_review"
    session.execute(
        insert(table_of(StateEvent)),
        {
            "entity": "vetting_case",
            "entity_id": case_id,
            "event": event,
            "from_state": before,
            "to_state": after,
            "actor_kind": actor.kind,
            "actor_id": actor.id,
            "reason": "",
            "created_at": now,
        },
    )
    # what was proven while checking the form, so the reviewer need not do it again
    _record_check(session, case_id, "id_number", "passed", "GB 11643")
    _record_check(session, case_id, "duplicate", "passed", "")
    listed = _blacklist_entry(session, lookup, worker.phone)
    # told to the reviewer, never to the applicant
    _record_check(
        session,
        case_id,
        "blacklist",
        "failed" if listed is not None else "passed",
        f"blacklist_entry={listed}" if listed is not None else "",
    )
    return case_id, event


def submit_application(
    session: Session,
    *,
    actor: Actor,
    name: str,
    gender: str,
    birth_date: date,
    id_number: str,
    years_experience: int,
    skills: Sequence[str],
    district_ids: Sequence[int],
    home_address: str,
    id_photo_ids: Sequence[int],
    certificates: Sequence[CertificateIn] = (),
    home_district_id: int | None = None,
    geocoder: Geocoder | None = None,
) -> ApplicationStatus:
    """Submit (or, when documents were asked for, send again) the applicant's form."""
    worker = _applicant(session, actor)
    if worker.status != "applicant":
        raise Conflict("application.not_applicant", status=Msg(f"worker.status.{worker.status}"))
    case = _latest_case(session, worker.id)
    if case is not None and case.state in IN_REVIEW:
        raise Conflict("application.in_review")
    if case is not None and case.state == "rejected":
        raise Conflict("application.rejected", reason=case.decision_reason or "—")
    if case is not None and case.state != "waiting_documents":
        raise Conflict("application.approved")
    form = _check_form(
        session,
        worker,
        actor,
        name=name,
        gender=gender,
        birth_date=birth_date,
        id_number=id_number,
        years_experience=years_experience,
        skills=skills,
        district_ids=district_ids,
        home_district_id=home_district_id,
        home_address=home_address,
        id_photo_ids=id_photo_ids,
        certificates=certificates,
    )
    lookup = pii.lookup_hash(form.card.number)
    _refuse_duplicates(session, worker, lookup)
    home = form.home_district
    point = (geocoder or SandboxGeocoder()).locate(
        home.city, home.name, form.home_address, LatLng(home.center_lat, home.center_lng)
    )
    now = clock.now()
    worker.name = form.name
    worker.name_initials = name_initials(form.name)
    worker.gender = form.gender
    worker.birth_date = form.card.birth_date
    worker.id_number_enc = pii.encrypt(form.card.number)
    worker.id_number_hash = lookup
    worker.id_number_suffix = form.card.suffix
    worker.years_experience = form.years_experience
    worker.home_address = form.home_address
    worker.home_lat, worker.home_lng = point.lat, point.lng
    worker.branch_id = form.branch.id
    worker.updated_at = now
    session.flush()
    session.execute(delete(WorkerDistrict).where(WorkerDistrict.worker_id == worker.id))
    session.execute(
        insert(WorkerDistrict),
        [{"worker_id": worker.id, "district_id": d.id} for d in form.districts],
    )
    documents = _replace_documents(session, worker.id, form)
    case_id, event = _open_or_update_case(session, actor, worker, case, form, lookup)
    audit.record(
        session,
        actor=actor,
        action=f"worker.application_{event}",
        entity="worker",
        entity_id=worker.id,
        # the number itself never goes to the log: its last four are enough to tell
        after={
            "case_id": case_id,
            "name": form.name,
            "id_number": pii.mask_id_number(form.card.number),
            "skills": list(form.skills),
            "district_ids": [d.id for d in form.districts],
            "documents": documents,
        },
        branch_id=form.branch.id,
    )
    return get_application_status(session, actor=actor)


def get_application_status(session: Session, *, actor: Actor) -> ApplicationStatus:
    """Where the applicant's application stands, with the reason the branch gave them."""
    if actor.kind != "worker" or actor.id is None:
        raise PermissionDenied("application.workers_only")
    worker = session.get(Worker, actor.id, populate_existing=True)
    if worker is None:
        raise NotFound("worker", actor.id)
    case = _latest_case(session, worker.id)
    docs = session.execute(
        select(
            DOCS.c.id,
            DOCS.c.kind,
            DOCS.c.cert_type,
            DOCS.c.number,
            DOCS.c.issuer,
            DOCS.c.expires_on,
            DOCS.c.status,
            MEDIA.c.id,
        )
        .outerjoin(MEDIA, (MEDIA.c.entity == "worker_document") & (MEDIA.c.entity_id == DOCS.c.id))
        .where(DOCS.c.worker_id == worker.id)
        .order_by(DOCS.c.id)
    ).all()
    documents = tuple(DocumentView(*row) for row in docs)
    if case is None:
        return ApplicationStatus(
            "not_submitted", "", None, worker.status, worker.branch_id, (), documents, None, None
        )
    return ApplicationStatus(
        status=STATUS_OF_CASE.get(case.state, "under_review"),
        reason=case.decision_reason if case.state in REASON_SHOWN else "",
        case_id=int(case.id),
        worker_status=worker.status,
        branch_id=worker.branch_id,
        requested_skills=tuple(s for s in case.requested_skills.split(",") if s),
        documents=documents,
        submitted_at=case.created_at,
        updated_at=case.updated_at,
    )
