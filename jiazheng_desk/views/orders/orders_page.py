"""Orders → All orders and Orders → Exceptions: the list, its filters, the detail beside it.

The list opens at once on a million orders: the page asks for its first page before
anything else (the filter choices load after it), the database filters, sorts and pages
(``order_list.list_orders``: ids first, then rows for those ids), the model keeps only the
pages fetched, and the count stops at a cap ("100,000+") instead of scanning everything.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.services import branches, catalog, order_extras, order_list
from jiazheng_desk.services.order_list import OrderFilter, OrderRow
from jiazheng_desk.services.timeutil import zone
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.orders import texts
from jiazheng_desk.views.orders.detail_panel import OrderDetailPanel
from jiazheng_desk.views.orders.export import ExportDialog, ExportRunner
from jiazheng_desk.views.orders.filter_bar import OrderFilterBar
from jiazheng_desk.views.orders.orders_table import make_orders_table
from jiazheng_desk.views.uistate import ui_settings
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import selected_row

PAGE_SIZE = 200
SPLITTER_KEY = "orders/splitter"
# the filter lists load this long after the first page, so they do not slow its paint
CHOICES_DELAY_MS = 250
EXCEPTION_BRUSH = QBrush(QColor(texts.EXCEPTION_BRUSH_COLOUR))
# the time column sorts by the start; it is the list's default order (newest first)
TIME_COLUMN = 1
# a typical long value of each column, which sets its first width
COLUMN_SAMPLES = (
    "JZ2611210108700",
    "12-05 18:00–20:00",
    "居家病人护理",
    "999",
    "欧阳娜娜",
    "13912345678",
    "浦东新区",
    "欧阳娜娜",
    "已派单待接",
    "¥12,345.00",
    "App下单",
    "多次被拒",
)


def count_text(total: int) -> str:
    """ "12,345" or, past the cap of the count, "100,000+"."""
    cap = order_list.COUNT_CAP
    return f"{cap:,}+" if total > cap else f"{total:,}"


class OrdersPage(QWidget):
    """Every order of the actor's branch (HQ: every branch), filtered in the database."""

    exceptions_page = False

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.key = "orders.exceptions" if self.exceptions_page else "orders.all"
        self.dialog: QWidget | None = None
        self._choices_loaded = False

        self.filters = OrderFilterBar(ctx.actor, self.today(), self)
        self.mode = QComboBox(self)
        self.mode.setObjectName("exceptionMode")
        self.mode.addItem(self.tr("In the exceptions queue"), "exceptions")
        self.mode.addItem(self.tr("Waiting for a worker"), "unassigned")
        self.mode.setVisible(self.exceptions_page)
        self.count = QLabel(self)
        self.count.setObjectName("orderCount")
        self.count.setProperty("role", "hint")
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.export_button.setObjectName("exportExcel")
        self.exporter = ExportRunner(ctx, self)

        self.model = PagedTableModel(
            ctx.runner, self._columns(), key=f"{self.key}.list", page_size=PAGE_SIZE, parent=self
        )
        self.table = make_orders_table(
            self.model, COLUMN_SAMPLES, self, sort_column=TIME_COLUMN, descending=True
        )
        # the first page is asked for before anything else is built or loaded: the
        # database works on it while the rest of the page is made
        self.reload()
        self.detail = OrderDetailPanel(ctx, self)

        bottom = QHBoxLayout()
        bottom.addWidget(self.mode)
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.exporter)
        bottom.addWidget(self.export_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("ordersSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        # the list keeps most of the width: its state and total columns must show beside
        # an empty detail at the desk's usual window size
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 320])
        # the list/detail split as the user left it
        saved = ui_settings().value(SPLITTER_KEY)
        if saved is not None:
            splitter.restoreState(saved)
        splitter.splitterMoved.connect(
            lambda *_a: ui_settings().setValue(SPLITTER_KEY, splitter.saveState())
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(bottom)
        layout.addWidget(splitter, 1)

        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(self._load_failed)
        self.model.first_page_loaded.connect(self._load_choices_once)
        self.filters.changed.connect(self.reload)
        self.mode.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection())
        self.export_button.clicked.connect(self.export)
        self.exporter.finished.connect(lambda _r: self.export_button.setEnabled(True))

    def today(self) -> date:
        """Today in the branch's time zone (not the machine's)."""
        return clock.now().astimezone(zone(self.ctx.tz)).date()

    def _columns(self) -> list[Column]:
        tz = self.ctx.tz
        year = self.today().year

        def state_brush(r: OrderRow) -> Any:
            return texts.state_brush(r.state)

        return [
            Column(self.tr("Order no."), lambda r: r.order_no, "order_no"),
            Column(
                self.tr("Service time"),
                lambda r: texts.window_text(r.starts_at, r.ends_at, tz, year),
                "starts_at",
            ),
            Column(self.tr("Service"), lambda r: r.item_name),
            Column(self.tr("Units"), lambda r: str(r.units), align_right=True),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Phone"), lambda r: r.customer_phone),
            Column(self.tr("District"), lambda r: r.district_name),
            Column(self.tr("Worker"), lambda r: r.worker_name or "—"),
            Column(
                self.tr("State"),
                lambda r: texts.state_text(r.state),
                "state",
                foreground=state_brush,
            ),
            Column(self.tr("Total"), lambda r: fmt.yuan(r.total_fen), "total_fen", True),
            Column(self.tr("Channel"), lambda r: texts.channel_text(r.channel)),
            Column(
                self.tr("Exception"),
                lambda r: texts.exception_text(r.exception_reason),
                foreground=lambda _r: EXCEPTION_BRUSH,
            ),
        ]

    # --- the list -----------------------------------------------------------------------

    def current_filter(self) -> OrderFilter:
        if not self.exceptions_page:
            return self.filters.current_filter()
        mode = self.mode.currentData()
        return self.filters.current_filter(
            exceptions_only=mode == "exceptions", unassigned_only=mode == "unassigned"
        )

    def reload(self) -> None:
        # the rows paint first; the count (a scan of up to the cap) follows on its own
        self.model.set_fetch(
            list_fetch(
                order_list.list_orders,
                actor=self.ctx.actor,
                flt=self.current_filter(),
                count=False,
            )
        )

    def _loaded(self, total: int) -> None:
        if total < PAGE_SIZE:
            self._counted(total)  # a part page is the whole of it
            return
        self.count.setText(self.tr("Counting…"))
        self.ctx.runner.run_query(
            order_list.count_orders,
            actor=self.ctx.actor,
            flt=self.current_filter(),
            on_done=self._counted,
            on_error=self._load_failed,
            key=f"{self.key}.count",
        )

    def _counted(self, total: int) -> None:
        self.count.setText(self.tr("{n} orders").format(n=count_text(total)))

    def _load_failed(self, failure: TaskFailure) -> None:
        self.count.setText(failure.message)

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "orders" in changes:
            self.model.reload()
            self.detail.reload()
        if "branches" in changes or "catalog" in changes:
            self._load_choices()

    def selected(self) -> OrderRow | None:
        item = self.model.item(selected_row(self.table))
        return item if isinstance(item, OrderRow) else None

    def _selection(self) -> None:
        row = self.selected()
        # a reload clears the selection for a moment: keep the order shown meanwhile
        if row is not None and row.id != self.detail.order_id:
            self.detail.show_order(row.id)

    def select_order(self, order_id: int) -> bool:
        """Select an order of the loaded rows (and show it); False when it is not loaded."""
        for r in range(self.model.rowCount()):
            if getattr(self.model.item(r), "id", None) == order_id:
                self.table.selectRow(r)
                return True
        return False

    # --- filters from elsewhere ---------------------------------------------------------

    def show_worker(self, worker_id: int | None, name: str = "") -> None:
        """Only this worker's orders (the worker and dispatch areas open the list so)."""
        self.filters.set_worker(worker_id, name)
        self._name_people(name)
        self.reload()

    def show_customer(self, customer_id: int | None, name: str = "") -> None:
        """Only this customer's orders."""
        self.filters.set_customer(customer_id, name)
        self._name_people(name)
        self.reload()

    def _name_people(self, known: str) -> None:
        if known:
            return
        self.ctx.runner.run_query(
            order_extras.get_person_names,
            actor=self.ctx.actor,
            worker_id=self.filters.worker_chip.person_id,
            customer_id=self.filters.customer_chip.person_id,
            on_done=self._named,
            on_error=lambda _f: None,
            key=f"{self.key}.names",
        )

    def _named(self, names: tuple[str, str]) -> None:
        worker, customer = names
        if self.filters.worker_chip.person_id is not None and worker:
            self.filters.set_worker(self.filters.worker_chip.person_id, worker)
        if self.filters.customer_chip.person_id is not None and customer:
            self.filters.set_customer(self.filters.customer_chip.person_id, customer)

    def _load_choices_once(self) -> None:
        if not self._choices_loaded:
            self._choices_loaded = True
            QTimer.singleShot(CHOICES_DELAY_MS, self, self._load_choices)

    def _load_choices(self) -> None:
        self.ctx.runner.run_query(
            branches.list_branches,
            actor=self.ctx.actor,
            on_done=self.filters.set_branches,
            on_error=lambda _f: None,
            key=f"{self.key}.branches",
        )
        self.ctx.runner.run_query(
            catalog.list_catalog,
            actor=self.ctx.actor,
            include_retired=True,
            on_done=self.filters.set_catalog,
            on_error=lambda _f: None,
            key=f"{self.key}.catalog",
        )

    # --- export -------------------------------------------------------------------------

    def export(self) -> None:
        if self.exporter.running:
            return
        flt = self.current_filter()
        self.dialog = ExportDialog(self.ctx, count_text(self.model.total), self)
        self.dialog.chosen.connect(lambda path: self._start_export(flt, path))
        self.dialog.open()

    def _start_export(self, flt: OrderFilter, path: str) -> None:
        self.export_button.setEnabled(False)
        self.exporter.start(flt, path)


class ExceptionsPage(OrdersPage):
    """Orders that need a dispatcher: in the exceptions queue, or still without a worker.

    Two views behind one switch rather than one mixed list: ``OrderFilter`` ANDs its
    flags (an "either" would need a change in ``order_list``), and a dispatcher works
    through one queue at a time anyway.
    """

    exceptions_page = True
