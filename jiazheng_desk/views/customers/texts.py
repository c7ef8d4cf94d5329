"""Words for the customers area's codes (status, gender, member level, order state) and
the district choices every address form offers.

Each string is a literal ``translate("CustomerLabels", …)`` call so that lupdate finds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.branches import BranchView


def status_text(status: str) -> str:
    names = {
        "active": QCoreApplication.translate("CustomerLabels", "Active"),
        "frozen": QCoreApplication.translate("CustomerLabels", "Frozen"),
        "closed": QCoreApplication.translate("CustomerLabels", "Closed"),
    }
    return names.get(status, status)


GENDERS = ("", "female", "male")


def gender_text(gender: str) -> str:
    names = {
        "": QCoreApplication.translate("CustomerLabels", "Not given"),
        "female": QCoreApplication.translate("CustomerLabels", "Female"),
        "male": QCoreApplication.translate("CustomerLabels", "Male"),
    }
    return names.get(gender, gender)


def level_text(level: str) -> str:
    names = {
        "normal": QCoreApplication.translate("CustomerLabels", "Regular"),
        "silver": QCoreApplication.translate("CustomerLabels", "Silver"),
        "gold": QCoreApplication.translate("CustomerLabels", "Gold"),
    }
    return names.get(level, level)


def channel_text(channel: str) -> str:
    names = {
        "phone": QCoreApplication.translate("CustomerLabels", "Phone"),
        "app": QCoreApplication.translate("CustomerLabels", "App"),
    }
    return names.get(channel, channel)


def order_state_text(state: str) -> str:
    names = {
        "created": QCoreApplication.translate("CustomerLabels", "Booked"),
        "pending_payment": QCoreApplication.translate("CustomerLabels", "Awaiting payment"),
        "confirmed": QCoreApplication.translate("CustomerLabels", "Confirmed"),
        "offered": QCoreApplication.translate("CustomerLabels", "Offered"),
        "accepted": QCoreApplication.translate("CustomerLabels", "Assigned"),
        "on_the_way": QCoreApplication.translate("CustomerLabels", "On the way"),
        "in_service": QCoreApplication.translate("CustomerLabels", "In service"),
        "completed": QCoreApplication.translate("CustomerLabels", "Completed"),
        "reviewed": QCoreApplication.translate("CustomerLabels", "Reviewed"),
        "cancelled": QCoreApplication.translate("CustomerLabels", "Cancelled"),
        "refunded": QCoreApplication.translate("CustomerLabels", "Refunded"),
    }
    return names.get(state, state)


def fill_genders(combo: QComboBox) -> None:
    combo.clear()
    for code in GENDERS:
        combo.addItem(gender_text(code), code)


@dataclass(frozen=True)
class DistrictChoice:
    id: int
    branch_id: int
    label: str


def district_choices(branch_list: list[BranchView], actor: Actor) -> list[DistrictChoice]:
    """Districts an address may use: in service, of the actor's branch (HQ: every branch).

    HQ sees the branch before each district, since HQ picks among every branch's list.
    """
    out = []
    for branch in branch_list:
        if not branch.is_active or (not actor.is_hq and branch.id != actor.branch_id):
            continue
        for d in branch.districts:
            if d.is_active:
                label = f"{branch.name} · {d.name}" if actor.is_hq else d.name
                out.append(DistrictChoice(d.id, branch.id, label))
    return out


def fill_districts(combo: QComboBox, choices: list[DistrictChoice], current: int | None) -> None:
    combo.clear()
    for choice in choices:
        combo.addItem(choice.label, choice.id)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
