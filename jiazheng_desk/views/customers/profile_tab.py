"""The profile tabs that edit the customer row: contact and preferences; tags and note."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import customer_profile
from jiazheng_desk.services.customer_views import CustomerDetail
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.coupons.customer_box import CustomerCouponsBox
from jiazheng_desk.views.customers.dialogs import CHANGES
from jiazheng_desk.views.customers.texts import channel_text, fill_genders, level_text
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormErrors, error_label


class CustomerProfileTab(QWidget):
    """Contact details, emergency contact and reminder preferences, saved in one go."""

    saved = Signal(object)  # CustomerDetail

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer: CustomerDetail | None = None
        self.name = self._edit("profileName")
        self.phone = self._edit("profilePhone")
        self.gender = QComboBox(self)
        self.gender.setObjectName("profileGender")
        fill_genders(self.gender)
        self.email = self._edit("profileEmail")
        self.emergency_name = self._edit("emergencyName")
        self.emergency_phone = self._edit("emergencyPhone")
        self.remind_sms = QCheckBox(self.tr("SMS reminders"), self)
        self.remind_sms.setObjectName("remindSms")
        self.remind_push = QCheckBox(self.tr("App reminders"), self)
        self.remind_push.setObjectName("remindPush")
        self.marketing = QCheckBox(self.tr("Offers and news"), self)
        self.marketing.setObjectName("marketingOptIn")
        self.facts = QLabel(self)
        self.facts.setObjectName("profileFacts")
        self.facts.setProperty("role", "hint")
        self.facts.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save changes"), self)
        self.save_button.setObjectName("saveProfile")
        self.save_button.setDefault(True)

        self.form = QFormLayout()
        self.errors = FormErrors(error_label(self, "profileError"), {})
        for key, label, widget in (
            ("name", self.tr("Name"), self.name),
            ("phone", self.tr("Mobile"), self.phone),
            ("gender", self.tr("Gender"), self.gender),
            ("email", self.tr("E-mail"), self.email),
            ("emergency_name", self.tr("Emergency contact"), self.emergency_name),
            ("emergency_phone", self.tr("Emergency mobile"), self.emergency_phone),
        ):
            self.form.addRow(label, widget)
            self.errors.fields[key] = error_label(self, f"error:{key}")
            self.form.addRow("", self.errors.fields[key])
        reminders = QHBoxLayout()
        for box in (self.remind_sms, self.remind_push, self.marketing):
            reminders.addWidget(box)
        reminders.addStretch(1)
        self.form.addRow(self.tr("Reminders"), reminders)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.errors.general)
        layout.addLayout(buttons)
        layout.addWidget(self.facts)
        self.coupons = CustomerCouponsBox(ctx, self)
        layout.addWidget(self.coupons)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        for edit in (self.name, self.phone, self.email, self.emergency_name, self.emergency_phone):
            edit.returnPressed.connect(self.save)

    def _edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        return edit

    def show_customer(self, customer: CustomerDetail) -> None:
        self.customer = customer
        self.errors.clear()
        self.name.setText(customer.name)
        self.phone.setText(customer.phone)
        self.gender.setCurrentIndex(max(0, self.gender.findData(customer.gender)))
        self.email.setText(customer.email)
        self.emergency_name.setText(customer.emergency_name)
        self.emergency_phone.setText(customer.emergency_phone)
        self.remind_sms.setChecked(customer.remind_sms)
        self.remind_push.setChecked(customer.remind_push)
        self.marketing.setChecked(customer.marketing_opt_in)
        self.facts.setText(
            self.tr(
                "Customer no. {id} · home branch {branch} · member level {level} · came by "
                "{channel} · since {since}{verified}"
            ).format(
                id=customer.id,
                branch=customer.branch_name or "—",
                level=level_text(customer.member_level),
                channel=channel_text(customer.channel),
                since=fmt.local_time(customer.created_at, self.ctx.tz)[:10],
                verified=self.tr(" · real name verified") if customer.real_name_verified else "",
            )
        )
        editable = self.ctx.can(Perm.CUSTOMER_EDIT) and customer.status != "closed"
        for widget in (
            self.name,
            self.phone,
            self.email,
            self.emergency_name,
            self.emergency_phone,
        ):
            widget.setReadOnly(not editable)
        for other in (self.gender, self.remind_sms, self.remind_push, self.marketing):
            other.setEnabled(editable)
        self.save_button.setVisible(editable)
        self.coupons.show_customer(customer.id)

    def save(self) -> None:
        if self.customer is None or not self.save_button.isVisible():
            return
        self.errors.clear()
        self.save_button.setEnabled(False)
        self.ctx.runner.run_command(
            customer_profile.update_profile,
            actor=self.ctx.actor,
            customer_id=self.customer.id,
            name=self.name.text(),
            phone=self.phone.text(),
            gender=self.gender.currentData(),
            email=self.email.text(),
            emergency_name=self.emergency_name.text(),
            emergency_phone=self.emergency_phone.text(),
            remind_sms=self.remind_sms.isChecked(),
            remind_push=self.remind_push.isChecked(),
            marketing_opt_in=self.marketing.isChecked(),
            on_done=self._saved,
            on_error=self._refused,
            changes=CHANGES,
        )

    def _saved(self, customer: CustomerDetail) -> None:
        self.save_button.setEnabled(True)
        self.saved.emit(customer)

    def _refused(self, failure: TaskFailure) -> None:
        self.save_button.setEnabled(True)
        self.errors.show(failure)


class CustomerNotesTab(QWidget):
    """Hand tags (VIP, 怕猫, 需要发票 …) and the staff's note on the customer."""

    changed = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer: CustomerDetail | None = None
        self.tags = QListWidget(self)
        self.tags.setObjectName("tagList")
        self.tags.setFlow(QListWidget.Flow.LeftToRight)
        self.tags.setWrapping(True)
        self.tags.setSpacing(4)
        self.tags.setMaximumHeight(90)
        self.new_tag = QLineEdit(self)
        self.new_tag.setObjectName("newTag")
        self.new_tag.setPlaceholderText(self.tr("New tag, up to 32 characters"))
        self.new_tag.setMaxLength(32)
        self.add_button = QPushButton(self.tr("Add tag"), self)
        self.add_button.setObjectName("addTag")
        self.remove_button = QPushButton(self.tr("Remove tag"), self)
        self.remove_button.setObjectName("removeTag")
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText(
            self.tr("Door code, pets, how they like to be addressed, what to bring …")
        )
        self.save_note = QPushButton(self.tr("Save note"), self)
        self.save_note.setObjectName("saveNote")
        self.error = error_label(self, "notesError")

        tag_row = QHBoxLayout()
        tag_row.addWidget(self.new_tag, 1)
        tag_row.addWidget(self.add_button)
        tag_row.addWidget(self.remove_button)
        note_row = QHBoxLayout()
        note_row.addWidget(self.save_note)
        note_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Tags"), self))
        layout.addWidget(self.tags)
        layout.addLayout(tag_row)
        layout.addWidget(QLabel(self.tr("Note"), self))
        layout.addWidget(self.note, 1)
        layout.addLayout(note_row)
        layout.addWidget(self.error)

        self.add_button.clicked.connect(self.add_tag)
        self.new_tag.returnPressed.connect(self.add_tag)
        self.remove_button.clicked.connect(self.remove_tag)
        self.save_note.clicked.connect(self.save)
        self.tags.currentRowChanged.connect(lambda _r: self._update())

    def show_customer(self, customer: CustomerDetail) -> None:
        self.customer = customer
        self.error.hide()
        self.tags.clear()
        self.tags.addItems(list(customer.tags))
        if self.note.toPlainText() != customer.note:
            self.note.setPlainText(customer.note)
        self._update()

    def _editable(self) -> bool:
        return (
            self.customer is not None
            and self.customer.status != "closed"
            and self.ctx.can(Perm.CUSTOMER_EDIT)
        )

    def _update(self) -> None:
        editable = self._editable()
        for widget in (self.new_tag, self.add_button, self.save_note):
            widget.setEnabled(editable)
        self.note.setReadOnly(not editable)
        self.remove_button.setEnabled(editable and self.tags.currentItem() is not None)

    def _run(self, fn: Any, **kwargs: Any) -> None:
        assert self.customer is not None
        self.error.hide()
        self.ctx.runner.run_command(
            fn,
            actor=self.ctx.actor,
            customer_id=self.customer.id,
            on_done=lambda _r: self.changed.emit(),
            on_error=self._refused,
            changes=CHANGES,
            **kwargs,
        )

    def add_tag(self) -> None:
        if self._editable() and self.new_tag.text().strip():
            self._run(customer_profile.add_tag, tag=self.new_tag.text())
            self.new_tag.clear()

    def remove_tag(self) -> None:
        item = self.tags.currentItem()
        if self._editable() and item is not None:
            self._run(customer_profile.remove_tag, tag=item.text())

    def save(self) -> None:
        if self._editable():
            self._run(customer_profile.set_note, note=self.note.toPlainText())

    def _refused(self, failure: TaskFailure) -> None:
        self.error.setText(failure.message)
        self.error.show()
