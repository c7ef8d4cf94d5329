"""The record's profile tab: the editable profile, and the personal numbers shown masked
with a "Show" button for the roles that may see them whole (each show is audited)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import worker_record_edits, worker_records
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.services.worker_records import Revealed, WorkerRecord
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormErrors, error_label
from jiazheng_desk.views.worker_records.texts import gender_text

CHANGES = {"workers", "audit"}


class WorkerProfileTab(QWidget):
    saved = Signal(object)  # WorkerRecord

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record: WorkerRecord | None = None
        may_edit = ctx.can(Perm.WORKER_EDIT)
        self.name = self._edit("workerName")
        self.gender = QComboBox(self)
        self.gender.setObjectName("workerGender")
        for code in ("female", "male"):
            self.gender.addItem(gender_text(code), code)
        self.phone = self._edit("workerPhone")
        self.years = QSpinBox(self)
        self.years.setObjectName("workerYears")
        self.years.setRange(0, 60)
        self.years.setSuffix(self.tr(" years"))
        self.address = self._edit("workerAddress")
        self.bio = QPlainTextEdit(self)
        self.bio.setObjectName("workerBio")
        self.bio.setFixedHeight(70)
        self.bank_name = self._edit("workerBankName")
        self.bank_account = self._edit("workerBankAccount")
        self.bank_account.setPlaceholderText(self.tr("A new account number; empty keeps the old"))
        self.id_number = QLabel(self)
        self.id_number.setObjectName("idNumberShown")
        self.id_number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_id = QPushButton(self.tr("Show"), self)
        self.show_id.setObjectName("revealIdNumber")
        self.bank_shown = QLabel(self)
        self.bank_shown.setObjectName("bankAccountShown")
        self.bank_shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_bank = QPushButton(self.tr("Show"), self)
        self.show_bank.setObjectName("revealBankAccount")
        may_reveal = ctx.can(Perm.PII_REVEAL)
        self.show_id.setVisible(may_reveal)
        self.show_bank.setVisible(may_reveal)
        self.facts = QLabel(self)
        self.facts.setObjectName("workerFacts")
        self.facts.setProperty("role", "hint")
        self.facts.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save changes"), self)
        self.save_button.setObjectName("saveWorkerProfile")
        self.save_button.setVisible(may_edit)

        self.errors = FormErrors(error_label(self, "workerProfileError"), {})
        form = QFormLayout()
        for key, label, widget in (
            ("name", self.tr("Name"), self.name),
            ("gender", self.tr("Gender"), self.gender),
            ("phone", self.tr("Mobile"), self.phone),
            ("years_experience", self.tr("Experience"), self.years),
            ("home_address", self.tr("Home address"), self.address),
            ("bio", self.tr("About"), self.bio),
            ("bank_name", self.tr("Bank"), self.bank_name),
            ("bank_account", self.tr("Bank account"), self.bank_account),
        ):
            form.addRow(label, widget)
            self.errors.fields[key] = error_label(self, f"error:{key}")
            form.addRow("", self.errors.fields[key])
        form.addRow(self.tr("ID number"), self._pair(self.id_number, self.show_id))
        form.addRow(self.tr("Account on file"), self._pair(self.bank_shown, self.show_bank))
        for widget in (self.name, self.phone, self.address, self.bank_name, self.bank_account):
            widget.setReadOnly(not may_edit)
        self.bio.setReadOnly(not may_edit)
        self.gender.setEnabled(may_edit)
        self.years.setEnabled(may_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addLayout(buttons)
        layout.addWidget(self.facts)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.show_id.clicked.connect(partial(self.reveal, "id_number"))
        self.show_bank.clicked.connect(partial(self.reveal, "bank_account"))

    def _edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        return edit

    def _pair(self, label: QLabel, button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(button)
        row.addStretch(1)
        return row

    def show_record(self, record: WorkerRecord) -> None:
        self.record = record
        self.errors.clear()
        self.name.setText(record.name)
        self.gender.setCurrentIndex(max(0, self.gender.findData(record.gender)))
        self.phone.setText(record.phone)
        self.years.setValue(record.years_experience)
        self.address.setText(record.home_address)
        self.bio.setPlainText(record.bio)
        self.bank_name.setText(record.bank_name)
        self.bank_account.clear()
        self.id_number.setText(record.id_number_masked or self.tr("Not on file"))
        self.bank_shown.setText(record.bank_account_masked or self.tr("Not on file"))
        self.show_id.setEnabled(record.has_id_number)
        self.show_bank.setEnabled(record.has_bank_account)
        self.facts.setText(
            self.tr("Worker no. {id} · branch {branch} · born {birth} · joined {joined}").format(
                id=record.id,
                branch=record.branch_name,
                birth=record.birth_date.isoformat() if record.birth_date else "—",
                joined=record.joined_on.isoformat() if record.joined_on else "—",
            )
        )

    def save(self) -> None:
        record = self.record
        if record is None:
            return
        self.errors.clear()
        self.save_button.setEnabled(False)
        account = self.bank_account.text().strip()
        self.ctx.runner.run_command(
            worker_record_edits.update_worker_profile,
            actor=self.ctx.actor,
            worker_id=record.id,
            name=self.name.text(),
            gender=self.gender.currentData(),
            phone=self.phone.text(),
            years_experience=self.years.value(),
            home_address=self.address.text(),
            bio=self.bio.toPlainText(),
            bank_name=self.bank_name.text(),
            bank_account=account or None,
            on_done=self._saved,
            on_error=self._refused,
            changes=CHANGES,
        )

    def _saved(self, record: WorkerRecord) -> None:
        self.save_button.setEnabled(True)
        self.saved.emit(record)

    def _refused(self, failure: TaskFailure) -> None:
        self.save_button.setEnabled(True)
        self.errors.show(failure)

    def reveal(self, field: str) -> None:
        record = self.record
        if record is None:
            return
        self.ctx.runner.run_command(
            worker_records.reveal_personal_data,
            actor=self.ctx.actor,
            worker_id=record.id,
            field=field,
            on_done=self._revealed,
            on_error=self._refused,
            changes={"audit"},
        )

    def _revealed(self, shown: Revealed) -> None:
        if self.record is None or shown.worker_id != self.record.id:
            return
        label = self.id_number if shown.field == "id_number" else self.bank_shown
        label.setText(shown.value)
