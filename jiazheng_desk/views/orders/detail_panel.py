"""The order beside the list: who, where, what, when, the price line by line, the timeline,
the offers and the service records, with the actions the role and the state allow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import dispatch, offers, order_extras, series_views
from jiazheng_desk.services.order_extras import CancelPreview, OrderFile
from jiazheng_desk.services.order_views import OrderDetail
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.services.series import SplitResult
from jiazheng_desk.services.series_views import SeriesCancelPreview
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt, labels
from jiazheng_desk.views.dialogs import ask_text
from jiazheng_desk.views.finance.split_panel import SplitPanel
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.orders import texts
from jiazheng_desk.views.orders.action_dialogs import (
    CancelDialog,
    RescheduleDialog,
    WorkerPickerDialog,
)
from jiazheng_desk.views.orders.commands import CHANGES, actions_for, open_offer_id
from jiazheng_desk.views.orders.series_dialogs import CancelSeriesDialog, ReplaceWorkerDialog
from jiazheng_desk.views.widgets.table import make_list_table

# at most this many action buttons side by side; fewer when the panel is narrow
BUTTONS_PER_ROW = 3
# the scroll area's margins and scroll bar, beside the buttons
BUTTON_ROOM_MARGIN = 40


def _fill(table: QTableWidget, rows: list[list[str]], right: tuple[int, ...] = ()) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class OrderDetailPanel(QWidget):
    """Shows one order; ``show_order(id)`` loads it, ``reload()`` reads it again."""

    loaded = Signal(object)  # the OrderFile shown

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderDetail")
        self.ctx = ctx
        self.order_id: int | None = None
        self.file: OrderFile | None = None
        self.dialog: QWidget | None = None
        self.question: QWidget | None = None
        # what the last action did, kept over the reloads it causes (until another order)
        self.notice = ""

        self.empty = QLabel(self.tr("Choose an order in the list to see it here."), self)
        self.empty.setObjectName("detailEmpty")
        self.empty.setProperty("role", "hint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.built = False
        self._per_row = BUTTONS_PER_ROW

    def _build(self) -> None:
        """The order's widgets, made when the first order is shown: building them costs
        more than the list's first page, which must not wait for them."""
        self.built = True
        content = QWidget(self)
        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        title_font = QFont(self.title.font())
        title_font.setPointSize(title_font.pointSize() + 4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = QLabel(self)
        self.state.setObjectName("detailState")
        self.exception = QLabel(self)
        self.exception.setObjectName("detailException")
        self.exception.setStyleSheet(f"color: {texts.EXCEPTION_BRUSH_COLOUR}; font-weight: bold;")

        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("cancel", self.tr("Cancel order…"), self.cancel),
            ("reschedule", self.tr("Reschedule…"), self.reschedule),
            ("assign", self.tr("Dispatch…"), self.pick_worker),
            ("reassign", self.tr("Reassign…"), self.pick_worker),
            ("withdraw_offer", self.tr("Withdraw offer"), self.withdraw_offer),
            ("open_pool", self.tr("Open to grab pool"), self.open_pool),
            ("clear_exception", self.tr("Clear exception"), self.clear_exception),
            ("cancel_series", self.tr("Cancel this and following…"), self.cancel_series),
            ("replace_worker", self.tr("Replace the worker…"), self.replace_worker),
        ):
            # made in the widget that lays them out: adding a widget of another parent to
            # a layout reparents it, which hides it until the event loop shows it again
            button = QPushButton(text, content)
            button.setObjectName(f"action:{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
        self.button_grid = QGridLayout()
        self.button_grid.setContentsMargins(0, 0, 0, 0)

        self.facts = QFormLayout()
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.fact_labels: dict[str, QLabel] = {}
        for key, label in (
            ("customer", self.tr("Customer")),
            ("address", self.tr("Address")),
            ("service", self.tr("Service")),
            ("options", self.tr("Options")),
            ("time", self.tr("Service time")),
            ("worker", self.tr("Worker")),
            ("channel", self.tr("Channel")),
            ("branch", self.tr("Branch")),
            ("booked", self.tr("Booked")),
            ("customer_note", self.tr("Customer's note")),
            ("staff_note", self.tr("Staff note")),
            ("cancelled", self.tr("Cancelled")),
        ):
            value = QLabel(self)
            value.setObjectName(f"fact:{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fact_labels[key] = value
            self.facts.addRow(label, value)

        self.price = make_list_table(self, "priceLines", [self.tr("Item"), self.tr("Amount")])
        self.timeline = make_list_table(
            self,
            "timeline",
            [
                self.tr("Time"),
                self.tr("Event"),
                self.tr("New state"),
                self.tr("Who"),
                self.tr("Reason"),
            ],
        )
        self.offer_table = make_list_table(
            self,
            "offers",
            [
                self.tr("Worker"),
                self.tr("Kind"),
                self.tr("Answer"),
                self.tr("Offered"),
                self.tr("Expires"),
                self.tr("Answered"),
                self.tr("Reason"),
            ],
        )
        self.records = make_list_table(
            self,
            "records",
            [self.tr("Time"), self.tr("Worker"), self.tr("Kind"), self.tr("Content")],
        )
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("detailTabs")
        self.tabs.addTab(self.price, self.tr("Price"))
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.tabs.addTab(self.offer_table, self.tr("Offers"))
        self.tabs.addTab(self.records, self.tr("Service records"))
        # finance sees how the order's money is shared (views/finance/split_panel.py)
        self.split: SplitPanel | None = None
        if self.ctx.can(Perm.FINANCE_VIEW):
            self.split = SplitPanel(self.ctx, self)
            self.tabs.addTab(self.split, self.tr("Money split"))
        self.status = QLabel(self)
        self.status.setObjectName("detailStatus")
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)

        content_layout = QVBoxLayout(content)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.state)
        heading.addStretch(1)
        content_layout.addLayout(heading)
        content_layout.addWidget(self.exception)
        content_layout.addLayout(self.button_grid)
        content_layout.addLayout(self.facts)
        content_layout.addWidget(self.tabs, 1)
        content_layout.addWidget(self.status)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        self.stack.addWidget(scroll)

    # --- loading --------------------------------------------------------------------------

    def show_order(self, order_id: int | None) -> None:
        if order_id is not None and not self.built:
            self._build()
        if order_id != self.order_id:
            self.notice = ""
        self.order_id = order_id
        if order_id is None:
            self.file = None
            self.stack.setCurrentIndex(0)
            return
        self.reload()

    def reload(self) -> None:
        if self.order_id is None:
            return
        self.ctx.runner.run_query(
            order_extras.get_order_file,
            order_id=self.order_id,
            actor=self.ctx.actor,
            on_done=self._arrived,
            on_error=self._failed,
            key=f"orders.detail.{id(self)}",
        )

    def _failed(self, failure: TaskFailure) -> None:
        self.status.setText(failure.message)

    def _arrived(self, file: OrderFile) -> None:
        if file.detail.id != self.order_id:
            return
        self.file = file
        self.status.setText(self.notice)
        self._show(file)
        self.stack.setCurrentIndex(1)
        self.loaded.emit(file)

    # --- showing --------------------------------------------------------------------------

    def _show(self, file: OrderFile) -> None:
        d = file.detail
        if self.split is not None:
            self.split.show_order(d.id)
        tz = d.timezone
        self.title.setText(d.order_no)
        self.state.setText(texts.state_text(d.state))
        self.state.setStyleSheet(f"color: {texts.state_colour(d.state)}; font-weight: bold;")
        self.exception.setText(
            self.tr("Exception: {reason}").format(reason=texts.exception_text(d.exception_reason))
        )
        self.exception.setVisible(bool(d.exception_reason))
        self._show_buttons(d)

        amount = texts.unit_text(d.unit, d.units)
        facts = {
            "customer": f"{d.customer_name}  {d.customer_phone}",
            "address": f"{d.district_name} · {d.address_text}",
            "service": f"{d.item_name} · {amount} · {self.kind_text(d)}",
            "options": self.tr(", ").join(o.name for o in d.options),
            "time": texts.window_text(d.starts_at, d.ends_at, tz, this_year=0),
            "worker": f"{d.worker_name}  {d.worker_phone}".strip()
            or (self.tr("Open to grab pool") if d.pool_open else self.tr("Not dispatched yet")),
            "channel": texts.channel_text(d.channel),
            "branch": d.branch_name,
            "booked": fmt.local_time(d.created_at, tz),
            "customer_note": d.customer_note,
            "staff_note": d.staff_note,
            "cancelled": (
                self.tr("{time}: {reason} (fee {fee})").format(
                    time=fmt.local_time(d.cancelled_at, tz),
                    reason=d.cancel_reason,
                    fee=fmt.yuan(d.cancel_fee_fen),
                )
                if d.cancelled_at is not None
                else ""
            ),
        }
        for key, text in facts.items():
            label = self.fact_labels[key]
            label.setText(text)
            shown = bool(text) or key in ("customer", "address", "service", "time", "worker")
            label.setVisible(shown)
            field_label = self.facts.labelForField(label)
            if field_label is not None:
                field_label.setVisible(shown)

        _fill(self.price, self.price_lines(d), right=(1,))
        bold = QFont(self.price.font())
        bold.setBold(True)
        total_row = self._total_row(d)
        for col in range(2):
            item = self.price.item(total_row, col)
            if item is not None:
                item.setFont(bold)
        _fill(
            self.timeline,
            [
                [
                    fmt.local_time(e.created_at, tz),
                    texts.event_text(e.event),
                    texts.state_text(e.to_state) if e.to_state else "",
                    self._who(file, e.actor_kind, e.actor_id),
                    e.reason,
                ]
                for e in d.events
            ],
        )
        _fill(
            self.offer_table,
            [
                [
                    o.worker_name,
                    texts.offer_kind_text(o.kind),
                    texts.offer_state_text(o.state),
                    fmt.local_time(o.offered_at, tz),
                    fmt.local_time(o.expires_at, tz),
                    fmt.local_time(o.answered_at, tz),
                    o.reason,
                ]
                for o in d.offers
            ],
        )
        _fill(
            self.records,
            [
                [
                    fmt.local_time(r.created_at, tz),
                    r.worker_name,
                    texts.record_kind_text(r.kind),
                    r.text or r.file_path,
                ]
                for r in file.records
            ],
        )
        self.tabs.setTabText(2, self.tr("Offers ({n})").format(n=len(d.offers)))
        self.tabs.setTabText(3, self.tr("Service records ({n})").format(n=len(file.records)))

    def kind_text(self, d: OrderDetail) -> str:
        if d.series_id is not None and d.series_seq:
            return self.tr("visit {seq} of a recurring booking").format(seq=d.series_seq)
        return texts.kind_text(d.kind)

    def _show_buttons(self, d: OrderDetail) -> None:
        allowed = actions_for(d, self.ctx.permissions)
        for key, button in self.buttons.items():
            button.setVisible(bool(getattr(allowed, key)))
            button.setEnabled(True)
        self._lay_out_buttons()

    def buttons_per_row(self) -> int:
        """As many buttons side by side as the panel's width holds (up to three)."""
        shown = [b for b in self.buttons.values() if not b.isHidden()]
        widest = max((b.sizeHint().width() for b in shown), default=1)
        spacing = max(0, self.button_grid.horizontalSpacing())
        room = self.width() - BUTTON_ROOM_MARGIN
        return max(1, min(BUTTONS_PER_ROW, (room + spacing) // (widest + spacing)))

    def _lay_out_buttons(self) -> None:
        per_row = self.buttons_per_row()
        self._per_row = per_row
        while self.button_grid.count():
            self.button_grid.takeAt(0)
        shown = [b for b in self.buttons.values() if not b.isHidden()]
        for i, button in enumerate(shown):
            self.button_grid.addWidget(button, i // per_row, i % per_row)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.built and self.buttons_per_row() != self._per_row:
            self._lay_out_buttons()

    def price_lines(self, d: OrderDetail) -> list[list[str]]:
        """The price as the customer was quoted it, line by line, down to the total."""
        lines = [
            [
                self.tr("Service: {item} × {units}").format(
                    item=d.item_name, units=texts.unit_text(d.unit, d.units)
                ),
                fmt.yuan(d.base_fen),
            ]
        ]
        if d.options:
            lines += [
                [self.tr("Option: {name}").format(name=o.name), fmt.yuan(o.price_fen)]
                for o in d.options
            ]
        elif d.options_fen:
            lines.append([self.tr("Options"), fmt.yuan(d.options_fen)])
        if d.travel_fee_fen:
            lines.append([self.tr("Travel fee"), fmt.yuan(d.travel_fee_fen)])
        if d.surcharge_fen:
            lines.append([self.tr("Night or holiday surcharge"), fmt.yuan(d.surcharge_fen)])
        if d.discount_fen:
            lines.append([self.tr("Discount"), fmt.yuan(-d.discount_fen)])
        lines.append([self.tr("Total"), fmt.yuan(d.total_fen)])
        if d.cancel_fee_fen:
            lines.append([self.tr("Cancellation fee charged"), fmt.yuan(d.cancel_fee_fen)])
        return lines

    def _total_row(self, d: OrderDetail) -> int:
        return len(self.price_lines(d)) - (2 if d.cancel_fee_fen else 1)

    def _who(self, file: OrderFile, kind: str, actor_id: int | None) -> str:
        name = file.who(kind, actor_id)
        role = labels.actor_kind_name(kind)
        return f"{role} {name}".strip() if name else role

    # --- actions --------------------------------------------------------------------------

    def _run(self, fn: Callable[..., Any], **kwargs: Any) -> None:
        for button in self.buttons.values():
            button.setEnabled(False)
        self.ctx.runner.run_command(
            fn, actor=self.ctx.actor, on_error=self._command_failed, changes=CHANGES, **kwargs
        )

    def _command_failed(self, failure: TaskFailure) -> None:
        from jiazheng_desk.views.dialogs import show_failure

        for button in self.buttons.values():
            button.setEnabled(True)
        self.dialog = show_failure(self, failure)
        self.reload()

    def cancel(self) -> None:
        if self.file is None:
            return
        detail = self.file.detail
        self.ctx.runner.run_query(
            order_extras.get_cancel_preview,
            order_id=detail.id,
            actor=self.ctx.actor,
            on_done=lambda preview: self._ask_cancel(detail, preview),
            on_error=self._command_failed,
            key=f"orders.cancel_fee.{id(self)}",
        )

    def _ask_cancel(self, detail: OrderDetail, preview: CancelPreview) -> None:
        self.dialog = CancelDialog(self.ctx, detail, preview, self)
        self.dialog.open()

    def reschedule(self) -> None:
        if self.file is None:
            return
        dialog = RescheduleDialog(self.ctx, self.file.detail, self)
        dialog.accepted.connect(lambda: self._moved(dialog.result_value))
        self.dialog = dialog
        dialog.open()

    def _moved(self, result: object) -> None:
        if isinstance(result, SplitResult):
            text = self.tr("{n} visits moved to the new time.").format(n=len(result.moved))
            if result.released:
                text += " " + self.tr(
                    "{n} of them wait for another worker: theirs cannot make the new time."
                ).format(n=len(result.released))
            self._tell(text)

    def _tell(self, text: str) -> None:
        self.notice = text
        self.status.setText(text)

    def cancel_series(self) -> None:
        if self.file is None:
            return
        detail = self.file.detail
        self.ctx.runner.run_query(
            series_views.preview_cancel_series,
            order_id=detail.id,
            actor=self.ctx.actor,
            on_done=lambda preview: self._ask_cancel_series(detail, preview),
            on_error=self._command_failed,
            key=f"orders.series_cancel.{id(self)}",
        )

    def _ask_cancel_series(self, detail: OrderDetail, preview: SeriesCancelPreview) -> None:
        dialog = CancelSeriesDialog(self.ctx, detail, preview, self)
        dialog.accepted.connect(
            lambda: self._tell(
                self.tr("{n} visits cancelled; the recurring booking ends.").format(
                    n=dialog.result_value
                )
            )
        )
        self.dialog = dialog
        dialog.open()

    def replace_worker(self) -> None:
        if self.file is None:
            return
        dialog = ReplaceWorkerDialog(self.ctx, self.file.detail, self)
        dialog.accepted.connect(lambda: self._replaced(dialog))
        self.dialog = dialog
        dialog.open()

    def _replaced(self, dialog: ReplaceWorkerDialog) -> None:
        result = dialog.result_value
        if isinstance(result, list):
            self._tell(
                self.tr("{n} visits now go to {worker}.").format(
                    n=len(result), worker=dialog.chosen_name
                )
            )
        else:
            self._tell(
                self.tr("A new order for the remaining days goes to {worker}.").format(
                    worker=dialog.chosen_name
                )
            )

    def pick_worker(self) -> None:
        if self.file is None:
            return
        self.dialog = WorkerPickerDialog(self.ctx, self.file.detail, self)
        self.dialog.open()

    def withdraw_offer(self) -> None:
        if self.file is None:
            return
        offer_id = open_offer_id(self.file.detail)
        if offer_id is None:
            return
        worker = self.file.detail.worker_name

        def apply(reason: str) -> None:
            self._run(offers.withdraw_offer, offer_id=offer_id, reason=reason.strip())

        self.question = ask_text(
            self,
            self.tr("Withdraw the offer to {worker}").format(worker=worker),
            self.tr("Reason (optional):"),
            apply,
            name="withdrawReason",
        )

    def open_pool(self) -> None:
        if self.file is not None:
            self._run(offers.open_pool, order_id=self.file.detail.id)

    def clear_exception(self) -> None:
        if self.file is not None:
            self._run(dispatch.clear_exception, order_id=self.file.detail.id)
