"""Finance → Invoices: the customers' requests, issuing, rejecting, voiding, print, export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from jiazheng_desk.views.main_window import PageSpec


def page_requests() -> str:
    return QCoreApplication.translate("InvoiceArea", "Invoice requests")


def pages() -> list[PageSpec]:
    from jiazheng_desk.services.permissions import Perm
    from jiazheng_desk.views.invoices.requests_page import InvoiceRequestsPage
    from jiazheng_desk.views.main_window import PageSpec

    return [
        PageSpec(
            "invoices.requests",
            "finance",
            page_requests,
            Perm.FINANCE_VIEW,
            InvoiceRequestsPage,
            560,
        ),
    ]
