"""Demo training: courses per branch and one for every branch, written through the services.

Each branch gets its pre-job course (家政服务员岗前培训, required for vetting) held ten days
ago with a few applicants who passed it (and one who did not), a maternity course that
raises the level (母婴护理), an elder-care session next week with people enrolled and
pushed to its targets (养老护理), and an online appliance course; HQ adds an online safety
course (安全规范) for everyone. Enrolments, attendance and exams are written at the time
they happened (the clock travels back for them), by the branch's vetting officer.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Branch, Skill, StaffUser, Worker, WorkerSkill
from jiazheng_desk.services import training
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.auth import actor_for
from jiazheng_desk.services.training_views import CourseInput

PRE_JOB = "家政服务员岗前培训"
VIDEO = "https://training.jiazheng.example.com/video/"


@contextmanager
def _at(moment: datetime) -> Iterator[None]:
    """Run with the clock at ``moment``, then put it back where it was."""
    delta = moment - clock.now()
    clock.advance(delta)
    try:
        yield
    finally:
        clock.advance(-delta)


class _Seeder:
    def __init__(self, session: Session, rng: random.Random) -> None:
        self.s, self.rng = session, rng
        self.rows = 0
        self.skills = dict(session.execute(select(Skill.code, Skill.id)).all())
        self.now = clock.now().replace(minute=0, second=0, microsecond=0)

    def officer(self, branch_id: int | None) -> Actor | None:
        role = "hq_admin" if branch_id is None else "vetting_officer"
        stmt = select(StaffUser).where(StaffUser.role == role, StaffUser.is_active.is_(True))
        if branch_id is not None:
            stmt = stmt.where(StaffUser.branch_id == branch_id)
        user = self.s.scalars(stmt.order_by(StaffUser.id).limit(1)).first()
        return None if user is None else actor_for(user)

    def workers(self, branch_id: int, status: str, skill: str | None, n: int) -> list[int]:
        stmt = select(Worker.id).where(Worker.branch_id == branch_id, Worker.status == status)
        if skill is not None:
            stmt = stmt.join(WorkerSkill, WorkerSkill.worker_id == Worker.id).where(
                WorkerSkill.skill_id == self.skills[skill], WorkerSkill.level < 3
            )
        ids = list(self.s.scalars(stmt.order_by(Worker.id).limit(n * 3)).all())
        self.rng.shuffle(ids)
        return sorted(ids[:n])

    def course(self, who: Actor, form: CourseInput, when: datetime) -> int:
        with _at(when):
            course_id = training.create_course(self.s, actor=who, data=form).id
        self.rows += 1
        return course_id

    def sit(
        self,
        who: Actor,
        course_id: int,
        worker_ids: list[int],
        *,
        enrolled: datetime,
        held: datetime | None,
        offline: bool,
        scores: tuple[int, int],
    ) -> None:
        """Enrol the workers; if the session was held, attendance (most) and exams."""
        enrolments = []
        with _at(enrolled):
            for worker_id in worker_ids:
                view = training.enroll_worker(
                    self.s, actor=who, course_id=course_id, worker_id=worker_id
                )
                enrolments.append(view.id)
        self.rows += len(enrolments)
        if held is None:
            return
        with _at(held):
            for i, enrollment_id in enumerate(enrolments):
                if offline:
                    if i == len(enrolments) - 1 and len(enrolments) > 3:
                        continue  # one did not come: still "enrolled", not finished
                    training.record_attendance(self.s, actor=who, enrollment_id=enrollment_id)
                training.record_exam(
                    self.s,
                    actor=who,
                    enrollment_id=enrollment_id,
                    score=self.rng.randint(*scores),
                )
                self.rows += 1

    def branch(self, branch_id: int, name: str) -> None:
        who = self.officer(branch_id)
        if who is None:
            return
        now, day = self.now, timedelta(days=1)
        pre_job = self.course(
            who,
            CourseInput(
                title=PRE_JOB,
                mode="offline",
                description="职业道德、服务礼仪、家居清洁规范与安全常识，入职前必修。",
                skill_id=self.skills.get("cleaning"),
                required_for_vetting=True,
                session_at=now - 10 * day,
                place=f"{name}培训室",
                seats=20,
                pass_mark=60,
            ),
            now - 20 * day,
        )
        # the applicants of the demo: most pass, one fails and needs the course again
        applicants = self.workers(branch_id, "applicant", None, 5)
        self.sit(
            who,
            pre_job,
            applicants,
            enrolled=now - 14 * day,
            held=now - 10 * day + timedelta(hours=3),
            offline=True,
            scores=(52, 96),
        )
        maternity = self.course(
            who,
            CourseInput(
                title="母婴护理",
                mode="offline",
                description="新生儿护理、产妇护理与月子餐，考试通过后月嫂技能升至 3 级。",
                skill_id=self.skills.get("maternity"),
                raises_level_to=3,
                session_at=now - 20 * day,
                place=f"{name}培训室",
                seats=12,
                pass_mark=70,
                min_years_experience=1,
            ),
            now - 40 * day,
        )
        self.sit(
            who,
            maternity,
            self.workers(branch_id, "active", "maternity", 6),
            enrolled=now - 30 * day,
            held=now - 20 * day + timedelta(hours=4),
            offline=True,
            scores=(55, 98),
        )
        elder = self.course(
            who,
            CourseInput(
                title="养老护理",
                mode="offline",
                description="失能老人照护、翻身拍背、防跌倒与用药提醒。",
                skill_id=self.skills.get("elder_care"),
                raises_level_to=3,
                session_at=now + 7 * day,
                place=f"{name}培训室",
                seats=10,
                pass_mark=70,
            ),
            now - 5 * day,
        )
        self.sit(
            who,
            elder,
            self.workers(branch_id, "active", "elder_care", 4),
            enrolled=now - 2 * day,
            held=None,
            offline=True,
            scores=(0, 0),
        )
        training.push_course(self.s, actor=who, course_id=elder)
        appliance = self.course(
            who,
            CourseInput(
                title="家电清洗技能提升",
                mode="online",
                description="空调、油烟机、洗衣机拆洗流程视频课。",
                skill_id=self.skills.get("appliance"),
                raises_level_to=3,
                video_url=f"{VIDEO}appliance-{branch_id}",
                pass_mark=75,
            ),
            now - 15 * day,
        )
        self.sit(
            who,
            appliance,
            self.workers(branch_id, "active", "appliance", 4),
            enrolled=now - 12 * day,
            held=now - 8 * day,
            offline=False,
            scores=(60, 100),
        )

    def everyone(self, branch_ids: list[int]) -> None:
        hq = self.officer(None)
        if hq is None:
            return
        safety = self.course(
            hq,
            CourseInput(
                title="安全规范",
                mode="online",
                description="上门服务安全、用电用气安全与个人信息保护，全体人员每年必学。",
                video_url=f"{VIDEO}safety-2026",
                pass_mark=80,
            ),
            self.now - 60 * timedelta(days=1),
        )
        for branch_id in branch_ids:
            self.sit(
                hq,
                safety,
                self.workers(branch_id, "active", None, 3),
                enrolled=self.now - 45 * timedelta(days=1),
                held=self.now - 40 * timedelta(days=1),
                offline=False,
                scores=(65, 100),
            )


def seed(session: Session, rng: random.Random) -> int:
    """Courses, enrolments, attendance and exams for the demo; rows written."""
    if not session.scalar(select(func.count(Skill.id))):
        return 0
    seeder = _Seeder(session, rng)
    branches = session.execute(
        select(Branch.id, Branch.name).where(Branch.is_active.is_(True)).order_by(Branch.id)
    ).all()
    for branch_id, name in branches:
        seeder.branch(branch_id, name)
    seeder.everyone([b for b, _n in branches])
    return seeder.rows
