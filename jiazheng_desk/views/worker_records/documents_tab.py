"""The record's documents tab (expiry in colour, add, correct, verify, reject) with its
certificate dialog, and the read-only tabs: ratings and reviews, complaints, history."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import worker_record_edits
from jiazheng_desk.services.certificates import CERT_TYPES
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.services.worker_records import DocumentRow, WorkerRecord
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.dialogs import ask_text, show_failure
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormDialog
from jiazheng_desk.views.widgets.table import make_list_table
from jiazheng_desk.views.worker_records.texts import (
    days_left_text,
    document_kind_text,
    document_status_text,
    event_text,
    expiry_brush,
    status_text,
)

CHANGES = {"workers", "audit"}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(text))


class WorkerCertificateDialog(FormDialog):
    """Add a certificate, or correct one (a new type, number or expiry needs verifying)."""

    def __init__(
        self,
        ctx: DeskContext,
        record: WorkerRecord,
        document: DocumentRow | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("certificateDialog")
        self.ctx = ctx
        self.record = record
        self.document = document
        self.setWindowTitle(
            self.tr("Add a certificate") if document is None else self.tr("Correct the certificate")
        )
        self.cert_type = QComboBox(self)
        self.cert_type.setObjectName("certType")
        self.cert_type.setEditable(True)
        self.cert_type.addItems(list(CERT_TYPES))
        self.number = QLineEdit(self)
        self.number.setObjectName("certNumber")
        self.issuer = QLineEdit(self)
        self.issuer.setObjectName("certIssuer")
        self.has_issued = QCheckBox(self.tr("Issue date known"), self)
        self.issued_on = QDateEdit(self)
        self.issued_on.setObjectName("certIssued")
        self.issued_on.setCalendarPopup(True)
        self.issued_on.setDisplayFormat("yyyy-MM-dd")
        self.issued_on.setEnabled(False)
        self.expires_on = QDateEdit(self)
        self.expires_on.setObjectName("certExpires")
        self.expires_on.setCalendarPopup(True)
        self.expires_on.setDisplayFormat("yyyy-MM-dd")
        self.has_issued.toggled.connect(self.issued_on.setEnabled)
        today = _qdate(record.today)
        self.issued_on.setDate(today)
        self.expires_on.setDate(today.addYears(1))
        if document is not None:
            self.cert_type.setCurrentText(document.cert_type)
            self.number.setText(document.number)
            self.issuer.setText(document.issuer)
            if document.issued_on is not None:
                self.has_issued.setChecked(True)
                self.issued_on.setDate(_qdate(document.issued_on))
            if document.expires_on is not None:
                self.expires_on.setDate(_qdate(document.expires_on))
        issued = QHBoxLayout()
        issued.addWidget(self.has_issued)
        issued.addWidget(self.issued_on, 1)
        issued_box = QWidget(self)
        issued_box.setLayout(issued)
        self.add_row("cert_type", self.tr("Type"), self.cert_type)
        self.add_row("cert_number", self.tr("Number"), self.number)
        self.add_row("cert_issuer", self.tr("Issuer"), self.issuer)
        self.add_row("issued_on", self.tr("Issued on"), issued_box)
        self.add_row("expires_on", self.tr("Valid until"), self.expires_on)

    def save(self) -> None:
        self.ctx.runner.run_command(
            worker_record_edits.save_certificate,
            actor=self.ctx.actor,
            worker_id=self.record.id,
            document_id=self.document.id if self.document is not None else None,
            cert_type=self.cert_type.currentText(),
            number=self.number.text(),
            issuer=self.issuer.text(),
            issued_on=_day(self.issued_on.date()) if self.has_issued.isChecked() else None,
            expires_on=_day(self.expires_on.date()),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )


class WorkerDocumentsTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record: WorkerRecord | None = None
        self.dialog: QWidget | None = None
        self.table = make_list_table(
            self,
            "documentTable",
            [
                self.tr("Kind"),
                self.tr("Type"),
                self.tr("Number"),
                self.tr("Issuer"),
                self.tr("Valid until"),
                self.tr("Days left"),
                self.tr("State"),
                self.tr("Verified by"),
            ],
        )
        self.add_button = QPushButton(self.tr("Add a certificate…"), self)
        self.add_button.setObjectName("addCertificate")
        self.edit_button = QPushButton(self.tr("Correct…"), self)
        self.edit_button.setObjectName("editCertificate")
        self.verify_button = QPushButton(self.tr("Verify"), self)
        self.verify_button.setObjectName("verifyDocument")
        self.reject_button = QPushButton(self.tr("Reject…"), self)
        self.reject_button.setObjectName("rejectDocument")
        may_edit = ctx.can(Perm.WORKER_EDIT)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.verify_button, self.reject_button):
            button.setVisible(may_edit)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.hint = QLabel(
            self.tr(
                "A certificate counts for dispatch while it is verified and before its "
                "expiry day; red: no longer valid, amber: expires within 30 days."
            ),
            self,
        )
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.verify_button.clicked.connect(self.verify)
        self.reject_button.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def show_record(self, record: WorkerRecord) -> None:
        self.record = record
        docs = record.documents
        self.table.setRowCount(len(docs))
        for r, d in enumerate(docs):
            cells = [
                document_kind_text(d.kind),
                d.cert_type,
                d.number,
                d.issuer,
                d.expires_on.isoformat() if d.expires_on else "—",
                days_left_text(d.days_left) if d.expires_on else "—",
                document_status_text(d.status),
                d.verified_by_name,
            ]
            brush = expiry_brush(d.days_left)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, d.id)
                if brush is not None and c in (4, 5):
                    item.setForeground(brush)
                self.table.setItem(r, c, item)
        self._update_buttons()

    def selected(self) -> DocumentRow | None:
        if self.record is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.record.documents[rows[0].row()]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.add_button.setEnabled(self.record is not None)
        self.edit_button.setEnabled(chosen is not None and chosen.kind == "certificate")
        self.verify_button.setEnabled(chosen is not None and chosen.status != "verified")
        self.reject_button.setEnabled(chosen is not None and chosen.status != "rejected")

    def add(self) -> None:
        self._open(None)

    def edit(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._open(chosen)

    def _open(self, document: DocumentRow | None) -> None:
        if self.record is None:
            return
        dialog = WorkerCertificateDialog(self.ctx, self.record, document, self)
        dialog.accepted.connect(self.changed.emit)
        self.dialog = dialog
        dialog.open()

    def verify(self) -> None:
        self._decide(True, "")

    def reject(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        self.dialog = ask_text(
            self,
            self.tr("Reject the document"),
            self.tr("Why is it rejected (blurred, wrong person, forged…)?"),
            lambda reason: self._decide(False, reason),
            name="rejectReason",
        )

    def _decide(self, approve: bool, reason: str) -> None:
        chosen = self.selected()
        if chosen is None or self.record is None:
            return
        self.ctx.runner.run_command(
            worker_record_edits.verify_certificate,
            actor=self.ctx.actor,
            worker_id=self.record.id,
            document_id=chosen.id,
            approve=approve,
            reason=reason,
            on_done=lambda _doc: self.changed.emit(),
            on_error=self._refused,
            changes=CHANGES,
        )

    def _refused(self, failure: TaskFailure) -> None:
        self.dialog = show_failure(self, failure)


class WorkerRatingsTab(QWidget):
    """The rating, the recent reviews and the complaints about the worker."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summary = QLabel(self)
        self.summary.setObjectName("ratingSummary")
        self.summary.setStyleSheet("font-weight: bold;")
        self.reviews = make_list_table(
            self,
            "reviewTable",
            [self.tr("Date"), self.tr("Overall"), self.tr("Customer"), self.tr("Review")],
        )
        self.complaints = make_list_table(
            self,
            "complaintTable",
            [
                self.tr("Date"),
                self.tr("Category"),
                self.tr("Priority"),
                self.tr("State"),
                self.tr("Complaint"),
            ],
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Recent reviews"), self))
        layout.addWidget(self.reviews, 1)
        layout.addWidget(QLabel(self.tr("Complaints"), self))
        layout.addWidget(self.complaints, 1)

    def show_record(self, record: WorkerRecord) -> None:
        tz = record.timezone
        if record.rating_average is None:
            self.summary.setText(self.tr("No ratings yet."))
        else:
            self.summary.setText(
                self.tr("Average {avg} ★ from {n} reviews").format(
                    avg=f"{record.rating_average:.1f}", n=record.rating_count
                )
            )
        _fill(
            self.reviews,
            [
                [
                    fmt.local_time(r.created_at, tz)[:10],
                    "★" * r.overall,
                    r.customer_name,
                    r.text,
                ]
                for r in record.recent_reviews
            ],
        )
        _fill(
            self.complaints,
            [
                [fmt.local_time(c.created_at, tz)[:10], c.category, c.priority, c.state, c.text]
                for c in record.complaints
            ],
        )


class WorkerHistoryTab(QWidget):
    """The worker's state history: vetting, suspensions and reinstatements, with reasons."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = make_list_table(
            self,
            "historyTable",
            [
                self.tr("When"),
                self.tr("Event"),
                self.tr("From"),
                self.tr("To"),
                self.tr("By"),
                self.tr("Reason"),
            ],
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def show_record(self, record: WorkerRecord) -> None:
        _fill(
            self.table,
            [
                [
                    fmt.local_time(h.created_at, record.timezone),
                    event_text(h.event),
                    status_text(h.from_state) if h.entity == "worker" else h.from_state,
                    status_text(h.to_state) if h.entity == "worker" else h.to_state,
                    h.actor_name or h.actor_kind,
                    h.reason,
                ]
                for h in record.history
            ],
        )
