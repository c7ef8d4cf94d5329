"""Orders → Change requests: workers' requests to move a visit, for the branch to approve
or refuse (with a reason). An approved request then waits for the customer, who answers
in the app — or by phone, and the dispatcher records the answer here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.services import change_views, changes
from jiazheng_desk.services.change_views import ChangeRow
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.services.timeutil import zone
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.dialogs import show_failure
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.orders import texts
from jiazheng_desk.views.orders.commands import CHANGE_REQUEST_CHANGES
from jiazheng_desk.views.widgets.form import FormDialog
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_table, selected_row

NEW_TIME_BRUSH = QBrush(QColor("#1d4ed8"))


class RejectChangeDialog(FormDialog):
    """Refuse a worker's request; the reason is kept with the decision."""

    def __init__(self, ctx: DeskContext, row: ChangeRow, parent: QWidget | None = None):
        super().__init__(parent, ok=QDialogButtonBox.StandardButton.Ok)
        self.setObjectName("rejectChangeDialog")
        self.setWindowTitle(self.tr("Refuse the change to order {no}").format(no=row.order_no))
        self.ctx = ctx
        self.row = row
        year = clock.now().astimezone(zone(row.timezone)).year
        self.intro.setText(
            self.tr("{worker} asked to move the visit from {old} to {new}: {reason}").format(
                worker=row.worker_name or self.tr("The worker"),
                old=texts.window_text(row.starts_at, row.ends_at, row.timezone, year),
                new=texts.window_text(row.new_starts_at, row.new_ends_at, row.timezone, year),
                reason=row.reason,
            )
        )
        self.intro.show()
        self.reason = QLineEdit(self)
        self.reason.setObjectName("rejectReason")
        self.reason.setPlaceholderText(self.tr("e.g. the customer cannot be moved that day"))
        self.add_row("note", self.tr("Reason"), self.reason)
        self.ok_button.setText(self.tr("Refuse"))
        self.reason.setFocus()

    def validate(self) -> bool:
        if self.reason.text().strip():
            return True
        self.errors.show_text("note", self.tr("Please give a reason."))
        self._fit()
        return False

    def save(self) -> None:
        self.ctx.runner.run_command(
            changes.staff_decide_change,
            request_id=self.row.id,
            actor=self.ctx.actor,
            approve=False,
            note=self.reason.text().strip(),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGE_REQUEST_CHANGES,
        )


class ChangeRequestsPage(QWidget):
    """The branch's change requests (every branch for HQ), oldest first."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QWidget | None = None
        self.busy = False

        self.mode = QComboBox(self)
        self.mode.setObjectName("changeMode")
        self.mode.addItem(self.tr("Waiting for the branch"), "branch")
        self.mode.addItem(self.tr("Waiting for the customer"), "customer")
        self.mode.addItem(self.tr("Decided"), "decided")
        self.count = QLabel(self)
        self.count.setObjectName("changeCount")
        self.count.setProperty("role", "hint")
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refreshChanges")
        self.hint = QLabel(self)
        self.hint.setObjectName("changeHint")
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)

        self.approve_button = QPushButton(self.tr("Approve"), self)
        self.approve_button.setObjectName("approveChange")
        self.approve_button.setToolTip(self.tr("The customer is asked next"))
        self.reject_button = QPushButton(self.tr("Refuse…"), self)
        self.reject_button.setObjectName("rejectChange")
        self.agreed_button = QPushButton(self.tr("Customer agreed"), self)
        self.agreed_button.setObjectName("customerAgreed")
        self.agreed_button.setToolTip(self.tr("The customer said yes by phone: the visit moves"))
        self.declined_button = QPushButton(self.tr("Customer declined"), self)
        self.declined_button.setObjectName("customerDeclined")
        self.declined_button.setToolTip(self.tr("The customer said no by phone: the visit stays"))
        self.status = QLabel(self)
        self.status.setObjectName("changeStatus")
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)

        self.model = PagedTableModel(ctx.runner, self._columns(), key="orders.changes", parent=self)
        self.table = make_table(self.model, self, "changeTable")

        top = QHBoxLayout()
        top.addWidget(self.mode)
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        for b in (
            self.approve_button,
            self.reject_button,
            self.agreed_button,
            self.declined_button,
        ):
            actions.addWidget(b)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(self._load_failed)
        self.mode.currentIndexChanged.connect(lambda _i: self.reload())
        self.refresh_button.clicked.connect(self.reload)
        self.approve_button.clicked.connect(self.approve)
        self.reject_button.clicked.connect(self.reject)
        self.agreed_button.clicked.connect(lambda: self.record_customer(accept=True))
        self.declined_button.clicked.connect(lambda: self.record_customer(accept=False))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.reload()

    def _columns(self) -> list[Column]:
        year = clock.now().astimezone(zone(self.ctx.tz)).year

        def window(r: ChangeRow) -> str:
            return texts.window_text(r.starts_at, r.ends_at, r.timezone, year)

        def new_window(r: ChangeRow) -> str:
            return texts.window_text(r.new_starts_at, r.new_ends_at, r.timezone, year)

        def blue(_r: ChangeRow) -> Any:
            return NEW_TIME_BRUSH

        columns = [
            Column(
                self.tr("Asked"), lambda r: fmt.local_time(r.created_at, r.timezone), "created_at"
            ),
            Column(self.tr("Order no."), lambda r: r.order_no),
            Column(self.tr("Worker"), lambda r: r.worker_name),
            Column(self.tr("Booked for"), window, "starts_at"),
            Column(self.tr("Asks for"), new_window, "new_starts_at", foreground=blue),
            Column(self.tr("Reason"), lambda r: r.reason),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Phone"), lambda r: r.customer_phone),
            Column(self.tr("Service"), lambda r: r.item_name),
            Column(self.tr("State"), self.state_text),
        ]
        if self.ctx.actor.is_hq:
            columns.append(Column(self.tr("Branch"), lambda r: r.branch_name))
        return columns

    def state_text(self, r: ChangeRow) -> str:
        if r.state == "requested":
            return self.tr("Waiting for the branch")
        if r.state == "staff_approved":
            return self.tr("Waiting for the customer")
        if r.state == "accepted":
            return self.tr("Moved")
        if r.state == "rejected":
            return (
                self.tr("Declined by the customer")
                if r.customer_decided_at is not None
                else self.tr("Refused by the branch")
            )
        if r.state == "withdrawn":
            return self.tr("Withdrawn")
        return r.state

    # --- the list -----------------------------------------------------------------------

    def waiting(self) -> str:
        return str(self.mode.currentData())

    def reload(self) -> None:
        waiting = self.waiting()
        self.hint.setText(
            {
                "branch": self.tr(
                    "Workers ask to move a visit in their app. Approve a request and the "
                    "customer is asked next; refuse it with a reason and the visit stays."
                ),
                "customer": self.tr(
                    "Approved requests wait for the customer's answer in the app. When the "
                    "customer answers by phone, record it here."
                ),
                "decided": self.tr("Requests that were already answered."),
            }[waiting]
        )
        self.model.set_fetch(
            list_fetch(change_views.list_change_rows, actor=self.ctx.actor, waiting=waiting)
        )
        self._update_buttons()

    def _loaded(self, total: int) -> None:
        self.count.setText(self.tr("{n} requests").format(n=total))
        self._update_buttons()

    def _load_failed(self, failure: TaskFailure) -> None:
        self.count.setText(failure.message)

    def on_data_changed(self, changed: frozenset[str]) -> None:
        if "orders" in changed or "change_requests" in changed:
            self.model.reload()

    def selected(self) -> ChangeRow | None:
        item = self.model.item(selected_row(self.table))
        return item if isinstance(item, ChangeRow) else None

    def _update_buttons(self) -> None:
        may = self.ctx.can(Perm.ORDER_ASSIGN)
        waiting = self.waiting()
        row = self.selected()
        for button, shown_in in (
            (self.approve_button, "branch"),
            (self.reject_button, "branch"),
            (self.agreed_button, "customer"),
            (self.declined_button, "customer"),
        ):
            button.setVisible(may and waiting == shown_in)
            button.setEnabled(row is not None and not self.busy)

    # --- decisions ----------------------------------------------------------------------

    def _run(self, fn: Callable[..., Any], done: str, **kwargs: Any) -> None:
        self.busy = True
        self._update_buttons()
        self.ctx.runner.run_command(
            fn,
            actor=self.ctx.actor,
            on_done=lambda _r: self._done(done),
            on_error=self._failed,
            changes=CHANGE_REQUEST_CHANGES,
            **kwargs,
        )

    def _done(self, text: str) -> None:
        self.busy = False
        self.status.setText(text)
        self._update_buttons()

    def _failed(self, failure: TaskFailure) -> None:
        self.busy = False
        self._update_buttons()
        self.status.setText(failure.message)
        self.dialog = show_failure(self, failure)
        self.model.reload()

    def approve(self) -> None:
        row = self.selected()
        if row is None:
            return
        self._run(
            changes.staff_decide_change,
            self.tr("Approved the change to order {no}; the customer is asked now.").format(
                no=row.order_no
            ),
            request_id=row.id,
            approve=True,
        )

    def reject(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = RejectChangeDialog(self.ctx, row, self)
        dialog.accepted.connect(
            lambda: self.status.setText(
                self.tr("Refused the change to order {no}; the visit stays.").format(
                    no=row.order_no
                )
            )
        )
        self.dialog = dialog
        dialog.open()

    def record_customer(self, *, accept: bool) -> None:
        row = self.selected()
        if row is None:
            return
        done = (
            self.tr("Order {no} moved to the new time.")
            if accept
            else self.tr("Order {no} keeps its time.")
        )
        self._run(
            changes.customer_decide_change,
            done.format(no=row.order_no),
            request_id=row.id,
            accept=accept,
        )
