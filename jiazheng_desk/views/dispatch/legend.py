"""A one-line key to the board's colours: what each block colour and shading means."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from jiazheng_desk.views.dispatch import texts
from jiazheng_desk.views.orders import texts as order_texts

SWATCH = 12
GAP = 14


class Legend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardLegend")
        # one state stands for each colour group of the order texts
        self.entries: list[tuple[str, QColor, QColor, Qt.BrushStyle]] = [
            (
                order_texts.state_text(s),
                texts.state_fill(s),
                texts.state_colour(s),
                Qt.BrushStyle.SolidPattern,
            )
            for s in ("confirmed", "offered", "in_service", "completed")
        ]
        self.entries.append(
            (self.tr("Leave"), QColor("#e5e7eb"), texts.LEAVE_FG, Qt.BrushStyle.BDiagPattern)
        )
        self.entries.append(
            (
                self.tr("Off shift"),
                texts.OFF_SHIFT_BG,
                QColor("#cbd2d9"),
                Qt.BrushStyle.SolidPattern,
            )
        )

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        width = sum(SWATCH + 5 + metrics.horizontalAdvance(e[0]) + GAP for e in self.entries)
        return QSize(width, max(SWATCH, metrics.height()) + 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = QFontMetrics(self.font())
        x = 0.0
        middle = self.height() / 2
        for label, fill, edge, style in self.entries:
            box = QRectF(x, middle - SWATCH / 2, SWATCH, SWATCH)
            painter.fillRect(box, fill)
            if style != Qt.BrushStyle.SolidPattern:
                painter.fillRect(box, QBrush(edge, style))
            painter.setPen(edge)
            painter.drawRect(box.adjusted(0, 0, -1, -1))
            painter.setPen(texts.MUTED)
            x += SWATCH + 5
            width = metrics.horizontalAdvance(label)
            painter.drawText(
                QRectF(x, 0, width + 2, self.height()), Qt.AlignmentFlag.AlignVCenter, label
            )
            x += width + GAP
        painter.end()
