"""The orders table: the shared list setup, with column widths known in advance.

``widgets.table.make_table`` sizes the columns to the first page by measuring every row
of it (``resizeColumnsToContents``): for 200 orders of 12 columns that costs more than
reading the page from a million orders, and it runs between the rows' arrival and the
first paint. The orders' columns have a known shape (an order number, a time window, a
name …), so here each column is as wide as a typical value or its title, measured once
with the font — nothing waits for the data. The user's widths stay as they are dragged.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from jiazheng_desk.views.widgets.paged_model import PagedTableModel
from jiazheng_desk.views.widgets.table import selected_row

# room for the cell's padding and, in the header, the sort arrow
PADDING = 24
MAX_WIDTH = 320


def make_orders_table(
    model: PagedTableModel,
    samples: Sequence[str],
    parent: QWidget | None = None,
    *,
    sort_column: int,
    descending: bool,
) -> QTableView:
    """A read-only, row-selecting table sorted by the database, its widths from samples."""
    view = QTableView(parent)
    view.setObjectName("ordersTable")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    # fixed row heights: ResizeToContents on the vertical header never finishes on big lists
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(26)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setSortIndicatorShown(True)
    metrics = QFontMetrics(view.font())
    for column, sample in enumerate(samples):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
        header.resizeSection(column, min(MAX_WIDTH, width + PADDING))
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    model.set_default_sort(sort_column, descending)
    header.setSortIndicator(sort_column, order)
    # after the indicator, so enabling sorting asks for the order just set
    view.setSortingEnabled(True)
    _keep_selection(view, model)
    return view


def _keep_selection(view: QTableView, model: PagedTableModel) -> None:
    """After a reload, select again the order that was selected (by id)."""
    chosen: dict[str, object] = {}

    def remember() -> None:
        chosen["id"] = getattr(model.item(selected_row(view)), "id", None)

    def restore() -> None:
        wanted = chosen.pop("id", None)
        if wanted is None:
            return
        for row in range(model.rowCount()):
            if getattr(model.item(row), "id", None) == wanted:
                view.selectRow(row)
                return

    model.modelAboutToBeReset.connect(remember)
    model.first_page_loaded.connect(restore)
