"""Words for the worker-record codes (status, gender, document kind and state, events) and
the colours of expiry.

Each string is a literal ``translate("WorkerRecordLabels", …)`` call so lupdate finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor

EXPIRED = QBrush(QColor("#c0392b"))
EXPIRING = QBrush(QColor("#c27c0e"))
# days before an expiry that count as "expiring soon" (the reminders start there too)
SOON_DAYS = 30
WEEKDAYS = range(7)


def status_text(status: str) -> str:
    names = {
        "applicant": QCoreApplication.translate("WorkerRecordLabels", "Applicant"),
        "active": QCoreApplication.translate("WorkerRecordLabels", "Active"),
        "suspended": QCoreApplication.translate("WorkerRecordLabels", "Suspended"),
        "left": QCoreApplication.translate("WorkerRecordLabels", "Left"),
    }
    return names.get(status, status)


def gender_text(gender: str) -> str:
    names = {
        "female": QCoreApplication.translate("WorkerRecordLabels", "Female"),
        "male": QCoreApplication.translate("WorkerRecordLabels", "Male"),
    }
    return names.get(gender, gender or "—")


def document_kind_text(kind: str) -> str:
    names = {
        "certificate": QCoreApplication.translate("WorkerRecordLabels", "Certificate"),
        "id_card": QCoreApplication.translate("WorkerRecordLabels", "ID card"),
        "id_front": QCoreApplication.translate("WorkerRecordLabels", "ID card (front)"),
        "id_back": QCoreApplication.translate("WorkerRecordLabels", "ID card (back)"),
        "selfie": QCoreApplication.translate("WorkerRecordLabels", "Selfie"),
    }
    return names.get(kind, kind)


def document_status_text(status: str) -> str:
    names = {
        "submitted": QCoreApplication.translate("WorkerRecordLabels", "Not verified"),
        "verified": QCoreApplication.translate("WorkerRecordLabels", "Verified"),
        "rejected": QCoreApplication.translate("WorkerRecordLabels", "Rejected"),
    }
    return names.get(status, status)


def event_text(event: str) -> str:
    names = {
        "suspend": QCoreApplication.translate("WorkerRecordLabels", "Suspended"),
        "reinstate": QCoreApplication.translate("WorkerRecordLabels", "Reinstated"),
        "submit": QCoreApplication.translate("WorkerRecordLabels", "Application submitted"),
        "resubmit": QCoreApplication.translate("WorkerRecordLabels", "Documents sent again"),
    }
    return names.get(event, event)


def weekday_text(weekday: int) -> str:
    names = (
        QCoreApplication.translate("WorkerRecordLabels", "Monday"),
        QCoreApplication.translate("WorkerRecordLabels", "Tuesday"),
        QCoreApplication.translate("WorkerRecordLabels", "Wednesday"),
        QCoreApplication.translate("WorkerRecordLabels", "Thursday"),
        QCoreApplication.translate("WorkerRecordLabels", "Friday"),
        QCoreApplication.translate("WorkerRecordLabels", "Saturday"),
        QCoreApplication.translate("WorkerRecordLabels", "Sunday"),
    )
    return names[weekday] if 0 <= weekday < 7 else str(weekday)


def days_left_text(days: int | None) -> str:
    if days is None:
        return QCoreApplication.translate("WorkerRecordLabels", "No expiry")
    if days < 0:
        return QCoreApplication.translate("WorkerRecordLabels", "Expired {n} days ago").format(
            n=-days
        )
    if days == 0:
        return QCoreApplication.translate("WorkerRecordLabels", "Expires today")
    return QCoreApplication.translate("WorkerRecordLabels", "{n} days left").format(n=days)


def expiry_brush(days: int | None) -> QBrush | None:
    """Red once expired (the expiry day included: it no longer counts), amber when soon."""
    if days is None:
        return None
    if days <= 0:
        return EXPIRED
    if days <= SOON_DAYS:
        return EXPIRING
    return None


def minutes_text(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def rating_text(average: float | None, count: int) -> str:
    if average is None:
        return QCoreApplication.translate("WorkerRecordLabels", "No ratings")
    return QCoreApplication.translate("WorkerRecordLabels", "{avg} ★ ({n})").format(
        avg=f"{average:.1f}", n=count
    )
