"""Finance → Payments and refunds: the payments list (filters, Excel), the queue of refund
requests (approve, reject with a reason) and a new refund for an order."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.reports.finance_excel import PaymentsExport, export_payments_excel
from jiazheng_desk.services import refunds
from jiazheng_desk.services.common import Page
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.services.refunds import OrderMoney, PaymentFilter, PaymentRow, RefundRow
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.catalog.common import AmountEdit
from jiazheng_desk.views.dialogs import ask_text, inform, show_failure
from jiazheng_desk.views.finance.common import (
    CHANGES,
    fill,
    method_name,
    payment_state_name,
)
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.table import make_list_table

PAGE = 500


class PaymentsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.payments: list[PaymentRow] = []
        self.queue: list[RefundRow] = []
        self.state = QComboBox(self)
        self.state.setObjectName("paymentState")
        self.state.addItem(self.tr("All states"), None)
        for s in ("confirmed", "pending", "failed", "cancelled"):
            self.state.addItem(payment_state_name(s), s)
        self.method = QComboBox(self)
        self.method.setObjectName("paymentMethod")
        self.method.addItem(self.tr("All methods"), None)
        for m in ("wechat", "alipay", "card", "cash"):
            self.method.addItem(method_name(m), m)
        self.search = QLineEdit(self)
        self.search.setObjectName("paymentSearch")
        self.search.setPlaceholderText(self.tr("Order no., customer or gateway reference"))
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.export_button.setObjectName("exportPayments")
        self.count = QLabel(self)
        self.count.setObjectName("paymentsCount")
        self.table = make_list_table(
            self,
            "paymentsTable",
            [
                self.tr("Order"),
                self.tr("Customer"),
                self.tr("Method"),
                self.tr("State"),
                self.tr("Amount"),
                self.tr("Refunded"),
                self.tr("Gateway reference"),
                self.tr("Paid at"),
            ],
        )
        self.queue_table = make_list_table(
            self,
            "refundQueue",
            [
                self.tr("Order"),
                self.tr("Customer"),
                self.tr("Amount"),
                self.tr("Still refundable"),
                self.tr("Reason"),
                self.tr("Asked by"),
                self.tr("Asked at"),
            ],
        )
        self.approve_button = QPushButton(self.tr("Approve"), self)
        self.approve_button.setObjectName("approveRefund")
        self.reject_button = QPushButton(self.tr("Reject…"), self)
        self.reject_button.setObjectName("rejectRefund")
        self.new_button = QPushButton(self.tr("New refund…"), self)
        self.new_button.setObjectName("newRefund")
        may_refund = ctx.can(Perm.REFUND_CREATE)
        for b in (self.approve_button, self.reject_button, self.new_button):
            b.setVisible(may_refund)
        self.queue_count = QLabel(self)
        self.queue_count.setObjectName("queueCount")

        top = QHBoxLayout()
        for w in (self.state, self.method, self.search, self.export_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.count)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.table, 1)
        box = QGroupBox(self.tr("Refund requests"), self)
        box_layout = QVBoxLayout(box)
        actions = QHBoxLayout()
        for b in (self.approve_button, self.reject_button, self.new_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.queue_count)
        box_layout.addLayout(actions)
        box_layout.addWidget(self.queue_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(upper)
        splitter.addWidget(box)
        splitter.setSizes([420, 280])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.state.currentIndexChanged.connect(lambda _i: self.reload())
        self.method.currentIndexChanged.connect(lambda _i: self.reload())
        self.search.returnPressed.connect(self.reload)
        self.export_button.clicked.connect(self.export)
        self.queue_table.itemSelectionChanged.connect(self._update_buttons)
        self.approve_button.clicked.connect(self.approve)
        self.reject_button.clicked.connect(self.reject)
        self.new_button.clicked.connect(self.new_refund)
        self._update_buttons()
        self.reload()

    def filter(self) -> PaymentFilter:
        return PaymentFilter(
            state=self.state.currentData(),
            method=self.method.currentData(),
            text=self.search.text(),
        )

    def reload(self) -> None:
        self.ctx.runner.run_query(
            refunds.list_payments,
            actor=self.ctx.actor,
            flt=self.filter(),
            limit=PAGE,
            on_done=self._payments_loaded,
            on_error=self._failed,
            key="finance.payments",
        )
        self.ctx.runner.run_query(
            refunds.list_refunds,
            actor=self.ctx.actor,
            on_done=self._queue_loaded,
            on_error=self._failed,
            key="finance.refund_queue",
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "finance" in changes or "orders" in changes:
            self.reload()

    def _failed(self, failure: TaskFailure) -> None:
        self.count.setText(failure.message)

    def _payments_loaded(self, page: Page[PaymentRow]) -> None:
        self.payments = list(page.items)
        tz = self.ctx.tz
        fill(
            self.table,
            [
                [
                    p.order_no,
                    p.customer_name,
                    method_name(p.method),
                    payment_state_name(p.state),
                    fmt.yuan(p.amount_fen),
                    fmt.yuan(p.refunded_fen) if p.refunded_fen else "",
                    p.gateway_ref,
                    fmt.local_time(p.confirmed_at or p.created_at, tz),
                ]
                for p in self.payments
            ],
            right=(4, 5),
        )
        if page.total > len(page.items):
            self.count.setText(
                self.tr("{shown} of {n} payments (narrow the filter, or export all)").format(
                    shown=len(page.items), n=page.total
                )
            )
        else:
            self.count.setText(self.tr("{n} payments").format(n=page.total))

    def _queue_loaded(self, page: Page[RefundRow]) -> None:
        chosen = self.selected_refund()
        self.queue = list(page.items)
        fill(
            self.queue_table,
            [
                [
                    r.order_no,
                    r.customer_name,
                    fmt.yuan(r.amount_fen),
                    fmt.yuan(r.refundable_fen),
                    r.reason,
                    r.created_by_name or self.tr("(automatic)"),
                    fmt.local_time(r.created_at, self.ctx.tz),
                ]
                for r in self.queue
            ],
            right=(2, 3),
        )
        for row, r in enumerate(self.queue):
            if chosen is not None and r.id == chosen.id:
                self.queue_table.selectRow(row)
        self.queue_count.setText(self.tr("{n} waiting").format(n=page.total))
        self._update_buttons()

    def selected_refund(self) -> RefundRow | None:
        rows = self.queue_table.selectionModel().selectedRows()
        return self.queue[rows[0].row()] if rows and rows[0].row() < len(self.queue) else None

    def _update_buttons(self) -> None:
        chosen = self.selected_refund() is not None
        self.approve_button.setEnabled(chosen)
        self.reject_button.setEnabled(chosen)

    def _command_failed(self, failure: TaskFailure) -> None:
        self.message = show_failure(self.window(), failure)

    def approve(self) -> None:
        refund = self.selected_refund()
        if refund is None:
            return
        self.ctx.runner.run_command(
            refunds.approve_refund,
            actor=self.ctx.actor,
            refund_id=refund.id,
            changes=CHANGES,
            on_error=self._command_failed,
        )

    def reject(self) -> None:
        refund = self.selected_refund()
        if refund is None:
            return

        def apply(reason: str) -> None:
            self.ctx.runner.run_command(
                refunds.reject_refund,
                actor=self.ctx.actor,
                refund_id=refund.id,
                reason=reason,
                changes=CHANGES,
                on_error=self._command_failed,
            )

        self.question = ask_text(
            self,
            self.tr("Reject the refund"),
            self.tr("Why is the refund of {amount} for {order} rejected?").format(
                amount=fmt.yuan(refund.amount_fen), order=refund.order_no
            ),
            apply,
            name="rejectReason",
        )

    def new_refund(self) -> None:
        self.dialog = NewRefundDialog(self.ctx, self)
        self.dialog.open()

    def export(self) -> None:
        stamp = clock.now().astimezone(ZoneInfo(self.ctx.tz)).strftime("%Y%m%d-%H%M")
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export to Excel"),
            str(Path.home() / f"payments-{stamp}.xlsx"),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        self.export_button.setEnabled(False)
        self.ctx.runner.run_query(
            export_payments_excel,
            actor=self.ctx.actor,
            flt=self.filter(),
            path=str(target),
            on_done=self._exported,
            on_error=self._export_failed,
        )

    def _exported(self, result: PaymentsExport) -> None:
        self.export_button.setEnabled(True)
        self.message = inform(
            self.window(),
            self.tr("Export finished"),
            self.tr("{n} payments ({amount}) were written to\n{path}").format(
                n=result.rows, amount=fmt.yuan(result.amount_fen), path=result.path
            ),
            "paymentsExportDone",
        )

    def _export_failed(self, failure: TaskFailure) -> None:
        self.export_button.setEnabled(True)
        self._command_failed(failure)


class NewRefundDialog(QDialog):
    """Find an order by number, see what can go back, refund part or all with a reason."""

    def __init__(self, ctx: DeskContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.money: OrderMoney | None = None
        self.setObjectName("newRefundDialog")
        self.setWindowTitle(self.tr("New refund"))
        self.order_no = QLineEdit(self)
        self.order_no.setObjectName("refundOrderNo")
        self.find_button = QPushButton(self.tr("Find"), self)
        self.find_button.setObjectName("refundFind")
        self.facts = QLabel(self)
        self.facts.setObjectName("refundFacts")
        self.facts.setWordWrap(True)
        self.amount = AmountEdit(self)
        self.amount.setObjectName("refundAmount")
        self.full_button = QPushButton(self.tr("All of it"), self)
        self.full_button.setObjectName("refundFull")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("refundReason")
        self.error = QLabel(self)
        self.error.setObjectName("refundError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Refund"))
        find_row = QHBoxLayout()
        find_row.addWidget(self.order_no, 1)
        find_row.addWidget(self.find_button)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount)
        amount_row.addWidget(self.full_button)
        amount_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Order no."), find_row)
        form.addRow("", self.facts)
        form.addRow(self.tr("Amount (¥)"), amount_row)
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.find_button.clicked.connect(self.find_order)
        self.order_no.returnPressed.connect(self.find_order)
        self.full_button.clicked.connect(self._full)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._sync()

    def _sync(self) -> None:
        ready = self.money is not None and self.money.refundable_fen > 0
        for w in (self.amount, self.full_button, self.reason):
            w.setEnabled(ready)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def find_order(self) -> None:
        self.error.clear()
        self.ctx.runner.run_query(
            refunds.find_order,
            actor=self.ctx.actor,
            order_no=self.order_no.text(),
            on_done=self._found,
            on_error=self._failed,
        )

    def _found(self, money: OrderMoney) -> None:
        self.money = money
        self.facts.setText(
            self.tr(
                "Total {total}, paid {paid}, refunded {refunded}, waiting {requested}: "
                "up to {most} can go back."
            ).format(
                total=fmt.yuan(money.total_fen),
                paid=fmt.yuan(money.paid_fen),
                refunded=fmt.yuan(money.refunded_fen),
                requested=fmt.yuan(money.requested_fen),
                most=fmt.yuan(money.refundable_fen),
            )
        )
        self._sync()

    def _failed(self, failure: TaskFailure) -> None:
        self.error.setText(failure.message)

    def _full(self) -> None:
        if self.money is not None:
            self.amount.set_value(self.money.refundable_fen)

    def submit(self) -> None:
        if self.money is None:
            return
        try:
            amount = self.amount.value()
        except ValueError:
            amount = None
        if amount is None:
            self.error.setText(self.tr("Enter an amount like 45 or 45.50."))
            return
        self.ctx.runner.run_command(
            refunds.create_refund,
            actor=self.ctx.actor,
            order_id=self.money.order_id,
            amount_fen=amount,
            reason=self.reason.text(),
            changes=CHANGES,
            on_done=lambda _r: self.accept(),
            on_error=self._failed,
        )
