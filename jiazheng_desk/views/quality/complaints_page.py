"""Quality → Complaints: the list with its overdue flag, a new complaint from a call,
the owner, priority, state changes and the resolution."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import complaints
from jiazheng_desk.services.complaints import ComplaintDetail, ComplaintFilter, ComplaintRow
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.dialogs import ask_text
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.quality import texts
from jiazheng_desk.views.quality.common import branch_filter
from jiazheng_desk.views.quality.complaint_dialogs import (
    CHANGES,
    NewComplaintDialog,
    ResolveDialog,
)
from jiazheng_desk.views.widgets.layout import list_and_detail
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_list_table, make_table, selected_row

RED = QBrush(QColor("#c0392b"))


class ComplaintsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: ComplaintDetail | None = None
        self.state = QComboBox(self)
        self.state.setObjectName("complaintStateFilter")
        texts.fill(self.state, texts.complaint_states(), first=self.tr("All states"))
        self.state.insertItem(0, self.tr("Still open"), "active")
        self.state.setCurrentIndex(0)
        self.category = QComboBox(self)
        self.category.setObjectName("complaintCategoryFilter")
        texts.fill(self.category, texts.categories(), first=self.tr("All categories"))
        self.priority = QComboBox(self)
        self.priority.setObjectName("complaintPriorityFilter")
        texts.fill(self.priority, texts.priorities(), first=self.tr("All priorities"))
        self.branch = branch_filter(ctx, self, "complaintBranch", self.tr("All branches"))
        self.overdue = QCheckBox(self.tr("Overdue only"), self)
        self.overdue.setObjectName("complaintOverdue")
        self.count = QLabel(self)
        self.count.setObjectName("complaintCount")
        self.new_button = QPushButton(self.tr("New complaint…"), self)
        self.new_button.setObjectName("newComplaint")
        self.new_button.setVisible(ctx.can(Perm.CUSTOMER_VIEW))
        self.model = PagedTableModel(
            ctx.runner, self._columns(), key="quality.complaints", parent=self
        )
        self.table = make_table(self.model, self, "complaintTable", descending=True)
        self.model.loaded.connect(
            lambda n: self.count.setText(self.tr("{n} complaints").format(n=n))
        )
        self.model.load_failed.connect(lambda f: self.count.setText(f.message))

        filters = QHBoxLayout()
        for w in (
            self.new_button,
            self.state,
            self.category,
            self.priority,
            self.branch,
            self.overdue,
        ):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.count)
        list_and_detail(self, filters, self.table, self._build_detail())

        for combo in (self.state, self.category, self.priority, self.branch):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.overdue.toggled.connect(lambda _b: self.reload())
        self.new_button.clicked.connect(self.new_complaint)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._load_detail())
        self.reload()

    def _columns(self) -> list[Column]:
        tz = self.ctx.tz

        def late(v: ComplaintRow) -> Any:
            return RED if v.overdue else None

        def deadline(v: ComplaintRow) -> str:
            text = fmt.local_time(v.deadline_at, tz)
            return self.tr("{time} (overdue)").format(time=text) if v.overdue else text

        return [
            Column("#", lambda v: str(v.id), "id", True),
            Column(self.tr("Filed"), lambda v: fmt.local_time(v.created_at, tz), "created_at"),
            Column(
                self.tr("Priority"),
                lambda v: texts.name_of(texts.priorities(), v.priority),
                "priority",
            ),
            Column(self.tr("Category"), lambda v: texts.name_of(texts.categories(), v.category)),
            Column(
                self.tr("State"),
                lambda v: texts.name_of(texts.complaint_states(), v.state),
                "state",
            ),
            Column(self.tr("Deadline"), deadline, "deadline_at", foreground=late),
            Column(self.tr("Customer"), lambda v: v.customer_name),
            Column(self.tr("Order"), lambda v: v.order_no),
            Column(self.tr("Worker"), lambda v: v.worker_name),
            Column(self.tr("Owner"), lambda v: v.owner_name),
            Column(self.tr("Channel"), lambda v: texts.name_of(texts.channels(), v.channel)),
            Column(self.tr("Complaint"), lambda v: v.text, tooltip=lambda v: v.text),
        ]

    def _build_detail(self) -> QWidget:
        panel = QWidget(self)
        panel.setObjectName("complaintDetail")
        self.title = QLabel(self.tr("Choose a complaint"), panel)
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.summary = QLabel(panel)
        self.summary.setObjectName("complaintSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.take_button = QPushButton(self.tr("Take it"), panel)
        self.take_button.setObjectName("complaintTake")
        self.priority_button = QPushButton(self.tr("Priority…"), panel)
        self.priority_button.setObjectName("complaintSetPriority")
        self.start_button = QPushButton(self.tr("Start"), panel)
        self.start_button.setObjectName("complaintStart")
        self.resolve_button = QPushButton(self.tr("Resolve…"), panel)
        self.resolve_button.setObjectName("complaintResolve")
        self.close_button = QPushButton(self.tr("Close"), panel)
        self.close_button.setObjectName("complaintClose")
        self.reopen_button = QPushButton(self.tr("Reopen…"), panel)
        self.reopen_button.setObjectName("complaintReopen")
        self.steps = make_list_table(
            panel,
            "complaintSteps",
            [self.tr("When"), self.tr("Step"), self.tr("By"), self.tr("Note")],
        )
        buttons = QHBoxLayout()
        for b in (
            self.take_button,
            self.priority_button,
            self.start_button,
            self.resolve_button,
            self.close_button,
            self.reopen_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box = QVBoxLayout(panel)
        box.addWidget(self.title)
        box.addWidget(self.summary)
        box.addLayout(buttons)
        box.addWidget(QLabel(self.tr("History"), panel))
        box.addWidget(self.steps, 1)
        self.take_button.clicked.connect(self.take)
        self.priority_button.clicked.connect(self.change_priority)
        self.start_button.clicked.connect(lambda: self._move("start"))
        self.resolve_button.clicked.connect(self.resolve)
        self.close_button.clicked.connect(lambda: self._move("close"))
        self.reopen_button.clicked.connect(self.reopen)
        self._show(None)
        return panel

    # --- loading ----------------------------------------------------------------------

    def current_filter(self) -> ComplaintFilter:
        return ComplaintFilter(
            state=self.state.currentData(),
            category=self.category.currentData(),
            priority=self.priority.currentData(),
            branch_id=self.branch.currentData(),
            overdue_only=self.overdue.isChecked(),
        )

    def reload(self) -> None:
        self.model.set_fetch(
            list_fetch(complaints.list_complaints, actor=self.ctx.actor, flt=self.current_filter())
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "quality" in changes:
            self.model.reload()

    def selected(self) -> ComplaintRow | None:
        item = self.model.item(selected_row(self.table))
        return item if isinstance(item, ComplaintRow) else None

    def _load_detail(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        self.ctx.runner.run_query(
            complaints.get_complaint,
            actor=self.ctx.actor,
            complaint_id=chosen.id,
            on_done=self._show,
            on_error=self._failed,
            key="quality.complaint_detail",
        )

    def _failed(self, failure: TaskFailure) -> None:
        self.summary.setText(failure.message)

    def _show(self, detail: ComplaintDetail | None) -> None:
        self.detail = detail
        state = detail.row.state if detail is not None else ""
        moves = complaints.TRANSITIONS
        self.take_button.setEnabled(detail is not None)
        self.priority_button.setEnabled(state in complaints.OPEN_STATES)
        self.start_button.setEnabled(state in moves["start"])
        self.resolve_button.setEnabled(state in moves["resolve"])
        self.close_button.setEnabled(state in moves["close"])
        self.reopen_button.setEnabled(state in moves["reopen"])
        self.steps.setRowCount(0)
        if detail is None:
            self.summary.clear()
            return
        row, tz = detail.row, self.ctx.tz
        self.title.setText(
            self.tr("Complaint #{id} · {state}").format(
                id=row.id, state=texts.name_of(texts.complaint_states(), row.state)
            )
        )
        self.summary.setText(
            self.tr(
                "Customer: {customer} {phone}\nOrder: {order}  Worker: {worker}\n"
                "Deadline: {deadline}  Owner: {owner}\n\n{text}\n\nResolution: {resolution}"
                "  Compensation: {money}"
            ).format(
                customer=row.customer_name,
                phone=row.customer_phone,
                order=row.order_no or "—",
                worker=row.worker_name or "—",
                deadline=fmt.local_time(row.deadline_at, tz),
                owner=row.owner_name or self.tr("nobody yet"),
                text=row.text,
                resolution=row.resolution or "—",
                money=fmt.yuan(row.compensation_fen),
            )
        )
        for step in detail.steps:
            r = self.steps.rowCount()
            self.steps.insertRow(r)
            for c, text in enumerate(
                (
                    fmt.local_time(step.at, tz),
                    texts.name_of(texts.events(), step.event),
                    texts.actor_name(step.actor_name),
                    texts.step_reason(step.event, step.reason),
                )
            ):
                self.steps.setItem(r, c, QTableWidgetItem(text))

    # --- actions ----------------------------------------------------------------------

    def _run(self, fn: Any, **kwargs: Any) -> None:
        assert self.detail is not None
        self.ctx.runner.run_command(
            fn,
            actor=self.ctx.actor,
            complaint_id=self.detail.row.id,
            on_done=self._show,
            changes=CHANGES,
            **kwargs,
        )

    def _move(self, event: str, note: str = "") -> None:
        if self.detail is not None:
            self._run(complaints.move_complaint, event=event, note=note)

    def take(self) -> None:
        if self.detail is not None:
            self._run(complaints.assign_complaint, owner_id=None)

    def change_priority(self) -> None:
        if self.detail is None:
            return
        names = texts.priorities()
        dialog = QInputDialog(self)
        dialog.setObjectName("complaintPriorityAsk")
        dialog.setWindowTitle(self.tr("Priority"))
        dialog.setLabelText(self.tr("The deadline follows the priority:"))
        dialog.setComboBoxItems(list(names.values()))
        dialog.setTextValue(names.get(self.detail.row.priority, ""))
        codes = {name: code for code, name in names.items()}
        dialog.textValueSelected.connect(
            lambda name: self._run(complaints.set_complaint_priority, priority=codes[name])
        )
        self.question = dialog
        dialog.open()

    def resolve(self) -> None:
        if self.detail is None:
            return
        self.resolve_dialog = ResolveDialog(self.ctx, self.detail, self)
        self.resolve_dialog.accepted.connect(lambda: self._show(self.resolve_dialog.result_value))
        self.resolve_dialog.open()

    def reopen(self) -> None:
        if self.detail is None:
            return
        self.question = ask_text(
            self,
            self.tr("Reopen"),
            self.tr("Why is it reopened?"),
            lambda text: self._move("reopen", text),
            name="complaintReopenAsk",
        )

    def new_complaint(self) -> None:
        self.new_dialog = NewComplaintDialog(self.ctx, self)
        self.new_dialog.accepted.connect(lambda: self._show(self.new_dialog.result_value))
        self.new_dialog.open()
