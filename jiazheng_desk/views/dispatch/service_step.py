"""Step 2 of a booking: what is booked — category, item, how much, options, and how it
repeats (visits) or which days the worker is off (placements)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.services import catalog
from jiazheng_desk.services.catalog import CategoryView, ItemView
from jiazheng_desk.services.pricing import MAX_PLACEMENT_DAYS
from jiazheng_desk.views import fmt
from jiazheng_desk.views.catalog.common import kind_name, minutes_text, unit_short
from jiazheng_desk.views.dispatch import texts
from jiazheng_desk.views.dispatch.commands import RepeatPlan
from jiazheng_desk.views.dispatch.step_box import step_label

MAX_VISITS = 520


class ServiceStep(QWidget):
    """Chooses the item and its amount; emits ``changed`` when the booking's length or price
    may have changed, ``repeat_changed`` when only the repeat did."""

    changed = Signal()
    repeat_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories: list[CategoryView] = []
        self.start_day: date | None = None

        self.category = QComboBox(self)
        self.category.setObjectName("serviceCategory")
        self.item = QComboBox(self)
        self.item.setObjectName("serviceItem")
        self.item.setMinimumWidth(180)
        self.units = QSpinBox(self)
        self.units.setObjectName("serviceUnits")
        self.units.setRange(0, catalog.MAX_UNITS)
        self.units.setMinimumWidth(80)
        self.units.setMaximumWidth(120)
        self.unit_hint = step_label("", self)
        self.unit_hint.setObjectName("unitHint")
        self.options = QListWidget(self)
        self.options.setObjectName("serviceOptions")
        self.options.setMaximumHeight(74)
        # a tick is the choice; a highlighted row would read as chosen too
        self.options.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.options_label = QLabel(self.tr("Options"), self)

        self.repeat = QComboBox(self)
        self.repeat.setObjectName("repeatRule")
        for rule in texts.REPEAT_RULES:
            self.repeat.addItem(texts.repeat_text(rule), rule)
        self.by_count = QRadioButton(self.tr("times"), self)
        self.by_count.setObjectName("repeatByCount")
        self.by_count.setChecked(True)
        self.count = QSpinBox(self)
        self.count.setObjectName("repeatCount")
        self.count.setRange(1, MAX_VISITS)
        self.count.setValue(4)
        self.by_until = QRadioButton(self.tr("until"), self)
        self.by_until.setObjectName("repeatByUntil")
        self.until = QDateEdit(self)
        self.until.setObjectName("repeatUntil")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        later = clock.now().date() + timedelta(days=28)
        self.until.setDate(QDate(later.year, later.month, later.day))
        self.repeat_hint = step_label("", self)
        self.repeat_hint.setObjectName("repeatHint")
        # the end of a repeat: "(•) times [4]  ( ) until [2027-01-31]"
        self.end_row = QWidget(self)
        end_layout = QHBoxLayout(self.end_row)
        end_layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.by_count, self.count, self.by_until, self.until):
            end_layout.addWidget(w)
        end_layout.addStretch(1)

        self.days_off = QListWidget(self)
        self.days_off.setObjectName("daysOff")
        self.days_off.setFlow(QListView.Flow.LeftToRight)
        self.days_off.setWrapping(True)
        self.days_off.setResizeMode(QListView.ResizeMode.Adjust)
        self.days_off.setMaximumHeight(78)
        self.days_off.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.days_off_label = QLabel(self.tr("Days off"), self)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        top = QHBoxLayout()
        top.addWidget(self.category)
        top.addWidget(self.item, 1)
        form.addRow(self.tr("Service"), top)
        form.addRow(self.tr("Units"), self.units)
        form.addRow("", self.unit_hint)
        form.addRow(self.options_label, self.options)
        form.addRow(self.tr("Repeat"), self.repeat)
        form.addRow(self.tr("Ends"), self.end_row)
        form.addRow("", self.repeat_hint)
        form.addRow(self.days_off_label, self.days_off)
        self.form = form

        self.category.currentIndexChanged.connect(lambda _i: self._fill_items())
        self.item.currentIndexChanged.connect(lambda _i: self._item_changed())
        self.units.valueChanged.connect(lambda _v: self._units_changed())
        self.options.itemChanged.connect(self._option_toggled)
        self.repeat.currentIndexChanged.connect(lambda _i: self._repeat_changed())
        for w in (self.by_count, self.by_until):
            w.toggled.connect(lambda _c: self._repeat_changed())
        self.count.valueChanged.connect(lambda _v: self._repeat_changed())
        self.until.dateChanged.connect(lambda _d: self._repeat_changed())
        self._show_kind()

    # --- the catalogue ----------------------------------------------------------------

    def set_catalog(self, categories: list[CategoryView]) -> None:
        """Fill the choices, keeping the item chosen if it is still offered."""
        keep = self.current_item()
        self.categories = [c for c in categories if c.items]
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("All"), None)
        for c in self.categories:
            self.category.addItem(c.name, c.id)
        self.category.blockSignals(False)
        self._fill_items(keep.id if keep else None)

    def _fill_items(self, wanted: int | None = None) -> None:
        category = self.category.currentData()
        keep = wanted if wanted is not None else getattr(self.current_item(), "id", None)
        self.item.blockSignals(True)
        self.item.clear()
        self.item.addItem(self.tr("— choose a service —"), None)
        for c in self.categories:
            if category is not None and c.id != category:
                continue
            for i in c.items:
                text = f"{i.name}  {fmt.yuan(i.price_fen)}/{unit_short(i.unit)}"
                self.item.addItem(text, i)
        index = next(
            (
                n
                for n in range(self.item.count())
                if getattr(self.item.itemData(n), "id", -1) == keep
            ),
            0,
        )
        self.item.setCurrentIndex(index)
        self.item.blockSignals(False)
        self._item_changed()

    def current_item(self) -> ItemView | None:
        data = self.item.currentData()
        return data if isinstance(data, ItemView) else None

    def select_item(self, item_id: int) -> bool:
        """Choose an item by id (a regular's usual service, or a test)."""
        self.category.setCurrentIndex(0)
        for n in range(self.item.count()):
            if getattr(self.item.itemData(n), "id", None) == item_id:
                self.item.setCurrentIndex(n)
                return True
        return False

    def _item_changed(self) -> None:
        item = self.current_item()
        self.options.blockSignals(True)
        self.options.clear()
        if item is not None:
            for o in item.options:
                extra = self.tr(" (+{m} min)").format(m=o.extra_minutes) if o.extra_minutes else ""
                entry = QListWidgetItem(f"{o.name}  +{fmt.yuan(o.price_fen)}{extra}")
                entry.setData(Qt.ItemDataRole.UserRole, o.id)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(Qt.CheckState.Unchecked)
                self.options.addItem(entry)
            if self.options.count():
                self.options.setCurrentRow(0)
        self.options.blockSignals(False)
        self.units.blockSignals(True)
        if item is None:
            self.units.setRange(0, catalog.MAX_UNITS)
            self.units.setValue(0)
        else:
            high = MAX_PLACEMENT_DAYS if item.kind == "placement" else catalog.MAX_UNITS
            self.units.setRange(max(1, item.min_units), high)
            self.units.setValue(max(1, item.min_units))
        self.units.blockSignals(False)
        self._show_kind()
        self.changed.emit()

    def _option_toggled(self, _entry: QListWidgetItem) -> None:
        self.changed.emit()

    def _units_changed(self) -> None:
        self._show_kind()
        self._fill_days_off()
        self.changed.emit()

    def _show_kind(self) -> None:
        item = self.current_item()
        placement = item is not None and item.kind == "placement"
        has_options = item is not None and bool(item.options)
        self.form.setRowVisible(self.options, has_options)
        # a placement is one long booking: it has days off, not a repeat
        self.repeat.setEnabled(item is not None and not placement)
        self.form.setRowVisible(self.repeat, not placement)
        self.form.setRowVisible(self.days_off, placement)
        self.units.setEnabled(item is not None)
        self.form.setRowVisible(self.unit_hint, item is not None)
        if item is None:
            self.unit_hint.setText("")
            self._repeat_changed(emit=False)
            return
        minutes = (
            self.units.value() * 1440
            if placement
            else item.base_minutes + item.minutes_per_unit * self.units.value()
        )
        self.unit_hint.setText(
            self.tr("{unit} · at least {min} · {length} · {kind}").format(
                unit=unit_short(item.unit),
                min=max(1, item.min_units),
                length=minutes_text(minutes),
                kind=kind_name(item.kind),
            )
        )
        self._repeat_changed(emit=False)

    # --- repeat and days off ----------------------------------------------------------

    def set_start(self, day: date | None) -> None:
        """The chosen first day: the repeat says its weekday, the days off list the period."""
        self.start_day = day
        if day is not None and self.until.date() < QDate(day.year, day.month, day.day):
            later = day + timedelta(days=28)
            self.until.setDate(QDate(later.year, later.month, later.day))
        self._fill_days_off()
        self._repeat_changed(emit=False)

    def _repeat_changed(self, *, emit: bool = True) -> None:
        rule = self.repeat_rule()
        repeating = rule != "none" and self.repeat.isEnabled()
        self.form.setRowVisible(self.end_row, repeating)
        self.count.setEnabled(self.by_count.isChecked())
        self.until.setEnabled(self.by_until.isChecked())
        plan = self.repeat_plan()
        self.repeat_hint.setVisible(plan is not None)
        if plan is not None:
            self.repeat_hint.setText(self.repeat_summary(plan))
        if emit:
            self.repeat_changed.emit()

    def repeat_rule(self) -> str:
        return str(self.repeat.currentData() or "none")

    def repeat_plan(self) -> RepeatPlan | None:
        """How the booking repeats, or None for a single visit or a placement."""
        item = self.current_item()
        rule = self.repeat_rule()
        if item is None or item.kind == "placement" or rule == "none":
            return None
        qd = self.until.date()
        until = date(qd.year(), qd.month(), qd.day())
        nth = texts.week_of_month(self.start_day) if self.start_day else 1
        if self.by_count.isChecked():
            return RepeatPlan(rule, self.count.value(), None, nth)
        return RepeatPlan(rule, None, until, nth)

    def repeat_summary(self, plan: RepeatPlan) -> str:
        if self.start_day is None:
            return self.tr("Choose the first visit's time below; the repeat follows its weekday.")
        weekday = texts.weekday_text(self.start_day.weekday())
        if plan.rule == "weekly":
            when = self.tr("every {weekday}").format(weekday=weekday)
        elif plan.rule == "biweekly":
            when = self.tr("every other {weekday}").format(weekday=weekday)
        else:
            when = self.tr("the {nth} {weekday} of each month").format(
                nth=texts.nth_text(plan.week_of_month or 1), weekday=weekday
            )
        end = (
            self.tr("{n} visits").format(n=plan.count)
            if plan.count is not None
            else self.tr("until {day}").format(day=plan.until)
        )
        return self.tr("From {day}, {when}, {end}").format(
            day=f"{self.start_day:%Y-%m-%d}", when=when, end=end
        )

    def _fill_days_off(self) -> None:
        item = self.current_item()
        keep = set(self.days_off_chosen())
        self.days_off.clear()
        if item is None or item.kind != "placement" or self.start_day is None:
            return
        for n in range(self.units.value()):
            day = self.start_day + timedelta(days=n)
            entry = QListWidgetItem(texts.day_label(day))
            entry.setData(Qt.ItemDataRole.UserRole, day)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if day in keep else Qt.CheckState.Unchecked)
            self.days_off.addItem(entry)

    def days_off_chosen(self) -> tuple[date, ...]:
        out = []
        for n in range(self.days_off.count()):
            entry = self.days_off.item(n)
            if entry.checkState() == Qt.CheckState.Checked:
                out.append(entry.data(Qt.ItemDataRole.UserRole))
        return tuple(out)

    def set_day_off(self, day: date, off: bool = True) -> bool:
        for n in range(self.days_off.count()):
            entry = self.days_off.item(n)
            if entry.data(Qt.ItemDataRole.UserRole) == day:
                entry.setCheckState(Qt.CheckState.Checked if off else Qt.CheckState.Unchecked)
                return True
        return False

    # --- what the booking takes -------------------------------------------------------

    def option_ids(self) -> tuple[int, ...]:
        out = []
        for n in range(self.options.count()):
            entry = self.options.item(n)
            if entry.checkState() == Qt.CheckState.Checked:
                out.append(int(entry.data(Qt.ItemDataRole.UserRole)))
        return tuple(out)

    def set_option(self, option_id: int, on: bool = True) -> None:
        for n in range(self.options.count()):
            entry = self.options.item(n)
            if entry.data(Qt.ItemDataRole.UserRole) == option_id:
                entry.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def reset(self) -> None:
        """Back to no service chosen, a single visit, no days off."""
        self.start_day = None
        self.repeat.setCurrentIndex(0)
        self.by_count.setChecked(True)
        self.count.setValue(4)
        self.category.setCurrentIndex(0)
        self.item.setCurrentIndex(0)
        self.days_off.clear()

    def focus(self) -> None:
        self.item.setFocus()
