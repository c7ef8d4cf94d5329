"""Worker records after approval: the list, the record, edits, suspension, and personal data
(encrypted at rest, masked in lists, revealed only to permitted roles, each reveal audited)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from jiazheng_desk import clock
from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import (
    AuditLog,
    Complaint,
    District,
    StateEvent,
    Worker,
    WorkerSkill,
)
from jiazheng_desk.services import pii, schedules, worker_record_edits, worker_records
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.names import name_initials
from jiazheng_desk.services.worker_record_edits import SkillGrant
from jiazheng_desk.services.worker_records import WorkerFilter
from tests.booking_factories import give_certificate, local, make_worker, make_world
from tests.factories import actor, make_staff
from tests.worker_factories import make_id_number

DAY = date(2026, 11, 23)
ID_NUMBER = "11010519491231002X"
BANK = "6222 0212 3456 7890 123"


@pytest.fixture(autouse=True)
def _now():
    clock.freeze(local(DAY, 9))
    set_language("en")


@pytest.fixture
def world(db):
    return make_world(db)


@pytest.fixture
def officer(db, world):
    return actor(make_staff(db, role="vetting_officer", branch=world.branch))


@pytest.fixture
def dispatcher(db, world):
    return actor(make_staff(db, role="dispatcher", branch=world.branch))


def _with_id(db, worker, number: str = ID_NUMBER) -> Worker:
    worker.id_number_enc = pii.encrypt(number)
    worker.id_number_hash = pii.lookup_hash(number)
    worker.id_number_suffix = number[-4:]
    db.flush()
    return worker


def _edit(db, who, worker, **changes):
    values = {
        "name": worker.name,
        "gender": worker.gender or "female",
        "phone": worker.phone,
        "years_experience": worker.years_experience,
        "home_address": worker.home_address,
        "bio": worker.bio,
        "bank_name": worker.bank_name,
        "bank_account": None,
    } | changes
    return worker_record_edits.update_worker_profile(db, actor=who, worker_id=worker.id, **values)


# --- the list ----------------------------------------------------------------------------


def test_the_list_masks_the_id_number_and_filters(db, world, dispatcher):
    wang = _with_id(db, make_worker(db, world, name="王芳"))
    wang.rating_count, wang.rating_sum = 4, 18
    wang.name_initials = name_initials(wang.name)  # as the application form writes it
    li = make_worker(db, world, name="李强", skills=(world.cert_skill,))
    li.phone = "13712345678"
    away = make_worker(db, world, name="张丽", districts=(world.other_district,))
    away.status = "suspended"
    make_worker(db, make_world(db), name="别店")  # another branch: never listed
    db.flush()

    def names(**flt) -> list[str]:
        page = worker_records.list_workers(db, actor=dispatcher, flt=WorkerFilter(**flt))
        return [r.name for r in page.items]

    page = worker_records.list_workers(db, actor=dispatcher)
    assert page.total == 3
    row = next(r for r in page.items if r.name == "王芳")
    assert row.id_number_masked == "*" * 14 + "002X"
    assert ID_NUMBER[:6] not in row.id_number_masked
    assert (row.rating_average, row.rating_count) == (4.5, 4)
    assert row.skills == ("保洁3",)
    assert names(status="suspended") == ["张丽"]
    assert names(skill_id=world.cert_skill.id) == ["李强"]
    assert names(district_id=world.other_district.id) == ["张丽"]
    assert names(text="wf") == ["王芳"]  # pinyin initials
    assert names(text="王") == ["王芳"]
    assert names(text="002x") == ["王芳"]  # the ID number's last four
    assert names(text="1234567") == ["李强"]  # digits of the phone
    assert names(text="张丽 ") == ["张丽"]
    by_rating = worker_records.list_workers(db, actor=dispatcher, sort="rating", descending=True)
    assert by_rating.items[0].name == "王芳"
    with pytest.raises(ValidationError):
        names(status="nonsense")


def test_hq_sees_every_branch_and_can_pick_one(db, world):
    hq = actor(make_staff(db, role="hq_admin"))
    other = make_world(db)
    make_worker(db, world, name="甲")
    make_worker(db, other, name="乙")
    every = worker_records.list_workers(db, actor=hq, flt=WorkerFilter(text="甲"))
    assert [r.name for r in every.items] == ["甲"]
    one = worker_records.list_workers(db, actor=hq, flt=WorkerFilter(branch_id=other.branch.id))
    assert [r.name for r in one.items] == ["乙"]


# --- the record --------------------------------------------------------------------------


def test_the_record_has_everything_with_numbers_masked(db, world, officer):
    worker = _with_id(db, make_worker(db, world, name="王芳"))
    give_certificate(db, worker, "母婴护理证", DAY + timedelta(days=10))
    give_certificate(db, worker, "健康证", DAY - timedelta(days=2))
    db.add(
        Complaint(
            branch_id=world.branch.id,
            worker_id=worker.id,
            category="attitude",
            text="态度不好",
        )
    )
    db.flush()
    _edit(db, officer, worker, bank_name="工商银行", bank_account=BANK)
    worker_records.suspend_worker(db, actor=officer, worker_id=worker.id, reason="核查投诉")
    record = worker_records.get_worker_record(db, actor=officer, worker_id=worker.id)
    assert record.id_number_masked == "110***********002X"
    assert record.bank_account_masked == "**** **** 0123"
    assert ID_NUMBER not in repr(record) and "62220212" not in repr(record)
    assert [(s.name, s.level) for s in record.skills] == [("保洁", 3)]
    assert [d.id for d in record.districts] == [world.district.id]
    assert len(record.shifts) == 7 and record.shifts[0].start_minute == 8 * 60
    days = {d.cert_type: d.days_left for d in record.documents}
    assert days == {"母婴护理证": 10, "健康证": -2}
    assert [c.text for c in record.complaints] == ["态度不好"]
    (event,) = record.history
    assert (event.event, event.from_state, event.to_state, event.reason) == (
        "suspend",
        "active",
        "suspended",
        "核查投诉",
    )
    assert event.actor_name == "测试员工"
    assert record.today == DAY


def test_another_branch_cannot_see_or_change_the_record(db, world):
    worker = make_worker(db, world)
    stranger = actor(make_staff(db, role="branch_manager"))
    with pytest.raises(PermissionDenied):
        worker_records.get_worker_record(db, actor=stranger, worker_id=worker.id)
    with pytest.raises(PermissionDenied):
        worker_records.suspend_worker(db, actor=stranger, worker_id=worker.id, reason="x")
    with pytest.raises(NotFound):
        worker_records.get_worker_record(
            db, actor=actor(make_staff(db, role="hq_admin")), worker_id=10**9
        )


# --- personal data -----------------------------------------------------------------------


def test_raw_columns_do_not_contain_the_numbers(db, world, officer):
    worker = _with_id(db, make_worker(db, world))
    _edit(db, officer, worker, bank_name="建设银行", bank_account=BANK)
    raw = db.execute(
        text("SELECT id_number_enc, bank_account_enc FROM worker WHERE id = :id"),
        {"id": worker.id},
    ).one()
    for column, number in zip(raw, (ID_NUMBER, BANK.replace(" ", "")), strict=True):
        stored = bytes(column)
        assert number.encode() not in stored
        assert number[-8:].encode() not in stored
        assert pii.decrypt(stored) == number


def test_each_reveal_is_audited_without_the_number(db, world, officer):
    worker = _with_id(db, make_worker(db, world))
    _edit(db, officer, worker, bank_name="建设银行", bank_account=BANK)

    def reveals() -> list[AuditLog]:
        return list(
            db.scalars(
                select(AuditLog)
                .where(AuditLog.action == "worker.pii_reveal", AuditLog.entity_id == worker.id)
                .order_by(AuditLog.id)
            ).all()
        )

    shown = worker_records.reveal_personal_data(
        db, actor=officer, worker_id=worker.id, field="id_number"
    )
    assert shown.value == ID_NUMBER
    again = worker_records.reveal_personal_data(
        db, actor=officer, worker_id=worker.id, field="id_number"
    )
    assert again.value == ID_NUMBER
    bank = worker_records.reveal_personal_data(
        db, actor=officer, worker_id=worker.id, field="bank_account"
    )
    assert bank.value == BANK.replace(" ", "")
    rows = reveals()
    assert [json.loads(r.after_json)["field"] for r in rows] == [
        "id_number",
        "id_number",
        "bank_account",
    ]
    assert all(r.actor_id == officer.id and r.branch_id == world.branch.id for r in rows)
    everything = " ".join(
        f"{r.before_json} {r.after_json}" for r in db.scalars(select(AuditLog)).all()
    )
    assert ID_NUMBER not in everything and "62220212" not in everything


def test_a_dispatcher_may_not_reveal(db, world, dispatcher):
    worker = _with_id(db, make_worker(db, world))
    with pytest.raises(PermissionDenied):
        worker_records.reveal_personal_data(
            db, actor=dispatcher, worker_id=worker.id, field="id_number"
        )
    count = db.scalar(
        select(func.count()).select_from(AuditLog).where(AuditLog.action == "worker.pii_reveal")
    )
    assert count == 0


def test_finance_reveals_but_not_another_branch(db, world):
    worker = _with_id(db, make_worker(db, world))
    finance = actor(make_staff(db, role="finance", branch=world.branch))
    assert (
        worker_records.reveal_personal_data(
            db, actor=finance, worker_id=worker.id, field="id_number"
        ).value
        == ID_NUMBER
    )
    other = actor(make_staff(db, role="finance"))
    with pytest.raises(PermissionDenied):
        worker_records.reveal_personal_data(db, actor=other, worker_id=worker.id, field="id_number")


def test_reveal_of_nothing_or_of_another_field(db, world, officer):
    worker = make_worker(db, world)
    with pytest.raises(Conflict) as err:
        worker_records.reveal_personal_data(
            db, actor=officer, worker_id=worker.id, field="bank_account"
        )
    assert "bank account" in str(err.value)
    with pytest.raises(ValidationError):
        worker_records.reveal_personal_data(db, actor=officer, worker_id=worker.id, field="phone")


# --- the profile -------------------------------------------------------------------------


def test_edit_the_profile(db, world, officer):
    worker = make_worker(db, world, name="王芳")
    record = _edit(
        db,
        officer,
        worker,
        name="王芳芳",
        gender="female",
        phone="138 0000 1111",
        years_experience=9,
        home_address="浦东新区世纪大道 100 号",
        bio="做事细心",
        bank_name="招商银行",
        bank_account=BANK,
    )
    assert (record.name, record.phone, record.years_experience, record.bio) == (
        "王芳芳",
        "13800001111",
        9,
        "做事细心",
    )
    assert record.bank_account_masked.endswith("0123") and record.has_bank_account
    db.expire_all()
    assert db.get(Worker, worker.id).name_initials == "wff"
    entry = db.scalars(select(AuditLog).where(AuditLog.action == "worker.profile_edit")).one()
    after = json.loads(entry.after_json)
    assert after["name"] == "王芳芳" and after["bank_account"] == "**** **** 0123"
    # None keeps the account, "" removes it
    assert _edit(db, officer, worker, bank_account=None).has_bank_account
    assert not _edit(db, officer, worker, bank_account="").has_bank_account


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": " "}, "name"),
        ({"gender": "x"}, "gender"),
        ({"phone": "12345"}, "phone"),
        ({"years_experience": 61}, "years_experience"),
        ({"bank_account": "12ab"}, "bank_account"),
        ({"bank_account": "622202123456789", "bank_name": ""}, "bank_name"),
        ({"bio": "很" * 1001}, "bio"),
    ],
)
def test_bad_profile_input_names_its_field(db, world, officer, changes, field):
    worker = make_worker(db, world)
    with pytest.raises(ValidationError) as err:
        _edit(db, officer, worker, **changes)
    assert err.value.field == field


def test_a_phone_of_another_worker_is_refused(db, world, officer):
    worker = make_worker(db, world)
    other = make_worker(db, world, name="李强")
    with pytest.raises(ValidationError) as err:
        _edit(db, officer, worker, phone=other.phone)
    assert err.value.field == "phone" and "李强" in str(err.value)


def test_a_dispatcher_may_view_but_not_edit(db, world, dispatcher):
    worker = make_worker(db, world)
    assert worker_records.get_worker_record(db, actor=dispatcher, worker_id=worker.id)
    with pytest.raises(PermissionDenied):
        _edit(db, dispatcher, worker, name="新名字")
    with pytest.raises(PermissionDenied):
        worker_records.suspend_worker(db, actor=dispatcher, worker_id=worker.id, reason="x")


# --- skills, districts, shifts -----------------------------------------------------------


def test_set_skills_and_levels(db, world, officer):
    worker = make_worker(db, world)
    record = worker_record_edits.set_worker_skills(
        db,
        actor=officer,
        worker_id=worker.id,
        skills=[SkillGrant(world.skill.id, 5), SkillGrant(world.cert_skill.id, 1)],
    )
    assert sorted((s.name, s.level) for s in record.skills) == [("保洁", 5), ("月嫂", 1)]
    granted = db.scalars(
        select(WorkerSkill).where(
            WorkerSkill.worker_id == worker.id, WorkerSkill.skill_id == world.skill.id
        )
    ).one()
    assert granted.granted_by == officer.id
    record = worker_record_edits.set_worker_skills(
        db, actor=officer, worker_id=worker.id, skills=[SkillGrant(world.cert_skill.id, 2)]
    )
    assert [(s.name, s.level) for s in record.skills] == [("月嫂", 2)]
    for bad in ([], [SkillGrant(world.skill.id, 6)], [SkillGrant(10**9, 1)]):
        with pytest.raises(ValidationError):
            worker_record_edits.set_worker_skills(
                db, actor=officer, worker_id=worker.id, skills=bad
            )


def test_set_districts_of_the_workers_branch_only(db, world, officer):
    worker = make_worker(db, world)
    record = worker_record_edits.set_worker_districts(
        db,
        actor=officer,
        worker_id=worker.id,
        district_ids=[world.district.id, world.other_district.id],
    )
    assert {d.id for d in record.districts} == {world.district.id, world.other_district.id}
    elsewhere = make_world(db).district
    with pytest.raises(ValidationError) as err:
        worker_record_edits.set_worker_districts(
            db, actor=officer, worker_id=worker.id, district_ids=[elsewhere.id]
        )
    assert elsewhere.name in str(err.value)
    with pytest.raises(ValidationError):
        worker_record_edits.set_worker_districts(
            db, actor=officer, worker_id=worker.id, district_ids=[]
        )
    closed = db.get(District, world.other_district.id)
    closed.is_active = False
    db.flush()
    with pytest.raises(ValidationError):
        worker_record_edits.set_worker_districts(
            db, actor=officer, worker_id=worker.id, district_ids=[closed.id]
        )


def test_shifts_come_from_the_schedule_service(db, world, officer):
    worker = make_worker(db, world)
    schedules.set_shifts(
        db, worker_id=worker.id, actor=officer, shifts=[schedules.Shift(0, 9 * 60, 17 * 60)]
    )
    record = worker_records.get_worker_record(db, actor=officer, worker_id=worker.id)
    assert record.shifts == (schedules.Shift(0, 9 * 60, 17 * 60),)


# --- certificates ------------------------------------------------------------------------


def _save(db, who, worker, **changes):
    values = {
        "cert_type": "健康证",
        "number": "JK-001",
        "issuer": "上海市卫健委",
        "expires_on": DAY + timedelta(days=200),
    } | changes
    return worker_record_edits.save_certificate(db, actor=who, worker_id=worker.id, **values)


def test_add_verify_and_correct_a_certificate(db, world, officer):
    worker = make_worker(db, world)
    doc = _save(db, officer, worker)
    assert (doc.status, doc.days_left, doc.verified_by_name) == ("submitted", 200, "")
    doc = worker_record_edits.verify_certificate(
        db, actor=officer, worker_id=worker.id, document_id=doc.id
    )
    assert doc.status == "verified" and doc.verified_by_name == "测试员工"
    assert doc.verified_at == clock.now()
    # a new issuer keeps the verification; a new expiry needs a new look
    doc = _save(db, officer, worker, document_id=doc.id, issuer="浦东新区卫健委")
    assert doc.status == "verified" and doc.issuer == "浦东新区卫健委"
    doc = _save(db, officer, worker, document_id=doc.id, expires_on=DAY + timedelta(days=300))
    assert doc.status == "submitted" and doc.verified_at is None
    with pytest.raises(ValidationError) as err:  # a rejection says why
        worker_record_edits.verify_certificate(
            db, actor=officer, worker_id=worker.id, document_id=doc.id, approve=False
        )
    assert err.value.field == "reason"
    doc = worker_record_edits.verify_certificate(
        db, actor=officer, worker_id=worker.id, document_id=doc.id, approve=False, reason="模糊"
    )
    assert doc.status == "rejected"
    with pytest.raises(Conflict):
        worker_record_edits.verify_certificate(
            db, actor=officer, worker_id=worker.id, document_id=doc.id, approve=False, reason="再"
        )


def test_a_certificate_with_a_past_expiry_is_refused_clearly(db, world, officer):
    worker = make_worker(db, world)
    with pytest.raises(ValidationError) as err:
        _save(db, officer, worker, expires_on=DAY - timedelta(days=1))
    assert err.value.field == "expires_on"
    assert str(err.value) == (
        "The 健康证 expires on 2026-11-22 (today is 2026-11-23); dispatch stops counting it "
        "on that day, so it cannot be recorded or verified."
    )
    with pytest.raises(ValidationError) as err:
        _save(db, officer, worker, expires_on=None)
    assert err.value.field == "expires_on"
    # dispatch no longer counts one on its expiry day: recording it would mislead
    with pytest.raises(ValidationError):
        _save(db, officer, worker, expires_on=DAY)
    assert _save(db, officer, worker, expires_on=DAY + timedelta(days=1)).days_left == 1
    # one that has expired since it was recorded cannot be verified any more
    old = make_worker(db, world)
    give_certificate(db, old, "健康证", DAY - timedelta(days=3), status="submitted")
    record = worker_records.get_worker_record(db, actor=officer, worker_id=old.id)
    with pytest.raises(ValidationError):
        worker_record_edits.verify_certificate(
            db, actor=officer, worker_id=old.id, document_id=record.documents[0].id
        )


def test_bad_certificate_input(db, world, officer):
    worker = make_worker(db, world)
    for changes, field in (
        ({"cert_type": ""}, "cert_type"),
        ({"number": " "}, "cert_number"),
        ({"issued_on": DAY + timedelta(days=1)}, "issued_on"),
    ):
        with pytest.raises(ValidationError) as err:
            _save(db, officer, worker, **changes)
        assert err.value.field == field
    other = make_worker(db, world)
    theirs = _save(db, officer, other)
    with pytest.raises(ValidationError):
        _save(db, officer, worker, document_id=theirs.id)
    with pytest.raises(ValidationError):
        worker_record_edits.verify_certificate(
            db, actor=officer, worker_id=worker.id, document_id=theirs.id
        )


# --- suspension --------------------------------------------------------------------------


def test_suspend_and_reinstate_with_reasons(db, world, officer):
    worker = make_worker(db, world)
    worker.work_status = "online"
    db.flush()
    with pytest.raises(ValidationError) as err:
        worker_records.suspend_worker(db, actor=officer, worker_id=worker.id, reason="  ")
    assert err.value.field == "reason"
    record = worker_records.suspend_worker(
        db, actor=officer, worker_id=worker.id, reason="多次迟到"
    )
    assert (record.status, record.status_reason, record.work_status) == (
        "suspended",
        "多次迟到",
        "offline",
    )
    with pytest.raises(Conflict):
        worker_records.suspend_worker(db, actor=officer, worker_id=worker.id, reason="again")
    record = worker_records.reinstate_worker(
        db, actor=officer, worker_id=worker.id, reason="培训合格"
    )
    assert (record.status, record.status_reason) == ("active", "")
    with pytest.raises(Conflict):
        worker_records.reinstate_worker(db, actor=officer, worker_id=worker.id, reason="x")
    events = db.execute(
        select(StateEvent.event, StateEvent.reason, StateEvent.actor_id)
        .where(StateEvent.entity == "worker", StateEvent.entity_id == worker.id)
        .order_by(StateEvent.id)
    ).all()
    assert [tuple(e) for e in events] == [
        ("suspend", "多次迟到", officer.id),
        ("reinstate", "培训合格", officer.id),
    ]
    actions = db.scalars(
        select(AuditLog.action).where(AuditLog.entity_id == worker.id).order_by(AuditLog.id)
    ).all()
    assert actions == ["worker.suspend", "worker.reinstate"]


def test_an_applicant_is_not_suspended(db, world, officer):
    applicant = make_worker(db, world, status="applicant")
    with pytest.raises(Conflict) as err:
        worker_records.suspend_worker(db, actor=officer, worker_id=applicant.id, reason="x")
    assert "applicant" in str(err.value)


def test_id_numbers_made_by_the_factory_also_mask(db, world, officer):
    number = make_id_number()
    worker = _with_id(db, make_worker(db, world), number)
    record = worker_records.get_worker_record(db, actor=officer, worker_id=worker.id)
    assert record.id_number_masked == number[:3] + "*" * 11 + number[-4:]
