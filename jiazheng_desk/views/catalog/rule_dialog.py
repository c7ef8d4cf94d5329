"""Create or edit a price rule: a travel fee band or zone, a night or holiday surcharge."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.services import price_rules
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.price_rules import RULE_KINDS, PriceRuleView
from jiazheng_desk.views.catalog.common import (
    CHANGES,
    AmountEdit,
    bad_amount_text,
    bad_percent_text,
    rule_kind_name,
)
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormDialog

# which fields each kind of rule uses
KIND_FIELDS = {
    "travel_distance": ("min_m", "max_m", "amount_fen"),
    "travel_zone": ("district_id", "amount_fen"),
    "night": ("start_minute", "end_minute", "amount_fen", "percent_bp"),
    "holiday": ("on_date", "amount_fen", "percent_bp"),
}


def _metres(parent: QWidget, name: str) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(0, price_rules.MAX_DISTANCE_M)
    spin.setSingleStep(500)
    spin.setSuffix(" m")
    spin.setGroupSeparatorShown(True)
    spin.setMaximumWidth(160)
    return spin


def _minute(edit: QTimeEdit) -> int:
    return edit.time().hour() * 60 + edit.time().minute()


class RuleDialog(FormDialog):
    def __init__(
        self,
        ctx: DeskContext,
        existing: PriceRuleView | None,
        branch_list: list[BranchView],
        *,
        branch_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ruleDialog")
        self.ctx = ctx
        self.existing = existing
        self.branch_list = branch_list
        self.setWindowTitle(
            self.tr("New price rule") if existing is None else self.tr("Edit price rule")
        )
        self.scope = QComboBox(self)
        self.scope.setObjectName("scope")
        if ctx.actor.is_hq:
            self.scope.addItem(self.tr("All branches"), None)
        for b in branch_list:
            self.scope.addItem(b.name, b.id)
        self.scope.setEnabled(self.scope.count() > 1)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for kind in RULE_KINDS:
            self.kind.addItem(rule_kind_name(kind), kind)
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setPlaceholderText(self.tr("e.g. Travel fee 3–8 km"))
        self.min_m = _metres(self, "minM")
        self.max_m = _metres(self, "maxM")
        self.open_ended = QCheckBox(self.tr("No upper limit"), self)
        self.open_ended.setObjectName("openEnded")
        upper = QWidget(self)
        upper_layout = QHBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.max_m)
        upper_layout.addWidget(self.open_ended)
        upper_layout.addStretch(1)
        self.district = QComboBox(self)
        self.district.setObjectName("district")
        self.start = QTimeEdit(QTime(20, 0), self)
        self.start.setObjectName("start")
        self.end = QTimeEdit(QTime(6, 0), self)
        self.end.setObjectName("end")
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
            edit.setMaximumWidth(120)
        today = clock.now().astimezone(ZoneInfo(ctx.tz)).date()
        self.on_date = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.on_date.setObjectName("onDate")
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat("yyyy-MM-dd")
        self.on_date.setMaximumWidth(160)
        self.amount = AmountEdit(self, placeholder="0.00")
        self.amount.setObjectName("amount")
        self.percent = AmountEdit(self, placeholder="0")
        self.percent.setObjectName("percent")
        self.active = QCheckBox(self.tr("In force"), self)
        self.active.setObjectName("active")
        self.active.setChecked(True)

        self.add_row("branch_id", self.tr("Applies to"), self.scope)
        self.add_row("kind", self.tr("Type"), self.kind)
        self.add_row("name", self.tr("Name"), self.name)
        self.rows: dict[str, QWidget] = {
            "min_m": self.min_m,
            "max_m": upper,
            "district_id": self.district,
            "start_minute": self.start,
            "end_minute": self.end,
            "on_date": self.on_date,
            "amount_fen": self.amount,
            "percent_bp": self.percent,
        }
        for key, label in (
            ("min_m", self.tr("From (inclusive)")),
            ("max_m", self.tr("Up to (exclusive)")),
            ("district_id", self.tr("District")),
            ("start_minute", self.tr("From")),
            ("end_minute", self.tr("Until")),
            ("on_date", self.tr("Date")),
            ("amount_fen", self.tr("Fixed amount (¥)")),
            ("percent_bp", self.tr("Share of the service price (%)")),
        ):
            self.add_row(key, label, self.rows[key])
        self.form.addRow("", self.active)

        self.scope.currentIndexChanged.connect(lambda _i: self._fill_districts())
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.open_ended.toggled.connect(lambda on: self.max_m.setEnabled(not on))
        self._fill(existing, branch_id)

    def _fill(self, rule: PriceRuleView | None, branch_id: int | None) -> None:
        scope = rule.branch_id if rule is not None else branch_id
        self.scope.setCurrentIndex(max(0, self.scope.findData(scope)))
        self._fill_districts()
        if rule is None:
            self.min_m.setValue(3000)
            self.max_m.setValue(8000)
            self._kind_changed()
            return
        self.kind.setCurrentIndex(max(0, self.kind.findData(rule.kind)))
        self.name.setText(rule.name)
        self.min_m.setValue(rule.min_m or 0)
        self.max_m.setValue(rule.max_m or 0)
        self.open_ended.setChecked(rule.kind == "travel_distance" and rule.max_m is None)
        if rule.district_id is not None:
            self.district.setCurrentIndex(max(0, self.district.findData(rule.district_id)))
        if rule.start_minute is not None and rule.end_minute is not None:
            self.start.setTime(QTime(rule.start_minute // 60, rule.start_minute % 60))
            self.end.setTime(QTime(rule.end_minute // 60, rule.end_minute % 60))
        if rule.on_date is not None:
            self.on_date.setDate(QDate(rule.on_date.year, rule.on_date.month, rule.on_date.day))
        self.amount.set_value(rule.amount_fen)
        self.percent.set_value(rule.percent_bp or None)
        self.active.setChecked(rule.is_active)
        self._kind_changed()

    def _fill_districts(self) -> None:
        current = self.district.currentData()
        scope = self.scope.currentData()
        self.district.clear()
        for b in self.branch_list:
            if scope is None or b.id == scope:
                for d in b.districts:
                    self.district.addItem(d.name, d.id)
        self.district.setCurrentIndex(max(0, self.district.findData(current)))

    def _kind_changed(self) -> None:
        used = KIND_FIELDS[self.kind.currentData()]
        for key, widget in self.rows.items():
            self.form.setRowVisible(widget, key in used)
            if key not in used:
                self.form.setRowVisible(self.errors.fields[key], False)
        self.adjustSize()

    def validate(self) -> bool:
        for key, edit, text in (
            ("amount_fen", self.amount, bad_amount_text()),
            ("percent_bp", self.percent, bad_percent_text()),
        ):
            try:
                edit.value()
            except ValueError:
                self.errors.show_text(key, text)
                self._fit()
                return False
        return True

    def save(self) -> None:
        kind = self.kind.currentData()
        used = KIND_FIELDS[kind]
        day = self.on_date.date()
        self.ctx.runner.run_command(
            price_rules.save_price_rule,
            actor=self.ctx.actor,
            rule_id=self.existing.id if self.existing else None,
            branch_id=self.scope.currentData(),
            kind=kind,
            name=self.name.text(),
            min_m=self.min_m.value() if "min_m" in used else None,
            max_m=None if self.open_ended.isChecked() else self.max_m.value(),
            district_id=self.district.currentData(),
            start_minute=_minute(self.start),
            end_minute=_minute(self.end),
            on_date=date(day.year(), day.month(), day.day()),
            amount_fen=self.amount.value() or 0,
            percent_bp=(self.percent.value() or 0) if "percent_bp" in used else 0,
            is_active=self.active.isChecked(),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )
