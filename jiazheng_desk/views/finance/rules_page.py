"""Finance → Pay rules: how workers are paid (share, hourly, per visit, per day) per
scope and period; new, edit, end."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.services import pay_rules
from jiazheng_desk.services.pay_rules import PayRuleView, RuleChoices
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.catalog.common import AmountEdit
from jiazheng_desk.views.dialogs import ask_text, inform, show_failure
from jiazheng_desk.views.finance.common import (
    CHANGES,
    fill,
    percent_text,
    rule_kind_name,
    scope_name,
)
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.table import make_list_table

# which pickers each scope needs: (branch, worker, category, item)
SCOPE_FIELDS = {
    "worker_item": (False, True, False, True),
    "worker": (False, True, False, False),
    "branch_item": (True, False, False, True),
    "branch_category": (True, False, True, False),
    "item": (False, False, False, True),
    "category": (False, False, True, False),
}


def value_text(rule: PayRuleView) -> str:
    return percent_text(rule.value) if rule.kind == "share" else fmt.yuan(rule.value)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class PayRulesPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rules: list[PayRuleView] = []
        self.choices: RuleChoices | None = None
        self.new_button = QPushButton(self.tr("New rule…"), self)
        self.new_button.setObjectName("newPayRule")
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setObjectName("editPayRule")
        self.end_button = QPushButton(self.tr("End…"), self)
        self.end_button.setObjectName("endPayRule")
        may = ctx.can(Perm.PAYROLL_PREPARE) or ctx.can(Perm.FINANCE_SETTINGS)
        for b in (self.new_button, self.edit_button, self.end_button):
            b.setVisible(may)
        self.count = QLabel(self)
        self.count.setObjectName("payRulesCount")
        self.table = make_list_table(
            self,
            "payRulesTable",
            [
                self.tr("Scope"),
                self.tr("Applies to"),
                self.tr("Pay"),
                self.tr("Amount"),
                self.tr("From"),
                self.tr("To"),
            ],
        )
        self.hint = QLabel(
            self.tr(
                "The most specific rule valid on an order's day pays it: worker + service, "
                "worker, branch + service, branch + category, service, category; without one "
                "the branch's default share (Finance settings). A visit that ends early is "
                "paid pro rata, shown as its own line."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")
        top = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.end_button):
            top.addWidget(b)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.new_button.clicked.connect(self.new)
        self.edit_button.clicked.connect(self.edit)
        self.end_button.clicked.connect(self.end)
        self._update_buttons()
        self.reload()
        self.ctx.runner.run_query(
            pay_rules.list_rule_choices,
            actor=self.ctx.actor,
            on_done=self._choices_loaded,
            key="finance.rule_choices",
        )

    def _choices_loaded(self, choices: RuleChoices) -> None:
        self.choices = choices

    def reload(self) -> None:
        self.ctx.runner.run_query(
            pay_rules.list_pay_rules,
            actor=self.ctx.actor,
            on_done=self._loaded,
            on_error=self._failed,
            key="finance.pay_rules",
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "finance" in changes:
            self.reload()

    def _failed(self, failure: TaskFailure) -> None:
        self.count.setText(failure.message)

    def _loaded(self, rules: list[PayRuleView]) -> None:
        chosen = self.selected()
        self.rules = rules
        fill(
            self.table,
            [
                [
                    scope_name(r.scope),
                    " · ".join(
                        x for x in (r.worker_name, r.branch_name, r.category_name, r.item_name) if x
                    ),
                    rule_kind_name(r.kind),
                    value_text(r),
                    r.valid_from.isoformat(),
                    r.valid_to.isoformat() if r.valid_to else self.tr("open"),
                ]
                for r in rules
            ],
            right=(3,),
        )
        for row, r in enumerate(rules):
            if chosen is not None and r.id == chosen.id:
                self.table.selectRow(row)
        self.count.setText(self.tr("{n} rules").format(n=len(rules)))
        self._update_buttons()

    def selected(self) -> PayRuleView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rules[rows[0].row()] if rows and rows[0].row() < len(self.rules) else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.end_button.setEnabled(chosen)
        self.new_button.setEnabled(True)

    def new(self) -> None:
        if self.choices is None:
            return
        self.dialog = RuleDialog(self.ctx, self.choices, None, self)
        self.dialog.open()

    def edit(self) -> None:
        rule = self.selected()
        if rule is not None and self.choices is not None and self.new_button.isVisible():
            self.dialog = RuleDialog(self.ctx, self.choices, rule, self)
            self.dialog.open()

    def end(self) -> None:
        rule = self.selected()
        if rule is None:
            return

        def apply(text: str) -> None:
            try:
                last = date.fromisoformat(text.strip())
            except ValueError:
                self.message = inform(
                    self.window(), self.tr("End the rule"), self.tr("Enter the day as 2026-12-31.")
                )
                return
            self.ctx.runner.run_command(
                pay_rules.end_pay_rule,
                actor=self.ctx.actor,
                rule_id=rule.id,
                last_day=last,
                changes=CHANGES,
                on_error=lambda f: setattr(self, "message", show_failure(self.window(), f)),
            )

        self.question = ask_text(
            self,
            self.tr("End the rule"),
            self.tr("Last day the rule applies (YYYY-MM-DD):"),
            apply,
            text=clock.now().date().isoformat(),
            name="endRuleDay",
        )


class RuleDialog(QDialog):
    """A new rule (scope, pay, period) or a change of an existing one's pay and period."""

    def __init__(
        self, ctx: DeskContext, choices: RuleChoices, rule: PayRuleView | None, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rule = rule
        self.setObjectName("payRuleDialog")
        self.setWindowTitle(self.tr("Pay rule") if rule else self.tr("New pay rule"))
        self.scope = QComboBox(self)
        self.scope.setObjectName("ruleScope")
        for s in SCOPE_FIELDS:
            self.scope.addItem(scope_name(s), s)
        self.branch = self._combo("ruleBranch", choices.branches)
        self.worker = self._combo("ruleWorker", choices.workers)
        self.category = self._combo("ruleCategory", choices.categories)
        self.item = self._combo("ruleItem", choices.items)
        self.kind = QComboBox(self)
        self.kind.setObjectName("ruleKind")
        for k in pay_rules.KINDS:
            self.kind.addItem(rule_kind_name(k), k)
        self.value = AmountEdit(self)
        self.value.setObjectName("ruleValue")
        self.unit = QLabel(self)
        self.valid_from = QDateEdit(self)
        self.valid_from.setObjectName("ruleFrom")
        self.valid_from.setCalendarPopup(True)
        self.valid_from.setDisplayFormat("yyyy-MM-dd")
        self.valid_from.setDate(_qdate(clock.now().date()))
        self.open_ended = QCheckBox(self.tr("No end"), self)
        self.open_ended.setObjectName("ruleOpen")
        self.open_ended.setChecked(True)
        self.valid_to = QDateEdit(self)
        self.valid_to.setObjectName("ruleTo")
        self.valid_to.setCalendarPopup(True)
        self.valid_to.setDisplayFormat("yyyy-MM-dd")
        self.valid_to.setDate(_qdate(clock.now().date()))
        self.error = QLabel(self)
        self.error.setObjectName("ruleError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.form = QFormLayout()
        self.form.addRow(self.tr("Scope"), self.scope)
        self.form.addRow(self.tr("Branch"), self.branch)
        self.form.addRow(self.tr("Worker"), self.worker)
        self.form.addRow(self.tr("Category"), self.category)
        self.form.addRow(self.tr("Service"), self.item)
        self.form.addRow(self.tr("Pay"), self.kind)
        value_row = QHBoxLayout()
        value_row.addWidget(self.value)
        value_row.addWidget(self.unit)
        value_row.addStretch(1)
        self.form.addRow(self.tr("Amount"), value_row)
        self.form.addRow(self.tr("From"), self.valid_from)
        to_row = QHBoxLayout()
        to_row.addWidget(self.open_ended)
        to_row.addWidget(self.valid_to)
        to_row.addStretch(1)
        self.form.addRow(self.tr("To"), to_row)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        if rule is not None:
            self.scope.setCurrentIndex(max(0, self.scope.findData(rule.scope)))
            for combo, value in (
                (self.branch, rule.branch_id),
                (self.worker, rule.worker_id),
                (self.category, rule.category_id),
                (self.item, rule.item_id),
            ):
                if value is not None:
                    if combo.findData(value) < 0:
                        combo.addItem(str(value), value)
                    combo.setCurrentIndex(combo.findData(value))
            self.kind.setCurrentIndex(max(0, self.kind.findData(rule.kind)))
            self.value.set_value(rule.value)
            self.valid_from.setDate(_qdate(rule.valid_from))
            self.open_ended.setChecked(rule.valid_to is None)
            if rule.valid_to:
                self.valid_to.setDate(_qdate(rule.valid_to))
            for w in (self.scope, self.branch, self.worker, self.category, self.item):
                w.setEnabled(False)
        self.scope.currentIndexChanged.connect(lambda _i: self._sync())
        self.kind.currentIndexChanged.connect(lambda _i: self._sync())
        self.open_ended.toggled.connect(lambda _on: self._sync())
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self._sync()

    def _combo(self, name: str, pairs: tuple[tuple[int, str], ...]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for i, text in pairs:
            combo.addItem(text, i)
        return combo

    def _sync(self) -> None:
        fields = SCOPE_FIELDS[self.scope.currentData()]
        for combo, shown in zip(
            (self.branch, self.worker, self.category, self.item), fields, strict=True
        ):
            combo.setVisible(shown)
            label = self.form.labelForField(combo)
            if label is not None:
                label.setVisible(shown)
        self.unit.setText("%" if self.kind.currentData() == "share" else self.tr("yuan"))
        self.valid_to.setEnabled(not self.open_ended.isChecked())

    def submit(self) -> None:
        try:
            value = self.value.value()
        except ValueError:
            value = None
        if value is None:
            self.error.setText(self.tr("Enter an amount like 45 or 45.50."))
            return
        valid_to = None if self.open_ended.isChecked() else _pydate(self.valid_to.date())
        common = {
            "actor": self.ctx.actor,
            "kind": self.kind.currentData(),
            "value": value,
            "valid_from": _pydate(self.valid_from.date()),
            "valid_to": valid_to,
        }
        if self.rule is not None:
            self.ctx.runner.run_command(
                pay_rules.update_pay_rule,
                rule_id=self.rule.id,
                changes=CHANGES,
                on_done=lambda _r: self.accept(),
                on_error=self._failed,
                **common,
            )
            return
        fields = SCOPE_FIELDS[self.scope.currentData()]
        ids = {
            name: (combo.currentData() if shown else None)
            for name, combo, shown in zip(
                ("branch_id", "worker_id", "category_id", "item_id"),
                (self.branch, self.worker, self.category, self.item),
                fields,
                strict=True,
            )
        }
        self.ctx.runner.run_command(
            pay_rules.create_pay_rule,
            changes=CHANGES,
            on_done=lambda _r: self.accept(),
            on_error=self._failed,
            **common,
            **ids,
        )

    def _failed(self, failure: TaskFailure) -> None:
        self.error.setText(failure.message)
