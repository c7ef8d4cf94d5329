"""Training → Courses: the list, the course form, push to targets, and the enrolments of
the chosen course with attendance, exam scores, cancelling and enrolling by search."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import branches, catalog, training, training_lists
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.catalog import SkillView
from jiazheng_desk.services.common import Page
from jiazheng_desk.services.training_views import CourseView, EnrollmentView, PushResult, TargetRow
from jiazheng_desk.views import fmt
from jiazheng_desk.views.dialogs import ask_text, inform
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.training import texts
from jiazheng_desk.views.training.course_dialog import CourseDialog
from jiazheng_desk.views.training.enrol_dialog import EnrolDialog
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_list_table, make_table, selected_row

GREY = QBrush(QColor("#8a8f98"))


class EnrolmentsPanel(QGroupBox):
    """The enrolments of one course and what the officer records on them."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.course: CourseView | None = None
        self.rows: list[EnrollmentView] = []
        self.last_change: EnrollmentView | None = None
        self.setObjectName("enrolmentsPanel")
        self.summary = QLabel(self)
        self.summary.setObjectName("enrolmentSummary")
        self.enrol_button = QPushButton(self.tr("Enrol a worker…"), self)
        self.enrol_button.setObjectName("enrolWorker")
        self.attend_button = QPushButton(self.tr("Mark attended"), self)
        self.attend_button.setObjectName("markAttended")
        self.score_button = QPushButton(self.tr("Record exam score…"), self)
        self.score_button.setObjectName("recordScore")
        self.cancel_button = QPushButton(self.tr("Cancel enrolment…"), self)
        self.cancel_button.setObjectName("cancelEnrolment")
        self.table = make_list_table(
            self,
            "enrolmentTable",
            [
                self.tr("Worker"),
                self.tr("Mobile phone"),
                self.tr("State"),
                self.tr("Enrolled"),
                self.tr("Attended"),
                self.tr("Score"),
                self.tr("Recorded by"),
            ],
        )
        buttons = QHBoxLayout()
        for b in (self.enrol_button, self.attend_button, self.score_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.enrol_button.clicked.connect(self.enrol)
        self.attend_button.clicked.connect(self.mark_attended)
        self.score_button.clicked.connect(self.ask_score)
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.show_course(None)

    # --- loading ----------------------------------------------------------------------

    def show_course(self, course: CourseView | None) -> None:
        self.course = course
        if course is None:
            self.setTitle(self.tr("Enrolments"))
            self.summary.setText(self.tr("Choose a course above to see its enrolments."))
            self._fill([])
            return
        self.setTitle(self.tr("Enrolments of {title}").format(title=course.title))
        self.reload()

    def reload(self) -> None:
        if self.course is None:
            return
        course_id = self.course.id
        self.ctx.runner.run_query(
            training_lists.list_enrollments,
            actor=self.ctx.actor,
            course_id=course_id,
            on_done=self._fill,
            key="training.enrolments",
        )
        self.ctx.runner.run_query(
            training_lists.list_course_targets,
            actor=self.ctx.actor,
            course_id=course_id,
            limit=1,
            on_done=self._targets,
            key="training.targets",
        )

    def _targets(self, page: Page[TargetRow]) -> None:
        course = self.course
        if course is None:
            return
        seats = (
            self.tr("{taken} of {seats} seats taken").format(taken=course.taken, seats=course.seats)
            if course.mode == "offline"
            else self.tr("online, no seat limit")
        )
        self.summary.setText(
            self.tr("{mode}, {seats}; pass mark {mark}; the course is for {n} workers.").format(
                mode=texts.mode_name(course.mode), seats=seats, mark=course.pass_mark, n=page.total
            )
        )

    def _fill(self, rows: list[EnrollmentView]) -> None:
        self.rows = rows
        tz = self.ctx.tz
        self.table.setRowCount(len(rows))
        for r, e in enumerate(rows):
            values = (
                e.worker_name,
                e.worker_phone,
                texts.state_name(e.state),
                fmt.local_time(e.enrolled_at, tz),
                fmt.local_time(e.attended_at, tz),
                "" if e.score is None else str(e.score),
                e.recorded_by,
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, e.id)
                if e.state == "cancelled":
                    item.setForeground(GREY)
                self.table.setItem(r, c, item)
        self._update_buttons()

    # --- actions ----------------------------------------------------------------------

    def selected(self) -> EnrollmentView | None:
        rows = self.table.selectionModel().selectedRows()
        index = rows[0].row() if rows else -1
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def select_worker(self, worker_id: int) -> bool:
        for r, e in enumerate(self.rows):
            if e.worker_id == worker_id:
                self.table.selectRow(r)
                return True
        return False

    def _update_buttons(self) -> None:
        course, chosen = self.course, self.selected()
        offline = course is not None and course.mode == "offline"
        state = chosen.state if chosen is not None else ""
        self.enrol_button.setEnabled(course is not None and course.is_active)
        self.attend_button.setVisible(offline)
        self.attend_button.setEnabled(offline and state == "enrolled")
        can_score = state in ("attended", "failed") or (not offline and state == "enrolled")
        self.score_button.setEnabled(can_score)
        self.cancel_button.setEnabled(state in ("enrolled", "attended"))

    def enrol(self) -> None:
        if self.course is None:
            return
        self.dialog = EnrolDialog(self.ctx, self.course, self)
        self.dialog.open()

    def _run(self, fn: Any, **kwargs: Any) -> None:
        self.ctx.runner.run_command(
            fn, actor=self.ctx.actor, on_done=self._changed, changes={"training", "audit"}, **kwargs
        )

    def _changed(self, view: EnrollmentView) -> None:
        self.last_change = view
        if view.level_after is not None and view.level_after != view.level_before:
            self.info = inform(
                self.window(),
                self.tr("Level raised"),
                self.tr("{name} passed; the skill's level is now {level}.").format(
                    name=view.worker_name, level=view.level_after
                ),
                "levelRaised",
            )

    def mark_attended(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._run(training.record_attendance, enrollment_id=chosen.id, attended=True)

    def ask_score(self) -> None:
        chosen = self.selected()
        if chosen is None or self.course is None:
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("scoreAsk")
        dialog.setWindowTitle(self.tr("Exam score of {name}").format(name=chosen.worker_name))
        dialog.setLabelText(
            self.tr("Score (0–100; {mark} or more passes):").format(mark=self.course.pass_mark)
        )
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(0, 100)
        dialog.setIntValue(self.course.pass_mark)
        dialog.intValueSelected.connect(
            lambda score: self._run(training.record_exam, enrollment_id=chosen.id, score=score)
        )
        self.question = dialog
        dialog.open()

    def ask_cancel(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        self.question = ask_text(
            self,
            self.tr("Cancel the enrolment of {name}").format(name=chosen.worker_name),
            self.tr("Reason (optional):"),
            lambda reason: self._run(
                training.cancel_enrollment, enrollment_id=chosen.id, reason=reason
            ),
            name="cancelReason",
        )


class CoursesPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.skills: list[SkillView] = []
        self.branches: list[BranchView] = []
        self.search = QLineEdit(self)
        self.search.setObjectName("courseSearch")
        self.search.setPlaceholderText(self.tr("Find a course by title"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.show_inactive = QCheckBox(self.tr("Show deactivated"), self)
        self.show_inactive.setObjectName("showInactiveCourses")
        self.count = QLabel(self)
        self.count.setObjectName("courseCount")
        self.new_button = QPushButton(self.tr("New course…"), self)
        self.new_button.setObjectName("newCourse")
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setObjectName("editCourse")
        self.toggle_button = QPushButton(self.tr("Deactivate"), self)
        self.toggle_button.setObjectName("toggleCourse")
        self.push_button = QPushButton(self.tr("Push to its workers"), self)
        self.push_button.setObjectName("pushCourse")
        self.push_button.setToolTip(
            self.tr("Send the course to the message centre of every worker who needs it")
        )
        self.model = PagedTableModel(
            ctx.runner, self._columns(), key="training.courses", parent=self
        )
        self.table = make_table(self.model, self, "courseTable", sort_column=3, descending=True)
        self.panel = EnrolmentsPanel(ctx, self)
        self.model.loaded.connect(lambda n: self.count.setText(self.tr("{n} courses").format(n=n)))
        self.model.load_failed.connect(lambda f: self.count.setText(f.message))
        self.model.first_page_loaded.connect(self._selection)

        filters = QHBoxLayout()
        filters.addWidget(self.search)
        filters.addWidget(self.show_inactive)
        filters.addStretch(1)
        filters.addWidget(self.count)
        actions = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.toggle_button, self.push_button):
            actions.addWidget(b)
        actions.addStretch(1)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addLayout(actions)
        top_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.show_inactive.toggled.connect(lambda _b: self.reload())
        self.new_button.clicked.connect(self.new_course)
        self.edit_button.clicked.connect(self.edit)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.push_button.clicked.connect(self.push)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection())
        ctx.runner.run_query(catalog.list_skills, on_done=self._skills, key="training.skills")
        ctx.runner.run_query(
            branches.list_branches, actor=ctx.actor, on_done=self._branches, key="training.branches"
        )
        self.reload()

    def _columns(self) -> list[Column]:
        tz = self.ctx.tz

        def grey(c: CourseView) -> Any:
            return None if c.is_active else GREY

        def seats(c: CourseView) -> str:
            return f"{c.taken} / {c.seats}" if c.mode == "offline" else str(c.taken)

        return [
            Column(self.tr("Title"), lambda c: c.title, "title", foreground=grey),
            Column(self.tr("Mode"), lambda c: texts.mode_name(c.mode), "mode", foreground=grey),
            Column(
                self.tr("Branch"),
                lambda c: c.branch_name or texts.all_branches(),
                None,
                foreground=grey,
            ),
            Column(
                self.tr("Session"),
                lambda c: fmt.local_time(c.session_at, tz),
                "session_at",
                foreground=grey,
            ),
            Column(self.tr("Place"), lambda c: c.place, None, foreground=grey),
            Column(self.tr("Skill"), lambda c: c.skill_name, None, foreground=grey),
            Column(
                self.tr("Raises to"),
                lambda c: "" if c.raises_level_to is None else str(c.raises_level_to),
                None,
                foreground=grey,
            ),
            Column(
                self.tr("For vetting"),
                lambda c: texts.yes_no(c.required_for_vetting),
                None,
                foreground=grey,
            ),
            Column(self.tr("Enrolled / seats"), seats, None, align_right=True, foreground=grey),
            Column(self.tr("Passed"), lambda c: str(c.passed), None, True, foreground=grey),
            Column(self.tr("Pass mark"), lambda c: str(c.pass_mark), None, True, foreground=grey),
        ]

    def _skills(self, items: list[SkillView]) -> None:
        self.skills = items

    def _branches(self, items: list[BranchView]) -> None:
        self.branches = items

    def reload(self) -> None:
        self.model.set_fetch(
            list_fetch(
                training.list_courses,
                actor=self.ctx.actor,
                text=self.search.text(),
                include_inactive=self.show_inactive.isChecked(),
            )
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "training" in changes:
            self.model.reload()
            self.panel.reload()

    def selected(self) -> CourseView | None:
        item = self.model.item(selected_row(self.table))
        return item if isinstance(item, CourseView) else None

    def _editable(self, course: CourseView | None) -> bool:
        return course is not None and (course.branch_id is not None or self.ctx.actor.is_hq)

    def _selection(self) -> None:
        course = self.selected()
        self.edit_button.setEnabled(self._editable(course))
        self.toggle_button.setEnabled(self._editable(course))
        self.toggle_button.setText(
            self.tr("Reactivate")
            if course is not None and not course.is_active
            else self.tr("Deactivate")
        )
        self.push_button.setEnabled(course is not None and course.is_active)
        if course != self.panel.course:
            self.panel.show_course(course)

    def new_course(self) -> None:
        self.dialog = CourseDialog(self.ctx, self.skills, self.branches, None, self)
        self.dialog.open()

    def edit(self) -> None:
        course = self.selected()
        if not self._editable(course):
            return
        self.dialog = CourseDialog(self.ctx, self.skills, self.branches, course, self)
        self.dialog.open()

    def toggle_active(self) -> None:
        course = self.selected()
        if course is None:
            return
        self.ctx.runner.run_command(
            training.set_course_active,
            actor=self.ctx.actor,
            course_id=course.id,
            active=not course.is_active,
            changes={"training", "audit"},
        )

    def push(self) -> None:
        course = self.selected()
        if course is None:
            return
        self.ctx.runner.run_command(
            training.push_course,
            actor=self.ctx.actor,
            course_id=course.id,
            on_done=self._pushed,
            changes={"training", "audit"},
        )

    def _pushed(self, result: PushResult) -> None:
        self.last_push = result
        self.info = inform(
            self,
            self.tr("Course pushed"),
            self.tr(
                "{n} workers got the course in their message centre; "
                "{m} had been told before and were not told again."
            ).format(n=result.notified, m=result.already),
            "pushDone",
        )
