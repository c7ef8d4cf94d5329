"""The unassigned queue beside the board: orders without a worker, exceptions first with
their reason. An entry is dragged onto a lane to assign it; the right button or the Menu
key opens its actions; Enter or a double click opens the order."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDrag, QFont
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from jiazheng_desk.services.board import Block
from jiazheng_desk.services.timeutil import zone
from jiazheng_desk.views.dispatch import texts
from jiazheng_desk.views.dispatch.board_view import block_tip, order_mime
from jiazheng_desk.views.orders import texts as order_texts

EXCEPTION_BRUSH = QBrush(QColor(order_texts.EXCEPTION_BRUSH_COLOUR))


class QueueList(QListWidget):
    block_menu = Signal(object, QPoint)  # Block, global position
    block_opened = Signal(object)  # Block

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unassignedQueue")
        self.blocks: list[Block] = []
        self.tz = "Asia/Shanghai"
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.setAlternatingRowColors(True)
        self.customContextMenuRequested.connect(self._menu_requested)
        self.itemActivated.connect(self._activated)

    def set_blocks(self, blocks: tuple[Block, ...], tz: str, *, show_day: bool) -> None:
        """Fill the queue, keeping the same order selected if it is still waiting."""
        kept = self.current_block()
        self.tz = tz
        self.blocks = list(blocks)
        self.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for block in self.blocks:
            start = block.starts_at
            when = f"{texts.hhmm(start, tz)}–{texts.hhmm(block.ends_at, tz)}"
            if show_day or block.kind == "placement":
                when = f"{texts.day_label(start.astimezone(zone(tz)).date())} {when}"
            head = f"{when}  {block.item_name}"
            tail = f"{block.customer_name} · {block.district_name}"
            if block.pool_open:
                tail += " · " + self.tr("open to grab")
            if block.state == "created":
                tail += " · " + order_texts.state_text(block.state)
            if block.exception_reason:
                head = f"⚠ {order_texts.exception_text(block.exception_reason)}  " + head
            entry = QListWidgetItem(f"{head}\n{tail}")
            entry.setData(Qt.ItemDataRole.UserRole, block.order_id)
            entry.setToolTip(block_tip(block, tz))
            if block.exception_reason:
                entry.setForeground(EXCEPTION_BRUSH)
                entry.setFont(bold)
            self.addItem(entry)
        if kept is not None:
            again = next((n for n, b in enumerate(self.blocks) if b.order_id == kept.order_id), -1)
            if again >= 0:
                self.setCurrentRow(again)

    def current_block(self) -> Block | None:
        row = self.currentRow()
        return self.blocks[row] if 0 <= row < len(self.blocks) else None

    def select_order(self, order_id: int) -> bool:
        for n, block in enumerate(self.blocks):
            if block.order_id == order_id:
                self.setCurrentRow(n)
                return True
        return False

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        block = self.current_block()
        if block is None:
            return
        drag = QDrag(self)
        drag.setMimeData(order_mime(block.order_id))
        drag.exec(Qt.DropAction.MoveAction)

    def _menu_requested(self, pos: QPoint) -> None:
        entry = self.itemAt(pos) or self.currentItem()
        if entry is None:
            return
        self.setCurrentItem(entry)
        block = self.current_block()
        if block is not None:
            where = self.visualItemRect(entry).center() if self.itemAt(pos) is None else pos
            self.block_menu.emit(block, self.viewport().mapToGlobal(where))

    def _activated(self, _entry: QListWidgetItem) -> None:
        block = self.current_block()
        if block is not None:
            self.block_opened.emit(block)
