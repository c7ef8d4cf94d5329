"""Dispatch → Leave requests: the leave workers ask for in the app, approved or refused here.

The list is ``leave_requests.list_leave_requests`` (the branch's, or every branch's for
HQ); the line under it shows the chosen request with the bookings already inside its
window, which approving would clash with — the service refuses the approval, naming them,
until they are moved. A refusal asks for a reason the worker reads in the app. The page
reloads when shown, every minute while it is shown (requests come in from the app), and
when the desk changes a schedule or an order.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import branches, leave_requests
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.leave_requests import LeaveRequestRow
from jiazheng_desk.services.timeutil import local_day
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.dialogs import show_failure
from jiazheng_desk.views.dispatch import texts
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormDialog
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_table, selected_row

CHANGES = frozenset({"schedule", "audit"})
RELOAD_MS = 60_000
RED = QBrush(QColor("#c0392b"))
GREY = QBrush(QColor("#7b8794"))
BRANCH_COLUMN = 2


def status_text(status: str) -> str:
    names = {
        "requested": QCoreApplication.translate("LeaveTexts", "Pending"),
        "approved": QCoreApplication.translate("LeaveTexts", "Approved"),
        "rejected": QCoreApplication.translate("LeaveTexts", "Refused"),
        "cancelled": QCoreApplication.translate("LeaveTexts", "Cancelled"),
    }
    return names.get(status, status)


def states() -> list[tuple[str, str]]:
    return [
        (QCoreApplication.translate("LeaveTexts", "Pending"), "requested"),
        (QCoreApplication.translate("LeaveTexts", "Approved"), "approved"),
        (QCoreApplication.translate("LeaveTexts", "Refused"), "rejected"),
        (QCoreApplication.translate("LeaveTexts", "Cancelled"), "cancelled"),
        (QCoreApplication.translate("LeaveTexts", "All"), "all"),
    ]


class RefuseLeaveDialog(FormDialog):
    """Refuse a request, with the reason the worker will read in the app."""

    def __init__(
        self, ctx: DeskContext, request: LeaveRequestRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            parent,
            intro=self.tr("Refuse the leave {name} asked for, {window}?").format(
                name=request.worker_name, window=request.window
            ),
        )
        self.setObjectName("refuseLeaveDialog")
        self.setWindowTitle(self.tr("Refuse leave"))
        self.ctx, self.request = ctx, request
        self.reason = QLineEdit(self)
        self.reason.setObjectName("refusalReason")
        self.reason.setMaxLength(255)
        self.reason.setPlaceholderText(
            self.tr("e.g. short of staff that week, please pick other days")
        )
        self.add_row("reason", self.tr("Reason (the worker reads it)"), self.reason)
        self.ok_button.setText(self.tr("Refuse leave"))

    def save(self) -> None:
        self.ctx.runner.run_command(
            leave_requests.refuse_leave_request,
            actor=self.ctx.actor,
            leave_id=self.request.id,
            reason=self.reason.text(),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )


class LeavePage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: RefuseLeaveDialog | None = None
        self.message: Any = None
        self.state = QComboBox(self)
        self.state.setObjectName("leaveState")
        for text, code in states():
            self.state.addItem(text, code)
        self.branch = QComboBox(self)
        self.branch.setObjectName("leaveBranch")
        self.branch.addItem(self.tr("All branches"), None)
        self.branch.setVisible(ctx.actor.is_hq)
        self.count = QLabel(self)
        self.count.setObjectName("leaveCount")
        self.approve_button = QPushButton(self.tr("Approve"), self)
        self.approve_button.setObjectName("approveLeave")
        self.refuse_button = QPushButton(self.tr("Refuse…"), self)
        self.refuse_button.setObjectName("refuseLeave")
        self.calendar_button = QPushButton(self.tr("Worker calendar"), self)
        self.calendar_button.setObjectName("leaveCalendar")
        self.model = PagedTableModel(ctx.runner, self._columns(), key="dispatch.leave", parent=self)
        self.table = make_table(self.model, self, "leaveTable", sort_column=4)
        # branch staff see their own branch only
        self.table.setColumnHidden(BRANCH_COLUMN, not ctx.actor.is_hq)
        self.detail = QLabel(self)
        self.detail.setObjectName("leaveDetail")
        self.detail.setWordWrap(True)
        self.detail.setMinimumHeight(44)
        self.status = QLabel(self)
        self.status.setObjectName("leaveStatus")
        self.status.setWordWrap(True)
        self._lay_out()

        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(lambda f: self.count.setText(f.message))
        self.state.currentIndexChanged.connect(lambda _i: self.reload())
        self.branch.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_chosen())
        self.model.modelReset.connect(self._show_chosen)
        self.approve_button.clicked.connect(self.approve)
        self.refuse_button.clicked.connect(self.refuse)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.table.doubleClicked.connect(lambda _i: self.open_calendar())
        self._timer = QTimer(self)
        self._timer.setInterval(RELOAD_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        if ctx.actor.is_hq:
            ctx.runner.run_query(
                branches.list_branches,
                actor=ctx.actor,
                on_done=self._branches,
                key="dispatch.leave.branches",
            )
        self.reload()

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.state)
        filters.addWidget(self.branch)
        filters.addStretch(1)
        filters.addWidget(self.count)
        actions = QHBoxLayout()
        actions.addWidget(self.approve_button)
        actions.addWidget(self.refuse_button)
        actions.addSpacing(16)
        actions.addWidget(self.calendar_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(actions)
        layout.addWidget(self.status)

    def _columns(self) -> list[Column]:
        def clash(v: LeaveRequestRow) -> str:
            if not v.clash_count:
                return "—"
            shown = " ".join(c.order_no for c in v.clashes)
            more = " …" if v.clash_count > len(v.clashes) else ""
            return self.tr("{n}: {orders}").format(n=v.clash_count, orders=shown + more)

        def clash_colour(v: LeaveRequestRow) -> Any:
            return RED if v.clash_count and v.status == "requested" else None

        def decided(v: LeaveRequestRow) -> str:
            if v.decided_at is None:
                # leave entered at the desk is approved as it is added
                return self.tr("Added by {name}").format(name=v.filed_by) if v.filed_by else ""
            text = f"{v.decided_by} {fmt.local_time(v.decided_at, v.timezone)}"
            return f"{text} · {v.refusal_reason}" if v.refusal_reason else text

        def muted(v: LeaveRequestRow) -> Any:
            return GREY if v.status in ("rejected", "cancelled") else None

        return [
            Column(self.tr("Worker"), lambda v: v.worker_name, foreground=muted),
            Column(self.tr("Phone"), lambda v: v.worker_phone, foreground=muted),
            Column(self.tr("Branch"), lambda v: v.branch_name, foreground=muted),
            Column(self.tr("Kind"), lambda v: texts.leave_kind_text(v.kind), foreground=muted),
            Column(self.tr("Leave"), lambda v: v.window, "starts_at", foreground=muted),
            Column(
                self.tr("Reason"), lambda v: v.reason, tooltip=lambda v: v.reason, foreground=muted
            ),
            Column(
                self.tr("Asked at"),
                lambda v: fmt.local_time(v.requested_at, v.timezone),
                "created_at",
            ),
            Column(self.tr("Bookings inside"), clash, foreground=clash_colour),
            Column(self.tr("State"), lambda v: status_text(v.status), foreground=muted),
            Column(self.tr("Decided"), decided, tooltip=decided, foreground=muted),
        ]

    # --- loading ----------------------------------------------------------------------

    def _branches(self, items: list[BranchView]) -> None:
        current = self.branch.currentData()
        self.branch.blockSignals(True)
        self.branch.clear()
        self.branch.addItem(self.tr("All branches"), None)
        for b in items:
            self.branch.addItem(b.name, b.id)
        self.branch.setCurrentIndex(max(0, self.branch.findData(current)))
        self.branch.blockSignals(False)

    def reload(self) -> None:
        self.model.set_fetch(
            list_fetch(
                leave_requests.list_leave_requests,
                actor=self.ctx.actor,
                state=self.state.currentData(),
                branch_id=self.branch.currentData(),
            )
        )
        self._show_chosen()

    def _loaded(self, total: int) -> None:
        if self.state.currentData() == "requested":
            self.count.setText(self.tr("{n} waiting").format(n=total))
        else:
            self.count.setText(self.tr("{n} shown").format(n=total))

    def _tick(self) -> None:
        if self.isVisible() and not self.model.is_loading:
            self.model.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.model.is_loading:
            self.model.reload()

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if changes & {"schedule", "orders"}:
            self.model.reload()

    # --- the chosen request -----------------------------------------------------------

    def selected(self) -> LeaveRequestRow | None:
        item = self.model.item(selected_row(self.table))
        return item if isinstance(item, LeaveRequestRow) else None

    def _show_chosen(self) -> None:
        chosen = self.selected()
        waiting = chosen is not None and chosen.status == "requested"
        self.approve_button.setEnabled(waiting)
        self.refuse_button.setEnabled(waiting)
        self.calendar_button.setEnabled(chosen is not None and self._calendar_page_exists())
        self.detail.setText(self._detail(chosen) if chosen else self.tr("Choose a request."))

    def _detail(self, v: LeaveRequestRow) -> str:
        head = self.tr("{name} ({phone}), {kind} {window}").format(
            name=v.worker_name,
            phone=v.worker_phone,
            kind=texts.leave_kind_text(v.kind),
            window=v.window,
        )
        if v.reason:
            head += self.tr(": “{reason}”").format(reason=v.reason)
        if v.decided_at is not None:
            when = fmt.local_time(v.decided_at, v.timezone)
            if v.status == "rejected":
                head += "\n" + self.tr("Refused by {name} at {time}: {reason}").format(
                    name=v.decided_by, time=when, reason=v.refusal_reason or "—"
                )
            else:
                head += "\n" + self.tr("Approved by {name} at {time}.").format(
                    name=v.decided_by, time=when
                )
        if not v.clash_count:
            return head + "\n" + self.tr("No bookings inside this leave.")
        listed = "; ".join(f"{c.order_no} {c.window}" for c in v.clashes)
        if v.clash_count > len(v.clashes):
            listed += self.tr("; and {n} more").format(n=v.clash_count - len(v.clashes))
        line = self.tr("{n} bookings inside: {orders}.").format(n=v.clash_count, orders=listed)
        if v.status == "requested":
            line += " " + self.tr("Move or reassign them before approving.")
        return head + "\n" + line

    def _calendar_page_exists(self) -> bool:
        window: Any = self.window()
        keys = getattr(window, "page_keys", None)
        return keys is not None and "dispatch.calendar" in keys()

    # --- actions ----------------------------------------------------------------------

    def approve(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.status != "requested":
            return
        self.approve_button.setEnabled(False)
        self.ctx.runner.run_command(
            leave_requests.approve_leave_request,
            actor=self.ctx.actor,
            leave_id=chosen.id,
            on_done=self._approved,
            on_error=self._refused,
            changes=CHANGES,
        )

    def _approved(self, row: LeaveRequestRow) -> None:
        self.status.setText(
            self.tr("Leave of {name} approved ({window}).").format(
                name=row.worker_name, window=row.window
            )
        )

    def _refused(self, failure: TaskFailure) -> None:
        self.status.setText(failure.message)
        self._show_chosen()
        self.message = show_failure(self, failure)

    def refuse(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.status != "requested":
            return
        self.dialog = RefuseLeaveDialog(self.ctx, chosen, self)
        self.dialog.accepted.connect(self._refusal_saved)
        self.dialog.open()

    def _refusal_saved(self) -> None:
        dialog = self.dialog
        row = dialog.result_value if dialog is not None else None
        if isinstance(row, LeaveRequestRow):
            self.status.setText(
                self.tr("Leave of {name} refused ({window}).").format(
                    name=row.worker_name, window=row.window
                )
            )

    def open_calendar(self) -> None:
        chosen = self.selected()
        if chosen is None or not self._calendar_page_exists():
            return
        window: Any = self.window()
        page = window.open_page("dispatch.calendar")
        page.show_worker_day(chosen.worker_id, local_day(chosen.starts_at, chosen.timezone))
