"""Bodies of the worker app's training routes: courses for me, my enrolment, my results."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from api_stub.schemas.fields import Instant
from api_stub.schemas.worker import Out

MyState = Literal["", "enrolled", "attended", "passed", "failed", "cancelled"]


class MyCourseOut(Out):
    id: int
    title: str
    description: str
    skill_name: str = Field(description="The skill the course is about (empty: general).")
    mode: Literal["online", "offline"]
    video_url: str = Field(description="The video of an online course (empty for offline).")
    session_at: Instant | None = Field(description="When an offline session starts.")
    place: str
    seats: int
    seats_left: int | None = Field(description="Free seats of an offline session; null: online.")
    pass_mark: int = Field(description="The exam passes at this score or above (0–100).")
    required_for_vetting: bool = Field(description="Needed to be approved as a worker.")
    raises_level_to: int | None = Field(description="Passing raises the skill to this level.")
    my_state: MyState = Field(description="My enrolment (empty: not enrolled).")
    my_score: int | None = Field(description="My latest exam score, if I sat it.")


class MyCoursePage(Out):
    items: list[MyCourseOut]
    total: int


class MyResultOut(Out):
    id: int
    course_id: int
    course_title: str
    score: int
    passed: bool
    pass_mark: int
    taken_at: Instant


class MyResultPage(Out):
    items: list[MyResultOut]
    total: int
