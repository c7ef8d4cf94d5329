"""The item editor: the service, what the customer reads about it, its add-ons, its price."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import catalog
from jiazheng_desk.services.catalog import KINDS, UNITS, CategoryView, ItemView, SkillView
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt, labels
from jiazheng_desk.views.catalog.common import (
    CHANGES,
    AmountEdit,
    bad_amount_text,
    kind_name,
    unit_name,
)
from jiazheng_desk.views.catalog.editors import OptionDialog
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormDialog


def save_item_and_price(
    session: Any,
    *,
    actor: Any,
    fields: dict[str, Any],
    branch_id: int | None,
    branch_price_fen: int | None,
    price_changed: bool,
) -> ItemView:
    """The item and the branch's price in one unit of work: both are saved, or neither."""
    view = catalog.save_item(session, actor=actor, **fields)
    if branch_id is not None and price_changed:
        view = catalog.set_branch_price(
            session, actor=actor, branch_id=branch_id, item_id=view.id, price_fen=branch_price_fen
        )
    return view


def _spin(parent: QWidget, name: str, low: int, high: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setMaximumWidth(160)
    return spin


def _text(parent: QWidget, name: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(60)
    # bounded, so the dialog's size hint (and with it the dialog) stays on the screen
    edit.setMaximumHeight(110)
    return edit


class ItemDialog(FormDialog):
    def __init__(
        self,
        ctx: DeskContext,
        existing: ItemView | None,
        categories: list[CategoryView],
        skills: list[SkillView],
        *,
        branch: tuple[int | None, str] = (None, ""),
        category_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("itemDialog")
        self.setMinimumWidth(620)
        self.ctx = ctx
        self.existing = existing
        self.branch_id, branch_name = branch
        self.setWindowTitle(
            self.tr("New service item")
            if existing is None
            else self.tr("Edit {name}").format(name=existing.name)
        )
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("itemTabs")
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.tabs, 1)

        # --- the service ---
        self.form = QFormLayout(self._tab(self.tr("Service")))
        self.category = QComboBox(self)
        self.category.setObjectName("category")
        for c in categories:
            self.category.addItem(c.name, c.id)
        self.code = QLineEdit(self)
        self.code.setObjectName("code")
        self.code.setPlaceholderText(self.tr("Letters and digits, e.g. daily_clean"))
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.unit = QComboBox(self)
        self.unit.setObjectName("unit")
        for unit in UNITS:
            self.unit.addItem(unit_name(unit), unit)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for kind in KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.min_units = _spin(self, "minUnits", 1, catalog.MAX_UNITS)
        self.minutes_per_unit = _spin(self, "minutesPerUnit", 1, 24 * 60, self.tr(" min"))
        self.base_minutes = _spin(self, "baseMinutes", 0, 24 * 60, self.tr(" min"))
        self.base_price = AmountEdit(self, placeholder="45.00")
        self.base_price.setObjectName("basePrice")
        self.branch_price = AmountEdit(self, placeholder=self.tr("Base price"))
        self.branch_price.setObjectName("branchPrice")
        self.skill = QComboBox(self)
        self.skill.setObjectName("skill")
        for s in skills:
            self.skill.addItem(s.name, s.id)
        self.level = _spin(self, "level", 1, catalog.MAX_LEVEL)
        self.sort_order = _spin(self, "sortOrder", 0, 1_000_000)
        self.add_row("category_id", self.tr("Category"), self.category)
        self.add_row("code", self.tr("Code"), self.code)
        self.add_row("name", self.tr("Name"), self.name)
        self.add_row("kind", self.tr("Kind"), self.kind)
        self.add_row("unit", self.tr("Charged"), self.unit)
        self.add_row("min_units", self.tr("Minimum units"), self.min_units)
        self.add_row("minutes_per_unit", self.tr("Time per unit"), self.minutes_per_unit)
        self.add_row("base_minutes", self.tr("Fixed time per visit"), self.base_minutes)
        self.add_row("base_price_fen", self.tr("Base price per unit (¥)"), self.base_price)
        self.branch_price.setVisible(self.branch_id is not None)
        if self.branch_id is not None:
            self.add_row(
                "price_fen",
                self.tr("Price at {branch} (¥)").format(branch=branch_name),
                self.branch_price,
            )
        self.add_row("skill_id", self.tr("Required skill"), self.skill)
        self.add_row("required_level", self.tr("Minimum level"), self.level)
        self.add_row("sort_order", self.tr("Sort order"), self.sort_order)

        # --- what the customer reads ---
        self.form = QFormLayout(self._tab(self.tr("For customers")))
        self.description = _text(self, "description", self.tr("What the service includes"))
        self.process = _text(self, "process", self.tr("The steps, one per line"))
        self.tools = _text(self, "tools", self.tr("What the worker brings"))
        self.photos = _text(self, "photos", self.tr("One file path per line"))
        self.add_photos = QPushButton(self.tr("Add photos…"), self)
        self.add_photos.setObjectName("addPhotos")
        photos = QWidget(self)
        photos_layout = QVBoxLayout(photos)
        photos_layout.setContentsMargins(0, 0, 0, 0)
        photos_layout.addWidget(self.photos)
        photos_layout.addWidget(self.add_photos)
        self.add_row("description", self.tr("Description"), self.description)
        self.add_row("process_text", self.tr("Process"), self.process)
        self.add_row("tools_text", self.tr("Tools and materials"), self.tools)
        self.add_row("photo_paths", self.tr("Photos of results"), photos)

        # --- add-ons ---
        self._build_options_tab()

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.add_photos.clicked.connect(self._choose_photos)
        self._fill(existing, category_id)

    def _tab(self, title: str) -> QWidget:
        page = QWidget(self.tabs)
        self.tabs.addTab(page, title)
        return page

    def _build_options_tab(self) -> None:
        page = self._tab(self.tr("Add-ons"))
        self.options_table = QTableWidget(0, 4, page)
        self.options_table.setObjectName("optionTable")
        self.options_table.setHorizontalHeaderLabels(
            [self.tr("Add-on"), self.tr("Price"), self.tr("Extra time"), self.tr("Offered")]
        )
        self.options_table.verticalHeader().hide()
        self.options_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.options_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.options_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.options_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.new_option = QPushButton(self.tr("New add-on…"), page)
        self.new_option.setObjectName("newOption")
        self.edit_option = QPushButton(self.tr("Edit add-on…"), page)
        self.edit_option.setObjectName("editOption")
        self.options_hint = QLabel(self.tr("Save the item first, then add its add-ons."), page)
        self.options_hint.setProperty("role", "hint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_option)
        buttons.addWidget(self.edit_option)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.options_hint)
        layout.addWidget(self.options_table)
        layout.addLayout(buttons)
        self.new_option.clicked.connect(lambda: self._open_option(None))
        self.edit_option.clicked.connect(self._edit_selected_option)
        self.options_table.doubleClicked.connect(lambda _i: self._edit_selected_option())

    def _fill(self, item: ItemView | None, category_id: int | None) -> None:
        self.options_hint.setVisible(item is None)
        self.new_option.setEnabled(item is not None)
        self.edit_option.setEnabled(item is not None)
        if item is None:
            if category_id is not None:
                self.category.setCurrentIndex(max(0, self.category.findData(category_id)))
            self.unit.setCurrentIndex(self.unit.findData("hour"))
            self.min_units.setValue(1)
            self.minutes_per_unit.setValue(60)
            return
        self.category.setCurrentIndex(max(0, self.category.findData(item.category_id)))
        self.code.setText(item.code)
        self.name.setText(item.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind)))
        self.unit.setCurrentIndex(max(0, self.unit.findData(item.unit)))
        self.min_units.setValue(item.min_units)
        self.minutes_per_unit.setValue(item.minutes_per_unit)
        self.base_minutes.setValue(item.base_minutes)
        self.base_price.set_value(item.base_price_fen)
        self.branch_price.set_value(item.branch_price_fen)
        self.skill.setCurrentIndex(max(0, self.skill.findData(item.skill_id)))
        self.level.setValue(item.required_level)
        self.sort_order.setValue(item.sort_order)
        self.description.setPlainText(item.description)
        self.process.setPlainText(item.process_text)
        self.tools.setPlainText(item.tools_text)
        self.photos.setPlainText("\n".join(item.photo_paths))
        self._show_options(item)

    def _show_options(self, item: ItemView) -> None:
        self.existing = item
        self.options_table.setRowCount(len(item.options))
        for row, o in enumerate(item.options):
            values = (
                o.name,
                fmt.yuan(o.price_fen),
                self.tr("{n} min").format(n=o.extra_minutes),
                labels.yes_no(o.is_active),
            )
            for col, text in enumerate(values):
                self.options_table.setItem(row, col, QTableWidgetItem(text))

    def _kind_changed(self) -> None:
        # a placement is booked by the day, so its unit can only be "day"
        placement = self.kind.currentData() == "placement"
        if placement:
            self.unit.setCurrentIndex(self.unit.findData("day"))
            self.minutes_per_unit.setValue(24 * 60)
        self.unit.setEnabled(not placement)

    def _choose_photos(self) -> None:
        chooser = QFileDialog(self, self.tr("Choose photos of results"))
        chooser.setObjectName("photoChooser")
        chooser.setFileMode(QFileDialog.FileMode.ExistingFiles)
        chooser.setNameFilter(self.tr("Images (*.png *.jpg *.jpeg *.webp)"))
        chooser.filesSelected.connect(self._photos_chosen)
        self.chooser = chooser
        chooser.open()

    def _photos_chosen(self, paths: list[str]) -> None:
        current = [p for p in self.photos.toPlainText().splitlines() if p.strip()]
        self.photos.setPlainText("\n".join(current + [p for p in paths if p not in current]))

    # --- add-ons ------------------------------------------------------------------------

    def _edit_selected_option(self) -> None:
        rows = self.options_table.selectionModel().selectedRows()
        if self.existing is not None and rows:
            self._open_option(self.existing.options[rows[0].row()])

    def _open_option(self, option: Any) -> None:
        if self.existing is None:
            return
        self.option_dialog = OptionDialog(self.ctx, self.existing, option, self)
        self.option_dialog.accepted.connect(self._reload_options)
        self.option_dialog.open()

    def _reload_options(self) -> None:
        if self.existing is None:
            return
        self.ctx.runner.run_query(
            catalog.get_item,
            item_id=self.existing.id,
            actor=self.ctx.actor,
            branch_id=self.branch_id,
            on_done=self._show_options,
            key=f"catalog.item_dialog:{id(self)}",
        )

    # --- saving -------------------------------------------------------------------------

    def validate(self) -> bool:
        for key, edit in (("base_price_fen", self.base_price), ("price_fen", self.branch_price)):
            try:
                value = edit.value()
            except ValueError:
                value = -1
            # the base price is required; an empty branch price means "the base price"
            if value == -1 or (value is None and edit is self.base_price):
                self.errors.show_text(key, bad_amount_text())
                self._show_error_tab()
                self._fit()
                return False
        return True

    def save(self) -> None:
        branch_price = self.branch_price.value() if self.branch_id is not None else None
        before = self.existing.branch_price_fen if self.existing is not None else None
        fields = {
            "item_id": self.existing.id if self.existing else None,
            "category_id": self.category.currentData(),
            "code": self.code.text(),
            "name": self.name.text(),
            "unit": self.unit.currentData(),
            "kind": self.kind.currentData(),
            "min_units": self.min_units.value(),
            "minutes_per_unit": self.minutes_per_unit.value(),
            "base_minutes": self.base_minutes.value(),
            "base_price_fen": self.base_price.value(),
            "skill_id": self.skill.currentData(),
            "required_level": self.level.value(),
            "description": self.description.toPlainText(),
            "process_text": self.process.toPlainText(),
            "tools_text": self.tools.toPlainText(),
            "photo_paths": self.photos.toPlainText().splitlines(),
            "sort_order": self.sort_order.value(),
        }
        self.ctx.runner.run_command(
            save_item_and_price,
            actor=self.ctx.actor,
            fields=fields,
            branch_id=self.branch_id,
            branch_price_fen=branch_price,
            price_changed=branch_price != before,
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )

    def refused(self, failure: TaskFailure) -> None:
        super().refused(failure)
        self._show_error_tab()

    def _show_error_tab(self) -> None:
        """Bring the tab with the refused field to the front."""
        for label in self.errors.fields.values():
            if not label.isHidden():
                for index in range(self.tabs.count()):
                    page = self.tabs.widget(index)
                    if page is not None and page.isAncestorOf(label):
                        self.tabs.setCurrentIndex(index)
                        return
