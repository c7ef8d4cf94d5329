"""The order detail's dialogs: cancel (fee first), reschedule (a series visit: this one or
this and following), and the worker picker.

All non-blocking (``open()``); a refusal is shown inside the dialog, which stays open with
what was entered, and nothing changes.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import dispatch, offers, orders, series
from jiazheng_desk.services.availability import Candidate
from jiazheng_desk.services.order_extras import CancelPreview
from jiazheng_desk.services.order_views import OrderDetail
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.orders.commands import CHANGES
from jiazheng_desk.views.widgets.form import FormDialog, error_label


def _hours(value: int) -> str:
    return str(value)


class CancelDialog(FormDialog):
    """Says what cancelling costs, then asks why; the fee shown is the fee charged."""

    def __init__(
        self,
        ctx: DeskContext,
        detail: OrderDetail,
        preview: CancelPreview,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, ok=QDialogButtonBox.StandardButton.Ok)
        self.setObjectName("cancelDialog")
        self.setWindowTitle(self.tr("Cancel order {no}").format(no=detail.order_no))
        self.ctx = ctx
        self.detail = detail
        self.preview = preview
        # the fee first, in bold: it is what the customer will be charged
        self.fee_label = self.intro
        self.fee_label.setObjectName("cancelFee")
        self.fee_label.setText(self.fee_text(preview))
        self.fee_label.setStyleSheet("font-weight: bold;")
        self.fee_label.show()
        self.reason = QLineEdit(self)
        self.reason.setObjectName("cancelReason")
        self.reason.setPlaceholderText(self.tr("e.g. the customer's plans changed"))
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.ok_button.setText(self.tr("Cancel the order"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Keep it"))
        self.reason.setFocus()

    def fee_text(self, preview: CancelPreview) -> str:
        if preview.rule == "on_the_way":
            return self.tr("Cancelling will cost {fee}: the worker is already on the way.").format(
                fee=fmt.yuan(preview.fee_fen)
            )
        if preview.fee_fen > 0:
            return self.tr(
                "Cancelling will cost {fee} (within {hours} hours of the service)."
            ).format(fee=fmt.yuan(preview.fee_fen), hours=_hours(preview.free_hours))
        return self.tr(
            "Cancelling now is free (more than {hours} hours before the service)."
        ).format(hours=_hours(preview.free_hours))

    def validate(self) -> bool:
        if self.reason.text().strip():
            return True
        self.errors.show_text("reason", self.tr("Please give a reason."))
        self._fit()
        return False

    def save(self) -> None:
        self.ctx.runner.run_command(
            orders.cancel_order,
            order_id=self.detail.id,
            actor=self.ctx.actor,
            reason=self.reason.text().strip(),
            expected_fee_fen=self.preview.fee_fen,
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )


class RescheduleDialog(FormDialog):
    """A new start in the branch's local time; the worker comes along if they can.

    For a visit of a recurring series it asks first whether only this visit moves, or this
    one and every later one (``series.edit_following``: the series splits here and its open
    visits move onto the new weekday and time, one for one, so none is added or lost).
    """

    def __init__(self, ctx: DeskContext, detail: OrderDetail, parent: QWidget | None = None):
        super().__init__(parent, ok=QDialogButtonBox.StandardButton.Ok)
        self.setObjectName("rescheduleDialog")
        self.setWindowTitle(self.tr("Reschedule order {no}").format(no=detail.order_no))
        self.ctx = ctx
        self.detail = detail
        self.zone = ZoneInfo(detail.timezone)
        start = detail.starts_at.astimezone(self.zone)
        self.current = QLabel(
            f"{fmt.local_time(detail.starts_at, detail.timezone)}–"
            f"{detail.ends_at.astimezone(self.zone):%H:%M}",
            self,
        )
        self.current.setObjectName("currentWindow")
        self.in_series = detail.series_id is not None
        scope = QWidget(self)
        scope_layout = QVBoxLayout(scope)
        scope_layout.setContentsMargins(0, 0, 0, 0)
        self.only_this = QRadioButton(self.tr("Only this visit"), scope)
        self.only_this.setObjectName("scopeThis")
        self.following = QRadioButton(self.tr("This and all following visits"), scope)
        self.following.setObjectName("scopeFollowing")
        self.only_this.setChecked(True)
        scope_layout.addWidget(self.only_this)
        scope_layout.addWidget(self.following)
        self.scope_hint = QLabel(
            self.tr(
                "Every later open visit moves to the new weekday and time; a worker who "
                "cannot come along is released and the visit waits for another."
            ),
            self,
        )
        self.scope_hint.setObjectName("scopeHint")
        self.scope_hint.setProperty("role", "hint")
        self.scope_hint.setWordWrap(True)
        self.new_start = QDateTimeEdit(self)
        self.new_start.setObjectName("newStart")
        self.new_start.setCalendarPopup(True)
        self.new_start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.set_new_start(start.replace(tzinfo=None))
        self.keep_worker = QCheckBox(self.tr("Keep the worker"), self)
        self.keep_worker.setObjectName("keepWorker")
        has_worker = detail.worker_id is not None and detail.state == "accepted"
        self.keep_worker.setChecked(has_worker)
        self.keep_worker.setEnabled(has_worker)
        self.keep_worker.setToolTip(
            self.tr(
                "Checked: the move is refused if {worker} cannot make the new time. "
                "Unchecked: the order goes back to the queue for another worker."
            ).format(worker=detail.worker_name or self.tr("the worker"))
        )
        self.reason = QLineEdit(self)
        self.reason.setObjectName("rescheduleReason")
        self.reason.setPlaceholderText(self.tr("Optional, e.g. the customer asked"))
        self.form.addRow(self.tr("Booked for"), self.current)
        if self.in_series:
            self.current.setText(
                self.current.text()
                + "  "
                + self.tr("(visit {seq} of a recurring booking)").format(
                    seq=detail.series_seq or ""
                )
            )
            self.add_row("scope", self.tr("Change"), scope)
            self.form.addRow("", self.scope_hint)
        else:
            scope.hide()
            self.scope_hint.hide()
        self.add_row("starts_at", self.tr("New start"), self.new_start)
        self.add_row("keep_worker", "", self.keep_worker)
        self.add_row("reason", self.tr("Reason"), self.reason)
        # the services name the new time by these arguments: their errors go beside it
        for name in ("new_starts_at", "first_date", "weekday", "start_minute"):
            self.errors.fields[name] = self.errors.fields["starts_at"]
        self.ok_button.setText(self.tr("Move"))
        self.following.toggled.connect(lambda _on: self._show_scope())
        self._show_scope()

    def _show_scope(self) -> None:
        following = self.following.isChecked()
        if self.in_series:
            self.form.setRowVisible(self.scope_hint, following)
        # the series moves with its workers kept where they can be, and no reason is kept
        self.form.setRowVisible(self.keep_worker, not following)
        self.form.setRowVisible(self.reason, not following)
        self.ok_button.setText(self.tr("Move these visits") if following else self.tr("Move"))
        # fit the rows now shown, growing or shrinking
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.width(), self.sizeHint().height())

    def set_new_start(self, local: datetime) -> None:
        """The new start as the branch's wall-clock time."""
        self.new_start.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )

    def new_start_local(self) -> datetime:
        value = self.new_start.dateTime()
        day, time = value.date(), value.time()
        return datetime(
            day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=self.zone
        )

    def new_start_utc(self) -> datetime:
        return self.new_start_local().astimezone(ZoneInfo("UTC"))

    def save(self) -> None:
        if self.in_series and self.following.isChecked():
            local = self.new_start_local()
            self.ctx.runner.run_command(
                series.edit_following,
                order_id=self.detail.id,
                actor=self.ctx.actor,
                weekday=local.weekday(),
                start_minute=local.hour * 60 + local.minute,
                first_date=local.date(),
                on_done=self.saved,
                on_error=self.refused,
                changes=CHANGES,
            )
            return
        self.ctx.runner.run_command(
            orders.reschedule_order,
            order_id=self.detail.id,
            actor=self.ctx.actor,
            new_starts_at=self.new_start_utc(),
            keep_worker=self.keep_worker.isChecked(),
            reason=self.reason.text().strip(),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )


class WorkerPickerDialog(QDialog):
    """Qualified, free workers for the order, best first: assign directly or offer.

    A worker refused by the booking rules (booked meanwhile, travel too long …) shows the
    reason here and the list is asked again, so the next choice is from fresh data.
    """

    def __init__(self, ctx: DeskContext, detail: OrderDetail, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("workerPicker")
        self.ctx = ctx
        self.detail = detail
        self.candidates: list[Candidate] = []
        self.result_value: object = None
        self.loading = False
        self.sending = False
        replacing = detail.worker_id is not None
        self.setWindowTitle(
            (
                self.tr("Give order {no} to another worker")
                if replacing
                else self.tr("Dispatch order {no}")
            ).format(no=detail.order_no)
        )
        self.setMinimumSize(620, 380)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setProperty("role", "hint")
        window = f"{fmt.local_time(detail.starts_at, detail.timezone)}–" + (
            f"{detail.ends_at.astimezone(ZoneInfo(detail.timezone)):%H:%M}"
        )
        self.intro.setText(
            self.tr("{service} · {district} · {window}").format(
                service=detail.item_name, district=detail.district_name, window=window
            )
            + (
                "\n"
                + self.tr(
                    "Now with {worker}; the change takes effect only if the new worker fits."
                ).format(worker=detail.worker_name)
                if replacing
                else ""
            )
        )
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("candidateTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Worker"),
                self.tr("Level"),
                self.tr("Distance"),
                self.tr("Rating"),
                self.tr("Orders that day"),
                self.tr("Notes"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.status = QLabel(self.tr("Looking for free workers…"), self)
        self.status.setObjectName("candidateStatus")
        self.status.setProperty("role", "hint")
        self.error = error_label(self, "pickerError")
        self.assign_button = QPushButton(self.tr("Assign"), self)
        self.assign_button.setObjectName("assignWorker")
        self.assign_button.setToolTip(self.tr("The worker gets the order at once"))
        self.offer_button = QPushButton(self.tr("Offer"), self)
        self.offer_button.setObjectName("offerWorker")
        self.offer_button.setToolTip(self.tr("The worker accepts or declines in the app"))
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refreshCandidates")
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        for b in (self.assign_button, self.offer_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.assign_button.clicked.connect(lambda: self.choose(offer=False))
        self.offer_button.clicked.connect(lambda: self.choose(offer=True))
        self.refresh_button.clicked.connect(self.load)
        self.close_button.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.choose(offer=False))
        self._update_buttons()
        self.load()

    def load(self) -> None:
        self.loading = True
        exclude = (self.detail.worker_id,) if self.detail.worker_id is not None else ()
        self.ctx.runner.run_query(
            dispatch.candidates,
            order_id=self.detail.id,
            actor=self.ctx.actor,
            limit=30,
            exclude_workers=exclude,
            on_done=self._loaded,
            on_error=self._load_failed,
            key=f"orders.candidates.{id(self)}",
        )

    def _loaded(self, found: list[Candidate]) -> None:
        self.loading = False
        self.candidates = list(found)
        chosen = self.selected()
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
                str(c.orders_that_day),
                self.tr(", ").join(notes),
            ]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                if col in (1, 2, 3, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        self.status.setText(
            self.tr("{n} free workers fit this order.").format(n=len(self.candidates))
            if self.candidates
            else self.tr("No qualified worker is free at this time.")
        )
        again = next(
            (
                i
                for i, c in enumerate(self.candidates)
                if chosen and c.worker_id == chosen.worker_id
            ),
            -1,
        )
        if again >= 0:
            self.table.selectRow(again)
        elif self.candidates:
            self.table.selectRow(0)
        self._update_buttons()

    def _load_failed(self, failure: TaskFailure) -> None:
        self.loading = False
        self.status.setText(failure.message)

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

    def _update_buttons(self) -> None:
        has = self.selected() is not None and not self.sending
        self.assign_button.setEnabled(has)
        self.offer_button.setEnabled(has)

    def choose(self, *, offer: bool, worker_id: int | None = None) -> None:
        """Give the order to the selected worker (or ``worker_id``)."""
        chosen = worker_id if worker_id is not None else getattr(self.selected(), "worker_id", None)
        if chosen is None:
            return
        self.error.hide()
        self.sending = True
        self._update_buttons()
        self.ctx.runner.run_command(
            offers.reassign,
            order_id=self.detail.id,
            worker_id=chosen,
            actor=self.ctx.actor,
            offer=offer,
            on_done=self._given,
            on_error=self._refused,
            changes=CHANGES,
        )

    def _given(self, result: object) -> None:
        self.sending = False
        self.result_value = result
        self.accept()

    def _refused(self, failure: TaskFailure) -> None:
        self.sending = False
        self._update_buttons()
        self.error.setText(failure.message)
        self.error.show()
        # the refusal may mean the list is stale: ask again
        self.load()
