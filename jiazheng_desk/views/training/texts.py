"""Words of the training area (each a literal translate() call, so lupdate finds it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def mode_name(mode: str) -> str:
    names = {
        "online": QCoreApplication.translate("TrainingTexts", "Online"),
        "offline": QCoreApplication.translate("TrainingTexts", "Offline"),
    }
    return names.get(mode, mode)


def state_name(state: str) -> str:
    names = {
        "": QCoreApplication.translate("TrainingTexts", "Not enrolled"),
        "enrolled": QCoreApplication.translate("TrainingTexts", "Enrolled"),
        "attended": QCoreApplication.translate("TrainingTexts", "Attended"),
        "passed": QCoreApplication.translate("TrainingTexts", "Passed"),
        "failed": QCoreApplication.translate("TrainingTexts", "Failed"),
        "cancelled": QCoreApplication.translate("TrainingTexts", "Cancelled"),
    }
    return names.get(state, state)


def worker_status_name(status: str) -> str:
    names = {
        "applicant": QCoreApplication.translate("TrainingTexts", "Applicant"),
        "active": QCoreApplication.translate("TrainingTexts", "Active"),
        "suspended": QCoreApplication.translate("TrainingTexts", "Suspended"),
        "left": QCoreApplication.translate("TrainingTexts", "Left"),
    }
    return names.get(status, status)


def yes_no(value: bool) -> str:
    return (
        QCoreApplication.translate("TrainingTexts", "Yes")
        if value
        else QCoreApplication.translate("TrainingTexts", "No")
    )


def all_branches() -> str:
    return QCoreApplication.translate("TrainingTexts", "All branches (HQ)")
