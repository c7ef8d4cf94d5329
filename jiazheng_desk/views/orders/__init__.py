"""Orders: every order with filters, the exceptions queue, the detail and its actions
(recurring bookings and placements included), workers' change requests, and the Excel
export of the filtered list.

``OrdersPage.show_worker`` / ``show_customer`` open the list for one person from elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from jiazheng_desk.views.main_window import PageSpec


def page_orders() -> str:
    return QCoreApplication.translate("OrdersArea", "All orders")


def page_exceptions() -> str:
    return QCoreApplication.translate("OrdersArea", "Exceptions")


def page_changes() -> str:
    return QCoreApplication.translate("OrdersArea", "Change requests")


def pages() -> list[PageSpec]:
    from jiazheng_desk.services.permissions import Perm
    from jiazheng_desk.views.main_window import PageSpec
    from jiazheng_desk.views.orders.changes_page import ChangeRequestsPage
    from jiazheng_desk.views.orders.orders_page import ExceptionsPage, OrdersPage

    return [
        PageSpec("orders.all", "orders", page_orders, Perm.ORDER_VIEW, OrdersPage, 200),
        PageSpec(
            "orders.exceptions", "orders", page_exceptions, Perm.ORDER_VIEW, ExceptionsPage, 210
        ),
        PageSpec(
            "orders.changes", "orders", page_changes, Perm.ORDER_VIEW, ChangeRequestsPage, 220
        ),
    ]
