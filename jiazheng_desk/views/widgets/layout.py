"""Page layouts the list pages share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QSplitter, QVBoxLayout, QWidget


def list_and_detail(page: QWidget, filters: QBoxLayout, table: QWidget, detail: QWidget) -> None:
    """Filters over a list on the left, the chosen row's detail on the right."""
    left = QWidget(page)
    box = QVBoxLayout(left)
    box.setContentsMargins(0, 0, 0, 0)
    box.addLayout(filters)
    box.addWidget(table)
    splitter = QSplitter(Qt.Orientation.Horizontal, page)
    splitter.addWidget(left)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    layout = QVBoxLayout(page)
    layout.addWidget(splitter)
