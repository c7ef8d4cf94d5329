"""CustomerPicker: the phone field that starts a booking — a customer found, or created.

Use::

    picker = CustomerPicker(ctx, parent)          # ctx: the page's DeskContext
    picker.customer_chosen.connect(wizard.set_customer)   # receives a CustomerDetail
    picker.set_text("13912345678")                # e.g. the caller's number; searches now
    picker.clear()                                # empty field, no list, no form

What the dispatcher sees and does:
- typing a mobile (any part), a name or pinyin initials lists matching customers, the
  most recent first and the desk's own branch first (``find_customers``);
- Up/Down move through the list, Enter or a double click picks; the picker then loads
  the whole profile and emits ``customer_chosen(CustomerDetail)`` (addresses included,
  the default first). A frozen or closed customer is emitted too, with
  ``detail.bookable`` False and ``detail.status_reason``: the wizard says why it stops;
- when nothing matches and the text is a whole mobile number, a small form opens in
  place (name, gender, district, address): Enter in the field jumps to it, "Register"
  creates the customer with the first address and emits ``customer_chosen`` with them.

Signals: ``customer_chosen(object)`` (a ``CustomerDetail``), ``failed(object)`` (a
``TaskFailure`` the picker could not show beside a field). Everything runs through the
task runner; the picker never blocks the desk.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import branches, customers
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.customer_views import CustomerDetail, CustomerHit, NewAddress
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.customers.dialogs import CHANGES
from jiazheng_desk.views.customers.search import CustomerHitTable, CustomerSearch
from jiazheng_desk.views.customers.texts import (
    DistrictChoice,
    district_choices,
    fill_districts,
    fill_genders,
)
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormErrors, error_label

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def _mobile(text: str) -> str:
    digits = re.sub(r"[\s-]", "", text)
    digits = digits[3:] if digits.startswith("+86") else digits
    return digits if MOBILE_RE.match(digits) else ""


class CustomerPicker(QWidget):
    """Find a customer by phone, name or initials, or register them inline."""

    customer_chosen = Signal(object)  # CustomerDetail
    failed = Signal(object)  # TaskFailure

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chosen: CustomerDetail | None = None
        self.districts: list[DistrictChoice] = []

        self.field = QLineEdit(self)
        self.field.setObjectName("pickerField")
        self.field.setPlaceholderText(self.tr("Caller's mobile, name or initials"))
        self.field.setClearButtonEnabled(True)
        self.hits = CustomerHitTable(ctx.tz, self)
        self.hits.setObjectName("pickerHits")
        self.hits.setMinimumHeight(120)
        self.status = QLabel(self)
        self.status.setObjectName("pickerStatus")
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        self.finder = CustomerSearch(ctx, self.field, self.hits, key=f"picker.find.{id(self)}")
        self._build_new_form()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addWidget(self.hits, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.new_form)
        layout.addStretch(0)

        self.finder.found.connect(self._found)
        self.finder.picked.connect(self._pick)
        self.finder.picked_nothing.connect(self._enter_without_hit)
        self.finder.failed.connect(self._failed)
        self.field.textChanged.connect(lambda _t: self.new_form.hide())
        self.ctx.runner.run_query(
            branches.list_branches,
            actor=ctx.actor,
            on_done=self._districts_loaded,
            key=f"picker.districts.{id(self)}",
        )

    def _build_new_form(self) -> None:
        self.new_form = QFrame(self)
        self.new_form.setObjectName("pickerNew")
        self.new_form.setFrameShape(QFrame.Shape.StyledPanel)
        self.new_title = QLabel(self.new_form)
        self.new_title.setStyleSheet("font-weight: bold;")
        self.new_name = QLineEdit(self.new_form)
        self.new_name.setObjectName("pickerName")
        self.new_name.setPlaceholderText(self.tr("e.g. 张伟 or 张女士"))
        self.new_gender = QComboBox(self.new_form)
        self.new_gender.setObjectName("pickerGender")
        fill_genders(self.new_gender)
        self.new_district = QComboBox(self.new_form)
        self.new_district.setObjectName("pickerDistrict")
        self.new_address = QLineEdit(self.new_form)
        self.new_address.setObjectName("pickerAddress")
        self.new_address.setPlaceholderText(self.tr("Street, number, building, room"))
        self.register_button = QPushButton(self.tr("Register"), self.new_form)
        self.register_button.setObjectName("pickerRegister")
        self.new_errors = FormErrors(error_label(self.new_form, "pickerError"), {})
        form = QFormLayout()
        for key, label, widget in (
            ("name", self.tr("Name"), self.new_name),
            ("gender", self.tr("Gender"), self.new_gender),
            ("district_id", self.tr("District"), self.new_district),
            ("address_text", self.tr("Address"), self.new_address),
        ):
            form.addRow(label, widget)
            self.new_errors.fields[key] = error_label(self.new_form, f"pickerError:{key}")
            form.addRow("", self.new_errors.fields[key])
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.register_button)
        box = QVBoxLayout(self.new_form)
        box.addWidget(self.new_title)
        box.addLayout(form)
        box.addWidget(self.new_errors.general)
        box.addLayout(buttons)
        self.new_form.hide()
        self.hits.hide()
        self.register_button.clicked.connect(self.register)
        self.new_name.returnPressed.connect(self.new_address.setFocus)
        self.new_address.returnPressed.connect(self.register)

    # --- public API ---------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Put text in the field (a caller ID, a number read out) and search at once."""
        self.field.setText(text)
        self.finder.search_now()

    def clear(self) -> None:
        """Back to an empty field: no list, no form, nothing chosen."""
        self.chosen = None
        self.field.clear()
        self.hits.show_hits([])
        self.hits.hide()
        self.status.clear()
        self.new_form.hide()

    def text(self) -> str:
        return self.field.text()

    def focus(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    # --- finding and picking ------------------------------------------------------------

    def _districts_loaded(self, items: list[BranchView]) -> None:
        self.districts = district_choices(items, self.ctx.actor)
        fill_districts(self.new_district, self.districts, None)

    def _found(self, hits: list[CustomerHit]) -> None:
        phone = _mobile(self.field.text())
        # an empty list only takes room from the form below
        self.hits.setVisible(bool(hits))
        if hits:
            self.status.setText(self.tr("Enter takes the highlighted customer."))
            self.new_form.hide()
        elif phone and self.ctx.can(Perm.CUSTOMER_EDIT):
            self.status.setText(self.tr("No customer has this number yet."))
            self.new_title.setText(self.tr("New customer {phone}").format(phone=phone))
            self.new_errors.clear()
            self.new_form.show()
        elif self.field.text().strip():
            self.status.setText(self.tr("No customer matches."))
            self.new_form.hide()
        else:
            self.status.clear()
            self.new_form.hide()

    def _enter_without_hit(self) -> None:
        if self.new_form.isVisible():
            self.new_name.setFocus()

    def _pick(self, hit: CustomerHit) -> None:
        self.ctx.runner.run_query(
            customers.get_customer,
            actor=self.ctx.actor,
            customer_id=hit.id,
            on_done=self._chosen,
            on_error=self._failed,
            key=f"picker.pick.{id(self)}",
        )

    def _chosen(self, detail: CustomerDetail) -> None:
        self.chosen = detail
        if detail.bookable:
            self.status.setText(self.tr("Chosen: {name}").format(name=detail.name))
        else:
            self.status.setText(
                self.tr("{name} cannot book: {reason}").format(
                    name=detail.name, reason=detail.status_reason or detail.status
                )
            )
        self.customer_chosen.emit(detail)

    def _failed(self, failure: TaskFailure) -> None:
        self.status.setText(failure.message)
        self.failed.emit(failure)

    # --- registering ----------------------------------------------------------------------

    def register(self) -> None:
        phone = _mobile(self.field.text())
        if not phone or not self.new_form.isVisible():
            return
        self.new_errors.clear()
        self.register_button.setEnabled(False)
        text = self.new_address.text().strip()
        district = self.new_district.currentData()
        self.ctx.runner.run_command(
            customers.create_customer,
            actor=self.ctx.actor,
            phone=phone,
            name=self.new_name.text(),
            gender=self.new_gender.currentData(),
            address=NewAddress(district, text) if text and district is not None else None,
            on_done=self._registered,
            on_error=self._register_refused,
            changes=CHANGES,
        )

    def _registered(self, detail: CustomerDetail) -> None:
        self.register_button.setEnabled(True)
        self.new_form.hide()
        self.new_name.clear()
        self.new_address.clear()
        self.hits.show_hits([])
        self._chosen(detail)

    def _register_refused(self, failure: TaskFailure) -> None:
        self.register_button.setEnabled(True)
        self.new_errors.show(failure)
