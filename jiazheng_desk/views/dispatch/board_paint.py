"""How the board's timeline is painted, back to front: the lanes' grounds (shifts white,
off-shift shaded, leave hatched), the hour lines, the "now" line, then the order blocks and
the workers' names on top — so no line ever runs through a block's text.

Only the lanes in view are painted (``BoardView.visible_lanes``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen

from jiazheng_desk import clock
from jiazheng_desk.services.board import Block, Lane
from jiazheng_desk.views.dispatch import texts

if TYPE_CHECKING:
    from jiazheng_desk.views.dispatch.board_view import BoardView

# the geometry of the board (the view computes positions from these too)
LANE_H = 46
HEADER_H = 30
LABEL_W = 170
FIRST_MINUTE = 6 * 60
LAST_MINUTE = 22 * 60

LEAVE_GROUND = QColor("#e5e7eb")
LABEL_GROUND = QColor("#f5f7fa")
LABEL_FOCUS = QColor("#e3ebf6")
HEADER_GROUND = QColor("#e4e7eb")
DAY_LINE = QColor("#9aa5b1")
SIX_HOURS_LINE = QColor("#c3cad3")


class BoardPainter:
    def __init__(self, view: BoardView, painter: QPainter) -> None:
        self.v = view
        self.p = painter
        self.width = view.viewport().width()
        self.bottom = min(view.viewport().height(), HEADER_H + len(view.lanes) * LANE_H)

    def paint(self) -> None:
        v, p = self.v, self.p
        p.fillRect(v.viewport().rect(), texts.LANE_BG)
        lanes = v.visible_lanes()
        for index in lanes:
            self.ground(index)
        self.grid()
        self.now()
        for index in lanes:
            self.blocks(index)
            self.label(index)
        self.header()
        if not v.lanes:
            p.setPen(texts.MUTED)
            p.drawText(
                QRectF(0, HEADER_H, self.width, 80),
                Qt.AlignmentFlag.AlignCenter,
                QCoreApplication.translate("BoardView", "No worker matches these filters."),
            )

    # --- the grounds ------------------------------------------------------------------

    def ground(self, index: int) -> None:
        v, p = self.v, self.p
        lane = v.lanes[index]
        top = v.lane_top(index)
        row = QRectF(0, top, self.width, LANE_H)
        p.fillRect(row, texts.LANE_ALT_BG if index % 2 else texts.LANE_BG)
        dw = v.day_width()
        # off-shift time is shaded, the shifts stay white: the eye finds free time at once
        for offset, day in enumerate(v.days):
            p.fillRect(QRectF(LABEL_W + offset * dw, top, dw, LANE_H), texts.OFF_SHIFT_BG)
            for start, end in lane.shifts.get(day, ()):
                left, right = v.x_minute(offset, start), v.x_minute(offset, end)
                p.fillRect(QRectF(left, top, right - left, LANE_H), texts.SHIFT_BG)
        for starts_at, ends_at in lane.leave:
            left, right = v.x_of(starts_at), v.x_of(ends_at)
            if right > left:
                area = QRectF(left, top + 1, right - left, LANE_H - 2)
                p.fillRect(area, LEAVE_GROUND)
                p.fillRect(area, QBrush(texts.LEAVE_FG, Qt.BrushStyle.BDiagPattern))
        if index == v.drop_lane:
            p.fillRect(row.adjusted(LABEL_W, 0, 0, 0), texts.DROP_TARGET)
        p.setPen(texts.GRID_LINE)
        p.drawLine(0, top + LANE_H - 1, self.width, top + LANE_H - 1)

    def grid(self) -> None:
        v, p = self.v, self.p
        step = 60 if len(v.days) == 1 else 360
        for offset in range(len(v.days)):
            for minute in range(FIRST_MINUTE, LAST_MINUTE + 1, step):
                x = int(v.x_minute(offset, minute))
                p.setPen(texts.HOUR_LINE if minute % 360 else SIX_HOURS_LINE)
                p.drawLine(x, HEADER_H, x, self.bottom)
            x = int(LABEL_W + offset * v.day_width())
            p.setPen(QPen(DAY_LINE, 1))
            p.drawLine(x, 0, x, self.bottom)

    def now(self) -> None:
        v = self.v
        moment = clock.now()
        if not v.days or moment.astimezone(v.zone).date() not in v.days:
            return
        x = int(v.x_of(moment))
        self.p.setPen(QPen(texts.NOW_LINE, 2))
        self.p.drawLine(x, HEADER_H, x, self.bottom)

    # --- on top -----------------------------------------------------------------------

    def blocks(self, index: int) -> None:
        v = self.v
        for n, block in enumerate(v.lanes[index].blocks):
            focused = index == v.current_lane and n == v.current_block and v.hasFocus()
            self.block(v.block_rect(index, block), block, focused)

    def block(self, rect: QRectF, block: Block, focused: bool) -> None:
        v, p = self.v, self.p
        strong = texts.state_colour(block.state)
        p.fillRect(rect, texts.state_fill(block.state))
        p.fillRect(QRectF(rect.left(), rect.top(), 3, rect.height()), strong)
        pen = QPen(texts.TEXT if focused else strong, 2 if focused else 1)
        if block.pool_open:
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawRect(rect.adjusted(0, 0, -1, -1))
        # a narrow block (the week view) is told by its colour and its tooltip: a row of
        # "…" would only be noise
        if rect.width() < 44:
            return
        box = rect.adjusted(7, 2, -4, -2)
        first, second = v.block_texts(block)
        width = int(box.width())
        p.setPen(texts.TEXT)
        p.drawText(
            QRectF(box.left(), box.top(), width, 18),
            Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(v.font()).elidedText(first, Qt.TextElideMode.ElideRight, width),
        )
        p.setFont(v.small)
        p.setPen(texts.MUTED)
        p.drawText(
            QRectF(box.left(), box.top() + 18, width, 16),
            Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(v.small).elidedText(second, Qt.TextElideMode.ElideRight, width),
        )
        p.setFont(v.font())

    def label(self, index: int) -> None:
        v, p = self.v, self.p
        lane: Lane = v.lanes[index]
        top = v.lane_top(index)
        focused = index == v.current_lane and v.hasFocus()
        p.fillRect(QRectF(0, top, LABEL_W, LANE_H), LABEL_FOCUS if focused else LABEL_GROUND)
        p.setPen(texts.HOUR_LINE)
        p.drawLine(LABEL_W - 1, top, LABEL_W - 1, top + LANE_H)
        p.drawLine(0, top + LANE_H - 1, LABEL_W, top + LANE_H - 1)
        room = LABEL_W - 16
        p.setFont(v.bold)
        p.setPen(texts.TEXT)
        p.drawText(
            QRectF(10, top + 4, room, 20),
            Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(v.bold).elidedText(lane.name, Qt.TextElideMode.ElideRight, room),
        )
        p.setFont(v.small)
        p.setPen(texts.MUTED)
        p.drawText(
            QRectF(10, top + 23, room, 18),
            Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(v.small).elidedText(
                " ".join(lane.skills), Qt.TextElideMode.ElideRight, room
            ),
        )
        p.setFont(v.font())

    def header(self) -> None:
        v, p = self.v, self.p
        p.fillRect(QRectF(0, 0, self.width, HEADER_H), HEADER_GROUND)
        p.setPen(texts.TEXT)
        p.setFont(v.bold)
        p.drawText(
            QRectF(10, 0, LABEL_W - 12, HEADER_H),
            Qt.AlignmentFlag.AlignVCenter,
            QCoreApplication.translate("BoardView", "{n} workers").format(n=len(v.lanes)),
        )
        p.setFont(v.font())
        dw = v.day_width()
        if len(v.days) == 1:
            for minute in range(FIRST_MINUTE, LAST_MINUTE, 60):
                p.drawText(
                    QRectF(v.x_minute(0, minute) + 3, 0, 60, HEADER_H),
                    Qt.AlignmentFlag.AlignVCenter,
                    f"{minute // 60:02d}",
                )
        else:
            for offset, day in enumerate(v.days):
                p.drawText(
                    QRectF(LABEL_W + offset * dw, 0, dw, HEADER_H),
                    Qt.AlignmentFlag.AlignCenter,
                    texts.day_label(day),
                )
        p.setPen(texts.HOUR_LINE)
        p.drawLine(0, HEADER_H - 1, self.width, HEADER_H - 1)
