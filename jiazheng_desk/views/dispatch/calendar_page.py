"""Dispatch → Worker calendar: one worker's month — visits, placements, leave and shifts —
with the chosen day's entries beside it; leave is added and cancelled here.

The worker is found by name, initials or phone within the branch (``find_workers``); the
month is one ``get_worker_calendar`` of the six weeks the grid shows.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import dispatch_views, schedules
from jiazheng_desk.services.dispatch_views import WorkerHit
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.services.schedules import CalendarEntry, WorkerCalendar
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.dispatch import texts
from jiazheng_desk.views.dispatch.commands import CHANGES
from jiazheng_desk.views.dispatch.leave_dialog import LeaveDialog
from jiazheng_desk.views.dispatch.month_grid import MonthGrid, grid_start
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.orders import texts as order_texts

SEARCH_MS = 200


def _add_months(month: date, step: int) -> date:
    index = month.year * 12 + month.month - 1 + step
    return date(index // 12, index % 12 + 1, 1)


class CalendarPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.key = f"dispatch.calendar.{id(self)}"
        self.workers: list[WorkerHit] = []
        self.worker: WorkerHit | None = None
        self.worker_id: int | None = None
        self.day_entries: list[CalendarEntry] = []
        self.calendar: WorkerCalendar | None = None
        self.dialog: LeaveDialog | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("workerSearch")
        self.search.setPlaceholderText(self.tr("Name, initials or phone"))
        self.search.setClearButtonEnabled(True)
        self.list = QTableWidget(0, 2, self)
        self.list.setObjectName("workerList")
        self.list.setHorizontalHeaderLabels([self.tr("Worker"), self.tr("Skills")])
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setDefaultSectionSize(26)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.setAlternatingRowColors(True)
        names = self.list.horizontalHeader()
        names.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        names.setStretchLastSection(True)
        self.month_grid = MonthGrid(self)
        self.title = QLabel(self.tr("Choose a worker on the left."), self)
        self.title.setObjectName("calendarTitle")
        big = QFont(self.title.font())
        big.setPointSize(big.pointSize() + 3)
        big.setBold(True)
        self.title.setFont(big)
        self.shifts = QLabel(self)
        self.shifts.setObjectName("calendarShifts")
        self.shifts.setProperty("role", "hint")
        self.shifts.setWordWrap(True)
        self.prev_button = QToolButton(self)
        self.prev_button.setText("◀")
        self.next_button = QToolButton(self)
        self.next_button.setText("▶")
        self.month_label = QLabel(self)
        self.month_label.setObjectName("calendarMonth")
        self.month_label.setMinimumWidth(90)
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.this_month = QPushButton(self.tr("This month"), self)
        self.add_leave_button = QPushButton(self.tr("Add leave…"), self)
        self.add_leave_button.setObjectName("addLeave")
        self.cancel_leave_button = QPushButton(self.tr("Cancel leave"), self)
        self.cancel_leave_button.setObjectName("cancelLeave")
        may_edit = ctx.can(Perm.SCHEDULE_EDIT)
        self.add_leave_button.setVisible(may_edit)
        self.cancel_leave_button.setVisible(may_edit)
        self.day_title = QLabel(self)
        self.day_title.setObjectName("dayTitle")
        self.day_title.setStyleSheet("font-weight: bold;")
        self.day_table = QTableWidget(0, 4, self)
        self.day_table.setObjectName("dayEntries")
        self.day_table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Kind"), self.tr("What"), self.tr("State")]
        )
        self.day_table.verticalHeader().hide()
        self.day_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.day_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.day_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.day_table.setWordWrap(False)
        header = self.day_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel(self)
        self.status.setObjectName("calendarStatus")
        self.status.setWordWrap(True)
        self._lay_out()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_MS)
        self._search_timer.timeout.connect(self.find_workers)
        self.search.textChanged.connect(self._typed)
        self.search.returnPressed.connect(self._take_first)
        self.list.currentCellChanged.connect(self._worker_cell)
        self.prev_button.clicked.connect(lambda: self.step_month(-1))
        self.next_button.clicked.connect(lambda: self.step_month(1))
        self.this_month.clicked.connect(self.go_this_month)
        self.month_grid.day_chosen.connect(self.show_day)
        self.month_grid.month_step.connect(self.step_month)
        self.add_leave_button.clicked.connect(self.add_leave)
        self.cancel_leave_button.clicked.connect(self.cancel_leave)
        self.day_table.itemSelectionChanged.connect(self._update_buttons)
        self._show_month()
        self._update_buttons()
        self.find_workers()

    def _lay_out(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.list, 1)
        nav = QHBoxLayout()
        nav.addWidget(self.title)
        nav.addStretch(1)
        for widget in (self.prev_button, self.month_label, self.next_button, self.this_month):
            nav.addWidget(widget)
        nav.addSpacing(16)
        nav.addWidget(self.add_leave_button)
        nav.addWidget(self.cancel_leave_button)
        day = QWidget(self)
        day_layout = QVBoxLayout(day)
        day_layout.setContentsMargins(0, 0, 0, 0)
        day_layout.addWidget(self.day_title)
        day_layout.addWidget(self.day_table, 1)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(self.month_grid)
        body.addWidget(day)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 1)
        body.setSizes([620, 260])
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(nav)
        right_layout.addWidget(self.shifts)
        right_layout.addWidget(body, 1)
        right_layout.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 880])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # --- finding the worker -----------------------------------------------------------

    def _typed(self, _text: str) -> None:
        self._search_timer.start()

    def find_workers(self) -> None:
        self._search_timer.stop()
        self.ctx.runner.run_query(
            dispatch_views.find_workers,
            actor=self.ctx.actor,
            text=self.search.text(),
            on_done=self._found,
            on_error=self._failed,
            key=f"{self.key}.find",
        )

    def _found(self, hits: list[WorkerHit]) -> None:
        keep = self.worker.id if self.worker else None
        self.workers = list(hits)
        self.list.blockSignals(True)
        self.list.setRowCount(len(hits))
        bold = QFont(self.list.font())
        bold.setBold(True)
        for row, hit in enumerate(hits):
            name = QTableWidgetItem(hit.name)
            name.setFont(bold)
            skills = QTableWidgetItem(" ".join(hit.skills))
            skills.setForeground(QColor("#616e7c"))
            tip = f"{hit.name} · {hit.phone} · {hit.branch_name}\n{' '.join(hit.skills)}"
            for cell in (name, skills):
                cell.setToolTip(tip)
            self.list.setItem(row, 0, name)
            self.list.setItem(row, 1, skills)
        row = next((n for n, h in enumerate(hits) if h.id == keep), -1)
        if row >= 0:
            self.list.selectRow(row)
        else:
            self.list.clearSelection()
        self.list.blockSignals(False)

    def _take_first(self) -> None:
        if self.workers:
            row = max(0, self.list.currentRow())
            self.list.selectRow(row)
            self._worker_cell(row)
            self.month_grid.setFocus()

    def _worker_cell(self, row: int, *_rest: int) -> None:
        if 0 <= row < len(self.workers):
            self.show_worker(self.workers[row].id)

    def show_worker(self, worker_id: int) -> None:
        """Show a worker's month (from the list, or opened from elsewhere)."""
        self.worker = next((w for w in self.workers if w.id == worker_id), self.worker)
        self.worker_id = worker_id
        self.reload()

    def show_worker_day(self, worker_id: int, day: date) -> None:
        """Show a worker's month at a day (opened from the leave requests)."""
        self.month_grid.set_month(day, day)
        self._show_month()
        self.show_worker(worker_id)

    # --- the month --------------------------------------------------------------------

    def _show_month(self) -> None:
        month = self.month_grid.month
        self.month_label.setText(f"{month:%Y-%m}")

    def step_month(self, step: int) -> None:
        month = _add_months(self.month_grid.month, step)
        chosen = self.month_grid.chosen
        if chosen.month != month.month or chosen.year != month.year:
            chosen = month
        self.month_grid.set_month(month, chosen)
        self._show_month()
        self.reload()

    def go_this_month(self) -> None:
        today = self.month_grid.today()
        self.month_grid.set_month(today, today)
        self._show_month()
        self.reload()

    def reload(self) -> None:
        worker_id = self.worker_id
        if worker_id is None:
            return
        self.ctx.runner.run_query(
            schedules.get_worker_calendar,
            worker_id=worker_id,
            actor=self.ctx.actor,
            first_day=grid_start(self.month_grid.month),
            days=42,
            on_done=self._loaded,
            on_error=self._failed,
            key=f"{self.key}.calendar",
        )

    def _loaded(self, calendar: WorkerCalendar) -> None:
        self.calendar = calendar
        self.title.setText(calendar.worker_name)
        self.shifts.setText(self._shifts_text(calendar))
        self.month_grid.set_calendar(calendar)
        self.show_day(self.month_grid.chosen)
        self._update_buttons()

    def _shifts_text(self, calendar: WorkerCalendar) -> str:
        if not calendar.shifts:
            return self.tr("No weekly shifts.")
        # the same hours on several days are said once: "Mon Tue Fri 09:00–18:00"
        days_of: dict[str, list[int]] = {}
        for s in calendar.shifts:
            hours = f"{texts.clock_text(s.start_minute)}–{texts.clock_text(s.end_minute)}"
            days_of.setdefault(hours, []).append(s.weekday)
        parts = [
            " ".join(texts.weekday_text(d) for d in sorted(set(days))) + f" {hours}"
            for hours, days in days_of.items()
        ]
        return self.tr("Shifts: {list}").format(list=" · ".join(parts))

    def show_day(self, day: date) -> None:
        self.day_title.setText(texts.day_label(day))
        entries = self.month_grid.entries_of(day)
        tz = self.calendar.timezone if self.calendar else self.ctx.tz
        self.day_entries = entries
        self.day_table.setRowCount(len(entries))
        if not entries:
            self.day_title.setText(
                self.tr("{day}: nothing booked").format(day=texts.day_label(day))
            )
        for row, entry in enumerate(entries):
            values = [
                self._when(entry, day, tz),
                self._kind(entry),
                entry.title,
                texts.leave_status_text(entry.state)
                if entry.kind == "leave"
                else order_texts.state_text(entry.state),
            ]
            for col, text in enumerate(values):
                self.day_table.setItem(row, col, QTableWidgetItem(text))
        self._update_buttons()

    def _when(self, entry: CalendarEntry, day: date, tz: str) -> str:
        window = order_texts.window_text(entry.starts_at, entry.ends_at, tz, this_year=day.year)
        return window.split(" ", 1)[1] if entry.kind == "visit" else window

    def _kind(self, entry: CalendarEntry) -> str:
        names = {
            "visit": self.tr("Visit"),
            "placement": self.tr("Placement"),
            "leave": self.tr("Leave"),
        }
        return names.get(entry.kind, entry.kind)

    # --- leave ------------------------------------------------------------------------

    def selected_entry(self) -> CalendarEntry | None:
        rows = self.day_table.selectionModel().selectedRows()
        entries = self.day_entries
        return entries[rows[0].row()] if rows and rows[0].row() < len(entries) else None

    def _update_buttons(self) -> None:
        chosen = self.selected_entry()
        self.add_leave_button.setEnabled(self.calendar is not None)
        self.cancel_leave_button.setEnabled(chosen is not None and chosen.kind == "leave")

    def add_leave(self) -> None:
        if self.calendar is None:
            return
        self.dialog = LeaveDialog(
            self.ctx,
            worker_id=self.calendar.worker_id,
            worker_name=self.calendar.worker_name,
            tz=self.calendar.timezone,
            first_day=self.month_grid.chosen,
            parent=self,
        )
        self.dialog.accepted.connect(self._leave_added)
        self.dialog.open()

    def _leave_added(self) -> None:
        self.status.setText(self.tr("Leave added."))
        self.reload()

    def cancel_leave(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.kind != "leave":
            return
        self.ctx.runner.run_command(
            schedules.cancel_leave,
            leave_id=entry.id,
            actor=self.ctx.actor,
            on_done=lambda _r: self._leave_cancelled(),
            on_error=self._failed,
            changes=CHANGES | {"schedule"},
        )

    def _leave_cancelled(self) -> None:
        self.status.setText(self.tr("Leave cancelled."))
        self.reload()

    def _failed(self, failure: TaskFailure) -> None:
        self.status.setText(failure.message)

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if changes & {"orders", "schedule"}:
            self.reload()
