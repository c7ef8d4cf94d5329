"""Training courses, enrolments and exam results."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jiazheng_desk.models.base import Base, created_column, fk, fk_opt, id_column, table_args


class TrainingCourse(Base):
    """A course that qualifies for a skill (and may raise its level)."""

    __tablename__ = "training_course"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    branch_id: Mapped[int | None] = fk_opt("branch.id")
    title: Mapped[str] = mapped_column(String(128))
    description: Mapped[str] = mapped_column(Text, default="")
    skill_id: Mapped[int | None] = fk_opt("skill.id")
    raises_level_to: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    required_for_vetting: Mapped[bool] = mapped_column(Boolean, default=False)
    # online | offline
    mode: Mapped[str] = mapped_column(String(8), default="offline")
    video_url: Mapped[str] = mapped_column(String(255), default="")
    session_at: Mapped[datetime | None] = mapped_column(nullable=True)
    place: Mapped[str] = mapped_column(String(255), default="")
    seats: Mapped[int] = mapped_column(Integer, default=0)
    pass_mark: Mapped[int] = mapped_column(SmallInteger, default=60)
    min_years_experience: Mapped[int] = mapped_column(SmallInteger, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = created_column()


class Enrollment(Base):
    __tablename__ = "enrollment"
    __table_args__ = table_args(UniqueConstraint("course_id", "worker_id"))

    id: Mapped[int] = id_column()
    course_id: Mapped[int] = fk("training_course.id")
    worker_id: Mapped[int] = fk("worker.id")
    # enrolled | attended | passed | failed | cancelled
    state: Mapped[str] = mapped_column(String(16), default="enrolled")
    enrolled_at: Mapped[datetime] = created_column()
    attended_at: Mapped[datetime | None] = mapped_column(nullable=True)


class ExamResult(Base):
    __tablename__ = "exam_result"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    enrollment_id: Mapped[int] = fk("enrollment.id", ondelete="CASCADE")
    score: Mapped[int] = mapped_column(SmallInteger)
    passed: Mapped[bool] = mapped_column(Boolean)
    recorded_by: Mapped[int | None] = fk_opt("staff_user.id")
    taken_at: Mapped[datetime] = created_column()
