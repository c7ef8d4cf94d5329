"""New or changed course: online (a video link) or offline (date, place, seats)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.services import training
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.catalog import SkillView
from jiazheng_desk.services.training_views import CourseInput, CourseView
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.training import texts
from jiazheng_desk.views.widgets.form import FormDialog


def _spin(parent: QWidget, name: str, low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setValue(value)
    return spin


class CourseDialog(FormDialog):
    """The course form; the service checks everything again and names the field it refuses."""

    def __init__(
        self,
        ctx: DeskContext,
        skills: list[SkillView],
        branches: list[BranchView],
        existing: CourseView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("courseDialog")
        self.setMinimumWidth(520)
        self.ctx = ctx
        self.existing = existing
        self.setWindowTitle(self.tr("New course") if existing is None else self.tr("Edit course"))
        self.title = QLineEdit(self)
        self.title.setObjectName("courseTitle")
        self.mode = QComboBox(self)
        self.mode.setObjectName("courseMode")
        for mode in ("offline", "online"):
            self.mode.addItem(texts.mode_name(mode), mode)
        self.branch = QComboBox(self)
        self.branch.setObjectName("courseBranch")
        if ctx.actor.is_hq:
            self.branch.addItem(texts.all_branches(), None)
        for b in branches:
            self.branch.addItem(b.name, b.id)
        self.branch.setEnabled(bool(ctx.actor.is_hq))
        self.skill = QComboBox(self)
        self.skill.setObjectName("courseSkill")
        self.skill.addItem(self.tr("General (every skill)"), None)
        for s in skills:
            self.skill.addItem(s.name, s.id)
        self.raises = QComboBox(self)
        self.raises.setObjectName("courseRaises")
        self.raises.addItem(self.tr("No change"), None)
        for level in range(1, 6):
            self.raises.addItem(self.tr("Level {n}").format(n=level), level)
        self.required = QCheckBox(self.tr("Required to pass vetting (pre-job course)"), self)
        self.required.setObjectName("courseRequired")
        self.video = QLineEdit(self)
        self.video.setObjectName("courseVideo")
        self.video.setPlaceholderText("https://")
        self.session_at = QDateTimeEdit(self)
        self.session_at.setObjectName("courseSessionAt")
        self.session_at.setCalendarPopup(True)
        self.session_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.place = QLineEdit(self)
        self.place.setObjectName("coursePlace")
        self.seats = _spin(self, "courseSeats", 0, 1000, 20)
        self.pass_mark = _spin(self, "coursePassMark", 0, 100, 60)
        self.min_years = _spin(self, "courseMinYears", 0, 60, 0)
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("courseDescription")
        self.description.setFixedHeight(70)

        self.add_row("title", self.tr("Title"), self.title)
        self.add_row("mode", self.tr("Mode"), self.mode)
        self.add_row("branch_id", self.tr("Branch"), self.branch)
        self.add_row("skill_id", self.tr("Skill"), self.skill)
        self.add_row("raises_level_to", self.tr("Passing raises the level to"), self.raises)
        self.add_row("required_for_vetting", "", self.required)
        self.add_row("video_url", self.tr("Video link"), self.video)
        self.add_row("session_at", self.tr("Session starts"), self.session_at)
        self.add_row("place", self.tr("Place"), self.place)
        self.add_row("seats", self.tr("Seats"), self.seats)
        self.add_row("pass_mark", self.tr("Pass mark (0–100)"), self.pass_mark)
        self.add_row("min_years_experience", self.tr("Minimum years of experience"), self.min_years)
        self.add_row("description", self.tr("Description"), self.description)

        zone = ZoneInfo(ctx.tz)
        start = clock.now().astimezone(zone).replace(minute=0, second=0, microsecond=0)
        self._set_local(start.replace(hour=9, tzinfo=None))
        if existing is not None:
            self._fill(existing, zone)
        elif ctx.actor.branch_id is not None:
            self.branch.setCurrentIndex(max(0, self.branch.findData(ctx.actor.branch_id)))
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._mode_changed()

    def _set_local(self, value: datetime) -> None:
        self.session_at.setDateTime(
            QDateTime.fromString(value.strftime("%Y-%m-%d %H:%M"), "yyyy-MM-dd HH:mm")
        )

    def _fill(self, c: CourseView, zone: ZoneInfo) -> None:
        self.title.setText(c.title)
        self.mode.setCurrentIndex(max(0, self.mode.findData(c.mode)))
        self.branch.setCurrentIndex(max(0, self.branch.findData(c.branch_id)))
        self.skill.setCurrentIndex(max(0, self.skill.findData(c.skill_id)))
        self.raises.setCurrentIndex(max(0, self.raises.findData(c.raises_level_to)))
        self.required.setChecked(c.required_for_vetting)
        self.video.setText(c.video_url)
        if c.session_at is not None:
            self._set_local(c.session_at.astimezone(zone).replace(tzinfo=None))
        self.place.setText(c.place)
        self.seats.setValue(c.seats)
        self.pass_mark.setValue(c.pass_mark)
        self.min_years.setValue(c.min_years_experience)
        self.description.setPlainText(c.description)

    def _mode_changed(self) -> None:
        online = self.mode.currentData() == "online"
        self.video.setEnabled(online)
        for w in (self.session_at, self.place, self.seats):
            w.setEnabled(not online)

    def course_input(self) -> CourseInput:
        online = self.mode.currentData() == "online"
        zone = ZoneInfo(self.ctx.tz)
        local = datetime.strptime(
            self.session_at.dateTime().toString("yyyy-MM-dd HH:mm"), "%Y-%m-%d %H:%M"
        ).replace(tzinfo=zone)
        return CourseInput(
            title=self.title.text(),
            mode=str(self.mode.currentData()),
            description=self.description.toPlainText(),
            skill_id=self.skill.currentData(),
            raises_level_to=self.raises.currentData(),
            required_for_vetting=self.required.isChecked(),
            video_url=self.video.text() if online else "",
            session_at=None if online else local,
            place="" if online else self.place.text(),
            seats=0 if online else self.seats.value(),
            pass_mark=self.pass_mark.value(),
            min_years_experience=self.min_years.value(),
            branch_id=self.branch.currentData(),
        )

    def save(self) -> None:
        common = {
            "actor": self.ctx.actor,
            "data": self.course_input(),
            "on_done": self.saved,
            "on_error": self.refused,
            "changes": {"training", "audit"},
        }
        if self.existing is None:
            self.ctx.runner.run_command(training.create_course, **common)
        else:
            self.ctx.runner.run_command(
                training.update_course, course_id=self.existing.id, **common
            )
