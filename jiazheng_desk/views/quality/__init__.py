"""Quality & care: reviews, the follow-up cases of negative ones, complaints, calls back
to customers (回访) and statistics per worker and branch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from jiazheng_desk.views.main_window import PageSpec


def page_reviews() -> str:
    return QCoreApplication.translate("QualityArea", "Reviews")


def page_cases() -> str:
    return QCoreApplication.translate("QualityArea", "Follow-up cases")


def page_complaints() -> str:
    return QCoreApplication.translate("QualityArea", "Complaints")


def page_callbacks() -> str:
    return QCoreApplication.translate("QualityArea", "Calls back")


def page_stats() -> str:
    return QCoreApplication.translate("QualityArea", "Statistics")


def pages() -> list[PageSpec]:
    from jiazheng_desk.services.permissions import Perm
    from jiazheng_desk.views.main_window import PageSpec
    from jiazheng_desk.views.quality.callbacks_page import CallbacksPage
    from jiazheng_desk.views.quality.cases_page import CasesPage
    from jiazheng_desk.views.quality.complaints_page import ComplaintsPage
    from jiazheng_desk.views.quality.reviews_page import ReviewsPage
    from jiazheng_desk.views.quality.stats_page import StatsPage

    handle = Perm.QUALITY_HANDLE
    return [
        PageSpec("quality.reviews", "quality", page_reviews, handle, ReviewsPage, 600),
        PageSpec("quality.cases", "quality", page_cases, handle, CasesPage, 610),
        PageSpec("quality.complaints", "quality", page_complaints, handle, ComplaintsPage, 620),
        PageSpec("quality.callbacks", "quality", page_callbacks, handle, CallbacksPage, 630),
        PageSpec("quality.stats", "quality", page_stats, handle, StatsPage, 640),
    ]
