"""Times in API answers: ISO 8601 with the offset of the branch's zone (+08:00).

Stored times are UTC; the app shows a booking at the wall-clock time of the place where
it happens, so answers carry that time with its offset rather than "Z".
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Shanghai"


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def in_zone(moment: datetime, tz: str = DEFAULT_TZ) -> datetime:
    """An aware moment as the wall-clock time of a zone (the same instant)."""
    return moment.astimezone(_zone(tz))


def in_zone_or_none(moment: datetime | None, tz: str = DEFAULT_TZ) -> datetime | None:
    return None if moment is None else in_zone(moment, tz)
