"""A customer's coupons and points, small, on their profile."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from jiazheng_desk.services import coupons, points
from jiazheng_desk.services.coupons import CouponView
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.services.points import PointsSummary
from jiazheng_desk.views.coupons.texts import expires_text, status_name
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.table import make_list_table


class CustomerCouponsBox(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        self.coupons: list[CouponView] = []
        self.title = QLabel(self.tr("Coupons and points"), self)
        self.points = QLabel(self)
        self.points.setObjectName("customerPoints")
        self.table = make_list_table(
            self,
            "customerCoupons",
            [
                self.tr("Coupon"),
                self.tr("Terms"),
                self.tr("Status"),
                self.tr("Expires"),
                self.tr("Order"),
            ],
        )
        self.table.setMaximumHeight(150)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.points)
        layout.addWidget(self.table)

    def show_customer(self, customer_id: int) -> None:
        if not self.ctx.can(Perm.CUSTOMER_VIEW):
            self.hide()
            return
        self.customer_id = customer_id
        self.ctx.runner.run_query(
            coupons.list_customer_coupons,
            actor=self.ctx.actor,
            customer_id=customer_id,
            on_done=self._coupons_loaded,
            on_error=lambda f: self.points.setText(f.message),
            key=f"coupons.customer.{id(self)}",
        )
        self.ctx.runner.run_query(
            points.get_points,
            actor=self.ctx.actor,
            customer_id=customer_id,
            on_done=self._points_loaded,
            on_error=lambda f: self.points.setText(f.message),
            key=f"coupons.customer_points.{id(self)}",
        )

    def _points_loaded(self, summary: PointsSummary) -> None:
        if summary.customer_id == self.customer_id:
            self.points.setText(self.tr("Points: {n}").format(n=summary.balance))

    def _coupons_loaded(self, items: list[CouponView]) -> None:
        self.coupons = items
        self.table.setRowCount(len(items))
        for row, c in enumerate(items):
            values = (
                c.name,
                c.terms,
                status_name(c.status),
                expires_text(c, self.ctx.tz),
                c.order_no,
            )
            for col, text in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(text))
