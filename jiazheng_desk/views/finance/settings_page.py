"""Finance → Finance settings: the platform's commission (default, per category, a
branch's own rate), the franchisor's share, the travel fee to the worker, default pay."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import branches, finance_settings
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.finance_settings import FinanceSettings
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.catalog.common import AmountEdit, hundredths_text, parse_hundredths
from jiazheng_desk.views.finance.common import CHANGES, percent_text
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.table import make_list_table


class FinanceSettingsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: FinanceSettings | None = None
        self.scope = QComboBox(self)
        self.scope.setObjectName("financeScope")
        self.scope.addItem(self.tr("Head office (all branches)"), None)
        self.commission = AmountEdit(self, placeholder="10")
        self.commission.setObjectName("commission")
        self.branch_commission = AmountEdit(self, placeholder=self.tr("as head office"))
        self.branch_commission.setObjectName("branchCommission")
        self.franchisor = AmountEdit(self, placeholder="20")
        self.franchisor.setObjectName("franchisorShare")
        self.travel = QCheckBox(self.tr("The travel fee goes to the worker"), self)
        self.travel.setObjectName("travelToWorker")
        self.default_share = AmountEdit(self, placeholder="70")
        self.default_share.setObjectName("defaultShare")
        self.grace = QSpinBox(self)
        self.grace.setObjectName("graceMinutes")
        self.grace.setRange(0, 24 * 60)
        self.grace.setSuffix(self.tr(" min"))
        self.categories = make_list_table(
            self, "categoryRates", [self.tr("Category"), self.tr("Commission %")]
        )
        self.categories.setEditTriggers(self.categories.EditTrigger.AllEditTriggers)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveFinanceSettings")
        self.status = QLabel(self)
        self.status.setObjectName("financeSettingsStatus")
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Settings for"), self.scope)
        form.addRow(self.tr("Platform commission (%)"), self.commission)
        form.addRow(self.tr("This branch's own commission (%)"), self.branch_commission)
        form.addRow(self.tr("Franchisor's share of the branch margin (%)"), self.franchisor)
        form.addRow("", self.travel)
        form.addRow(self.tr("Worker's default share (%)"), self.default_share)
        form.addRow(self.tr("Pro rata after ending early by more than"), self.grace)
        self.form = form
        box = QGroupBox(self.tr("Commission per service category (empty: the default)"), self)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.categories)
        self.category_box = box
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.scope.currentIndexChanged.connect(lambda _i: self.reload())
        self.save_button.clicked.connect(self.save)
        self.ctx.runner.run_query(
            branches.list_branches,
            actor=self.ctx.actor,
            on_done=self._branches,
            key="finance.branches",
        )
        self.reload()

    def _branches(self, items: list[BranchView]) -> None:
        for b in items:
            self.scope.addItem(b.name, b.id)

    def reload(self) -> None:
        self.ctx.runner.run_query(
            finance_settings.get_finance_settings,
            actor=self.ctx.actor,
            branch_id=self.scope.currentData(),
            on_done=self._loaded,
            on_error=self._failed,
            key="finance.settings",
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "finance" in changes:
            self.reload()

    def _failed(self, failure: TaskFailure) -> None:
        self.status.setText(failure.message)

    def _loaded(self, s: FinanceSettings) -> None:
        self.current = s
        hq = s.branch_id is None
        self.commission.set_value(s.commission_bp)
        self.commission.setEnabled(hq)
        self.branch_commission.set_value(s.branch_commission_bp)
        self.branch_commission.setEnabled(not hq)
        self.franchisor.set_value(s.franchisor_share_bp)
        self.franchisor.setEnabled(hq)
        self.travel.setChecked(s.travel_to_worker)
        self.default_share.set_value(s.default_share_bp)
        self.grace.setValue(s.early_end_grace_minutes)
        self.category_box.setEnabled(hq)
        self.categories.setRowCount(len(s.categories))
        for row, c in enumerate(s.categories):
            name = QTableWidgetItem(c.name)
            name.setData(Qt.ItemDataRole.UserRole, c.code)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.categories.setItem(row, 0, name)
            self.categories.setItem(row, 1, QTableWidgetItem(hundredths_text(c.commission_bp)))
        overrides = ", ".join(f"{n} {percent_text(bp)}" for _i, n, bp in s.branch_overrides)
        self.status.setText(
            self.tr("Branches with their own commission: {list}").format(list=overrides)
            if overrides
            else ""
        )

    def collect(self) -> tuple[dict[str, Any], dict[str, int | None] | None]:
        """The values on the page (ValueError when one is not a number)."""
        values: dict[str, Any] = {
            "finance.travel_to_worker": self.travel.isChecked(),
            "pay.early_end_grace_minutes": self.grace.value(),
        }
        hq = self.scope.currentData() is None
        share = self.default_share.value()
        if share is not None:
            values["pay.default_share_bp"] = share
        if hq:
            commission = self.commission.value()
            if commission is not None:
                values["finance.commission_bp"] = commission
            franchisor = self.franchisor.value()
            if franchisor is not None:
                values["finance.franchisor_share_bp"] = franchisor
            rates: dict[str, int | None] = {}
            for row in range(self.categories.rowCount()):
                name, cell = self.categories.item(row, 0), self.categories.item(row, 1)
                if name is not None:
                    code = str(name.data(Qt.ItemDataRole.UserRole))
                    rates[code] = parse_hundredths(cell.text() if cell else "")
            categories: dict[str, int | None] | None = rates
        else:
            values["finance.branch_commission_bp"] = self.branch_commission.value()
            categories = None
        return values, categories

    def save(self) -> None:
        try:
            values, categories = self.collect()
        except ValueError:
            self.status.setText(self.tr("Enter percentages like 10 or 12.5."))
            return
        self.ctx.runner.run_command(
            finance_settings.save_finance_settings,
            actor=self.ctx.actor,
            branch_id=self.scope.currentData(),
            values=values,
            categories=categories,
            changes=CHANGES,
            on_done=lambda _s: self.status.setText(self.tr("Saved.")),
            on_error=self._failed,
        )
