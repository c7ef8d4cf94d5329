"""A month of one worker, six weeks of seven days, painted: each day's visits and
placements as coloured lines, leave hatched grey, the day's shift at the foot of the cell.

Arrows move the chosen day, Page Up/Down the month (``month_step``); a click or a move
emits ``day_chosen``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from jiazheng_desk import clock
from jiazheng_desk.services.schedules import CalendarEntry, WorkerCalendar
from jiazheng_desk.views.dispatch import texts

HEADER_H = 24
WEEKS = 6
LINE_H = 17


def grid_start(month: date) -> date:
    """The Monday on or before the first of the month: the first cell of the grid."""
    first = month.replace(day=1)
    return first - timedelta(days=first.weekday())


def days_of(entry: CalendarEntry, tz: str) -> list[date]:
    """The local days an entry touches (a placement or a leave spans several)."""
    zone = ZoneInfo(tz)
    first = entry.starts_at.astimezone(zone).date()
    last = (entry.ends_at - timedelta(microseconds=1)).astimezone(zone).date()
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


class MonthGrid(QWidget):
    day_chosen = Signal(object)  # date
    month_step = Signal(int)  # -1 / +1: the page moves to the month before or after

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthGrid")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(560, 420)
        self.tz = "Asia/Shanghai"
        self.month = self.today().replace(day=1)
        self.chosen = self.today()
        self.calendar: WorkerCalendar | None = None
        self.by_day: dict[date, list[CalendarEntry]] = {}
        self.small = QFont(self.font())
        self.small.setPointSizeF(max(7.5, self.font().pointSizeF() - 1.5))

    def today(self) -> date:
        return clock.now().astimezone(ZoneInfo(self.tz)).date()

    def sizeHint(self) -> QSize:
        return QSize(760, 560)

    def set_month(self, month: date, chosen: date | None = None) -> None:
        self.month = month.replace(day=1)
        if chosen is not None:
            self.chosen = chosen
        self.update()

    def set_calendar(self, calendar: WorkerCalendar | None) -> None:
        self.calendar = calendar
        self.by_day = defaultdict(list)
        if calendar is not None:
            self.tz = calendar.timezone
            for entry in calendar.entries:
                for day in days_of(entry, calendar.timezone):
                    self.by_day[day].append(entry)
        self.update()

    def entries_of(self, day: date) -> list[CalendarEntry]:
        return list(self.by_day.get(day, ()))

    # --- geometry ---------------------------------------------------------------------

    def cell_size(self) -> tuple[float, float]:
        return self.width() / 7, (self.height() - HEADER_H) / WEEKS

    def cell_rect(self, day: date) -> QRectF:
        offset = (day - grid_start(self.month)).days
        w, h = self.cell_size()
        return QRectF((offset % 7) * w, HEADER_H + (offset // 7) * h, w, h)

    def day_at(self, x: float, y: float) -> date | None:
        if y < HEADER_H:
            return None
        w, h = self.cell_size()
        col, row = int(x // w), int((y - HEADER_H) // h)
        if not (0 <= col < 7 and 0 <= row < WEEKS):
            return None
        return grid_start(self.month) + timedelta(days=row * 7 + col)

    # --- painting ---------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        w, _h = self.cell_size()
        painter.fillRect(QRectF(0, 0, self.width(), HEADER_H), QColor("#e4e7eb"))
        painter.setPen(texts.TEXT)
        for weekday in range(7):
            painter.drawText(
                QRectF(weekday * w, 0, w, HEADER_H),
                Qt.AlignmentFlag.AlignCenter,
                texts.weekday_text(weekday),
            )
        start = grid_start(self.month)
        for n in range(WEEKS * 7):
            self._paint_day(painter, start + timedelta(days=n))
        painter.end()

    def _shift_text(self, day: date) -> str:
        if self.calendar is None:
            return ""
        spans = [s for s in self.calendar.shifts if s.weekday == day.weekday()]
        if not spans:
            return self.tr("no shift")
        return ", ".join(
            f"{texts.clock_text(s.start_minute)}–{texts.clock_text(s.end_minute)}" for s in spans
        )

    def _paint_day(self, painter: QPainter, day: date) -> None:
        rect = self.cell_rect(day)
        inside = day.month == self.month.month
        entries = self.by_day.get(day, [])
        leave = [e for e in entries if e.kind == "leave"]
        work = [e for e in entries if e.kind != "leave"]
        painter.fillRect(rect, QColor("#ffffff") if inside else QColor("#f5f7fa"))
        if leave:
            painter.fillRect(rect, QColor("#eceff3"))
            painter.fillRect(rect, QBrush(texts.LEAVE_FG, Qt.BrushStyle.BDiagPattern))
        if day == self.chosen:
            painter.fillRect(rect, QColor(62, 111, 176, 34))
        painter.setPen(texts.GRID_LINE)
        painter.drawRect(rect)
        today = day == self.today()
        number = QRectF(rect.left() + 6, rect.top() + 3, rect.width() - 12, 18)
        painter.setPen(texts.TEXT if inside else texts.MUTED)
        if today:
            painter.setPen(QColor("#1d4ed8"))
        bold = QFont(self.font())
        bold.setBold(today or day == self.chosen)
        painter.setFont(bold)
        painter.drawText(
            number, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(day.day)
        )
        painter.setFont(self.small)
        if leave:
            painter.setPen(QColor("#52606d"))
            painter.drawText(
                number, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, leave[0].title
            )
        metrics = QFontMetrics(self.small)
        room = int((rect.height() - 22 - 16) // LINE_H)
        tz = self.calendar.timezone if self.calendar else "Asia/Shanghai"
        for n, entry in enumerate(work[: max(0, room)]):
            line = QRectF(
                rect.left() + 4, rect.top() + 22 + n * LINE_H, rect.width() - 8, LINE_H - 2
            )
            if n == room - 1 and len(work) > room:
                painter.setPen(texts.MUTED)
                painter.drawText(
                    line,
                    Qt.AlignmentFlag.AlignVCenter,
                    self.tr("+{n} more").format(n=len(work) - n),
                )
                break
            painter.fillRect(line, texts.state_fill(entry.state))
            painter.fillRect(
                QRectF(line.left(), line.top(), 3, line.height()), texts.state_colour(entry.state)
            )
            text = (
                entry.title
                if entry.kind == "placement"
                else f"{_hhmm(entry.starts_at, tz)} {entry.title}"
            )
            painter.setPen(texts.TEXT)
            painter.drawText(
                line.adjusted(6, 0, -2, 0),
                Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(line.width()) - 8),
            )
        painter.setPen(QPen(texts.MUTED))
        painter.drawText(
            QRectF(rect.left() + 6, rect.bottom() - 16, rect.width() - 12, 14),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            self._shift_text(day),
        )
        painter.setFont(self.font())

    # --- input ------------------------------------------------------------------------

    def choose(self, day: date) -> None:
        if day.month != self.month.month or day.year != self.month.year:
            self.month_step.emit(1 if day > self.month else -1)
        self.chosen = day
        self.update()
        self.day_chosen.emit(day)

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent):
            day = self.day_at(event.pos().x(), event.pos().y())
            entries = self.by_day.get(day, []) if day is not None else []
            if day is not None and entries:
                QToolTip.showText(event.globalPos(), self.day_tip(day, entries), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def day_tip(self, day: date, entries: list[CalendarEntry]) -> str:
        """Every entry of a day in full (the cell elides them)."""
        tz = self.calendar.timezone if self.calendar else self.tz
        lines = [texts.day_label(day)]
        for entry in entries:
            when = f"{_hhmm(entry.starts_at, tz)}–{_hhmm(entry.ends_at, tz)}"
            lines.append(f"{when}  {entry.title}")
        return "\n".join(lines)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().x(), event.position().y())
        if day is not None:
            self.choose(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps: dict[int, int] = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -7,
            Qt.Key.Key_Down: 7,
        }
        key = event.key()
        step = steps.get(int(key))
        if step is not None:
            self.choose(self.chosen + timedelta(days=step))
        elif key == Qt.Key.Key_PageUp:
            self.month_step.emit(-1)
        elif key == Qt.Key.Key_PageDown:
            self.month_step.emit(1)
        else:
            super().keyPressEvent(event)


def _hhmm(value: datetime, tz: str) -> str:
    return value.astimezone(ZoneInfo(tz)).strftime("%H:%M")
