"""Workers & vetting → Workers: the branch's workers (HQ: all) with filters, and the
chosen worker's record beside the list — profile, skills and districts, shifts,
documents, ratings and complaints, history — with suspend and reinstate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import branches, catalog, worker_records
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.catalog import SkillView
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.services.worker_records import WorkerFilter, WorkerRecord, WorkerRow
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.dialogs import ask_text, show_failure
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_table, selected_row
from jiazheng_desk.views.worker_records.documents_tab import (
    WorkerDocumentsTab,
    WorkerHistoryTab,
    WorkerRatingsTab,
)
from jiazheng_desk.views.worker_records.profile_tab import CHANGES, WorkerProfileTab
from jiazheng_desk.views.worker_records.skills_tab import WorkerShiftsTab, WorkerSkillsTab
from jiazheng_desk.views.worker_records.texts import (
    EXPIRED,
    gender_text,
    rating_text,
    status_text,
)


class WorkersPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: WorkerRecord | None = None
        self.skills: list[SkillView] = []
        self.branches: list[BranchView] = []
        self.question: QWidget | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("workerRecordSearch")
        self.search.setPlaceholderText(self.tr("Name, initials, phone digits or ID last four"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("workerStatusFilter")
        self.status_filter.addItem(self.tr("Any status"), "")
        for code in ("active", "suspended", "applicant", "left"):
            self.status_filter.addItem(status_text(code), code)
        self.skill_filter = QComboBox(self)
        self.skill_filter.setObjectName("workerSkillFilter")
        self.skill_filter.addItem(self.tr("Any skill"), None)
        self.district_filter = QComboBox(self)
        self.district_filter.setObjectName("workerDistrictFilter")
        self.district_filter.addItem(self.tr("Any district"), None)
        self.branch_filter = QComboBox(self)
        self.branch_filter.setObjectName("workerBranchFilter")
        self.branch_filter.addItem(self.tr("All branches"), None)
        self.branch_filter.setVisible(ctx.actor.is_hq)
        self.count = QLabel(self)
        self.count.setObjectName("workerCount")

        self.model = PagedTableModel(ctx.runner, self._columns(), key="workers.list", parent=self)
        self.table = make_table(self.model, self, "workerTable")
        self.model.loaded.connect(lambda n: self.count.setText(self.tr("{n} workers").format(n=n)))
        self.model.load_failed.connect(lambda f: self.count.setText(f.message))

        self.title = QLabel(self)
        self.title.setObjectName("workerTitle")
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = QLabel(self)
        self.state.setObjectName("workerState")
        self.state.setWordWrap(True)
        self.suspend_button = QPushButton(self.tr("Suspend…"), self)
        self.suspend_button.setObjectName("suspendWorker")
        self.profile_tab = WorkerProfileTab(ctx, self)
        self.skills_tab = WorkerSkillsTab(ctx, self)
        self.shifts_tab = WorkerShiftsTab(ctx, self)
        self.documents_tab = WorkerDocumentsTab(ctx, self)
        self.ratings_tab = WorkerRatingsTab(ctx, self)
        self.history_tab = WorkerHistoryTab(ctx, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("workerTabs")
        for tab, name in (
            (self.profile_tab, self.tr("Profile")),
            (self.skills_tab, self.tr("Skills and districts")),
            (self.shifts_tab, self.tr("Shifts")),
            (self.documents_tab, self.tr("Documents")),
            (self.ratings_tab, self.tr("Ratings and complaints")),
            (self.history_tab, self.tr("History")),
        ):
            self.tabs.addTab(tab, name)
        self._layout()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (
            self.status_filter,
            self.skill_filter,
            self.district_filter,
            self.branch_filter,
        ):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._row_chosen())
        self.suspend_button.clicked.connect(self.toggle_suspension)
        self.profile_tab.saved.connect(self.show_record)
        self.skills_tab.saved.connect(self.show_record)
        self.shifts_tab.saved.connect(self.reload_record)
        self.documents_tab.changed.connect(self.reload_record)
        self._load_choices()
        self.reload()

    def _columns(self) -> list[Column]:
        def grey(row: WorkerRow) -> Any:
            return EXPIRED if row.status == "suspended" else None

        return [
            Column(self.tr("Name"), lambda r: r.name, "name", foreground=grey),
            Column(self.tr("Mobile"), lambda r: r.phone, None),
            Column(self.tr("ID number"), lambda r: r.id_number_masked or "—", None),
            Column(self.tr("Gender"), lambda r: gender_text(r.gender), None),
            Column(
                self.tr("Status"),
                lambda r: status_text(r.status),
                "status",
                tooltip=lambda r: r.status_reason,
                foreground=grey,
            ),
            Column(self.tr("Skills"), lambda r: "、".join(r.skills), None),
            Column(
                self.tr("Rating"), lambda r: rating_text(r.rating_average, r.rating_count), "rating"
            ),
            Column(
                self.tr("Experience"),
                lambda r: self.tr("{n} years").format(n=r.years_experience),
                "years_experience",
                align_right=True,
            ),
            Column(self.tr("Branch"), lambda r: r.branch_name, None),
        ]

    def _layout(self) -> None:
        filters = QHBoxLayout()
        for widget in (
            self.search,
            self.status_filter,
            self.skill_filter,
            self.district_filter,
            self.branch_filter,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)

        record = QWidget(self)
        record_layout = QVBoxLayout(record)
        record_layout.setContentsMargins(6, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.suspend_button)
        record_layout.addLayout(header)
        record_layout.addWidget(self.state)
        record_layout.addWidget(self.tabs, 1)
        self.empty = QLabel(self.tr("Choose a worker on the left to see the record."), self)
        self.empty.setObjectName("noWorker")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setProperty("role", "hint")
        self.right = QStackedWidget(self)
        self.right.addWidget(self.empty)
        self.right.addWidget(record)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 720])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

    # --- loading ----------------------------------------------------------------------

    def _load_choices(self) -> None:
        self.ctx.runner.run_query(
            catalog.list_skills, on_done=self._skills_loaded, key="workers.skills"
        )
        self.ctx.runner.run_query(
            branches.list_branches,
            actor=self.ctx.actor,
            on_done=self._branches_loaded,
            key="workers.branches",
        )

    def _skills_loaded(self, skills: list[SkillView]) -> None:
        self.skills = skills
        self._refill(self.skill_filter, self.tr("Any skill"), [(s.name, s.id) for s in skills])
        self.skills_tab.set_choices(self.skills, self.branches)

    def _branches_loaded(self, items: list[BranchView]) -> None:
        self.branches = items
        self._refill(self.branch_filter, self.tr("All branches"), [(b.name, b.id) for b in items])
        districts = [(d.name, d.id) for b in items for d in b.districts if d.is_active]
        self._refill(self.district_filter, self.tr("Any district"), districts)
        self.skills_tab.set_choices(self.skills, self.branches)

    def _refill(self, combo: QComboBox, anything: str, entries: list[tuple[str, int]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(anything, None)
        for text, value in entries:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def current_filter(self) -> WorkerFilter:
        return WorkerFilter(
            status=self.status_filter.currentData() or "",
            skill_id=self.skill_filter.currentData(),
            district_id=self.district_filter.currentData(),
            text=self.search.text(),
            branch_id=self.branch_filter.currentData(),
        )

    def reload(self) -> None:
        self.model.set_fetch(
            list_fetch(worker_records.list_workers, actor=self.ctx.actor, flt=self.current_filter())
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "workers" in changes:
            self.model.reload()
        if "catalog" in changes:
            self._load_choices()
        if "branches" in changes:
            self._load_choices()

    # --- the record ---------------------------------------------------------------------

    def _row_chosen(self) -> None:
        row = self.model.item(selected_row(self.table))
        if isinstance(row, WorkerRow) and (self.current is None or self.current.id != row.id):
            self.open_worker(row.id)

    def open_worker(self, worker_id: int) -> None:
        self.ctx.runner.run_query(
            worker_records.get_worker_record,
            actor=self.ctx.actor,
            worker_id=worker_id,
            on_done=self.show_record,
            key="workers.record",
        )

    def reload_record(self) -> None:
        if self.current is not None:
            self.open_worker(self.current.id)

    def show_record(self, record: WorkerRecord) -> None:
        self.current = record
        self.right.setCurrentIndex(1)
        self.title.setText(f"{record.name}  {record.phone}")
        state = status_text(record.status)
        if record.status_reason:
            state = self.tr("{state}: {reason}").format(state=state, reason=record.status_reason)
        self.state.setText(state)
        self.state.setProperty("role", "hint" if record.status == "active" else "error")
        self.state.style().unpolish(self.state)
        self.state.style().polish(self.state)
        can_suspend = self.ctx.can(Perm.WORKER_SUSPEND)
        self.suspend_button.setVisible(can_suspend and record.status in ("active", "suspended"))
        self.suspend_button.setText(
            self.tr("Reinstate…") if record.status == "suspended" else self.tr("Suspend…")
        )
        for tab in (
            self.profile_tab,
            self.skills_tab,
            self.shifts_tab,
            self.documents_tab,
            self.ratings_tab,
            self.history_tab,
        ):
            tab.show_record(record)

    def toggle_suspension(self) -> None:
        record = self.current
        if record is None:
            return
        suspended = record.status == "suspended"

        def apply(reason: str) -> None:
            self.ctx.runner.run_command(
                worker_records.reinstate_worker if suspended else worker_records.suspend_worker,
                actor=self.ctx.actor,
                worker_id=record.id,
                reason=reason,
                on_done=self.show_record,
                on_error=self._refused,
                changes=CHANGES,
            )

        self.question = ask_text(
            self,
            (self.tr("Reinstate {name}") if suspended else self.tr("Suspend {name}")).format(
                name=record.name
            ),
            self.tr("Reason (kept in the worker's history):")
            if suspended
            else self.tr("Reason (a suspended worker gets no orders, offers or pool orders):"),
            apply,
            name="suspendReason",
        )

    def _refused(self, failure: TaskFailure) -> None:
        self.question = show_failure(self, failure)
