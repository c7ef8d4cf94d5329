"""The health check's answer."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class HealthOut(BaseModel):
    status: Literal["ok", "degraded"]
    database: Literal["ok", "unreachable"]
    # "schema" itself would shadow a (deprecated) BaseModel method
    schema_revision: str | None = Field(
        default=None, serialization_alias="schema", description="The database's revision."
    )
    schema_head: str | None = Field(
        default=None, description="The revision this server was built for."
    )
    message: str | None = None
