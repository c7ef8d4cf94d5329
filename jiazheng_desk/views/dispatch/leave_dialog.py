"""Add leave for a worker: whole days (from … to, both included) or a part of a day, with
its kind and reason. A clash with a booking is refused by ``schedules.add_leave`` with a
message naming the order; the dialog shows it and keeps what was typed."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from jiazheng_desk.services import schedules
from jiazheng_desk.views.dispatch import texts
from jiazheng_desk.views.dispatch.commands import CHANGES
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormDialog


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class LeaveDialog(FormDialog):
    def __init__(
        self,
        ctx: DeskContext,
        *,
        worker_id: int,
        worker_name: str,
        tz: str,
        first_day: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, ok=QDialogButtonBox.StandardButton.Ok)
        self.setObjectName("leaveDialog")
        self.setWindowTitle(self.tr("Leave for {name}").format(name=worker_name))
        self.ctx = ctx
        self.worker_id = worker_id
        self.zone = ZoneInfo(tz)
        self.kind = QComboBox(self)
        self.kind.setObjectName("leaveKind")
        for kind in texts.LEAVE_KINDS:
            self.kind.addItem(texts.leave_kind_text(kind), kind)
        self.whole_days = QCheckBox(self.tr("Whole days"), self)
        self.whole_days.setObjectName("leaveWholeDays")
        self.whole_days.setChecked(True)
        self.from_day = QDateEdit(_qdate(first_day), self)
        self.from_day.setObjectName("leaveFrom")
        self.to_day = QDateEdit(_qdate(first_day), self)
        self.to_day.setObjectName("leaveTo")
        self.from_time = QTimeEdit(QTime(8, 0), self)
        self.from_time.setObjectName("leaveFromTime")
        self.to_time = QTimeEdit(QTime(18, 0), self)
        self.to_time.setObjectName("leaveToTime")
        for day_edit in (self.from_day, self.to_day):
            day_edit.setCalendarPopup(True)
            day_edit.setDisplayFormat("yyyy-MM-dd ddd")
        for time_edit in (self.from_time, self.to_time):
            time_edit.setDisplayFormat("HH:mm")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("leaveReason")
        self.reason.setPlaceholderText(self.tr("e.g. family matters, hospital visit"))
        start = QHBoxLayout()
        start.addWidget(self.from_day, 1)
        start.addWidget(self.from_time)
        end = QHBoxLayout()
        end.addWidget(self.to_day, 1)
        end.addWidget(self.to_time)
        self.add_row("kind", self.tr("Kind"), self.kind)
        self.form.addRow("", self.whole_days)
        self.form.addRow(self.tr("From"), start)
        self.add_row("ends_at", self.tr("To (included)"), _wrap(end, self))
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.ok_button.setText(self.tr("Add leave"))
        self.whole_days.toggled.connect(self._whole_days)
        self.from_day.dateChanged.connect(self._keep_order)
        self._whole_days(True)

    def _whole_days(self, whole: bool) -> None:
        self.from_time.setVisible(not whole)
        self.to_time.setVisible(not whole)

    def _keep_order(self, value: QDate) -> None:
        if self.to_day.date() < value:
            self.to_day.setDate(value)

    def leave_window(self) -> tuple[datetime, datetime]:
        """The leave as aware UTC times: midnight to midnight for whole days."""
        first, last = _day(self.from_day.date()), _day(self.to_day.date())
        if self.whole_days.isChecked():
            start = datetime.combine(first, time(0), tzinfo=self.zone)
            end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=self.zone)
        else:
            qs, qe = self.from_time.time(), self.to_time.time()
            start = datetime.combine(first, time(qs.hour(), qs.minute()), tzinfo=self.zone)
            end = datetime.combine(last, time(qe.hour(), qe.minute()), tzinfo=self.zone)
        utc = ZoneInfo("UTC")
        return start.astimezone(utc), end.astimezone(utc)

    def save(self) -> None:
        starts_at, ends_at = self.leave_window()
        self.ctx.runner.run_command(
            schedules.add_leave,
            worker_id=self.worker_id,
            actor=self.ctx.actor,
            starts_at=starts_at,
            ends_at=ends_at,
            kind=self.kind.currentData(),
            reason=self.reason.text().strip(),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES | {"schedule"},
        )


def _wrap(layout: QHBoxLayout, parent: QWidget) -> QWidget:
    holder = QWidget(parent)
    layout.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(layout)
    return holder
