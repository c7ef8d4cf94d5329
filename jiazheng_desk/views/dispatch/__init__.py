"""Dispatch: the phone booking, the dispatch board with its unassigned queue, the
worker calendar (visits, placements, leave) and the workers' leave requests.

``booking_page.BookingPage`` is keyboard-first (F2–F6 jump to the steps, Ctrl+Enter
confirms); ``board_page.BoardPage`` polls ``board_version`` and reloads only on a change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from jiazheng_desk.views.main_window import PageSpec


def page_booking() -> str:
    return QCoreApplication.translate("DispatchArea", "New booking")


def page_board() -> str:
    return QCoreApplication.translate("DispatchArea", "Dispatch board")


def page_calendar() -> str:
    return QCoreApplication.translate("DispatchArea", "Worker calendar")


def page_leave() -> str:
    return QCoreApplication.translate("DispatchArea", "Leave requests")


def pages() -> list[PageSpec]:
    from jiazheng_desk.services.permissions import Perm
    from jiazheng_desk.views.dispatch.board_page import BoardPage
    from jiazheng_desk.views.dispatch.booking_page import BookingPage
    from jiazheng_desk.views.dispatch.calendar_page import CalendarPage
    from jiazheng_desk.views.dispatch.leave_page import LeavePage
    from jiazheng_desk.views.main_window import PageSpec

    return [
        PageSpec("dispatch.booking", "dispatch", page_booking, Perm.ORDER_CREATE, BookingPage, 100),
        PageSpec("dispatch.board", "dispatch", page_board, Perm.ORDER_VIEW, BoardPage, 110),
        PageSpec(
            "dispatch.calendar", "dispatch", page_calendar, Perm.ORDER_VIEW, CalendarPage, 120
        ),
        PageSpec("dispatch.leave", "dispatch", page_leave, Perm.SCHEDULE_EDIT, LeavePage, 130),
    ]
