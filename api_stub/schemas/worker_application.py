"""The worker's application form and its status."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from api_stub.schemas.fields import Instant
from api_stub.schemas.worker import RowId

SkillCode = Annotated[str, Field(max_length=32)]


class CertificateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cert_type: str = Field(max_length=32, examples=["母婴护理证"])
    number: str = Field(max_length=64)
    issuer: str = Field(default="", max_length=128)
    expires_on: date = Field(description="Must not be in the past.")
    photo_id: RowId = Field(description="An image uploaded with `POST /media`.")


class ApplicationIn(BaseModel):
    """The form; photos are uploaded first (`POST /media`) and referenced by id."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=64, examples=["王秀兰"])
    gender: Literal["female", "male"] = Field(description="Must match the ID number.")
    birth_date: date = Field(description="Must match the ID number.")
    id_number: str = Field(
        max_length=32,
        description="18 characters, GB 11643 check digit.",
        examples=["11010519491231002X"],
    )
    years_experience: int = Field(ge=0, le=60)
    skills: list[SkillCode] = Field(min_length=1, max_length=10, description="Skill codes.")
    district_ids: list[RowId] = Field(
        min_length=1, max_length=50, description="Districts served, all of one branch."
    )
    home_district_id: RowId | None = Field(
        default=None, description="District of the home address (default: the first served)."
    )
    home_address: str = Field(max_length=255)
    id_photo_ids: list[RowId] = Field(
        min_length=2, max_length=2, description="The ID card's front, then its back."
    )
    certificates: list[CertificateIn] = Field(default_factory=list, max_length=10)


class DocumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str = Field(description="`id_front`, `id_back`, `certificate` …")
    cert_type: str
    number: str
    issuer: str
    expires_on: date | None
    status: str = Field(description="`submitted` or `verified`.")
    media_id: int | None


class ApplicationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    status: Literal[
        "not_submitted", "applied", "under_review", "waiting_documents", "approved", "rejected"
    ]
    reason: str = Field(
        description="What the branch wrote for you (documents asked for, why declined)."
    )
    case_id: int | None
    worker_status: str
    requested_skills: list[str]
    documents: list[DocumentOut]
    submitted_at: Instant | None
    updated_at: Instant | None
