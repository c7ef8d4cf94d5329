"""Shapes the account areas share: strict request bodies and instants with their offset."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainSerializer

from api_stub.localtime import in_zone

# an aware datetime as ISO 8601 in Shanghai time with its offset
# ("2026-11-21T14:30:00+08:00"), like every other answer of the API (api_stub/localtime)
Instant = Annotated[
    datetime,
    PlainSerializer(lambda value: in_zone(value).isoformat(), return_type=str, when_used="json"),
]


class Body(BaseModel):
    """A request body: an unknown field is refused (422 naming it), never ignored."""

    model_config = ConfigDict(extra="forbid")
