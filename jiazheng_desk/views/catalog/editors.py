"""The small editors of the catalogue: a category, an add-on, a branch's own price."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QSpinBox, QWidget

from jiazheng_desk.services import catalog
from jiazheng_desk.services.catalog import CategoryView, ItemView, OptionView
from jiazheng_desk.views import fmt
from jiazheng_desk.views.catalog.common import CHANGES, AmountEdit, bad_amount_text, unit_short
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormDialog


class CategoryDialog(FormDialog):
    def __init__(
        self, ctx: DeskContext, existing: CategoryView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("categoryDialog")
        self.ctx = ctx
        self.existing = existing
        self.setWindowTitle(
            self.tr("New category") if existing is None else self.tr("Edit category")
        )
        self.code = QLineEdit(self)
        self.code.setObjectName("code")
        self.code.setPlaceholderText(self.tr("Letters and digits, e.g. cleaning"))
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.sort_order = QSpinBox(self)
        self.sort_order.setObjectName("sortOrder")
        self.sort_order.setRange(0, 1_000_000)
        self.active = QCheckBox(self.tr("Shown to customers"), self)
        self.active.setObjectName("active")
        self.active.setChecked(True)
        self.add_row("code", self.tr("Code"), self.code)
        self.add_row("name", self.tr("Name"), self.name)
        self.add_row("sort_order", self.tr("Sort order"), self.sort_order)
        self.form.addRow("", self.active)
        if existing is not None:
            self.code.setText(existing.code)
            self.name.setText(existing.name)
            self.sort_order.setValue(existing.sort_order)
            self.active.setChecked(existing.is_active)

    def save(self) -> None:
        self.ctx.runner.run_command(
            catalog.save_category,
            actor=self.ctx.actor,
            category_id=self.existing.id if self.existing else None,
            code=self.code.text(),
            name=self.name.text(),
            sort_order=self.sort_order.value(),
            is_active=self.active.isChecked(),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )


class OptionDialog(FormDialog):
    """An add-on of an item: its name, price and the minutes it adds to the visit."""

    def __init__(
        self,
        ctx: DeskContext,
        item: ItemView,
        existing: OptionView | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("optionDialog")
        self.ctx = ctx
        self.item = item
        self.existing = existing
        self.setWindowTitle(
            self.tr("New add-on of {item}").format(item=item.name)
            if existing is None
            else self.tr("Edit add-on")
        )
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setPlaceholderText(self.tr("e.g. window cleaning"))
        self.price = AmountEdit(self, placeholder="30.00")
        self.price.setObjectName("price")
        self.minutes = QSpinBox(self)
        self.minutes.setObjectName("extraMinutes")
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSuffix(self.tr(" min"))
        self.active = QCheckBox(self.tr("Offered to customers"), self)
        self.active.setObjectName("active")
        self.active.setChecked(True)
        self.add_row("name", self.tr("Name"), self.name)
        self.add_row("price_fen", self.tr("Price (¥)"), self.price)
        self.add_row("extra_minutes", self.tr("Extra time"), self.minutes)
        self.form.addRow("", self.active)
        if existing is not None:
            self.name.setText(existing.name)
            self.price.set_value(existing.price_fen)
            self.minutes.setValue(existing.extra_minutes)
            self.active.setChecked(existing.is_active)

    def validate(self) -> bool:
        try:
            self.price.value()
        except ValueError:
            self.errors.show_text("price_fen", bad_amount_text())
            self._fit()
            return False
        return True

    def save(self) -> None:
        self.ctx.runner.run_command(
            catalog.save_option,
            actor=self.ctx.actor,
            option_id=self.existing.id if self.existing else None,
            item_id=self.item.id,
            name=self.name.text(),
            price_fen=self.price.value() or 0,
            extra_minutes=self.minutes.value(),
            is_active=self.active.isChecked(),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )


class BranchPriceDialog(FormDialog):
    """A branch's own price of an item; empty charges the base price again."""

    def __init__(
        self,
        ctx: DeskContext,
        item: ItemView,
        branch_id: int,
        branch_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("branchPriceDialog")
        self.ctx = ctx
        self.item = item
        self.branch_id = branch_id
        self.setWindowTitle(
            self.tr("Price of {item} at {branch}").format(item=item.name, branch=branch_name)
        )
        self.intro.setText(
            self.tr(
                "The price of one {unit}. Leave it empty to charge the base price of {base}."
            ).format(unit=unit_short(item.unit), base=fmt.yuan(item.base_price_fen))
        )
        self.intro.setProperty("role", "hint")
        self.intro.show()
        self.base = QLabel(fmt.yuan(item.base_price_fen), self)
        self.price = AmountEdit(self, placeholder=self.tr("Base price"))
        self.price.setObjectName("price")
        self.price.set_value(item.branch_price_fen)
        self.form.addRow(self.tr("Base price"), self.base)
        self.add_row("price_fen", self.tr("Branch price (¥)"), self.price)

    def validate(self) -> bool:
        try:
            self.price.value()
        except ValueError:
            self.errors.show_text("price_fen", bad_amount_text())
            self._fit()
            return False
        return True

    def save(self) -> None:
        self.ctx.runner.run_command(
            catalog.set_branch_price,
            actor=self.ctx.actor,
            branch_id=self.branch_id,
            item_id=self.item.id,
            price_fen=self.price.value(),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )
