"""The board's timeline: a lane per worker, painted by hand.

Lanes are painted, not made of widgets: a branch has hundreds of workers and a widget per
block would cost seconds to build and lay out on every reload. Only the lanes in view are
painted (the vertical scroll bar moves a window over them), so 300 lanes paint as fast as
15. The time axis runs 06:00–22:00 over one day, or over each of 7 day columns in the
week view; a placement spans the columns of its days.

What the dispatcher can do here: drag a block onto another lane (``order_dropped``), open
a block's menu with the right button or the Menu key (``block_menu``), open it with a
double click or Enter (``block_opened``). Up/Down move between lanes, Left/Right between
the blocks of a lane.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from jiazheng_desk import clock
from jiazheng_desk.services.board import Block, Board, Lane
from jiazheng_desk.views.dispatch.board_paint import (
    FIRST_MINUTE,
    HEADER_H,
    LABEL_W,
    LANE_H,
    LAST_MINUTE,
    BoardPainter,
)
from jiazheng_desk.views.orders import texts as order_texts

MIME = "application/x-jiazheng-order"


def order_mime(order_id: int) -> QMimeData:
    """What a dragged order carries: its id (the queue and the lanes both use it)."""
    data = QMimeData()
    data.setData(MIME, QByteArray(str(order_id).encode()))
    return data


def order_of(mime: QMimeData) -> int | None:
    if not mime.hasFormat(MIME):
        return None
    try:
        return int(bytes(mime.data(MIME).data()).decode())
    except ValueError:
        return None


def block_tip(block: Block, tz: str) -> str:
    """A block's tooltip: everything a dispatcher asks about an order at a glance."""
    window = order_texts.window_text(block.starts_at, block.ends_at, tz, this_year=clock.now().year)
    lines = [
        f"{block.order_no}  {order_texts.state_text(block.state)}",
        window,
        f"{block.item_name} · {block.customer_name}",
        f"{block.district_name} · {block.address_text}",
    ]
    if block.exception_reason:
        lines.append("⚠ " + order_texts.exception_text(block.exception_reason))
    return "\n".join(lines)


class BoardView(QAbstractScrollArea):
    order_dropped = Signal(int, int)  # order id, worker id of the lane it was dropped on
    block_menu = Signal(object, QPoint)  # Block, global position
    block_opened = Signal(object)  # Block

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardView")
        self.board: Board | None = None
        self.lanes: tuple[Lane, ...] = ()
        self.days: list[date] = []
        self.zone = ZoneInfo("Asia/Shanghai")
        self.drop_lane = -1
        self.current_lane = -1
        self.current_block = -1
        self._pressed: tuple[Block, QPoint] | None = None
        self._texts: dict[int, tuple[str, str]] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setAcceptDrops(True)
        self.viewport().setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().setSingleStep(LANE_H)
        self.small = QFont(self.font())
        self.small.setPointSizeF(max(7.5, self.font().pointSizeF() - 1.5))
        self.bold = QFont(self.font())
        self.bold.setBold(True)

    # --- data -------------------------------------------------------------------------

    def set_board(self, board: Board) -> None:
        """Show a board; the lane in focus stays in focus if its worker is still shown."""
        worker = self.current_worker()
        self.board = board
        self.lanes = board.lanes
        self.zone = ZoneInfo(board.timezone)
        self.days = [board.first_day + timedelta(days=i) for i in range(board.days)]
        ids = [lane.worker_id for lane in self.lanes]
        self.current_lane = ids.index(worker) if worker in ids else (0 if ids else -1)
        self.current_block = -1
        self._texts = {}
        self._update_scroll()
        self.viewport().update()

    def block_texts(self, block: Block) -> tuple[str, str]:
        """A block's two lines (kept per board: formatting times on every paint costs)."""
        texts_of = self._texts.get(block.order_id)
        if texts_of is None:
            start, end = block.starts_at.astimezone(self.zone), block.ends_at.astimezone(self.zone)
            when = f"{start:%H:%M}–{end:%H:%M}"
            if block.kind == "placement":
                when = f"{start:%m-%d}→{end:%m-%d}"
            texts_of = (
                f"{when} {block.item_name}",
                f"{block.customer_name} · {block.district_name}",
            )
            self._texts[block.order_id] = texts_of
        return texts_of

    def current_worker(self) -> int | None:
        if 0 <= self.current_lane < len(self.lanes):
            return self.lanes[self.current_lane].worker_id
        return None

    def lane_index(self, worker_id: int) -> int:
        return next((i for i, lane in enumerate(self.lanes) if lane.worker_id == worker_id), -1)

    # --- geometry ---------------------------------------------------------------------

    def _update_scroll(self) -> None:
        total = HEADER_H + len(self.lanes) * LANE_H
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, total - self.viewport().height()))
        bar.setPageStep(max(LANE_H, self.viewport().height() - HEADER_H))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scroll()

    def day_width(self) -> float:
        return max(40.0, (self.viewport().width() - LABEL_W) / max(1, len(self.days)))

    def x_of(self, moment: datetime) -> float:
        """Where a moment lies on the axis (clamped to the board's days and hours)."""
        if not self.days:
            return LABEL_W
        local = moment.astimezone(self.zone)
        offset = (local.date() - self.days[0]).days
        if offset < 0:
            return LABEL_W
        if offset >= len(self.days):
            return LABEL_W + len(self.days) * self.day_width()
        minute = min(max(local.hour * 60 + local.minute, FIRST_MINUTE), LAST_MINUTE)
        share = (minute - FIRST_MINUTE) / (LAST_MINUTE - FIRST_MINUTE)
        return LABEL_W + (offset + share) * self.day_width()

    def lane_top(self, index: int) -> int:
        return HEADER_H + index * LANE_H - self.verticalScrollBar().value()

    def lane_at(self, y: float) -> int:
        if y < HEADER_H:
            return -1
        index = int((y - HEADER_H + self.verticalScrollBar().value()) // LANE_H)
        return index if 0 <= index < len(self.lanes) else -1

    def block_rect(self, index: int, block: Block) -> QRectF:
        top = self.lane_top(index)
        left = self.x_of(block.starts_at)
        right = max(left + 6, self.x_of(block.ends_at))
        return QRectF(left + 1, top + 4, right - left - 2, LANE_H - 8)

    def block_at(self, pos: QPointF | QPoint) -> tuple[int, Block] | None:
        index = self.lane_at(pos.y())
        if index < 0:
            return None
        for block in self.lanes[index].blocks:
            if self.block_rect(index, block).contains(QPointF(pos)):
                return index, block
        return None

    def visible_lanes(self) -> range:
        first = self.verticalScrollBar().value() // LANE_H
        count = self.viewport().height() // LANE_H + 2
        return range(first, min(len(self.lanes), first + count))

    # --- painting ---------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        BoardPainter(self, painter).paint()
        painter.end()

    def x_minute(self, offset: int, minute: int) -> float:
        """Where a minute of the day ``offset`` days into the board lies on the axis."""
        clamped = min(max(minute, FIRST_MINUTE), LAST_MINUTE)
        share = (clamped - FIRST_MINUTE) / (LAST_MINUTE - FIRST_MINUTE)
        return LABEL_W + (offset + share) * self.day_width()

    # --- mouse, keys, tooltips --------------------------------------------------------

    def viewportEvent(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            hit = self.block_at(event.pos())
            if hit is not None:
                QToolTip.showText(event.globalPos(), block_tip(hit[1], str(self.zone.key)), self)
            else:
                QToolTip.hideText()
            return True
        return bool(super().viewportEvent(event))  # type: ignore[arg-type]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self.block_at(event.position())
        lane = self.lane_at(event.position().y())
        if lane >= 0:
            self.current_lane = lane
            self.current_block = self.lanes[lane].blocks.index(hit[1]) if hit else -1
            self.viewport().update()
        if event.button() == Qt.MouseButton.LeftButton and hit is not None:
            self._pressed = (hit[1], event.position().toPoint())
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pressed is not None and event.buttons() & Qt.MouseButton.LeftButton:
            block, start = self._pressed
            moved = (event.position().toPoint() - start).manhattanLength()
            if moved >= QApplication.startDragDistance():
                self._pressed = None
                drag = QDrag(self)
                drag.setMimeData(order_mime(block.order_id))
                drag.exec(Qt.DropAction.MoveAction)
                return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._pressed = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.block_at(event.position())
        if hit is not None:
            self.block_opened.emit(hit[1])

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            block = self.current()
            if block is not None:
                rect = self.block_rect(self.current_lane, block)
                self.block_menu.emit(block, self.viewport().mapToGlobal(rect.center().toPoint()))
            return
        hit = self.block_at(event.pos())
        if hit is not None:
            self.block_menu.emit(hit[1], event.globalPos())

    def current(self) -> Block | None:
        if 0 <= self.current_lane < len(self.lanes):
            blocks = self.lanes[self.current_lane].blocks
            if 0 <= self.current_block < len(blocks):
                return blocks[self.current_block]
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.lanes:
            step = -1 if key == Qt.Key.Key_Up else 1
            self.current_lane = min(max(self.current_lane + step, 0), len(self.lanes) - 1)
            self.current_block = 0 if self.lanes[self.current_lane].blocks else -1
            self._show_lane(self.current_lane)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and 0 <= self.current_lane < len(
            self.lanes
        ):
            blocks = self.lanes[self.current_lane].blocks
            if blocks:
                step = -1 if key == Qt.Key.Key_Left else 1
                self.current_block = min(max(self.current_block + step, 0), len(blocks) - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current() is not None:
            self.block_opened.emit(self.current())
        else:
            super().keyPressEvent(event)
            return
        self.viewport().update()

    def _show_lane(self, index: int) -> None:
        bar = self.verticalScrollBar()
        top = index * LANE_H
        visible = self.viewport().height() - HEADER_H
        if top < bar.value():
            bar.setValue(top)
        elif top + LANE_H > bar.value() + visible:
            bar.setValue(top + LANE_H - visible)

    # --- dropping ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if order_of(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        lane = self.lane_at(event.position().y())
        if lane != self.drop_lane:
            self.drop_lane = lane
            self.viewport().update()
        if lane >= 0 and order_of(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: object) -> None:
        self.drop_lane = -1
        self.viewport().update()

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_lane = -1
        self.viewport().update()
        order_id = order_of(event.mimeData())
        lane = self.lane_at(event.position().y())
        if order_id is None or lane < 0:
            event.ignore()
            return
        event.acceptProposedAction()
        self.order_dropped.emit(order_id, self.lanes[lane].worker_id)

    def lane_center(self, worker_id: int) -> QPoint:
        """The middle of a worker's lane in viewport coordinates (scrolled into view)."""
        index = self.lane_index(worker_id)
        self._show_lane(index)
        return QPoint(
            int(LABEL_W + (self.viewport().width() - LABEL_W) / 2),
            self.lane_top(index) + LANE_H // 2,
        )
