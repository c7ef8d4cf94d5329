"""A table model that loads a list page by page through the task runner.

The database filters, sorts and pages; the model keeps the rows it has fetched and asks
for the next page when the view scrolls to the end (``canFetchMore``/``fetchMore``).
Each reload bumps a generation number, so a page that arrives for an old filter or sort
is dropped instead of mixing two lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from jiazheng_desk.services.common import Page
from jiazheng_desk.tasks import TaskFailure, TaskRunner

Index = QModelIndex | QPersistentModelIndex
# fetch(session, offset, limit, sort, descending) -> Page
Fetch = Callable[[Any, int, int, str, bool], Page[Any]]


def list_fetch(list_fn: Callable[..., Page[Any]], **fixed: Any) -> Fetch:
    """A fetch over a service's ``list_*`` function with its filter arguments fixed."""

    def fetch(session: Any, offset: int, limit: int, sort: str, descending: bool) -> Page[Any]:
        return list_fn(
            session, offset=offset, limit=limit, sort=sort, descending=descending, **fixed
        )

    return fetch


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    sort_key: str | None = None
    align_right: bool = False
    tooltip: Callable[[Any], str] | None = None
    foreground: Callable[[Any], Any] | None = None


class PagedTableModel(QAbstractTableModel):
    loaded = Signal(int)  # the total number of matching rows, after each first page
    first_page_loaded = Signal()
    load_failed = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        columns: list[Column],
        *,
        key: str,
        page_size: int = 200,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._columns = columns
        self._key = key
        self._page_size = page_size
        self._fetch: Fetch | None = None
        self._rows: list[Any] = []
        self._total = 0
        self._generation = 0
        self._loading = False
        self._sort_key = next((c.sort_key for c in columns if c.sort_key), "")
        self._descending = False

    # --- loading --------------------------------------------------------------------

    def set_fetch(self, fetch: Fetch) -> None:
        """Use a new fetch function (a new filter) and load its first page."""
        self._fetch = fetch
        self.reload()

    def set_default_sort(self, column: int, descending: bool) -> None:
        """The order of the first load (the view's sort indicator says the same)."""
        self._sort_key = self._columns[column].sort_key or self._sort_key
        self._descending = descending

    def reload(self) -> None:
        """Ask for the first page again; the rows shown stay until it arrives (no flicker)."""
        if self._fetch is None:
            return
        self._generation += 1
        self._request(0)

    def _request(self, offset: int) -> None:
        fetch = self._fetch
        assert fetch is not None
        generation = self._generation
        self._loading = True
        self._runner.run_query(
            fetch,
            offset,
            self._page_size,
            self._sort_key,
            self._descending,
            on_done=lambda page: self._arrived(generation, offset, page),
            on_error=lambda failure: self._failed(generation, failure),
            key=f"{self._key}:{generation}:{offset}",
        )

    def _arrived(self, generation: int, offset: int, page: Page[Any]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if offset == 0:
            self.beginResetModel()
            self._rows = list(page.items)
            self._total = page.total
            self.endResetModel()
            self.loaded.emit(page.total)
            self.first_page_loaded.emit()
            return
        if offset != len(self._rows):
            return
        self._total = page.total
        if page.items:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.items) - 1)
            self._rows.extend(page.items)
            self.endInsertRows()

    def _failed(self, generation: int, failure: TaskFailure) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.load_failed.emit(failure)

    @property
    def is_loading(self) -> bool:
        return self._loading

    @property
    def total(self) -> int:
        return self._total

    def item(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def items(self) -> list[Any]:
        return list(self._rows)

    # --- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request(len(self._rows))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            return column.foreground(row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self._columns[column].sort_key
        descending = order == Qt.SortOrder.DescendingOrder
        if not key or (key == self._sort_key and descending == self._descending):
            return
        self._sort_key = key
        self._descending = descending
        self.reload()

    def is_sortable(self, column: int) -> bool:
        return bool(self._columns[column].sort_key)
