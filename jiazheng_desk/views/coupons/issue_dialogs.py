"""Issuing a template: to customers found by search or to everyone with a tag; and
generating open codes to hand out."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import coupons, customers
from jiazheng_desk.services.coupons import IssueResult, TemplateView
from jiazheng_desk.services.customer_views import CustomerHit
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.views.coupons.texts import CHANGES
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormDialog

SEARCH_MS = 250


class IssueDialog(FormDialog):
    """Choose customers (search, tick; the ticks stay over several searches) or a tag."""

    def __init__(self, ctx: DeskContext, template: TemplateView, parent: QWidget | None = None):
        super().__init__(
            parent,
            intro=self.tr("Issue “{name}” ({terms}): one coupon to each customer.").format(
                name=template.name, terms=template.terms
            ),
            ok=QDialogButtonBox.StandardButton.Ok,
        )
        self.setObjectName("issueCouponsDialog")
        self.setWindowTitle(self.tr("Issue coupons"))
        self.ctx = ctx
        self.template = template
        self.chosen: dict[int, str] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("issueTabs")
        by_search = QWidget(self)
        self.search = QLineEdit(by_search)
        self.search.setObjectName("customerSearch")
        self.search.setPlaceholderText(self.tr("Phone, name or pinyin initials"))
        self.hits = QListWidget(by_search)
        self.hits.setObjectName("customerHits")
        self.chosen_label = QLabel(by_search)
        self.chosen_label.setObjectName("chosenCount")
        inner = QVBoxLayout(by_search)
        inner.addWidget(self.search)
        inner.addWidget(self.hits, 1)
        inner.addWidget(self.chosen_label)
        by_tag = QWidget(self)
        self.tag = QLineEdit(by_tag)
        self.tag.setObjectName("customerTag")
        self.tag.setPlaceholderText(self.tr("e.g. VIP, 老客户"))
        self.tag.setMaxLength(32)
        tag_layout = QVBoxLayout(by_tag)
        tag_layout.addWidget(self.tag)
        hint = QLabel(
            self.tr("Every customer of your branch with this tag gets one coupon."), by_tag
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        tag_layout.addWidget(hint)
        tag_layout.addStretch(1)
        self.tabs.addTab(by_search, self.tr("Customers"))
        if ctx.can(Perm.MARKETING_MANAGE):
            self.tabs.addTab(by_tag, self.tr("Customer tag"))
        else:
            by_tag.hide()
        self.add_row("customer_ids", "", self.tabs)
        self.errors.fields["tag"] = self.errors.fields["customer_ids"]
        self.setMinimumSize(520, 460)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_MS)
        self._timer.timeout.connect(self._find)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.hits.itemChanged.connect(self._ticked)
        self._show_count()

    def _find(self) -> None:
        self.ctx.runner.run_query(
            customers.find_customers,
            actor=self.ctx.actor,
            text=self.search.text(),
            on_done=self._found,
            key=f"coupons.issue.search.{id(self)}",
        )

    def _found(self, hits: list[CustomerHit]) -> None:
        self.hits.blockSignals(True)
        self.hits.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.name}  {hit.masked_phone}  {hit.branch_name}")
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = hit.id in self.chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.hits.addItem(item)
        self.hits.blockSignals(False)

    def _ticked(self, item: QListWidgetItem) -> None:
        customer_id = int(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            self.chosen[customer_id] = item.text()
        else:
            self.chosen.pop(customer_id, None)
        self._show_count()

    def _show_count(self) -> None:
        self.chosen_label.setText(self.tr("{n} customers chosen").format(n=len(self.chosen)))

    def save(self) -> None:
        common: dict[str, Any] = {
            "actor": self.ctx.actor,
            "template_id": self.template.id,
            "on_done": self.saved,
            "on_error": self.refused,
            "changes": CHANGES,
        }
        if self.tabs.currentIndex() == 1:
            self.ctx.runner.run_command(coupons.issue_to_tag, tag=self.tag.text(), **common)
        else:
            self.ctx.runner.run_command(
                coupons.issue_coupons, customer_ids=list(self.chosen), **common
            )


class CodesDialog(FormDialog):
    """N open codes; once made they are shown to copy (the dialog stays open)."""

    def __init__(self, ctx: DeskContext, template: TemplateView, parent: QWidget | None = None):
        super().__init__(
            parent,
            intro=self.tr(
                "Open codes of “{name}” for flyers or partners: each is claimed once in the app."
            ).format(name=template.name),
            ok=QDialogButtonBox.StandardButton.Ok,
        )
        self.setObjectName("couponCodesDialog")
        self.setWindowTitle(self.tr("Generate codes"))
        self.ctx = ctx
        self.template = template
        self.count = QSpinBox(self)
        self.count.setObjectName("codeCount")
        self.count.setRange(1, coupons.MAX_CODES)
        self.count.setValue(50)
        self.count.setMaximumWidth(160)
        self.prefix = QLineEdit(self)
        self.prefix.setObjectName("codePrefix")
        self.prefix.setMaxLength(8)
        self.prefix.setPlaceholderText(self.tr("optional, e.g. SPRING"))
        self.prefix.setMaximumWidth(160)
        self.codes = QPlainTextEdit(self)
        self.codes.setObjectName("codes")
        self.codes.setReadOnly(True)
        self.codes.hide()
        self.add_row("count", self.tr("How many"), self.count)
        self.add_row("prefix", self.tr("Prefix"), self.prefix)
        self.form.addRow(self.codes)

    def save(self) -> None:
        self.ctx.runner.run_command(
            coupons.generate_codes,
            actor=self.ctx.actor,
            template_id=self.template.id,
            count=self.count.value(),
            prefix=self.prefix.text(),
            on_done=self._made,
            on_error=self.refused,
            changes=CHANGES,
        )

    def _made(self, result: IssueResult) -> None:
        self.result_value = result
        self.codes.setPlainText("\n".join(result.codes))
        self.codes.show()
        self.codes.setMinimumHeight(200)
        self.count.setEnabled(False)
        self.prefix.setEnabled(False)
        self.ok_button.hide()
        self.buttons.setEnabled(True)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        close.setText(self.tr("Close"))
        self.intro.setText(
            self.tr("{n} codes made: copy them from the box.").format(n=result.count)
        )
        self._fit()
