"""Find a worker by name, pinyin initials or phone digits and enrol them in a course."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import training
from jiazheng_desk.services.training_views import CourseView, EnrollmentView, WorkerHit
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.training import texts
from jiazheng_desk.views.widgets.form import error_label
from jiazheng_desk.views.widgets.table import make_list_table


class EnrolDialog(QDialog):
    """Type to search; Enrol puts the chosen worker on the course (seats permitting)."""

    def __init__(self, ctx: DeskContext, course: CourseView, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("enrolDialog")
        self.setWindowTitle(self.tr("Enrol a worker in {title}").format(title=course.title))
        self.setMinimumSize(620, 420)
        self.ctx = ctx
        self.course = course
        self.hits: list[WorkerHit] = []
        self.enrolled: EnrollmentView | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("enrolSearch")
        self.search.setPlaceholderText(self.tr("Name, pinyin initials or phone digits"))
        self.search.setClearButtonEnabled(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("enrolHint")
        self.hint.setProperty("role", "hint")
        self.table = make_list_table(
            self,
            "enrolHits",
            [
                self.tr("Name"),
                self.tr("Mobile phone"),
                self.tr("Status"),
                self.tr("Years"),
                self.tr("Course is for them"),
                self.tr("On the course"),
            ],
        )
        self.error = error_label(self, "enrolError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.enrol_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.enrol_button.setText(self.tr("Enrol"))
        self.enrol_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.search_workers)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.table.itemSelectionChanged.connect(self._selection)
        self.table.doubleClicked.connect(lambda _i: self.enrol())
        self.buttons.accepted.connect(self.enrol)
        self.buttons.rejected.connect(self.reject)
        self.hint.setText(self.tr("Type at least one character to search."))

    def search_workers(self) -> None:
        self.ctx.runner.run_query(
            training.find_workers_to_enroll,
            actor=self.ctx.actor,
            course_id=self.course.id,
            text=self.search.text(),
            on_done=self._found,
            key="training.enrol.find",
        )

    def _found(self, hits: list[WorkerHit]) -> None:
        self.hits = hits
        self.table.setRowCount(len(hits))
        for row, h in enumerate(hits):
            values = (
                h.name,
                h.phone,
                texts.worker_status_name(h.status),
                str(h.years_experience),
                texts.yes_no(h.is_target),
                texts.state_name(h.enrolled_state) if h.enrolled_state else "",
            )
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, h.id)
                self.table.setItem(row, col, item)
        self.hint.setText(
            self.tr("{n} found").format(n=len(hits))
            if self.search.text().strip()
            else self.tr("Type at least one character to search.")
        )
        if len(hits) == 1:
            self.table.selectRow(0)
        self._selection()

    def chosen(self) -> WorkerHit | None:
        rows = self.table.selectionModel().selectedRows()
        return self.hits[rows[0].row()] if rows and rows[0].row() < len(self.hits) else None

    def _selection(self) -> None:
        self.enrol_button.setEnabled(self.chosen() is not None)

    def enrol(self) -> None:
        hit = self.chosen()
        if hit is None:
            return
        self.error.hide()
        self.enrol_button.setEnabled(False)
        self.ctx.runner.run_command(
            training.enroll_worker,
            actor=self.ctx.actor,
            course_id=self.course.id,
            worker_id=hit.id,
            on_done=self._enrolled,
            on_error=self._refused,
            changes={"training", "audit"},
        )

    def _enrolled(self, view: EnrollmentView) -> None:
        self.enrolled = view
        self.accept()

    def _refused(self, failure: TaskFailure) -> None:
        self.error.setText(failure.message)
        self.error.show()
        self._selection()
