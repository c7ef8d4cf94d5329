"""Coupons (finance): templates, issuing them, codes and redemptions; the coupon picker of a
booking and a customer's coupons and points on their profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from jiazheng_desk.views.main_window import PageSpec


def page_templates() -> str:
    return QCoreApplication.translate("CouponLabels", "Coupons")


def pages() -> list[PageSpec]:
    from jiazheng_desk.services.permissions import Perm
    from jiazheng_desk.views.coupons.templates_page import CouponTemplatesPage
    from jiazheng_desk.views.main_window import PageSpec

    return [
        PageSpec(
            "coupons.templates",
            "finance",
            page_templates,
            Perm.COUPON_MANAGE,
            CouponTemplatesPage,
            560,
        )
    ]
