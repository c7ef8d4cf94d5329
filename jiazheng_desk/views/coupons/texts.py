"""Words the coupon pages share: kinds, statuses, validity."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from jiazheng_desk.services.coupons import CouponView, TemplateView
from jiazheng_desk.views import fmt

CHANGES = frozenset({"coupons", "audit"})


def kind_name(kind: str) -> str:
    return {
        "fixed": QCoreApplication.translate("CouponNames", "Amount off"),
        "percent": QCoreApplication.translate("CouponNames", "Percentage off"),
    }.get(kind, kind)


def status_name(status: str) -> str:
    names = {
        "usable": QCoreApplication.translate("CouponNames", "Usable"),
        "used": QCoreApplication.translate("CouponNames", "Used"),
        "expired": QCoreApplication.translate("CouponNames", "Expired"),
        "void": QCoreApplication.translate("CouponNames", "Void"),
        "issued": QCoreApplication.translate("CouponNames", "Not used"),
        "redeemed": QCoreApplication.translate("CouponNames", "Used"),
    }
    return names.get(status, status)


def service_text(item_name: str, category_name: str) -> str:
    return item_name or category_name or QCoreApplication.translate("CouponNames", "Any service")


def validity_text(t: TemplateView, tz: str) -> str:
    parts = []
    if t.valid_days:
        parts.append(
            QCoreApplication.translate("CouponNames", "{n} days from issue").format(n=t.valid_days)
        )
    if t.valid_from is not None:
        parts.append(
            QCoreApplication.translate("CouponNames", "from {day}").format(
                day=fmt.local_time(t.valid_from, tz)[:10]
            )
        )
    if t.valid_to is not None:
        parts.append(
            QCoreApplication.translate("CouponNames", "until {day}").format(
                day=fmt.local_time(t.valid_to, tz)[:10]
            )
        )
    return ", ".join(parts)


def limit_text(t: TemplateView) -> str:
    if t.total_limit is None:
        return QCoreApplication.translate("CouponNames", "{issued} issued").format(issued=t.issued)
    return QCoreApplication.translate("CouponNames", "{issued} of {limit}").format(
        issued=t.issued, limit=t.total_limit
    )


def expires_text(c: CouponView, tz: str) -> str:
    return (
        fmt.local_time(c.expires_at, tz)[:10]
        if c.expires_at
        else QCoreApplication.translate("CouponNames", "No end")
    )
