"""The frozen shapes the training services return (desk, Excel and the worker app)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MODES = ("online", "offline")
# enrolled -> attended (offline) -> passed | failed; enrolled/attended -> cancelled;
# failed or cancelled -> enrolled again (a retake, a change of mind)
STATES = ("enrolled", "attended", "passed", "failed", "cancelled")
# an enrolment in these states holds a seat (a failed one keeps it for the retake)
SEAT_STATES = ("enrolled", "attended", "passed", "failed")
# enrolled but without a result yet
UNFINISHED = ("enrolled", "attended")
# an enrolment in these states means the worker is on the course or through it
ON_COURSE = ("enrolled", "attended", "passed")


@dataclass(frozen=True)
class CourseInput:
    """What a course is, as the desk's form gives it (``session_at`` aware, any zone)."""

    title: str
    mode: str
    description: str = ""
    skill_id: int | None = None
    raises_level_to: int | None = None
    required_for_vetting: bool = False
    video_url: str = ""
    session_at: datetime | None = None
    place: str = ""
    seats: int = 0
    pass_mark: int = 60
    min_years_experience: int = 0
    # None: every branch (HQ only); a branch officer's courses are their branch's
    branch_id: int | None = None


@dataclass(frozen=True)
class CourseView:
    id: int
    branch_id: int | None
    branch_name: str
    title: str
    description: str
    skill_id: int | None
    skill_name: str
    raises_level_to: int | None
    required_for_vetting: bool
    mode: str
    video_url: str
    session_at: datetime | None
    place: str
    seats: int
    pass_mark: int
    min_years_experience: int
    is_active: bool
    created_at: datetime
    # enrolments holding a seat, and how many of them passed (in the actor's scope)
    taken: int
    passed: int

    @property
    def seats_left(self) -> int | None:
        """Free seats of an offline session; None: an online course has no limit."""
        return max(0, self.seats - self.taken) if self.mode == "offline" else None


@dataclass(frozen=True)
class EnrollmentView:
    id: int
    course_id: int
    course_title: str
    worker_id: int
    worker_name: str
    worker_phone: str
    worker_status: str
    branch_id: int
    state: str
    enrolled_at: datetime
    attended_at: datetime | None
    # the latest exam of this enrolment (None: not taken)
    score: int | None
    passed: bool | None
    recorded_by: str
    taken_at: datetime | None
    # what passing changed: the skill's level before and after (None: nothing)
    level_before: int | None = None
    level_after: int | None = None


@dataclass(frozen=True)
class TargetRow:
    """A worker a course is for, and where they stand with it."""

    course_id: int
    course_title: str
    worker_id: int
    worker_name: str
    worker_phone: str
    worker_status: str
    branch_name: str
    years_experience: int
    # "" (never enrolled) | enrolled | attended | passed | failed | cancelled
    state: str

    @property
    def id(self) -> tuple[int, int]:
        return (self.course_id, self.worker_id)


@dataclass(frozen=True)
class ResultRow:
    id: int
    course_id: int
    course_title: str
    worker_id: int
    worker_name: str
    worker_phone: str
    branch_name: str
    score: int
    passed: bool
    pass_mark: int
    recorded_by: str
    taken_at: datetime


@dataclass(frozen=True)
class PushResult:
    course_id: int
    # notifications written now, and targets already told before
    notified: int
    already: int


@dataclass(frozen=True)
class WorkerHit:
    """A worker found to enrol, and whether the course targets them."""

    id: int
    name: str
    phone: str
    status: str
    branch_name: str
    years_experience: int
    is_target: bool
    enrolled_state: str


@dataclass(frozen=True)
class MyCourse:
    """A course as the worker app shows it, with the worker's own enrolment."""

    id: int
    title: str
    description: str
    skill_name: str
    mode: str
    video_url: str
    session_at: datetime | None
    place: str
    seats: int
    seats_left: int | None
    pass_mark: int
    required_for_vetting: bool
    raises_level_to: int | None
    # "" (not enrolled) | enrolled | attended | passed | failed | cancelled
    my_state: str
    my_score: int | None


@dataclass(frozen=True)
class MyResult:
    id: int
    course_id: int
    course_title: str
    score: int
    passed: bool
    pass_mark: int
    taken_at: datetime
