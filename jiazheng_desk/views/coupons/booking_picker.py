"""The coupon and points of a phone booking (step 6): the customer's coupons that this
quote may take, best first, and points to spend, each reachable by keyboard (Alt+C,
Alt+P). Changing either asks for the quote again; a refusal of the quote that is about the
coupon or the points is shown here and the choice dropped, so the price never goes blank."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QSpinBox, QWidget

from jiazheng_desk.services import coupon_use, points
from jiazheng_desk.services.coupon_use import UsableCoupon
from jiazheng_desk.services.points import PointsSummary
from jiazheng_desk.services.pricing import Quote
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import error_label

FIELDS = ("coupon_id", "points")


class CouponPicker(QWidget):
    changed = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        self.usable: list[UsableCoupon] = []
        self.balance = 0
        self.coupon = QComboBox(self)
        self.coupon.setObjectName("couponChoice")
        # the step is narrow: the name and the amount show, the terms are in the tooltip
        self.coupon.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.coupon.setMinimumContentsLength(8)
        self.points = QSpinBox(self)
        self.points.setObjectName("pointsToUse")
        self.points.setRange(0, 0)
        self.points.setSingleStep(100)
        self.points.setKeyboardTracking(False)
        self.balance_label = QLabel(self)
        self.balance_label.setObjectName("pointsBalance")
        self.balance_label.setProperty("role", "hint")
        self.balance_label.setWordWrap(True)
        self.error = error_label(self, "couponError")
        coupon_caption = QLabel(self.tr("&Coupon"), self)
        coupon_caption.setBuddy(self.coupon)
        points_caption = QLabel(self.tr("&Points"), self)
        points_caption.setBuddy(self.points)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(coupon_caption, 0, 0)
        grid.addWidget(self.coupon, 0, 1)
        grid.addWidget(points_caption, 1, 0)
        grid.addWidget(self.points, 1, 1)
        grid.addWidget(self.balance_label, 2, 1)
        grid.addWidget(self.error, 3, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self._fill([])
        self.coupon.currentIndexChanged.connect(lambda _i: self._picked())
        self.points.valueChanged.connect(lambda _v: self._picked())

    # --- what the page reads --------------------------------------------------------------

    def coupon_id(self) -> int | None:
        value = self.coupon.currentData()
        return int(value) if value is not None else None

    def points_used(self) -> int:
        return self.points.value()

    # --- what the page tells it -----------------------------------------------------------

    def set_customer(self, customer_id: int | None) -> None:
        """A new caller: nothing chosen, their points asked for."""
        self.customer_id = customer_id
        self.error.hide()
        self._fill([])
        self.points.blockSignals(True)
        self.points.setValue(0)
        self.points.setRange(0, 0)
        self.points.blockSignals(False)
        self.balance = 0
        self.balance_label.clear()
        if customer_id is None:
            return
        self.ctx.runner.run_query(
            points.get_points,
            actor=self.ctx.actor,
            customer_id=customer_id,
            on_done=self._points_loaded,
            on_error=lambda f: self.balance_label.setText(f.message),
            key=f"coupons.picker.points.{id(self)}",
        )

    def offer_for(self, quote: Quote) -> None:
        """Ask which of the customer's coupons this quote may take."""
        if self.customer_id is None:
            return
        self.ctx.runner.run_query(
            coupon_use.list_usable_coupons,
            actor=self.ctx.actor,
            customer_id=self.customer_id,
            quote=quote,
            on_done=self._fill,
            key=f"coupons.picker.usable.{id(self)}",
        )

    def refuse(self, failure: TaskFailure) -> bool:
        """A refusal about the coupon or points: shown here, the choice dropped (the page
        asks for the quote again). False for any other refusal."""
        field = str(getattr(failure.error, "field", None) or "")
        if field not in FIELDS:
            return False
        self.error.setText(failure.message)
        self.error.show()
        if field == "coupon_id":
            self.coupon.blockSignals(True)
            self.coupon.setCurrentIndex(0)
            self.coupon.blockSignals(False)
        else:
            self.points.blockSignals(True)
            self.points.setValue(0)
            self.points.blockSignals(False)
        return True

    # --- inside ---------------------------------------------------------------------------

    def _points_loaded(self, summary: PointsSummary) -> None:
        self.balance = summary.balance
        self.points.blockSignals(True)
        self.points.setRange(0, max(0, summary.balance))
        self.points.blockSignals(False)
        self.balance_label.setText(
            self.tr("of {balance} · {rate} points = ¥1").format(
                balance=summary.balance, rate=summary.redeem_per_yuan
            )
        )
        self.points.setEnabled(summary.balance > 0)

    def _fill(self, usable: list[UsableCoupon]) -> None:
        current = self.coupon.currentData() if self.coupon.count() else None
        self.usable = usable
        self.coupon.blockSignals(True)
        self.coupon.clear()
        if usable:
            self.coupon.addItem(self.tr("No coupon ({n} usable)").format(n=len(usable)), None)
        else:
            self.coupon.addItem(self.tr("No coupon"), None)
        for u in usable:
            self.coupon.addItem(f"{u.name}  −{fmt.yuan(u.discount_fen)}", u.coupon_id)
            self.coupon.setItemData(
                self.coupon.count() - 1, f"{u.name}: {u.terms}", Qt.ItemDataRole.ToolTipRole
            )
        index = self.coupon.findData(current) if current is not None else 0
        self.coupon.setCurrentIndex(max(0, index))
        self.coupon.setEnabled(bool(usable))
        self.coupon.blockSignals(False)
        if current is not None and index < 0:
            # the coupon no longer fits this quote (another service, below the threshold)
            self._picked()

    def _picked(self) -> None:
        self.error.hide()
        self.changed.emit()
