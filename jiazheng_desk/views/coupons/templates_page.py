"""Finance → Coupons: the templates (new, edit, retire), issuing them to customers or as
codes, and each template's coupons — who holds them and which order used them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import catalog, coupons
from jiazheng_desk.services.catalog import CategoryView
from jiazheng_desk.services.common import Page
from jiazheng_desk.services.coupons import CouponView, TemplateView
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt, labels
from jiazheng_desk.views.coupons.issue_dialogs import CodesDialog, IssueDialog
from jiazheng_desk.views.coupons.template_dialog import TemplateDialog
from jiazheng_desk.views.coupons.texts import (
    CHANGES,
    expires_text,
    limit_text,
    service_text,
    status_name,
    validity_text,
)
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormDialog
from jiazheng_desk.views.widgets.table import make_list_table

GREY = QBrush(QColor("#8a8f98"))
COUPON_ROWS = 200


class CouponTemplatesPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.templates: list[TemplateView] = []
        self.coupons: list[CouponView] = []
        self.catalog: list[CategoryView] = []
        self.dialog: FormDialog | None = None
        hq = ctx.actor.is_hq
        self.new_button = self._button(self.tr("New template…"), "newTemplate", hq)
        self.edit_button = self._button(self.tr("Edit…"), "editTemplate", hq)
        self.active_button = self._button(self.tr("Retire"), "toggleTemplate", hq)
        self.issue_button = self._button(self.tr("Issue to customers…"), "issueCoupons", True)
        self.codes_button = self._button(self.tr("Generate codes…"), "generateCodes", True)
        self.count = QLabel(self)
        self.count.setObjectName("templateCount")
        self.table = make_list_table(
            self,
            "templateTable",
            [
                self.tr("Name"),
                self.tr("Terms"),
                self.tr("Service"),
                self.tr("New customers"),
                self.tr("Valid"),
                self.tr("Issued"),
                self.tr("Used"),
                self.tr("In force"),
            ],
        )
        self.state = QComboBox(self)
        self.state.setObjectName("couponState")
        self.state.addItem(self.tr("All coupons"), None)
        self.state.addItem(self.tr("Used (redemptions)"), "redeemed")
        self.state.addItem(self.tr("Not used"), "issued")
        self.state.addItem(self.tr("Expired"), "expired")
        self.state.addItem(self.tr("Void"), "void")
        self.coupon_count = QLabel(self)
        self.coupon_count.setObjectName("couponCount")
        self.coupon_table = make_list_table(
            self,
            "couponTable",
            [
                self.tr("Code"),
                self.tr("Customer"),
                self.tr("Mobile"),
                self.tr("Status"),
                self.tr("Issued"),
                self.tr("Expires"),
                self.tr("Used on"),
                self.tr("Order"),
            ],
        )
        self.hint = QLabel(
            self.tr(
                "Templates are the same for every branch; HQ creates and changes them. "
                "Branch staff issue them to their own customers or as codes."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")

        top = QHBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.active_button,
            self.issue_button,
            self.codes_button,
        ):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.count)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.table, 1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("Coupons of this template"), lower))
        filter_row.addWidget(self.state)
        filter_row.addStretch(1)
        filter_row.addWidget(self.coupon_count)
        lower_layout.addLayout(filter_row)
        lower_layout.addWidget(self.coupon_table, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.hint)

        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self._edit())
        self.new_button.clicked.connect(self._new)
        self.edit_button.clicked.connect(self._edit)
        self.active_button.clicked.connect(self._toggle)
        self.issue_button.clicked.connect(self._issue)
        self.codes_button.clicked.connect(self._codes)
        self.state.currentIndexChanged.connect(lambda _i: self._load_coupons())
        self._update_buttons()
        self.reload()
        if hq:
            self._load_catalog()

    def _button(self, text: str, name: str, visible: bool) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setVisible(visible)
        return button

    # --- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        self.ctx.runner.run_query(
            coupons.list_templates,
            actor=self.ctx.actor,
            on_done=self._loaded,
            on_error=self._failed,
            key="coupons.templates",
        )

    def _load_catalog(self) -> None:
        self.ctx.runner.run_query(
            catalog.list_catalog,
            actor=self.ctx.actor,
            on_done=lambda found: setattr(self, "catalog", found),
            key="coupons.catalog",
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if changes & {"coupons", "orders"}:
            self.reload()
        if "catalog" in changes and self.ctx.actor.is_hq:
            self._load_catalog()

    def _failed(self, failure: TaskFailure) -> None:
        self.count.setText(failure.message)

    def _loaded(self, templates: list[TemplateView]) -> None:
        chosen = self.selected()
        self.templates = templates
        self.table.blockSignals(True)
        self.table.setRowCount(len(templates))
        for row, t in enumerate(templates):
            values = (
                t.name,
                t.terms,
                service_text(t.item_name, t.category_name),
                labels.yes_no(t.new_customer_only),
                validity_text(t, self.ctx.tz),
                limit_text(t),
                str(t.redeemed),
                labels.yes_no(t.is_active),
            )
            for col, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if not t.is_active:
                    cell.setForeground(GREY)
                self.table.setItem(row, col, cell)
        self.table.blockSignals(False)
        again = next((i for i, t in enumerate(templates) if chosen and t.id == chosen.id), None)
        if again is None and templates:
            again = 0
        if again is not None:
            self.table.selectRow(again)
        self.count.setText(self.tr("{n} templates").format(n=len(templates)))
        self._selection_changed()

    def selected(self) -> TemplateView | None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.templates):
            return self.templates[rows[0].row()]
        return None

    def _selection_changed(self) -> None:
        self._update_buttons()
        self._load_coupons()

    def _load_coupons(self) -> None:
        template = self.selected()
        if template is None:
            self.coupon_table.setRowCount(0)
            self.coupon_count.clear()
            return
        self.ctx.runner.run_query(
            coupons.list_template_coupons,
            actor=self.ctx.actor,
            template_id=template.id,
            state=self.state.currentData(),
            limit=COUPON_ROWS,
            on_done=self._coupons_loaded,
            on_error=lambda f: self.coupon_count.setText(f.message),
            key="coupons.template_coupons",
        )

    def _coupons_loaded(self, page: Page[CouponView]) -> None:
        self.coupons = list(page.items)
        tz = self.ctx.tz
        self.coupon_table.setRowCount(len(self.coupons))
        for row, c in enumerate(self.coupons):
            values = (
                c.code,
                c.customer_name or self.tr("(open code)"),
                c.customer_phone,
                status_name(c.status),
                fmt.local_time(c.issued_at, tz),
                expires_text(c, tz),
                fmt.local_time(c.redeemed_at, tz),
                c.order_no,
            )
            for col, text in enumerate(values):
                self.coupon_table.setItem(row, col, QTableWidgetItem(text))
        if page.total > len(self.coupons):
            text = self.tr("the newest {n} of {total}").format(
                n=len(self.coupons), total=page.total
            )
        else:
            text = self.tr("{n} coupons").format(n=page.total)
        self.coupon_count.setText(text)

    def _update_buttons(self) -> None:
        t = self.selected()
        self.edit_button.setEnabled(t is not None)
        self.active_button.setEnabled(t is not None)
        self.active_button.setText(
            self.tr("Bring back") if t is not None and not t.is_active else self.tr("Retire")
        )
        usable = t is not None and t.is_active
        self.issue_button.setEnabled(usable)
        self.codes_button.setEnabled(usable)

    # --- actions ------------------------------------------------------------------------

    def _new(self) -> None:
        self.dialog = TemplateDialog(self.ctx, None, self.catalog, self)
        self.dialog.open()

    def _edit(self) -> None:
        t = self.selected()
        if t is not None and self.ctx.actor.is_hq:
            self.dialog = TemplateDialog(self.ctx, t, self.catalog, self)
            self.dialog.open()

    def _toggle(self) -> None:
        t = self.selected()
        if t is None:
            return
        self.ctx.runner.run_command(
            coupons.set_template_active,
            actor=self.ctx.actor,
            template_id=t.id,
            active=not t.is_active,
            on_error=self._failed,
            changes=CHANGES,
        )

    def _issue(self) -> None:
        t = self.selected()
        if t is not None:
            self.dialog = IssueDialog(self.ctx, t, self)
            self.dialog.open()

    def _codes(self) -> None:
        t = self.selected()
        if t is not None:
            self.dialog = CodesDialog(self.ctx, t, self)
            self.dialog.open()
