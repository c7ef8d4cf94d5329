"""Training → Needs training: who needs which course (never enrolled, cancelled, failed)
and who has not finished (enrolled or attended without a result); Excel export."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import training_lists
from jiazheng_desk.views import fmt
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.training import texts
from jiazheng_desk.views.training.course_filter import CourseFilter
from jiazheng_desk.views.training.export import TrainingExporter
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_table


class NeedsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.course = CourseFilter(ctx, self)
        self.export_button = QPushButton(self.tr("Export who needs training…"), self)
        self.export_button.setObjectName("exportNeeds")
        self.exporter = TrainingExporter(ctx, self)
        self.needs_count = QLabel(self)
        self.needs_count.setObjectName("needsCount")
        self.open_count = QLabel(self)
        self.open_count.setObjectName("unfinishedCount")
        self.needs = PagedTableModel(
            ctx.runner, self._need_columns(), key="training.needs", parent=self
        )
        self.needs_table = make_table(self.needs, self, "needsTable")
        self.unfinished = PagedTableModel(
            ctx.runner, self._open_columns(), key="training.unfinished", parent=self
        )
        self.unfinished_table = make_table(self.unfinished, self, "unfinishedTable")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("needsTabs")
        self.tabs.addTab(self._tab(self.needs_table, self.needs_count), self.tr("Needs the course"))
        self.tabs.addTab(
            self._tab(self.unfinished_table, self.open_count), self.tr("Has not finished")
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Course"), self))
        top.addWidget(self.course)
        top.addStretch(1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        self.needs.loaded.connect(
            lambda n: self.needs_count.setText(self.tr("{n} workers need a course").format(n=n))
        )
        self.unfinished.loaded.connect(
            lambda n: self.open_count.setText(
                self.tr("{n} enrolments without a result").format(n=n)
            )
        )
        self.needs.load_failed.connect(lambda f: self.needs_count.setText(f.message))
        self.unfinished.load_failed.connect(lambda f: self.open_count.setText(f.message))
        self.course.currentIndexChanged.connect(lambda _i: self.reload())
        self.export_button.clicked.connect(self.export)
        self.reload()

    def _tab(self, table: QTableView, count: QLabel) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.addWidget(count)
        layout.addWidget(table)
        return tab

    def _need_columns(self) -> list[Column]:
        return [
            Column(self.tr("Course"), lambda r: r.course_title, "course_title"),
            Column(self.tr("Worker"), lambda r: r.worker_name, "worker_name"),
            Column(self.tr("Mobile phone"), lambda r: r.worker_phone),
            Column(self.tr("Branch"), lambda r: r.branch_name, "branch_name"),
            Column(self.tr("Years"), lambda r: str(r.years_experience), "years_experience", True),
            Column(self.tr("Worker status"), lambda r: texts.worker_status_name(r.worker_status)),
            Column(self.tr("Training"), lambda r: texts.state_name(r.state), "state"),
        ]

    def _open_columns(self) -> list[Column]:
        tz = self.ctx.tz
        return [
            Column(self.tr("Enrolled"), lambda e: fmt.local_time(e.enrolled_at, tz), "enrolled_at"),
            Column(self.tr("Course"), lambda e: e.course_title, "course_title"),
            Column(self.tr("Worker"), lambda e: e.worker_name, "worker_name"),
            Column(self.tr("Mobile phone"), lambda e: e.worker_phone),
            Column(self.tr("State"), lambda e: texts.state_name(e.state), "state"),
            Column(self.tr("Attended"), lambda e: fmt.local_time(e.attended_at, tz)),
        ]

    def reload(self) -> None:
        course_id = self.course.currentData()
        actor = self.ctx.actor
        self.needs.set_fetch(
            list_fetch(training_lists.list_needs, actor=actor, course_id=course_id)
        )
        self.unfinished.set_fetch(
            list_fetch(training_lists.list_unfinished, actor=actor, course_id=course_id)
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "training" in changes:
            self.course.load()
            self.needs.reload()
            self.unfinished.reload()

    def export(self) -> None:
        self.exporter.export("needs", self.course.currentData(), self.tr("needs-training"))
