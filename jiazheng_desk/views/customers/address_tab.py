"""The profile tabs that list: the customer's addresses, and their orders (paged)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import customer_addresses, customers
from jiazheng_desk.services.customer_views import AddressView, CustomerDetail, CustomerOrderRow
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.customers.dialogs import CHANGES, CustomerAddressDialog
from jiazheng_desk.views.customers.texts import DistrictChoice, order_state_text
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import error_label
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_table


class CustomerAddressesTab(QWidget):
    """Addresses in use, the default first: add, edit, remove, make default."""

    changed = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer: CustomerDetail | None = None
        self.districts: list[DistrictChoice] = []
        self.dialog: CustomerAddressDialog | None = None
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("addressTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("District"), self.tr("Address"), self.tr("Contact"), self.tr("Branch")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("Add address…"), self)
        self.add_button.setObjectName("addAddress")
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setObjectName("editAddress")
        self.default_button = QPushButton(self.tr("Make default"), self)
        self.default_button.setObjectName("defaultAddress")
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("removeAddress")
        self.hint = QLabel(self.tr("The default address (bold) is where a new booking starts."))
        self.hint.setProperty("role", "hint")
        self.error = error_label(self, "addressError")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.default_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.hint)

        self.add_button.clicked.connect(lambda: self._open(None))
        self.edit_button.clicked.connect(lambda: self._open(self.selected()))
        self.table.doubleClicked.connect(lambda _i: self._open(self.selected()))
        self.default_button.clicked.connect(self.make_default)
        self.remove_button.clicked.connect(self.remove)
        self.table.itemSelectionChanged.connect(self._update)
        self._update()

    def show_customer(self, customer: CustomerDetail) -> None:
        chosen = self.selected()
        self.customer = customer
        self.error.hide()
        self.table.setRowCount(len(customer.addresses))
        bold = QFont()
        bold.setBold(True)
        for row, a in enumerate(customer.addresses):
            contact = " ".join(x for x in (a.contact_name, a.contact_phone) if x)
            for col, text in enumerate((a.district_name, a.address_text, contact, a.branch_name)):
                item = QTableWidgetItem(text)
                if a.is_default:
                    item.setFont(bold)
                self.table.setItem(row, col, item)
            if chosen is not None and a.id == chosen.id:
                self.table.selectRow(row)
        self._update()

    def selected(self) -> AddressView | None:
        rows = self.table.selectionModel().selectedRows()
        if self.customer is None or not rows or rows[0].row() >= len(self.customer.addresses):
            return None
        return self.customer.addresses[rows[0].row()]

    def _editable(self) -> bool:
        return (
            self.customer is not None
            and self.customer.status != "closed"
            and self.ctx.can(Perm.CUSTOMER_EDIT)
        )

    def _update(self) -> None:
        editable, chosen = self._editable(), self.selected()
        self.add_button.setEnabled(editable and bool(self.districts))
        self.edit_button.setEnabled(editable and chosen is not None)
        self.remove_button.setEnabled(editable and chosen is not None)
        self.default_button.setEnabled(editable and chosen is not None and not chosen.is_default)

    def _open(self, existing: AddressView | None) -> None:
        if self.customer is None or not self._editable():
            return
        self.dialog = CustomerAddressDialog(self.ctx, self.customer, self.districts, existing, self)
        self.dialog.accepted.connect(self.changed.emit)
        self.dialog.open()

    def _run(self, fn: object) -> None:
        chosen = self.selected()
        if chosen is None or not self._editable():
            return
        self.ctx.runner.run_command(
            fn,  # type: ignore[arg-type]
            actor=self.ctx.actor,
            address_id=chosen.id,
            on_done=lambda _v: self.changed.emit(),
            on_error=self._refused,
            changes=CHANGES,
        )

    def make_default(self) -> None:
        self._run(customer_addresses.set_default_address)

    def remove(self) -> None:
        self._run(customer_addresses.remove_address)

    def _refused(self, failure: TaskFailure) -> None:
        self.error.setText(failure.message)
        self.error.show()


class CustomerOrdersTab(QWidget):
    """The customer's orders in every branch, newest service first, a page at a time."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        tz = ctx.tz
        columns = [
            Column(self.tr("Order no."), lambda r: r.order_no, "order_no"),
            Column(
                self.tr("Service time"),
                lambda r: fmt.local_time(r.starts_at, tz),
                "starts_at",
            ),
            Column(self.tr("Service"), lambda r: r.item_name),
            Column(self.tr("State"), lambda r: order_state_text(r.state), "state"),
            Column(self.tr("Total"), lambda r: fmt.yuan(r.total_fen), "total_fen", True),
            Column(self.tr("Worker"), lambda r: r.worker_name or "—"),
            Column(self.tr("Branch"), lambda r: r.branch_name),
        ]
        self.model = PagedTableModel(ctx.runner, columns, key="customers.orders", parent=self)
        self.table = make_table(self.model, self, "customerOrders", sort_column=1, descending=True)
        self.count = QLabel(self)
        self.count.setObjectName("orderCount")
        self.count.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.model.loaded.connect(lambda n: self.count.setText(self.tr("{n} orders").format(n=n)))
        self.model.load_failed.connect(lambda f: self.count.setText(f.message))
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)

    def show_customer(self, customer: CustomerDetail) -> None:
        if customer.id == self.customer_id:
            self.model.reload()
            return
        self.customer_id = customer.id
        fetch = list_fetch(
            customers.list_customer_orders, actor=self.ctx.actor, customer_id=customer.id
        )
        self.model.set_fetch(fetch)

    def row(self, index: int) -> CustomerOrderRow | None:
        item = self.model.item(index)
        return item if isinstance(item, CustomerOrderRow) else None
