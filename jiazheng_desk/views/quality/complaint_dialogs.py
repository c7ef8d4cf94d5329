"""A complaint taken on the phone (find the caller and the order), and its resolution."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from jiazheng_desk.services import complaints, customers
from jiazheng_desk.services.common import Page
from jiazheng_desk.services.complaints import ComplaintDetail
from jiazheng_desk.services.customer_views import CustomerDetail, CustomerOrderRow
from jiazheng_desk.views.customers.picker import CustomerPicker
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.quality import texts
from jiazheng_desk.views.quality.case_dialogs import note_edit
from jiazheng_desk.views.quality.common import fen_of, money_edit
from jiazheng_desk.views.widgets.form import FormDialog

CHANGES = {"quality", "audit"}


class NewComplaintDialog(FormDialog):
    """Who calls, about which order, what happened, how urgent; optionally handled by me."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, intro=self.tr("Find the caller by phone, name or initials."))
        self.setObjectName("newComplaintDialog")
        self.setWindowTitle(self.tr("New complaint"))
        self.setMinimumWidth(620)
        self.ctx = ctx
        self.customer: CustomerDetail | None = None
        self.picker = CustomerPicker(ctx, self)
        self.picker.setObjectName("complaintPicker")
        self.chosen = QLabel(self.tr("No customer chosen"), self)
        self.chosen.setObjectName("complaintCustomer")
        self.order = QComboBox(self)
        self.order.setObjectName("complaintOrder")
        self.order.addItem(self.tr("No particular order"), None)
        self.category = QComboBox(self)
        self.category.setObjectName("complaintCategory")
        texts.fill(self.category, texts.categories())
        self.priority = QComboBox(self)
        self.priority.setObjectName("complaintPriority")
        texts.fill(self.priority, texts.priorities())
        self.priority.setCurrentIndex(self.priority.findData("normal"))
        self.text = note_edit(self, "complaintText")
        self.mine = QCheckBox(self.tr("I handle it myself"), self)
        self.mine.setObjectName("complaintMine")
        self.mine.setChecked(True)
        self.form.addRow(self.tr("Caller"), self.picker)
        self.add_row("customer_id", self.tr("Customer"), self.chosen)
        self.add_row("order_id", self.tr("Order"), self.order)
        self.add_row("category", self.tr("Category"), self.category)
        self.add_row("priority", self.tr("Priority"), self.priority)
        self.add_row("text", self.tr("What happened"), self.text)
        self.add_row("owner_id", self.tr("Owner"), self.mine)
        self.picker.customer_chosen.connect(self.set_customer)

    def set_customer(self, detail: CustomerDetail) -> None:
        self.customer = detail
        self.chosen.setText(f"{detail.name} {detail.phone}")
        self.ctx.runner.run_query(
            customers.list_customer_orders,
            actor=self.ctx.actor,
            customer_id=detail.id,
            limit=30,
            on_done=self._orders_loaded,
            key=f"complaint.orders.{id(self)}",
        )

    def _orders_loaded(self, page: Page[CustomerOrderRow]) -> None:
        self.order.clear()
        self.order.addItem(self.tr("No particular order"), None)
        for o in page.items:
            self.order.addItem(
                f"{o.order_no} · {o.service_day:%Y-%m-%d} · {o.item_name} · {o.worker_name}",
                o.id,
            )
        if page.items:
            self.order.setCurrentIndex(1)

    def save(self) -> None:
        self.ctx.runner.run_command(
            complaints.create_complaint,
            actor=self.ctx.actor,
            customer_id=self.customer.id if self.customer is not None else None,
            order_id=self.order.currentData(),
            category=self.category.currentData(),
            priority=self.priority.currentData(),
            text=self.text.toPlainText(),
            owner_id=self.ctx.actor.id if self.mine.isChecked() else None,
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )


class ResolveDialog(FormDialog):
    """How the complaint was resolved, and any compensation agreed."""

    def __init__(
        self, ctx: DeskContext, complaint: ComplaintDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, intro=complaint.row.text)
        self.setObjectName("resolveComplaintDialog")
        self.setWindowTitle(self.tr("Resolve complaint #{id}").format(id=complaint.row.id))
        self.ctx, self.complaint = ctx, complaint
        self.resolution = note_edit(self, "complaintResolution")
        self.compensation = money_edit(self, "complaintCompensation")
        hint = QLabel(
            self.tr("Compensation is recorded here; pay it as a coupon or refund from a case."),
            self,
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.add_row("resolution", self.tr("Resolution"), self.resolution)
        self.add_row("compensation_fen", self.tr("Compensation"), self.compensation)
        self.form.addRow("", hint)
        if complaint.row.compensation_fen:
            self.compensation.setValue(complaint.row.compensation_fen / 100)
        self.resolution.setPlainText(complaint.row.resolution)

    def save(self) -> None:
        self.ctx.runner.run_command(
            complaints.move_complaint,
            actor=self.ctx.actor,
            complaint_id=self.complaint.row.id,
            event="resolve",
            resolution=self.resolution.toPlainText(),
            compensation_fen=fen_of(self.compensation),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )
