"""Quality → Calls back: the calls due today and overdue, and their results."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from jiazheng_desk import clock
from jiazheng_desk.services import callbacks
from jiazheng_desk.services.callbacks import CallbackFilter, CallbackRow
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.dialogs import inform
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.quality import texts
from jiazheng_desk.views.quality.case_dialogs import note_edit
from jiazheng_desk.views.quality.common import branch_filter
from jiazheng_desk.views.widgets.form import FormDialog
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_table, selected_row

RED = QBrush(QColor("#c0392b"))
CHANGES = {"quality", "audit"}


class RecordCallDialog(FormDialog):
    def __init__(self, ctx: DeskContext, call: CallbackRow, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            intro=self.tr("Call {name} on {phone} (order {order}).").format(
                name=call.customer_name, phone=call.customer_phone, order=call.order_no or "—"
            ),
        )
        self.setObjectName("recordCallDialog")
        self.setWindowTitle(self.tr("Record the call"))
        self.ctx, self.call = ctx, call
        self.result_box = QComboBox(self)
        self.result_box.setObjectName("callbackResult")
        texts.fill(self.result_box, texts.call_results())
        self.note = note_edit(self, "callbackNote")
        self.add_row("result", self.tr("Result"), self.result_box)
        self.add_row("note", self.tr("What the customer said"), self.note)

    def save(self) -> None:
        self.ctx.runner.run_command(
            callbacks.record_callback,
            actor=self.ctx.actor,
            callback_id=self.call.id,
            result=self.result_box.currentData(),
            note=self.note.toPlainText(),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )


class CallbacksPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.when = QComboBox(self)
        self.when.setObjectName("callbackWhen")
        for text, code in (
            (self.tr("Due today and overdue"), "due"),
            (self.tr("Overdue"), "overdue"),
            (self.tr("All to call"), "pending"),
            (self.tr("Done"), "done"),
            (self.tr("All"), "all"),
        ):
            self.when.addItem(text, code)
        self.kind = QComboBox(self)
        self.kind.setObjectName("callbackKind")
        texts.fill(self.kind, texts.callback_kinds(), first=self.tr("All kinds"))
        self.branch = branch_filter(ctx, self, "callbackBranch", self.tr("All branches"))
        self.count = QLabel(self)
        self.count.setObjectName("callbackCount")
        self.record_button = QPushButton(self.tr("Record result…"), self)
        self.record_button.setObjectName("recordCallback")
        self.plan_button = QPushButton(self.tr("Plan calls after first orders"), self)
        self.plan_button.setObjectName("planCallbacks")
        self.model = PagedTableModel(
            ctx.runner, self._columns(), key="quality.callbacks", parent=self
        )
        self.table = make_table(self.model, self, "callbackTable")
        self.model.loaded.connect(lambda n: self.count.setText(self.tr("{n} calls").format(n=n)))
        self.model.load_failed.connect(lambda f: self.count.setText(f.message))
        filters = QHBoxLayout()
        for w in (self.when, self.kind, self.branch, self.record_button, self.plan_button):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        for combo in (self.when, self.kind, self.branch):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.record_button.clicked.connect(self.record)
        self.plan_button.clicked.connect(self.plan)
        self.table.doubleClicked.connect(lambda _i: self.record())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.reload()

    def _columns(self) -> list[Column]:
        tz = self.ctx.tz

        def late(v: CallbackRow) -> Any:
            return RED if v.overdue else None

        return [
            Column(
                self.tr("Due"), lambda v: fmt.local_time(v.due_at, tz), "due_at", foreground=late
            ),
            Column(self.tr("Customer"), lambda v: v.customer_name),
            Column(self.tr("Phone"), lambda v: v.customer_phone),
            Column(self.tr("Order"), lambda v: v.order_no),
            Column(self.tr("Kind"), lambda v: texts.name_of(texts.callback_kinds(), v.kind)),
            Column(
                self.tr("State"),
                lambda v: texts.name_of(texts.callback_states(), v.state),
                "state",
            ),
            Column(
                self.tr("Result"),
                lambda v: texts.name_of(texts.call_results(), v.result) if v.result else "",
            ),
            Column(self.tr("By"), lambda v: v.done_by_name),
            Column(self.tr("Note"), lambda v: v.note, tooltip=lambda v: v.note),
        ]

    def reload(self) -> None:
        flt = CallbackFilter(
            when=self.when.currentData(),
            kind=self.kind.currentData(),
            branch_id=self.branch.currentData(),
        )
        self.model.set_fetch(list_fetch(callbacks.list_callbacks, actor=self.ctx.actor, flt=flt))
        self._update_buttons()

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "quality" in changes:
            self.model.reload()

    def selected(self) -> CallbackRow | None:
        item = self.model.item(selected_row(self.table))
        return item if isinstance(item, CallbackRow) else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.record_button.setEnabled(chosen is not None and chosen.state == "pending")

    def record(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.state != "pending":
            return
        self.dialog = RecordCallDialog(self.ctx, chosen, self)
        self.dialog.open()

    def plan(self) -> None:
        self.plan_button.setEnabled(False)
        self.ctx.runner.run_command(
            callbacks.schedule_first_order_callbacks,
            actor=self.ctx.actor,
            now=clock.now(),
            on_done=self._planned,
            on_error=self._plan_failed,
            changes=CHANGES,
        )

    def _plan_failed(self, failure: TaskFailure) -> None:
        self.plan_button.setEnabled(True)
        self.count.setText(failure.message)

    def _planned(self, n: int) -> None:
        self.plan_button.setEnabled(True)
        self.last_info = inform(
            self,
            self.tr("Calls back"),
            self.tr("{n} calls planned after customers' first orders.").format(n=n),
            "planInfo",
        )
