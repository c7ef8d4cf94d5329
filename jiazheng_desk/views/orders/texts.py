"""Words and colours of the Orders area: states, channels, exceptions, offers, units.

States and events come from the message catalog (``order.state.*``, ``order.event.*``),
so the list, the detail and the services' own refusals use the same words. The rest are
literal ``translate("OrderTexts", …)`` calls so that lupdate finds them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor

from jiazheng_desk.i18n import t
from jiazheng_desk.services.order_states import OPEN_STATES, STATES
from jiazheng_desk.services.timeutil import zone


def _word(prefix: str, code: str) -> str:
    """A code in words from the catalog; a code it does not know shows as itself."""
    key = f"{prefix}.{code}"
    text = t(key)
    return code if text == key else text


def state_text(state: str) -> str:
    return _word("order.state", state)


def event_text(event: str) -> str:
    return _word("order.event", event)


# waiting for someone (dispatcher, worker, customer) / under way / ended well / ended not
_STATE_COLOURS = {
    "created": "#b45309",
    "pending_payment": "#b45309",
    "confirmed": "#c2410c",
    "offered": "#1d4ed8",
    "accepted": "#1d4ed8",
    "on_the_way": "#0f766e",
    "in_service": "#0f766e",
    "completed": "#15803d",
    "reviewed": "#15803d",
    "cancelled": "#6b7280",
    "refunded": "#6b7280",
}
_brushes: dict[str, QBrush] = {}


def state_brush(state: str) -> QBrush:
    brush = _brushes.get(state)
    if brush is None:
        brush = _brushes[state] = QBrush(QColor(_STATE_COLOURS.get(state, "#1f2933")))
    return brush


def state_colour(state: str) -> str:
    return _STATE_COLOURS.get(state, "#1f2933")


EXCEPTION_BRUSH_COLOUR = "#c0392b"

# the state filter: groups first, then each state
STATE_GROUPS: dict[str, tuple[str, ...]] = {
    "open": tuple(s for s in STATES if s in OPEN_STATES),
    "done": ("completed", "reviewed"),
    "cancelled": ("cancelled", "refunded"),
}


def state_group_text(group: str) -> str:
    names = {
        "open": QCoreApplication.translate("OrderTexts", "Open (not finished)"),
        "done": QCoreApplication.translate("OrderTexts", "Done"),
        "cancelled": QCoreApplication.translate("OrderTexts", "Cancelled or refunded"),
    }
    return names.get(group, group)


CHANNELS = ("phone", "app")


def channel_text(channel: str) -> str:
    names = {
        "phone": QCoreApplication.translate("OrderTexts", "Phone"),
        "app": QCoreApplication.translate("OrderTexts", "App"),
    }
    return names.get(channel, channel)


def exception_text(reason: str) -> str:
    names = {
        "no_worker": QCoreApplication.translate("OrderTexts", "No worker found"),
        "rejected": QCoreApplication.translate("OrderTexts", "Rejected too often"),
        "no_show": QCoreApplication.translate("OrderTexts", "No-show"),
        "complaint": QCoreApplication.translate("OrderTexts", "Complaint"),
    }
    return names.get(reason, reason)


def offer_state_text(state: str) -> str:
    names = {
        "offered": QCoreApplication.translate("OrderTexts", "Waiting for an answer"),
        "accepted": QCoreApplication.translate("OrderTexts", "Accepted"),
        "rejected": QCoreApplication.translate("OrderTexts", "Rejected"),
        "expired": QCoreApplication.translate("OrderTexts", "Timed out"),
        "withdrawn": QCoreApplication.translate("OrderTexts", "Withdrawn"),
    }
    return names.get(state, state)


def offer_kind_text(kind: str) -> str:
    names = {
        "offer": QCoreApplication.translate("OrderTexts", "Offer"),
        "grab": QCoreApplication.translate("OrderTexts", "Grabbed"),
    }
    return names.get(kind, kind)


def unit_text(unit: str, units: int) -> str:
    """How much was booked: 3 hours, 26 days, 1 visit, 80 m²."""
    names = {
        "hour": QCoreApplication.translate("OrderTexts", "{n} h"),
        "day": QCoreApplication.translate("OrderTexts", "{n} d"),
        "visit": QCoreApplication.translate("OrderTexts", "{n} visit(s)"),
        "sqm": QCoreApplication.translate("OrderTexts", "{n} m²"),
    }
    return names.get(unit, "{n} " + unit).format(n=units)


def record_kind_text(kind: str) -> str:
    names = {
        "text": QCoreApplication.translate("OrderTexts", "Note"),
        "photo": QCoreApplication.translate("OrderTexts", "Photo"),
        "video": QCoreApplication.translate("OrderTexts", "Video"),
        "location": QCoreApplication.translate("OrderTexts", "Location"),
    }
    return names.get(kind, kind)


def kind_text(kind: str) -> str:
    names = {
        "visit": QCoreApplication.translate("OrderTexts", "One visit"),
        "series": QCoreApplication.translate("OrderTexts", "Visit of a recurring booking"),
        "placement": QCoreApplication.translate("OrderTexts", "Live-in placement"),
    }
    return names.get(kind, kind)


# --- dates ---------------------------------------------------------------------------

DATE_PRESETS = ("any", "today", "tomorrow", "this_week", "last_30_days", "custom")


def date_preset_text(preset: str) -> str:
    names = {
        "any": QCoreApplication.translate("OrderTexts", "Any date"),
        "today": QCoreApplication.translate("OrderTexts", "Today"),
        "tomorrow": QCoreApplication.translate("OrderTexts", "Tomorrow"),
        "this_week": QCoreApplication.translate("OrderTexts", "This week"),
        "last_30_days": QCoreApplication.translate("OrderTexts", "Last 30 days"),
        "custom": QCoreApplication.translate("OrderTexts", "From … to …"),
    }
    return names.get(preset, preset)


def preset_range(preset: str, today: date) -> tuple[date | None, date | None]:
    """The service days a preset covers, counted from the branch's today."""
    if preset == "today":
        return today, today
    if preset == "tomorrow":
        day = today + timedelta(days=1)
        return day, day
    if preset == "this_week":
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=6)
    if preset == "last_30_days":
        return today - timedelta(days=29), today
    return None, None


def window_text(starts_at: datetime, ends_at: datetime, tz: str, this_year: int) -> str:
    """A booking's local window: "11-21 14:00–16:00", the year only when it is not this one,
    the end's day only when it differs (placements)."""
    local = zone(tz)
    start, end = starts_at.astimezone(local), ends_at.astimezone(local)
    day_format = "%m-%d %H:%M" if start.year == this_year else "%Y-%m-%d %H:%M"
    head = start.strftime(day_format)
    if start.date() == end.date():
        return f"{head}–{end:%H:%M}"
    return f"{head} – {end.strftime(day_format)}"
