"""Factories for training tests: courses, applicants with an open vetting case."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from jiazheng_desk.models import Branch, TrainingCourse, VettingCase, Worker
from jiazheng_desk.services.training_views import CourseInput

SESSION_AT = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
_seq = itertools.count(1)


def offline(**overrides: Any) -> CourseInput:
    """A valid offline course form."""
    values: dict[str, Any] = {
        "title": f"家政服务员岗前培训{next(_seq)}",
        "mode": "offline",
        "session_at": SESSION_AT,
        "place": "浦东分店培训室",
        "seats": 10,
        "pass_mark": 60,
    }
    values.update(overrides)
    return CourseInput(**values)


def online(**overrides: Any) -> CourseInput:
    values: dict[str, Any] = {
        "title": f"安全规范{next(_seq)}",
        "mode": "online",
        "video_url": "https://video.example.com/safety",
        "pass_mark": 80,
    }
    values.update(overrides)
    return CourseInput(**values)


def make_course(session: Session, branch: Branch | None, **overrides: Any) -> TrainingCourse:
    """A course row written directly (tests of the lists and the API need no form)."""
    values: dict[str, Any] = {
        "branch_id": branch.id if branch is not None else None,
        "title": f"母婴护理{next(_seq)}",
        "description": "",
        "mode": "offline",
        "video_url": "",
        "session_at": SESSION_AT,
        "place": "培训室",
        "seats": 10,
        "pass_mark": 60,
        "min_years_experience": 0,
        "required_for_vetting": False,
        "is_active": True,
    }
    values.update(overrides)
    course = TrainingCourse(**values)
    session.add(course)
    session.flush()
    return course


def open_case(session: Session, worker: Worker, skills: str, state: str = "new") -> VettingCase:
    """The applicant's vetting case, asking for skills (comma-separated codes)."""
    case = VettingCase(
        worker_id=worker.id, branch_id=worker.branch_id, state=state, requested_skills=skills
    )
    session.add(case)
    session.flush()
    return case
