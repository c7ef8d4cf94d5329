"""Catalogue → Price rules: travel fees by distance or district, night and holiday surcharges."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import branches, price_rules
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.price_rules import PriceRuleView
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import labels
from jiazheng_desk.views.catalog.common import (
    CHANGES,
    confirm,
    rule_condition,
    rule_fee,
    rule_kind_name,
)
from jiazheng_desk.views.catalog.rule_dialog import RuleDialog
from jiazheng_desk.views.main_window import DeskContext

GREY = QBrush(QColor("#8a8f98"))


class PriceRulesPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rules: list[PriceRuleView] = []
        self.branch_list: list[BranchView] = []
        self.branch = QComboBox(self)
        self.branch.setObjectName("rulesBranch")
        self.branch.setMinimumWidth(160)
        self.count = QLabel(self)
        self.count.setObjectName("rulesCount")
        self.new_button = QPushButton(self.tr("New rule…"), self)
        self.new_button.setObjectName("newRule")
        self.edit_button = QPushButton(self.tr("Edit rule…"), self)
        self.edit_button.setObjectName("editRule")
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.setObjectName("deleteRule")
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("ruleTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Applies to"),
                self.tr("Type"),
                self.tr("Name"),
                self.tr("When"),
                self.tr("Fee"),
                self.tr("In force"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.hint = QLabel(
            self.tr(
                "A branch's own rules replace the rules for all branches: its distance bands "
                "replace all the general bands, its night windows the general windows, its "
                "rule for a district or a date the general rule for it. Travel fees and "
                "surcharges do not apply to live-in placements."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Rules of"), self))
        top.addWidget(self.branch)
        for button in (self.new_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)

        self.branch.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self._edit())
        self.new_button.clicked.connect(self._new)
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(self._delete)
        self._update_buttons()
        self._load_branches()

    def _load_branches(self) -> None:
        self.ctx.runner.run_query(
            branches.list_branches,
            actor=self.ctx.actor,
            on_done=self._branches_loaded,
            key="rules.branches",
        )

    def _branches_loaded(self, items: list[BranchView]) -> None:
        self.branch_list = items
        current = self.branch.currentData() if self.branch.count() else self.ctx.actor.branch_id
        self.branch.blockSignals(True)
        self.branch.clear()
        if self.ctx.actor.is_hq:
            self.branch.addItem(self.tr("Every rule"), None)
        for b in items:
            self.branch.addItem(b.name, b.id)
        self.branch.setCurrentIndex(max(0, self.branch.findData(current)))
        self.branch.setEnabled(self.branch.count() > 1)
        self.branch.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        self.ctx.runner.run_query(
            price_rules.list_price_rules,
            actor=self.ctx.actor,
            branch_id=self.branch.currentData(),
            on_done=self._loaded,
            on_error=self._load_failed,
            key="rules.list",
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "catalog" in changes:
            self.reload()
        if "branches" in changes:
            self._load_branches()

    def _load_failed(self, failure: TaskFailure) -> None:
        self.count.setText(failure.message)

    def _loaded(self, rules: list[PriceRuleView]) -> None:
        chosen = self.selected()
        self.rules = rules
        self.table.setRowCount(len(rules))
        for row, rule in enumerate(rules):
            values = (
                rule.branch_name or self.tr("All branches"),
                rule_kind_name(rule.kind),
                rule.name,
                rule_condition(rule),
                rule_fee(rule),
                labels.yes_no(rule.is_active),
            )
            for col, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if not rule.is_active:
                    cell.setForeground(GREY)
                self.table.setItem(row, col, cell)
            if chosen is not None and rule.id == chosen.id:
                self.table.selectRow(row)
        self.count.setText(self.tr("{n} rules").format(n=len(rules)))
        self._update_buttons()

    def selected(self) -> PriceRuleView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rules[rows[0].row()] if rows and rows[0].row() < len(self.rules) else None

    def _may_change(self, rule: PriceRuleView | None) -> bool:
        # a branch manager reads the rules for all branches but changes only their own
        return rule is not None and (self.ctx.actor.is_hq or rule.branch_id is not None)

    def _update_buttons(self) -> None:
        rule = self.selected()
        self.edit_button.setEnabled(self._may_change(rule))
        self.delete_button.setEnabled(self._may_change(rule))

    def _new(self) -> None:
        self.dialog = RuleDialog(
            self.ctx, None, self.branch_list, branch_id=self.branch.currentData(), parent=self
        )
        self.dialog.open()

    def _edit(self) -> None:
        rule = self.selected()
        if self._may_change(rule):
            self.dialog = RuleDialog(self.ctx, rule, self.branch_list, parent=self)
            self.dialog.open()

    def _delete(self) -> None:
        rule = self.selected()
        if rule is None or not self._may_change(rule):
            return
        self.question = confirm(
            self,
            self.tr("Delete {name}").format(name=rule.name),
            self.tr("Delete the rule “{name}”? Orders already placed keep their fees.").format(
                name=rule.name
            ),
            lambda: self.ctx.runner.run_command(
                price_rules.delete_price_rule,
                actor=self.ctx.actor,
                rule_id=rule.id,
                changes=CHANGES,
            ),
            "deleteRuleAsk",
        )
