"""Dispatch → Dispatch board: a day (or a week) of the branch, a lane per worker, the
unassigned queue beside it.

The board follows the database without freezing the desk: every few seconds the page asks
``board_version`` (a cheap fingerprint) through the runner under one key and reloads the
board only when the fingerprint changed — an order booked in the app, an offer answered,
another desk's drag. A poll still on its way is not asked again, so a slow link never
piles up queries.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QPoint, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.services import board, branches, dispatch_views
from jiazheng_desk.services.board import Block, Board
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.dispatch_views import BoardChoices, BoardSnapshot
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.services.timeutil import zone
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.dispatch.board_actions import BoardActions
from jiazheng_desk.views.dispatch.board_queue import QueueList
from jiazheng_desk.views.dispatch.board_view import BoardView
from jiazheng_desk.views.dispatch.legend import Legend
from jiazheng_desk.views.main_window import DeskContext

POLL_MS = 4000
# a message on the status line stays this long, then the line clears
MESSAGE_MS = 12000


class BoardPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.key = f"dispatch.board.{id(self)}"
        self.branch_id: int | None = ctx.actor.branch_id
        self.tz = ctx.tz
        self.board: Board | None = None
        self.version: str | None = None
        self.polling = False
        self.loads = 0

        self._build_bar()
        self.view = BoardView(self)
        self.queue = QueueList(self)
        self.queue_title = QLabel(self)
        self.queue_title.setObjectName("queueTitle")
        self.queue_title.setStyleSheet("font-weight: bold; padding: 4px 2px;")
        self.status = QLabel(self)
        self.status.setObjectName("boardStatus")
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(26)
        self.legend = Legend(self)
        self.board_actions = BoardActions(ctx, self)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.queue_title)
        side_layout.addWidget(self.queue, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("boardSplitter")
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([820, 260])
        # the status line under the bar, where the eye is after a drag; the key at the foot
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.legend)
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.message_timer = QTimer(self)
        self.message_timer.setSingleShot(True)
        self.message_timer.setInterval(MESSAGE_MS)
        self.message_timer.timeout.connect(lambda: self.show_message("", "info"))

        self.view.order_dropped.connect(self.drop_order)
        self.view.block_menu.connect(self.open_menu)
        self.queue.block_menu.connect(self.open_menu)
        self.view.block_opened.connect(self.board_actions.details)
        self.queue.block_opened.connect(self.board_actions.details)
        self.board_actions.message.connect(self.show_message)
        self.board_actions.done.connect(self.reload)
        if ctx.actor.is_hq:
            ctx.runner.run_query(
                branches.list_branches,
                actor=ctx.actor,
                on_done=self._branches_loaded,
                key=f"{self.key}.branches",
            )
        else:
            self._load_choices()
            self.reload()

    # --- the bar ----------------------------------------------------------------------

    def _build_bar(self) -> None:
        self.branch = QComboBox(self)
        self.branch.setObjectName("boardBranch")
        self.branch.setVisible(self.ctx.actor.is_hq)
        today = self.today()
        self.day = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.day.setObjectName("boardDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd ddd")
        self.prev_button = QToolButton(self)
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(self.tr("Day before"))
        self.next_button = QToolButton(self)
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Day after"))
        self.today_button = QPushButton(self.tr("Today"), self)
        self.tomorrow_button = QPushButton(self.tr("Tomorrow"), self)
        self.day_mode = QPushButton(self.tr("Day"), self)
        self.day_mode.setObjectName("boardDayMode")
        self.week_mode = QPushButton(self.tr("Week"), self)
        self.week_mode.setObjectName("boardWeekMode")
        self.mode_group = QButtonGroup(self)
        for button in (self.day_mode, self.week_mode):
            button.setCheckable(True)
            self.mode_group.addButton(button)
        self.day_mode.setChecked(True)
        self.district = QComboBox(self)
        self.district.setObjectName("boardDistrict")
        self.district.addItem(self.tr("All districts"), None)
        self.skill = QComboBox(self)
        self.skill.setObjectName("boardSkill")
        self.skill.addItem(self.tr("All skills"), None)
        self.on_shift = QCheckBox(self.tr("Only on shift"), self)
        self.on_shift.setObjectName("boardOnShift")
        self.auto_button = QPushButton(self.tr("Auto-dispatch the day"), self)
        self.auto_button.setObjectName("autoDispatchDay")
        self.auto_button.setVisible(self.ctx.can(Perm.ORDER_ASSIGN))
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("boardRefresh")
        bar = QHBoxLayout()
        for widget in (
            self.branch,
            self.prev_button,
            self.day,
            self.next_button,
            self.today_button,
            self.tomorrow_button,
            self.day_mode,
            self.week_mode,
        ):
            bar.addWidget(widget)
        bar.addSpacing(12)
        for filter_widget in (self.district, self.skill, self.on_shift):
            bar.addWidget(filter_widget)
        bar.addStretch(1)
        bar.addWidget(self.auto_button)
        bar.addWidget(self.refresh_button)
        self.bar = bar
        self.branch.currentIndexChanged.connect(self._branch_changed)
        self.day.dateChanged.connect(self._filters_changed)
        self.prev_button.clicked.connect(lambda: self.shift_day(-1))
        self.next_button.clicked.connect(lambda: self.shift_day(1))
        self.today_button.clicked.connect(lambda: self.set_day(self.today()))
        self.tomorrow_button.clicked.connect(lambda: self.set_day(self.today() + timedelta(days=1)))
        self.mode_group.buttonToggled.connect(self._mode_toggled)
        self.district.currentIndexChanged.connect(self._filters_changed)
        self.skill.currentIndexChanged.connect(self._filters_changed)
        self.on_shift.toggled.connect(self._filters_changed)
        self.auto_button.clicked.connect(self.auto_dispatch_day)
        self.refresh_button.clicked.connect(self.reload)

    def today(self) -> date:
        return clock.now().astimezone(zone(self.tz)).date()

    def chosen_day(self) -> date:
        qd = self.day.date()
        return date(qd.year(), qd.month(), qd.day())

    def set_day(self, day: date) -> None:
        self.day.setDate(QDate(day.year, day.month, day.day))

    def shift_day(self, days: int) -> None:
        step = 7 if self.week_mode.isChecked() else 1
        self.set_day(self.chosen_day() + timedelta(days=days * step))

    def week(self) -> bool:
        return self.week_mode.isChecked()

    def set_week(self, on: bool) -> None:
        (self.week_mode if on else self.day_mode).setChecked(True)

    def span(self) -> tuple[date, int]:
        """The first day shown and how many: the chosen day, or its week from Monday."""
        day = self.chosen_day()
        if self.week():
            return day - timedelta(days=day.weekday()), 7
        return day, 1

    def _mode_toggled(self, _button: object, on: bool) -> None:
        if on:
            self._filters_changed()

    def _filters_changed(self, *_args: object) -> None:
        self.version = None
        self.reload()

    # --- branch and filter choices -----------------------------------------------------

    def _branches_loaded(self, items: list[BranchView]) -> None:
        self.branch.blockSignals(True)
        for b in items:
            self.branch.addItem(b.name, b.id)
        self.branch.blockSignals(False)
        if items:
            self._branch_changed()

    def _branch_changed(self, *_args: object) -> None:
        data = self.branch.currentData()
        if data is None:
            return
        self.branch_id = int(data)
        self._load_choices()
        self._filters_changed()

    def _load_choices(self) -> None:
        if self.branch_id is None:
            return
        self.ctx.runner.run_query(
            dispatch_views.board_choices,
            actor=self.ctx.actor,
            branch_id=self.branch_id,
            on_done=self._choices_loaded,
            key=f"{self.key}.choices",
        )

    def _choices_loaded(self, choices: BoardChoices) -> None:
        self.tz = choices.tz
        for combo, options in ((self.district, choices.districts), (self.skill, choices.skills)):
            keep = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for option in options:
                combo.addItem(option.name, option.id)
            combo.setCurrentIndex(max(0, combo.findData(keep)))
            combo.blockSignals(False)

    # --- loading and polling ----------------------------------------------------------

    def reload(self) -> None:
        if self.branch_id is None:
            return
        first, days = self.span()
        self.ctx.runner.run_query(
            dispatch_views.board_snapshot,
            actor=self.ctx.actor,
            branch_id=self.branch_id,
            first_day=first,
            days=days,
            district_id=self.district.currentData(),
            skill_id=self.skill.currentData(),
            only_on_shift=self.on_shift.isChecked(),
            on_done=self._loaded,
            on_error=self._load_failed,
            key=f"{self.key}.load",
        )

    def _loaded(self, snapshot: BoardSnapshot) -> None:
        self.loads += 1
        self.board = snapshot.board
        self.version = snapshot.version
        self.tz = snapshot.board.timezone
        self.view.set_board(snapshot.board)
        self.queue.set_blocks(snapshot.board.unassigned, self.tz, show_day=self.week())
        waiting = len(snapshot.board.unassigned)
        exceptions = sum(1 for b in snapshot.board.unassigned if b.exception_reason)
        title = self.tr("Unassigned ({n})").format(n=waiting)
        if exceptions:
            title += "  " + self.tr("⚠ {n} exceptions").format(n=exceptions)
        self.queue_title.setText(title)

    def _load_failed(self, failure: TaskFailure) -> None:
        self.show_message(failure.message, "error")

    def poll(self) -> None:
        """Ask whether the board changed; reload only if it did (never twice at once)."""
        if self.polling or self.branch_id is None or self.version is None:
            return
        self.polling = True
        first, days = self.span()
        self.ctx.runner.run_query(
            board.board_version,
            branch_id=self.branch_id,
            first_day=first,
            days=days,
            on_done=self._version_arrived,
            on_error=self._poll_failed,
            key=f"{self.key}.version",
        )

    def _version_arrived(self, version: str) -> None:
        self.polling = False
        if self.version is not None and version != self.version:
            self.reload()

    def _poll_failed(self, _failure: TaskFailure) -> None:
        # the status bar already tells of a lost connection; the next poll tries again
        self.polling = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.poll_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.poll_timer.stop()

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "orders" in changes or "schedule" in changes:
            self.reload()

    # --- acting -----------------------------------------------------------------------

    def find_block(self, order_id: int) -> Block | None:
        if self.board is None:
            return None
        for block in self.board.unassigned:
            if block.order_id == order_id:
                return block
        for lane in self.board.lanes:
            for block in lane.blocks:
                if block.order_id == order_id:
                    return block
        return None

    def drop_order(self, order_id: int, worker_id: int) -> None:
        """An order dropped on a worker's lane (from the queue or another lane)."""
        block = self.find_block(order_id)
        if block is None:
            return
        self.board_actions.move(block, worker_id)

    def open_menu(self, block: Block, where: QPoint) -> None:
        self.board_actions.menu_for(block).popup(where)

    def auto_dispatch_day(self) -> None:
        if self.branch_id is not None:
            self.board_actions.auto_day(self.branch_id, self.chosen_day())

    def show_message(self, text: str, kind: str) -> None:
        colours = {"error": "#b91c1c", "ok": "#166534", "info": "#475569"}
        backgrounds = {"error": "#fef2f2", "ok": "#f0fdf4", "info": "transparent"}
        self.status.setText(text)
        self.status.setProperty("kind", kind)
        self.status.setStyleSheet(
            f"color: {colours.get(kind, '#475569')}; background: {backgrounds.get(kind)};"
            " padding: 3px 8px; border-radius: 3px;"
            + (" font-weight: bold;" if kind == "error" else "")
        )
        if text and kind != "info":
            self.message_timer.start()
