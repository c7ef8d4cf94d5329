"""What can be done to an order from the board: its right-click menu, the drop on a lane,
and auto-dispatching the day. Each action is one command through the runner; the outcome
comes back as a message for the board's status line (a refusal says why, in the rule's
own words) and the board reloads — nothing is moved on screen before the database agreed.

The dialogs are the Orders area's own (worker picker, cancel with the fee first, detail).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QPushButton, QVBoxLayout, QWidget

from jiazheng_desk.services import dispatch, offers, order_extras, orders
from jiazheng_desk.services.board import Block
from jiazheng_desk.services.booking import AssignResult
from jiazheng_desk.services.dispatch import AutoResult
from jiazheng_desk.services.order_extras import CancelPreview
from jiazheng_desk.services.order_states import ASSIGNABLE_STATES, TRANSITIONS
from jiazheng_desk.services.order_views import OrderDetail
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.dispatch.commands import CHANGES, move_order
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.orders.action_dialogs import CancelDialog, WorkerPickerDialog
from jiazheng_desk.views.orders.commands import open_offer_id
from jiazheng_desk.views.orders.detail_panel import OrderDetailPanel


class OrderDetailDialog(QDialog):
    """The Orders area's detail panel in a window of its own, opened from the board."""

    def __init__(self, ctx: DeskContext, order_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardOrderDetail")
        self.setWindowTitle(self.tr("Order"))
        self.resize(620, 680)
        self.panel = OrderDetailPanel(ctx, self)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(close)
        self.panel.show_order(order_id)


class BoardActions(QObject):
    """Runs the board's actions; ``message(text, kind)`` says how each went."""

    message = Signal(str, str)  # text, "ok" | "error" | "info"
    done = Signal()  # something may have changed: reload

    def __init__(self, ctx: DeskContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.dialog: QWidget | None = None
        self.menu: QMenu | None = None
        self.busy = False

    # --- the menu ---------------------------------------------------------------------

    def menu_for(self, block: Block) -> QMenu:
        """The actions the role may take on this order in its state."""
        may_assign = self.ctx.can(Perm.ORDER_ASSIGN)
        waiting = block.worker_id is None and block.state in ASSIGNABLE_STATES
        menu = QMenu(self.parent_widget)
        menu.setObjectName("boardMenu")

        def add(key: str, text: str, slot: Callable[[], None], shown: bool) -> None:
            if shown:
                action = QAction(text, menu)
                action.setObjectName(f"board:{key}")
                action.triggered.connect(slot)
                menu.addAction(action)

        add(
            "pick",
            self.tr("Assign or offer to a worker…"),
            lambda: self.pick(block),
            may_assign and waiting,
        )
        add(
            "reoffer",
            self.tr("Give to another worker…"),
            lambda: self.pick(block),
            may_assign and block.state in ("offered", "accepted"),
        )
        add(
            "withdraw",
            self.tr("Withdraw the offer"),
            lambda: self.withdraw(block),
            may_assign and block.state == "offered",
        )
        add(
            "pool",
            self.tr("Open to the grab pool"),
            lambda: self.open_pool(block),
            may_assign and waiting and not block.pool_open,
        )
        add("auto", self.tr("Auto-dispatch"), lambda: self.auto(block), may_assign and waiting)
        menu.addSeparator()
        add("details", self.tr("Details…"), lambda: self.details(block), True)
        add(
            "cancel",
            self.tr("Cancel the order…"),
            lambda: self.cancel(block),
            self.ctx.can(Perm.ORDER_CANCEL) and block.state in TRANSITIONS["cancel"],
        )
        self.menu = menu
        return menu

    # --- running ----------------------------------------------------------------------

    def _command(self, fn: Callable[..., Any], ok: Callable[[Any], str], **kwargs: Any) -> None:
        self.busy = True
        self.message.emit(self.tr("Working…"), "info")

        def done(result: Any) -> None:
            self.busy = False
            self.message.emit(ok(result), "ok")
            self.done.emit()

        self.ctx.runner.run_command(
            fn,
            actor=self.ctx.actor,
            on_done=done,
            on_error=self._refused,
            changes=CHANGES,
            **kwargs,
        )

    def _refused(self, failure: TaskFailure) -> None:
        self.busy = False
        self.message.emit(failure.message, "error")
        self.done.emit()

    def _with_detail(self, block: Block, then: Callable[[OrderDetail], None]) -> None:
        self.ctx.runner.run_query(
            orders.get_order,
            order_id=block.order_id,
            actor=self.ctx.actor,
            on_done=then,
            on_error=self._refused,
            key=f"dispatch.board.detail.{id(self)}",
        )

    def move(self, block: Block, worker_id: int) -> None:
        """A block dropped on a lane: that worker takes it, at the same time."""
        if block.worker_id == worker_id:
            return

        def ok(result: AssignResult) -> str:
            return self.tr("{no} → {worker}").format(no=result.order_no, worker=result.worker_name)

        self._command(move_order, ok, order_id=block.order_id, worker_id=worker_id)

    def pick(self, block: Block) -> None:
        def show(detail: OrderDetail) -> None:
            dialog = WorkerPickerDialog(self.ctx, detail, self.parent_widget)
            dialog.accepted.connect(self._picked)
            self.dialog = dialog
            dialog.open()

        self._with_detail(block, show)

    def _picked(self) -> None:
        result = getattr(self.dialog, "result_value", None)
        if isinstance(result, AssignResult):
            self.message.emit(
                self.tr("{no} → {worker}").format(no=result.order_no, worker=result.worker_name),
                "ok",
            )
        self.done.emit()

    def withdraw(self, block: Block) -> None:
        def run(detail: OrderDetail) -> None:
            offer_id = open_offer_id(detail)
            if offer_id is None:
                self.message.emit(self.tr("This order has no open offer."), "error")
                return
            self._command(
                offers.withdraw_offer,
                lambda _r: self.tr("Offer of {no} withdrawn.").format(no=detail.order_no),
                offer_id=offer_id,
            )

        self._with_detail(block, run)

    def open_pool(self, block: Block) -> None:
        self._command(
            offers.open_pool,
            lambda _r: self.tr("{no} is open to the grab pool.").format(no=block.order_no),
            order_id=block.order_id,
        )

    def auto(self, block: Block) -> None:
        def ok(result: AutoResult) -> str:
            if result.worker_id is None:
                return self.tr("Nobody free for {no}: it waits in the exceptions queue.").format(
                    no=block.order_no
                )
            return self.tr("{no} → {worker}").format(no=block.order_no, worker=result.worker_name)

        self._command(dispatch.auto_dispatch, ok, order_id=block.order_id)

    def auto_day(self, branch_id: int, day: date) -> None:
        def ok(results: list[AutoResult]) -> str:
            given = sum(1 for r in results if r.worker_id is not None)
            if not results:
                return self.tr("No order of {day} waits for a worker.").format(day=day)
            return self.tr(
                "Auto-dispatch of {day}: {given} of {n} orders got a worker; "
                "{left} wait in the exceptions queue."
            ).format(day=day, given=given, n=len(results), left=len(results) - given)

        self._command(dispatch.auto_dispatch_day, ok, branch_id=branch_id, day=day)

    def details(self, block: Block) -> None:
        self.dialog = OrderDetailDialog(self.ctx, block.order_id, self.parent_widget)
        self.dialog.finished.connect(lambda _r: self.done.emit())
        self.dialog.open()

    def cancel(self, block: Block) -> None:
        def ask(preview: CancelPreview) -> None:
            self._with_detail(block, lambda detail: self._ask_cancel(detail, preview))

        self.ctx.runner.run_query(
            order_extras.get_cancel_preview,
            order_id=block.order_id,
            actor=self.ctx.actor,
            on_done=ask,
            on_error=self._refused,
            key=f"dispatch.board.cancel.{id(self)}",
        )

    def _ask_cancel(self, detail: OrderDetail, preview: CancelPreview) -> None:
        dialog = CancelDialog(self.ctx, detail, preview, self.parent_widget)
        dialog.accepted.connect(
            lambda: self.message.emit(self.tr("{no} cancelled.").format(no=detail.order_no), "ok")
        )
        dialog.accepted.connect(self.done.emit)
        self.dialog = dialog
        dialog.open()
