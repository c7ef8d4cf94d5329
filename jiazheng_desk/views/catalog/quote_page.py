"""Catalogue → Try a quote: what a customer will pay, priced by the same ``quote`` the apps use."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTime, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.services import branches, catalog, pricing
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.catalog import CategoryView, ItemView
from jiazheng_desk.services.pricing import Quote
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.catalog.common import minutes_text, unit_short
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormErrors, error_label


class QuotePage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.branch_list: list[BranchView] = []
        self.items: list[ItemView] = []
        self.last_quote: Quote | None = None
        self._wanted_item: int | None = None

        self.branch = QComboBox(self)
        self.branch.setObjectName("quoteBranch")
        self.district = QComboBox(self)
        self.district.setObjectName("quoteDistrict")
        self.item = QComboBox(self)
        self.item.setObjectName("quoteItem")
        self.item.setMinimumWidth(240)
        self.units = QSpinBox(self)
        self.units.setObjectName("quoteUnits")
        self.units.setRange(0, catalog.MAX_UNITS)
        self.units.setMaximumWidth(140)
        self.options = QListWidget(self)
        self.options.setObjectName("quoteOptions")
        self.options.setMaximumHeight(110)
        local = clock.now().astimezone(ZoneInfo(ctx.tz)) + timedelta(days=1)
        self.day = QDateEdit(QDate(local.year, local.month, local.day), self)
        self.day.setObjectName("quoteDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.time = QTimeEdit(QTime(10, 0), self)
        self.time.setObjectName("quoteTime")
        self.time.setDisplayFormat("HH:mm")

        inputs = QGroupBox(self.tr("Booking"), self)
        self.form = QFormLayout()
        inputs_layout = QVBoxLayout(inputs)
        inputs_layout.addLayout(self.form)
        # the rows keep their height; the space left over goes below them
        inputs_layout.addStretch(1)
        self.errors = FormErrors(error_label(inputs, "quoteError"), {})
        for key, label, widget in (
            ("branch_id", self.tr("Branch"), self.branch),
            ("district_id", self.tr("District"), self.district),
            ("item_id", self.tr("Service item"), self.item),
            ("units", self.tr("Units"), self.units),
            ("option_ids", self.tr("Add-ons"), self.options),
            ("starts_at", self.tr("Date"), self.day),
        ):
            self.form.addRow(label, widget)
            error = error_label(inputs, f"error:{key}")
            self.errors.fields[key] = error
            self.form.addRow("", error)
        self.form.addRow(self.tr("Start time"), self.time)
        self.form.addRow("", self.errors.general)
        hint = QLabel(self.tr("The travel fee is measured to the centre of the district."), inputs)
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.form.addRow("", hint)

        result = QGroupBox(self.tr("What the customer pays"), self)
        self.lines = QTableWidget(0, 2, result)
        self.lines.setObjectName("quoteLines")
        self.lines.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Amount")])
        self.lines.verticalHeader().hide()
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.total = QLabel(self)
        self.total.setObjectName("quoteTotal")
        font = QFont(self.total.font())
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.total.setFont(font)
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.details = QLabel(self)
        self.details.setObjectName("quoteDetails")
        self.details.setProperty("role", "hint")
        self.details.setAlignment(Qt.AlignmentFlag.AlignRight)
        total_row = QHBoxLayout()
        total_row.addWidget(QLabel(self.tr("Total"), result))
        total_row.addWidget(self.total, 1)
        result_layout = QVBoxLayout(result)
        result_layout.addWidget(self.lines, 1)
        result_layout.addLayout(total_row)
        result_layout.addWidget(self.details)

        layout = QHBoxLayout(self)
        layout.addWidget(inputs, 2)
        layout.addWidget(result, 3)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.requote)
        self.branch.currentIndexChanged.connect(lambda _i: self._branch_changed())
        self.item.currentIndexChanged.connect(lambda _i: self._item_changed())
        self.district.currentIndexChanged.connect(lambda _i: self._debounce.start())
        self.units.valueChanged.connect(lambda _v: self._debounce.start())
        self.options.itemChanged.connect(lambda _i: self._debounce.start())
        self.day.dateChanged.connect(lambda _d: self._debounce.start())
        self.time.timeChanged.connect(lambda _t: self._debounce.start())
        self._load_branches()

    # --- choices ------------------------------------------------------------------------

    def preset(self, branch_id: int | None, item_id: int | None) -> None:
        """Open on a branch and an item (the catalogue's "Try a quote" button)."""
        self._wanted_item = item_id
        index = self.branch.findData(branch_id) if branch_id is not None else -1
        if index >= 0 and index != self.branch.currentIndex():
            self.branch.setCurrentIndex(index)
        elif item_id is not None and self.item.findData(item_id) >= 0:
            self.item.setCurrentIndex(self.item.findData(item_id))

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "catalog" in changes:
            self._load_items()
        if "branches" in changes:
            self._load_branches()

    def _load_branches(self) -> None:
        self.ctx.runner.run_query(
            branches.list_branches,
            actor=self.ctx.actor,
            on_done=self._branches_loaded,
            key="quote.branches",
        )

    def _branches_loaded(self, items: list[BranchView]) -> None:
        self.branch_list = items
        current = self.branch.currentData() or self.ctx.actor.branch_id
        self.branch.blockSignals(True)
        self.branch.clear()
        for b in items:
            self.branch.addItem(b.name, b.id)
        self.branch.setCurrentIndex(max(0, self.branch.findData(current)))
        self.branch.setEnabled(len(items) > 1)
        self.branch.blockSignals(False)
        self._branch_changed()

    def _selected_branch(self) -> BranchView | None:
        wanted = self.branch.currentData()
        return next((b for b in self.branch_list if b.id == wanted), None)

    def _branch_changed(self) -> None:
        branch = self._selected_branch()
        self.district.blockSignals(True)
        self.district.clear()
        for d in branch.districts if branch else ():
            if d.is_active:
                self.district.addItem(d.name, d.id)
        self.district.blockSignals(False)
        self._load_items()

    def _load_items(self) -> None:
        branch_id = self.branch.currentData()
        if branch_id is None:
            return
        self.ctx.runner.run_query(
            catalog.list_catalog,
            actor=self.ctx.actor,
            branch_id=branch_id,
            on_done=self._items_loaded,
            key="quote.items",
        )

    def _items_loaded(self, categories: list[CategoryView]) -> None:
        wanted = self._wanted_item or self.item.currentData()
        self._wanted_item = None
        self.items = [i for c in categories for i in c.items]
        self.item.blockSignals(True)
        self.item.clear()
        for i in self.items:
            self.item.addItem(f"{i.name} · {fmt.yuan(i.price_fen)}/{unit_short(i.unit)}", i.id)
        self.item.setCurrentIndex(max(0, self.item.findData(wanted)))
        self.item.blockSignals(False)
        self._item_changed()

    def selected_item(self) -> ItemView | None:
        wanted = self.item.currentData()
        return next((i for i in self.items if i.id == wanted), None)

    def _item_changed(self) -> None:
        item = self.selected_item()
        self.options.blockSignals(True)
        self.options.clear()
        if item is not None:
            self.units.blockSignals(True)
            self.units.setSuffix(f" {unit_short(item.unit)}")
            self.units.setValue(item.min_units)
            self.units.blockSignals(False)
            for o in item.options:
                row = QListWidgetItem(f"{o.name}  +{fmt.yuan(o.price_fen)}")
                row.setData(Qt.ItemDataRole.UserRole, o.id)
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(Qt.CheckState.Unchecked)
                self.options.addItem(row)
        self.options.blockSignals(False)
        self._debounce.start()

    def check_option(self, option_id: int, checked: bool = True) -> None:
        for row in range(self.options.count()):
            entry = self.options.item(row)
            if entry.data(Qt.ItemDataRole.UserRole) == option_id:
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                entry.setCheckState(state)

    def _option_ids(self) -> list[int]:
        out = []
        for row in range(self.options.count()):
            entry = self.options.item(row)
            if entry.checkState() == Qt.CheckState.Checked:
                out.append(int(entry.data(Qt.ItemDataRole.UserRole)))
        return out

    def starts_at(self) -> datetime:
        """The chosen local date and time in the branch's time zone."""
        branch = self._selected_branch()
        tz = ZoneInfo(branch.timezone if branch else self.ctx.tz)
        d, t = self.day.date(), self.time.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=tz)

    # --- pricing ------------------------------------------------------------------------

    def requote(self) -> None:
        branch_id, item_id, district_id = (
            self.branch.currentData(),
            self.item.currentData(),
            self.district.currentData(),
        )
        if branch_id is None or item_id is None or district_id is None:
            return
        self.ctx.runner.run_query(
            pricing.quote,
            branch_id=branch_id,
            item_id=item_id,
            units=self.units.value(),
            option_ids=self._option_ids(),
            district_id=district_id,
            location=None,
            starts_at=self.starts_at(),
            on_done=self._quoted,
            on_error=self._refused,
            key="quote.price",
        )

    def _quoted(self, quote: Quote) -> None:
        self.errors.clear()
        self.last_quote = quote
        self.lines.setRowCount(len(quote.lines))
        for row, line in enumerate(quote.lines):
            amount = QTableWidgetItem(fmt.yuan(line.amount_fen))
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(row, 0, QTableWidgetItem(line.label))
            self.lines.setItem(row, 1, amount)
        self.total.setText(fmt.yuan(quote.total_fen))
        details = [self.tr("Duration: {time}").format(time=minutes_text(quote.duration_minutes))]
        if quote.distance_m is not None:
            km = f"{quote.distance_m // 1000}.{quote.distance_m % 1000 // 100}"
            details.append(self.tr("{km} km from the branch office").format(km=km))
        self.details.setText(" · ".join(details))

    def _refused(self, failure: TaskFailure) -> None:
        self.last_quote = None
        self.lines.setRowCount(0)
        self.total.setText("—")
        self.details.clear()
        self.errors.show(failure)
