"""Training and exams through the services: courses, targets, push, seats, scores, levels."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.models import Enrollment, ExamResult, Notification, StateEvent, WorkerSkill
from jiazheng_desk.services import training, training_lists
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.booking_factories import make_worker, make_world
from tests.factories import actor, make_staff
from tests.training_factories import make_course, offline, online, open_case

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _now():
    clock.freeze(NOW)


@pytest.fixture
def shop(db):
    world = make_world(db)
    officer = actor(make_staff(db, role="vetting_officer", branch=world.branch))
    return world, officer


def _level(db, worker, skill) -> int | None:
    return db.scalar(
        select(WorkerSkill.level).where(
            WorkerSkill.worker_id == worker.id, WorkerSkill.skill_id == skill.id
        )
    )


# --- courses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (offline(session_at=None), "session_at"),
        (offline(place="  "), "place"),
        (offline(seats=0), "seats"),
        (online(video_url=""), "video_url"),
        (online(video_url="video.example.com/x"), "video_url"),
        (offline(pass_mark=101), "pass_mark"),
        (offline(pass_mark=-1), "pass_mark"),
        (offline(raises_level_to=3), "raises_level_to"),
        (offline(title=""), "title"),
        (offline(mode="hybrid"), "mode"),
    ],
)
def test_a_bad_course_is_refused_with_its_field(db, shop, form, field):
    _world, officer = shop
    with pytest.raises(ValidationError) as refused:
        training.create_course(db, actor=officer, data=form)
    assert refused.value.field == field
    assert str(refused.value)  # a readable message, not the key
    assert not str(refused.value).startswith("training.")


def test_pass_marks_at_the_ends_are_accepted_and_online_needs_no_seats(db, shop):
    _world, officer = shop
    for mark in (0, 100):
        view = training.create_course(db, actor=officer, data=offline(pass_mark=mark))
        assert view.pass_mark == mark
    view = training.create_course(db, actor=officer, data=online())
    assert (view.mode, view.seats, view.seats_left, view.session_at) == ("online", 0, None, None)


def test_a_branch_officer_makes_branch_courses_and_cannot_change_hq_ones(db, shop):
    world, officer = shop
    hq = actor(make_staff(db, role="hq_admin"))
    other = make_world(db)
    # the form's branch is ignored: an officer's course is their branch's
    mine = training.create_course(db, actor=officer, data=offline(branch_id=other.branch.id))
    assert mine.branch_id == world.branch.id
    everyone = training.create_course(db, actor=hq, data=offline(branch_id=None))
    assert everyone.branch_id is None
    with pytest.raises(PermissionDenied):
        training.update_course(db, actor=officer, course_id=everyone.id, data=offline())
    theirs = training.create_course(db, actor=hq, data=offline(branch_id=other.branch.id))
    with pytest.raises(NotFound):
        training.get_course(db, actor=officer, course_id=theirs.id)
    seen = {c.id for c in training.list_courses(db, actor=officer).items}
    assert seen == {mine.id, everyone.id}


def test_a_dispatcher_is_refused_everywhere(db, shop):
    world, officer = shop
    dispatcher = actor(make_staff(db, role="dispatcher", branch=world.branch))
    course = training.create_course(db, actor=officer, data=offline())
    worker = make_worker(db, world)
    with pytest.raises(PermissionDenied):
        training.create_course(db, actor=dispatcher, data=offline())
    with pytest.raises(PermissionDenied):
        training.list_courses(db, actor=dispatcher)
    with pytest.raises(PermissionDenied):
        training.enroll_worker(db, actor=dispatcher, course_id=course.id, worker_id=worker.id)
    with pytest.raises(PermissionDenied):
        training.push_course(db, actor=dispatcher, course_id=course.id)
    with pytest.raises(PermissionDenied):
        training_lists.list_needs(db, actor=dispatcher)


def test_seats_cannot_drop_below_the_enrolled_and_a_course_can_be_deactivated(db, shop):
    world, officer = shop
    course = training.create_course(db, actor=officer, data=offline(seats=3))
    for _ in range(2):
        w = make_worker(db, world)
        training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=w.id)
    with pytest.raises(ValidationError) as refused:
        training.update_course(db, actor=officer, course_id=course.id, data=offline(seats=1))
    assert refused.value.field == "seats"
    changed = training.update_course(
        db, actor=officer, course_id=course.id, data=offline(seats=2, title="改名")
    )
    assert (changed.title, changed.seats, changed.taken, changed.seats_left) == ("改名", 2, 2, 0)
    off = training.set_course_active(db, actor=officer, course_id=course.id, active=False)
    assert not off.is_active
    assert course.id not in {c.id for c in training.list_courses(db, actor=officer).items}
    late = make_worker(db, world)
    with pytest.raises(Conflict):
        training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=late.id)


# --- targets and push --------------------------------------------------------------------


def test_targets_follow_skill_experience_branch_status_and_level(db, shop):
    world, officer = shop
    course = make_course(
        db, world.branch, skill_id=world.skill.id, min_years_experience=3, raises_level_to=4
    )
    fit = make_worker(db, world, level=2)
    fit.years_experience = 5
    green = make_worker(db, world, level=2)  # 0 years
    other_skill = make_worker(db, world, skills=(world.cert_skill,))
    other_skill.years_experience = 9
    suspended = make_worker(db, world, status="suspended")
    suspended.years_experience = 9
    already = make_worker(db, world, level=4)
    already.years_experience = 9
    applicant = make_worker(db, world, status="applicant", skills=(world.cert_skill,))
    applicant.years_experience = 3
    open_case(db, applicant, f"{world.cert_skill.code},{world.skill.code}")
    rejected = make_worker(db, world, status="applicant", skills=(world.cert_skill,))
    rejected.years_experience = 3
    open_case(db, rejected, world.skill.code, state="rejected")
    elsewhere = make_world(db)
    far = make_worker(db, elsewhere)
    far.years_experience = 9
    db.flush()
    page = training_lists.list_course_targets(db, actor=officer, course_id=course.id)
    assert {r.worker_id for r in page.items} == {fit.id, applicant.id}
    assert page.total == 2
    # a general course is for every active worker and every applicant under review
    general = make_course(db, None)
    hq = actor(make_staff(db, role="hq_admin"))
    everyone = {
        r.worker_id
        for r in training_lists.list_course_targets(db, actor=hq, course_id=general.id).items
    }
    assert everyone == {fit.id, green.id, other_skill.id, already.id, applicant.id, far.id}
    # a pre-job course (required for vetting) is for the applicants only
    pre_job = make_course(db, world.branch, skill_id=world.skill.id, required_for_vetting=True)
    chased = training_lists.list_course_targets(db, actor=officer, course_id=pre_job.id)
    assert {r.worker_id for r in chased.items} == {applicant.id}


def test_a_code_with_an_underscore_matches_only_itself(db, shop):
    world, officer = shop
    world.skill.code = f"floor_care{world.skill.id}"
    db.flush()
    course = make_course(db, world.branch, skill_id=world.skill.id)
    applicant = make_worker(db, world, status="applicant", skills=(world.cert_skill,))
    open_case(db, applicant, f"floorXcare{world.skill.id}")
    assert training_lists.list_course_targets(db, actor=officer, course_id=course.id).total == 0


def test_push_tells_each_target_once(db, shop):
    world, officer = shop
    course = training.create_course(
        db, actor=officer, data=offline(skill_id=world.skill.id, title="母婴护理")
    )
    workers = [make_worker(db, world) for _ in range(3)]
    training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=workers[0].id)
    first = training.push_course(db, actor=officer, course_id=course.id)
    assert (first.notified, first.already) == (2, 0)
    notes = db.scalars(
        select(Notification).where(
            Notification.kind == "training_course", Notification.entity_id == course.id
        )
    ).all()
    assert {n.recipient_id for n in notes} == {workers[1].id, workers[2].id}
    assert all(n.recipient_kind == "worker" and "母婴护理" in n.body for n in notes)
    assert all("2026-12-01 09:00" in n.body for n in notes)  # the branch's time
    newcomer = make_worker(db, world)
    second = training.push_course(db, actor=officer, course_id=course.id)
    assert (second.notified, second.already) == (1, 2)
    assert (
        db.scalar(
            select(func.count(Notification.id)).where(
                Notification.entity_id == course.id, Notification.recipient_id == newcomer.id
            )
        )
        == 1
    )


# --- enrolment, attendance, exams --------------------------------------------------------


def test_seats_are_a_hard_limit_and_a_cancellation_frees_one(db, shop):
    world, officer = shop
    course = training.create_course(db, actor=officer, data=offline(seats=2))
    a, b, c = (make_worker(db, world) for _ in range(3))
    first = training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=a.id)
    training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=b.id)
    with pytest.raises(Conflict) as full:
        training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=c.id)
    assert full.value.key == "training.full"
    with pytest.raises(Conflict) as twice:
        training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=a.id)
    assert twice.value.key == "training.already_enrolled"
    cancelled = training.cancel_enrollment(
        db, actor=officer, enrollment_id=first.id, reason="时间冲突"
    )
    assert cancelled.state == "cancelled"
    training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=c.id)
    assert training.get_course(db, actor=officer, course_id=course.id).taken == 2
    events = db.scalars(
        select(StateEvent.event).where(
            StateEvent.entity == "enrollment", StateEvent.entity_id == first.id
        )
    ).all()
    assert events == ["enrol", "cancel"]


def test_online_courses_have_no_seat_limit_and_no_attendance(db, shop):
    world, officer = shop
    course = training.create_course(db, actor=officer, data=online(pass_mark=80))
    views = [
        training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=w.id)
        for w in (make_worker(db, world) for _ in range(3))
    ]
    with pytest.raises(ValidationError):
        training.record_attendance(db, actor=officer, enrollment_id=views[0].id)
    done = training.record_exam(db, actor=officer, enrollment_id=views[0].id, score=80)
    assert (done.state, done.score, done.passed) == ("passed", 80, True)


def test_the_pass_mark_itself_passes_and_one_less_fails(db, shop):
    world, officer = shop
    course = training.create_course(db, actor=officer, data=offline(pass_mark=75))
    at, below = make_worker(db, world), make_worker(db, world)
    results = {}
    for worker, score in ((at, 75), (below, 74)):
        e = training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=worker.id)
        training.record_attendance(db, actor=officer, enrollment_id=e.id)
        results[score] = training.record_exam(db, actor=officer, enrollment_id=e.id, score=score)
    assert (results[75].state, results[75].passed) == ("passed", True)
    assert (results[74].state, results[74].passed) == ("failed", False)
    stored = dict(db.execute(select(ExamResult.score, ExamResult.passed)).all())
    assert bool(stored[75]) is True and bool(stored[74]) is False


def test_an_offline_exam_needs_attendance_and_a_pass_is_final(db, shop):
    world, officer = shop
    course = training.create_course(db, actor=officer, data=offline())
    e = training.enroll_worker(
        db, actor=officer, course_id=course.id, worker_id=make_worker(db, world).id
    )
    with pytest.raises(Conflict) as early:
        training.record_exam(db, actor=officer, enrollment_id=e.id, score=90)
    assert early.value.key == "training.needs_attendance"
    training.record_attendance(db, actor=officer, enrollment_id=e.id)
    for bad in (101, -5):
        with pytest.raises(ValidationError):
            training.record_exam(db, actor=officer, enrollment_id=e.id, score=bad)
    failed = training.record_exam(db, actor=officer, enrollment_id=e.id, score=40)
    assert failed.state == "failed"
    # a failed worker sits again: a second result row
    passed = training.record_exam(db, actor=officer, enrollment_id=e.id, score=88)
    assert (passed.state, passed.score) == ("passed", 88)
    with pytest.raises(Conflict):
        training.record_exam(db, actor=officer, enrollment_id=e.id, score=95)
    with pytest.raises(Conflict):
        training.cancel_enrollment(db, actor=officer, enrollment_id=e.id)
    # the vetting check reads exactly this
    assert db.get(Enrollment, e.id).state == "passed"


def test_passing_raises_the_level_and_never_lowers_it(db, shop):
    world, officer = shop
    course = training.create_course(
        db, actor=officer, data=online(skill_id=world.skill.id, raises_level_to=4)
    )
    low, high = make_worker(db, world, level=2), make_worker(db, world, level=5)
    for worker in (low, high):
        e = training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=worker.id)
        view = training.record_exam(db, actor=officer, enrollment_id=e.id, score=90)
        assert view.state == "passed"
    assert _level(db, low, world.skill) == 4
    assert _level(db, high, world.skill) == 5


def test_a_failed_exam_changes_no_level(db, shop):
    world, officer = shop
    course = training.create_course(
        db, actor=officer, data=online(skill_id=world.skill.id, raises_level_to=4)
    )
    worker = make_worker(db, world, level=2)
    e = training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=worker.id)
    training.record_exam(db, actor=officer, enrollment_id=e.id, score=10)
    assert _level(db, worker, world.skill) == 2


def test_an_active_worker_is_granted_the_skill_an_applicant_is_not(db, shop):
    world, officer = shop
    course = training.create_course(
        db, actor=officer, data=online(skill_id=world.cert_skill.id, raises_level_to=2)
    )
    active = make_worker(db, world)
    applicant = make_worker(db, world, status="applicant")
    for worker in (active, applicant):
        e = training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=worker.id)
        view = training.record_exam(db, actor=officer, enrollment_id=e.id, score=100)
        assert view.state == "passed"
    assert _level(db, active, world.cert_skill) == 2
    assert _level(db, applicant, world.cert_skill) is None


def test_workers_who_left_and_workers_of_another_branch_are_refused(db, shop):
    world, officer = shop
    course = training.create_course(db, actor=officer, data=offline())
    gone = make_worker(db, world, status="left")
    with pytest.raises(Conflict):
        training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=gone.id)
    stranger = make_worker(db, make_world(db))
    with pytest.raises(PermissionDenied):
        training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=stranger.id)
    hq = actor(make_staff(db, role="hq_admin"))
    with pytest.raises(ValidationError):
        training.enroll_worker(db, actor=hq, course_id=course.id, worker_id=stranger.id)


def test_an_officer_never_touches_another_branchs_enrolment(db, shop):
    world, officer = shop
    hq = actor(make_staff(db, role="hq_admin"))
    other = make_world(db)
    everyone = training.create_course(db, actor=hq, data=online())
    theirs = training.enroll_worker(
        db, actor=hq, course_id=everyone.id, worker_id=make_worker(db, other).id
    )
    mine = training.enroll_worker(
        db, actor=officer, course_id=everyone.id, worker_id=make_worker(db, world).id
    )
    with pytest.raises(NotFound):
        training.record_exam(db, actor=officer, enrollment_id=theirs.id, score=90)
    seen = training_lists.list_enrollments(db, actor=officer, course_id=everyone.id)
    assert [e.id for e in seen] == [mine.id]
    assert {e.id for e in training_lists.list_enrollments(db, actor=hq, course_id=everyone.id)} == {
        mine.id,
        theirs.id,
    }


# --- lists -------------------------------------------------------------------------------


def test_needs_unfinished_and_results(db, shop):
    world, officer = shop
    recorder = make_staff(db, role="vetting_officer", branch=world.branch, display_name="李老师")
    teacher = actor(recorder)
    course = training.create_course(
        db, actor=officer, data=offline(skill_id=world.skill.id, title="养老护理")
    )
    _never, enrolled, attended, passed, failed, cancelled = (
        make_worker(db, world, name=n) for n in ("甲", "乙", "丙", "丁", "戊", "己")
    )

    def enrol(worker):
        return training.enroll_worker(db, actor=officer, course_id=course.id, worker_id=worker.id)

    enrol(enrolled)
    e = enrol(attended)
    training.record_attendance(db, actor=officer, enrollment_id=e.id)
    for worker, score in ((passed, 90), (failed, 30)):
        e = enrol(worker)
        training.record_attendance(db, actor=teacher, enrollment_id=e.id)
        training.record_exam(db, actor=teacher, enrollment_id=e.id, score=score)
    training.cancel_enrollment(db, actor=officer, enrollment_id=enrol(cancelled).id)

    needs = training_lists.list_needs(db, actor=officer, course_id=course.id)
    assert {(r.worker_name, r.state) for r in needs.items} == {
        ("甲", ""),
        ("戊", "failed"),
        ("己", "cancelled"),
    }
    unfinished = training_lists.list_unfinished(db, actor=officer, course_id=course.id)
    assert {(r.worker_name, r.state) for r in unfinished.items} == {
        ("乙", "enrolled"),
        ("丙", "attended"),
    }
    assert all(r.score is None for r in unfinished.items)
    results = training_lists.list_results(db, actor=officer, course_id=course.id)
    assert {(r.worker_name, r.score, r.passed, r.recorded_by) for r in results.items} == {
        ("丁", 90, True, "李老师"),
        ("戊", 30, False, "李老师"),
    }
    # the list over every course pages in the database
    page = training_lists.list_needs(db, actor=officer, limit=2, sort="worker_name")
    assert page.total == 3 and len(page.items) == 2
    assert [r.worker_name for r in page.items] == sorted(r.worker_name for r in needs.items)[:2]


def test_find_a_worker_to_enrol(db, shop):
    world, officer = shop
    course = training.create_course(db, actor=officer, data=offline(skill_id=world.skill.id))
    zhang = make_worker(db, world, name="张秀英")
    zhang.name_initials = "zxy"
    other_skill = make_worker(db, world, name="张丽", skills=(world.cert_skill,))
    other_skill.name_initials = "zl"
    db.flush()
    hits = training.find_workers_to_enroll(db, actor=officer, course_id=course.id, text="张")
    assert {(h.name, h.is_target) for h in hits} == {("张秀英", True), ("张丽", False)}
    assert [
        h.name
        for h in training.find_workers_to_enroll(db, actor=officer, course_id=course.id, text="zx")
    ] == ["张秀英"]
    digits = zhang.phone[-6:]
    assert [
        h.id
        for h in training.find_workers_to_enroll(
            db, actor=officer, course_id=course.id, text=digits
        )
    ] == [zhang.id]
    assert training.find_workers_to_enroll(db, actor=officer, course_id=course.id, text=" ") == []


# --- seats under concurrency -------------------------------------------------------------

THREADS = 16
SEATS = 5


def _race(database, officer, course_id, worker_ids):
    outcome = {"enrolled": 0, "full": 0, "errors": []}
    lock = threading.Lock()

    def enrol(worker_id: int) -> None:
        try:
            with database.session(write=True) as s:
                training.enroll_worker(s, actor=officer, course_id=course_id, worker_id=worker_id)
            with lock:
                outcome["enrolled"] += 1
        except Conflict as exc:
            with lock:
                if exc.key == "training.full":
                    outcome["full"] += 1
                else:
                    outcome["errors"].append(repr(exc))
        except Exception as exc:
            with lock:
                outcome["errors"].append(repr(exc))

    threads = [threading.Thread(target=enrol, args=(w,)) for w in worker_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    with database.session() as s:
        taken = s.scalar(
            select(func.count(Enrollment.id)).where(
                Enrollment.course_id == course_id, Enrollment.state == "enrolled"
            )
        )
    return outcome, taken


def _course_and_crowd(database):
    with database.session(write=True) as s:
        world = make_world(s)
        officer = actor(make_staff(s, role="vetting_officer", branch=world.branch))
        course = make_course(s, world.branch, seats=SEATS)
        crowd = [make_worker(s, world).id for _ in range(THREADS)]
    return officer, course.id, crowd


def test_sixteen_enrolments_at_once_fill_five_seats_exactly(live_db):
    officer, course_id, crowd = _course_and_crowd(live_db)
    outcome, taken = _race(live_db, officer, course_id, crowd)
    assert outcome["errors"] == []
    assert (outcome["enrolled"], outcome["full"], taken) == (SEATS, THREADS - SEATS, SEATS)


@pytest.mark.mysql_only
def test_without_the_course_lock_the_same_race_overbooks(mysql_live_db, monkeypatch):
    """The lock is what keeps the count right: take it out and the seats overflow."""
    officer, course_id, crowd = _course_and_crowd(mysql_live_db)
    everyone_counted = threading.Barrier(THREADS, timeout=20)
    real_count = training._seats_taken

    def unlocked(session, course_id):
        return session.get(training.TrainingCourse, course_id)

    def count_then_wait(session, course_id):
        taken = real_count(session, course_id)
        everyone_counted.wait()
        return taken

    monkeypatch.setattr(training, "_lock_course", unlocked)
    monkeypatch.setattr(training, "_seats_taken", count_then_wait)
    outcome, taken = _race(mysql_live_db, officer, course_id, crowd)
    assert outcome["errors"] == []
    assert taken > SEATS
