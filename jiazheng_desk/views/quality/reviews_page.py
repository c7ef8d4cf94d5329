"""Quality → Reviews: every review with filters; a negative one leads to its case."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import quality, quality_cases
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.services.quality import ReviewFilter, ReviewRow
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.dialogs import inform
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.quality import texts
from jiazheng_desk.views.quality.common import branch_filter, date_edit, period, today
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_table, selected_row

RED = QBrush(QColor("#c0392b"))
CHANGES = {"quality", "audit"}


class ReviewsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker_id: int | None = None
        first = today(ctx.tz)
        self.branch = branch_filter(ctx, self, "reviewBranch", self.tr("All branches"))
        self.since = date_edit(self, "reviewSince", first - timedelta(days=30))
        self.until = date_edit(self, "reviewUntil", first)
        self.min_score = QSpinBox(self)
        self.min_score.setObjectName("reviewMin")
        self.min_score.setRange(1, 5)
        self.max_score = QSpinBox(self)
        self.max_score.setObjectName("reviewMax")
        self.max_score.setRange(1, 5)
        self.max_score.setValue(5)
        self.negative = QCheckBox(self.tr("Negative only"), self)
        self.negative.setObjectName("reviewNegative")
        self.with_text = QCheckBox(self.tr("With text"), self)
        self.with_text.setObjectName("reviewWithText")
        self.worker_button = QPushButton(self.tr("This worker only"), self)
        self.worker_button.setObjectName("reviewWorkerOnly")
        self.worker_button.setCheckable(True)
        self.count = QLabel(self)
        self.count.setObjectName("reviewCount")
        self.case_button = QPushButton(self.tr("Open the case"), self)
        self.case_button.setObjectName("openCase")
        self.catch_up = QPushButton(self.tr("Open cases for older negative reviews"), self)
        self.catch_up.setObjectName("catchUpCases")

        self.model = PagedTableModel(
            ctx.runner, self._columns(), key="quality.reviews", parent=self
        )
        self.table = make_table(self.model, self, "reviewTable", descending=True)
        self.model.loaded.connect(lambda n: self.count.setText(self.tr("{n} reviews").format(n=n)))
        self.model.load_failed.connect(lambda f: self.count.setText(f.message))

        filters = QHBoxLayout()
        filters.addWidget(self.branch)
        filters.addWidget(QLabel(self.tr("From"), self))
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("to"), self))
        filters.addWidget(self.until)
        filters.addWidget(QLabel(self.tr("Overall"), self))
        filters.addWidget(self.min_score)
        filters.addWidget(QLabel("–", self))
        filters.addWidget(self.max_score)
        for w in (self.negative, self.with_text, self.worker_button):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.count)
        actions = QHBoxLayout()
        actions.addWidget(self.case_button)
        actions.addWidget(self.catch_up)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table)

        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _d: self.reload())
        for spin in (self.min_score, self.max_score):
            spin.valueChanged.connect(lambda _v: self.reload())
        for box in (self.negative, self.with_text):
            box.toggled.connect(lambda _b: self.reload())
        self.branch.currentIndexChanged.connect(lambda _i: self.reload())
        self.worker_button.toggled.connect(self._worker_only)
        self.case_button.clicked.connect(self.open_case)
        self.catch_up.clicked.connect(self.open_missing_cases)
        self.table.doubleClicked.connect(lambda _i: self.open_case())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.catch_up.setVisible(ctx.can(Perm.QUALITY_HANDLE))
        self.reload()

    def _columns(self) -> list[Column]:
        tz = self.ctx.tz

        def red(v: ReviewRow) -> Any:
            return RED if v.negative else None

        def case_text(v: ReviewRow) -> str:
            if v.case_id is None:
                return self.tr("No case") if v.negative else ""
            return f"#{v.case_id} {texts.name_of(texts.case_states(), v.case_state)}"

        return [
            Column(self.tr("Written"), lambda v: fmt.local_time(v.created_at, tz), "created_at"),
            Column(self.tr("Order"), lambda v: v.order_no),
            Column(self.tr("Worker"), lambda v: v.worker_name),
            Column(self.tr("Customer"), lambda v: v.customer_name),
            Column(self.tr("Overall"), lambda v: str(v.overall), "overall", True, foreground=red),
            Column(self.tr("Attitude"), lambda v: str(v.attitude), None, True),
            Column(self.tr("Skill"), lambda v: str(v.skill), None, True),
            Column(self.tr("Efficiency"), lambda v: str(v.efficiency), None, True),
            Column(self.tr("Punctuality"), lambda v: str(v.punctuality), None, True),
            Column(self.tr("Case"), case_text, foreground=red),
            Column(self.tr("Text"), lambda v: v.text, tooltip=lambda v: v.text),
        ]

    def current_filter(self) -> ReviewFilter:
        since, until = period(self.since, self.until, self.ctx.tz)
        return ReviewFilter(
            branch_id=self.branch.currentData(),
            worker_id=self.worker_id,
            min_overall=self.min_score.value(),
            max_overall=self.max_score.value(),
            negative_only=self.negative.isChecked(),
            with_text_only=self.with_text.isChecked(),
            since=since,
            until=until,
        )

    def reload(self) -> None:
        self.model.set_fetch(
            list_fetch(quality.list_reviews, actor=self.ctx.actor, flt=self.current_filter())
        )
        self._update_buttons()

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "quality" in changes:
            self.model.reload()

    def selected(self) -> ReviewRow | None:
        item = self.model.item(selected_row(self.table))
        return item if isinstance(item, ReviewRow) else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.case_button.setEnabled(chosen is not None and chosen.case_id is not None)

    def _worker_only(self, on: bool) -> None:
        chosen = self.selected()
        if on and chosen is None:
            self.worker_button.setChecked(False)
            return
        self.worker_id = chosen.worker_id if on and chosen is not None else None
        self.worker_button.setText(
            self.tr("Only {name} (click for all)").format(name=chosen.worker_name)
            if on and chosen is not None
            else self.tr("This worker only")
        )
        self.reload()

    def open_case(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.case_id is None:
            return
        window: Any = self.window()
        page = window.open_page("quality.cases")
        page.show_case(chosen.case_id)

    def open_missing_cases(self) -> None:
        self.catch_up.setEnabled(False)
        self.ctx.runner.run_command(
            quality_cases.open_cases_for_negative_reviews,
            actor=self.ctx.actor,
            on_done=self._caught_up,
            on_error=self._catch_up_failed,
            changes=CHANGES,
        )

    def _caught_up(self, opened: int) -> None:
        self.catch_up.setEnabled(True)
        self.last_info = inform(
            self,
            self.tr("Follow-up cases"),
            self.tr("{n} cases opened for negative reviews that had none.").format(n=opened),
            "catchUpInfo",
        )

    def _catch_up_failed(self, failure: TaskFailure) -> None:
        self.catch_up.setEnabled(True)
        self.count.setText(failure.message)
