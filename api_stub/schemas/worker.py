"""Bodies of the worker app's routes: status, shifts and leave, offers and the pool, orders."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import Path
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from api_stub.schemas.fields import Instant

# ids are BIGINT: a larger number cannot name a row (and SQLite's driver cannot even bind it)
MAX_ROW_ID = 2**63 - 1
RowId = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]
IdInPath = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]
# years a booking, a leave or a certificate can sensibly name; outside them a date is a
# typo, and year 1 or 9999 would overflow when moved between time zones (a 500, not a 422)
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _sensible_year(value: datetime) -> datetime:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"the year must be between {FIRST_YEAR} and {LAST_YEAR}")
    return value


# a moment the client sends: with its offset, in a year the business can mean
Moment = Annotated[AwareDatetime, AfterValidator(_sensible_year)]


class Out(BaseModel):
    """A response body read from a service's dataclass."""

    model_config = ConfigDict(from_attributes=True)


class In(BaseModel):
    """A request body: unknown fields are refused, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


# --- status and profile ------------------------------------------------------------------


class WorkStatusIn(In):
    work_status: Literal["online", "offline", "busy"]


class WorkStatusOut(Out):
    status: str = Field(description="Account: `applicant`, `active`, `suspended`, `left`.")
    work_status: Literal["online", "offline", "busy"]


class SkillOut(Out):
    code: str
    name: str
    level: int


class DistrictOut(Out):
    id: int
    name: str


class ProfileOut(Out):
    id: int
    name: str
    phone: str
    status: str
    work_status: str
    branch_id: int
    branch_name: str
    gender: str
    birth_date: date | None
    id_number_masked: str
    years_experience: int
    home_address: str
    skills: list[SkillOut]
    districts: list[DistrictOut]
    rating_count: int
    rating_average: float | None
    joined_on: date | None


# --- shifts and leave ----------------------------------------------------------------------


class ShiftIo(BaseModel):
    model_config = ConfigDict(from_attributes=True, extra="forbid")

    weekday: int = Field(ge=0, le=6, description="0 = Monday.")
    start_minute: int = Field(ge=0, le=1440, description="Minutes after local midnight.")
    end_minute: int = Field(ge=0, le=1440)


class ShiftsIn(In):
    shifts: list[ShiftIo] = Field(max_length=100, description="The whole weekly template.")


class ShiftsOut(Out):
    items: list[ShiftIo]
    total: int


class LeaveIn(In):
    kind: Literal["leave", "day_off", "sick"] = "leave"
    starts_at: Moment
    ends_at: Moment
    reason: str = Field(default="", max_length=255)


class LeaveOut(Out):
    id: int
    kind: str
    starts_at: Instant
    ends_at: Instant
    reason: str
    status: str = Field(description="`requested` until the branch decides.")


class LeavePage(Out):
    items: list[LeaveOut]
    total: int


# --- offers and the pool -------------------------------------------------------------------


class OfferOut(Out):
    offer_id: int
    order_id: int
    order_no: str
    state: str
    reason: str
    offered_at: Instant
    expires_at: Instant | None
    item_name: str
    kind: str
    units: int
    district_name: str
    starts_at: Instant
    ends_at: Instant


class OfferPage(Out):
    items: list[OfferOut]
    total: int


class RejectIn(In):
    reason: str = Field(max_length=255, description="Required: why not.")


class AnswerOut(Out):
    offer_id: int
    order_id: int
    state: Literal["accepted", "rejected"]


class PoolItemOut(Out):
    order_id: int
    order_no: str
    item_name: str
    kind: str
    units: int
    district_name: str
    starts_at: Instant
    ends_at: Instant


class PoolPage(Out):
    items: list[PoolItemOut]
    total: int


class GrabOut(Out):
    order_id: int
    order_no: str
    state: str
    starts_at: Instant
    ends_at: Instant


# --- orders --------------------------------------------------------------------------------


class DayEntryOut(Out):
    order_id: int
    order_no: str
    kind: str
    state: str
    starts_at: Instant
    ends_at: Instant
    item_name: str
    customer_name: str
    address_text: str
    district_name: str
    lat: float | None
    lng: float | None
    day_off: bool


class DayOut(Out):
    day: date
    timezone: str
    items: list[DayEntryOut]
    total: int


class OptionOut(Out):
    name: str


class EventOut(Out):
    event: str
    from_state: str
    to_state: str
    created_at: Instant


class RecordOut(Out):
    id: int
    kind: Literal["text", "photo", "video"]
    text: str
    media_id: int | None
    created_at: Instant


class WorkerOrderOut(Out):
    """An order as its worker sees it (no prices, no staff notes, no other workers)."""

    id: int
    order_no: str
    state: str
    kind: str
    item_name: str
    unit: str
    units: int
    options: list[OptionOut]
    starts_at: Instant
    ends_at: Instant
    service_day: date
    days_off: list[date]
    customer_name: str
    customer_phone: str
    address_text: str
    district_name: str
    lat: float | None
    lng: float | None
    customer_note: str
    completed_at: Instant | None
    events: list[EventOut]
    records: list[RecordOut] = Field(default_factory=list)


class StepOut(Out):
    order_id: int
    order_no: str
    state: str
    at: Instant


class LocationIn(In):
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)
    lng: float = Field(ge=-180, le=180, allow_inf_nan=False)


class LocationOut(Out):
    stored: bool = Field(description="False when sent sooner than 30 s after the last point.")
    distance_m: int | None
    eta_minutes: int | None
    at: Instant


class RecordIn(In):
    kind: Literal["text", "photo", "video"]
    text: str = Field(default="", max_length=2000)
    media_id: RowId | None = Field(default=None, description="From `POST /media` (photo, video).")


class ChangeRequestIn(In):
    new_starts_at: Moment
    reason: str = Field(max_length=255)


class ChangeRequestOut(Out):
    id: int
    order_id: int
    state: str
    new_starts_at: Instant
    new_ends_at: Instant
    reason: str
    created_at: Instant
