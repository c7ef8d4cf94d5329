"""How values look on screen: local times, money, yes/no."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Shanghai"


def local_time(value: datetime | None, tz: str = DEFAULT_TZ, *, seconds: bool = False) -> str:
    """An aware UTC datetime shown in the branch's time zone."""
    if value is None:
        return ""
    fmt = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return value.astimezone(ZoneInfo(tz)).strftime(fmt)


def yuan(fen: int) -> str:
    """Integer fen as ¥1,234.50 (no float on the way)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}¥{whole:,}.{cents:02d}"
