"""The demo's time frame: now, today in Asia/Shanghai, and the window of day offsets.

Day offset ``k`` is a local day counted from today (``k < 0`` is history). Asia/Shanghai
has no daylight saving, so local midnights are exactly a day apart in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from jiazheng_desk.demo.catalog_data import TIMEZONE


class Frame:
    """Today, now, the window of day offsets and their local midnights in UTC."""

    def __init__(self, now: datetime, *, history_days: int, future_days: int) -> None:
        self.now = now.astimezone(UTC)
        self.today = self.now.astimezone(ZoneInfo(TIMEZONE)).date()
        self.first = -history_days
        self.last = future_days - 1
        midnight = datetime(
            self.today.year, self.today.month, self.today.day, tzinfo=ZoneInfo(TIMEZONE)
        ).astimezone(UTC)
        self._midnight = midnight
        self._starts = [midnight + timedelta(days=k) for k in range(self.first, self.last + 2)]
        self._minutes = [timedelta(minutes=m) for m in range(24 * 60 + 1)]

    def day_start(self, k: int) -> datetime:
        """Local midnight of day offset ``k``, in UTC."""
        i = k - self.first
        if 0 <= i < len(self._starts):
            return self._starts[i]
        return self._midnight + timedelta(days=k)

    def at(self, k: int, minute: int) -> datetime:
        """The UTC instant of a local minute of day offset ``k``."""
        return self.day_start(k) + self._minutes[minute]

    def date(self, k: int) -> date:
        return self.today + timedelta(days=k)

    def real_weekday(self, virtual: int) -> int:
        """The weekday (0 = Monday) of the days whose offset is ``virtual`` mod 7."""
        return (self.today.weekday() + virtual) % 7
