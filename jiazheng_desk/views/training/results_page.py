"""Training → Exam results: every sitting per course (score, pass, who recorded it) and
the Excel export of what the filter shows."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from jiazheng_desk.services import training_lists
from jiazheng_desk.views import fmt
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.training import texts
from jiazheng_desk.views.training.course_filter import CourseFilter
from jiazheng_desk.views.training.export import TrainingExporter
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_table


class ResultsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.course = CourseFilter(ctx, self)
        self.count = QLabel(self)
        self.count.setObjectName("resultCount")
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.export_button.setObjectName("exportResults")
        self.exporter = TrainingExporter(ctx, self)
        self.model = PagedTableModel(
            ctx.runner, self._columns(), key="training.results", parent=self
        )
        self.table = make_table(self.model, self, "resultTable", sort_column=0, descending=True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Course"), self))
        top.addWidget(self.course)
        top.addStretch(1)
        top.addWidget(self.count)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.model.loaded.connect(lambda n: self.count.setText(self.tr("{n} results").format(n=n)))
        self.model.load_failed.connect(lambda f: self.count.setText(f.message))
        self.course.currentIndexChanged.connect(lambda _i: self.reload())
        self.export_button.clicked.connect(self.export)
        self.reload()

    def _columns(self) -> list[Column]:
        tz = self.ctx.tz
        return [
            Column(self.tr("Taken at"), lambda r: fmt.local_time(r.taken_at, tz), "taken_at"),
            Column(self.tr("Course"), lambda r: r.course_title, "course_title"),
            Column(self.tr("Worker"), lambda r: r.worker_name, "worker_name"),
            Column(self.tr("Mobile phone"), lambda r: r.worker_phone),
            Column(self.tr("Branch"), lambda r: r.branch_name),
            Column(self.tr("Score"), lambda r: str(r.score), "score", True),
            Column(self.tr("Pass mark"), lambda r: str(r.pass_mark), None, True),
            Column(
                self.tr("Result"),
                lambda r: texts.state_name("passed" if r.passed else "failed"),
                "passed",
            ),
            Column(self.tr("Recorded by"), lambda r: r.recorded_by),
        ]

    def reload(self) -> None:
        self.model.set_fetch(
            list_fetch(
                training_lists.list_results,
                actor=self.ctx.actor,
                course_id=self.course.currentData(),
            )
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "training" in changes:
            self.course.load()
            self.model.reload()

    def export(self) -> None:
        self.exporter.export("results", self.course.currentData(), self.tr("exam-results"))
