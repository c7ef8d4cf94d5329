"""A worker's application: every field checked, the ID number kept encrypted, the case
opened (or updated after "waiting for documents"), the status as the applicant sees it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import (
    AuditLog,
    BlacklistEntry,
    District,
    MediaFile,
    StateEvent,
    VettingCase,
    VettingCheck,
    Worker,
    WorkerDistrict,
    WorkerDocument,
)
from jiazheng_desk.services import applications, pii
from jiazheng_desk.services.applications import CertificateIn
from jiazheng_desk.services.errors import Conflict, PermissionDenied, ValidationError
from jiazheng_desk.services.geo import LatLng, distance_m
from tests.booking_factories import make_worker, make_world
from tests.factories import actor, make_staff
from tests.worker_factories import make_id_number, make_media, worker_actor

BIRTH = date(1985, 5, 20)


@pytest.fixture(autouse=True)
def _now():
    clock.freeze(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))


def _setup(db) -> dict[str, Any]:
    world = make_world(db)
    applicant = make_worker(db, world, status="applicant", name="新人")
    me = worker_actor(applicant)
    photos = [make_media(db, me).id for _ in range(3)]
    return {"world": world, "worker": applicant, "me": me, "photos": photos}


def _form(s: dict[str, Any], **changes: Any) -> dict[str, Any]:
    world = s["world"]
    form: dict[str, Any] = {
        "name": "王秀兰",
        "gender": "female",
        "birth_date": BIRTH,
        "id_number": make_id_number(BIRTH, "female"),
        "years_experience": 5,
        "skills": [world.skill.code, world.cert_skill.code],
        "district_ids": [world.district.id, world.other_district.id],
        "home_address": "人民路 100 号 3 室",
        "id_photo_ids": s["photos"][:2],
        "certificates": [
            CertificateIn(
                "母婴护理证", "MY2024001", "上海市人社局", date(2028, 6, 30), s["photos"][2]
            )
        ],
    }
    form.update(changes)
    return form


def _submit(db, s: dict[str, Any], **changes: Any) -> applications.ApplicationStatus:
    return applications.submit_application(db, actor=s["me"], **_form(s, **changes))


def _refused(db, s, error=ValidationError, **changes) -> Any:
    with pytest.raises(error) as caught:
        _submit(db, s, **changes)
    return caught.value


def test_a_complete_application_opens_a_case(db):
    s = _setup(db)
    number = _form(s)["id_number"]
    status = _submit(db, s, id_number=number)
    assert status.status == "applied" and status.reason == ""
    assert status.requested_skills == (s["world"].skill.code, s["world"].cert_skill.code)
    worker = db.get(Worker, s["worker"].id, populate_existing=True)
    assert (worker.name, worker.gender, worker.birth_date, worker.years_experience) == (
        "王秀兰",
        "female",
        BIRTH,
        5,
    )
    assert worker.status == "applicant" and worker.name_initials == "wxl"
    # the number: encrypted, findable by its keyed hash, its last four in clear
    assert number.encode() not in worker.id_number_enc
    assert pii.decrypt(worker.id_number_enc) == number
    assert worker.id_number_hash == pii.lookup_hash(number)
    assert worker.id_number_suffix == number[-4:]
    # the home geocoded near the first served district's centre
    district = s["world"].district
    home = LatLng(worker.home_lat, worker.home_lng)
    assert distance_m(home, LatLng(district.center_lat, district.center_lng)) < 3000
    assert worker.branch_id == s["world"].branch.id
    served = set(
        db.scalars(select(WorkerDistrict.district_id).where(WorkerDistrict.worker_id == worker.id))
    )
    assert served == {s["world"].district.id, s["world"].other_district.id}
    docs = db.scalars(
        select(WorkerDocument)
        .where(WorkerDocument.worker_id == worker.id)
        .order_by(WorkerDocument.id)
    ).all()
    assert [d.kind for d in docs] == ["id_front", "id_back", "certificate"]
    assert all(d.status == "submitted" for d in docs)
    cert = docs[2]
    assert (cert.cert_type, cert.number, cert.issuer, cert.expires_on) == (
        "母婴护理证",
        "MY2024001",
        "上海市人社局",
        date(2028, 6, 30),
    )
    for doc, media_id in zip(docs, s["photos"], strict=True):
        media = db.get(MediaFile, media_id, populate_existing=True)
        assert (media.entity, media.entity_id, doc.file_path) == (
            "worker_document",
            doc.id,
            media.path,
        )
    assert [d.media_id for d in status.documents] == s["photos"]
    case = db.scalars(select(VettingCase).where(VettingCase.worker_id == worker.id)).one()
    assert (case.state, case.branch_id, case.id) == ("new", worker.branch_id, status.case_id)
    event = db.scalars(select(StateEvent).where(StateEvent.entity_id == case.id)).one()
    assert (event.entity, event.event, event.to_state, event.actor_kind) == (
        "vetting_case",
        "submit",
        "new",
        "worker",
    )
    checks = {
        c.kind: c.result
        for c in db.scalars(select(VettingCheck).where(VettingCheck.case_id == case.id))
    }
    assert checks == {"id_number": "passed", "duplicate": "passed", "blacklist": "passed"}
    row = db.scalars(select(AuditLog).where(AuditLog.action == "worker.application_submit")).one()
    # never the whole number in the log
    assert number not in row.after_json and number[-4:] in json.loads(row.after_json)["id_number"]


def test_a_bad_checksum_is_refused_and_nothing_is_written(db):
    s = _setup(db)
    good = make_id_number(BIRTH, "female")
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    error = _refused(db, s, id_number=wrong)
    assert (error.key, error.field) == ("idcard.bad_checksum", "id_number")
    db.expire_all()
    assert db.get(Worker, s["worker"].id).name == "新人"
    assert db.scalars(select(VettingCase)).all() == []
    assert (
        db.scalars(select(WorkerDocument).where(WorkerDocument.worker_id == s["worker"].id)).all()
        == []
    )


def test_birth_date_and_gender_must_match_the_number(db):
    s = _setup(db)
    error = _refused(db, s, birth_date=BIRTH + timedelta(days=1))
    assert (error.key, error.field) == ("application.birth_date_mismatch", "birth_date")
    assert "1985-05-20" in error.message("en")
    error = _refused(db, s, gender="male")
    assert (error.key, error.field) == ("application.gender_mismatch", "gender")


def test_an_expired_certificate_names_its_field(db):
    s = _setup(db)
    old = CertificateIn("健康证", "H1", "", date(2026, 11, 19), s["photos"][2])
    error = _refused(db, s, certificates=[old])
    assert (error.key, error.field) == (
        "application.certificate_expired",
        "certificates.0.expires_on",
    )
    assert "健康证" in error.message()
    today = CertificateIn("健康证", "H1", "", date(2026, 11, 20), s["photos"][2])
    assert _submit(db, s, certificates=[today]).status == "applied"


def test_a_certificate_needs_a_type_a_number_and_an_expiry(db):
    s = _setup(db)
    blank = CertificateIn(" ", "H1", "", date(2027, 1, 1), s["photos"][2])
    assert _refused(db, s, certificates=[blank]).field == "certificates.0.cert_type"
    undated = CertificateIn("健康证", "H1", "", None, s["photos"][2])
    assert _refused(db, s, certificates=[undated]).field == "certificates.0.expires_on"


def test_a_duplicate_id_number_is_refused(db):
    s = _setup(db)
    number = make_id_number(BIRTH, "female")
    other = make_worker(db, s["world"])
    other.id_number_hash = pii.lookup_hash(number)
    db.flush()
    error = _refused(db, s, id_number=number)
    assert (error.key, error.field) == ("application.duplicate_id", "id_number")
    assert "already registered" in error.message("en")


def test_skills_and_districts_must_exist_and_be_of_one_branch(db):
    s = _setup(db)
    assert _refused(db, s, skills=["no_such_skill"]).field == "skills"
    assert _refused(db, s, skills=[]).key == "application.skills_required"
    elsewhere = make_world(db)
    error = _refused(db, s, district_ids=[s["world"].district.id, elsewhere.district.id])
    assert (error.key, error.field) == ("application.districts_two_branches", "district_ids")
    assert _refused(db, s, district_ids=[10**9]).key == "application.unknown_district"
    s["world"].other_district.is_active = False
    db.flush()
    assert _refused(db, s).key == "application.district_inactive"


def test_the_districts_branch_becomes_the_workers(db):
    s = _setup(db)
    elsewhere = make_world(db)
    status = _submit(db, s, district_ids=[elsewhere.district.id])
    assert status.branch_id == elsewhere.branch.id
    assert db.get(VettingCase, status.case_id).branch_id == elsewhere.branch.id


def test_photos_must_be_the_applicants_unused_images(db):
    s = _setup(db)
    stranger = worker_actor(make_worker(db, s["world"]))
    theirs = make_media(db, stranger).id
    error = _refused(db, s, id_photo_ids=[theirs, s["photos"][1]])
    assert (error.key, error.field) == ("media.not_yours", "id_photo_ids.0")
    video = make_media(db, s["me"], content_type="video/mp4").id
    assert _refused(db, s, id_photo_ids=[s["photos"][0], video]).key == "media.needs_image"
    used = make_media(db, s["me"], entity="service_record", entity_id=1).id
    assert _refused(db, s, id_photo_ids=[used, s["photos"][1]]).key == "media.already_used"
    same = _refused(db, s, id_photo_ids=[s["photos"][0], s["photos"][0]])
    assert same.key == "application.two_id_photos"
    twice = CertificateIn("健康证", "H1", "", date(2027, 1, 1), s["photos"][0])
    assert _refused(db, s, certificates=[twice]).key == "application.photo_twice"


def test_too_young_and_bad_experience(db):
    s = _setup(db)
    young = date(2011, 1, 1)
    error = _refused(db, s, birth_date=young, id_number=make_id_number(young, "female"))
    assert (error.key, error.field) == ("application.too_young", "birth_date")
    assert _refused(db, s, years_experience=61).field == "years_experience"


def test_one_application_at_a_time_and_none_for_active_workers(db):
    s = _setup(db)
    _submit(db, s)
    fresh = [make_media(db, s["me"]).id for _ in range(2)]
    error = _refused(db, s, Conflict, id_photo_ids=fresh, certificates=[])
    assert error.key == "application.in_review"
    active = make_worker(db, s["world"])
    with pytest.raises(Conflict) as caught:
        applications.submit_application(db, actor=worker_actor(active), **_form(s))
    assert caught.value.key == "application.not_applicant"
    assert "active" in caught.value.message("en")
    staff = actor(make_staff(db, role="hq_admin"))
    with pytest.raises(PermissionDenied):
        applications.submit_application(db, actor=staff, **_form(s))


def test_sending_again_after_documents_were_asked_for_updates_the_case(db):
    s = _setup(db)
    first = _submit(db, s)
    case = db.get(VettingCase, first.case_id)
    case.state, case.decision_reason = "waiting_documents", "身份证照片不清楚，请重拍"
    db.flush()
    status = applications.get_application_status(db, actor=s["me"])
    assert (status.status, status.reason) == ("waiting_documents", "身份证照片不清楚，请重拍")
    sharper = make_media(db, s["me"]).id
    # the back photo and the certificate are kept; only the front is new
    again = _submit(db, s, id_photo_ids=[sharper, s["photos"][1]])
    assert again.case_id == first.case_id and again.status == "under_review"
    assert again.reason == ""
    docs = db.scalars(
        select(WorkerDocument).where(WorkerDocument.worker_id == s["worker"].id)
    ).all()
    assert sorted(d.kind for d in docs) == ["certificate", "id_back", "id_front"]
    old_front = db.get(MediaFile, s["photos"][0], populate_existing=True)
    assert (old_front.entity, old_front.entity_id) == ("", None)
    events = db.scalars(select(StateEvent.event).where(StateEvent.entity_id == case.id)).all()
    assert sorted(events) == ["resubmit", "submit"]
    assert (
        len(db.scalars(select(VettingCase).where(VettingCase.worker_id == s["worker"].id)).all())
        == 1
    )
    assert db.scalars(
        select(AuditLog).where(AuditLog.action == "worker.application_resubmit")
    ).one()


def test_a_verified_document_stays_when_sending_again(db):
    s = _setup(db)
    first = _submit(db, s)
    docs = db.scalars(
        select(WorkerDocument).where(WorkerDocument.worker_id == s["worker"].id)
    ).all()
    cert = next(d for d in docs if d.kind == "certificate")
    cert.status = "verified"
    db.get(VettingCase, first.case_id).state = "waiting_documents"
    db.flush()
    _submit(db, s, id_photo_ids=[make_media(db, s["me"]).id, make_media(db, s["me"]).id])
    after = db.scalars(
        select(WorkerDocument).where(WorkerDocument.worker_id == s["worker"].id)
    ).all()
    assert sorted(d.kind for d in after) == ["certificate", "id_back", "id_front"]
    assert any(d.id == cert.id and d.status == "verified" for d in after)


def test_the_status_the_applicant_sees(db):
    s = _setup(db)
    before = applications.get_application_status(db, actor=s["me"])
    assert (before.status, before.case_id) == ("not_submitted", None)
    status = _submit(db, s)
    case = db.get(VettingCase, status.case_id)
    case.state, case.decision_reason, case.override_reason = "under_review", "内部备注", "HQ 说明"
    db.flush()
    seen = applications.get_application_status(db, actor=s["me"])
    assert (seen.status, seen.reason) == ("under_review", "")
    case.state, case.decision_reason = "rejected", "从业经历无法核实"
    db.flush()
    seen = applications.get_application_status(db, actor=s["me"])
    assert (seen.status, seen.reason) == ("rejected", "从业经历无法核实")
    error = _refused(db, s, Conflict)
    assert error.key == "application.rejected" and "从业经历无法核实" in error.message()
    case.state = "approved"
    db.flush()
    assert applications.get_application_status(db, actor=s["me"]).status == "approved"


def test_a_blacklisted_applicant_is_flagged_for_the_reviewer_only(db):
    s = _setup(db)
    db.add(BlacklistEntry(phone=s["worker"].phone, name="x", reason_type="fraud"))
    db.flush()
    status = _submit(db, s)
    assert status.status == "applied"  # nothing told to the applicant
    check = db.scalars(
        select(VettingCheck).where(
            VettingCheck.case_id == status.case_id, VettingCheck.kind == "blacklist"
        )
    ).one()
    assert check.result == "failed" and check.detail.startswith("blacklist_entry=")


def test_a_home_in_another_district_of_the_city(db):
    s = _setup(db)
    other = make_world(db)
    far = District(
        branch_id=other.branch.id, city="北京", name="朝阳区X", center_lat=39.9, center_lng=116.4
    )
    db.add(far)
    db.flush()
    assert _refused(db, s, home_district_id=far.id).field == "home_district_id"
    home = other.district
    status = _submit(db, s, home_district_id=home.id)
    worker = db.get(Worker, s["worker"].id, populate_existing=True)
    where = LatLng(worker.home_lat, worker.home_lng)
    assert distance_m(where, LatLng(home.center_lat, home.center_lng)) < 3000
    # the branch is the served districts', wherever the home is
    assert status.branch_id == s["world"].branch.id
