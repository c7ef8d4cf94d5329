"""Workers & vetting: the applications queue with each case, and the franchise's blacklist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from jiazheng_desk.views.main_window import PageSpec


def page_queue() -> str:
    return QCoreApplication.translate("VettingArea", "Applications")


def page_blacklist() -> str:
    return QCoreApplication.translate("VettingArea", "Blacklist")


def pages() -> list[PageSpec]:
    from jiazheng_desk.services.permissions import Perm
    from jiazheng_desk.views.main_window import PageSpec
    from jiazheng_desk.views.vetting.blacklist_page import BlacklistPage
    from jiazheng_desk.views.vetting.queue_page import QueuePage

    return [
        PageSpec("vetting.queue", "workers", page_queue, Perm.VETTING_REVIEW, QueuePage, 410),
        PageSpec(
            "vetting.blacklist",
            "workers",
            page_blacklist,
            Perm.BLACKLIST_MANAGE,
            BlacklistPage,
            470,
        ),
    ]
