"""A table view set up the way every list of the desk wants it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QWidget

from jiazheng_desk.views.widgets.paged_model import PagedTableModel


def make_table(
    model: PagedTableModel,
    parent: QWidget | None = None,
    name: str = "",
    *,
    sort_column: int = 0,
    descending: bool = False,
) -> QTableView:
    """A read-only, row-selecting table sorted by the database (first page asked by the page)."""
    view = QTableView(parent)
    if name:
        view.setObjectName(name)
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
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    model.set_default_sort(sort_column, descending)
    header.setSortIndicator(sort_column, order)
    # after the indicator, so enabling sorting asks for the order we just set
    view.setSortingEnabled(True)
    _keep_selection(view, model)
    fitted: list[bool] = []

    def first_fit() -> None:
        # size the columns to the first data once; later the user's widths stay
        if not fitted and model.rowCount():
            fitted.append(True)
            fit_columns(view)

    model.first_page_loaded.connect(first_fit)
    return view


def _keep_selection(view: QTableView, model: PagedTableModel) -> None:
    """After a reload, select again the row with the same ``id`` as before."""
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


def fit_columns(view: QTableView, max_width: int = 320) -> None:
    """Size columns to what the first page shows, within reason."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for col in range(header.count()):
        if header.sectionSize(col) > max_width:
            header.resizeSection(col, max_width)


def selected_row(view: QTableView) -> int:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].row() if rows else -1


def make_list_table(
    parent: QWidget, name: str, headers: list[str], *, single: bool = True
) -> QTableWidget:
    """A small read-only table of whole rows (detail tabs, dialogs), columns fit to content."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table
