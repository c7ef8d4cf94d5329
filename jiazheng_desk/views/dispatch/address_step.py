"""Step 3 of a booking: where — the customer's addresses (the default first), or a new one
added with the customers area's own address dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import branches, customers
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.customer_views import AddressView, CustomerDetail
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.views.customers.dialogs import CustomerAddressDialog
from jiazheng_desk.views.customers.texts import DistrictChoice, district_choices
from jiazheng_desk.views.dispatch.step_box import step_label
from jiazheng_desk.views.main_window import DeskContext


class AddressStep(QWidget):
    """The customer's addresses; ``address_chosen`` carries the ``AddressView`` (or None)."""

    address_chosen = Signal(object)
    customer_reloaded = Signal(object)  # CustomerDetail, after an address was added

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer: CustomerDetail | None = None
        self.districts: list[DistrictChoice] = []
        self.dialog: CustomerAddressDialog | None = None
        self.list = QListWidget(self)
        self.list.setObjectName("addressList")
        self.list.setMinimumHeight(60)
        self.list.setWordWrap(True)
        self.empty = step_label(self.tr("Choose the customer first."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.new_button = QPushButton(self.tr("New address…"), self)
        self.new_button.setObjectName("newAddress")
        self.new_button.setEnabled(False)
        self.new_button.setVisible(ctx.can(Perm.CUSTOMER_EDIT))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addStretch(0)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(self._row_changed)
        self.new_button.clicked.connect(self.new_address)
        self.set_customer(None)
        ctx.runner.run_query(
            branches.list_branches,
            actor=ctx.actor,
            on_done=self._districts_loaded,
            key=f"dispatch.address.districts.{id(self)}",
        )

    def _districts_loaded(self, items: list[BranchView]) -> None:
        self.districts = district_choices(items, self.ctx.actor)

    def set_customer(self, customer: CustomerDetail | None, *, select: int | None = None) -> None:
        """Show a customer's addresses and choose the default one (or ``select``)."""
        self.customer = customer
        self.list.blockSignals(True)
        self.list.clear()
        addresses = customer.addresses if customer is not None else ()
        for a in addresses:
            text = a.summary
            if a.contact_name:
                text += f"  ({a.contact_name})"
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, a)
            entry.setToolTip(f"{a.branch_name} · {a.summary}")
            if a.is_default:
                bold = QFont(entry.font())
                bold.setBold(True)
                entry.setFont(bold)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        bookable = customer is not None and customer.bookable
        self.new_button.setEnabled(bookable)
        if customer is None:
            self.empty.setText(self.tr("Choose the customer first."))
        elif not addresses:
            self.empty.setText(self.tr("No address yet: add one with “New address…”."))
        self.empty.setVisible(not addresses)
        self.list.setVisible(bool(addresses))
        row = 0
        if select is not None:
            row = next((n for n, a in enumerate(addresses) if a.id == select), 0)
        if addresses:
            self.list.setCurrentRow(row)
        else:
            self.address_chosen.emit(None)

    def _row_changed(self, _row: int) -> None:
        self.address_chosen.emit(self.selected())

    def selected(self) -> AddressView | None:
        entry = self.list.currentItem()
        data = entry.data(Qt.ItemDataRole.UserRole) if entry is not None else None
        return data if isinstance(data, AddressView) else None

    def new_address(self) -> None:
        if self.customer is None:
            return
        self.dialog = CustomerAddressDialog(self.ctx, self.customer, self.districts, None, self)
        self.dialog.accepted.connect(self._added)
        self.dialog.open()

    def _added(self) -> None:
        assert self.dialog is not None
        added = self.dialog.result_value
        if self.customer is None or not isinstance(added, AddressView):
            return
        self.ctx.runner.run_query(
            customers.get_customer,
            actor=self.ctx.actor,
            customer_id=self.customer.id,
            on_done=lambda detail: self._reloaded(detail, added.id),
            key=f"dispatch.address.reload.{id(self)}",
        )

    def _reloaded(self, detail: CustomerDetail, address_id: int) -> None:
        self.customer_reloaded.emit(detail)
        self.set_customer(detail, select=address_id)
        self.list.setFocus()

    def focus(self) -> None:
        (self.list if self.list.isVisible() else self.new_button).setFocus()
