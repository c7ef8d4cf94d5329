"""Catalogue → Services and prices: categories, their items and one branch's prices.

HQ edits categories, items and add-ons and retires or restores items; a branch manager
sets their branch's own prices. The catalogue is small (tens of items), so it is loaded
whole and shown in plain tables rather than paged.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import branches, catalog
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.catalog import CategoryView, ItemView, SkillView
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.catalog.common import CHANGES, confirm, duration_text, unit_name
from jiazheng_desk.views.catalog.editors import BranchPriceDialog, CategoryDialog
from jiazheng_desk.views.catalog.item_dialog import ItemDialog
from jiazheng_desk.views.dialogs import ask_text
from jiazheng_desk.views.main_window import DeskContext

GREY = QBrush(QColor("#8a8f98"))
OWN_PRICE = QBrush(QColor("#2f5a94"))
# the category list's first row shows every item
ALL = -1


class CatalogPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.hq = ctx.actor.is_hq
        self.categories: list[CategoryView] = []
        self.skills: list[SkillView] = []
        self.branch_list: list[BranchView] = []
        self.shown: list[ItemView] = []
        self.dialog: QWidget | None = None

        self.branch = QComboBox(self)
        self.branch.setObjectName("catalogBranch")
        self.branch.setMinimumWidth(160)
        self.branch.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.show_retired = QCheckBox(self.tr("Show retired"), self)
        self.show_retired.setObjectName("showRetired")
        self.count = QLabel(self)
        self.count.setObjectName("catalogCount")
        self.new_category = self._button(self.tr("New category…"), "newCategory")
        self.edit_category = self._button(self.tr("Edit category…"), "editCategory")
        self.new_item = self._button(self.tr("New item…"), "newItem")
        self.edit_item = self._button(self.tr("Edit item…"), "editItem")
        self.price_button = self._button(self.tr("Branch price…"), "branchPrice")
        self.retire_button = self._button(self.tr("Retire…"), "retireItem")
        self.quote_button = self._button(self.tr("Try a quote…"), "tryQuote")
        for button in (self.new_category, self.edit_category, self.new_item, self.edit_item):
            button.setVisible(self.hq)
        self.retire_button.setVisible(self.hq)

        self.category_list = QListWidget(self)
        self.category_list.setObjectName("categoryList")
        self.category_list.setMinimumWidth(170)
        self.table = QTableWidget(0, 9, self)
        self.table.setObjectName("itemTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Service item"),
                self.tr("Unit"),
                self.tr("Minimum"),
                self.tr("Duration"),
                self.tr("Skill"),
                self.tr("Level"),
                self.tr("Price"),
                self.tr("Base price"),
                self.tr("State"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Prices of"), self))
        top.addWidget(self.branch)
        top.addWidget(self.show_retired)
        top.addStretch(1)
        top.addWidget(self.count)
        actions = QHBoxLayout()
        for button in (
            self.new_category,
            self.edit_category,
            self.new_item,
            self.edit_item,
            self.price_button,
            self.retire_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.quote_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.category_list)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)

        self.branch.currentIndexChanged.connect(lambda _i: self.reload())
        self.show_retired.toggled.connect(lambda _b: self.reload())
        self.category_list.currentRowChanged.connect(lambda _r: self._show_items())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self._open_selected())
        self.new_category.clicked.connect(lambda: self._open(CategoryDialog(ctx, None, self)))
        self.edit_category.clicked.connect(self._edit_category)
        self.new_item.clicked.connect(self._new_item)
        self.edit_item.clicked.connect(self._edit_item)
        self.price_button.clicked.connect(self._branch_price)
        self.retire_button.clicked.connect(self._retire_or_restore)
        self.quote_button.clicked.connect(self._try_quote)
        self._update_buttons()
        self._load_branches()
        self._load_skills()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        return button

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.open()  # type: ignore[attr-defined]

    # --- loading ------------------------------------------------------------------------

    def _load_branches(self) -> None:
        self.ctx.runner.run_query(
            branches.list_branches,
            actor=self.ctx.actor,
            on_done=self._branches_loaded,
            key="catalog.branches",
        )

    def _branches_loaded(self, items: list[BranchView]) -> None:
        self.branch_list = items
        current = self.branch.currentData() if self.branch.count() else self.ctx.actor.branch_id
        self.branch.blockSignals(True)
        self.branch.clear()
        if self.hq:
            self.branch.addItem(self.tr("Base prices (no branch)"), None)
        for b in items:
            self.branch.addItem(b.name, b.id)
        self.branch.setCurrentIndex(max(0, self.branch.findData(current)))
        self.branch.setEnabled(self.branch.count() > 1)
        self.branch.blockSignals(False)
        self.reload()

    def _load_skills(self) -> None:
        self.ctx.runner.run_query(
            catalog.list_skills, on_done=self._skills_loaded, key="catalog.skills"
        )

    def _skills_loaded(self, items: list[SkillView]) -> None:
        self.skills = items

    @property
    def branch_id(self) -> int | None:
        value = self.branch.currentData()
        return int(value) if value is not None else None

    def reload(self) -> None:
        self.ctx.runner.run_query(
            catalog.list_catalog,
            actor=self.ctx.actor,
            branch_id=self.branch_id,
            include_retired=self.show_retired.isChecked(),
            on_done=self._loaded,
            on_error=self._load_failed,
            key="catalog.list",
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "catalog" in changes:
            self.reload()
        if "branches" in changes:
            self._load_branches()

    def _load_failed(self, failure: TaskFailure) -> None:
        self.count.setText(failure.message)

    def _loaded(self, categories: list[CategoryView]) -> None:
        wanted = self.selected_category_id()
        self.categories = categories
        self.category_list.blockSignals(True)
        self.category_list.clear()
        total = sum(len(c.items) for c in categories)
        first = QListWidgetItem(self.tr("All categories ({n})").format(n=total))
        first.setSizeHint(QSize(0, 28))
        first.setData(Qt.ItemDataRole.UserRole, ALL)
        self.category_list.addItem(first)
        for c in categories:
            text = f"{c.name} ({len(c.items)})"
            if not c.is_active:
                text += self.tr(" — inactive")
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, c.id)
            row.setSizeHint(QSize(0, 28))
            if not c.is_active:
                row.setForeground(GREY)
            self.category_list.addItem(row)
        rows = [
            self.category_list.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(len(categories) + 1)
        ]
        self.category_list.setCurrentRow(rows.index(wanted) if wanted in rows else 0)
        self.category_list.blockSignals(False)
        self._show_items()

    # --- the item table -----------------------------------------------------------------

    def selected_category_id(self) -> int:
        row = self.category_list.currentItem()
        return int(row.data(Qt.ItemDataRole.UserRole)) if row is not None else ALL

    def selected_category(self) -> CategoryView | None:
        wanted = self.selected_category_id()
        return next((c for c in self.categories if c.id == wanted), None)

    def selected(self) -> ItemView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.shown[rows[0].row()] if rows and rows[0].row() < len(self.shown) else None

    def _show_items(self) -> None:
        chosen = self.selected()
        wanted = self.selected_category_id()
        self.shown = [item for c in self.categories if wanted in (ALL, c.id) for item in c.items]
        self.table.setRowCount(len(self.shown))
        # without a branch the price is the base price: one column says it
        self.table.setColumnHidden(7, self.branch_id is None)
        for row, item in enumerate(self.shown):
            self._fill_row(row, item)
        self.count.setText(self.tr("{n} service items").format(n=len(self.shown)))
        if chosen is not None:
            for row, item in enumerate(self.shown):
                if item.id == chosen.id:
                    self.table.selectRow(row)
        self._update_buttons()

    def _fill_row(self, row: int, item: ItemView) -> None:
        unit_price = f"{fmt.yuan(item.price_fen)}"
        state = self.tr("Retired") if item.retired else self.tr("On sale")
        values: list[tuple[str, Any]] = [
            (item.name, None),
            (unit_name(item.unit), None),
            (str(item.min_units), Qt.AlignmentFlag.AlignRight),
            (
                duration_text(item.kind, item.unit, item.minutes_per_unit, item.base_minutes),
                None,
            ),
            (item.skill_name, None),
            (str(item.required_level), Qt.AlignmentFlag.AlignRight),
            (unit_price, Qt.AlignmentFlag.AlignRight),
            (fmt.yuan(item.base_price_fen), Qt.AlignmentFlag.AlignRight),
            (state, None),
        ]
        for col, (text, align) in enumerate(values):
            cell = QTableWidgetItem(text)
            if align is not None:
                cell.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
            if item.retired:
                cell.setForeground(GREY)
            if col == 6 and item.branch_price_fen is not None:
                # the branch's own price stands out from prices that follow the base
                font = QFont(cell.font())
                font.setBold(True)
                cell.setFont(font)
                if not item.retired:
                    cell.setForeground(OWN_PRICE)
                cell.setToolTip(self.tr("This branch's own price"))
            self.table.setItem(row, col, cell)

    def _update_buttons(self) -> None:
        item = self.selected()
        category = self.selected_category()
        self.edit_category.setEnabled(category is not None)
        self.edit_item.setEnabled(item is not None)
        self.price_button.setEnabled(item is not None and self.branch_id is not None)
        self.retire_button.setEnabled(item is not None)
        self.retire_button.setText(
            self.tr("Restore…") if item is not None and item.retired else self.tr("Retire…")
        )
        self.quote_button.setEnabled(item is None or not item.retired)

    # --- actions ------------------------------------------------------------------------

    def _open_selected(self) -> None:
        if self.hq:
            self._edit_item()
        else:
            self._branch_price()

    def _edit_category(self) -> None:
        category = self.selected_category()
        if category is not None:
            self._open(CategoryDialog(self.ctx, category, self))

    def _branch_name(self) -> str:
        return self.branch.currentText() if self.branch_id is not None else ""

    def _new_item(self) -> None:
        category = self.selected_category()
        self._open(
            ItemDialog(
                self.ctx,
                None,
                self.categories,
                self.skills,
                branch=(self.branch_id, self._branch_name()),
                category_id=category.id if category else None,
                parent=self,
            )
        )

    def _edit_item(self) -> None:
        item = self.selected()
        if item is not None and self.hq:
            self._open(
                ItemDialog(
                    self.ctx,
                    item,
                    self.categories,
                    self.skills,
                    branch=(self.branch_id, self._branch_name()),
                    parent=self,
                )
            )

    def _branch_price(self) -> None:
        item = self.selected()
        if item is not None and self.branch_id is not None:
            self._open(BranchPriceDialog(self.ctx, item, self.branch_id, self._branch_name(), self))

    def _retire_or_restore(self) -> None:
        item = self.selected()
        if item is None:
            return
        if item.retired:
            self.question: QWidget = confirm(
                self,
                self.tr("Restore {name}").format(name=item.name),
                self.tr("Put “{name}” back on sale? Customers can book it again.").format(
                    name=item.name
                ),
                lambda: self._restore(item.id),
                "restoreItemAsk",
            )
            return
        self.question = ask_text(
            self,
            self.tr("Retire {name}").format(name=item.name),
            self.tr(
                "Customers can no longer book “{name}”; old orders still show it.\n"
                "Reason (kept in the audit log):"
            ).format(name=item.name),
            lambda reason: self._retire(item.id, reason),
            name="retireItemAsk",
        )

    def _retire(self, item_id: int, reason: str) -> None:
        self.ctx.runner.run_command(
            catalog.retire_item,
            actor=self.ctx.actor,
            item_id=item_id,
            reason=reason,
            changes=CHANGES,
        )

    def _restore(self, item_id: int) -> None:
        self.ctx.runner.run_command(
            catalog.restore_item, actor=self.ctx.actor, item_id=item_id, changes=CHANGES
        )

    def _try_quote(self) -> None:
        item = self.selected()
        window: Any = self.window()
        if not hasattr(window, "open_page"):
            return
        page = window.open_page("catalog.quote")
        page.preset(self.branch_id, item.id if item is not None and not item.retired else None)
