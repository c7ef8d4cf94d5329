"""Shapes the customer areas share: strict models, pages, the worker as customers see them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """Unknown fields are refused (a typo in a field name is an error, not a default)."""

    model_config = ConfigDict(extra="forbid")


class WorkerBrief(Strict):
    id: int
    display_name: str = Field(description="Surname with 阿姨/师傅, e.g. 王阿姨.")


# ids are BIGINT: a larger number is bad input (SQLite cannot even bind it), not a 500
MAX_ID = 2**63 - 1
# a page past this many rows is not paging, it is scraping
MAX_OFFSET = 100_000
# fen: ¥10 billion is beyond any price, and within every integer column
MAX_FEN = 10**12

Id = Annotated[int, Field(gt=0, le=MAX_ID)]
IdPath = Annotated[int, Path(gt=0, le=MAX_ID)]
IdQuery = Annotated[int, Query(gt=0, le=MAX_ID)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]

# bookings live in this century; year 1 or 9999 would overflow on the way to local time
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def _in_range(moment: datetime) -> datetime:
    if not EARLIEST <= moment < LATEST:
        raise ValueError("a time between 2000 and 2100 is expected")
    return moment


Moment = Annotated[AwareDatetime, AfterValidator(_in_range)]
