"""Quality → Follow-up cases: the list, and the case's detail with its steps and actions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import quality_cases
from jiazheng_desk.services.quality_cases import CaseDetail, CaseFilter, CaseRow
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.dialogs import ask_text
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.quality import texts
from jiazheng_desk.views.quality.case_dialogs import CHANGES, CallDialog, DecisionDialog
from jiazheng_desk.views.quality.common import branch_filter
from jiazheng_desk.views.widgets.layout import list_and_detail
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_list_table, make_table, selected_row


class CasesPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: CaseDetail | None = None
        self._wanted: int | None = None

        self.state = QComboBox(self)
        self.state.setObjectName("caseState")
        texts.fill(self.state, texts.case_states(), first=self.tr("All states"))
        self.state.insertItem(0, self.tr("Still open"), "active")
        self.state.setCurrentIndex(0)
        self.mine = QCheckBox(self.tr("Mine only"), self)
        self.mine.setObjectName("caseMine")
        self.branch = branch_filter(ctx, self, "caseBranch", self.tr("All branches"))
        self.count = QLabel(self)
        self.count.setObjectName("caseCount")
        self.model = PagedTableModel(ctx.runner, self._columns(), key="quality.cases", parent=self)
        self.table = make_table(self.model, self, "caseTable", descending=True)
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(lambda f: self.count.setText(f.message))

        filters = QHBoxLayout()
        for w in (self.state, self.branch, self.mine):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.count)
        list_and_detail(self, filters, self.table, self._build_detail())

        self.state.currentIndexChanged.connect(lambda _i: self.reload())
        self.branch.currentIndexChanged.connect(lambda _i: self.reload())
        self.mine.toggled.connect(lambda _b: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._load_detail())
        self.reload()

    def _columns(self) -> list[Column]:
        tz = self.ctx.tz
        return [
            Column("#", lambda v: str(v.id), "id", True),
            Column(self.tr("Opened"), lambda v: fmt.local_time(v.created_at, tz), "created_at"),
            Column(
                self.tr("State"), lambda v: texts.name_of(texts.case_states(), v.state), "state"
            ),
            Column(self.tr("Worker"), lambda v: v.worker_name),
            Column(self.tr("Customer"), lambda v: v.customer_name),
            Column(self.tr("Order"), lambda v: v.order_no),
            Column(self.tr("Lowest score"), lambda v: str(v.lowest or ""), None, True),
            Column(self.tr("Owner"), lambda v: v.owner_name),
            Column(
                self.tr("Decision"),
                lambda v: texts.name_of(texts.decisions(), v.decision) if v.decision else "",
            ),
            Column(self.tr("Review"), lambda v: v.review_text, tooltip=lambda v: v.review_text),
        ]

    def _build_detail(self) -> QWidget:
        panel = QWidget(self)
        panel.setObjectName("caseDetail")
        self.title = QLabel(self.tr("Choose a case"), panel)
        self.title.setObjectName("caseTitle")
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.summary = QLabel(panel)
        self.summary.setObjectName("caseSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.investigation = QLabel(panel)
        self.investigation.setObjectName("caseInvestigation")
        self.investigation.setWordWrap(True)
        self.decision_text = QLabel(panel)
        self.decision_text.setObjectName("caseDecision")
        self.decision_text.setWordWrap(True)
        info = QFormLayout()
        info.addRow(self.tr("Investigation"), self.investigation)
        info.addRow(self.tr("Decision"), self.decision_text)
        self.steps = make_list_table(
            panel, "caseSteps", [self.tr("When"), self.tr("Step"), self.tr("By"), self.tr("Note")]
        )
        self.take_button = QPushButton(self.tr("Take it"), panel)
        self.take_button.setObjectName("caseTake")
        self.note_button = QPushButton(self.tr("Investigation note…"), panel)
        self.note_button.setObjectName("caseNote")
        self.call_button = QPushButton(self.tr("Call the customer…"), panel)
        self.call_button.setObjectName("caseCall")
        self.decide_button = QPushButton(self.tr("Decide…"), panel)
        self.decide_button.setObjectName("caseDecide")
        self.close_button = QPushButton(self.tr("Close the case"), panel)
        self.close_button.setObjectName("caseClose")
        buttons = QHBoxLayout()
        for b in (
            self.take_button,
            self.note_button,
            self.call_button,
            self.decide_button,
            self.close_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box = QVBoxLayout(panel)
        box.addWidget(self.title)
        box.addWidget(self.summary)
        box.addLayout(info)
        box.addLayout(buttons)
        box.addWidget(QLabel(self.tr("Steps"), panel))
        box.addWidget(self.steps, 1)
        self.take_button.clicked.connect(self.take)
        self.note_button.clicked.connect(self.add_note)
        self.call_button.clicked.connect(self.call_customer)
        self.decide_button.clicked.connect(self.decide)
        self.close_button.clicked.connect(self.close_case)
        self._show(None)
        return panel

    # --- loading ----------------------------------------------------------------------

    def current_filter(self) -> CaseFilter:
        return CaseFilter(
            state=self.state.currentData(),
            branch_id=self.branch.currentData(),
            owner_id=self.ctx.actor.id if self.mine.isChecked() else None,
        )

    def reload(self) -> None:
        self.model.set_fetch(
            list_fetch(quality_cases.list_cases, actor=self.ctx.actor, flt=self.current_filter())
        )

    def _loaded(self, total: int) -> None:
        self.count.setText(self.tr("{n} cases").format(n=total))
        if self._wanted is not None:
            for row in range(self.model.rowCount()):
                if self.model.item(row).id == self._wanted:
                    self.table.selectRow(row)
                    break

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "quality" in changes:
            self.model.reload()
            if self.detail is not None:
                self._fetch_detail(self.detail.row.id)

    def show_case(self, case_id: int) -> None:
        """Show one case (from the reviews page): every state, then select it."""
        self._wanted = case_id
        self.mine.setChecked(False)
        self.state.setCurrentIndex(self.state.findData(None))
        self.reload()
        self._fetch_detail(case_id)

    def selected(self) -> CaseRow | None:
        item = self.model.item(selected_row(self.table))
        return item if isinstance(item, CaseRow) else None

    def _load_detail(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._fetch_detail(chosen.id)

    def _fetch_detail(self, case_id: int) -> None:
        self.ctx.runner.run_query(
            quality_cases.get_case,
            actor=self.ctx.actor,
            case_id=case_id,
            on_done=self._show,
            on_error=self._failed,
            key="quality.case_detail",
        )

    def _failed(self, failure: TaskFailure) -> None:
        self.summary.setText(failure.message)

    def _show(self, detail: CaseDetail | None) -> None:
        self.detail = detail
        open_ = detail is not None and detail.row.state in quality_cases.OPEN_STATES
        for b in (self.take_button, self.note_button, self.call_button, self.decide_button):
            b.setEnabled(open_)
        self.close_button.setEnabled(detail is not None and detail.row.state == "decided")
        self.steps.setRowCount(0)
        if detail is None:
            self.summary.clear()
            self.investigation.clear()
            self.decision_text.clear()
            return
        row = detail.row
        tz = self.ctx.tz
        self.title.setText(
            self.tr("Case #{id} · {state}").format(
                id=row.id, state=texts.name_of(texts.case_states(), row.state)
            )
        )
        scores = " ".join(f"{self._score_name(k)} {v}" for k, v in detail.scores.items())
        self.summary.setText(
            self.tr(
                "Worker: {worker}\nCustomer: {customer} {phone}\nOrder: {order}\n"
                "Scores: {scores}\nReview: {text}\nOwner: {owner}"
            ).format(
                worker=row.worker_name,
                customer=row.customer_name,
                phone=detail.customer_phone,
                order=row.order_no,
                scores=scores,
                text=row.review_text or "—",
                owner=row.owner_name or self.tr("nobody yet"),
            )
        )
        self.investigation.setText(detail.investigation or "—")
        if row.decision:
            amount = f" {fmt.yuan(row.amount_fen)}" if row.amount_fen else ""
            self.decision_text.setText(
                f"{texts.name_of(texts.decisions(), row.decision)}{amount}"
                f" · {detail.decided_by_name} {fmt.local_time(detail.decided_at, tz)}"
                f"\n{detail.decision_note}".rstrip()
            )
        else:
            self.decision_text.setText("—")
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

    def _score_name(self, key: str) -> str:
        names = {
            "attitude": self.tr("Attitude"),
            "skill": self.tr("Skill"),
            "efficiency": self.tr("Efficiency"),
            "punctuality": self.tr("Punctuality"),
            "overall": self.tr("Overall"),
        }
        return names.get(key, key)

    # --- actions ----------------------------------------------------------------------

    def _run(self, fn: Any, **kwargs: Any) -> None:
        assert self.detail is not None
        self.ctx.runner.run_command(
            fn,
            actor=self.ctx.actor,
            case_id=self.detail.row.id,
            on_done=self._show,
            changes=CHANGES,
            **kwargs,
        )

    def take(self) -> None:
        if self.detail is not None:
            self._run(quality_cases.assign_case, owner_id=None)

    def add_note(self) -> None:
        if self.detail is None:
            return
        self.question = ask_text(
            self,
            self.tr("Investigation"),
            self.tr("What did you find out?"),
            lambda text: self._run(quality_cases.add_investigation_note, note=text),
            name="caseNoteAsk",
        )

    def call_customer(self) -> None:
        if self.detail is None:
            return
        self.call_dialog = CallDialog(self.ctx, self.detail, self)
        self.call_dialog.accepted.connect(lambda: self._show(self.call_dialog.result_value))
        self.call_dialog.open()

    def decide(self) -> None:
        if self.detail is None:
            return
        self.decision_dialog = DecisionDialog(self.ctx, self.detail, self)
        self.decision_dialog.accepted.connect(lambda: self._show(self.decision_dialog.result_value))
        self.decision_dialog.open()

    def close_case(self) -> None:
        if self.detail is not None:
            self._run(quality_cases.close_case)
