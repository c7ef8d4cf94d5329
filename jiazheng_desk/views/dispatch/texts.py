"""Words and colours of the Dispatch area: candidates' reasons, weekdays, repeat rules,
leave kinds, and the colour of an order block by its state.

Each string is a literal ``translate("DispatchTexts", …)`` call so that lupdate finds it;
order states come from the message catalog through ``views.orders.texts``.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from jiazheng_desk.services.availability import Candidate, Reason
from jiazheng_desk.services.timeutil import zone
from jiazheng_desk.views.orders import texts as order_texts


def reason_text(reason: Reason) -> str:
    """One reason a candidate ranks where it does, as a dispatcher says it."""
    value = reason.value
    names = {
        "level": QCoreApplication.translate("DispatchTexts", "level {v}"),
        "distance": QCoreApplication.translate("DispatchTexts", "{v} km"),
        "rating": QCoreApplication.translate("DispatchTexts", "{v}★"),
        "load": QCoreApplication.translate("DispatchTexts", "{v} that day"),
        "previous": QCoreApplication.translate("DispatchTexts", "served before"),
        "favorite": QCoreApplication.translate("DispatchTexts", "favourite"),
        "certificate": QCoreApplication.translate("DispatchTexts", "certificate to {v}"),
    }
    return names.get(reason.code, reason.code).format(v=value)


def reasons_text(candidate: Candidate) -> str:
    """ "3级 · 1.2公里 · 4.8分 · 当天2单 · 老客户 · 收藏"."""
    return " · ".join(reason_text(r) for r in candidate.reasons)


def weekday_text(weekday: int) -> str:
    names = (
        QCoreApplication.translate("DispatchTexts", "Mon"),
        QCoreApplication.translate("DispatchTexts", "Tue"),
        QCoreApplication.translate("DispatchTexts", "Wed"),
        QCoreApplication.translate("DispatchTexts", "Thu"),
        QCoreApplication.translate("DispatchTexts", "Fri"),
        QCoreApplication.translate("DispatchTexts", "Sat"),
        QCoreApplication.translate("DispatchTexts", "Sun"),
    )
    return names[weekday % 7]


def weekday_letter(weekday: int) -> str:
    """The shortest weekday, for the narrow columns of the slot grid."""
    names = (
        QCoreApplication.translate("DispatchTexts", "Mo"),
        QCoreApplication.translate("DispatchTexts", "Tu"),
        QCoreApplication.translate("DispatchTexts", "We"),
        QCoreApplication.translate("DispatchTexts", "Th"),
        QCoreApplication.translate("DispatchTexts", "Fr"),
        QCoreApplication.translate("DispatchTexts", "Sa"),
        QCoreApplication.translate("DispatchTexts", "Su"),
    )
    return names[weekday % 7]


def day_label(day: date) -> str:
    """ "11-21 Sat" — short enough for a column of the slot grid or the week board."""
    return f"{day:%m-%d} {weekday_text(day.weekday())}"


REPEAT_RULES = ("none", "weekly", "biweekly", "monthly_weekday")


def repeat_text(rule: str) -> str:
    names = {
        "none": QCoreApplication.translate("DispatchTexts", "Once"),
        "weekly": QCoreApplication.translate("DispatchTexts", "Every week"),
        "biweekly": QCoreApplication.translate("DispatchTexts", "Every 2 weeks"),
        "monthly_weekday": QCoreApplication.translate("DispatchTexts", "Monthly (n-th weekday)"),
    }
    return names.get(rule, rule)


def nth_text(n: int) -> str:
    names = {
        1: QCoreApplication.translate("DispatchTexts", "1st"),
        2: QCoreApplication.translate("DispatchTexts", "2nd"),
        3: QCoreApplication.translate("DispatchTexts", "3rd"),
        4: QCoreApplication.translate("DispatchTexts", "4th"),
        -1: QCoreApplication.translate("DispatchTexts", "last"),
    }
    return names.get(n, str(n))


def week_of_month(day: date) -> int:
    """Which weekday of its month a day is (1–4), or -1 when it is the fifth (the last)."""
    n = (day.day - 1) // 7 + 1
    return -1 if n >= 5 else n


LEAVE_KINDS = ("leave", "day_off", "sick", "blackout")


def leave_kind_text(kind: str) -> str:
    names = {
        "leave": QCoreApplication.translate("DispatchTexts", "Leave"),
        "day_off": QCoreApplication.translate("DispatchTexts", "Day off"),
        "sick": QCoreApplication.translate("DispatchTexts", "Sick leave"),
        "blackout": QCoreApplication.translate("DispatchTexts", "Blocked"),
    }
    return names.get(kind, kind)


def leave_status_text(status: str) -> str:
    names = {
        "approved": QCoreApplication.translate("DispatchTexts", "approved"),
        "requested": QCoreApplication.translate("DispatchTexts", "requested"),
    }
    return names.get(status, status)


def hhmm(value: datetime, tz: str) -> str:
    return value.astimezone(zone(tz)).strftime("%H:%M")


def clock_text(minute: int) -> str:
    """A minute of the day as 08:30 (24:00 for the end of the day)."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


# --- colours of the board and the calendar ----------------------------------------------

LANE_BG = QColor("#ffffff")
LANE_ALT_BG = QColor("#f8fafc")
OFF_SHIFT_BG = QColor("#eef1f4")
SHIFT_BG = QColor("#ffffff")
LEAVE_FG = QColor("#9aa5b1")
GRID_LINE = QColor("#e4e7eb")
HOUR_LINE = QColor("#d9dee4")
TEXT = QColor("#1f2933")
MUTED = QColor("#616e7c")
DROP_TARGET = QColor("#dbeafe")
NOW_LINE = QColor("#e11d48")


def state_colour(state: str) -> QColor:
    """The strong colour of a state (the block's edge and text)."""
    return QColor(order_texts.state_colour(state))


def state_fill(state: str) -> QColor:
    """A pale fill of the state's colour: calm to look at all day, still telling apart."""
    colour = QColor(order_texts.state_colour(state))
    return QColor.fromHsl(colour.hslHue(), min(colour.hslSaturation(), 150), 228)
