"""Create or edit a coupon template: amount or percentage off, threshold, service, who,
how long, how many."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.services import coupons
from jiazheng_desk.services.catalog import CategoryView
from jiazheng_desk.services.coupons import TemplateInput, TemplateView
from jiazheng_desk.services.timeutil import day_start_utc, local_day
from jiazheng_desk.views.catalog.common import AmountEdit, bad_amount_text, bad_percent_text
from jiazheng_desk.views.coupons.texts import CHANGES, kind_name
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormDialog


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class TemplateDialog(FormDialog):
    def __init__(
        self,
        ctx: DeskContext,
        existing: TemplateView | None,
        catalog: list[CategoryView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("couponTemplateDialog")
        self.ctx = ctx
        self.existing = existing
        self.setWindowTitle(
            self.tr("New coupon template") if existing is None else self.tr("Edit coupon template")
        )
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setMaxLength(coupons.MAX_NAME)
        self.name.setPlaceholderText(self.tr("e.g. 新客立减 20 元"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for kind in coupons.KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.amount = AmountEdit(self, placeholder="20.00")
        self.amount.setObjectName("amount")
        self.percent = AmountEdit(self, placeholder="10")
        self.percent.setObjectName("percent")
        self.threshold = AmountEdit(self, placeholder="0")
        self.threshold.setObjectName("threshold")
        self.service = QComboBox(self)
        self.service.setObjectName("service")
        self.service.addItem(self.tr("Any service"), None)
        for category in catalog:
            self.service.addItem(
                self.tr("Category: {name}").format(name=category.name), ("category", category.id)
            )
            for item in category.items:
                self.service.addItem(f"    {item.name}", ("item", item.id))
        self.new_only = QCheckBox(self.tr("First order only (new customers)"), self)
        self.new_only.setObjectName("newOnly")
        self.valid_days = QSpinBox(self)
        self.valid_days.setObjectName("validDays")
        self.valid_days.setRange(0, coupons.MAX_VALID_DAYS)
        self.valid_days.setSpecialValueText(self.tr("no limit"))
        self.valid_days.setSuffix(self.tr(" days"))
        self.valid_days.setMaximumWidth(160)
        today = local_day(clock.now(), ctx.tz)
        self.has_from, self.valid_from = self._dated("validFrom", today)
        self.has_to, self.valid_to = self._dated("validTo", today + timedelta(days=30))
        self.limit = QSpinBox(self)
        self.limit.setObjectName("limit")
        self.limit.setRange(0, coupons.MAX_TOTAL_LIMIT)
        self.limit.setSpecialValueText(self.tr("no limit"))
        self.limit.setMaximumWidth(160)

        self.add_row("name", self.tr("Name"), self.name)
        self.add_row("kind", self.tr("Type"), self.kind)
        self.amount_label = QLabel(self.tr("Amount off (¥)"), self)
        self.add_row("amount_fen", self.amount_label, self.amount)
        self.add_row("percent_bp", self.tr("Percentage off (%)"), self.percent)
        self.add_row("threshold_fen", self.tr("For orders from (¥)"), self.threshold)
        self.add_row("item_id", self.tr("Service"), self.service)
        self.add_row("new_customer_only", "", self.new_only)
        self.add_row("valid_days", self.tr("Valid after issue"), self.valid_days)
        self.add_row(
            "valid_from", self.tr("Usable from"), self._row(self.has_from, self.valid_from)
        )
        self.add_row("valid_to", self.tr("Usable until"), self._row(self.has_to, self.valid_to))
        self.add_row("total_limit", self.tr("At most issued"), self.limit)
        self.errors.fields["category_id"] = self.errors.fields["item_id"]

        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._fill(existing)

    def _dated(self, name: str, day: date) -> tuple[QCheckBox, QDateEdit]:
        box = QCheckBox(self)
        box.setObjectName(f"{name}On")
        edit = QDateEdit(_qdate(day), self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        box.toggled.connect(edit.setEnabled)
        return box, edit

    def _row(self, box: QCheckBox, edit: QDateEdit) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addWidget(edit)
        layout.addStretch(1)
        return row

    def _fill(self, t: TemplateView | None) -> None:
        if t is None:
            self.valid_days.setValue(30)
            self._kind_changed()
            return
        self.name.setText(t.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(t.kind)))
        self.amount.set_value(t.amount_fen or None)
        self.percent.set_value(t.percent_bp or None)
        self.threshold.set_value(t.threshold_fen or None)
        scope = ("item", t.item_id) if t.item_id else ("category", t.category_id)
        index = self.service.findData(scope) if t.item_id or t.category_id else 0
        self.service.setCurrentIndex(max(0, index))
        self.new_only.setChecked(t.new_customer_only)
        self.valid_days.setValue(t.valid_days or 0)
        if t.valid_from is not None:
            self.has_from.setChecked(True)
            self.valid_from.setDate(_qdate(local_day(t.valid_from, self.ctx.tz)))
        if t.valid_to is not None:
            self.has_to.setChecked(True)
            last = local_day(t.valid_to - timedelta(seconds=1), self.ctx.tz)
            self.valid_to.setDate(_qdate(last))
        self.limit.setValue(t.total_limit or 0)
        self._kind_changed()

    def _kind_changed(self) -> None:
        percent = self.kind.currentData() == "percent"
        self.form.setRowVisible(self.percent, percent)
        self.amount_label.setText(
            self.tr("At most off (¥)") if percent else self.tr("Amount off (¥)")
        )
        self.adjustSize()

    def validate(self) -> bool:
        for key, edit, text in (
            ("amount_fen", self.amount, bad_amount_text()),
            ("percent_bp", self.percent, bad_percent_text()),
            ("threshold_fen", self.threshold, bad_amount_text()),
        ):
            try:
                edit.value()
            except ValueError:
                self.errors.show_text(key, text)
                self._fit()
                return False
        return True

    def data(self) -> TemplateInput:
        scope = self.service.currentData()
        tz = self.ctx.tz
        return TemplateInput(
            name=self.name.text(),
            kind=self.kind.currentData(),
            amount_fen=self.amount.value() or 0,
            percent_bp=(self.percent.value() or 0) if self.kind.currentData() == "percent" else 0,
            threshold_fen=self.threshold.value() or 0,
            category_id=scope[1] if scope and scope[0] == "category" else None,
            item_id=scope[1] if scope and scope[0] == "item" else None,
            new_customer_only=self.new_only.isChecked(),
            valid_days=self.valid_days.value() or None,
            valid_from=day_start_utc(_day(self.valid_from), tz)
            if self.has_from.isChecked()
            else None,
            # the whole last day counts
            valid_to=(
                day_start_utc(_day(self.valid_to) + timedelta(days=1), tz)
                if self.has_to.isChecked()
                else None
            ),
            total_limit=self.limit.value() or None,
        )

    def save(self) -> None:
        self.ctx.runner.run_command(
            coupons.save_template,
            actor=self.ctx.actor,
            template_id=self.existing.id if self.existing else None,
            data=self.data(),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )
