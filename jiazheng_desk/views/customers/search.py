"""Find as you type: a search box driving a list of customers, shared by page and picker.

``CustomerSearch`` watches a line edit: each pause in typing (debounced) asks
``find_customers`` through the task runner under one key, so an answer to older text is
dropped when newer text is on its way. Up/Down in the box move through the list without
leaving it; Enter picks the current hit (the first one unless the arrows moved); Escape
empties the box.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from jiazheng_desk.services import customers
from jiazheng_desk.services.customer_views import CustomerHit
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.customers.texts import status_text
from jiazheng_desk.views.main_window import DeskContext

DEBOUNCE_MS = 200
WARN = QBrush(QColor("#c0392b"))
GREY = QBrush(QColor("#8a8f98"))


class CustomerHitTable(QTableWidget):
    """The customers found: name, mobile, branch, last order, state."""

    def __init__(self, tz: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.tz = tz
        self.hits: list[CustomerHit] = []
        self.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Mobile"),
                self.tr("Branch"),
                self.tr("Last order"),
                self.tr("State"),
            ]
        )
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def show_hits(self, hits: list[CustomerHit]) -> None:
        keep = self.current_hit()
        self.hits = list(hits)
        self.setRowCount(len(hits))
        for row, hit in enumerate(hits):
            values = (
                hit.name,
                hit.phone,
                hit.branch_name,
                fmt.local_time(hit.last_order_at, self.tz)[:10] or "—",
                status_text(hit.status),
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                if hit.status != "active":
                    item.setForeground(WARN if hit.status == "frozen" else GREY)
                if col == 0 and hit.address_summary:
                    item.setToolTip(hit.address_summary)
                self.setItem(row, col, item)
        wanted = next((r for r, h in enumerate(hits) if keep and h.id == keep.id), 0)
        if hits:
            self.selectRow(wanted)

    def current_hit(self) -> CustomerHit | None:
        row = self.currentRow()
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def step_selection(self, step: int) -> None:
        if not self.hits:
            return
        row = min(max(self.currentRow() + step, 0), len(self.hits) - 1)
        self.selectRow(row)


class CustomerSearch(QObject):
    """Runs find-as-you-type for a line edit and fills a ``CustomerHitTable``."""

    found = Signal(object)  # list[CustomerHit] for the text now in the box
    picked = Signal(object)  # CustomerHit: Enter in the box, or a double click
    picked_nothing = Signal()  # Enter when nothing matches the text
    failed = Signal(object)  # TaskFailure

    def __init__(
        self,
        ctx: DeskContext,
        edit: QLineEdit,
        table: CustomerHitTable,
        *,
        key: str,
        limit: int = 20,
    ) -> None:
        super().__init__(edit)
        self.ctx = ctx
        self.edit = edit
        self.table = table
        self.key = key
        self.limit = limit
        self.last_text: str | None = None
        self.searching = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        edit.textChanged.connect(lambda _t: self._timer.start())
        edit.installEventFilter(self)
        table.doubleClicked.connect(lambda _i: self._pick())
        table.installEventFilter(self)

    def search_now(self) -> None:
        """Ask for the text in the box at once (a refresh after a change, or a test)."""
        self._timer.stop()
        text = self.edit.text().strip()
        self.searching = True
        self.ctx.runner.run_query(
            customers.find_customers,
            actor=self.ctx.actor,
            text=text,
            limit=self.limit,
            on_done=lambda hits: self._arrived(text, hits),
            on_error=self._failed,
            key=self.key,
        )

    @property
    def pending(self) -> bool:
        """Typing has not been answered yet (Enter waits for the answer)."""
        return self._timer.isActive() or self.searching

    def _arrived(self, text: str, hits: list[CustomerHit]) -> None:
        self.searching = False
        self.last_text = text
        self.table.show_hits(hits)
        self.found.emit(hits)

    def _failed(self, failure: TaskFailure) -> None:
        self.searching = False
        self.failed.emit(failure)

    def _pick(self) -> None:
        hit = self.table.current_hit()
        if hit is not None:
            self.picked.emit(hit)
        else:
            self.picked_nothing.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and watched is self.edit:
            self.table.step_selection(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key == Qt.Key.Key_Escape and watched is self.edit and self.edit.text():
            self.edit.clear()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if watched is self.edit and self.pending:
                # Enter right after typing: pick once the answer for this text is in
                self._pick_when_found()
            else:
                self._pick()
            return True
        return False

    def _pick_when_found(self) -> None:
        self._timer.stop()
        self.search_now()

        def once(_hits: object) -> None:
            self.found.disconnect(once)
            self._pick()

        self.found.connect(once)
