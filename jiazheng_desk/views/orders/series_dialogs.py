"""Dialogs for recurring bookings and placements: cancel this and following visits (what
ends and what it costs, first), and replace the worker from a date.

Like the order's other dialogs they are non-blocking and keep what was entered when the
services refuse; the refusal is shown beside its field or above the buttons.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.services import changes, series, series_views
from jiazheng_desk.services.availability import Candidate
from jiazheng_desk.services.order_views import OrderDetail
from jiazheng_desk.services.series_views import ReplacementChoices, SeriesCancelPreview
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.orders import texts
from jiazheng_desk.views.orders.commands import CHANGES
from jiazheng_desk.views.widgets.form import FormDialog
from jiazheng_desk.views.widgets.table import make_list_table

# the candidates are asked again this long after the date stops changing
DATE_DEBOUNCE_MS = 300


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class CancelSeriesDialog(FormDialog):
    """Lists the visits that end and the fee of each, then asks why; one command cancels
    them all (``series.cancel_series``) or, refused, none."""

    def __init__(
        self,
        ctx: DeskContext,
        detail: OrderDetail,
        preview: SeriesCancelPreview,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, ok=QDialogButtonBox.StandardButton.Ok)
        self.setObjectName("cancelSeriesDialog")
        self.setMinimumWidth(620)
        self.ctx = ctx
        self.detail = detail
        self.preview = preview
        day = f"{preview.from_date:%Y-%m-%d}"
        self.setWindowTitle(self.tr("Cancel the recurring booking from {day}").format(day=day))
        n = len(preview.visits)
        self.summary = self.intro
        self.summary.setObjectName("seriesCancelSummary")
        self.summary.setStyleSheet("font-weight: bold;")
        self.summary.setText(self.summary_text(n, day, preview.total_fee_fen))
        self.summary.show()
        self.visits = make_list_table(
            self,
            "seriesCancelVisits",
            [
                self.tr("No."),
                self.tr("Service time"),
                self.tr("State"),
                self.tr("Worker"),
                self.tr("Cancellation fee"),
            ],
        )
        year = clock.now().astimezone(ZoneInfo(preview.timezone)).year
        self.visits.setRowCount(n)
        for row, v in enumerate(preview.visits):
            values = [
                str(v.series_seq or ""),
                texts.window_text(v.starts_at, v.ends_at, preview.timezone, year),
                texts.state_text(v.state),
                v.worker_name or "—",
                fmt.yuan(v.fee_fen) if v.fee_fen else self.tr("Free"),
            ]
            for col, text in enumerate(values):
                self.visits.setItem(row, col, _item(text, right=col in (0, 4)))
        self.visits.setVisible(n > 0)
        self.visits.setMinimumHeight(min(6, max(n, 1)) * 28 + 32)
        self.form.addRow(self.visits)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("seriesCancelReason")
        self.reason.setPlaceholderText(self.tr("e.g. the customer moves away"))
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.ok_button.setText(
            self.tr("Cancel {n} visits").format(n=n) if n else self.tr("End the booking")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Keep them"))
        self.reason.setFocus()

    def summary_text(self, n: int, day: str, fee_fen: int) -> str:
        if n == 0:
            return self.tr(
                "No open visit is left from {day} on; the recurring booking ends and books "
                "no more visits."
            ).format(day=day)
        head = self.tr("{n} open visits from {day} on will be cancelled.").format(n=n, day=day)
        if fee_fen:
            return (
                head
                + "\n"
                + self.tr("Cancellation fees: {fee} in total.").format(fee=fmt.yuan(fee_fen))
            )
        return head + "\n" + self.tr("Cancelling them now is free.")

    def validate(self) -> bool:
        if self.reason.text().strip():
            return True
        self.errors.show_text("reason", self.tr("Please give a reason."))
        self._fit()
        return False

    def save(self) -> None:
        self.ctx.runner.run_command(
            series.cancel_series,
            series_id=self.preview.series_id,
            actor=self.ctx.actor,
            reason=self.reason.text().strip(),
            from_date=self.preview.from_date,
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )


class ReplaceWorkerDialog(FormDialog):
    """Another worker for a series (every open visit from a day on) or a placement (split
    at a day); the list shows who is free for all of it, and the services check again."""

    def __init__(self, ctx: DeskContext, detail: OrderDetail, parent: QWidget | None = None):
        super().__init__(parent, ok=QDialogButtonBox.StandardButton.Ok)
        self.setObjectName("replaceWorkerDialog")
        self.setMinimumSize(680, 480)
        self.ctx = ctx
        self.detail = detail
        self.is_series = detail.series_id is not None
        self.choices: ReplacementChoices | None = None
        self.candidates: list[Candidate] = []
        self.loading = False
        self.load_error = False
        self.forced_worker: int | None = None
        self.chosen_name = ""
        tz = ZoneInfo(detail.timezone)
        start_day = detail.starts_at.astimezone(tz).date()
        last_day = detail.ends_at.astimezone(tz).date()
        today = clock.now().astimezone(tz).date()
        worker = detail.worker_name or self.tr("the present worker")
        if self.is_series:
            self.setWindowTitle(self.tr("Replace the worker of a recurring booking"))
            intro = self.tr(
                "Every open visit from the chosen day on goes to the new worker; earlier "
                "visits keep theirs, so the history stays true. All or nothing: if the new "
                "worker cannot make one of the visits, nothing changes."
            )
            first = start_day
        else:
            self.setWindowTitle(
                self.tr("Replace the worker of placement {no}").format(no=detail.order_no)
            )
            intro = self.tr(
                "The placement is split at the chosen day: {worker} keeps the days before, "
                "and a new order for the remaining days goes to the new worker."
            ).format(worker=worker)
            first = min(max(today + timedelta(days=1), start_day + timedelta(days=1)), last_day)
        self.intro.setText(intro)
        self.intro.setObjectName("replaceIntro")
        self.intro.show()

        self.from_date = QDateEdit(self)
        self.from_date.setObjectName("replaceFrom")
        self.from_date.setCalendarPopup(True)
        self.from_date.setDisplayFormat("yyyy-MM-dd")
        self.from_date.setDate(_qdate(first))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("replaceReason")
        self.reason.setPlaceholderText(self.tr("e.g. the worker left, or the customer asked"))
        self.table = make_list_table(
            self,
            "replaceCandidates",
            [
                self.tr("Worker"),
                self.tr("Level"),
                self.tr("Distance"),
                self.tr("Rating"),
                self.tr("Notes"),
            ],
        )
        self.table.setMinimumHeight(180)
        self.status = QLabel(self.tr("Looking for free workers…"), self)
        self.status.setObjectName("replaceStatus")
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        self.add_row("from_date", self.tr("From"), self.from_date)
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.form.addRow(self.table)
        self.form.addRow(self.status)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refreshReplacement")
        self.refresh_button.setAutoDefault(False)
        self.buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.ok_button.setText(self.tr("Replace"))
        self.ok_button.setDefault(True)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DATE_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.load)
        self.from_date.dateChanged.connect(lambda _d: self._debounce.start())
        self.refresh_button.clicked.connect(self.load)
        self.table.itemSelectionChanged.connect(self._update_ok)
        self._update_ok()
        self.load()

    # --- the candidates -------------------------------------------------------------------

    def day(self) -> date:
        return _pydate(self.from_date.date())

    def set_day(self, day: date) -> None:
        """The first day of the new worker (the list follows)."""
        self.from_date.setDate(_qdate(day))

    def load(self) -> None:
        self._debounce.stop()
        self.loading = True
        self.status.setText(self.tr("Looking for free workers…"))
        self.ctx.runner.run_query(
            series_views.replacement_choices,
            order_id=self.detail.id,
            from_date=self.day(),
            actor=self.ctx.actor,
            on_done=self._loaded,
            on_error=self._load_failed,
            key=f"orders.replacement.{id(self)}",
        )

    def _loaded(self, choices: ReplacementChoices) -> None:
        self.loading = False
        self.choices = choices
        if self.load_error:
            # the day that could not be asked about is good now
            self.load_error = False
            self.errors.clear()
        chosen = self.selected()
        self.candidates = list(choices.candidates)
        self.table.setRowCount(len(self.candidates))
        for row, c in enumerate(self.candidates):
            notes = []
            if c.previous:
                notes.append(self.tr("served this customer"))
            if c.favorite:
                notes.append(self.tr("customer's favourite"))
            values = [
                c.name,
                str(c.level),
                ""
                if c.distance_m is None
                else self.tr("{km} km").format(km=f"{c.distance_m / 1000:.1f}"),
                "" if c.rating is None else f"{c.rating:.1f} ({c.rating_count})",
                self.tr(", ").join(notes),
            ]
            for col, text in enumerate(values):
                self.table.setItem(row, col, _item(text, right=col in (1, 2, 3)))
        self.status.setText(self.status_text(choices))
        keep = chosen.worker_id if chosen is not None else None
        again = next((i for i, c in enumerate(self.candidates) if c.worker_id == keep), -1)
        if again >= 0:
            self.table.selectRow(again)
        elif self.candidates:
            self.table.selectRow(0)
        self._update_ok()

    def status_text(self, choices: ReplacementChoices) -> str:
        if choices.kind == "series":
            if choices.visits == 0:
                return self.tr("No open visit is booked from this day on.")
            if not choices.candidates:
                return self.tr(
                    "No qualified worker is free for all {n} visits from this day on."
                ).format(n=choices.visits)
            return self.tr("{m} workers are free for all {n} visits from this day on.").format(
                m=len(choices.candidates), n=choices.visits
            )
        if not choices.candidates:
            return self.tr("No qualified worker is free for the remaining {n} days.").format(
                n=choices.days
            )
        return self.tr("{m} workers are free for the remaining {n} days.").format(
            m=len(choices.candidates), n=choices.days
        )

    def _load_failed(self, failure: TaskFailure) -> None:
        self.loading = False
        self.choices = None
        self.candidates = []
        self.table.setRowCount(0)
        self.status.setText("")
        self.load_error = True
        self.errors.show(failure)
        self._update_ok()
        self._fit()

    def selected(self) -> Candidate | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.candidates):
            return None
        return self.candidates[rows[0].row()]

    def select_worker(self, worker_id: int) -> bool:
        for row, c in enumerate(self.candidates):
            if c.worker_id == worker_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.selected() is not None)

    # --- replacing ------------------------------------------------------------------------

    def choose(self, worker_id: int, name: str = "") -> None:
        """Replace with this worker, listed or not (the services say why one cannot)."""
        self.forced_worker = worker_id
        self.chosen_name = name
        self.submit()

    def validate(self) -> bool:
        if self.forced_worker is None and self.selected() is None:
            self.errors.show_text("", self.tr("Choose the new worker in the list."))
            self._fit()
            return False
        if not self.reason.text().strip():
            self.errors.show_text("reason", self.tr("Please give a reason."))
            self._fit()
            self.forced_worker = None
            return False
        return True

    def save(self) -> None:
        chosen = self.selected()
        worker_id = self.forced_worker
        if worker_id is None and chosen is not None:
            worker_id, self.chosen_name = chosen.worker_id, chosen.name
        self.forced_worker = None
        assert worker_id is not None
        args: dict[str, Any] = {
            "from_date": self.day(),
            "worker_id": worker_id,
            "actor": self.ctx.actor,
            "reason": self.reason.text().strip(),
            "on_done": self.saved,
            "on_error": self.refused,
            "changes": CHANGES,
        }
        if self.is_series:
            self.ctx.runner.run_command(
                changes.replace_series_worker, series_id=self.detail.series_id, **args
            )
        else:
            self.ctx.runner.run_command(
                changes.replace_placement_worker, order_id=self.detail.id, **args
            )

    def refused(self, failure: TaskFailure) -> None:
        super().refused(failure)
        # the refusal may mean the list is stale: ask again
        self.load()
