"""Step 6 of a booking: the price, line by line in yuan, priced by ``pricing.quote`` for what
the page shows now — the same quote ``orders.book`` writes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services.pricing import Quote
from jiazheng_desk.views import fmt
from jiazheng_desk.views.catalog.common import minutes_text
from jiazheng_desk.views.dispatch.step_box import step_label


class QuotePanel(QWidget):
    """The quote's lines and its total; ``set_quote(None, text)`` says why there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quote: Quote | None = None
        self.visits = 1
        self.lines = QTableWidget(0, 2, self)
        self.lines.setObjectName("quoteLines")
        self.lines.horizontalHeader().hide()
        self.lines.verticalHeader().hide()
        self.lines.verticalHeader().setDefaultSectionSize(22)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines.setShowGrid(False)
        self.lines.setWordWrap(False)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.total_caption = QLabel(self.tr("Total"), self)
        self.total = QLabel("—", self)
        self.total.setObjectName("quoteTotal")
        big = QFont(self.total.font())
        big.setPointSize(big.pointSize() + 5)
        big.setBold(True)
        self.total.setFont(big)
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.note = step_label(self.tr("The price shows once the service and address are chosen."))
        self.note.setObjectName("quoteNote")
        total_row = QHBoxLayout()
        total_row.addWidget(self.total_caption)
        total_row.addStretch(1)
        total_row.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lines, 1)
        layout.addLayout(total_row)
        layout.addWidget(self.note)

    def set_quote(self, quote: Quote | None, note: str = "", *, visits: int = 1) -> None:
        self.quote = quote
        self.visits = visits
        if quote is None:
            self.lines.setRowCount(0)
            self.total.setText("—")
            self.note.setText(
                note or self.tr("The price shows once the service and address are chosen.")
            )
            return
        self.lines.setRowCount(len(quote.lines))
        for row, line in enumerate(quote.lines):
            label = QTableWidgetItem(line.label)
            label.setToolTip(line.label)
            amount = QTableWidgetItem(fmt.yuan(line.amount_fen))
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(row, 0, label)
            self.lines.setItem(row, 1, amount)
        self.total.setText(fmt.yuan(quote.total_fen))
        length = minutes_text(quote.duration_minutes)
        if visits > 1:
            text = self.tr("{length} · per visit; {n} visits").format(length=length, n=visits)
        else:
            text = self.tr("{length}").format(length=length)
        self.note.setText(f"{text} · {note}" if note else text)

    def total_text(self) -> str:
        return self.total.text()
