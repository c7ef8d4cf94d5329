"""Vetting: the queue, the checks with their results and who ran them, the decision and
what it writes (state events, audit, the worker made active and dispatchable)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.models import (
    AuditLog,
    BlacklistEntry,
    Enrollment,
    Notification,
    StateEvent,
    TrainingCourse,
    VettingCase,
    Worker,
    WorkerDistrict,
    WorkerDocument,
    WorkerSkill,
)
from jiazheng_desk.services import (
    applications,
    blacklist,
    dispatch,
    pii,
    settings,
    vetting,
    vetting_checks,
    vetting_decisions,
    vetting_recorded,
)
from jiazheng_desk.services.errors import (
    Conflict,
    IllegalTransition,
    PermissionDenied,
    ValidationError,
)
from jiazheng_desk.services.vetting_decisions import SkillGrant
from jiazheng_desk.services.vetting_recorded import CertificateCheck
from jiazheng_desk.sync.gateways.background_sandbox import RECORDS, SandboxBackgroundGateway
from jiazheng_desk.sync.gateways.identity_sandbox import SandboxIdentityGateway
from tests.booking_factories import local, make_order, make_world
from tests.factories import actor, make_staff
from tests.vetting_factories import (
    PassingIdentity,
    SilentIdentity,
    TimingOutBackground,
    apply,
    officer,
    pass_every_check,
)
from tests.worker_factories import make_id_number

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
DAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _now():
    clock.freeze(NOW)


def _checks(db, who, case_id) -> dict[str, tuple[str, str, str]]:
    view = vetting.get_case(db, actor=who, case_id=case_id)
    return {c.kind: (c.result, c.detail, c.run_by_name) for c in view.checks}


def _approve(db, who, case_id, world, **kw):
    return vetting_decisions.approve_case(
        db,
        actor=who,
        case_id=case_id,
        skills=[SkillGrant(world.skill.id, 3)],
        district_ids=[world.district.id],
        **kw,
    )


# --- the queue ---------------------------------------------------------------------------


def test_the_queue_shows_the_branch_s_cases_with_age_filter_and_search(db):
    world, elsewhere = make_world(db), make_world(db)
    first = apply(db, world, name="王秀兰")
    clock.advance(timedelta(hours=5))
    second = apply(db, world, name="李春花", id_number=make_id_number(date(1990, 3, 3)))
    apply(db, elsewhere, name="外店人")
    me = officer(db, world)
    page = vetting.list_applications(db, actor=me)
    assert [r.id for r in page.items] == [first.case_id, second.case_id]  # oldest first
    assert page.total == 2
    row = page.items[0]
    assert (row.state, row.age_minutes, row.name) == ("new", 300, "王秀兰")
    assert row.id_number_masked == pii.mask_id_number(first.id_number)
    assert first.id_number not in row.id_number_masked
    assert row.requested_skills == "保洁"

    def found(text: str = "", state: str | None = None) -> list[int]:
        flt = vetting.QueueFilter(state=state, text=text)
        return [r.id for r in vetting.list_applications(db, actor=me, flt=flt).items]

    assert found("lch") == [second.case_id]  # pinyin initials
    assert found("王秀") == [first.case_id]
    assert found(second.id_number[-4:]) == [second.case_id]  # ID number suffix
    assert found(first.id_number) == [first.case_id]  # the whole number, by its hash
    assert found(first.worker.phone[-6:]) == [first.case_id]
    vetting_decisions.take_case(db, actor=me, case_id=second.case_id)
    assert found(state="under_review") == [second.case_id]
    assert found(state="new") == [first.case_id]
    assert vetting.get_queue_counts(db, actor=me) == {"new": 1, "under_review": 1}
    # HQ sees every branch
    hq = actor(make_staff(db, role="hq_admin"))
    assert vetting.list_applications(db, actor=hq).total >= 3


def test_a_dispatcher_cannot_see_the_queue_or_decide(db):
    world = make_world(db)
    applied = apply(db, world)
    dispatcher = actor(make_staff(db, role="dispatcher", branch=world.branch))
    with pytest.raises(PermissionDenied):
        vetting.list_applications(db, actor=dispatcher)
    with pytest.raises(PermissionDenied):
        vetting_decisions.reject_case(db, actor=dispatcher, case_id=applied.case_id, reason="不要")
    with pytest.raises(PermissionDenied):
        vetting_checks.run_id_check(db, actor=dispatcher, case_id=applied.case_id)
    # another branch's vetting officer neither
    stranger = officer(db, make_world(db))
    with pytest.raises(PermissionDenied):
        vetting.get_case(db, actor=stranger, case_id=applied.case_id)


# --- checks ------------------------------------------------------------------------------


def test_the_case_view_masks_the_number_and_lists_documents_and_checks(db):
    world = make_world(db)
    applied = apply(db, world, certificates=[("健康证", date(2027, 5, 1))])
    me = officer(db, world)
    view = vetting.get_case(db, actor=me, case_id=applied.case_id)
    assert view.id_number_masked == pii.mask_id_number(applied.id_number)
    assert [d.kind for d in view.documents] == ["id_front", "id_back", "certificate"]
    assert all(d.media_id is not None for d in view.documents)
    assert [c.kind for c in view.checks] == list(vetting.CHECK_KINDS)
    results = {c.kind: c.result for c in view.checks}
    # the form proved three of them already; the rest wait for the officer
    assert results["id_number"] == "passed" and results["interview"] == "pending"
    assert set(view.blocking) == {"background", "identity", "certificate", "interview", "training"}
    assert [e.event for e in view.events] == ["submit"]


def test_checks_record_result_detail_who_and_when(db):
    world = make_world(db)
    applied = apply(db, world)
    me = officer(db, world)
    results = pass_every_check(db, me, applied.case_id)
    assert set(results.values()) == {"passed"}
    checks = _checks(db, me, applied.case_id)
    assert checks["id_number"][0] == "passed" and "岁" in checks["id_number"][1]
    assert all(run_by == "审核员" for _, _, run_by in checks.values())
    view = vetting.get_case(db, actor=me, case_id=applied.case_id)
    assert all(c.run_at == NOW for c in view.checks) and view.blocking == ()
    audited = db.scalar(
        select(func.count(AuditLog.id)).where(
            AuditLog.action == "vetting.check", AuditLog.entity_id == applied.case_id
        )
    )
    assert audited == len(vetting.CHECK_KINDS)


def test_age_limits_come_from_the_settings_and_maternity_has_its_own(db):
    world = make_world(db)
    me = officer(db, world)
    hq = actor(make_staff(db, role="hq_admin"))
    older = date(1968, 6, 1)  # 58 on the day
    cleaner = apply(db, world, birth=older, id_number=make_id_number(older))
    assert vetting_checks.run_id_check(db, actor=me, case_id=cleaner.case_id) == "passed"
    yuesao = apply(
        db,
        world,
        birth=older,
        id_number=make_id_number(older),
        skills=[world.cert_skill.code],
        certificates=[("母婴护理证", date(2028, 1, 1))],
    )
    assert vetting_checks.run_id_check(db, actor=me, case_id=yuesao.case_id) == "failed"
    assert "18–55" in _checks(db, me, yuesao.case_id)["id_number"][1]
    settings.set_setting(db, actor=hq, key="vetting.max_age", value=55)
    assert vetting_checks.run_id_check(db, actor=me, case_id=cleaner.case_id) == "failed"


def test_birth_date_and_sex_must_match_the_number(db):
    world = make_world(db)
    applied = apply(db, world)
    me = officer(db, world)
    worker = db.get(Worker, applied.worker.id)
    worker.gender = "male"
    db.flush()
    assert vetting_checks.run_id_check(db, actor=me, case_id=applied.case_id) == "failed"
    assert "性别" in _checks(db, me, applied.case_id)["id_number"][1]
    worker.gender, worker.birth_date = "female", date(1985, 5, 21)
    db.flush()
    assert vetting_checks.run_id_check(db, actor=me, case_id=applied.case_id) == "failed"
    assert "1985-05-21" in _checks(db, me, applied.case_id)["id_number"][1]


def test_a_duplicate_applicant_in_another_branch_fails_the_check(db):
    world, other = make_world(db), make_world(db)
    applied = apply(db, world)
    me = officer(db, world)
    assert vetting_checks.run_duplicate_check(db, actor=me, case_id=applied.case_id) == "passed"
    # the same person already works for another branch under a second phone
    twin = apply(db, other, name="王秀兰")
    db.get(Worker, twin.worker.id).id_number_hash = pii.lookup_hash(applied.id_number)
    db.flush()
    assert vetting_checks.run_duplicate_check(db, actor=me, case_id=applied.case_id) == "failed"
    text = _checks(db, me, applied.case_id)["duplicate"][1]
    assert f"#{twin.worker.id}" in text and "门店" in text


def test_the_blacklist_hit_blocks_approval_and_only_hq_overrides_with_a_reason(db):
    world = make_world(db)
    applied = apply(db, world)
    me = officer(db, world)
    manager = officer(db, world, role="branch_manager")
    hq = actor(make_staff(db, role="hq_admin", display_name="总部"))
    blacklist.add_entry(
        db,
        actor=me,
        name="王秀兰",
        id_number=applied.id_number,
        reason_type="fraud",
        evidence="2025 年冒用他人证件",
    )
    pass_every_check(db, me, applied.case_id)
    checks = _checks(db, me, applied.case_id)
    assert checks["blacklist"][0] == "failed" and "欺诈" in checks["blacklist"][1]
    with pytest.raises(Conflict) as refused:
        _approve(db, me, applied.case_id, world)
    assert "黑名单" in str(refused.value)
    # a branch manager decides cases but may not override
    with pytest.raises(PermissionDenied):
        _approve(db, manager, applied.case_id, world, override_reason="我担保")
    # a blank reason is no reason
    with pytest.raises(Conflict):
        _approve(db, hq, applied.case_id, world, override_reason="   ")
    assert db.get(Worker, applied.worker.id).status == "applicant"
    view = _approve(db, hq, applied.case_id, world, override_reason="已核实为同名误报")
    assert view.state == "approved" and view.override_reason == "已核实为同名误报"
    override = db.scalars(select(AuditLog).where(AuditLog.action == "vetting.override")).one()
    assert json.loads(override.after_json)["checks"] == ["blacklist"]
    assert override.actor_name == "总部"


def test_a_background_check_that_times_out_is_not_answered_and_blocks(db):
    world = make_world(db)
    applied = apply(db, world)
    me = officer(db, world)
    pass_every_check(db, me, applied.case_id)
    for gateway in (TimingOutBackground(), TimingOutBackground(raise_it=True)):
        result = vetting_checks.run_background_check(
            db, actor=me, case_id=applied.case_id, gateway=gateway
        )
        assert result == "not_answered"
        result, text, _ = _checks(db, me, applied.case_id)["background"]
        assert result == "not_answered" and "重试" in text
    with pytest.raises(Conflict) as refused:
        _approve(db, me, applied.case_id, world)
    assert "背景调查" in str(refused.value)
    # retried when the provider is back: now it passes
    assert (
        vetting_checks.run_background_check(
            db, actor=me, case_id=applied.case_id, gateway=SandboxBackgroundGateway()
        )
        == "passed"
    )
    assert _approve(db, me, applied.case_id, world).state == "approved"


def test_a_seeded_background_record_is_a_hit(db):
    world = make_world(db)
    record = RECORDS[0]
    born = date(int(record.id_number[6:10]), int(record.id_number[10:12]), 14)
    applied = apply(db, world, name=record.name, birth=born, id_number=record.id_number)
    me = officer(db, world)
    result = vetting_checks.run_background_check(
        db, actor=me, case_id=applied.case_id, gateway=SandboxBackgroundGateway()
    )
    assert result == "failed"
    assert record.finding in _checks(db, me, applied.case_id)["background"][1]


def test_identity_is_never_faked_as_passed(db):
    world = make_world(db)
    applied = apply(db, world)
    me = officer(db, world)
    case_id = applied.case_id
    silent = vetting_checks.run_identity_check(
        db, actor=me, case_id=case_id, gateway=SilentIdentity()
    )
    assert silent == "not_answered"
    # the sandbox has no record of a made-up applicant
    assert (
        vetting_checks.run_identity_check(
            db, actor=me, case_id=case_id, gateway=SandboxIdentityGateway()
        )
        == "failed"
    )
    assert "查无" in _checks(db, me, case_id)["identity"][1]
    seeded = apply(db, world, name="王芳", birth=date(1985, 6, 12), id_number="310104198506122348")
    assert (
        vetting_checks.run_identity_check(
            db, actor=me, case_id=seeded.case_id, gateway=SandboxIdentityGateway()
        )
        == "passed"
    )
    assert (
        vetting_checks.run_identity_check(
            db, actor=me, case_id=seeded.case_id, gateway=PassingIdentity()
        )
        == "passed"
    )


def test_required_training_must_be_passed(db):
    world = make_world(db)
    applied = apply(db, world)
    me = officer(db, world)
    assert vetting_checks.run_training_check(db, actor=me, case_id=applied.case_id) == "passed"
    course = TrainingCourse(
        title="保洁岗前培训", skill_id=world.skill.id, required_for_vetting=True
    )
    db.add(course)
    db.flush()
    assert vetting_checks.run_training_check(db, actor=me, case_id=applied.case_id) == "failed"
    assert "保洁岗前培训" in _checks(db, me, applied.case_id)["training"][1]
    enrollment = Enrollment(course_id=course.id, worker_id=applied.worker.id, state="attended")
    db.add(enrollment)
    db.flush()
    assert vetting_checks.run_training_check(db, actor=me, case_id=applied.case_id) == "failed"
    enrollment.state = "passed"
    db.flush()
    assert vetting_checks.run_training_check(db, actor=me, case_id=applied.case_id) == "passed"


def test_certificates_are_verified_one_by_one_and_an_expired_one_is_refused(db):
    world = make_world(db)
    applied = apply(
        db,
        world,
        skills=[world.cert_skill.code],
        certificates=[("母婴护理证", date(2028, 6, 30)), ("健康证", date(2027, 1, 1))],
    )
    me = officer(db, world)
    docs = {
        d.cert_type: d
        for d in db.scalars(
            select(WorkerDocument).where(
                WorkerDocument.worker_id == applied.worker.id,
                WorkerDocument.kind == "certificate",
            )
        )
    }
    assert vetting_recorded.run_certificate_check(db, actor=me, case_id=applied.case_id) == (
        "pending"
    )
    expired = CertificateCheck("母婴护理证", "MY1", "上海市人社局", date(2026, 11, 19), True)
    with pytest.raises(ValidationError) as refused:
        vetting_recorded.verify_certificate(
            db,
            actor=me,
            case_id=applied.case_id,
            document_id=docs["母婴护理证"].id,
            check=expired,
        )
    assert refused.value.field == "expires_on" and "2026-11-19" in str(refused.value)
    assert docs["母婴护理证"].status == "submitted"
    good = CertificateCheck("母婴护理证", "MY1", "上海市人社局", date(2028, 6, 30), True)
    result = vetting_recorded.verify_certificate(
        db, actor=me, case_id=applied.case_id, document_id=docs["母婴护理证"].id, check=good
    )
    assert result == "pending"  # the 健康证 still waits
    no = CertificateCheck("健康证", "", "", None, False, reason="照片模糊，无法辨认")
    result = vetting_recorded.verify_certificate(
        db, actor=me, case_id=applied.case_id, document_id=docs["健康证"].id, check=no
    )
    assert result == "passed"
    db.refresh(docs["母婴护理证"])
    db.refresh(docs["健康证"])
    assert (docs["母婴护理证"].status, docs["母婴护理证"].number) == ("verified", "MY1")
    assert docs["健康证"].status == "rejected"
    view = vetting.get_case(db, actor=me, case_id=applied.case_id)
    verified = next(d for d in view.documents if d.cert_type == "母婴护理证")
    assert verified.verified_by_name == "审核员"


def test_the_interview_needs_notes_and_a_known_mode(db):
    world = make_world(db)
    applied = apply(db, world)
    me = officer(db, world)
    with pytest.raises(ValidationError):
        vetting_recorded.record_interview(
            db, actor=me, case_id=applied.case_id, mode="phone", notes="好", passed=True
        )
    with pytest.raises(ValidationError):
        vetting_recorded.record_interview(
            db, actor=me, case_id=applied.case_id, mode="video", notes=" ", passed=True
        )
    vetting_recorded.record_interview(
        db, actor=me, case_id=applied.case_id, mode="video", notes="迟到十分钟", passed=False
    )
    result, text, _ = _checks(db, me, applied.case_id)["interview"]
    assert result == "failed" and text == "视频面试：迟到十分钟"


# --- decisions ---------------------------------------------------------------------------


def test_approval_makes_the_worker_active_and_a_dispatch_candidate(db):
    world = make_world(db)
    applied = apply(db, world)
    me = officer(db, world)
    vetting_decisions.take_case(db, actor=me, case_id=applied.case_id)
    pass_every_check(db, me, applied.case_id)
    with pytest.raises(ValidationError):
        vetting_decisions.approve_case(
            db, actor=me, case_id=applied.case_id, skills=[], district_ids=[world.district.id]
        )
    with pytest.raises(ValidationError):
        vetting_decisions.approve_case(
            db,
            actor=me,
            case_id=applied.case_id,
            skills=[SkillGrant(world.skill.id, 3)],
            district_ids=[make_world(db).district.id],
        )
    view = _approve(db, me, applied.case_id, world)
    assert view.state == "approved" and view.decided_by_name == "审核员"
    worker = db.get(Worker, applied.worker.id, populate_existing=True)
    assert worker.status == "active" and worker.joined_on == date(2026, 11, 20)
    skills = db.execute(
        select(WorkerSkill.skill_id, WorkerSkill.level).where(WorkerSkill.worker_id == worker.id)
    ).all()
    assert skills == [(world.skill.id, 3)]
    served = db.scalars(
        select(WorkerDistrict.district_id).where(WorkerDistrict.worker_id == worker.id)
    ).all()
    assert served == [world.district.id]
    docs = db.scalars(
        select(WorkerDocument.status).where(WorkerDocument.worker_id == worker.id)
    ).all()
    assert set(docs) == {"verified"}
    note = db.scalars(
        select(Notification).where(
            Notification.recipient_kind == "worker", Notification.recipient_id == worker.id
        )
    ).one()
    assert note.title == "入职审核已通过"
    events = db.execute(
        select(StateEvent.event, StateEvent.from_state, StateEvent.to_state)
        .where(StateEvent.entity == "vetting_case", StateEvent.entity_id == applied.case_id)
        .order_by(StateEvent.id)
    ).all()
    assert events == [
        ("submit", "", "new"),
        ("take", "new", "under_review"),
        ("approve", "under_review", "approved"),
    ]
    approve_row = db.scalars(select(AuditLog).where(AuditLog.action == "vetting.approve")).one()
    assert json.loads(approve_row.after_json)["skills"] == {str(world.skill.id): 3}
    # what vetting decided, dispatch obeys
    dispatcher = actor(make_staff(db, role="dispatcher", branch=world.branch))
    order = make_order(db, world, local(DAY, 10))
    found = [c.worker_id for c in dispatch.candidates(db, order_id=order.id, actor=dispatcher)]
    assert worker.id in found
    # a decided case cannot be decided again, nor its checks changed
    with pytest.raises(IllegalTransition):
        vetting_decisions.reject_case(db, actor=me, case_id=applied.case_id, reason="改主意")
    with pytest.raises(Conflict):
        vetting_checks.run_id_check(db, actor=me, case_id=applied.case_id)


def test_reject_and_ask_for_documents_tell_the_worker_why(db):
    world = make_world(db)
    first = apply(db, world)
    me = officer(db, world)
    with pytest.raises(ValidationError):
        vetting_decisions.ask_for_documents(db, actor=me, case_id=first.case_id, missing="")
    view = vetting_decisions.ask_for_documents(
        db, actor=me, case_id=first.case_id, missing="请上传清晰的健康证照片"
    )
    assert view.state == "waiting_documents"
    status = applications.get_application_status(db, actor=first.me)
    assert (status.status, status.reason) == ("waiting_documents", "请上传清晰的健康证照片")
    view = vetting_decisions.reject_case(
        db, actor=me, case_id=first.case_id, reason="多次联系未补交材料"
    )
    assert view.state == "rejected" and view.decision_reason == "多次联系未补交材料"
    status = applications.get_application_status(db, actor=first.me)
    assert (status.status, status.reason) == ("rejected", "多次联系未补交材料")
    titles = db.scalars(
        select(Notification.title)
        .where(Notification.recipient_id == first.worker.id)
        .order_by(Notification.id)
    ).all()
    assert titles == ["请补充申请材料", "入职审核未通过"]
    events = db.execute(
        select(StateEvent.event, StateEvent.reason, StateEvent.actor_kind)
        .where(StateEvent.entity_id == first.case_id, StateEvent.entity == "vetting_case")
        .order_by(StateEvent.id)
    ).all()
    assert events[1:] == [
        ("ask_documents", "请上传清晰的健康证照片", "staff"),
        ("reject", "多次联系未补交材料", "staff"),
    ]
    for action in ("vetting.ask_documents", "vetting.reject"):
        row = db.scalars(select(AuditLog).where(AuditLog.action == action)).one()
        assert row.entity_id == first.case_id and row.branch_id == world.branch.id
    case = db.get(VettingCase, first.case_id, populate_existing=True)
    assert case.decided_at == NOW


def test_the_application_s_own_blacklist_check_agrees(db):
    """The form records the blacklist check; an entry released since lets it pass."""
    world = make_world(db)
    me = officer(db, world)
    number = make_id_number()
    entry = blacklist.add_entry(
        db, actor=me, name="某人", id_number=number, reason_type="work_quality", evidence="多次投诉"
    )
    applied = apply(db, world, id_number=number)
    assert _checks(db, me, applied.case_id)["blacklist"][0] == "failed"
    blacklist.release_entry(db, actor=me, entry_id=entry.id, reason="申诉成立")
    assert vetting_checks.run_blacklist_check(db, actor=me, case_id=applied.case_id) == "passed"
    assert db.get(BlacklistEntry, entry.id).release_reason == "申诉成立"
