"""Step 4 of a booking: when — free slots of the next 14 days as a grid (days across, start
times down, the number of free workers in each cell), or a day and time typed in.

Arrows move through the grid; Enter or a click takes the slot. A cell with nobody free
is shown as "–" and can still be taken (the booking then waits unassigned).
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.services.availability import Slot
from jiazheng_desk.services.dispatch_views import SlotTable
from jiazheng_desk.views.dispatch import texts
from jiazheng_desk.views.dispatch.step_box import step_label
from jiazheng_desk.views.main_window import DeskContext

# only scarcity is coloured: a grid of green would be noise; 1–2 free is worth a glance
MANY = QBrush(QColor("#ffffff"))
FEW = QBrush(QColor("#fef3c7"))
NONE = QBrush(QColor("#f1f5f9"))
NONE_TEXT = QBrush(QColor("#9aa5b1"))


def _day_head(day: date, first: bool) -> str:
    """ "21", or "11/21" on the first column and the first of a month: narrow columns."""
    return f"{day.month}/{day.day}" if first or day.day == 1 else str(day.day)


class SlotsStep(QWidget):
    """The slot grid and the typed day and time; ``start_chosen`` carries an aware UTC
    datetime (or None when the choice was cleared)."""

    start_chosen = Signal(object)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tz = ctx.tz
        self.table_data: SlotTable | None = None
        self.days: list[date] = []
        self.minutes: list[int] = []
        self.by_cell: dict[tuple[int, int], Slot] = {}
        self.chosen: datetime | None = None

        self.grid = QTableWidget(0, 0, self)
        self.grid.setObjectName("slotGrid")
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setWordWrap(False)
        self.grid.setShowGrid(True)
        self.grid.verticalHeader().setDefaultSectionSize(22)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.horizontalHeader().setMinimumSectionSize(24)
        self.status = step_label("", self)
        self.status.setObjectName("slotStatus")
        local = clock.now().astimezone(ZoneInfo(self.tz))
        self.day = QDateEdit(QDate(local.year, local.month, local.day), self)
        self.day.setObjectName("slotDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.time = QTimeEdit(QTime(10, 0), self)
        self.time.setObjectName("slotTime")
        self.time.setDisplayFormat("HH:mm")
        self.chosen_label = QLabel(self)
        self.chosen_label.setObjectName("slotChosen")
        self.chosen_label.setStyleSheet("font-weight: bold;")
        typed = QHBoxLayout()
        typed.addWidget(QLabel(self.tr("Start"), self))
        typed.addWidget(self.day)
        typed.addWidget(self.time)
        typed.addWidget(self.chosen_label, 1)
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("slotPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setProperty("role", "hint")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.grid)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        layout.addLayout(typed)

        self.grid.cellClicked.connect(lambda r, c: self.choose_cell(r, c))
        self.day.editingFinished.connect(self._typed)
        self.time.editingFinished.connect(self._typed)

    # --- filling ----------------------------------------------------------------------

    def clear(self, text: str = "") -> None:
        self.table_data = None
        self.by_cell.clear()
        self.grid.clear()
        self.grid.setRowCount(0)
        self.grid.setColumnCount(0)
        self.placeholder.setText(text or self.tr("Choose the service and the address first."))
        self.stack.setCurrentWidget(self.placeholder)
        self.status.clear()

    def set_loading(self) -> None:
        self.status.setText(self.tr("Looking for free times…"))

    def set_table(self, table: SlotTable) -> None:
        """Show the slots; the chosen start stays chosen (and marked) if it is still there."""
        self.table_data = table
        self.tz = table.tz
        zone = ZoneInfo(table.tz)
        self.days = sorted({s.day for s in table.slots})
        self.minutes = sorted(
            {
                s.starts_at.astimezone(zone).hour * 60 + s.starts_at.astimezone(zone).minute
                for s in table.slots
            }
        )
        self.by_cell = {}
        for s in table.slots:
            local = s.starts_at.astimezone(zone)
            key = (self.minutes.index(local.hour * 60 + local.minute), self.days.index(s.day))
            self.by_cell[key] = s
        self.grid.blockSignals(True)
        self.grid.clear()
        self.grid.setRowCount(len(self.minutes))
        self.grid.setColumnCount(len(self.days))
        self.grid.setHorizontalHeaderLabels(
            # 14 narrow columns: the day of the month over the weekday's letter (the full
            # date is in each cell's tooltip and under the grid once chosen)
            [f"{d.day}\n{texts.weekday_letter(d.weekday())}" for d in self.days]
        )
        self.grid.setVerticalHeaderLabels([texts.clock_text(m) for m in self.minutes])
        for (row, col), slot in self.by_cell.items():
            cell = QTableWidgetItem(str(slot.free_workers) if slot.free_workers else "–")
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            cell.setBackground(
                MANY if slot.free_workers >= 3 else FEW if slot.free_workers else NONE
            )
            if not slot.free_workers:
                cell.setForeground(NONE_TEXT)
            cell.setToolTip(
                self.tr("{day} {time}: {n} free").format(
                    day=texts.day_label(slot.day),
                    time=texts.hhmm(slot.starts_at, table.tz),
                    n=slot.free_workers,
                )
            )
            self.grid.setItem(row, col, cell)
        for row in range(len(self.minutes)):
            for col in range(len(self.days)):
                if (row, col) not in self.by_cell:
                    # past or too soon: nothing to choose
                    empty = QTableWidgetItem("")
                    empty.setFlags(Qt.ItemFlag.NoItemFlags)
                    empty.setBackground(NONE)
                    self.grid.setItem(row, col, empty)
        self.grid.blockSignals(False)
        free = sum(1 for s in table.slots if s.free_workers)
        self.stack.setCurrentWidget(self.grid if table.slots else self.placeholder)
        if not table.slots:
            self.placeholder.setText(
                self.tr("No worker has a shift for this service in these days.")
            )
            self.status.setText(self.tr("No worker has a shift for this service in these days."))
        elif not free:
            self.status.setText(self.tr("Every qualified worker is booked in these days."))
        else:
            self.status.setText(
                self.tr("Numbers: free workers. Arrows move, Enter takes the slot.")
            )
        self._mark_chosen()

    # --- choosing ---------------------------------------------------------------------

    def choose_cell(self, row: int, col: int) -> None:
        slot = self.by_cell.get((row, col))
        if slot is None:
            return
        self.set_start(slot.starts_at)

    def choose_current(self) -> None:
        self.choose_cell(self.grid.currentRow(), self.grid.currentColumn())

    def slot_at(self, day: date, minute: int) -> Slot | None:
        """The slot of a local day and start minute (tests and the typed time)."""
        if day not in self.days or minute not in self.minutes:
            return None
        return self.by_cell.get((self.minutes.index(minute), self.days.index(day)))

    def choose(self, day: date, minute: int) -> bool:
        """Take the slot of a local day and start minute, as a click on its cell does."""
        slot = self.slot_at(day, minute)
        if slot is None:
            return False
        self.set_start(slot.starts_at)
        return True

    def _typed(self) -> None:
        qd, qt = self.day.date(), self.time.time()
        local = datetime.combine(
            date(qd.year(), qd.month(), qd.day()),
            time(qt.hour(), qt.minute()),
            tzinfo=ZoneInfo(self.tz),
        )
        starts_at = local.astimezone(ZoneInfo("UTC"))
        if starts_at != self.chosen:
            self.set_start(starts_at)

    def set_start(self, starts_at: datetime | None) -> None:
        self.chosen = starts_at
        if starts_at is not None:
            local = starts_at.astimezone(ZoneInfo(self.tz))
            self.day.blockSignals(True)
            self.time.blockSignals(True)
            self.day.setDate(QDate(local.year, local.month, local.day))
            self.time.setTime(QTime(local.hour, local.minute))
            self.day.blockSignals(False)
            self.time.blockSignals(False)
        self._mark_chosen()
        self.start_chosen.emit(starts_at)

    def _mark_chosen(self) -> None:
        if self.chosen is None:
            self.chosen_label.setText("")
            return
        zone = ZoneInfo(self.tz)
        local = self.chosen.astimezone(zone)
        self.chosen_label.setText(
            self.tr("Chosen: {day} {time}").format(
                day=texts.day_label(local.date()), time=f"{local:%H:%M}"
            )
        )
        minute = local.hour * 60 + local.minute
        if local.date() in self.days and minute in self.minutes:
            row, col = self.minutes.index(minute), self.days.index(local.date())
            self.grid.blockSignals(True)
            self.grid.setCurrentCell(row, col)
            self.grid.blockSignals(False)
            cell = self.grid.item(row, col)
            if cell is not None:
                self.grid.scrollToItem(cell)

    def focus(self) -> None:
        # before the focus: a table given the focus without a current cell takes the first
        if (self.chosen is None or self.grid.currentRow() < 0) and self.by_cell:
            # the earliest cell with someone free (else the earliest at all)
            row, col = min(
                self.by_cell, key=lambda rc: (not self.by_cell[rc].free_workers, rc[1], rc[0])
            )
            self.grid.setCurrentCell(row, col)
        self.grid.setFocus()
