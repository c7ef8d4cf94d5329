"""Names of the quality area's codes (states, decisions, categories) as the desk shows them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox


def case_states() -> dict[str, str]:
    return {
        "open": QCoreApplication.translate("QualityTexts", "Open"),
        "investigating": QCoreApplication.translate("QualityTexts", "Investigating"),
        "contacted": QCoreApplication.translate("QualityTexts", "Customer contacted"),
        "decided": QCoreApplication.translate("QualityTexts", "Decided"),
        "closed": QCoreApplication.translate("QualityTexts", "Closed"),
    }


def decisions() -> dict[str, str]:
    return {
        "no_fault": QCoreApplication.translate("QualityTexts", "No fault"),
        "coaching": QCoreApplication.translate("QualityTexts", "Coaching for the worker"),
        "compensation_coupon": QCoreApplication.translate(
            "QualityTexts", "Coupon for the customer"
        ),
        "compensation_refund": QCoreApplication.translate("QualityTexts", "Refund through finance"),
        "deduction": QCoreApplication.translate("QualityTexts", "Deduction from pay"),
        "suspension": QCoreApplication.translate("QualityTexts", "Suspend the worker"),
        "blacklist": QCoreApplication.translate("QualityTexts", "Blacklist the worker"),
    }


def call_results() -> dict[str, str]:
    return {
        "satisfied": QCoreApplication.translate("QualityTexts", "Satisfied"),
        "neutral": QCoreApplication.translate("QualityTexts", "Accepts the explanation"),
        "dissatisfied": QCoreApplication.translate("QualityTexts", "Still dissatisfied"),
        "unreachable": QCoreApplication.translate("QualityTexts", "Could not be reached"),
    }


def blacklist_reasons() -> dict[str, str]:
    return {
        "fraud": QCoreApplication.translate("QualityTexts", "Fraud"),
        "serious_complaint": QCoreApplication.translate("QualityTexts", "Serious complaint"),
        "work_quality": QCoreApplication.translate("QualityTexts", "Work quality"),
        "contract_breach": QCoreApplication.translate("QualityTexts", "Contract breach"),
    }


def categories() -> dict[str, str]:
    return {
        "quality": QCoreApplication.translate("QualityTexts", "Service quality"),
        "late": QCoreApplication.translate("QualityTexts", "Lateness"),
        "damage": QCoreApplication.translate("QualityTexts", "Damage"),
        "attitude": QCoreApplication.translate("QualityTexts", "Attitude"),
        "billing": QCoreApplication.translate("QualityTexts", "Billing"),
        "safety": QCoreApplication.translate("QualityTexts", "Safety"),
        "other": QCoreApplication.translate("QualityTexts", "Other"),
    }


def priorities() -> dict[str, str]:
    return {
        "low": QCoreApplication.translate("QualityTexts", "Low"),
        "normal": QCoreApplication.translate("QualityTexts", "Normal"),
        "high": QCoreApplication.translate("QualityTexts", "High"),
        "urgent": QCoreApplication.translate("QualityTexts", "Urgent"),
    }


def complaint_states() -> dict[str, str]:
    return {
        "open": QCoreApplication.translate("QualityTexts", "Open"),
        "in_progress": QCoreApplication.translate("QualityTexts", "In progress"),
        "resolved": QCoreApplication.translate("QualityTexts", "Resolved"),
        "closed": QCoreApplication.translate("QualityTexts", "Closed"),
        "reopened": QCoreApplication.translate("QualityTexts", "Reopened"),
    }


def channels() -> dict[str, str]:
    return {
        "phone": QCoreApplication.translate("QualityTexts", "Phone"),
        "app": QCoreApplication.translate("QualityTexts", "App"),
    }


def callback_kinds() -> dict[str, str]:
    return {
        "first_order": QCoreApplication.translate("QualityTexts", "After the first order"),
        "follow_up": QCoreApplication.translate("QualityTexts", "Case follow-up"),
        "complaint": QCoreApplication.translate("QualityTexts", "Complaint"),
    }


def callback_states() -> dict[str, str]:
    return {
        "pending": QCoreApplication.translate("QualityTexts", "To call"),
        "done": QCoreApplication.translate("QualityTexts", "Done"),
        "unreachable": QCoreApplication.translate("QualityTexts", "Unreachable"),
        "cancelled": QCoreApplication.translate("QualityTexts", "Cancelled"),
    }


def events() -> dict[str, str]:
    """Steps of a case or a complaint in its history."""
    return {
        "open": QCoreApplication.translate("QualityTexts", "Opened"),
        "create": QCoreApplication.translate("QualityTexts", "Filed"),
        "assign": QCoreApplication.translate("QualityTexts", "Owner set"),
        "investigate": QCoreApplication.translate("QualityTexts", "Investigation note"),
        "contact": QCoreApplication.translate("QualityTexts", "Customer called"),
        "decide": QCoreApplication.translate("QualityTexts", "Decision"),
        "close": QCoreApplication.translate("QualityTexts", "Closed"),
        "start": QCoreApplication.translate("QualityTexts", "Taken up"),
        "resolve": QCoreApplication.translate("QualityTexts", "Resolved"),
        "reopen": QCoreApplication.translate("QualityTexts", "Reopened"),
        "priority": QCoreApplication.translate("QualityTexts", "Priority changed"),
        "suspend": QCoreApplication.translate("QualityTexts", "Worker suspended"),
    }


def actor_name(name: str) -> str:
    """Who did a step: a staff member's name, or the system or the customer's app."""
    others = {
        "system": QCoreApplication.translate("QualityTexts", "System"),
        "customer": QCoreApplication.translate("QualityTexts", "Customer (app)"),
    }
    return others.get(name, name)


def step_reason(event: str, reason: str) -> str:
    """A step's note; codes (a new priority, a decision) shown by their names."""
    if event == "priority":
        return priorities().get(reason, reason)
    if event == "decide" and ": " in reason:
        code, _, note = reason.partition(": ")
        return f"{decisions().get(code, code)}: {note}"
    if event == "decide":
        return decisions().get(reason, reason)
    if event == "contact" and ":" in reason:
        code, _, note = reason.partition(":")
        return f"{call_results().get(code, code)}: {note.strip()}".rstrip(": ")
    if event == "contact":
        return call_results().get(reason, reason)
    return reason


def name_of(names: dict[str, str], code: str) -> str:
    return names.get(code, code)


def fill(combo: QComboBox, names: dict[str, str], *, first: str | None = None) -> None:
    """The codes as choices (with an optional "all" entry whose data is None)."""
    combo.clear()
    if first is not None:
        combo.addItem(first, None)
    for code, name in names.items():
        combo.addItem(name, code)
