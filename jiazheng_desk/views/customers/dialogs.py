"""Forms of the customers area: a new customer, an address, closing an account."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QWidget,
)

from jiazheng_desk.services import customer_addresses, customer_status, customers
from jiazheng_desk.services.customer_views import (
    AddressView,
    CustomerDetail,
    DuplicateCustomer,
    NewAddress,
)
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.customers.texts import DistrictChoice, fill_districts, fill_genders
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormDialog

# what a customer command changes, for the pages that show it
CHANGES = frozenset({"customers", "audit"})


class NewCustomerDialog(FormDialog):
    """A customer on the phone: mobile, name, gender and, if known, the first address."""

    # a customer with this phone exists: the page opens them instead
    existing_chosen = Signal(int)

    def __init__(
        self,
        ctx: DeskContext,
        districts: list[DistrictChoice],
        parent: QWidget | None = None,
        *,
        phone: str = "",
    ) -> None:
        super().__init__(parent, ok=QDialogButtonBox.StandardButton.Save)
        self.setObjectName("newCustomerDialog")
        self.setWindowTitle(self.tr("New customer"))
        self.ctx = ctx
        self.existing_id: int | None = None
        self.phone = QLineEdit(phone, self)
        self.phone.setObjectName("phone")
        self.phone.setPlaceholderText(self.tr("11-digit mobile number"))
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setPlaceholderText(self.tr("e.g. 张伟 or 张女士"))
        self.gender = QComboBox(self)
        self.gender.setObjectName("gender")
        fill_genders(self.gender)
        self.district = QComboBox(self)
        self.district.setObjectName("district")
        fill_districts(self.district, districts, None)
        self.address = QLineEdit(self)
        self.address.setObjectName("addressText")
        self.address.setPlaceholderText(self.tr("Street, number, building, room"))
        self.contact = QLineEdit(self)
        self.contact.setObjectName("contactName")
        self.contact.setPlaceholderText(self.tr("If someone else opens the door"))
        self.add_row("phone", self.tr("Mobile"), self.phone)
        self.add_row("name", self.tr("Name"), self.name)
        self.add_row("gender", self.tr("Gender"), self.gender)
        self.add_row("district_id", self.tr("District"), self.district)
        self.add_row("address_text", self.tr("Address"), self.address)
        self.add_row("contact_name", self.tr("Contact"), self.contact)
        self.intro.setText(self.tr("Leave the address empty if the customer has none to give."))
        self.intro.setProperty("role", "hint")
        self.intro.show()
        self.open_existing = QPushButton(self.tr("Open the existing customer"), self)
        self.open_existing.setObjectName("openExisting")
        self.open_existing.clicked.connect(self._open_existing)
        self.buttons.addButton(self.open_existing, QDialogButtonBox.ButtonRole.ActionRole)
        # after addButton, which shows the button
        self.open_existing.hide()
        (self.name if phone else self.phone).setFocus()

    def save(self) -> None:
        text = self.address.text().strip()
        address = (
            NewAddress(self.district.currentData(), text, self.contact.text())
            if text and self.district.currentData() is not None
            else None
        )
        self.ctx.runner.run_command(
            customers.create_customer,
            actor=self.ctx.actor,
            phone=self.phone.text(),
            name=self.name.text(),
            gender=self.gender.currentData(),
            branch_id=self.ctx.actor.branch_id,
            address=address,
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )

    def refused(self, failure: TaskFailure) -> None:
        super().refused(failure)
        duplicate = failure.error if isinstance(failure.error, DuplicateCustomer) else None
        self.existing_id = duplicate.customer_id if duplicate is not None else None
        self.open_existing.setVisible(duplicate is not None)

    def _open_existing(self) -> None:
        if self.existing_id is not None:
            self.existing_chosen.emit(self.existing_id)
            self.reject()

    @property
    def created(self) -> CustomerDetail | None:
        value = self.result_value
        return value if isinstance(value, CustomerDetail) else None


class CustomerAddressDialog(FormDialog):
    """Add an address to a customer, or change one."""

    def __init__(
        self,
        ctx: DeskContext,
        customer: CustomerDetail,
        districts: list[DistrictChoice],
        existing: AddressView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addressDialog")
        self.ctx = ctx
        self.customer = customer
        self.existing = existing
        self.setWindowTitle(
            self.tr("New address of {name}").format(name=customer.name)
            if existing is None
            else self.tr("Edit address of {name}").format(name=customer.name)
        )
        self.district = QComboBox(self)
        self.district.setObjectName("district")
        fill_districts(self.district, districts, existing.district_id if existing else None)
        if existing is not None and self.district.findData(existing.district_id) < 0:
            # another branch's district: shown, kept if unchanged, not offered to others
            self.district.insertItem(0, existing.district_name, existing.district_id)
            self.district.setCurrentIndex(0)
        self.address = QLineEdit(existing.address_text if existing else "", self)
        self.address.setObjectName("addressText")
        self.address.setPlaceholderText(self.tr("Street, number, building, room"))
        self.contact = QLineEdit(existing.contact_name if existing else "", self)
        self.contact.setObjectName("contactName")
        self.contact_phone = QLineEdit(existing.contact_phone if existing else "", self)
        self.contact_phone.setObjectName("contactPhone")
        self.make_default = QCheckBox(self.tr("Use for new bookings (default address)"), self)
        self.make_default.setObjectName("makeDefault")
        self.make_default.setChecked(not customer.addresses)
        self.add_row("district_id", self.tr("District"), self.district)
        self.add_row("address_text", self.tr("Address"), self.address)
        self.add_row("contact_name", self.tr("Contact"), self.contact)
        self.add_row("contact_phone", self.tr("Contact mobile"), self.contact_phone)
        if existing is None:
            self.form.addRow("", self.make_default)
        self.address.setFocus()

    def save(self) -> None:
        common = {
            "actor": self.ctx.actor,
            "district_id": self.district.currentData(),
            "address_text": self.address.text(),
            "contact_name": self.contact.text(),
            "contact_phone": self.contact_phone.text(),
            "on_done": self.saved,
            "on_error": self.refused,
            "changes": CHANGES,
        }
        if self.existing is None:
            self.ctx.runner.run_command(
                customer_addresses.add_address,
                customer_id=self.customer.id,
                make_default=self.make_default.isChecked(),
                **common,
            )
        else:
            self.ctx.runner.run_command(
                customer_addresses.update_address, address_id=self.existing.id, **common
            )


class CloseAccountDialog(FormDialog):
    """Close an account on the customer's request: a warning, the reason, a confirmation."""

    def __init__(
        self, ctx: DeskContext, customer: CustomerDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, ok=QDialogButtonBox.StandardButton.Ok)
        self.setObjectName("closeAccountDialog")
        self.ctx = ctx
        self.customer = customer
        self.setWindowTitle(self.tr("Close the account of {name}").format(name=customer.name))
        self.intro.setText(
            self.tr(
                "The name, mobile number, addresses, contacts and notes of {name} are erased "
                "for good; orders, payments and invoices are kept without them. This cannot "
                "be undone. Only close an account when the customer asked for it."
            ).format(name=customer.name)
        )
        self.intro.show()
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("e.g. the customer asked on the phone"))
        self.confirm = QCheckBox(self.tr("I understand that this cannot be undone"), self)
        self.confirm.setObjectName("confirmClose")
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.form.addRow("", self.confirm)
        self.ok_button.setText(self.tr("Close account"))
        self.ok_button.setEnabled(False)
        self.confirm.toggled.connect(self.ok_button.setEnabled)

    def save(self) -> None:
        self.ctx.runner.run_command(
            customer_status.close_customer,
            actor=self.ctx.actor,
            customer_id=self.customer.id,
            reason=self.reason.text(),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES | {"orders"},
        )
