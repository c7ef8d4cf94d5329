"""Customers: find as you type, profiles, addresses, order history, freeze and close.

``picker.CustomerPicker`` is the phone field of the booking wizard (find or create).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from jiazheng_desk.views.main_window import PageSpec


def page_customers() -> str:
    return QCoreApplication.translate("CustomersArea", "Customers")


def pages() -> list[PageSpec]:
    from jiazheng_desk.services.permissions import Perm
    from jiazheng_desk.views.customers.customers_page import CustomersPage
    from jiazheng_desk.views.main_window import PageSpec

    return [
        PageSpec(
            "customers.customers",
            "customers",
            page_customers,
            Perm.CUSTOMER_VIEW,
            CustomersPage,
            300,
        )
    ]
