"""Finance → Invoice requests: the queue of the customers' requests; issue one (the next
number of the branch and year), reject one with a reason the customer reads, save or print
the PDF of an issued one, void it with a reason; export the issued invoices to Excel."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.reports import invoice_pdf
from jiazheng_desk.reports.invoices_excel import InvoiceExport, export_invoices_excel
from jiazheng_desk.reports.rmb_words import amount_in_words
from jiazheng_desk.services import invoice_views, invoices
from jiazheng_desk.services.invoice_views import (
    InvoiceFilter,
    InvoiceRequestDetail,
    InvoiceRequestFilter,
    InvoiceRequestRow,
)
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.dialogs import ask_text, inform, show_failure
from jiazheng_desk.views.invoices import texts
from jiazheng_desk.views.invoices.gateways import invoice_gateway
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.quality.common import branch_filter, date_edit, period, today
from jiazheng_desk.views.uistate import ui_settings
from jiazheng_desk.views.widgets.layout import list_and_detail
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_list_table, make_table, selected_row

CHANGES = frozenset({"invoices"})
FOLDER_KEY = "invoices/save_dir"
DEFAULT_DAYS = 30


def _folder() -> Path:
    saved = ui_settings().value(FOLDER_KEY)
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


class InvoiceRequestsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: InvoiceRequestDetail | None = None
        self.message: QWidget | None = None
        self.question: QWidget | None = None
        self.last_saved = ""
        self.state = QComboBox(self)
        self.state.setObjectName("invoiceStateFilter")
        self.state.addItem(self.tr("All states"), None)
        for code, name in texts.request_states().items():
            self.state.addItem(name, code)
        self.state.setCurrentIndex(self.state.findData("requested"))
        self.branch = branch_filter(ctx, self, "invoiceBranch", self.tr("All branches"))
        self.use_period = QCheckBox(self.tr("Period"), self)
        self.use_period.setObjectName("invoicePeriod")
        self.use_period.setToolTip(
            self.tr("Requests asked for in these days; the export takes invoices issued in them")
        )
        day = today(ctx.tz)
        self.since = date_edit(self, "invoiceSince", day - timedelta(days=DEFAULT_DAYS))
        self.until = date_edit(self, "invoiceUntil", day)
        self.since.setEnabled(False)
        self.until.setEnabled(False)
        self.search = QLineEdit(self)
        self.search.setObjectName("invoiceSearch")
        self.search.setPlaceholderText(self.tr("Title, tax id or number"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.count = QLabel(self)
        self.count.setObjectName("invoiceCount")
        self.export_button = QPushButton(self.tr("Export invoices…"), self)
        self.export_button.setObjectName("invoiceExport")
        self.export_button.setToolTip(
            self.tr("The invoices issued in the period (or all) of the branch, to Excel")
        )
        self.model = PagedTableModel(
            ctx.runner, self._columns(), key="invoices.requests", parent=self
        )
        self.table = make_table(self.model, self, "invoiceTable", descending=True)
        self.model.loaded.connect(lambda n: self.count.setText(self.tr("{n} requests").format(n=n)))
        self.model.load_failed.connect(lambda f: self.count.setText(f.message))

        filters = QHBoxLayout()
        for w in (
            self.state,
            self.branch,
            self.use_period,
            self.since,
            QLabel(self.tr("to"), self),
            self.until,
            self.search,
        ):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.count)
        filters.addWidget(self.export_button)
        list_and_detail(self, filters, self.table, self._build_detail())

        for combo in (self.state, self.branch):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.use_period.toggled.connect(self._period_toggled)
        self.since.dateChanged.connect(lambda _d: self._period_changed())
        self.until.dateChanged.connect(lambda _d: self._period_changed())
        self.search.returnPressed.connect(self.reload)
        self.search.textChanged.connect(lambda text: self.reload() if not text else None)
        self.export_button.clicked.connect(self.export)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._load_detail())
        self.reload()

    def _columns(self) -> list[Column]:
        tz = self.ctx.tz
        states = texts.request_states()
        branch = [Column(self.tr("Branch"), lambda v: v.branch_name)]
        return [
            Column("#", lambda v: str(v.id), "id", True),
            Column(self.tr("Asked"), lambda v: fmt.local_time(v.created_at, tz), "created_at"),
            # branch staff see their own branch only
            *(branch if self.ctx.actor.is_hq else []),
            Column(self.tr("Customer"), lambda v: v.customer_name),
            Column(self.tr("Title"), lambda v: v.title, tooltip=lambda v: v.title),
            Column(self.tr("Tax id"), lambda v: texts.buyer(v.tax_id)),
            Column(self.tr("Amount"), lambda v: fmt.yuan(v.amount_fen), "amount_fen", True),
            Column(self.tr("Orders"), lambda v: str(v.order_count), None, True),
            Column(self.tr("State"), lambda v: texts.name_of(states, v.state), "state"),
            Column(self.tr("Invoice no."), lambda v: v.invoice_no),
            Column(self.tr("Issued"), lambda v: fmt.local_time(v.issued_at, tz)),
        ]

    def _build_detail(self) -> QWidget:
        panel = QWidget(self)
        panel.setObjectName("invoiceDetail")
        self.title = QLabel(self.tr("Choose a request"), panel)
        self.title.setObjectName("invoiceTitle")
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.summary = QLabel(panel)
        self.summary.setObjectName("invoiceSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        can_issue = self.ctx.can(Perm.INVOICE_ISSUE)
        self.issue_button = QPushButton(self.tr("Issue"), panel)
        self.issue_button.setObjectName("invoiceIssue")
        self.reject_button = QPushButton(self.tr("Reject…"), panel)
        self.reject_button.setObjectName("invoiceReject")
        self.save_button = QPushButton(self.tr("Save PDF…"), panel)
        self.save_button.setObjectName("invoiceSavePdf")
        self.print_button = QPushButton(self.tr("Open to print"), panel)
        self.print_button.setObjectName("invoicePrint")
        self.void_button = QPushButton(self.tr("Void…"), panel)
        self.void_button.setObjectName("invoiceVoid")
        for b in (self.issue_button, self.reject_button, self.void_button):
            b.setVisible(can_issue)
        self.lines = make_list_table(
            panel,
            "invoiceLines",
            [self.tr("Order"), self.tr("Service"), self.tr("Day"), self.tr("Amount")],
        )
        self.steps = make_list_table(
            panel,
            "invoiceSteps",
            [self.tr("When"), self.tr("Step"), self.tr("By"), self.tr("Note")],
        )
        buttons = QHBoxLayout()
        for b in (
            self.issue_button,
            self.reject_button,
            self.save_button,
            self.print_button,
            self.void_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box = QVBoxLayout(panel)
        box.addWidget(self.title)
        box.addWidget(self.summary)
        box.addLayout(buttons)
        box.addWidget(QLabel(self.tr("Orders on the invoice"), panel))
        box.addWidget(self.lines, 2)
        box.addWidget(QLabel(self.tr("History"), panel))
        box.addWidget(self.steps, 1)
        self.issue_button.clicked.connect(self.issue)
        self.reject_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.open_pdf)
        self.void_button.clicked.connect(self.void)
        self._show(None)
        return panel

    # --- loading ----------------------------------------------------------------------

    def _period_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)
        self.reload()

    def _period_changed(self) -> None:
        if self.use_period.isChecked():
            self.reload()

    def _period(self) -> tuple[Any, Any]:
        if not self.use_period.isChecked():
            return None, None
        return period(self.since, self.until, self.ctx.tz)

    def current_filter(self) -> InvoiceRequestFilter:
        since, until = self._period()
        return InvoiceRequestFilter(
            state=self.state.currentData(),
            branch_id=self.branch.currentData(),
            since=since,
            until=until,
            text=self.search.text(),
        )

    def reload(self) -> None:
        self.model.set_fetch(
            list_fetch(
                invoice_views.list_invoice_requests,
                actor=self.ctx.actor,
                flt=self.current_filter(),
            )
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "invoices" in changes:
            self.model.reload()

    def selected(self) -> InvoiceRequestRow | None:
        item = self.model.item(selected_row(self.table))
        return item if isinstance(item, InvoiceRequestRow) else None

    def _load_detail(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        self.ctx.runner.run_query(
            invoice_views.get_invoice_request,
            actor=self.ctx.actor,
            request_id=chosen.id,
            on_done=self._show,
            on_error=self._failed,
            key="invoices.detail",
        )

    def _failed(self, failure: TaskFailure) -> None:
        self.summary.setText(failure.message)

    def _show(self, detail: InvoiceRequestDetail | None) -> None:
        self.detail = detail
        row = detail.row if detail is not None else None
        state = row.state if row is not None else ""
        has_invoice = row is not None and row.invoice_id is not None
        self.issue_button.setEnabled(state in invoices.REQUEST_TRANSITIONS["issue"])
        self.reject_button.setEnabled(state in invoices.REQUEST_TRANSITIONS["reject"])
        self.void_button.setEnabled(
            row is not None and row.invoice_state in invoices.INVOICE_TRANSITIONS["void"]
        )
        self.save_button.setEnabled(has_invoice)
        self.print_button.setEnabled(has_invoice)
        self.lines.setRowCount(0)
        self.steps.setRowCount(0)
        if detail is None or row is None:
            self.summary.clear()
            return
        tz = self.ctx.tz
        states = texts.request_states()
        self.title.setText(
            self.tr("Request #{id} · {state}").format(
                id=row.id, state=texts.name_of(states, row.state)
            )
        )
        lines = [
            self.tr("Title: {title}").format(title=row.title),
            self.tr("Tax id: {tax_id}").format(tax_id=texts.buyer(row.tax_id)),
            self.tr("Email: {email}  Customer: {customer}").format(
                email=row.email, customer=row.customer_name
            ),
            self.tr("Amount: {money} ({words})").format(
                money=fmt.yuan(row.amount_fen), words=amount_in_words(row.amount_fen)
            ),
        ]
        if row.invoice_no:
            lines.append(
                self.tr("Invoice {number}, issued {when}").format(
                    number=row.invoice_no, when=fmt.local_time(row.issued_at, tz)
                )
            )
        if detail.filing_ref:
            lines.append(self.tr("Platform reference: {ref}").format(ref=detail.filing_ref))
        if row.reason:
            lines.append(self.tr("Reason: {reason}").format(reason=row.reason))
        self.summary.setText("\n".join(lines))
        for line in detail.lines:
            self._append(
                self.lines,
                (
                    line.order_no,
                    line.service_name,
                    line.service_day.isoformat(),
                    fmt.yuan(line.amount_fen),
                ),
            )
        for step in detail.steps:
            if step.entity == "invoice_request" and step.event in ("issue", "void"):
                continue  # the invoice's own step says it, with the reference or the reason
            self._append(
                self.steps,
                (
                    fmt.local_time(step.at, tz),
                    texts.name_of(texts.events(), step.event),
                    step.actor_name,
                    step.reason,
                ),
            )

    @staticmethod
    def _append(table: Any, values: tuple[str, ...]) -> None:
        r = table.rowCount()
        table.insertRow(r)
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)

    # --- actions ----------------------------------------------------------------------

    def _run(self, fn: Any, **kwargs: Any) -> None:
        self.ctx.runner.run_command(
            fn, actor=self.ctx.actor, on_done=self._show, changes=CHANGES, **kwargs
        )

    def issue(self) -> None:
        if self.detail is None:
            return
        row = self.detail.row
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Issue the invoice"),
            self.tr(
                "Issue an invoice of {money} to {title}?\n"
                "It takes the next invoice number and is filed with the tax platform."
            ).format(money=fmt.yuan(row.amount_fen), title=row.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("invoiceIssueConfirm")
        request_id = row.id

        def answered(button: int) -> None:
            if button == int(QMessageBox.StandardButton.Yes):
                self._run(invoices.issue_invoice, request_id=request_id, gateway=invoice_gateway())

        box.finished.connect(answered)
        self.question = box
        box.open()

    def reject(self) -> None:
        if self.detail is None:
            return
        request_id = self.detail.row.id
        self.question = ask_text(
            self,
            self.tr("Reject the request"),
            self.tr("Why? The customer reads this in the app:"),
            lambda text: self._run(
                invoices.reject_invoice_request, request_id=request_id, reason=text
            ),
            name="invoiceRejectAsk",
        )

    def void(self) -> None:
        if self.detail is None or self.detail.row.invoice_id is None:
            return
        invoice_id = self.detail.row.invoice_id
        self.question = ask_text(
            self,
            self.tr("Void the invoice"),
            self.tr("Why is invoice {number} voided? Its number stays used.").format(
                number=self.detail.row.invoice_no
            ),
            lambda text: self._run(
                invoices.void_invoice, invoice_id=invoice_id, reason=text, gateway=invoice_gateway()
            ),
            name="invoiceVoidAsk",
        )

    def _write_pdf(self, path: Path, then: Any) -> None:
        assert self.detail is not None
        assert self.detail.row.invoice_id is not None
        self.ctx.runner.run_query(
            invoice_pdf.save_invoice_pdf,
            actor=self.ctx.actor,
            invoice_id=self.detail.row.invoice_id,
            path=str(path),
            on_done=then,
            on_error=lambda f: self._show_failure(f),
        )

    def _show_failure(self, failure: TaskFailure) -> None:
        self.message = show_failure(self.window(), failure)

    def save_pdf(self) -> None:
        if self.detail is None or not self.detail.row.invoice_no:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the invoice"),
            str(_folder() / f"{self.detail.row.invoice_no}.pdf"),
            self.tr("PDF (*.pdf)"),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        self._write_pdf(target, self._saved)

    def _saved(self, path: str) -> None:
        self.last_saved = path
        ui_settings().setValue(FOLDER_KEY, str(Path(path).parent))
        self.message = inform(
            self.window(),
            self.tr("Invoice saved"),
            self.tr("The invoice was saved to\n{path}").format(path=path),
            "invoiceSaved",
        )

    def open_pdf(self) -> None:
        """Write the PDF to the temporary folder and open it in the system's viewer to print."""
        if self.detail is None or not self.detail.row.invoice_no:
            return
        folder = Path(tempfile.gettempdir()) / "jiazheng-invoices"
        self._write_pdf(folder / f"{self.detail.row.invoice_no}.pdf", self._opened)

    def _opened(self, path: str) -> None:
        self.last_saved = path
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            self.message = inform(
                self.window(),
                self.tr("No PDF viewer"),
                self.tr("No program opened the PDF. It is at\n{path}").format(path=path),
                "invoiceNoViewer",
            )

    def export(self) -> None:
        stamp = clock.now().astimezone(ZoneInfo(self.ctx.tz)).strftime("%Y%m%d-%H%M")
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export to Excel"),
            str(_folder() / f"invoices-{stamp}.xlsx"),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        since, until = self._period()
        flt = InvoiceFilter(branch_id=self.branch.currentData(), since=since, until=until)
        self.export_button.setEnabled(False)
        self.ctx.runner.run_query(
            export_invoices_excel,
            actor=self.ctx.actor,
            path=str(target),
            flt=flt,
            on_done=self._exported,
            on_error=self._export_failed,
        )

    def _exported(self, result: InvoiceExport) -> None:
        self.export_button.setEnabled(True)
        self.last_saved = result.path
        self.message = inform(
            self.window(),
            self.tr("Export finished"),
            self.tr("{n} invoices ({money} issued) were written to\n{path}").format(
                n=result.rows, money=fmt.yuan(result.total_fen), path=result.path
            ),
            "invoiceExportDone",
        )

    def _export_failed(self, failure: TaskFailure) -> None:
        self.export_button.setEnabled(True)
        self._show_failure(failure)
