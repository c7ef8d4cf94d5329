"""One application: the applicant, the checks (each with its result, who ran it and
when, and a way to run or record it), the documents with their photos, the history,
and the decisions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.services import (
    branches,
    catalog,
    vetting,
    vetting_checks,
    vetting_decisions,
    vetting_recorded,
)
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.catalog import SkillView as CatalogSkill
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.services.vetting import CaseView, DocumentView, PhotoData
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.dialogs import show_failure
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.vetting import gateways, texts
from jiazheng_desk.views.vetting.dialogs import (
    CHANGES,
    ApproveDialog,
    CertificateDialog,
    InterviewDialog,
    ReasonDialog,
)
from jiazheng_desk.views.vetting.photo_viewer import PhotoViewer
from jiazheng_desk.views.widgets.table import make_list_table

OPEN_STATES = ("new", "under_review", "waiting_documents")
# checks the desk runs by itself; the others are recorded through a dialog
AUTOMATIC = (
    "id_number",
    "duplicate",
    "blacklist",
    "background",
    "identity",
    "training",
    "certificate",
)


def _age(born: date | None) -> str:
    if born is None:
        return "—"
    today = clock.now().date()
    return str(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))


class CasePanel(QWidget):
    changed = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case: CaseView | None = None
        self.dialog: QWidget | None = None
        self.skills: list[CatalogSkill] = []

        self.title = QLabel(self)
        self.title.setObjectName("caseTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.state = QLabel(self)
        self.state.setObjectName("caseState")
        self.take_button = self._button("takeCase", self.tr("Take"), self.take)
        self.approve_button = self._button("approveCase", self.tr("Approve…"), self.approve)
        self.reject_button = self._button("rejectCase", self.tr("Reject…"), self.reject)
        self.ask_button = self._button("askDocuments", self.tr("Ask for documents…"), self.ask)
        self.info = QLabel(self)
        self.info.setObjectName("applicantInfo")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.decision = QLabel(self)
        self.decision.setObjectName("caseDecision")
        self.decision.setWordWrap(True)

        self.checks = make_list_table(
            self,
            "checksTable",
            [
                self.tr("Check"),
                self.tr("Result"),
                self.tr("Detail"),
                self.tr("By"),
                self.tr("When"),
            ],
        )
        self.checks.setWordWrap(True)
        self.run_all_button = self._button(
            "runAllChecks", self.tr("Run automatic checks"), self.run_all
        )
        self.run_button = self._button("runCheck", self.tr("Run selected check"), self.run_selected)
        self.interview_button = self._button(
            "recordInterview", self.tr("Interview…"), self.interview
        )

        self.documents = make_list_table(
            self,
            "documentsTable",
            [
                self.tr("Document"),
                self.tr("Number"),
                self.tr("Issuer"),
                self.tr("Valid until"),
                self.tr("Status"),
            ],
        )
        self.verify_button = self._button(
            "verifyCertificate", self.tr("Verify certificate…"), self.verify_certificate
        )
        self.photo = PhotoViewer(self)
        self.history = make_list_table(
            self,
            "historyTable",
            [self.tr("When"), self.tr("What"), self.tr("Who"), self.tr("Reason")],
        )
        self._layout()
        self.checks.itemSelectionChanged.connect(self._update_buttons)
        self.checks.doubleClicked.connect(lambda _i: self.run_selected())
        self.documents.itemSelectionChanged.connect(self._document_chosen)
        self.documents.doubleClicked.connect(lambda _i: self.verify_certificate())
        self._update_buttons()

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.state)
        header.addStretch(1)
        for b in (self.take_button, self.approve_button, self.reject_button, self.ask_button):
            header.addWidget(b)
        checks_tab = QWidget(self)
        checks_layout = QVBoxLayout(checks_tab)
        checks_layout.addWidget(self.checks, 1)
        row = QHBoxLayout()
        for b in (self.run_all_button, self.run_button, self.interview_button):
            row.addWidget(b)
        row.addStretch(1)
        checks_layout.addLayout(row)
        docs_tab = QWidget(self)
        docs_layout = QVBoxLayout(docs_tab)
        split = QSplitter(Qt.Orientation.Horizontal, docs_tab)
        left = QWidget(split)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.documents, 1)
        left_layout.addWidget(self.verify_button, 0, Qt.AlignmentFlag.AlignLeft)
        split.addWidget(left)
        split.addWidget(self.photo)
        split.setSizes([380, 420])
        docs_layout.addWidget(split)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("caseTabs")
        self.tabs.addTab(checks_tab, self.tr("Checks"))
        self.tabs.addTab(docs_tab, self.tr("Documents and photos"))
        self.tabs.addTab(self.history, self.tr("History"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.info)
        layout.addWidget(self.decision)
        layout.addWidget(self.tabs, 1)

    # --- loading ----------------------------------------------------------------------

    def load(self, case_id: int) -> None:
        self.ctx.runner.run_query(
            vetting.get_case,
            actor=self.ctx.actor,
            case_id=case_id,
            on_done=self.show_case,
            key="vetting.case",
        )

    def reload(self) -> None:
        if self.case is not None:
            self.load(self.case.id)

    def show_case(self, case: CaseView) -> None:
        same = self.case is not None and self.case.id == case.id
        self.case = case
        self.title.setText(f"{case.name}  {case.phone}")
        self.state.setText(texts.state_name(case.state))
        self.state.setProperty("role", "error" if case.state == "rejected" else "hint")
        self.state.style().unpolish(self.state)
        self.state.style().polish(self.state)
        tz = self.ctx.tz
        skills = "、".join(
            f"{s.name}（{s.required_cert_type}）" if s.required_cert_type else s.name
            for s in case.requested_skills
        )
        self.info.setText(
            self.tr(
                "{gender} · born {born} ({age}) · ID {id} · {years} years' experience\n"
                "Asks for: {skills} · Districts: {districts}\n"
                "Home: {home} · {branch} · applied {applied}"
            ).format(
                gender=texts.gender_name(case.gender),
                born=case.birth_date.isoformat() if case.birth_date else "—",
                age=_age(case.birth_date),
                id=case.id_number_masked or "—",
                years=case.years_experience,
                skills=skills or "—",
                districts="、".join(n for _, n in case.districts) or "—",
                home=case.home_address or "—",
                branch=case.branch_name,
                applied=fmt.local_time(case.created_at, tz),
            )
        )
        self._show_decision(case)
        self._fill_checks(case)
        self._fill_documents(case, keep=same)
        self._fill_history(case)
        self._update_buttons()

    def _show_decision(self, case: CaseView) -> None:
        tz = self.ctx.tz
        text = ""
        if case.state == "approved":
            text = self.tr("Approved by {who} on {when}.").format(
                who=case.decided_by_name or "—", when=fmt.local_time(case.decided_at, tz)
            )
            if case.override_reason:
                text += " " + self.tr("HQ override: {reason}").format(reason=case.override_reason)
        elif case.state in ("rejected", "waiting_documents"):
            text = self.tr("Told the applicant: {reason}").format(reason=case.decision_reason)
        self.decision.setText(text)
        self.decision.setVisible(bool(text))

    def _fill_checks(self, case: CaseView) -> None:
        current = self.selected_check()
        self.checks.setRowCount(len(case.checks))
        for row, check in enumerate(case.checks):
            brush = texts.result_brush(check.result)
            cells = [
                texts.check_name(check.kind),
                texts.result_name(check.result),
                check.detail,
                check.run_by_name,
                fmt.local_time(check.run_at, self.ctx.tz),
            ]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, check.kind)
                if col == 1:
                    item.setForeground(brush)
                    bold = QFont(item.font())
                    bold.setBold(check.result != "passed")
                    item.setFont(bold)
                if col == 2:
                    item.setToolTip(value)
                self.checks.setItem(row, col, item)
            if check.kind == current:
                self.checks.selectRow(row)
        self.checks.resizeRowsToContents()

    def _fill_documents(self, case: CaseView, *, keep: bool) -> None:
        current = self.selected_document()
        self.documents.setRowCount(len(case.documents))
        for row, doc in enumerate(case.documents):
            cells = [
                texts.document_name(doc.kind, doc.cert_type),
                doc.number,
                doc.issuer,
                doc.expires_on.isoformat() if doc.expires_on else "",
                texts.document_status(doc.status)
                + (f" · {doc.verified_by_name}" if doc.verified_by_name else ""),
            ]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, doc.id)
                if col == 4 and doc.status == "rejected":
                    item.setForeground(texts.result_brush("failed"))
                self.documents.setItem(row, col, item)
        if keep and current is not None:
            for row, doc in enumerate(case.documents):
                if doc.id == current.id:
                    self.documents.selectRow(row)
        else:
            self.photo.clear()

    def _fill_history(self, case: CaseView) -> None:
        self.history.setRowCount(len(case.events))
        for row, e in enumerate(case.events):
            cells = [
                fmt.local_time(e.created_at, self.ctx.tz),
                texts.event_name(e.event),
                e.actor_name,
                e.reason,
            ]
            for col, value in enumerate(cells):
                self.history.setItem(row, col, QTableWidgetItem(value))

    # --- selection --------------------------------------------------------------------

    def selected_check(self) -> str | None:
        rows = self.checks.selectionModel().selectedRows() if self.checks.selectionModel() else []
        if not rows:
            return None
        item = self.checks.item(rows[0].row(), 0)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def selected_document(self) -> DocumentView | None:
        rows = self.documents.selectionModel().selectedRows()
        if not rows or self.case is None:
            return None
        item = self.documents.item(rows[0].row(), 0)
        doc_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((d for d in self.case.documents if d.id == doc_id), None)

    def _document_chosen(self) -> None:
        doc = self.selected_document()
        self._update_buttons()
        if doc is None:
            return
        caption = texts.document_name(doc.kind, doc.cert_type)
        if doc.media_id is None:
            self.photo.clear(self.tr("{doc}: no photo was uploaded.").format(doc=caption))
            return
        self.ctx.runner.run_query(
            vetting.get_document_photo,
            actor=self.ctx.actor,
            media_id=doc.media_id,
            media_dir=gateways.media_dir(),
            on_done=lambda photo: self._photo_loaded(caption, photo),
            on_error=lambda failure: self.photo.clear(f"{caption}: {failure.message}"),
            key="vetting.photo",
        )

    def _photo_loaded(self, caption: str, photo: PhotoData) -> None:
        self.photo.show_image(photo.data, caption)

    def _update_buttons(self) -> None:
        case = self.case
        is_open = case is not None and case.state in OPEN_STATES
        review = self.ctx.can(Perm.VETTING_REVIEW)
        decide = self.ctx.can(Perm.VETTING_DECIDE)
        self.take_button.setVisible(review)
        self.take_button.setEnabled(case is not None and case.state in ("new", "waiting_documents"))
        for b in (self.approve_button, self.reject_button, self.ask_button):
            b.setVisible(decide)
        self.approve_button.setEnabled(case is not None and case.state in ("new", "under_review"))
        self.ask_button.setEnabled(case is not None and case.state in ("new", "under_review"))
        self.reject_button.setEnabled(is_open)
        self.run_all_button.setEnabled(is_open and review)
        kind = self.selected_check()
        self.run_button.setEnabled(is_open and review and kind in AUTOMATIC)
        self.interview_button.setEnabled(is_open and review)
        doc = self.selected_document()
        self.verify_button.setEnabled(
            is_open and review and doc is not None and doc.kind == "certificate"
        )

    # --- actions ----------------------------------------------------------------------

    def _command(self, fn: Callable[..., Any], **kwargs: Any) -> None:
        assert self.case is not None
        self.ctx.runner.run_command(
            fn,
            actor=self.ctx.actor,
            case_id=self.case.id,
            on_done=lambda _r: self._done(),
            on_error=self._refused,
            changes=CHANGES,
            **kwargs,
        )

    def _done(self) -> None:
        # the page's list refreshes on the runner's change broadcast; the case here
        self.reload()
        self.changed.emit()

    def _refused(self, failure: TaskFailure) -> None:
        self.dialog = show_failure(self, failure)

    def take(self) -> None:
        if self.case is not None:
            self._command(vetting_decisions.take_case)

    def run_all(self) -> None:
        if self.case is None:
            return
        self._command(
            vetting_checks.run_automatic_checks,
            background=gateways.background_gateway(),
            identity=gateways.identity_gateway(),
            media_dir=gateways.media_dir(),
        )

    def run_selected(self) -> None:
        kind = self.selected_check()
        if self.case is None or kind is None:
            return
        if kind == "interview":
            self.interview()
            return
        runs: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {
            "id_number": (vetting_checks.run_id_check, {}),
            "duplicate": (vetting_checks.run_duplicate_check, {}),
            "blacklist": (vetting_checks.run_blacklist_check, {}),
            "background": (
                vetting_checks.run_background_check,
                {"gateway": gateways.background_gateway()},
            ),
            "identity": (
                vetting_checks.run_identity_check,
                {"gateway": gateways.identity_gateway(), "media_dir": gateways.media_dir()},
            ),
            "training": (vetting_checks.run_training_check, {}),
            "certificate": (vetting_recorded.run_certificate_check, {}),
        }
        if kind in runs:
            fn, extra = runs[kind]
            self._command(fn, **extra)

    def _open(self, dialog: Any) -> None:
        dialog.accepted.connect(self._done)
        self.dialog = dialog
        dialog.open()

    def interview(self) -> None:
        if self.case is not None:
            self._open(InterviewDialog(self.ctx, self.case, self))

    def verify_certificate(self) -> None:
        doc = self.selected_document()
        if self.case is None or doc is None or not self.verify_button.isEnabled():
            return
        self._open(CertificateDialog(self.ctx, self.case, doc, self))

    def reject(self) -> None:
        if self.case is not None:
            self._open(ReasonDialog(self.ctx, self.case, "reject", self))

    def ask(self) -> None:
        if self.case is not None:
            self._open(ReasonDialog(self.ctx, self.case, "ask_documents", self))

    def approve(self) -> None:
        """Load the skills and the branch's districts, then ask what to grant."""
        case = self.case
        if case is None:
            return

        def load(session: Any, *, actor: Any) -> tuple[list[CatalogSkill], BranchView]:
            return (
                catalog.list_skills(session),
                branches.get_branch(session, actor=actor, branch_id=case.branch_id),
            )

        self.ctx.runner.run_query(
            load,
            actor=self.ctx.actor,
            on_done=lambda found: self._open(
                ApproveDialog(self.ctx, case, found[0], list(found[1].districts), self)
            ),
            on_error=self._refused,
            key="vetting.approve_choices",
        )
