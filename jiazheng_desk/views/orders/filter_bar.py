"""The filters above the orders list; every one of them becomes a WHERE in the database.

The bar owns no data: the page hands it the branches and the catalogue once they are
loaded (after the first page of orders, which waits for nothing) and reads an
``OrderFilter`` back. Typing is debounced; a combo applies at once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.catalog import CategoryView
from jiazheng_desk.services.order_list import OrderFilter
from jiazheng_desk.services.order_states import STATES
from jiazheng_desk.views.orders import texts

TEXT_DEBOUNCE_MS = 300
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class PersonChip(QWidget):
    """ "Worker: 王阿姨 ✕": a filter by id set from elsewhere, cleared with one click."""

    cleared = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.person_id: int | None = None
        self.label = QLabel(self)
        self.label.setObjectName(f"{name}Label")
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName(f"{name}Clear")
        self.clear_button.setText("✕")
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.clear_button)
        self.hide()

    def set_person(self, person_id: int | None, text: str) -> None:
        self.person_id = person_id
        self.label.setText(text)
        self.setVisible(person_id is not None)

    def clear(self) -> None:
        if self.person_id is None:
            return
        self.set_person(None, "")
        self.cleared.emit()


class OrderFilterBar(QWidget):
    changed = Signal()

    def __init__(self, actor: Actor, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        # the branch's today, which the date presets count from
        self.today = today
        self.search = QLineEdit(self)
        self.search.setObjectName("orderSearch")
        self.search.setPlaceholderText(self.tr("Order no. or phone"))
        self.search.setToolTip(
            self.tr("The start of an order number, or at least the last 7 digits of a phone")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(170)

        self.state = QComboBox(self)
        self.state.setObjectName("stateFilter")
        # item data: "" (all), a group's key ("open", "done", "cancelled") or "state:<state>"
        self.state.addItem(self.tr("All states"), "")
        for group in texts.STATE_GROUPS:
            self.state.addItem(texts.state_group_text(group), group)
        self.state.insertSeparator(self.state.count())
        for state in STATES:
            self.state.addItem(texts.state_text(state), f"state:{state}")

        self.date_preset = QComboBox(self)
        self.date_preset.setObjectName("datePreset")
        for preset in texts.DATE_PRESETS:
            self.date_preset.addItem(texts.date_preset_text(preset), preset)
        self.day_from = QDateEdit(self)
        self.day_from.setObjectName("dayFrom")
        self.day_to = QDateEdit(self)
        self.day_to.setObjectName("dayTo")
        self.dash = QLabel("–", self)
        for edit in (self.day_from, self.day_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(_qdate(today))

        self.district = QComboBox(self)
        self.district.setObjectName("districtFilter")
        self.district.addItem(self.tr("All districts"), None)
        self.district.setMinimumContentsLength(8)
        self.district.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.item = QComboBox(self)
        self.item.setObjectName("serviceFilter")
        self.item.addItem(self.tr("All services"), None)
        self.item.setMinimumContentsLength(8)
        self.item.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.channel = QComboBox(self)
        self.channel.setObjectName("channelFilter")
        self.channel.addItem(self.tr("All channels"), "")
        for channel in texts.CHANNELS:
            self.channel.addItem(texts.channel_text(channel), channel)

        self.worker_chip = PersonChip("workerChip", self)
        self.customer_chip = PersonChip("customerChip", self)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 2)
        for widget in (self.state, self.date_preset, self.day_from, self.dash, self.day_to):
            layout.addWidget(widget)
        for widget in (self.district, self.item, self.channel):
            layout.addWidget(widget, 1)
        layout.addWidget(self.worker_chip)
        layout.addWidget(self.customer_chip)
        self._show_custom_dates(False)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(TEXT_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.apply_now)
        for combo in (self.state, self.district, self.item, self.channel):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.date_preset.currentIndexChanged.connect(self._preset_chosen)
        for edit in (self.day_from, self.day_to):
            edit.dateChanged.connect(self._custom_date_changed)
        self.worker_chip.cleared.connect(self.changed)
        self.customer_chip.cleared.connect(self.changed)

    # --- what the page hands in ---------------------------------------------------------

    def set_branches(self, branches: list[BranchView]) -> None:
        current = self.district.currentData()
        self.district.blockSignals(True)
        while self.district.count() > 1:
            self.district.removeItem(1)
        for branch in branches:
            for d in branch.districts:
                label = f"{branch.name} · {d.name}" if self.actor.is_hq else d.name
                self.district.addItem(label, d.id)
        self.district.setCurrentIndex(max(0, self.district.findData(current)))
        self.district.blockSignals(False)

    def set_catalog(self, categories: list[CategoryView]) -> None:
        current = self.item.currentData()
        self.item.blockSignals(True)
        while self.item.count() > 1:
            self.item.removeItem(1)
        for category in categories:
            for item in category.items:
                self.item.addItem(item.name, item.id)
                self.item.setItemData(self.item.count() - 1, category.name, TOOLTIP)
        self.item.setCurrentIndex(max(0, self.item.findData(current)))
        self.item.blockSignals(False)

    def set_worker(self, worker_id: int | None, name: str = "") -> None:
        self.worker_chip.set_person(
            worker_id, self.tr("Worker: {name}").format(name=name or f"#{worker_id}")
        )

    def set_customer(self, customer_id: int | None, name: str = "") -> None:
        self.customer_chip.set_person(
            customer_id, self.tr("Customer: {name}").format(name=name or f"#{customer_id}")
        )

    # --- dates ----------------------------------------------------------------------------

    def _show_custom_dates(self, shown: bool) -> None:
        for widget in (self.day_from, self.dash, self.day_to):
            widget.setVisible(shown)

    def _preset_chosen(self, _index: int) -> None:
        preset = self.date_preset.currentData()
        self._show_custom_dates(preset == "custom")
        self.changed.emit()

    def set_preset(self, preset: str) -> None:
        self.date_preset.setCurrentIndex(max(0, self.date_preset.findData(preset)))

    def set_custom_range(self, first: date, last: date) -> None:
        """Choose "from … to …" with these days (one reload)."""
        for edit, day in ((self.day_from, first), (self.day_to, last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        if self.date_preset.currentData() == "custom":
            self.changed.emit()
        else:
            self.set_preset("custom")

    def _custom_date_changed(self, _day: QDate) -> None:
        if self.date_preset.currentData() == "custom":
            self._debounce.start()

    def day_range(self) -> tuple[date | None, date | None]:
        preset = self.date_preset.currentData()
        if preset == "custom":
            first, last = _pydate(self.day_from.date()), _pydate(self.day_to.date())
            return (first, last) if first <= last else (last, first)
        return texts.preset_range(preset, self.today)

    # --- the filter -----------------------------------------------------------------------

    def apply_now(self) -> None:
        self._debounce.stop()
        self.changed.emit()

    def set_states(self, key: str) -> None:
        """Choose "" (all), a group ("open", "done", "cancelled") or "state:<state>"."""
        self.state.setCurrentIndex(max(0, self.state.findData(key)))

    def states(self) -> tuple[str, ...]:
        key = self.state.currentData() or ""
        if key.startswith("state:"):
            return (key.removeprefix("state:"),)
        return texts.STATE_GROUPS.get(key, ())

    def current_filter(self, **extra: bool) -> OrderFilter:
        first, last = self.day_range()
        return OrderFilter(
            states=self.states(),
            day_from=first,
            day_to=last,
            district_id=self.district.currentData(),
            item_id=self.item.currentData(),
            worker_id=self.worker_chip.person_id,
            customer_id=self.customer_chip.person_id,
            channel=self.channel.currentData() or "",
            text=self.search.text().strip(),
            **extra,
        )
