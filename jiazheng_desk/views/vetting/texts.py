"""Names of vetting states, checks, results and blacklist reasons as the desk shows them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor

STATES = ("new", "under_review", "waiting_documents", "approved", "rejected")
REASON_TYPES = ("fraud", "serious_complaint", "work_quality", "contract_breach")
# a failed or unanswered check must not look like the others
RESULT_COLOURS = {
    "passed": "#1e7b34",
    "failed": "#c0392b",
    "not_answered": "#b9770e",
    "pending": "#6b7280",
}


def state_name(state: str) -> str:
    names = {
        "new": QCoreApplication.translate("VettingTexts", "New"),
        "under_review": QCoreApplication.translate("VettingTexts", "Under review"),
        "waiting_documents": QCoreApplication.translate("VettingTexts", "Waiting for documents"),
        "approved": QCoreApplication.translate("VettingTexts", "Approved"),
        "rejected": QCoreApplication.translate("VettingTexts", "Rejected"),
    }
    return names.get(state, state)


def event_name(event: str) -> str:
    names = {
        "submit": QCoreApplication.translate("VettingTexts", "Applied"),
        "resubmit": QCoreApplication.translate("VettingTexts", "Documents sent again"),
        "take": QCoreApplication.translate("VettingTexts", "Taken for review"),
        "ask_documents": QCoreApplication.translate("VettingTexts", "Documents asked for"),
        "approve": QCoreApplication.translate("VettingTexts", "Approved"),
        "reject": QCoreApplication.translate("VettingTexts", "Rejected"),
    }
    return names.get(event, event)


def check_name(kind: str) -> str:
    names = {
        "id_number": QCoreApplication.translate("VettingTexts", "ID number"),
        "duplicate": QCoreApplication.translate("VettingTexts", "Duplicates"),
        "blacklist": QCoreApplication.translate("VettingTexts", "Blacklist"),
        "background": QCoreApplication.translate("VettingTexts", "Background check"),
        "identity": QCoreApplication.translate("VettingTexts", "Real name and face"),
        "certificate": QCoreApplication.translate("VettingTexts", "Certificates"),
        "interview": QCoreApplication.translate("VettingTexts", "Interview"),
        "training": QCoreApplication.translate("VettingTexts", "Required training"),
    }
    return names.get(kind, kind)


def result_name(result: str) -> str:
    names = {
        "passed": QCoreApplication.translate("VettingTexts", "✔ Passed"),
        "failed": QCoreApplication.translate("VettingTexts", "✘ Failed"),
        "not_answered": QCoreApplication.translate("VettingTexts", "⚠ Not answered, retry"),
        "pending": QCoreApplication.translate("VettingTexts", "… Pending"),
    }
    return names.get(result, result)


def result_brush(result: str) -> QBrush:
    return QBrush(QColor(RESULT_COLOURS.get(result, "#6b7280")))


def document_name(kind: str, cert_type: str = "") -> str:
    names = {
        "id_front": QCoreApplication.translate("VettingTexts", "ID card, front"),
        "id_back": QCoreApplication.translate("VettingTexts", "ID card, back"),
        "id_card": QCoreApplication.translate("VettingTexts", "ID card"),
        "selfie": QCoreApplication.translate("VettingTexts", "Selfie"),
    }
    return cert_type if kind == "certificate" else names.get(kind, kind)


def document_status(status: str) -> str:
    names = {
        "submitted": QCoreApplication.translate("VettingTexts", "to review"),
        "verified": QCoreApplication.translate("VettingTexts", "verified"),
        "rejected": QCoreApplication.translate("VettingTexts", "refused"),
    }
    return names.get(status, status)


def reason_type_name(reason: str) -> str:
    names = {
        "fraud": QCoreApplication.translate("VettingTexts", "Fraud"),
        "serious_complaint": QCoreApplication.translate("VettingTexts", "Serious complaint"),
        "work_quality": QCoreApplication.translate("VettingTexts", "Work quality"),
        "contract_breach": QCoreApplication.translate("VettingTexts", "Contract breach"),
    }
    return names.get(reason, reason)


def gender_name(gender: str) -> str:
    return {
        "female": QCoreApplication.translate("VettingTexts", "Female"),
        "male": QCoreApplication.translate("VettingTexts", "Male"),
    }.get(gender, gender)


def age_text(minutes: int) -> str:
    """How long an application has waited: 35 min, 5 h, 3 d."""
    if minutes < 60:
        return QCoreApplication.translate("VettingTexts", "{n} min").format(n=minutes)
    if minutes < 48 * 60:
        return QCoreApplication.translate("VettingTexts", "{n} h").format(n=minutes // 60)
    return QCoreApplication.translate("VettingTexts", "{n} d").format(n=minutes // (24 * 60))
