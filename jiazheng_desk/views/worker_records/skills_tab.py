"""The record's "skills and districts" and "shifts" tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import schedules, worker_record_edits
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.catalog import SkillView
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.services.worker_record_edits import SkillGrant
from jiazheng_desk.services.worker_records import WorkerRecord
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.table import make_list_table
from jiazheng_desk.views.worker_records.texts import WEEKDAYS, weekday_text

CHANGES = {"workers", "audit"}


def _minute(edit: QTimeEdit) -> int:
    """Minutes of the day; 23:59 stands for the end of the day (24:00)."""
    t = edit.time()
    value = t.hour() * 60 + t.minute()
    return 1440 if value == 1439 else value


class WorkerSkillsTab(QWidget):
    """Every skill with a tick and a level; the districts of the worker's branch."""

    saved = Signal(object)  # WorkerRecord

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record: WorkerRecord | None = None
        self.skills: list[SkillView] = []
        self.branches: list[BranchView] = []
        may_edit = ctx.can(Perm.WORKER_EDIT)
        self.table = make_list_table(
            self, "skillTable", [self.tr("Skill"), self.tr("Level"), self.tr("Needs certificate")]
        )
        self.districts = QListWidget(self)
        self.districts.setObjectName("districtList")
        self.save_skills_button = QPushButton(self.tr("Save skills"), self)
        self.save_skills_button.setObjectName("saveSkills")
        self.save_districts_button = QPushButton(self.tr("Save districts"), self)
        self.save_districts_button.setObjectName("saveDistricts")
        for button in (self.save_skills_button, self.save_districts_button):
            button.setVisible(may_edit)
        self.message = QLabel(self)
        self.message.setObjectName("skillsMessage")
        self.message.setWordWrap(True)
        self.may_edit = may_edit

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Skills and levels (1 = junior … 5 = gold)"), self))
        left.addWidget(self.table, 1)
        left.addWidget(self.save_skills_button, 0, Qt.AlignmentFlag.AlignLeft)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Districts served"), self))
        right.addWidget(self.districts, 1)
        right.addWidget(self.save_districts_button, 0, Qt.AlignmentFlag.AlignLeft)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        self.save_skills_button.clicked.connect(self.save_skills)
        self.save_districts_button.clicked.connect(self.save_districts)

    def set_choices(self, skills: list[SkillView], branches: list[BranchView]) -> None:
        self.skills = skills
        self.branches = branches
        if self.record is not None:
            self.show_record(self.record)

    def show_record(self, record: WorkerRecord) -> None:
        self.record = record
        self.message.clear()
        held = {s.skill_id: s.level for s in record.skills}
        self.table.setRowCount(len(self.skills))
        for row, skill in enumerate(self.skills):
            item = QTableWidgetItem(skill.name)
            item.setData(Qt.ItemDataRole.UserRole, skill.id)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if self.may_edit:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(
                Qt.CheckState.Checked if skill.id in held else Qt.CheckState.Unchecked
            )
            self.table.setItem(row, 0, item)
            level = QSpinBox(self.table)
            level.setRange(1, 5)
            level.setValue(held.get(skill.id, 1))
            level.setEnabled(self.may_edit)
            self.table.setCellWidget(row, 1, level)
            self.table.setItem(row, 2, QTableWidgetItem(skill.required_cert_type or "—"))
        self.districts.clear()
        served = {d.id for d in record.districts}
        for branch in self.branches:
            if branch.id != record.branch_id:
                continue
            for district in branch.districts:
                if not district.is_active and district.id not in served:
                    continue
                entry = QListWidgetItem(district.name, self.districts)
                entry.setData(Qt.ItemDataRole.UserRole, district.id)
                if self.may_edit:
                    entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(
                    Qt.CheckState.Checked if district.id in served else Qt.CheckState.Unchecked
                )

    def chosen_skills(self) -> list[SkillGrant]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            level = self.table.cellWidget(row, 1)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                assert isinstance(level, QSpinBox)
                out.append(SkillGrant(int(item.data(Qt.ItemDataRole.UserRole)), level.value()))
        return out

    def chosen_districts(self) -> list[int]:
        return [
            int(self.districts.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.districts.count())
            if self.districts.item(i).checkState() == Qt.CheckState.Checked
        ]

    def save_skills(self) -> None:
        if self.record is None:
            return
        self.ctx.runner.run_command(
            worker_record_edits.set_worker_skills,
            actor=self.ctx.actor,
            worker_id=self.record.id,
            skills=self.chosen_skills(),
            on_done=self._saved,
            on_error=self._refused,
            changes=CHANGES,
        )

    def save_districts(self) -> None:
        if self.record is None:
            return
        self.ctx.runner.run_command(
            worker_record_edits.set_worker_districts,
            actor=self.ctx.actor,
            worker_id=self.record.id,
            district_ids=self.chosen_districts(),
            on_done=self._saved,
            on_error=self._refused,
            changes=CHANGES,
        )

    def _saved(self, record: WorkerRecord) -> None:
        self.saved.emit(record)
        self.message.setProperty("role", "hint")
        self.message.setText(self.tr("Saved."))

    def _refused(self, failure: TaskFailure) -> None:
        self.message.setProperty("role", "error")
        self.message.setText(failure.message)


class WorkerShiftsTab(QWidget):
    """The weekly shift template (``schedules.set_shifts``): rows of day, start and end."""

    saved = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record: WorkerRecord | None = None
        self.may_edit = ctx.can(Perm.SCHEDULE_EDIT)
        self.table = make_list_table(
            self, "shiftTable", [self.tr("Day"), self.tr("From"), self.tr("To")]
        )
        self.table.horizontalHeader().setStretchLastSection(False)
        self.add_button = QPushButton(self.tr("Add a shift"), self)
        self.add_button.setObjectName("addShift")
        self.remove_button = QPushButton(self.tr("Remove the shift"), self)
        self.remove_button.setObjectName("removeShift")
        self.save_button = QPushButton(self.tr("Save shifts"), self)
        self.save_button.setObjectName("saveShifts")
        for button in (self.add_button, self.remove_button, self.save_button):
            button.setVisible(self.may_edit)
        self.message = QLabel(self)
        self.message.setObjectName("shiftsMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(lambda: self._add_row(schedules.Shift(0, 8 * 60, 18 * 60)))
        self.remove_button.clicked.connect(self._remove_row)
        self.save_button.clicked.connect(self.save)

    def show_record(self, record: WorkerRecord) -> None:
        self.record = record
        self.message.clear()
        self.table.setRowCount(0)
        for shift in record.shifts:
            self._add_row(shift)

    def _add_row(self, shift: schedules.Shift) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        day = QComboBox(self.table)
        for weekday in WEEKDAYS:
            day.addItem(weekday_text(weekday), weekday)
        day.setCurrentIndex(shift.weekday)
        self.table.setCellWidget(row, 0, day)
        for col, minute in ((1, shift.start_minute), (2, shift.end_minute)):
            edit = QTimeEdit(self.table)
            edit.setDisplayFormat("HH:mm")
            # 24:00 (end of day) shows as 23:59 and saves back as the end of the day
            edit.setTime(QTime(min(minute, 1439) // 60, min(minute, 1439) % 60))
            self.table.setCellWidget(row, col, edit)
        for col in range(3):
            widget = self.table.cellWidget(row, col)
            if widget is not None:
                widget.setEnabled(self.may_edit)

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)

    def shifts(self) -> list[schedules.Shift]:
        out = []
        for row in range(self.table.rowCount()):
            day, start, end = (self.table.cellWidget(row, c) for c in range(3))
            assert isinstance(day, QComboBox)
            assert isinstance(start, QTimeEdit)
            assert isinstance(end, QTimeEdit)
            out.append(schedules.Shift(int(day.currentData()), _minute(start), _minute(end)))
        return out

    def save(self) -> None:
        if self.record is None:
            return
        self.ctx.runner.run_command(
            schedules.set_shifts,
            actor=self.ctx.actor,
            worker_id=self.record.id,
            shifts=self.shifts(),
            on_done=self._saved,
            on_error=self._refused,
            changes=CHANGES,
        )

    def _saved(self, _shifts: list[schedules.Shift]) -> None:
        self.message.setProperty("role", "hint")
        self.message.setText(self.tr("Saved."))
        self.saved.emit()

    def _refused(self, failure: TaskFailure) -> None:
        self.message.setProperty("role", "error")
        self.message.setText(failure.message)
