"""Names of roles, areas and pages as the desk shows them (translated by Qt).

Each string is a literal ``translate("Labels", …)`` call so that lupdate finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from jiazheng_desk.i18n import t
from jiazheng_desk.messages import MESSAGES

ROLES = ("hq_admin", "branch_manager", "dispatcher", "vetting_officer", "finance")


def role_name(role: str) -> str:
    names = {
        "hq_admin": QCoreApplication.translate("Labels", "HQ administrator"),
        "branch_manager": QCoreApplication.translate("Labels", "Branch manager"),
        "dispatcher": QCoreApplication.translate("Labels", "Dispatcher"),
        "vetting_officer": QCoreApplication.translate("Labels", "Vetting officer"),
        "finance": QCoreApplication.translate("Labels", "Finance"),
    }
    return names.get(role, role)


def group_title(group: str) -> str:
    """The areas of the desk (ARCHITECTURE.md), in the navigation."""
    names = {
        "dispatch": QCoreApplication.translate("Labels", "Dispatch"),
        "orders": QCoreApplication.translate("Labels", "Orders"),
        "customers": QCoreApplication.translate("Labels", "Customers"),
        "workers": QCoreApplication.translate("Labels", "Workers & vetting"),
        "finance": QCoreApplication.translate("Labels", "Finance"),
        "analytics": QCoreApplication.translate("Labels", "Analytics"),
        "quality": QCoreApplication.translate("Labels", "Quality & care"),
        "training": QCoreApplication.translate("Labels", "Training"),
        "marketing": QCoreApplication.translate("Labels", "Marketing"),
        "catalog": QCoreApplication.translate("Labels", "Catalogue"),
        "system": QCoreApplication.translate("Labels", "System"),
    }
    return names.get(group, group)


def page_staff() -> str:
    return QCoreApplication.translate("Labels", "Staff")


def page_audit() -> str:
    return QCoreApplication.translate("Labels", "Audit log")


def page_branches() -> str:
    return QCoreApplication.translate("Labels", "Branches")


def page_account() -> str:
    return QCoreApplication.translate("Labels", "My account")


def source_name(source: str) -> str:
    names = {
        "desk": QCoreApplication.translate("Labels", "Desk"),
        "api": QCoreApplication.translate("Labels", "App"),
        "job": QCoreApplication.translate("Labels", "Job"),
        "cli": QCoreApplication.translate("Labels", "Command line"),
    }
    return names.get(source, source)


def actor_kind_name(kind: str) -> str:
    names = {
        "staff": QCoreApplication.translate("Labels", "Staff member"),
        "customer": QCoreApplication.translate("Labels", "Customer"),
        "worker": QCoreApplication.translate("Labels", "Worker"),
        "system": QCoreApplication.translate("Labels", "System"),
        "anonymous": QCoreApplication.translate("Labels", "Unknown user"),
    }
    return names.get(kind, kind)


def yes_no(value: bool) -> str:
    return (
        QCoreApplication.translate("Labels", "Yes")
        if value
        else QCoreApplication.translate("Labels", "No")
    )


def action_name(action: str) -> str:
    """An audit action in words (``messages/audit.py``); an unnamed code shows as itself."""
    key = f"audit.action.{action}"
    return t(key) if key in MESSAGES else action


def entity_name(entity: str) -> str:
    """An audit record kind in words."""
    key = f"audit.entity.{entity}"
    return t(key) if key in MESSAGES else entity
