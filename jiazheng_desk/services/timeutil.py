"""Branch-local time: business days, shift minutes and the times people read in messages."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk.i18n import current_language
from jiazheng_desk.models import Branch
from jiazheng_desk.services.cache import cached

DEFAULT_TZ = "Asia/Shanghai"


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def get_branch_timezone(session: Session, branch_id: int | None) -> str:
    """The branch's time zone name (HQ and unknown branches: Asia/Shanghai)."""
    if branch_id is None:
        return DEFAULT_TZ

    def load() -> str:
        tz = session.scalar(select(Branch.timezone).where(Branch.id == branch_id))
        return tz or DEFAULT_TZ

    return cached(("branch", "tz", branch_id), 60, load)


def local(dt: datetime, tz: str) -> datetime:
    return dt.astimezone(zone(tz))


def local_day(dt: datetime, tz: str) -> date:
    """The business day a moment belongs to, in the branch's zone."""
    return dt.astimezone(zone(tz)).date()


def minute_of_day(dt: datetime, tz: str) -> int:
    t = dt.astimezone(zone(tz))
    return t.hour * 60 + t.minute


def day_start_utc(day: date, tz: str) -> datetime:
    """Local midnight of a day, as UTC."""
    return datetime.combine(day, time(0), tzinfo=zone(tz)).astimezone(UTC)


def at_local(day: date, minute: int, tz: str) -> datetime:
    """A local day and minute of the day as an aware UTC datetime (minute may pass 1440)."""
    start = datetime.combine(day, time(0), tzinfo=zone(tz))
    return (start + timedelta(minutes=minute)).astimezone(UTC)


def hhmm(dt: datetime, tz: str) -> str:
    return dt.astimezone(zone(tz)).strftime("%H:%M")


def day_text(day: date) -> str:
    """A day as people read it: 11月21日 in Chinese, 21 Nov in English."""
    if current_language() == "en":
        return f"{day.day} {day:%b}"
    return f"{day.month}月{day.day}日"


def window_text(starts_at: datetime, ends_at: datetime, tz: str) -> str:
    """A booking window in local time: 11月21日 14:00–16:00 (the end day when it differs)."""
    s = starts_at.astimezone(zone(tz))
    e = ends_at.astimezone(zone(tz))
    head = f"{day_text(s.date())} {s:%H:%M}"
    if s.date() == e.date():
        return f"{head}–{e:%H:%M}"
    return f"{head}–{day_text(e.date())} {e:%H:%M}"
